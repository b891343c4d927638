// How a study holds each shared concept: the one path from a study out to a concept of each
// label, written once and read by every statement that links studies and concepts (the filters
// and pages of `studies`, each concept's `studies`, the relatedness counts). Variables are
// given by the caller; a variable may carry a label or a WHERE (`c:Condition WHERE c.id IN $ids`).
import { ConceptLabel } from './related.score';

/**
 * The path from study `s` to concept `c` of `label`. A condition, intervention or outcome concept
 * is held through its narrower ones (IS_A) unless `narrower` is false: a study of midgut NET
 * holds gastroenteropancreatic NET, one of octreotide LAR holds the class somatostatin analogue.
 */
export function heldPath(label: ConceptLabel, s: string, c: string, narrower = true): string {
  switch (label) {
    case 'Condition':
      return narrower ? `(${s})-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(:Condition)-[:IS_A*0..]->(${c})` : `(${s})-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(${c})`;
    case 'Intervention':
      return narrower ? `(${s})-[:HAS_ARM]->(:Arm)-[:RECEIVES]->(:Intervention)-[:IS_A*0..]->(${c})` : `(${s})-[:HAS_ARM]->(:Arm)-[:RECEIVES]->(${c})`;
    case 'OutcomeConcept':
      return narrower ? `(${s})-[:HAS_OUTCOME]->(:Outcome)-[:MEASURES]->(:OutcomeConcept)-[:IS_A*0..]->(${c})` : `(${s})-[:HAS_OUTCOME]->(:Outcome)-[:MEASURES]->(${c})`;
    case 'Predictor':
      return `(${s})-[:HAS_FINDING]->(:PredictorFinding)-[:OF_PREDICTOR]->(${c})`;
  }
}

/**
 * The test that bound study `s` holds a concept of `label` with one of the keys `ids` (a
 * parameter reference). The concept end has no label (each relationship type ends only at its
 * concept), so that no index can start the path there: Neo4j follows it from the study, a few
 * relationships, instead of from a common concept to all its studies for every study tested.
 */
export const holdsOneOf = (label: ConceptLabel, s: string, ids: string, x: string, narrower = true) =>
  `EXISTS { ${heldPath(label, s, x, narrower)} WHERE ${x}.id IN ${ids} }`;
