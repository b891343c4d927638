import { Field, ID, ObjectType } from 'type-graphql';
import { ConceptBase, conceptFields } from '../graphql/concept';
import { Connection } from '../graphql/connection';
import { ConditionKind } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({
  description:
    'A condition shared across studies, in an IS_A hierarchy (liver metastases of midgut NET → midgut NET → … → neuroendocrine tumour).',
})
export class Condition extends ConceptBase {
  @Field(() => ConditionKind, { description: 'Kind of condition.' })
  kind: string;
}

@ObjectType({
  description: "Who could take part in a study, as its protocol states it (a registry's eligibility module).",
})
export class Eligibility {
  @Field(() => String, { nullable: true, description: 'The inclusion and exclusion criteria, word for word.' })
  criteria: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Sexes eligible, as the registry states it (ALL, FEMALE, MALE).',
  })
  sex: string | null;

  @Field(() => String, { nullable: true, description: 'Minimum age, as the registry writes it ("18 Years").' })
  minimumAge: string | null;

  @Field(() => String, { nullable: true, description: 'Maximum age, as the registry writes it.' })
  maximumAge: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether healthy volunteers were accepted.' })
  healthyVolunteers: boolean | null;

  @Field(() => [String], { description: "The registry's age groups (CHILD, ADULT, OLDER_ADULT)." })
  ageGroups: string[];
}

@ObjectType({ description: 'The population of a study: who could enter it, and the conditions it covers.' })
export class Population {
  @Field(() => ID, { description: 'Stable key of the population.' })
  id: string;

  @Field({ description: 'Eligibility as the sources state it.' })
  description: string;

  @Field(() => Eligibility, {
    nullable: true,
    description:
      'The eligibility criteria, sexes and ages of the protocol, when a registry record gives them; null otherwise.',
  })
  eligibility: Eligibility | null;
}

export function toCondition(row: Row): Condition {
  return { ...conceptFields(row), kind: row.kind as string };
}

export function toPopulation(row: Row): Population {
  const hasEligibility = ELIGIBILITY_PROPERTIES.some(
    (k) => row[k] != null && !(Array.isArray(row[k]) && (row[k] as unknown[]).length === 0),
  );
  return {
    id: row.id as string,
    description: row.description as string,
    eligibility: hasEligibility
      ? {
          criteria: (row.criteria as string) ?? null,
          sex: (row.sex as string) ?? null,
          minimumAge: (row.minimumAge as string) ?? null,
          maximumAge: (row.maximumAge as string) ?? null,
          healthyVolunteers: (row.healthyVolunteers as boolean) ?? null,
          ageGroups: (row.ageGroups as string[]) ?? [],
        }
      : null,
  };
}

/** The stored properties of a population's eligibility. */
export const ELIGIBILITY_PROPERTIES = [
  'criteria',
  'sex',
  'minimumAge',
  'maximumAge',
  'healthyVolunteers',
  'ageGroups',
] as const;

@ObjectType({ description: 'A page of conditions.' })
export class ConditionConnection extends Connection(Condition, 'conditions') {}
