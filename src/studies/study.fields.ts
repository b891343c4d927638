import { declareType } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { toStudy } from './study.type';

/** How a Study is read: its own properties and the parts it owns, each in display order. */
declareType('Study', {
  fieldProperties: { registryIds: ['registryIds', 'registries'] },
  map: toStudy,
  relations: {
    publications: {
      type: 'Publication',
      cardinality: 'list',
      max: BOUNDS.publicationsPerStudy,
      match: ({ from, to, aux }) => `(${from})-[${aux}r:REPORTED_IN]->(${to}:Publication)`,
      extra: ({ aux }) => ({ role: `${aux}r.role` }),
      sortBy: [{ key: 'role', desc: true }, 'year', 'id'],
    },
    arms: {
      type: 'Arm',
      cardinality: 'list',
      max: BOUNDS.armsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_ARM]->(${to}:Arm)`,
      sortBy: ['position'],
    },
    population: { type: 'Population', cardinality: 'one', match: ({ from, to }) => `(${from})-[:HAS_POPULATION]->(${to}:Population)` },
    outcomes: {
      type: 'Outcome',
      cardinality: 'list',
      max: BOUNDS.outcomesPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_OUTCOME]->(${to}:Outcome)`,
      sortBy: ['position'],
    },
    predictorFindings: {
      type: 'PredictorFinding',
      cardinality: 'list',
      max: BOUNDS.findingsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_FINDING]->(${to}:PredictorFinding)`,
      sortBy: ['position'],
    },
    adverseEvents: {
      type: 'AdverseEventResult',
      cardinality: 'list',
      max: BOUNDS.adverseEventsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_ADVERSE_EVENT]->(${to}:AdverseEventResult)`,
      sortBy: ['position'],
    },
  },
});
