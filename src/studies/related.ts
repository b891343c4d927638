import { Field, Float, ID, ObjectType } from 'type-graphql';
import { ConceptKind } from '../graphql/enums';
import { Study } from './study.type';

@ObjectType({ description: 'A concept that two studies share, and how much it weighs in their relatedness.' })
export class SharedConcept {
  @Field(() => ConceptKind, { description: 'Kind of the shared concept.' })
  kind: string;

  @Field(() => ID, { description: 'Key of the shared concept.' })
  id: string;

  @Field({ description: 'Name of the shared concept.' })
  name: string;

  @Field(() => Float, {
    description:
      'What this concept adds to `score`: its kind weight × ln(1 + 10,000 / studies holding the concept), rounded to thousandths (see `RelatedStudy.score`).',
  })
  weight: number;
}

@ObjectType({ description: 'Another study and why it relates to the one asked about.' })
export class RelatedStudy {
  @Field(() => Study, { description: 'The related study.' })
  study: Study;

  @Field(() => Float, {
    description:
      'Sum of the weights of the shared concepts. Each weighs its kind weight (intervention of an experimental arm 3, comparator received only by control arms in both studies 2, a class the interventions of both studies belong to (not that of an agent both receive) (somatostatin analogue) 1.5, predictor 2, outcome concept 1 (a study holds the broader concepts of its own too), condition 1 + its number of IS_A ancestors; only the most specific shared conditions count) × ln(1 + 10,000 / n), n the studies holding the concept (a condition through its narrower ones), against a fixed reference of 10,000 studies rather than the size of the graph, so that writing unrelated studies changes no weight: a concept shared by thousands of studies weighs little. Computed when read, from current counts, over the related studies stored for this study.',
  })
  score: number;

  @Field(() => [SharedConcept], { description: 'What the two studies share, heaviest first (then by kind and key).' })
  shared: SharedConcept[];
}
