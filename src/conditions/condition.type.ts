import { Field, ID, ObjectType } from 'type-graphql';
import { ConceptBase, conceptFields } from '../graphql/concept';
import { Connection } from '../graphql/connection';
import { ConditionKind } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({ description: 'A condition shared across studies, in an IS_A hierarchy (liver metastases of midgut NET → midgut NET → … → neuroendocrine tumour).' })
export class Condition extends ConceptBase {
  @Field(() => ConditionKind, { description: 'Kind of condition.' })
  kind: string;
}

@ObjectType({ description: 'The population of a study: who could enter it, and the conditions it covers.' })
export class Population {
  @Field(() => ID, { description: 'Stable key of the population.' })
  id: string;

  @Field({ description: 'Eligibility as the sources state it.' })
  description: string;
}

export function toCondition(row: Row): Condition {
  return { ...conceptFields(row), kind: row.kind as string };
}

export function toPopulation(row: Row): Population {
  return { id: row.id as string, description: row.description as string };
}

@ObjectType({ description: 'A page of conditions.' })
export class ConditionConnection extends Connection(Condition, 'conditions') {}
