import { EVIDENCE } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { VALUE_PROPERTIES } from '../graphql/values';
import { toPredictor, toPredictorFinding } from './predictor.type';

/** Findings about a predictor, by study then position; `$associated` (bound by predictorEvidence) narrows them when not null. */
const findingsOf = (from: string, to: string, aux: string) => `(${from})<-[:OF_PREDICTOR]-(${to}:PredictorFinding)<-[:HAS_FINDING]-(${aux}s:Study)`;
const findingsOrder = (to: string, aux: string) => `${aux}s.year, ${aux}s.id, ${to}.position`;

declareType('Predictor', {
  map: toPredictor,
  relations: {
    // Paged by `first`: a common predictor has findings in thousands of studies.
    findings: {
      type: 'PredictorFinding',
      cardinality: 'list',
      max: 100,
      match: ({ from, to, aux }) => findingsOf(from, to, aux),
      order: ({ to, aux }) => findingsOrder(to, aux),
    },
    studies: {
      type: 'Study',
      cardinality: 'connection',
      distinct: true,
      match: ({ from, to }) => `(${from})<-[:OF_PREDICTOR]-(:PredictorFinding)<-[:HAS_FINDING]-(${to}:Study)`,
      order: ({ to }) => `${to}.title, ${to}.id`,
    },
  },
});

declareType('PredictorFinding', {
  fieldProperties: { ci: VALUE_PROPERTIES.ci, p: VALUE_PROPERTIES.p },
  map: toPredictorFinding,
  relations: {
    predictor: { type: 'Predictor', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_PREDICTOR]->(${to}:Predictor)` },
    outcome: { type: 'Outcome', cardinality: 'one', match: ({ from, to }) => `(${from})-[:FOR_OUTCOME]->(${to}:Outcome)` },
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_FINDING]-(${to}:Study)` },
    evidence: EVIDENCE,
  },
});

/**
 * PredictorEvidence is anchored on the predictor node; its counts are computed in Cypher, and
 * its findings are narrowed by the `associated` argument of predictorEvidence, bound as `$associated`.
 */
declareType('PredictorEvidence', {
  properties: 'none',
  map: () => ({}),
  values: {
    associatedCount: (p) => `COUNT { (${p})<-[:OF_PREDICTOR]-(f:PredictorFinding) WHERE f.associated }`,
    notAssociatedCount: (p) => `COUNT { (${p})<-[:OF_PREDICTOR]-(f:PredictorFinding) WHERE NOT f.associated }`,
    studyCount: (p) => `COUNT { MATCH (${p})<-[:OF_PREDICTOR]-(:PredictorFinding)<-[:HAS_FINDING]-(s:Study) RETURN DISTINCT s }`,
  },
  relations: {
    predictor: { type: 'Predictor', cardinality: 'self' },
    findings: {
      type: 'PredictorFinding',
      cardinality: 'connection',
      match: ({ from, to, aux }) => `${findingsOf(from, to, aux)} WHERE $associated IS NULL OR ${to}.associated = $associated`,
      order: ({ to, aux }) => findingsOrder(to, aux),
    },
  },
});
