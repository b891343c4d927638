import { Arm } from '../arms/arm.type';
import { evidenceOf } from '../evidence/evidence.fields';
import { CONCEPT_FIELD_PROPERTIES } from '../graphql/concept';
import { ConceptStudiesArgs } from '../graphql/concept-args';
import { PageArgs } from '../graphql/pagination';
import { declareType, windowed } from '../graphql/translate/model';
import { arrow, nodeOf } from '../graphql/translate/pattern';
import { VALUE_PROPERTIES } from '../graphql/values';
import { ResultGroup } from '../groups/group.type';
import { BOUNDS, WINDOWS } from '../model/bounds';
import { inbound, outbound } from '../model/graph';
import { PredictorFinding } from '../predictors/predictor.type';
import { studiesOfConcept } from '../studies/study.fields';
import { Study, StudyConnection } from '../studies/study.type';
import { OutcomeComparisonRow } from './compare.type';
import {
  Comparison,
  ComparisonConnection,
  Measurement,
  MeasurementConnection,
  Outcome,
  OutcomeConcept,
  toComparison,
  toMeasurement,
  toOutcome,
  toOutcomeConcept,
} from './outcome.type';

declareType(OutcomeConcept, {
  fieldProperties: CONCEPT_FIELD_PROPERTIES,
  map: toOutcomeConcept,
  relations: {
    broader: {
      returns: () => [OutcomeConcept],
      description: 'Broader outcome concepts (IS_A, one step up): hepatic PFS → PFS.',
      cardinality: 'list',
      max: BOUNDS.broaderPerCondition,
      follow: outbound('OutcomeConcept', 'IS_A', 'OutcomeConcept'),
      sortBy: ['name'],
    },
    narrower: {
      returns: () => [OutcomeConcept],
      description: 'Narrower outcome concepts (one step down).',
      cardinality: 'list',
      max: BOUNDS.narrowerPerCondition,
      follow: inbound('OutcomeConcept', 'IS_A', 'OutcomeConcept'),
      sortBy: ['name'],
    },
    studies: {
      ...studiesOfConcept('OutcomeConcept'),
      returns: () => StudyConnection,
      description:
        'Studies with an outcome of this concept (or of a narrower one; see `includeNarrower`), by title (without case), then key.',
      args: ConceptStudiesArgs,
    },
  },
});

const MEASUREMENTS = windowed(
  outbound('Outcome', 'HAS_MEASUREMENT', 'Measurement'),
  WINDOWS.measurementsPerOutcome.window,
);
const COMPARISONS = windowed(outbound('Outcome', 'HAS_COMPARISON', 'Comparison'), WINDOWS.comparisonsPerOutcome.window);

declareType(Outcome, {
  map: toOutcome,
  relations: {
    study: {
      returns: () => Study,
      description: 'The study.',
      cardinality: 'one',
      follow: inbound('Outcome', 'HAS_OUTCOME', 'Study'),
    },
    concept: {
      returns: () => OutcomeConcept,
      description: 'The shared outcome concept this outcome measures.',
      cardinality: 'one',
      follow: outbound('Outcome', 'MEASURES', 'OutcomeConcept'),
    },
    measurements: {
      ...MEASUREMENTS.list,
      returns: () => [Measurement],
      description: `Measured values, per arm, result group or for the whole cohort, in the source's order: the first ${WINDOWS.measurementsPerOutcome.window}; page through \`measurementsConnection\` for all.`,
    },
    measurementsConnection: {
      ...MEASUREMENTS.connection,
      returns: () => MeasurementConnection,
      description: 'Every measured value of this outcome, paged, in the order of `measurements`.',
      args: PageArgs,
    },
    comparisons: {
      ...COMPARISONS.list,
      returns: () => [Comparison],
      description: `Between-arm (or between-group) comparisons of this outcome, in the source's order: the first ${WINDOWS.comparisonsPerOutcome.window}; page through \`comparisonsConnection\` for all.`,
    },
    comparisonsConnection: {
      ...COMPARISONS.connection,
      returns: () => ComparisonConnection,
      description: 'Every comparison of this outcome, paged, in the order of `comparisons`.',
      args: PageArgs,
    },
    predictorFindings: {
      returns: () => [PredictorFinding],
      description: 'Predictors evaluated for this outcome.',
      cardinality: 'list',
      max: BOUNDS.findingsPerStudy,
      follow: inbound('Outcome', 'FOR_OUTCOME', 'PredictorFinding'),
      sortBy: ['position'],
    },
  },
});

declareType(Measurement, {
  fieldProperties: {
    ci: VALUE_PROPERTIES.ci,
    timePoint: VALUE_PROPERTIES.timePoint,
    range: VALUE_PROPERTIES.range,
    dispersion: VALUE_PROPERTIES.dispersion,
    subgroup: VALUE_PROPERTIES.subgroup,
  },
  map: toMeasurement,
  relations: {
    arm: {
      returns: () => Arm,
      nullable: true,
      description: 'The arm measured; null for the whole cohort, or for a result group that is no arm (see `group`).',
      cardinality: 'one',
      follow: outbound('Measurement', 'OF_ARM', 'Arm'),
    },
    group: {
      returns: () => ResultGroup,
      nullable: true,
      description:
        'The registry result group measured, when the source reports by result group; null for a curated value.',
      cardinality: 'one',
      follow: outbound('Measurement', 'OF_GROUP', 'ResultGroup'),
    },
    outcome: {
      returns: () => Outcome,
      description: 'The outcome measured.',
      cardinality: 'one',
      follow: inbound('Measurement', 'HAS_MEASUREMENT', 'Outcome'),
    },
    evidence: { ...evidenceOf('Measurement'), description: 'The quoted source of the value.' },
  },
});

declareType(Comparison, {
  fieldProperties: {
    ci: VALUE_PROPERTIES.ci,
    p: VALUE_PROPERTIES.p,
    subgroup: VALUE_PROPERTIES.subgroup,
    dispersion: VALUE_PROPERTIES.dispersion,
    comments: VALUE_PROPERTIES.comments,
  },
  map: toComparison,
  relations: {
    treatmentArm: {
      returns: () => Arm,
      nullable: true,
      description:
        'The treatment arm (numerator of a hazard ratio); null where the source does not say which group is which, or compares groups that are no arms (see `groups`).',
      cardinality: 'one',
      follow: outbound('Comparison', 'TREATMENT_ARM', 'Arm'),
    },
    referenceArm: {
      returns: () => Arm,
      nullable: true,
      description: 'The reference arm (denominator of a hazard ratio); null as for `treatmentArm`.',
      cardinality: 'one',
      follow: outbound('Comparison', 'REFERENCE_ARM', 'Arm'),
    },
    groups: {
      returns: () => [ResultGroup],
      description:
        "The registry result groups the analysis compares, in the record's order; empty for a curated comparison.",
      cardinality: 'list',
      max: BOUNDS.groupsPerStudy,
      follow: outbound('Comparison', 'COMPARES', 'ResultGroup'),
      extra: ({ aux }) => ({ comparedAt: `${aux}r.position` }),
      sortBy: ['comparedAt'],
    },
    treatmentGroup: {
      returns: () => ResultGroup,
      nullable: true,
      description:
        'Of `groups`, the one whose effect is estimated, when the record\'s words say so ("CZP/Placebo", "Dupilumab vs. Placebo"); null otherwise.',
      cardinality: 'one',
      follow: outbound('Comparison', 'TREATMENT_GROUP', 'ResultGroup'),
    },
    referenceGroup: {
      returns: () => ResultGroup,
      nullable: true,
      description: "Of `groups`, the one the treatment group is compared with, when the record's words say so.",
      cardinality: 'one',
      follow: outbound('Comparison', 'REFERENCE_GROUP', 'ResultGroup'),
    },
    outcome: {
      returns: () => Outcome,
      description: 'The outcome compared.',
      cardinality: 'one',
      follow: inbound('Comparison', 'HAS_COMPARISON', 'Outcome'),
    },
    evidence: { ...evidenceOf('Comparison'), description: 'The quoted source of the comparison.' },
  },
});

/**
 * A row of compareOutcome is anchored on its measurement: the study, outcome, arm and result group
 * are found from it, and the comparisons of its outcome that involve it: those that compare its
 * result group (a registry value: an analysis names groups, and may name no arm), else those of
 * its arm, else all of them (a whole-cohort row).
 */
const OUTCOME_OF_MEASUREMENT = inbound('Measurement', 'HAS_MEASUREMENT', 'Outcome');
const GROUP = outbound('Measurement', 'OF_GROUP', 'ResultGroup');
const COMPARED_BY = inbound('ResultGroup', 'COMPARES', 'Comparison');
const ARM = outbound('Measurement', 'OF_ARM', 'Arm');
const ARM_COMPARED_BY = [inbound('Arm', 'TREATMENT_ARM', 'Comparison'), inbound('Arm', 'REFERENCE_ARM', 'Comparison')];
const HAS_COMPARISON = outbound('Outcome', 'HAS_COMPARISON', 'Comparison');

declareType(OutcomeComparisonRow, {
  properties: 'none',
  map: () => ({}),
  relations: {
    measurement: {
      returns: () => Measurement,
      description: 'The measurement (value, unit, time point, patients analysed, evidence).',
      cardinality: 'self',
    },
    study: {
      returns: () => Study,
      description: 'The study.',
      cardinality: 'one',
      follow: [OUTCOME_OF_MEASUREMENT, inbound('Outcome', 'HAS_OUTCOME', 'Study')],
    },
    outcome: {
      returns: () => Outcome,
      description: "The study's outcome.",
      cardinality: 'one',
      follow: OUTCOME_OF_MEASUREMENT,
    },
    arm: {
      returns: () => Arm,
      nullable: true,
      description:
        'The arm measured; null for the whole cohort, or for a registry result group that is no arm (see `group`).',
      cardinality: 'one',
      follow: outbound('Measurement', 'OF_ARM', 'Arm'),
    },
    group: {
      returns: () => ResultGroup,
      nullable: true,
      description:
        'The registry result group measured (an analysis population, a period…), when the source reports by result group.',
      cardinality: 'one',
      follow: outbound('Measurement', 'OF_GROUP', 'ResultGroup'),
    },
    comparisons: {
      returns: () => [Comparison],
      description:
        'Comparisons of the outcome that involve this row: those that compare its result group (a registry value), else those in which its arm is the treatment or the reference arm, else all comparisons of the outcome (a whole-cohort row).',
      cardinality: 'list',
      max: WINDOWS.comparisonsPerOutcome.window,
      // From the row's outcome and arm where its pattern binds them (compareOutcome's rows do),
      // else walked to from the measurement.
      match: ({ from, to, bound = {} }) => {
        const group = `(${from})${arrow(GROUP)}${nodeOf(GROUP)}`;
        const outcome = bound.outcome
          ? `(${bound.outcome})`
          : `(${from})${arrow(OUTCOME_OF_MEASUREMENT)}${nodeOf(OUTCOME_OF_MEASUREMENT)}`;
        const arm =
          bound.arm !== undefined
            ? `WHEN ${bound.arm} IS NOT NULL THEN EXISTS { (${bound.arm})${arrow(ARM_COMPARED_BY)}(${to}) } `
            : `WHEN EXISTS { (${from})${arrow(ARM)}${nodeOf(ARM)} } THEN EXISTS { (${from})${arrow(ARM)}${nodeOf(ARM)}${arrow(ARM_COMPARED_BY)}(${to}) } `;
        return (
          `${outcome}${arrow(HAS_COMPARISON)}${nodeOf(HAS_COMPARISON, to)} WHERE ${to}.position < ${WINDOWS.comparisonsPerOutcome.window} AND CASE ` +
          `WHEN EXISTS { ${group} } THEN EXISTS { ${group}${arrow(COMPARED_BY)}(${to}) } ${arm}ELSE true END`
        );
      },
      sortBy: ['position'],
    },
  },
});
