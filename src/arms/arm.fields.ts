import { AdverseEventResult } from '../adverse-events/adverse-event.type';
import { evidenceOf } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { arrow, nodeOf } from '../graphql/translate/pattern';
import { Intervention } from '../interventions/intervention.type';
import { BOUNDS, MEASUREMENTS_PER_ARM, WINDOWS } from '../model/bounds';
import { inbound, outbound } from '../model/graph';
import { Measurement } from '../outcomes/outcome.type';
import { Study } from '../studies/study.type';
import { Arm, ArmIntervention, toArm, toArmIntervention } from './arm.type';

const RECEIVES = outbound('Arm', 'RECEIVES', 'Intervention');
const OUTCOME_OF_MEASUREMENT = inbound('Measurement', 'HAS_MEASUREMENT', 'Outcome');

declareType(Arm, {
  map: toArm,
  relations: {
    study: {
      returns: () => Study,
      description: 'The study of the arm.',
      cardinality: 'one',
      follow: inbound('Arm', 'HAS_ARM', 'Study'),
    },
    // Bound to the RECEIVES relationship: dose, route and schedule are its properties.
    interventions: {
      returns: () => [ArmIntervention],
      description: "What the arm receives: each shared intervention with this arm's dose, route and schedule.",
      cardinality: 'list',
      max: BOUNDS.interventionsPerArm,
      match: ({ from, to, aux }) => `(${from})${arrow(RECEIVES, { variable: to })}${nodeOf(RECEIVES, `${aux}i`)}`,
      extra: ({ aux }) => ({ interventionName: `${aux}i.name` }),
      sortBy: ['interventionName'],
    },
    measurements: {
      returns: () => [Measurement],
      description:
        'Measurements of any outcome for this arm, within the windows of `Study.outcomes` and `Outcome.measurements` (all of them for a curated study).',
      cardinality: 'list',
      max: MEASUREMENTS_PER_ARM,
      // Within the windows of Study.outcomes and Outcome.measurements, so the bound holds for a registry record of any size.
      follow: inbound('Arm', 'OF_ARM', 'Measurement'),
      where: ({ to }) =>
        `${to}.position < ${WINDOWS.measurementsPerOutcome.window} AND EXISTS { (${to})${arrow(OUTCOME_OF_MEASUREMENT)}${nodeOf(OUTCOME_OF_MEASUREMENT, 'o')} WHERE o.position < ${WINDOWS.outcomesPerStudy.window} }`,
      sortBy: ['id'],
    },
    adverseEvents: {
      returns: () => [AdverseEventResult],
      description:
        "Adverse-event results of this arm, among the study's `adverseEvents` (all of them for a curated study; `Study.adverseEventsConnection` pages through every one).",
      cardinality: 'list',
      max: WINDOWS.adverseEventsPerStudy.window,
      // Within the window of Study.adverseEvents.
      follow: inbound('Arm', 'OF_ARM', 'AdverseEventResult'),
      where: ({ to }) => `${to}.position < ${WINDOWS.adverseEventsPerStudy.window}`,
      sortBy: ['position'],
    },
    evidence: { ...evidenceOf('Arm'), description: "Sources of the arm's size and regimen." },
  },
});

/** An ArmIntervention is the RECEIVES relationship itself (its properties) and the intervention at its end. */
declareType(ArmIntervention, {
  map: toArmIntervention,
  relations: {
    // `from` is the RECEIVES relationship.
    intervention: {
      returns: () => Intervention,
      description: 'The shared intervention (the same node for every study that uses it).',
      cardinality: 'one',
      match: ({ from, to }) => `()-[${from}]->${nodeOf(RECEIVES, to)}`,
    },
  },
});
