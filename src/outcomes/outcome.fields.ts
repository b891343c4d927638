import { EVIDENCE } from '../evidence/evidence.fields';
import { CONCEPT_FIELD_PROPERTIES } from '../graphql/concept';
import { declareType, windowed } from '../graphql/translate/model';
import { VALUE_PROPERTIES } from '../graphql/values';
import { BOUNDS, WINDOWS } from '../model/bounds';
import { studiesOfConcept } from '../studies/study.fields';
import { toComparison, toMeasurement, toOutcome, toOutcomeConcept } from './outcome.type';

declareType('OutcomeConcept', {
  fieldProperties: CONCEPT_FIELD_PROPERTIES,
  map: toOutcomeConcept,
  relations: {
    broader: {
      type: 'OutcomeConcept',
      cardinality: 'list',
      max: BOUNDS.broaderPerCondition,
      match: ({ from, to }) => `(${from})-[:IS_A]->(${to}:OutcomeConcept)`,
      sortBy: ['name'],
    },
    narrower: {
      type: 'OutcomeConcept',
      cardinality: 'list',
      max: BOUNDS.narrowerPerCondition,
      match: ({ from, to }) => `(${from})<-[:IS_A]-(${to}:OutcomeConcept)`,
      sortBy: ['name'],
    },
    studies: studiesOfConcept('OutcomeConcept'),
  },
});

const MEASUREMENTS = windowed('Measurement', ({ from, to }) => `(${from})-[:HAS_MEASUREMENT]->(${to}:Measurement)`, WINDOWS.measurementsPerOutcome.window);
const COMPARISONS = windowed('Comparison', ({ from, to }) => `(${from})-[:HAS_COMPARISON]->(${to}:Comparison)`, WINDOWS.comparisonsPerOutcome.window);

declareType('Outcome', {
  map: toOutcome,
  relations: {
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_OUTCOME]-(${to}:Study)` },
    concept: { type: 'OutcomeConcept', cardinality: 'one', match: ({ from, to }) => `(${from})-[:MEASURES]->(${to}:OutcomeConcept)` },
    measurements: MEASUREMENTS.list,
    measurementsConnection: MEASUREMENTS.connection,
    comparisons: COMPARISONS.list,
    comparisonsConnection: COMPARISONS.connection,
    predictorFindings: {
      type: 'PredictorFinding',
      cardinality: 'list',
      max: BOUNDS.findingsPerStudy,
      match: ({ from, to }) => `(${from})<-[:FOR_OUTCOME]-(${to}:PredictorFinding)`,
      sortBy: ['position'],
    },
  },
});

declareType('Measurement', {
  fieldProperties: { ci: VALUE_PROPERTIES.ci, timePoint: VALUE_PROPERTIES.timePoint, range: VALUE_PROPERTIES.range, dispersion: VALUE_PROPERTIES.dispersion, subgroup: VALUE_PROPERTIES.subgroup },
  map: toMeasurement,
  relations: {
    arm: { type: 'Arm', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_ARM]->(${to}:Arm)` },
    group: { type: 'ResultGroup', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_GROUP]->(${to}:ResultGroup)` },
    outcome: { type: 'Outcome', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_MEASUREMENT]-(${to}:Outcome)` },
    evidence: EVIDENCE,
  },
});

declareType('Comparison', {
  fieldProperties: { ci: VALUE_PROPERTIES.ci, p: VALUE_PROPERTIES.p, subgroup: VALUE_PROPERTIES.subgroup, dispersion: VALUE_PROPERTIES.dispersion, comments: VALUE_PROPERTIES.comments },
  map: toComparison,
  relations: {
    treatmentArm: { type: 'Arm', cardinality: 'one', match: ({ from, to }) => `(${from})-[:TREATMENT_ARM]->(${to}:Arm)` },
    referenceArm: { type: 'Arm', cardinality: 'one', match: ({ from, to }) => `(${from})-[:REFERENCE_ARM]->(${to}:Arm)` },
    groups: {
      type: 'ResultGroup',
      cardinality: 'list',
      max: BOUNDS.groupsPerStudy,
      match: ({ from, to, aux }) => `(${from})-[${aux}r:COMPARES]->(${to}:ResultGroup)`,
      extra: ({ aux }) => ({ comparedAt: `${aux}r.position` }),
      sortBy: ['comparedAt'],
    },
    treatmentGroup: { type: 'ResultGroup', cardinality: 'one', match: ({ from, to }) => `(${from})-[:TREATMENT_GROUP]->(${to}:ResultGroup)` },
    referenceGroup: { type: 'ResultGroup', cardinality: 'one', match: ({ from, to }) => `(${from})-[:REFERENCE_GROUP]->(${to}:ResultGroup)` },
    outcome: { type: 'Outcome', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_COMPARISON]-(${to}:Outcome)` },
    evidence: EVIDENCE,
  },
});

/**
 * A row of compareOutcome is anchored on its measurement: the study, outcome, arm and result group
 * are found from it, and the comparisons of its outcome that involve it: those that compare its
 * result group (a registry value: an analysis names groups, and may name no arm), else those of
 * its arm, else all of them (a whole-cohort row).
 */
declareType('OutcomeComparisonRow', {
  properties: 'none',
  map: () => ({}),
  relations: {
    measurement: { type: 'Measurement', cardinality: 'self' },
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_MEASUREMENT]-(:Outcome)<-[:HAS_OUTCOME]-(${to}:Study)` },
    outcome: { type: 'Outcome', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_MEASUREMENT]-(${to}:Outcome)` },
    arm: { type: 'Arm', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_ARM]->(${to}:Arm)` },
    group: { type: 'ResultGroup', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_GROUP]->(${to}:ResultGroup)` },
    comparisons: {
      type: 'Comparison',
      cardinality: 'list',
      max: WINDOWS.comparisonsPerOutcome.window,
      match: ({ from, to }) =>
        `(${from})<-[:HAS_MEASUREMENT]-(:Outcome)-[:HAS_COMPARISON]->(${to}:Comparison) WHERE ${to}.position < ${WINDOWS.comparisonsPerOutcome.window} AND CASE ` +
        `WHEN EXISTS { (${from})-[:OF_GROUP]->(:ResultGroup) } THEN EXISTS { (${from})-[:OF_GROUP]->(:ResultGroup)<-[:COMPARES]-(${to}) } ` +
        `WHEN EXISTS { (${from})-[:OF_ARM]->(:Arm) } THEN EXISTS { (${from})-[:OF_ARM]->(:Arm)<-[:TREATMENT_ARM|REFERENCE_ARM]-(${to}) } ` +
        `ELSE true END`,
      sortBy: ['position'],
    },
  },
});
