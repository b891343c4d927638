import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../graphql/connection';
import { AdverseEventSeriousness } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({
  description: 'An adverse-event result: patients with an event of a grade band, per arm or for the whole cohort.',
})
export class AdverseEventResult {
  @Field(() => ID, { description: 'Stable key of the result.' })
  id: string;

  @Field({ description: 'Event term as reported, "any toxicity", or "treatment-related death".' })
  term: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Lowest CTCAE grade of the band (3 for "grade 3-4"); null when not graded.',
  })
  gradeMin: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Highest CTCAE grade of the band (4 for "grade 3-4"); null when not graded.',
  })
  gradeMax: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Number of patients with the event; null when only a percentage is reported.',
  })
  patients: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Percent of patients with the event (0–100); null when only a count is reported.',
  })
  percent: number | null;

  @Field(() => Int, { nullable: true, description: 'Patients evaluated (the denominator), when reported.' })
  analysed: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the source says of the difference between arms, word for word.',
  })
  armDifference: string | null;

  @Field(() => AdverseEventSeriousness, {
    nullable: true,
    description: 'SERIOUS or OTHER, as a registry files the event (it gives no grade).',
  })
  seriousness: string | null;

  @Field(() => String, { nullable: true, description: 'The organ system a registry files the term under.' })
  organSystem: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of events (a patient may have several), when reported.' })
  events: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'How the events were collected, as a registry says (SYSTEMATIC_ASSESSMENT, NON_SYSTEMATIC_ASSESSMENT).',
  })
  assessmentType: string | null;

  @Field(() => String, { nullable: true, description: 'The vocabulary of `term` (e.g. "MedDRA 19.0").' })
  vocabulary: string | null;
}

export function toAdverseEventResult(row: Row): AdverseEventResult {
  return {
    id: row.id as string,
    term: row.term as string,
    gradeMin: (row.gradeMin as number) ?? null,
    gradeMax: (row.gradeMax as number) ?? null,
    patients: (row.patients as number) ?? null,
    percent: (row.percent as number) ?? null,
    analysed: (row.analysed as number) ?? null,
    armDifference: (row.armDifference as string) ?? null,
    seriousness: (row.seriousness as string) ?? null,
    organSystem: (row.organSystem as string) ?? null,
    events: (row.events as number) ?? null,
    assessmentType: (row.assessmentType as string) ?? null,
    vocabulary: (row.vocabulary as string) ?? null,
  };
}

@ObjectType({ description: "A page of the adverse-event results of a study, in the study's order." })
export class AdverseEventResultConnection extends Connection(AdverseEventResult, 'adverse-event results') {}
