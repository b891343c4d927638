import { Field, ObjectType } from 'type-graphql';
import { ConceptBase, conceptFields } from '../graphql/concept';
import { Connection } from '../graphql/connection';
import { InterventionKind } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({
  description:
    'An intervention shared across studies: a drug, procedure, radiopharmaceutical, placebo or supportive care.',
})
export class Intervention extends ConceptBase {
  @Field(() => InterventionKind, { description: 'Kind of intervention.' })
  kind: string;
}

export function toIntervention(row: Row): Intervention {
  return { ...conceptFields(row), kind: row.kind as string };
}

@ObjectType({ description: 'A page of interventions.' })
export class InterventionConnection extends Connection(Intervention, 'interventions') {}
