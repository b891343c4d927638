import { Arm } from '../arms/arm.type';
import { evidenceOf } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { ResultGroup } from '../groups/group.type';
import { inbound, outbound } from '../model/graph';
import { Study } from '../studies/study.type';
import { AdverseEventResult, toAdverseEventResult } from './adverse-event.type';

declareType(AdverseEventResult, {
  map: toAdverseEventResult,
  relations: {
    arm: {
      returns: () => Arm,
      nullable: true,
      description: 'The arm; null for the whole cohort, or for a registry event group that is no arm (see `group`).',
      cardinality: 'one',
      follow: outbound('AdverseEventResult', 'OF_ARM', 'Arm'),
    },
    group: {
      returns: () => ResultGroup,
      nullable: true,
      description: 'The registry event group, when the source reports by result group; null for a curated result.',
      cardinality: 'one',
      follow: outbound('AdverseEventResult', 'OF_GROUP', 'ResultGroup'),
    },
    study: {
      returns: () => Study,
      description: 'The study.',
      cardinality: 'one',
      follow: inbound('AdverseEventResult', 'HAS_ADVERSE_EVENT', 'Study'),
    },
    evidence: { ...evidenceOf('AdverseEventResult'), description: 'The quoted source of the result.' },
  },
});
