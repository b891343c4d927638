/**
 * Upper bounds of the lists a study owns. The seed format (src/seeds/seed.schema.ts) refuses a
 * study beyond them, the read declarations (src/<concept>/<concept>.fields.ts) use them as the
 * LIMIT of unpaged list fields, and the cost limit counts them as the size of those lists: a
 * bound is a promise, never a cut.
 */
export const BOUNDS = {
  armsPerStudy: 12,
  interventionsPerArm: 10,
  conditionsPerPopulation: 10,
  outcomesPerStudy: 40,
  measurementsPerOutcome: 24,
  comparisonsPerOutcome: 12,
  findingsPerStudy: 60,
  adverseEventsPerStudy: 100,
  publicationsPerStudy: 10,
  evidencePerFact: 4,
  /** Conditions one condition IS_A (its parents), that are a kind of it (its children), and all its ancestors. */
  broaderPerCondition: 10,
  narrowerPerCondition: 100,
  ancestorsPerCondition: 30,
  /** Studies that one publication reports (a pooled report of several trials). */
  studiesPerPublication: 20,
} as const;

/** Measurements of one arm: at most one list of measurements per outcome. */
export const MEASUREMENTS_PER_ARM = BOUNDS.outcomesPerStudy * BOUNDS.measurementsPerOutcome;
