import { declareType } from '../graphql/translate/model';
import { StudyVersion } from '../history/history.type';
import { Study } from '../studies/study.type';
import { CHANGE_FIELD_PROPERTIES, ChangeEvent, toChangeEvent } from './change.type';

// An event names its study and version by key, not by a relationship: a deleted study's events
// stay, and writing an event takes no lock on the study or on a shared node.
declareType(ChangeEvent, {
  fieldProperties: CHANGE_FIELD_PROPERTIES,
  map: toChangeEvent,
  relations: {
    study: {
      returns: () => Study,
      nullable: true,
      description: 'The study as it is now; null once deleted.',
      cardinality: 'one',
      clauses: true,
      match: (v) => `(${v.to}:Study {id: ${v.from}.studyId})`,
    },
    version: {
      returns: () => StudyVersion,
      nullable: true,
      description: 'The version of the study this change wrote, with all its field changes; null when it wrote none.',
      cardinality: 'one',
      clauses: true,
      match: (v) => `(${v.to}:StudyVersion {id: ${v.from}.versionId})`,
    },
  },
});
