// How a study holds each shared concept: the one path from a study out to a concept of each
// label, written once and read by every statement that links studies and concepts (the filters
// and pages of `studies`, each concept's `studies`, the relatedness counts). Variables are
// given by the caller; a variable may carry a label or a WHERE (`c:Condition WHERE c.id IN $ids`).
import { arrow, nodeOf } from '../graphql/translate/pattern';
import { Hop, outbound } from '../model/graph';
import { ConceptLabel } from './related.score';

/** Per concept label: the steps of the graph model from a study to the concept, and its IS_A hierarchy (none for predictors). */
const HOLDS: Record<ConceptLabel, { steps: [Hop, Hop]; isA?: Hop }> = {
  Condition: {
    steps: [outbound('Study', 'HAS_POPULATION', 'Population'), outbound('Population', 'HAS_CONDITION', 'Condition')],
    isA: outbound('Condition', 'IS_A', 'Condition'),
  },
  Intervention: {
    steps: [outbound('Study', 'HAS_ARM', 'Arm'), outbound('Arm', 'RECEIVES', 'Intervention')],
    isA: outbound('Intervention', 'IS_A', 'Intervention'),
  },
  OutcomeConcept: {
    steps: [outbound('Study', 'HAS_OUTCOME', 'Outcome'), outbound('Outcome', 'MEASURES', 'OutcomeConcept')],
    isA: outbound('OutcomeConcept', 'IS_A', 'OutcomeConcept'),
  },
  Predictor: {
    steps: [
      outbound('Study', 'HAS_FINDING', 'PredictorFinding'),
      outbound('PredictorFinding', 'OF_PREDICTOR', 'Predictor'),
    ],
  },
};

/**
 * The path from study `s` to concept `c` of `label`. A condition, intervention or outcome concept
 * is held through its narrower ones (IS_A) unless `narrower` is false: a study of midgut NET
 * holds gastroenteropancreatic NET, one of octreotide LAR holds the class somatostatin analogue.
 */
export function heldPath(label: ConceptLabel, s: string, c: string, narrower = true, labels = true): string {
  const [first, second] = HOLDS[label].steps;
  const isA = HOLDS[label].isA;
  // Each relationship type starts and ends at one label: without `labels`, the nodes between go
  // unlabelled, which spares a label test per node.
  const between = (hop: Hop) => (labels ? nodeOf(hop) : '()');
  // `(s)-[:HAS_ARM]->(:Arm)-[:RECEIVES]->(c)`, or `…-[:RECEIVES]->(:Intervention)-[:IS_A*0..]->(c)` with the narrower ones.
  const closure = narrower && isA ? `${between(second)}${arrow(isA, { length: '*0..' })}` : '';
  return `(${s})${arrow(first)}${between(first)}${arrow(second)}${closure}(${c})`;
}

/**
 * The concept nodes of `label` with one of the keys `ids` (a parameter reference), as a list:
 * bound once per statement, so that each study is tested by `holdsOneIn`.
 */
export const conceptsWithKeys = (label: ConceptLabel, ids: string, c: string) =>
  `COLLECT { MATCH (${c}:${label}) WHERE ${c}.id IN ${ids} RETURN ${c} }`;

/**
 * The concepts of list `keyed` and, with `narrower`, every concept narrower than one of them
 * (IS_A; a predictor has no hierarchy), each once, as a list.
 */
export function conceptsWithNarrower(label: ConceptLabel, keyed: string, c: string, narrower: boolean): string {
  const isA = HOLDS[label].isA;
  if (!narrower || !isA) return keyed;
  return `COLLECT { UNWIND ${keyed} AS ${c} MATCH (${c}d)${arrow(isA, { length: '*0..' })}(${c}) RETURN DISTINCT ${c}d }`;
}

/**
 * The test that bound study `s` holds one of the concept nodes of the list `concepts` (from
 * `conceptsWithNarrower`): two steps out of the study and a test of identity, with no key read
 * and no IS_A walk per study.
 */
export function holdsOneIn(label: ConceptLabel, s: string, concepts: string, x: string): string {
  const [first, second] = HOLDS[label].steps;
  return `EXISTS { (${s})${arrow(first)}()${arrow(second)}(${x}) WHERE ${x} IN ${concepts} }`;
}

/**
 * The test that bound study `s` holds a concept of `label` with one of the keys `ids` (a
 * parameter reference). The concept end has no label (each relationship type ends only at its
 * concept), so that no index can start the path there: Neo4j follows it from the study, a few
 * relationships, instead of from a common concept to all its studies for every study tested.
 */
export const holdsOneOf = (label: ConceptLabel, s: string, ids: string, x: string, narrower = true) =>
  `EXISTS { ${heldPath(label, s, x, narrower)} WHERE ${x}.id IN ${ids} }`;
