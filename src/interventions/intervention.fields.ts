import { CONCEPT_FIELD_PROPERTIES } from '../graphql/concept';
import { declareType } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { studiesOfConcept } from '../studies/study.fields';
import { toIntervention } from './intervention.type';

declareType('Intervention', {
  fieldProperties: CONCEPT_FIELD_PROPERTIES,
  map: toIntervention,
  relations: {
    broader: {
      type: 'Intervention',
      cardinality: 'list',
      max: BOUNDS.broaderPerCondition,
      match: ({ from, to }) => `(${from})-[:IS_A]->(${to}:Intervention)`,
      sortBy: ['name'],
    },
    narrower: {
      type: 'Intervention',
      cardinality: 'list',
      max: BOUNDS.narrowerPerCondition,
      match: ({ from, to }) => `(${from})<-[:IS_A]-(${to}:Intervention)`,
      sortBy: ['name'],
    },
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
