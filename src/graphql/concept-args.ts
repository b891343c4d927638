import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from './pagination';

@ArgsType()
export class ConceptsArgs extends PageArgs {
  @Field({
    nullable: true,
    description: 'Only concepts whose name or a synonym contains this text (case-insensitive).',
  })
  nameContains?: string;
}

/** The labels of the shared concepts, the only ones a concept list reads. */
export type ConceptLabel = 'Condition' | 'Intervention' | 'OutcomeConcept' | 'Predictor';

/** The arguments of a concept's `studies`: a page, with or without the studies of narrower concepts. */
@ArgsType()
export class ConceptStudiesArgs extends PageArgs {
  @Field({
    defaultValue: true,
    description:
      'Also list studies of narrower concepts (IS_A): of a narrower condition (midgut NET lists the liver-metastases trial), of an agent of a class (somatostatin analogue lists the octreotide LAR trials), of a narrower outcome concept.',
  })
  includeNarrower: boolean = true;
}
