import { EVIDENCE } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { AE_TOTAL_PROPERTIES, toFlowCount, toResultGroup } from './group.type';

declareType('ResultGroup', {
  fieldProperties: { adverseEventTotals: AE_TOTAL_PROPERTIES },
  map: toResultGroup,
  relations: {
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_GROUP]-(${to}:Study)` },
    arm: { type: 'Arm', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_ARM]->(${to}:Arm)` },
    evidence: EVIDENCE,
  },
});

declareType('FlowCount', {
  map: toFlowCount,
  relations: {
    group: { type: 'ResultGroup', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_GROUP]->(${to}:ResultGroup)` },
    evidence: EVIDENCE,
  },
});
