import { BOUNDS, WINDOWS } from '../model/bounds';
import {
  AE_SERIOUSNESS,
  ALLOCATIONS,
  ANALYSIS_TYPES,
  ARM_ROLES,
  CODE_SYSTEMS,
  CONDITION_KINDS,
  CURATION_STATES,
  DESIGN_FEATURES,
  DIRECTIONS,
  DISPERSIONS,
  EFFECT_MEASURES,
  ENROLMENT_TYPES,
  FLOW_COUNT_KINDS,
  GROUP_ARM_TIES,
  HYPOTHESES,
  INTERVENTION_KINDS,
  MASKINGS,
  MEASUREMENT_UNITS,
  OUTCOME_ROLES,
  PHASES,
  PREDICTOR_KINDS,
  PUBLICATION_ROLES,
  P_OPERATORS,
  P_SIDEDNESS,
  REGISTRIES,
  STATISTICS,
  STUDY_ORIGINS,
  STUDY_STATUSES,
  TIME_UNITS,
  VERIFICATION_LEVELS,
} from '../model/values';
import { z } from 'zod';

/**
 * The seed format: the contract of every file under seeds/ and of imports.
 *
 * Two kinds of file, told apart by `format`:
 * - a vocabulary (`net-trials/vocabulary@1`): the shared concepts that link studies —
 *   conditions (with their IS_A hierarchy), interventions, outcome concepts, predictors;
 * - a study (`net-trials/study@1`): one trial with its documents, publications, arms,
 *   population, outcomes, results, predictor findings and adverse events.
 *
 * Every quantitative fact carries `evidence`: the exact quoted text and the document it
 * is quoted from. Unknown values are `null`, never guessed. Structural rules are checked
 * here; rules that cross records (an arm referenced but not declared, an unknown concept)
 * are checked by `validateSeeds` in src/seeds/seed.validate.ts.
 */

/** Stable key: lower-case words joined by hyphens; keys are global across the graph. */
export const Key = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters and digits joined by single hyphens (e.g. "netter-1")')
  .max(120);

const Text = z.string().trim().min(1, 'must not be empty');

/** The message of a list beyond its bound (src/model/bounds.ts). */
const atMost = (max: number, what: string) => `at most ${max} ${what} (the bound the API promises)`;
const NonNegative = z.number().finite().nonnegative('must not be negative');
const Count = z.number().int('must be a whole number').nonnegative('must not be negative');

/**
 * VERIFIED: seen in the cited source. SECONDARY: seen only in a weak source. DERIVED: computed from
 * verified numbers (the arithmetic is in `note`). REGISTRY_REPORTED: as a registry record states it
 * (the document is the record, `section` the JSON path of the value), not checked against a publication.
 */
export const Verification = z.enum(VERIFICATION_LEVELS);

export const Evidence = z
  .object({
    /** The document (declared in the study's `documents`) in which `quote` appears word for word. */
    document: Key,
    /** Section of that document, e.g. "RESULTS" of an abstract or "PFS" row of a fact sheet; for a registry record, the JSON path of the value. */
    section: Text.nullable().default(null),
    /** The exact words of the document that state the fact. */
    quote: Text.max(2000),
    verification: Verification,
    /** How a DERIVED value was computed, or a caveat about the source. */
    note: Text.nullable().default(null),
  })
  .strict();

/** An ontology code with the name the source gives it and the source that gives it (a registry record's derivedSection, a cited vocabulary). */
export const Code = z
  .object({
    system: z.enum(CODE_SYSTEMS),
    code: Text,
    display: Text.nullable().default(null),
    /** Where the code was read, e.g. "ClinicalTrials.gov NCT00000000 derivedSection.conditionBrowseModule.meshes[0]". */
    source: Text.nullable().default(null),
  })
  .strict();
export const Codes = z.array(Code).max(20).default([]);

const Concept = {
  id: Key,
  name: Text,
  synonyms: z.array(Text).default([]),
  /** Ontology codes, only from a source (never guessed): rather none than a guessed code. */
  codes: Codes,
  /** CURATED: written by hand in a vocabulary. IMPORTED_UNREVIEWED: created by an import that matched no existing concept, waiting for curation. */
  curation: z.enum(CURATION_STATES).default('CURATED'),
};

/** Keys of broader concepts of the same kind (IS_A). */
const Broader = (max: number, what: string) => z.array(Key).max(max, atMost(max, what)).default([]);


export const VocabularyFile = z
  .object({
    format: z.literal('net-trials/vocabulary@1'),
    conditions: z
      .array(
        z
          .object({
            ...Concept,
            kind: z.enum(CONDITION_KINDS).default('DISEASE'),
            /** Keys of the broader conditions this one IS_A. */
            broader: Broader(BOUNDS.broaderPerCondition, 'broader conditions'),
          })
          .strict(),
      )
      .default([]),
    /** Interventions and their classes (kind CLASS: somatostatin analogue, PRRT…), with `broader` the classes an intervention IS_A. */
    interventions: z.array(z.object({ ...Concept, kind: z.enum(INTERVENTION_KINDS), broader: Broader(BOUNDS.broaderPerCondition, 'broader interventions') }).strict()).default([]),
    /** Outcome concepts, with `broader` the concepts one IS_A (hepatic PFS IS_A PFS). */
    outcomeConcepts: z.array(z.object({ ...Concept, abbreviation: Text.nullable().default(null), broader: Broader(BOUNDS.broaderPerCondition, 'broader outcome concepts') }).strict()).default([]),
    /** Predictors; `intervention` is the intervention or class a treatment factor is about (concomitant somatostatin analogues). */
    predictors: z.array(z.object({ ...Concept, kind: z.enum(PREDICTOR_KINDS), intervention: Key.nullable().default(null) }).strict()).default([]),
  })
  .strict();


const TimePoint = z.object({ value: z.number().positive(), unit: z.enum(TIME_UNITS) }).strict();

const Ci = z
  .object({
    /** Confidence level in percent, e.g. 95; null when the source does not state it (never assumed). */
    level: z.number().gt(0).lt(100).nullable().default(null),
    lower: z.number().finite().nullable(),
    /** null when the source reports the upper limit as not estimable (NE). */
    upper: z.number().finite().nullable(),
    /** ONE_SIDED for a one-sided interval (a registry's ciNumSides); null when not stated (a two-sided interval, as a rule). */
    sided: z.enum(P_SIDEDNESS).nullable().default(null),
  })
  .strict()
  .refine((ci) => ci.lower === null || ci.upper === null || ci.lower <= ci.upper, {
    message: 'lower limit must not exceed upper limit',
  });

/**
 * A p-value as reported: `text` word for word, `value` and `operator` for querying (p < 0.001 →
 * operator "<", value 0.001); both null when the text is not a number ("NA").
 */
const PValue = z
  .object({
    operator: z.enum(P_OPERATORS).nullable(),
    value: z.number().min(0, 'a p-value lies between 0 and 1').max(1, 'a p-value lies between 0 and 1').nullable(),
    text: Text,
    sided: z.enum(P_SIDEDNESS).nullable().default(null),
  })
  .strict()
  .refine((p) => (p.operator === null) === (p.value === null), { message: 'give operator and value together, or neither', path: ['value'] });

/** A value the source states as a range ("62–65 %"): `value` is then null and `valueText` the words. */
const ValueRange = z
  .object({ low: z.number().finite(), high: z.number().finite() })
  .strict()
  .refine((r) => r.low <= r.high, { message: 'low must not exceed high', path: ['low'] });

/** The dispersion a registry reports beside a value: a standard deviation or error (`value`) or a range (`lower`, `upper`). */
const Dispersion = z
  .object({
    type: z.enum(DISPERSIONS),
    value: z.number().finite().nullable().default(null),
    lower: z.number().finite().nullable().default(null),
    upper: z.number().finite().nullable().default(null),
  })
  .strict();

/** A subgroup of an arm or of the whole population that a result is about (pNET patients, G3 tumours). */
const Subgroup = z
  .object({
    label: Text,
    /** The defining criterion as the source states it. */
    criterion: Text.nullable().default(null),
    n: Count.nullable().default(null),
  })
  .strict();

export const Document = z
  .object({
    id: Key,
    title: Text,
    /** Where the document can be read; null for a file of this repository. */
    url: Text.nullable().default(null),
    /** The copy of the document kept in this repository (path from the repository root) against which quotes are checked. */
    localCopy: Text.nullable().default(null),
    /** The publication the document reproduces or summarises, if any (a key of `publications`). */
    publication: Key.nullable().default(null),
    /** When the document is a registry record: the registry, the record's id and the date of the version read. */
    registryRecord: z
      .object({
        registry: z.enum(REGISTRIES),
        id: Text,
        /** The record's last-update date (YYYY-MM-DD) as the registry states it. */
        lastUpdated: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a date YYYY-MM-DD').nullable().default(null),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

export const Publication = z
  .object({
    id: Key,
    title: Text.nullable().default(null),
    journal: Text.nullable().default(null),
    year: z.number().int().min(1900).max(2100).nullable().default(null),
    volume: Text.nullable().default(null),
    issue: Text.nullable().default(null),
    pages: Text.nullable().default(null),
    pmid: z.string().regex(/^\d{1,9}$/, 'a PMID is digits only').nullable().default(null),
    pmcid: z.string().regex(/^PMC\d{1,9}$/, 'a PMCID is "PMC" and digits').nullable().default(null),
    doi: z.string().regex(/^10\.\d{4,9}\/\S+$/, 'a DOI starts with "10." and a registrant code').nullable().default(null),
    /** The citation as a registry gives it, word for word, when the parts above are not given separately. */
    citation: Text.max(4000).nullable().default(null),
    /** Authors in citation order ("Rinke A"); empty when not sourced. */
    authors: z.array(Text).default([]),
    /** First author when only that is sourced. */
    firstAuthor: Text.nullable().default(null),
    /** Verification of the identifiers (PMID, DOI) above. */
    identifierVerification: Verification.default('VERIFIED'),
    /** The publication's role for the study: the primary report, a later one (final OS, extension), a report of results the registry lists, the protocol, background, or derived from the study. */
    role: z.enum(PUBLICATION_ROLES).default('PRIMARY_REPORT'),
  })
  .strict();

const Regimen = z
  .object({
    intervention: Key,
    dose: Text.nullable().default(null),
    route: Text.nullable().default(null),
    schedule: Text.nullable().default(null),
  })
  .strict();

export const Arm = z
  .object({
    id: Key,
    label: Text,
    role: z.enum(ARM_ROLES),
    /** Number of patients randomized to the arm. */
    randomized: Count.nullable().default(null),
    receives: z.array(Regimen).min(1, 'an arm receives at least one intervention').max(BOUNDS.interventionsPerArm, atMost(BOUNDS.interventionsPerArm, 'interventions per arm')),
    evidence: z.array(Evidence).max(BOUNDS.evidencePerFact, atMost(BOUNDS.evidencePerFact, 'evidence entries')).default([]),
  })
  .strict();

/**
 * Where a value may be negative, by its meaning: a count of patients or events, a proportion or
 * a landmark rate never is; a change, a difference, a mean of log values or a z-score may be,
 * whatever its unit. Percentages of patients lie between 0 and 100.
 */
const NEVER_NEGATIVE_STATISTICS: readonly string[] = ['COUNT', 'PROPORTION', 'LANDMARK_RATE'];
const NEVER_NEGATIVE_UNITS: readonly string[] = ['PATIENTS', 'EVENTS'];
const mayBeNegative = (statistic: string, unit: string) => !NEVER_NEGATIVE_STATISTICS.includes(statistic) && !NEVER_NEGATIVE_UNITS.includes(unit);

/** A comment the source attaches to a value or an analysis, with the field it is in ("statisticalComment"). */
const SourceComment = z.object({ field: Text, text: Text.max(4000) }).strict();

export const Measurement = z
  .object({
    id: Key,
    /** The arm measured; null for the whole cohort, or for a registry result group tied to no arm (see `group`). */
    arm: Key.nullable(),
    /** The registry result group measured (a key of `groups`), when the source reports by result group. */
    group: Key.nullable().default(null),
    statistic: z.enum(STATISTICS),
    /** The number; null when the source reports none (e.g. "not reached"). */
    value: z.number().finite().nullable(),
    /** The value as the source reports it when it is not a plain number ("not reached", "62–65", "NA"). */
    valueText: Text.nullable().default(null),
    /** A value stated as a range: `value` is null then. */
    range: ValueRange.nullable().default(null),
    unit: z.enum(MEASUREMENT_UNITS),
    /** The unit in the source's words when `unit` is OTHER (or to keep the registry's wording). */
    unitText: Text.nullable().default(null),
    timePoint: TimePoint.nullable().default(null),
    ci: Ci.nullable().default(null),
    dispersion: Dispersion.nullable().default(null),
    analysed: Count.nullable().default(null),
    /** The subgroup measured, when the value is not of the whole arm (or cohort). */
    subgroup: Subgroup.nullable().default(null),
    /** The category counted, for a categorical outcome (e.g. "Partial response"). */
    category: Text.nullable().default(null),
    /** A registry class: the titled row of the measure the value belongs to (a component, an analyte, a time point, a subgroup), as the record titles it. */
    row: Text.nullable().default(null),
    /** The source's comment on this value ("NA: can't be estimated due to censored data"). */
    comment: Text.max(4000).nullable().default(null),
    evidence: Evidence,
  })
  .strict()
  .refine((m) => m.unit !== 'PERCENT' || m.value === null || !NEVER_NEGATIVE_STATISTICS.includes(m.statistic) || (m.value >= 0 && m.value <= 100), {
    message: 'a percentage lies between 0 and 100',
    path: ['value'],
  })
  .refine((m) => m.value === null || m.value >= 0 || mayBeNegative(m.statistic, m.unit), { message: 'must not be negative for this statistic and unit', path: ['value'] })
  .refine((m) => m.value !== null || m.valueText !== null, { message: 'give value or valueText', path: ['value'] })
  .refine((m) => m.range === null || m.value === null, { message: 'a value stated as a range has value null', path: ['range'] });

export const Comparison = z
  .object({
    id: Key,
    /** The arm whose effect is estimated, and the arm it is compared with; null where the source does not say which is which, or compares groups that are no arms (see `groups`). */
    treatmentArm: Key.nullable().default(null),
    referenceArm: Key.nullable().default(null),
    /** The registry result groups the analysis compares, in the record's order (keys of `groups`). */
    groups: z.array(Key).max(BOUNDS.groupsPerStudy).default([]),
    /** Of `groups`, the one whose effect is estimated and the one it is compared with, when the source's words say so ("CZP/Placebo"). */
    treatmentGroup: Key.nullable().default(null),
    referenceGroup: Key.nullable().default(null),
    effectMeasure: z.enum(EFFECT_MEASURES).nullable().default(null),
    estimate: z.number().finite().nullable().default(null),
    /** The estimate as printed when it is not a number ("NA", "not estimable"). */
    estimateText: Text.nullable().default(null),
    /** What the estimate is, in the source's words ("LS Mean Difference"); kept whether or not it maps to an effect measure. */
    estimateType: Text.nullable().default(null),
    /** The dispersion reported beside the estimate (its standard error). */
    dispersion: Dispersion.nullable().default(null),
    ci: Ci.nullable().default(null),
    p: PValue.nullable().default(null),
    /** Statistical method as reported (e.g. "stratified log-rank"). */
    method: Text.nullable().default(null),
    /** The hypothesis tested, when the source states it (a non-inferiority analysis), with its words (the margin). */
    hypothesis: z.enum(HYPOTHESES).nullable().default(null),
    hypothesisText: Text.nullable().default(null),
    /** The subgroup compared, when not the whole arms. */
    subgroup: Subgroup.nullable().default(null),
    /** The comments that qualify the analysis, word for word (a registry's statisticalComment, estimateComment, pValueComment…). */
    comments: z.array(SourceComment).max(BOUNDS.commentsPerComparison).default([]),
    evidence: Evidence,
  })
  .strict()
  .refine((c) => c.treatmentArm === null || c.treatmentArm !== c.referenceArm, { message: 'treatment and reference arms must differ', path: ['referenceArm'] })
  .refine((c) => c.treatmentGroup === null || c.treatmentGroup !== c.referenceGroup, { message: 'treatment and reference groups must differ', path: ['referenceGroup'] })
  .refine((c) => c.treatmentArm !== null || c.referenceArm !== null || c.groups.length > 0, { message: 'a comparison names its arms or its groups', path: ['treatmentArm'] });

export const Outcome = z
  .object({
    id: Key,
    name: Text,
    concept: Key,
    role: z.enum(OUTCOME_ROLES),
    definition: Text.nullable().default(null),
    timeFrame: Text.nullable().default(null),
    /** Who was analysed, in the source's words (a registry's populationDescription: "Full Analysis Set…"). */
    analysisPopulation: Text.max(4000).nullable().default(null),
    measurements: z.array(Measurement).max(WINDOWS.measurementsPerOutcome.max, atMost(WINDOWS.measurementsPerOutcome.max, 'measurements per outcome')).default([]),
    comparisons: z.array(Comparison).max(WINDOWS.comparisonsPerOutcome.max, atMost(WINDOWS.comparisonsPerOutcome.max, 'comparisons per outcome')).default([]),
  })
  .strict();

export const PredictorFinding = z
  .object({
    id: Key,
    predictor: Key,
    /** The study outcome the factor was evaluated for (a key of `outcomes`); null when the source names only the outcome concept. */
    outcome: Key.nullable().default(null),
    /** The outcome concept the factor was evaluated for, when the source names no outcome of the study (PFS over time, not a landmark rate). */
    outcomeConcept: Key.nullable().default(null),
    associated: z.boolean(),
    direction: z.enum(DIRECTIONS).nullable().default(null),
    /** The direction in the source's words ("shorter PFS"). */
    directionText: Text.nullable().default(null),
    /** The level or contrast evaluated ("elevated baseline", "high vs low hepatic tumour load"). */
    contrast: Text.nullable().default(null),
    analysisType: z.enum(ANALYSIS_TYPES).default('NOT_REPORTED'),
    effectMeasure: z.enum(EFFECT_MEASURES).nullable().default(null),
    estimate: z.number().finite().nullable().default(null),
    ci: Ci.nullable().default(null),
    p: PValue.nullable().default(null),
    evidence: Evidence,
  })
  .strict()
  .refine((f) => f.associated || f.direction === null, { message: 'a factor not associated has no direction', path: ['direction'] })
  .refine((f) => (f.outcome === null) !== (f.outcomeConcept === null), { message: 'give exactly one of outcome and outcomeConcept', path: ['outcome'] });

export const AdverseEventResult = z
  .object({
    id: Key,
    /** MedDRA-like term as reported, or "any toxicity", or "treatment-related death". */
    term: Text,
    /** Lowest and highest CTCAE grade of the band (3–3 for "grade 3", 3–4 for "grade 3-4"); null when not graded. */
    gradeMin: z.number().int().min(1).max(5).nullable().default(null),
    gradeMax: z.number().int().min(1).max(5).nullable().default(null),
    /** The arm; null for the whole cohort, or for a registry event group tied to no arm (see `group`). */
    arm: Key.nullable(),
    /** The registry event group (a key of `groups`), when the source reports by result group. */
    group: Key.nullable().default(null),
    patients: Count.nullable().default(null),
    /** Number of events (a patient may have several), when reported. */
    events: Count.nullable().default(null),
    percent: NonNegative.max(100, 'a percentage lies between 0 and 100').nullable().default(null),
    /** Denominator of `percent` or `patients` when reported. */
    analysed: Count.nullable().default(null),
    /** What the source says of the difference between arms, word for word or null. */
    armDifference: Text.nullable().default(null),
    /** SERIOUS or OTHER, as a registry splits adverse events (it gives no grade). */
    seriousness: z.enum(AE_SERIOUSNESS).nullable().default(null),
    /** The organ system the registry files the term under. */
    organSystem: Text.nullable().default(null),
    /** How the events were collected, as the registry says (SYSTEMATIC_ASSESSMENT, NON_SYSTEMATIC_ASSESSMENT). */
    assessmentType: Text.nullable().default(null),
    /** The vocabulary of `term` (e.g. "MedDRA 19.0"). */
    vocabulary: Text.nullable().default(null),
    evidence: Evidence,
  })
  .strict()
  .refine((a) => a.patients !== null || a.percent !== null, { message: 'give patients or percent', path: ['patients'] })
  .refine((a) => a.gradeMin === null || a.gradeMax === null || a.gradeMin <= a.gradeMax, {
    message: 'gradeMin must not exceed gradeMax',
    path: ['gradeMin'],
  });

/**
 * A result group of a registry record: the record's own group of participants that values are
 * reported for (an arm, an analysis population of an arm, a period, an open-label extension, an
 * observational cohort). Groups of the same title and description in several modules are one.
 */
export const ResultGroup = z
  .object({
    id: Key,
    title: Text,
    description: Text.max(4000).nullable().default(null),
    /** The arm this group is, when the tie is unambiguous (`armTie` says why); null for any other group. */
    arm: Key.nullable().default(null),
    armTie: z.enum(GROUP_ARM_TIES).nullable().default(null),
    /** The group's adverse-event totals, when the record reports events for it. */
    adverseEventTotals: z
      .object({
        seriousAffected: Count.nullable().default(null),
        seriousAtRisk: Count.nullable().default(null),
        otherAffected: Count.nullable().default(null),
        otherAtRisk: Count.nullable().default(null),
        deathsAffected: Count.nullable().default(null),
        deathsAtRisk: Count.nullable().default(null),
      })
      .strict()
      .nullable()
      .default(null),
    evidence: z.array(Evidence).max(BOUNDS.evidencePerFact, atMost(BOUNDS.evidencePerFact, 'evidence entries')).default([]),
  })
  .strict()
  .refine((g) => (g.arm === null) === (g.armTie === null), { message: 'give arm and armTie together, or neither', path: ['armTie'] });

/** One count of the participant flow: a milestone of a period, or a reason for not completing it, for one group. */
export const FlowCount = z
  .object({
    id: Key,
    period: Text,
    kind: z.enum(FLOW_COUNT_KINDS),
    /** The milestone ("STARTED", "COMPLETED", "NOT COMPLETED", or one the record names) or the reason ("Adverse Event"). */
    type: Text,
    group: Key,
    /** Participants; null when the record gives no number. */
    count: Count.nullable().default(null),
    comment: Text.max(4000).nullable().default(null),
    evidence: Evidence,
  })
  .strict();

/** A value of a baseline characteristic for one group: the shape of a measurement, without arm or time. */
const BaselineValue = z
  .object({
    id: Key,
    group: Key,
    value: z.number().finite().nullable(),
    valueText: Text.nullable().default(null),
    ci: Ci.nullable().default(null),
    dispersion: Dispersion.nullable().default(null),
    analysed: Count.nullable().default(null),
    row: Text.nullable().default(null),
    category: Text.nullable().default(null),
    comment: Text.max(4000).nullable().default(null),
    evidence: Evidence,
  })
  .strict()
  .refine((m) => m.value !== null || m.valueText !== null, { message: 'give value or valueText', path: ['value'] });

/** A baseline characteristic (age, sex, a baseline score) as the record reports it, with its values per group. */
export const BaselineMeasure = z
  .object({
    id: Key,
    title: Text,
    description: Text.max(4000).nullable().default(null),
    analysisPopulation: Text.max(4000).nullable().default(null),
    statistic: z.enum(STATISTICS),
    unitText: Text.nullable().default(null),
    values: z.array(BaselineValue).max(BOUNDS.valuesPerBaselineMeasure, atMost(BOUNDS.valuesPerBaselineMeasure, 'values per baseline measure')).default([]),
  })
  .strict();

/** Who could take part, as the protocol says (a registry's eligibility module). */
const Eligibility = z
  .object({
    /** The inclusion and exclusion criteria, word for word. */
    criteria: Text.max(50000).nullable().default(null),
    /** ALL, FEMALE or MALE, as the registry states it. */
    sex: Text.nullable().default(null),
    minimumAge: Text.nullable().default(null),
    maximumAge: Text.nullable().default(null),
    healthyVolunteers: z.boolean().nullable().default(null),
    /** The registry's age groups (CHILD, ADULT, OLDER_ADULT). */
    ageGroups: z.array(Text).default([]),
    evidence: Evidence,
  })
  .strict();

export const Study = z
  .object({
    id: Key,
    acronym: Text.nullable().default(null),
    title: Text,
    /** CURATED: written by hand from its sources. REGISTRY_IMPORT: made by the ClinicalTrials.gov importer from a registry record (replaced when the record is imported again). */
    origin: z.enum(STUDY_ORIGINS).default('CURATED'),
    phase: z.enum(PHASES).nullable().default(null),
    allocation: z.enum(ALLOCATIONS).nullable().default(null),
    masking: z.enum(MASKINGS).nullable().default(null),
    status: z.enum(STUDY_STATUSES).nullable().default(null),
    designFeatures: z.array(z.enum(DESIGN_FEATURES)).default([]),
    /** Design as the source describes it, word for word where possible. */
    designText: Text.nullable().default(null),
    /** Patients randomized in total (enrolled, for a registry record). */
    enrolment: Count.nullable().default(null),
    /** Whether `enrolment` is the actual or the anticipated number, when a registry says. */
    enrolmentType: z.enum(ENROLMENT_TYPES).nullable().default(null),
    /** The design values planned before results (kept apart from results): sample size, the effect the trial was powered for. */
    planned: z
      .object({
        enrolment: Count.nullable().default(null),
        effectMeasure: z.enum(EFFECT_MEASURES).nullable().default(null),
        effect: z.number().finite().nullable().default(null),
        /** The planned design in the source's words (power, alpha, events). */
        description: Text.nullable().default(null),
        evidence: z.array(Evidence).min(1, 'a planned value cites its source').max(BOUNDS.evidencePerFact, atMost(BOUNDS.evidencePerFact, 'evidence entries')),
      })
      .strict()
      .nullable()
      .default(null),
    startYear: z.number().int().min(1900).max(2100).nullable().default(null),
    countries: z.array(Text).default([]),
    siteCount: Count.nullable().default(null),
    countryCount: Count.nullable().default(null),
    /** Registry ids; `domain` names the issuer of an OTHER or SPONSOR id as the registry gives it. */
    registryIds: z.array(z.object({ registry: z.enum(REGISTRIES), id: Text, domain: Text.nullable().default(null) }).strict()).default([]),
    /** Gaps and caveats that a reader should see (e.g. "HACE drug not reported in the sources seen"). */
    notes: z.array(Text).default([]),
    /** How adverse events were collected and reported, as a registry states it. */
    adverseEventReporting: z
      .object({ timeFrame: Text.max(4000).nullable().default(null), description: Text.max(4000).nullable().default(null), frequencyThreshold: Text.nullable().default(null) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

export const StudyFile = z
  .object({
    format: z.literal('net-trials/study@1'),
    study: Study,
    documents: z.array(Document).min(1, 'a study cites at least one document'),
    publications: z.array(Publication).max(BOUNDS.publicationsPerStudy, atMost(BOUNDS.publicationsPerStudy, 'publications')).default([]),
    population: z
      .object({
        id: Key,
        description: Text,
        conditions: z.array(Key).min(1, 'a population has at least one condition').max(BOUNDS.conditionsPerPopulation, atMost(BOUNDS.conditionsPerPopulation, 'conditions')),
        eligibility: Eligibility.nullable().default(null),
        evidence: z.array(Evidence).max(BOUNDS.evidencePerFact, atMost(BOUNDS.evidencePerFact, 'evidence entries')).default([]),
      })
      .strict(),
    /** The arms; an observational study may have none (its results are then by `groups`). */
    arms: z.array(Arm).max(BOUNDS.armsPerStudy, atMost(BOUNDS.armsPerStudy, 'arms')),
    groups: z.array(ResultGroup).max(BOUNDS.groupsPerStudy, atMost(BOUNDS.groupsPerStudy, 'result groups')).default([]),
    participantFlow: z.array(FlowCount).max(BOUNDS.flowCountsPerStudy, atMost(BOUNDS.flowCountsPerStudy, 'participant-flow counts')).default([]),
    baseline: z.array(BaselineMeasure).max(BOUNDS.baselineMeasuresPerStudy, atMost(BOUNDS.baselineMeasuresPerStudy, 'baseline measures')).default([]),
    /** Separate cohorts of one trial (pancreatic and extrapancreatic), each with its own conditions, n and arms. */
    cohorts: z
      .array(
        z
          .object({
            id: Key,
            label: Text,
            description: Text.nullable().default(null),
            conditions: z.array(Key).max(BOUNDS.conditionsPerPopulation, atMost(BOUNDS.conditionsPerPopulation, 'conditions')).default([]),
            n: Count.nullable().default(null),
            arms: z.array(Key).min(1, 'a cohort has at least one arm').max(BOUNDS.armsPerStudy, atMost(BOUNDS.armsPerStudy, 'arms')),
            evidence: z.array(Evidence).max(BOUNDS.evidencePerFact, atMost(BOUNDS.evidencePerFact, 'evidence entries')).default([]),
          })
          .strict(),
      )
      .max(BOUNDS.armsPerStudy, atMost(BOUNDS.armsPerStudy, 'cohorts'))
      .default([]),
    outcomes: z.array(Outcome).max(WINDOWS.outcomesPerStudy.max, atMost(WINDOWS.outcomesPerStudy.max, 'outcomes')).default([]),
    predictorFindings: z.array(PredictorFinding).max(BOUNDS.findingsPerStudy, atMost(BOUNDS.findingsPerStudy, 'predictor findings')).default([]),
    adverseEvents: z.array(AdverseEventResult).max(WINDOWS.adverseEventsPerStudy.max, atMost(WINDOWS.adverseEventsPerStudy.max, 'adverse-event results')).default([]),
  })
  .strict();

export const SeedFile = z.discriminatedUnion('format', [VocabularyFile, StudyFile]);

export type EvidenceInput = z.infer<typeof Evidence>;
export type VocabularyInput = z.infer<typeof VocabularyFile>;
export type StudyInput = z.infer<typeof StudyFile>;
export type SeedFileInput = z.infer<typeof SeedFile>;
