import { declareType } from '../graphql/translate/model';
import { studiesOfConcept } from '../studies/study.fields';
import { toIntervention } from './intervention.type';

declareType('Intervention', {
  map: toIntervention,
  relations: {
    // Paged by `first`: a common intervention is received by arms of thousands of studies.
    arms: {
      type: 'Arm',
      cardinality: 'list',
      max: 100,
      match: ({ from, to }) => `(${from})<-[:RECEIVES]-(${to}:Arm)`,
      order: ({ to }) => `${to}.studyId, ${to}.position`,
    },
    studies: studiesOfConcept('Intervention'),
  },
});
