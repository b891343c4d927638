import { Field, Float, ObjectType } from 'type-graphql';
import { Int } from 'type-graphql';
import { Dispersion as DispersionType, PValueSidedness, TimeUnit } from './enums';

@ObjectType({ description: 'A confidence interval as reported.' })
export class ConfidenceInterval {
  @Field(() => Float, {
    nullable: true,
    description: 'Confidence level in percent (e.g. 95); null when the source does not state it.',
  })
  level: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Lower limit, in the unit of the estimate; null when not reported.',
  })
  lower: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Upper limit, in the unit of the estimate; null when reported as not estimable (NE).',
  })
  upper: number | null;

  @Field(() => PValueSidedness, {
    nullable: true,
    description:
      "ONE_SIDED for a one-sided interval, when the source says (a registry's ciNumSides); null when not stated.",
  })
  sided: string | null;
}

@ObjectType({ description: 'A value the source states as a range (e.g. "62–65 %"); the value itself is then null.' })
export class ValueRange {
  @Field(() => Float, { description: 'Low end of the range.' })
  low: number;

  @Field(() => Float, { description: 'High end of the range.' })
  high: number;
}

@ObjectType({ description: 'The dispersion a registry reports beside a value.' })
export class Dispersion {
  @Field(() => DispersionType, { description: 'Kind of dispersion.' })
  type: string;

  @Field(() => Float, { nullable: true, description: 'A standard deviation or error.' })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'Low end of a range.' })
  lower: number | null;

  @Field(() => Float, { nullable: true, description: 'High end of a range.' })
  upper: number | null;
}

@ObjectType({
  description: 'The subgroup of an arm (or of the whole population) that a result is about, e.g. the pNET patients.',
})
export class Subgroup {
  @Field({ description: 'Label of the subgroup as the source names it.' })
  label: string;

  @Field(() => String, { nullable: true, description: 'The defining criterion as the source states it.' })
  criterion: string | null;

  @Field(() => Int, { nullable: true, description: 'Patients in the subgroup, when reported.' })
  n: number | null;
}

@ObjectType({ description: 'A p-value, as a number with its operator for querying and as the text the source prints.' })
export class PValue {
  @Field(() => String, {
    nullable: true,
    description:
      'Comparison operator as reported: "=", "<", "<=" or ">" (p < 0.001 → "<"); null when the text is not a number ("NA").',
  })
  operator: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The number after the operator (0 to 1); null when the text is not a number ("NA").',
  })
  value: number | null;

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

@ObjectType({ description: 'A comment the source attaches to a value or an analysis, word for word.' })
export class SourceComment {
  @Field({
    description:
      'The field of the source the comment is in (a registry\'s "statisticalComment", "estimateComment", "pValueComment"…).',
  })
  field: string;

  @Field({ description: 'The comment, word for word.' })
  text: string;
}

type Row = Record<string, unknown>;

/** Reads the flattened ci* properties of a node; null when no limit is stored. */
export function ciOf(row: Row): ConfidenceInterval | null {
  if (row.ciLower == null && row.ciUpper == null) return null;
  return {
    level: (row.ciLevel as number) ?? null,
    lower: (row.ciLower as number) ?? null,
    upper: (row.ciUpper as number) ?? null,
    sided: (row.ciSided as string) ?? null,
  };
}

/** Reads rangeLow and rangeHigh; null when the value is not stated as a range. */
export function rangeOf(row: Row): ValueRange | null {
  return row.rangeLow == null ? null : { low: row.rangeLow as number, high: row.rangeHigh as number };
}

/** Reads the flattened dispersion* properties; null when none is stored. */
export function dispersionOf(row: Row): Dispersion | null {
  if (row.dispersionType == null) return null;
  return {
    type: row.dispersionType as string,
    value: (row.dispersionValue as number) ?? null,
    lower: (row.dispersionLower as number) ?? null,
    upper: (row.dispersionUpper as number) ?? null,
  };
}

/** Reads the flattened subgroup* properties; null for a result of the whole arm or cohort. */
export function subgroupOf(row: Row): Subgroup | null {
  if (row.subgroupLabel == null) return null;
  return {
    label: row.subgroupLabel as string,
    criterion: (row.subgroupCriterion as string) ?? null,
    n: (row.subgroupN as number) ?? null,
  };
}

/** Reads the flattened p* properties of a node; null when no p-value is stored (its text is always stored). */
export function pOf(row: Row): PValue | null {
  if (row.pText == null) return null;
  return {
    operator: (row.pOperator as string) ?? null,
    value: (row.pValue as number) ?? null,
    text: row.pText as string,
    sided: (row.pSided as string) ?? null,
  };
}

/** Reads the flattened timePoint* properties of a node. */
export function timePointOf(row: Row): TimePoint | null {
  if (row.timePointValue == null) return null;
  return { value: row.timePointValue as number, unit: row.timePointUnit as string };
}

/** Reads the parallel commentFields and commentTexts lists of a node. */
export function commentsOf(row: Row): SourceComment[] {
  const fields = (row.commentFields as string[] | null) ?? [];
  const texts = (row.commentTexts as string[] | null) ?? [];
  return fields.map((field, i) => ({ field, text: texts[i] }));
}

/** Neo4j leaves absent properties out of maps: turn them into explicit nulls for the fields listed. */
export function withNulls<T extends string>(row: Row, fields: readonly T[]): Record<T, unknown> {
  const out = {} as Record<T, unknown>;
  for (const f of fields) out[f] = row[f] ?? null;
  return out;
}

/** The stored properties of each value object, for reading only what a selection needs. */
export const VALUE_PROPERTIES = {
  ci: ['ciLevel', 'ciLower', 'ciUpper', 'ciSided'],
  range: ['rangeLow', 'rangeHigh'],
  dispersion: ['dispersionType', 'dispersionValue', 'dispersionLower', 'dispersionUpper'],
  subgroup: ['subgroupLabel', 'subgroupCriterion', 'subgroupN'],
  p: ['pOperator', 'pValue', 'pText', 'pSided'],
  timePoint: ['timePointValue', 'timePointUnit'],
  comments: ['commentFields', 'commentTexts'],
} as const;
