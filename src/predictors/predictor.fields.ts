import { EVIDENCE } from '../evidence/evidence.fields';
import { CONCEPT_FIELD_PROPERTIES } from '../graphql/concept';
import { declareType } from '../graphql/translate/model';
import { VALUE_PROPERTIES } from '../graphql/values';
import { studiesOfConcept } from '../studies/study.fields';
import { toPredictor, toPredictorFinding } from './predictor.type';

/** Findings about a predictor, by study then position; `$associated` (bound by predictorEvidence) narrows them when not null. */
const findingsOf = (from: string, to: string, aux: string) => `(${from})<-[:OF_PREDICTOR]-(${to}:PredictorFinding)<-[:HAS_FINDING]-(${aux}s:Study)`;
// yearKey is "year, then key, unknown years last" (schema/005_study_sort_keys.cypher): the order of study year, then key.
const findingsOrder = (to: string, aux: string) => `${aux}s.yearKey, ${to}.position`;
/** The findings about bound predictor `p` walked from the studies in yearKey index order (see PredictorEvidence.findings). */
const findingsByYear = (p: string, to: string, aux: string) =>
  `(${aux}s:Study) WHERE ${aux}s.yearKey IS NOT NULL WITH * ORDER BY ${aux}s.yearKey MATCH (${aux}s)-[:HAS_FINDING]->(${to}:PredictorFinding)-[:OF_PREDICTOR]->(${p})`;

declareType('Predictor', {
  fieldProperties: CONCEPT_FIELD_PROPERTIES,
  map: toPredictor,
  relations: {
    intervention: { type: 'Intervention', cardinality: 'one', match: ({ from, to }) => `(${from})-[:CONCERNS]->(${to}:Intervention)` },
    // Paged by `first`: a common predictor has findings in thousands of studies.
    findings: {
      type: 'PredictorFinding',
      cardinality: 'list',
      max: 100,
      match: ({ from, to, aux }) => findingsOf(from, to, aux),
      order: ({ to, aux }) => findingsOrder(to, aux),
    },
    studies: studiesOfConcept('Predictor'),
  },
});

declareType('PredictorFinding', {
  fieldProperties: { ci: VALUE_PROPERTIES.ci, p: VALUE_PROPERTIES.p },
  map: toPredictorFinding,
  relations: {
    predictor: { type: 'Predictor', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_PREDICTOR]->(${to}:Predictor)` },
    outcome: { type: 'Outcome', cardinality: 'one', match: ({ from, to }) => `(${from})-[:FOR_OUTCOME]->(${to}:Outcome)` },
    // The concept named by the finding itself, else that of its outcome.
    outcomeConcept: {
      type: 'OutcomeConcept',
      cardinality: 'one',
      // FOR_CONCEPT ends at the concept (no MEASURES step); FOR_OUTCOME at an outcome, one MEASURES step from it.
      match: ({ from, to }) => `(${from})-[:FOR_CONCEPT|FOR_OUTCOME]->()-[:MEASURES*0..1]->(${to}:OutcomeConcept)`,
    },
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_FINDING]-(${to}:Study)` },
    evidence: EVIDENCE,
  },
});

/**
 * PredictorEvidence is anchored on the predictor node; its counts are computed in Cypher, and
 * its findings are narrowed by the `associated` argument of predictorEvidence, bound as `$associated`.
 * - Every count is read, not counted: studyCount is the predictor's `studyCount` (the studies
 *   with a finding on it, kept by every write); the findings are its OF_PREDICTOR degree, those
 *   of an association its ASSOCIATED_WITH degree (every finding says associated or not, so the
 *   others are the difference).
 * - A page of findings is read in one of two ways, chosen in the statement as compareOutcome
 *   does: from the predictor to all its findings, sorted, then cut (a predictor few studies
 *   report); or from the studies in yearKey index order until the page is full, when
 *   (findings)² > (skip + limit) × studies (a common predictor: its findings are not all sorted
 *   for every page).
 */
declareType('PredictorEvidence', {
  properties: 'none',
  map: () => ({}),
  values: {
    associatedCount: (p) => `COUNT { (${p})<-[:ASSOCIATED_WITH]-() }`,
    notAssociatedCount: (p) => `COUNT { (${p})<-[:OF_PREDICTOR]-() } - COUNT { (${p})<-[:ASSOCIATED_WITH]-() }`,
    studyCount: (p) => `coalesce(${p}.studyCount, 0)`,
  },
  relations: {
    predictor: { type: 'Predictor', cardinality: 'self' },
    findings: {
      type: 'PredictorFinding',
      cardinality: 'connection',
      match: ({ from, to, aux }) => `${findingsOf(from, to, aux)} WHERE $associated IS NULL OR ${to}.associated = $associated`,
      order: ({ to, aux }) => findingsOrder(to, aux),
      count: ({ from }) =>
        `CASE $associated WHEN true THEN COUNT { (${from})<-[:ASSOCIATED_WITH]-() } WHEN false THEN COUNT { (${from})<-[:OF_PREDICTOR]-() } - COUNT { (${from})<-[:ASSOCIATED_WITH]-() } ELSE COUNT { (${from})<-[:OF_PREDICTOR]-() } END`,
      byIndex: {
        when: ({ from }, { skip, limit }) => `COUNT { (${from})<-[:OF_PREDICTOR]-() } ^ 2 > (${skip} + ${limit}) * COUNT { (:Study) }`,
        match: ({ from, to, aux }) => `${findingsByYear(from, to, aux)} WHERE $associated IS NULL OR ${to}.associated = $associated`,
      },
    },
  },
});
