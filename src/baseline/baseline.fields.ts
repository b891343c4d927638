import { evidenceOf } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { VALUE_PROPERTIES } from '../graphql/values';
import { ResultGroup } from '../groups/group.type';
import { BOUNDS } from '../model/bounds';
import { outbound } from '../model/graph';
import { BaselineMeasure, BaselineValue, toBaselineMeasure, toBaselineValue } from './baseline.type';

declareType(BaselineMeasure, {
  map: toBaselineMeasure,
  relations: {
    values: {
      returns: () => [BaselineValue],
      description: "The values per result group, row and category, in the record's order.",
      cardinality: 'list',
      max: BOUNDS.valuesPerBaselineMeasure,
      follow: outbound('BaselineMeasure', 'HAS_VALUE', 'BaselineValue'),
      sortBy: ['position'],
    },
  },
});

declareType(BaselineValue, {
  fieldProperties: { ci: VALUE_PROPERTIES.ci, dispersion: VALUE_PROPERTIES.dispersion },
  map: toBaselineValue,
  relations: {
    group: {
      returns: () => ResultGroup,
      description: 'The result group the value is of.',
      cardinality: 'one',
      follow: outbound('BaselineValue', 'OF_GROUP', 'ResultGroup'),
    },
    evidence: { ...evidenceOf('BaselineValue'), description: 'The quoted value.' },
  },
});
