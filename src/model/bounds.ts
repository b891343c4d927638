/**
 * Upper bounds of the lists a study owns. The seed format (src/seeds/seed.schema.ts) refuses a
 * study beyond them, the read declarations (src/<concept>/<concept>.fields.ts) use them as the
 * LIMIT of unpaged list fields, and the cost limit counts them as the size of those lists: a
 * bound is a promise, never a cut. The lists that real registry records make long are windowed
 * instead (WINDOWS below).
 */
export const BOUNDS = {
  armsPerStudy: 12,
  interventionsPerArm: 10,
  conditionsPerPopulation: 10,
  findingsPerStudy: 60,
  publicationsPerStudy: 10,
  /** Result groups of a registry record (arms, analysis populations, periods, cohorts). */
  groupsPerStudy: 100,
  /** Participant-flow counts of a study (periods × milestones and reasons × groups). */
  flowCountsPerStudy: 2000,
  baselineMeasuresPerStudy: 100,
  valuesPerBaselineMeasure: 500,
  /** Comments a registry attaches to one analysis (statistical, estimate, p-value, CI comments). */
  commentsPerComparison: 10,
  evidencePerFact: 4,
  /** Conditions one condition IS_A (its parents), that are a kind of it (its children), and all its ancestors. */
  broaderPerCondition: 10,
  narrowerPerCondition: 100,
  ancestorsPerCondition: 30,
  /** Studies that one publication reports (a pooled report of several trials). */
  studiesPerPublication: 20,
} as const;

/**
 * Lists that a real registry record can make long (one modest phase 2 record has 24 outcome
 * measures and 196 adverse-event rows). Each is read two ways: its list field gives the first
 * `window` items in the study's order (the whole list for every curated study), and its
 * connection field (`outcomesConnection`…) pages through all of them; the cost limit counts the
 * window or the page. `max` is what the seed format accepts, a sanity limit far above any real
 * record, not a read bound.
 */
export const WINDOWS = {
  outcomesPerStudy: { window: 40, max: 5000 },
  measurementsPerOutcome: { window: 24, max: 5000 },
  comparisonsPerOutcome: { window: 12, max: 500 },
  adverseEventsPerStudy: { window: 100, max: 50000 },
} as const;

/** Measurements of one arm read by `Arm.measurements`: the first ones, by default this many. */
export const MEASUREMENTS_PER_ARM = WINDOWS.outcomesPerStudy.window * WINDOWS.measurementsPerOutcome.window;
