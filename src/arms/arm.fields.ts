import { EVIDENCE } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { BOUNDS, MEASUREMENTS_PER_ARM, WINDOWS } from '../model/bounds';
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
      // Within the windows of Study.outcomes and Outcome.measurements, so the bound holds for a registry record of any size.
      match: ({ from, to }) =>
        `(${from})<-[:OF_ARM]-(${to}:Measurement) WHERE ${to}.position < ${WINDOWS.measurementsPerOutcome.window} AND EXISTS { (${to})<-[:HAS_MEASUREMENT]-(o:Outcome) WHERE o.position < ${WINDOWS.outcomesPerStudy.window} }`,
      sortBy: ['id'],
    },
    adverseEvents: {
      type: 'AdverseEventResult',
      cardinality: 'list',
      max: WINDOWS.adverseEventsPerStudy.window,
      // Within the window of Study.adverseEvents.
      match: ({ from, to }) => `(${from})<-[:OF_ARM]-(${to}:AdverseEventResult) WHERE ${to}.position < ${WINDOWS.adverseEventsPerStudy.window}`,
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
