import { createUnionType, Field, Float, ObjectType } from 'type-graphql';
import { Condition } from '../conditions/condition.type';
import { Intervention } from '../interventions/intervention.type';
import { Outcome, OutcomeConcept } from '../outcomes/outcome.type';
import { Predictor } from '../predictors/predictor.type';
import { Study } from '../studies/study.type';

export const SEARCH_KINDS = { Study, Intervention, Condition, OutcomeConcept, Outcome, Predictor } as const;
export type SearchKind = keyof typeof SEARCH_KINDS;

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'Anything `search` can find: a study, a shared concept, or an outcome of a study.',
  types: () => [Study, Intervention, Condition, OutcomeConcept, Outcome, Predictor] as const,
  // Resolved by the __typename that materialize gives each member (bindFieldResolvers in src/graphql/translate/materialize.ts).
});

@ObjectType({ description: 'One search hit: what was found, how well it matched, and which fields matched.' })
export class SearchHit {
  @Field({
    description: 'Type of the node found (Study, Intervention, Condition, OutcomeConcept, Outcome, Predictor).',
  })
  kind: string;

  @Field(() => Float, {
    description: 'Relevance score of the full-text index; higher is better. Hits come best first.',
  })
  score: number;

  @Field(() => [String], {
    description: 'Fields whose text contains a word of the query (title, acronym, name, synonyms).',
  })
  matchedFields: string[];

  @Field(() => SearchResult, { description: 'The node found.' })
  node: typeof SearchResult;
}
