import { Arm } from '../arms/arm.type';
import { CONCEPT_FIELD_PROPERTIES } from '../graphql/concept';
import { ConceptStudiesArgs } from '../graphql/concept-args';
import { FirstArgs } from '../graphql/pagination';
import { declareType } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { inbound, outbound } from '../model/graph';
import { studiesOfConcept } from '../studies/study.fields';
import { StudyConnection } from '../studies/study.type';
import { Intervention, toIntervention } from './intervention.type';

declareType(Intervention, {
  fieldProperties: CONCEPT_FIELD_PROPERTIES,
  map: toIntervention,
  relations: {
    broader: {
      returns: () => [Intervention],
      description:
        'The classes this intervention is a kind of (IS_A, one step up): octreotide LAR → somatostatin analogue.',
      cardinality: 'list',
      max: BOUNDS.broaderPerCondition,
      follow: outbound('Intervention', 'IS_A', 'Intervention'),
      sortBy: ['name'],
    },
    narrower: {
      returns: () => [Intervention],
      description: 'The interventions that are a kind of this class (one step down).',
      cardinality: 'list',
      max: BOUNDS.narrowerPerCondition,
      follow: inbound('Intervention', 'IS_A', 'Intervention'),
      sortBy: ['name'],
    },
    // Paged by `first`: a common intervention is received by arms of thousands of studies.
    arms: {
      returns: () => [Arm],
      description:
        'Arms, in any study, that receive this intervention, by study key then position; the first `first` of them.',
      args: FirstArgs,
      cardinality: 'list',
      max: 100,
      follow: inbound('Intervention', 'RECEIVES', 'Arm'),
      order: ({ to }) => `${to}.studyId, ${to}.position`,
    },
    studies: {
      ...studiesOfConcept('Intervention'),
      returns: () => StudyConnection,
      description:
        'Studies with an arm receiving this intervention (or, for a class, one of its agents; see `includeNarrower`), by title (without case), then key.',
      args: ConceptStudiesArgs,
    },
  },
});
