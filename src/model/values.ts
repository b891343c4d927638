/**
 * The value lists of the model, defined once: the seed format (src/seeds/seed.schema.ts, zod)
 * and the GraphQL enums (src/graphql/enums.ts) both read them.
 */
export const VERIFICATION_LEVELS = ['VERIFIED', 'SECONDARY', 'DERIVED', 'REGISTRY_REPORTED'] as const;
export const CONDITION_KINDS = ['DISEASE', 'SYNDROME'] as const;
export const INTERVENTION_KINDS = [
  'DRUG',
  'PROCEDURE',
  'RADIOPHARMACEUTICAL',
  'PLACEBO',
  'SUPPORTIVE_CARE',
  'CLASS',
  'OTHER',
] as const;
export const PREDICTOR_KINDS = [
  'BIOMARKER',
  'DEMOGRAPHIC',
  'TREATMENT_HISTORY',
  'DISEASE_EXTENT',
  'CONCOMITANT_TREATMENT',
  'OTHER',
] as const;
export const REGISTRIES = ['CLINICALTRIALS_GOV', 'EUDRACT', 'CTIS', 'NCI_CTRP', 'NIH', 'SPONSOR', 'OTHER'] as const;
export const PHASES = ['PHASE_1', 'PHASE_2', 'PHASE_3', 'PHASE_3B', 'PHASE_4'] as const;
export const ALLOCATIONS = ['RANDOMIZED', 'NON_RANDOMIZED'] as const;
export const MASKINGS = ['OPEN_LABEL', 'SINGLE_BLIND', 'DOUBLE_BLIND'] as const;
export const STUDY_STATUSES = [
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'ENROLLING_BY_INVITATION',
  'ACTIVE_NOT_RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'COMPLETED',
  'WITHDRAWN',
  'UNKNOWN',
] as const;
export const ENROLMENT_TYPES = ['ACTUAL', 'ESTIMATED'] as const;
export const DESIGN_FEATURES = [
  'PROSPECTIVE',
  'MULTICENTRE',
  'MULTINATIONAL',
  'PLACEBO_CONTROLLED',
  'CROSSOVER_ALLOWED',
  'STOPPED_EARLY',
  'INTERIM_ANALYSIS',
] as const;
export const ARM_ROLES = ['EXPERIMENTAL', 'ACTIVE_COMPARATOR', 'PLACEBO_COMPARATOR', 'OTHER'] as const;
export const OUTCOME_ROLES = ['PRIMARY', 'SECONDARY', 'SAFETY', 'EXPLORATORY', 'POST_HOC'] as const;
export const STATISTICS = [
  'LANDMARK_RATE',
  'MEDIAN',
  'PROPORTION',
  'COUNT',
  'MEAN',
  'GEOMETRIC_MEAN',
  'LEAST_SQUARES_MEAN',
  'GEOMETRIC_LEAST_SQUARES_MEAN',
  'LOG_MEAN',
  'NUMBER',
  'NOT_STATED',
] as const;
export const DISPERSIONS = [
  'STANDARD_DEVIATION',
  'STANDARD_ERROR',
  'FULL_RANGE',
  'INTER_QUARTILE_RANGE',
  'GEOMETRIC_COEFFICIENT_OF_VARIATION',
] as const;
export const EFFECT_MEASURES = ['HAZARD_RATIO', 'RATE_DIFFERENCE', 'ODDS_RATIO', 'RISK_RATIO'] as const;
export const TIME_UNITS = ['DAYS', 'WEEKS', 'MONTHS', 'YEARS'] as const;
export const ANALYSIS_TYPES = ['UNIVARIATE', 'MULTIVARIATE', 'SUBGROUP', 'NOT_REPORTED'] as const;
export const DIRECTIONS = ['WORSE_OUTCOME', 'BETTER_OUTCOME'] as const;
export const P_OPERATORS = ['=', '<', '<=', '>'] as const;
export const MEASUREMENT_UNITS = [
  'PERCENT',
  'MONTHS',
  'DAYS',
  'WEEKS',
  'YEARS',
  'PATIENTS',
  'EVENTS',
  'OTHER',
] as const;
export const P_SIDEDNESS = ['ONE_SIDED', 'TWO_SIDED'] as const;
export const PUBLICATION_ROLES = [
  'PRIMARY_REPORT',
  'FOLLOW_UP_REPORT',
  'RESULT_REPORT',
  'PROTOCOL',
  'BACKGROUND',
  'DERIVED',
] as const;
export const HYPOTHESES = [
  'SUPERIORITY',
  'NON_INFERIORITY',
  'EQUIVALENCE',
  'NON_INFERIORITY_OR_EQUIVALENCE',
  'OTHER',
] as const;
export const AE_SERIOUSNESS = ['SERIOUS', 'OTHER'] as const;
export const CODE_SYSTEMS = ['MESH', 'NCIT', 'SNOMEDCT', 'ATC', 'RXNORM'] as const;
export const CURATION_STATES = ['CURATED', 'IMPORTED_UNREVIEWED'] as const;
export const STUDY_ORIGINS = ['CURATED', 'REGISTRY_IMPORT'] as const;
/** How a registry's result group was tied to an arm of the study (src/ctgov/ctgov.groups.ts). */
export const GROUP_ARM_TIES = ['TITLE', 'TITLE_WITH_QUALIFIER', 'DESCRIPTION'] as const;
export const FLOW_COUNT_KINDS = ['MILESTONE', 'NOT_COMPLETED_REASON'] as const;
/** What wrote a version of a study (src/history/). */
export const VERSION_SOURCES = ['SEED_LOADER', 'IMPORT_STUDIES', 'REGISTRY_IMPORT', 'REGISTRY_SYNC'] as const;
