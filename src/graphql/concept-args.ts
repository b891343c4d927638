import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from './pagination';

@ArgsType()
export class ConceptsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only concepts whose name or a synonym contains this text (case-insensitive).' })
  nameContains?: string;
}

/** Cypher of the concept lists: one page of a concept label, filtered by name, ordered by name. */
export const conceptPage = (label: 'Condition' | 'Intervention' | 'OutcomeConcept' | 'Predictor') => `
MATCH (c:${label})
WHERE $text IS NULL OR toLower(c.name) CONTAINS $text OR any(s IN c.synonyms WHERE toLower(s) CONTAINS $text)
WITH c ORDER BY toLower(c.name), c.id
WITH collect(c) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x {.*}] AS nodes`;
