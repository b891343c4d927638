import { declareType } from '../graphql/translate/model';
import { inbound } from '../model/graph';
import { Study } from '../studies/study.type';
import { CHANGE_PROPERTIES, StudyVersion, toStudyVersion } from './history.type';

declareType(StudyVersion, {
  fieldProperties: { changes: CHANGE_PROPERTIES },
  map: toStudyVersion,
  relations: {
    study: {
      returns: () => Study,
      nullable: true,
      description: 'The study.',
      cardinality: 'one',
      follow: inbound('StudyVersion', 'HAS_VERSION', 'Study'),
    },
  },
});
