import { EVIDENCE } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { VALUE_PROPERTIES } from '../graphql/values';
import { BOUNDS } from '../model/bounds';
import { toBaselineMeasure, toBaselineValue } from './baseline.type';

declareType('BaselineMeasure', {
  map: toBaselineMeasure,
  relations: {
    values: {
      type: 'BaselineValue',
      cardinality: 'list',
      max: BOUNDS.valuesPerBaselineMeasure,
      match: ({ from, to }) => `(${from})-[:HAS_VALUE]->(${to}:BaselineValue)`,
      sortBy: ['position'],
    },
  },
});

declareType('BaselineValue', {
  fieldProperties: { ci: VALUE_PROPERTIES.ci, dispersion: VALUE_PROPERTIES.dispersion },
  map: toBaselineValue,
  relations: {
    group: { type: 'ResultGroup', cardinality: 'one', match: ({ from, to }) => `(${from})-[:OF_GROUP]->(${to}:ResultGroup)` },
    evidence: EVIDENCE,
  },
});
