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

  @Field(() => Float, { description: 'Weight of this concept in `score` (see `RelatedStudy.score`).' })
  weight: number;
}

@ObjectType({ description: 'Another study and why it relates to the one asked about.' })
export class RelatedStudy {
  @Field(() => Study, { description: 'The related study.' })
  study: Study;

  @Field(() => Float, {
    description:
      'Sum of the weights of the shared concepts: intervention of an experimental arm 3, shared comparator 2, predictor 2, outcome concept 1, condition 1 + its depth in the IS_A hierarchy (only the most specific shared conditions count).',
  })
  score: number;

  @Field(() => [SharedConcept], { description: 'What the two studies share, heaviest first.' })
  shared: SharedConcept[];
}

/** What the database returns per shared concept; `ancestors` are the keys of a condition's broader conditions. */
export interface SharedRow {
  kind: string;
  id: string;
  name: string;
  ancestors: string[];
}

const WEIGHTS: Record<string, number> = { INTERVENTION: 3, COMPARATOR: 2, PREDICTOR: 2, OUTCOME_CONCEPT: 1 };

/**
 * Scores and orders related studies. Of the shared conditions, only the most specific count
 * (a shared condition that is an ancestor of another shared one is dropped), weighted by depth,
 * so "midgut NET" outweighs the "neuroendocrine tumour" that every study shares.
 */
export function rankRelated(rows: { study: Study; shared: SharedRow[] }[]): RelatedStudy[] {
  return rows
    .map(({ study, shared }) => {
      const conditions = shared.filter((s) => s.kind === 'CONDITION');
      const covered = new Set(conditions.flatMap((c) => c.ancestors));
      const concepts: SharedConcept[] = shared
        .filter((s) => s.kind !== 'CONDITION' || !covered.has(s.id))
        .map((s) => ({ kind: s.kind, id: s.id, name: s.name, weight: s.kind === 'CONDITION' ? 1 + s.ancestors.length : WEIGHTS[s.kind] }))
        .sort((a, b) => b.weight - a.weight || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
      return { study, shared: concepts, score: concepts.reduce((sum, c) => sum + c.weight, 0) };
    })
    .sort((a, b) => b.score - a.score || a.study.id.localeCompare(b.study.id));
}
