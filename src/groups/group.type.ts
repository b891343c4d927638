import { Field, ID, Int, ObjectType } from 'type-graphql';
import { FlowCountKind, GroupArmTie } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({
  description: "A group's adverse-event totals, as a registry reports them: participants affected and at risk.",
})
export class AdverseEventTotals {
  @Field(() => Int, { nullable: true, description: 'Participants with at least one serious adverse event.' })
  seriousAffected: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Participants at risk of serious adverse events (the denominator).',
  })
  seriousAtRisk: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Participants with at least one other (not serious) adverse event above the frequency threshold.',
  })
  otherAffected: number | null;

  @Field(() => Int, { nullable: true, description: 'Participants at risk of other adverse events.' })
  otherAtRisk: number | null;

  @Field(() => Int, { nullable: true, description: 'Deaths from any cause (all-cause mortality), when reported.' })
  deathsAffected: number | null;

  @Field(() => Int, { nullable: true, description: 'Participants at risk of death.' })
  deathsAtRisk: number | null;
}

@ObjectType({
  description:
    'A result group of a registry record: a group of participants that values are reported for, as the record defines it (an arm, an analysis population of an arm such as "Placebo (FAS)", a period, an open-label extension, an observational cohort). Tied to an arm only where the tie is unambiguous (`armTie`).',
})
export class ResultGroup {
  @Field(() => ID, { description: 'Stable key of the group ("<study>/<group>").' })
  id: string;

  @Field({ description: 'Title as the record gives it (e.g. "CZP 200 mg Q2W (FAS)").' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Description as the record gives it.' })
  description: string | null;

  @Field(() => GroupArmTie, {
    nullable: true,
    description: 'Why the group is taken to be `arm`; null for a group of its own.',
  })
  armTie: string | null;

  @Field(() => AdverseEventTotals, {
    nullable: true,
    description: "The group's adverse-event totals; null when the record reports no events for it.",
  })
  adverseEventTotals: AdverseEventTotals | null;
}

@ObjectType({
  description:
    'One count of the participant flow: a milestone of a period (started, completed…) or a reason for not completing it, for one result group.',
})
export class FlowCount {
  @Field(() => ID, { description: 'Stable key of the count.' })
  id: string;

  @Field({ description: 'The period as the record titles it ("Overall Study", "Double-Blind Period (Week 0 - 52)").' })
  period: string;

  @Field(() => FlowCountKind, { description: 'A milestone, or a reason for not completing.' })
  kind: string;

  @Field({
    description:
      'The milestone ("STARTED", "COMPLETED", "NOT COMPLETED", or one the record names) or the reason ("Adverse Event"), as the record writes it.',
  })
  type: string;

  @Field(() => Int, { nullable: true, description: 'Participants; null when the record gives no number.' })
  count: number | null;

  @Field(() => String, { nullable: true, description: "The record's comment on the count." })
  comment: string | null;
}

const int = (v: unknown) => (v as number) ?? null;

export function toResultGroup(row: Row): ResultGroup {
  const totals: AdverseEventTotals = {
    seriousAffected: int(row.aeSeriousAffected),
    seriousAtRisk: int(row.aeSeriousAtRisk),
    otherAffected: int(row.aeOtherAffected),
    otherAtRisk: int(row.aeOtherAtRisk),
    deathsAffected: int(row.aeDeathsAffected),
    deathsAtRisk: int(row.aeDeathsAtRisk),
  };
  return {
    id: row.id as string,
    title: row.title as string,
    description: (row.description as string) ?? null,
    armTie: (row.armTie as string) ?? null,
    adverseEventTotals: Object.values(totals).every((v) => v === null) ? null : totals,
  };
}

export function toFlowCount(row: Row): FlowCount {
  return {
    id: row.id as string,
    period: row.period as string,
    kind: row.kind as string,
    type: row.type as string,
    count: int(row.count),
    comment: (row.comment as string) ?? null,
  };
}

/** The stored properties of a group's adverse-event totals. */
export const AE_TOTAL_PROPERTIES = [
  'aeSeriousAffected',
  'aeSeriousAtRisk',
  'aeOtherAffected',
  'aeOtherAtRisk',
  'aeDeathsAffected',
  'aeDeathsAtRisk',
] as const;
