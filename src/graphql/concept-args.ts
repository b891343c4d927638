import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from './pagination';

@ArgsType()
export class ConceptsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only concepts whose name or a synonym contains this text (case-insensitive).' })
  nameContains?: string;
}

/** The labels of the shared concepts, the only ones a concept list reads. */
export type ConceptLabel = 'Condition' | 'Intervention' | 'OutcomeConcept' | 'Predictor';
