import { EVIDENCE } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { toCohort } from './cohort.type';

declareType('Cohort', {
  map: toCohort,
  relations: {
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_COHORT]-(${to}:Study)` },
    conditions: {
      type: 'Condition',
      cardinality: 'list',
      max: BOUNDS.conditionsPerPopulation,
      match: ({ from, to }) => `(${from})-[:HAS_CONDITION]->(${to}:Condition)`,
      sortBy: ['name'],
    },
    arms: {
      type: 'Arm',
      cardinality: 'list',
      max: BOUNDS.armsPerStudy,
      match: ({ from, to }) => `(${from})-[:INCLUDES_ARM]->(${to}:Arm)`,
      sortBy: ['position'],
    },
    evidence: EVIDENCE,
  },
});
