import { EVIDENCE } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { toAdverseEventResult } from './adverse-event.type';

declareType('AdverseEventResult', {
  map: toAdverseEventResult,
  relations: {
    arm: { type: 'Arm', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_ARM]->(${to}:Arm)` },
    group: { type: 'ResultGroup', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_GROUP]->(${to}:ResultGroup)` },
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_ADVERSE_EVENT]-(${to}:Study)` },
    evidence: EVIDENCE,
  },
});
