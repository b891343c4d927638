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
    SECONDARY: {
      description:
        'Seen only in a weak source (a data file in a public repository, an aggregator with visible errors).',
    },
    DERIVED: { description: 'Computed from verified numbers; the arithmetic is in the evidence note.' },
    REGISTRY_REPORTED: {
      description:
        'As a registry record states it (the document is the record, the section the JSON path of the value); not checked against a publication.',
    },
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
  valuesConfig: {
    RANDOMIZED: { description: 'Randomly assigned.' },
    NON_RANDOMIZED: { description: 'Not randomly assigned.' },
  },
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
    NOT_YET_RECRUITING: { description: 'Not yet recruiting.' },
    RECRUITING: { description: 'Recruiting.' },
    ENROLLING_BY_INVITATION: { description: 'Enrolling by invitation.' },
    ACTIVE_NOT_RECRUITING: { description: 'Running, no longer recruiting.' },
    SUSPENDED: { description: 'Halted, may resume.' },
    TERMINATED: { description: 'Stopped before its planned end.' },
    COMPLETED: { description: 'Completed.' },
    WITHDRAWN: { description: 'Stopped before enrolling its first patient.' },
    UNKNOWN: { description: 'The registry no longer knows (not verified for two years).' },
  },
});

export const StudyOrigin = enumOf(S.STUDY_ORIGINS);
registerEnumType(StudyOrigin, {
  name: 'StudyOrigin',
  description: 'How a study came into the graph.',
  valuesConfig: {
    CURATED: { description: 'Written by hand from its sources (seed files, importStudies).' },
    REGISTRY_IMPORT: {
      description:
        'Made by the ClinicalTrials.gov importer from a registry record; replaced whole when the record is imported again.',
    },
  },
});

export const EnrolmentType = enumOf(S.ENROLMENT_TYPES);
registerEnumType(EnrolmentType, {
  name: 'EnrolmentType',
  description: 'Whether an enrolment is the actual number or the anticipated one (as a registry says).',
  valuesConfig: {
    ACTUAL: { description: 'Patients actually enrolled.' },
    ESTIMATED: { description: 'The anticipated number.' },
  },
});

export const Dispersion = enumOf(S.DISPERSIONS);
registerEnumType(Dispersion, {
  name: 'DispersionType',
  description: 'The kind of dispersion a registry reports beside a value.',
  valuesConfig: {
    STANDARD_DEVIATION: { description: 'Standard deviation (`value`).' },
    STANDARD_ERROR: { description: 'Standard error (`value`).' },
    FULL_RANGE: { description: 'Full range (`lower`, `upper`).' },
    INTER_QUARTILE_RANGE: { description: 'Inter-quartile range (`lower`, `upper`).' },
    GEOMETRIC_COEFFICIENT_OF_VARIATION: { description: 'Geometric coefficient of variation, in percent (`value`).' },
  },
});

export const Hypothesis = enumOf(S.HYPOTHESES);
registerEnumType(Hypothesis, {
  name: 'Hypothesis',
  description: 'The hypothesis a between-arm analysis tests, as its source states it.',
  valuesConfig: {
    SUPERIORITY: { description: 'Superiority.' },
    NON_INFERIORITY: { description: 'Non-inferiority.' },
    EQUIVALENCE: { description: 'Equivalence.' },
    NON_INFERIORITY_OR_EQUIVALENCE: { description: 'Non-inferiority or equivalence.' },
    OTHER: { description: 'Another hypothesis.' },
  },
});

export const AdverseEventSeriousness = enumOf(S.AE_SERIOUSNESS);
registerEnumType(AdverseEventSeriousness, {
  name: 'AdverseEventSeriousness',
  description: 'How a registry files an adverse event.',
  valuesConfig: {
    SERIOUS: { description: 'A serious adverse event.' },
    OTHER: { description: 'Another (non-serious) adverse event.' },
  },
});

export const CodeSystem = enumOf(S.CODE_SYSTEMS);
registerEnumType(CodeSystem, {
  name: 'CodeSystem',
  description: 'An ontology or terminology a code belongs to.',
  valuesConfig: {
    MESH: { description: 'Medical Subject Headings (a descriptor id such as D018358).' },
    NCIT: { description: 'NCI Thesaurus.' },
    SNOMEDCT: { description: 'SNOMED CT.' },
    ATC: { description: 'Anatomical Therapeutic Chemical classification.' },
    RXNORM: { description: 'RxNorm.' },
  },
});

export const Curation = enumOf(S.CURATION_STATES);
registerEnumType(Curation, {
  name: 'Curation',
  description: 'Who made a shared concept.',
  valuesConfig: {
    CURATED: { description: 'Written by hand in a vocabulary.' },
    IMPORTED_UNREVIEWED: {
      description: 'Created by an import that matched no existing concept; waiting for curation.',
    },
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
    CTIS: { description: 'EU Clinical Trials Information System (EU CT number).' },
    NCI_CTRP: { description: 'NCI Clinical Trials Reporting Program (NCI-yyyy-nnnnn).' },
    NIH: { description: 'An NIH grant or contract number.' },
    SPONSOR: { description: "The sponsor's own protocol code." },
    OTHER: { description: 'Another issuer, named in `domain`.' },
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
    LANDMARK_RATE: {
      description: 'Proportion of patients event-free at a time point (e.g. 2-year PFS rate), in percent.',
    },
    MEDIAN: { description: 'Median time to event, in months.' },
    PROPORTION: { description: 'Proportion of patients with the outcome (e.g. response rate), in percent.' },
    COUNT: { description: 'Number of patients or events.' },
    MEAN: { description: 'Arithmetic mean.' },
    GEOMETRIC_MEAN: { description: 'Geometric mean.' },
    LEAST_SQUARES_MEAN: { description: 'Least-squares mean.' },
    GEOMETRIC_LEAST_SQUARES_MEAN: { description: 'Geometric least-squares mean.' },
    LOG_MEAN: { description: 'Mean of the logarithms of the values.' },
    NUMBER: { description: 'A number the registry gives without saying which statistic (its unit is in `unitText`).' },
    NOT_STATED: {
      description: 'The source gives values without naming their statistic (a registry measure without paramType).',
    },
  },
});

export const MeasurementUnit = enumOf(S.MEASUREMENT_UNITS);
registerEnumType(MeasurementUnit, {
  name: 'MeasurementUnit',
  description: 'Unit of a measured value.',
  valuesConfig: {
    PERCENT: { description: 'Percent of patients (0–100).' },
    MONTHS: { description: 'Months.' },
    DAYS: { description: 'Days.' },
    WEEKS: { description: 'Weeks.' },
    YEARS: { description: 'Years.' },
    PATIENTS: { description: 'Number of patients.' },
    EVENTS: { description: 'Number of events (e.g. deaths).' },
    OTHER: { description: 'Another unit, named in `unitText`.' },
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
    HAZARD_RATIO: {
      description:
        'Hazard ratio of the treatment arm (or factor level) versus the reference; below 1 favours the treatment.',
    },
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

export const ConceptKind = enumOf([
  'CONDITION',
  'INTERVENTION',
  'OUTCOME_CONCEPT',
  'PREDICTOR',
  'COMPARATOR',
  'INTERVENTION_CLASS',
] as const);
registerEnumType(ConceptKind, {
  name: 'ConceptKind',
  description: 'Kind of a shared concept that links studies.',
  valuesConfig: {
    CONDITION: { description: 'A condition of the study populations (including broader conditions through IS_A).' },
    INTERVENTION: {
      description: 'An intervention received by an arm of both studies, an experimental arm in at least one of them.',
    },
    COMPARATOR: {
      description: 'An intervention received only by comparator arms in both studies (placebo, active control).',
    },
    INTERVENTION_CLASS: {
      description:
        'A class of interventions (IS_A) that interventions of both studies belong to, e.g. somatostatin analogue for octreotide LAR and lanreotide; weighs less than a shared agent.',
    },
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
    CLASS: {
      description: 'A class of interventions that others are a kind of (IS_A), e.g. somatostatin analogue, PRRT.',
    },
    OTHER: { description: 'Another kind.' },
  },
});

export const ConditionKind = enumOf(S.CONDITION_KINDS);
registerEnumType(ConditionKind, {
  name: 'ConditionKind',
  description: 'Kind of condition.',
  valuesConfig: {
    DISEASE: { description: 'A disease or tumour type.' },
    SYNDROME: { description: 'A clinical syndrome (e.g. carcinoid syndrome).' },
  },
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
    RESULT_REPORT: { description: 'A report of results that a registry lists, not told primary or later.' },
    PROTOCOL: { description: 'The published protocol.' },
    BACKGROUND: { description: 'Background literature a registry lists.' },
    DERIVED: { description: 'A publication a registry links to the trial automatically (derived).' },
  },
});

export const GroupArmTie = enumOf(S.GROUP_ARM_TIES);
registerEnumType(GroupArmTie, {
  name: 'GroupArmTie',
  description:
    'Why a registry result group is taken to be an arm of the study; a group tied by none of these stays a group of its own.',
  valuesConfig: {
    TITLE: { description: "The group's title equals the arm's label, apart from case and punctuation." },
    TITLE_WITH_QUALIFIER: {
      description:
        'The group\'s title is the arm\'s label followed by a parenthesised qualifier, such as the analysis population ("Placebo (FAS)").',
    },
    DESCRIPTION: {
      description:
        "The group's description is the arm's description, or begins with it, apart from case and punctuation.",
    },
  },
});

export const FlowCountKind = enumOf(S.FLOW_COUNT_KINDS);
registerEnumType(FlowCountKind, {
  name: 'FlowCountKind',
  description: 'What a participant-flow count counts.',
  valuesConfig: {
    MILESTONE: {
      description:
        'Participants at a milestone of a period (STARTED, COMPLETED, NOT COMPLETED, or one the record names).',
    },
    NOT_COMPLETED_REASON: {
      description: 'Participants who did not complete a period, for one reason (adverse event, lost to follow-up…).',
    },
  },
});

export const VersionSource = enumOf(S.VERSION_SOURCES);
registerEnumType(VersionSource, {
  name: 'VersionSource',
  description: 'What wrote a version of a study.',
  valuesConfig: {
    SEED_LOADER: { description: 'The seed loader (npm run seed, or the seeds loaded at start).' },
    IMPORT_STUDIES: { description: 'The importStudies mutation, by the named API key.' },
    REGISTRY_IMPORT: {
      description: 'An import of a ClinicalTrials.gov record (npm run import:ctgov, or importClinicalTrialsGov).',
    },
    REGISTRY_SYNC: { description: 'A sync of the registry (npm run import:ctgov -- --sync), named by its run.' },
  },
});
