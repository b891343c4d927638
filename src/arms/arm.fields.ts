import { EVIDENCE } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { BOUNDS, MEASUREMENTS_PER_ARM } from '../model/bounds';
import { toArm, toArmIntervention } from './arm.type';

declareType('Arm', {
  map: toArm,
  relations: {
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_ARM]-(${to}:Study)` },
    // Bound to the RECEIVES relationship: dose, route and schedule are its properties.
    interventions: {
      type: 'ArmIntervention',
      cardinality: 'list',
      max: BOUNDS.interventionsPerArm,
      match: ({ from, to, aux }) => `(${from})-[${to}:RECEIVES]->(${aux}i:Intervention)`,
      extra: ({ aux }) => ({ interventionName: `${aux}i.name` }),
      sortBy: ['interventionName'],
    },
    measurements: {
      type: 'Measurement',
      cardinality: 'list',
      max: MEASUREMENTS_PER_ARM,
      match: ({ from, to }) => `(${from})<-[:OF_ARM]-(${to}:Measurement)`,
      sortBy: ['id'],
    },
    adverseEvents: {
      type: 'AdverseEventResult',
      cardinality: 'list',
      max: BOUNDS.adverseEventsPerStudy,
      match: ({ from, to }) => `(${from})<-[:OF_ARM]-(${to}:AdverseEventResult)`,
      sortBy: ['position'],
    },
    evidence: EVIDENCE,
  },
});

/** An ArmIntervention is the RECEIVES relationship itself (its properties) and the intervention at its end. */
declareType('ArmIntervention', {
  map: toArmIntervention,
  relations: {
    intervention: { type: 'Intervention', cardinality: 'one', match: ({ from, to }) => `()-[${from}]->(${to}:Intervention)` },
  },
});
