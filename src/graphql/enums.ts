import { registerEnumType } from 'type-graphql';
import * as S from '../model/values';

/** Turns a value list of src/model/values.ts into a GraphQL enum object (value → value). */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const Verification = enumOf(S.VERIFICATION_LEVELS);
registerEnumType(Verification, {
  name: 'Verification',
  description: 'How well a fact is sourced.',
  valuesConfig: {
    VERIFIED: { description: 'Seen in the cited source.' },
    SECONDARY: { description: 'Seen only in a weak source (a data file in a public repository, an aggregator with visible errors).' },
    DERIVED: { description: 'Computed from verified numbers; the arithmetic is in the evidence note.' },
  },
});

export const Phase = enumOf(S.PHASES);
registerEnumType(Phase, {
  name: 'Phase',
  description: 'Trial phase as reported.',
  valuesConfig: {
    PHASE_1: { description: 'Phase 1.' },
    PHASE_2: { description: 'Phase 2.' },
    PHASE_3: { description: 'Phase 3.' },
    PHASE_3B: { description: 'Phase 3b (IIIB).' },
    PHASE_4: { description: 'Phase 4.' },
  },
});

export const Allocation = enumOf(S.ALLOCATIONS);
registerEnumType(Allocation, {
  name: 'Allocation',
  description: 'How patients were assigned to arms.',
  valuesConfig: { RANDOMIZED: { description: 'Randomly assigned.' }, NON_RANDOMIZED: { description: 'Not randomly assigned.' } },
});

export const Masking = enumOf(S.MASKINGS);
registerEnumType(Masking, {
  name: 'Masking',
  description: 'Who knew the assigned treatment.',
  valuesConfig: {
    OPEN_LABEL: { description: 'No masking: patients and investigators knew the treatment.' },
    SINGLE_BLIND: { description: 'One party masked.' },
    DOUBLE_BLIND: { description: 'Patients and investigators masked.' },
  },
});

export const StudyStatus = enumOf(S.STUDY_STATUSES);
registerEnumType(StudyStatus, {
  name: 'StudyStatus',
  description: 'Recruitment status, when a source states it.',
  valuesConfig: {
    COMPLETED: { description: 'Completed.' },
    ACTIVE_NOT_RECRUITING: { description: 'Running, no longer recruiting.' },
    RECRUITING: { description: 'Recruiting.' },
    TERMINATED: { description: 'Stopped before its planned end.' },
  },
});

export const DesignFeature = enumOf(S.DESIGN_FEATURES);
registerEnumType(DesignFeature, {
  name: 'DesignFeature',
  description: 'A feature of a study design stated by its sources.',
  valuesConfig: {
    PROSPECTIVE: { description: 'Prospective.' },
    MULTICENTRE: { description: 'Run at several centres.' },
    MULTINATIONAL: { description: 'Run in several countries.' },
    PLACEBO_CONTROLLED: { description: 'Controlled against placebo.' },
    CROSSOVER_ALLOWED: { description: 'Control patients could cross over to the experimental treatment.' },
    STOPPED_EARLY: { description: 'Stopped early (e.g. by its data monitoring committee).' },
    INTERIM_ANALYSIS: { description: 'Results come from a planned interim analysis.' },
  },
});

export const Registry = enumOf(S.REGISTRIES);
registerEnumType(Registry, {
  name: 'Registry',
  description: 'A trial registry.',
  valuesConfig: {
    CLINICALTRIALS_GOV: { description: 'ClinicalTrials.gov (NCT number).' },
    EUDRACT: { description: 'EU Clinical Trials Register (EudraCT number).' },
    SPONSOR: { description: "The sponsor's own protocol code." },
  },
});

export const ArmRole = enumOf(S.ARM_ROLES);
registerEnumType(ArmRole, {
  name: 'ArmRole',
  description: 'The role of an arm in the comparison.',
  valuesConfig: {
    EXPERIMENTAL: { description: 'Receives the treatment under test.' },
    ACTIVE_COMPARATOR: { description: 'Receives an active reference treatment.' },
    PLACEBO_COMPARATOR: { description: 'Receives placebo (with or without background treatment).' },
    OTHER: { description: 'Another role.' },
  },
});

export const OutcomeRole = enumOf(S.OUTCOME_ROLES);
registerEnumType(OutcomeRole, {
  name: 'OutcomeRole',
  description: 'The role of an outcome in its study.',
  valuesConfig: {
    PRIMARY: { description: 'Primary end point.' },
    SECONDARY: { description: 'Secondary end point.' },
    SAFETY: { description: 'Safety end point.' },
    EXPLORATORY: { description: 'Exploratory end point.' },
    POST_HOC: { description: 'Analysis not planned in advance, or reported in a later paper.' },
  },
});

export const Statistic = enumOf(S.STATISTICS);
registerEnumType(Statistic, {
  name: 'Statistic',
  description: 'What kind of number a measurement is.',
  valuesConfig: {
    LANDMARK_RATE: { description: 'Proportion of patients event-free at a time point (e.g. 2-year PFS rate), in percent.' },
    MEDIAN: { description: 'Median time to event, in months.' },
    PROPORTION: { description: 'Proportion of patients with the outcome (e.g. response rate), in percent.' },
    COUNT: { description: 'Number of patients or events.' },
    MEAN: { description: 'Arithmetic mean.' },
  },
});

export const MeasurementUnit = enumOf(S.MEASUREMENT_UNITS);
registerEnumType(MeasurementUnit, {
  name: 'MeasurementUnit',
  description: 'Unit of a measured value.',
  valuesConfig: {
    PERCENT: { description: 'Percent of patients (0–100).' },
    MONTHS: { description: 'Months.' },
    PATIENTS: { description: 'Number of patients.' },
    EVENTS: { description: 'Number of events (e.g. deaths).' },
  },
});

export const TimeUnit = enumOf(S.TIME_UNITS);
registerEnumType(TimeUnit, {
  name: 'TimeUnit',
  description: 'Unit of a time point.',
  valuesConfig: {
    DAYS: { description: 'Days.' },
    WEEKS: { description: 'Weeks.' },
    MONTHS: { description: 'Months.' },
    YEARS: { description: 'Years.' },
  },
});

export const EffectMeasure = enumOf(S.EFFECT_MEASURES);
registerEnumType(EffectMeasure, {
  name: 'EffectMeasure',
  description: 'The effect measure of a between-arm comparison or a predictor finding.',
  valuesConfig: {
    HAZARD_RATIO: { description: 'Hazard ratio of the treatment arm (or factor level) versus the reference; below 1 favours the treatment.' },
    RATE_DIFFERENCE: { description: 'Difference of two rates, in percentage points.' },
    ODDS_RATIO: { description: 'Odds ratio.' },
    RISK_RATIO: { description: 'Risk ratio.' },
  },
});

export const AnalysisType = enumOf(S.ANALYSIS_TYPES);
registerEnumType(AnalysisType, {
  name: 'AnalysisType',
  description: 'How a predictor was analysed.',
  valuesConfig: {
    UNIVARIATE: { description: 'Univariate analysis.' },
    MULTIVARIATE: { description: 'Multivariate (adjusted) analysis.' },
    SUBGROUP: { description: 'Comparison of subgroups.' },
    NOT_REPORTED: { description: 'The source does not say.' },
  },
});

export const Direction = enumOf(S.DIRECTIONS);
registerEnumType(Direction, {
  name: 'Direction',
  description: 'Direction of an association between a predictor and an outcome.',
  valuesConfig: {
    WORSE_OUTCOME: { description: 'The factor goes with a worse outcome (e.g. shorter PFS).' },
    BETTER_OUTCOME: { description: 'The factor goes with a better outcome.' },
  },
});

export const PValueSidedness = enumOf(S.P_SIDEDNESS);
registerEnumType(PValueSidedness, {
  name: 'PValueSidedness',
  description: 'Sidedness of a p-value, when reported.',
  valuesConfig: { ONE_SIDED: { description: 'One-sided test.' }, TWO_SIDED: { description: 'Two-sided test.' } },
});

export const ConceptKind = enumOf(['CONDITION', 'INTERVENTION', 'OUTCOME_CONCEPT', 'PREDICTOR', 'COMPARATOR'] as const);
registerEnumType(ConceptKind, {
  name: 'ConceptKind',
  description: 'Kind of a shared concept that links studies.',
  valuesConfig: {
    CONDITION: { description: 'A condition of the study populations (including broader conditions through IS_A).' },
    INTERVENTION: { description: 'An intervention received by an arm of both studies, an experimental arm in at least one of them.' },
    COMPARATOR: { description: 'An intervention received only by comparator arms in both studies (placebo, active control).' },
    OUTCOME_CONCEPT: { description: 'An outcome concept measured by both studies.' },
    PREDICTOR: { description: 'A predictor evaluated by both studies.' },
  },
});

export const InterventionKind = enumOf(S.INTERVENTION_KINDS);
registerEnumType(InterventionKind, {
  name: 'InterventionKind',
  description: 'Kind of intervention.',
  valuesConfig: {
    DRUG: { description: 'A drug.' },
    PROCEDURE: { description: 'A procedure (e.g. hepatic arterial embolization).' },
    RADIOPHARMACEUTICAL: { description: 'A radiopharmaceutical (e.g. 177Lu-Dotatate).' },
    PLACEBO: { description: 'Placebo.' },
    SUPPORTIVE_CARE: { description: 'Best supportive care.' },
    OTHER: { description: 'Another kind.' },
  },
});

export const ConditionKind = enumOf(S.CONDITION_KINDS);
registerEnumType(ConditionKind, {
  name: 'ConditionKind',
  description: 'Kind of condition.',
  valuesConfig: { DISEASE: { description: 'A disease or tumour type.' }, SYNDROME: { description: 'A clinical syndrome (e.g. carcinoid syndrome).' } },
});

export const PredictorKind = enumOf(S.PREDICTOR_KINDS);
registerEnumType(PredictorKind, {
  name: 'PredictorKind',
  description: 'Kind of prognostic factor.',
  valuesConfig: {
    BIOMARKER: { description: 'A laboratory marker (e.g. urinary 5-HIAA).' },
    DEMOGRAPHIC: { description: 'A patient characteristic (age, gender).' },
    TREATMENT_HISTORY: { description: 'A previous treatment (e.g. resection).' },
    DISEASE_EXTENT: { description: 'Tumour burden (e.g. extent of liver involvement).' },
    CONCOMITANT_TREATMENT: { description: 'A treatment given alongside (e.g. somatostatin analogues).' },
    OTHER: { description: 'Another kind.' },
  },
});

export const PublicationRole = enumOf(S.PUBLICATION_ROLES);
registerEnumType(PublicationRole, {
  name: 'PublicationRole',
  description: 'What a publication is for its study.',
  valuesConfig: {
    PRIMARY_REPORT: { description: 'The primary report of the trial.' },
    FOLLOW_UP_REPORT: { description: 'A later report (final overall survival, extension, long-term follow-up).' },
  },
});
