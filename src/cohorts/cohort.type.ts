import { Field, ID, Int, ObjectType } from 'type-graphql';

type Row = Record<string, unknown>;

@ObjectType({
  description:
    'A named part of a study with its own conditions, n and arms, reported on its own (e.g. the pancreatic NET cohort).',
})
export class Cohort {
  @Field(() => ID, { description: 'Stable key of the cohort ("<study>/<cohort>").' })
  id: string;

  @Field({ description: 'Label of the cohort as the study names it (e.g. "Cohort I (pNET)").' })
  label: string;

  @Field(() => String, { nullable: true, description: 'The cohort as the source describes it.' })
  description: string | null;

  @Field(() => Int, { nullable: true, description: 'Patients in the cohort, when reported.' })
  n: number | null;
}

export function toCohort(row: Row): Cohort {
  return {
    id: row.id as string,
    label: row.label as string,
    description: (row.description as string) ?? null,
    n: (row.n as number) ?? null,
  };
}
