import { declareType } from '../graphql/translate/model';
import { CHANGE_PROPERTIES, toStudyVersion } from './history.type';

declareType('StudyVersion', {
  fieldProperties: { changes: CHANGE_PROPERTIES },
  map: toStudyVersion,
  relations: {
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_VERSION]-(${to}:Study)` },
  },
});
