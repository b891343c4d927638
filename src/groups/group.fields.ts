import { Arm } from '../arms/arm.type';
import { evidenceOf } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { inbound, outbound } from '../model/graph';
import { Study } from '../studies/study.type';
import { AE_TOTAL_PROPERTIES, FlowCount, ResultGroup, toFlowCount, toResultGroup } from './group.type';

declareType(ResultGroup, {
  fieldProperties: { adverseEventTotals: AE_TOTAL_PROPERTIES },
  map: toResultGroup,
  relations: {
    study: {
      returns: () => Study,
      description: 'The study.',
      cardinality: 'one',
      follow: inbound('ResultGroup', 'HAS_GROUP', 'Study'),
    },
    arm: {
      returns: () => Arm,
      nullable: true,
      description: 'The arm this group is, when the tie is unambiguous (see `armTie`); null for a group of its own.',
      cardinality: 'one',
      follow: outbound('ResultGroup', 'OF_ARM', 'Arm'),
    },
    evidence: { ...evidenceOf('ResultGroup'), description: "The record's definition of the group, quoted." },
  },
});

declareType(FlowCount, {
  map: toFlowCount,
  relations: {
    group: {
      returns: () => ResultGroup,
      description: 'The group counted.',
      cardinality: 'one',
      follow: outbound('FlowCount', 'OF_GROUP', 'ResultGroup'),
    },
    evidence: { ...evidenceOf('FlowCount'), description: 'The quoted count.' },
  },
});
