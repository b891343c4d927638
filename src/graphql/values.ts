import { Field, Float, ObjectType } from 'type-graphql';
import { PValueSidedness, TimeUnit } from './enums';

@ObjectType({ description: 'A confidence interval as reported.' })
export class ConfidenceInterval {
  @Field(() => Float, { nullable: true, description: 'Confidence level in percent (e.g. 95); null when the source does not state it.' })
  level: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower limit, in the unit of the estimate; null when not reported.' })
  lower: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper limit, in the unit of the estimate; null when reported as not estimable (NE).' })
  upper: number | null;
}

@ObjectType({ description: 'A p-value, as a number with its operator for querying and as the text the source prints.' })
export class PValue {
  @Field({ description: 'Comparison operator as reported: "=", "<", "<=" or ">" (p < 0.001 → "<").' })
  operator: string;

  @Field(() => Float, { description: 'The number after the operator (0 to 1).' })
  value: number;

  @Field({ description: 'The p-value exactly as the source prints it (e.g. "p = 0.90", "P < .001").' })
  text: string;

  @Field(() => PValueSidedness, { nullable: true, description: 'One- or two-sided, when the source says.' })
  sided: string | null;
}

@ObjectType({ description: 'A time point after randomization (e.g. 2 years).' })
export class TimePoint {
  @Field(() => Float, { description: 'Amount of time, in `unit`.' })
  value: number;

  @Field(() => TimeUnit, { description: 'Unit of `value`.' })
  unit: string;
}

type Row = Record<string, unknown>;

/** Reads the flattened ci* properties of a node; null when no limit is stored. */
export function ciOf(row: Row): ConfidenceInterval | null {
  if (row.ciLower == null && row.ciUpper == null) return null;
  return { level: (row.ciLevel as number) ?? null, lower: (row.ciLower as number) ?? null, upper: (row.ciUpper as number) ?? null };
}

/** Reads the flattened p* properties of a node; null when no p-value is stored. */
export function pOf(row: Row): PValue | null {
  if (row.pValue == null) return null;
  return { operator: row.pOperator as string, value: row.pValue as number, text: row.pText as string, sided: (row.pSided as string) ?? null };
}

/** Reads the flattened timePoint* properties of a node. */
export function timePointOf(row: Row): TimePoint | null {
  if (row.timePointValue == null) return null;
  return { value: row.timePointValue as number, unit: row.timePointUnit as string };
}

/** Neo4j leaves absent properties out of maps: turn them into explicit nulls for the fields listed. */
export function withNulls<T extends string>(row: Row, fields: readonly T[]): Record<T, unknown> {
  const out = {} as Record<T, unknown>;
  for (const f of fields) out[f] = row[f] ?? null;
  return out;
}

/** The stored properties of each value object, for reading only what a selection needs. */
export const VALUE_PROPERTIES = {
  ci: ['ciLevel', 'ciLower', 'ciUpper'],
  p: ['pOperator', 'pValue', 'pText', 'pSided'],
  timePoint: ['timePointValue', 'timePointUnit'],
} as const;
