import { Field, ID, ObjectType } from 'type-graphql';

type Row = Record<string, unknown>;

/** The fields every shared concept has (condition, intervention, outcome concept, predictor). */
@ObjectType()
export abstract class ConceptBase {
  @Field(() => ID, { description: 'Stable key of the concept, shared by every study that refers to it.' })
  id: string;

  @Field({ description: 'Preferred name.' })
  name: string;

  @Field(() => [String], { description: 'Other names used by the sources; searched by `search`.' })
  synonyms: string[];

  @Field(() => [String], {
    description: 'Ontology codes as "SYSTEM:code" (e.g. MeSH), only where verified in the ontology; empty rather than guessed.',
  })
  codes: string[];
}

export function conceptFields(row: Row): ConceptBase {
  return {
    id: row.id as string,
    name: row.name as string,
    synonyms: (row.synonyms as string[]) ?? [],
    codes: (row.codes as string[]) ?? [],
  };
}
