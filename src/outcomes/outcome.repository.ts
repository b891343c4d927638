// Cypher of compareOutcome: every value a parameter, every fragment chosen by which filters are given.
import { indexWalkPays, PatternVars, ReadDecl, whereAll } from '../graphql/translate/model';
import { Statement } from '../graphql/translate/translate';

export interface CompareFilters {
  concept: string;
  condition: string | null;
  includeNarrower: boolean;
  statistic: string | null;
  timePointMonths: number | null;
}

/**
 * The rows of compareOutcome, one per measurement of the concept's outcomes, ordered by study
 * year and key (`yearKey`), outcome position, arm position (whole cohort first) and measurement
 * position. Only the given filters appear. Two plans give the page:
 * - from the concept (an index seek on its key) out to all its rows, sorted, then cut: for a
 *   concept few studies measure;
 * - from the studies in `yearKey` index order, keeping those that measure the concept, until
 *   the page is full: for a common concept (PFS), whose rows would otherwise all be sorted for
 *   every page. It is chosen when (outcomes of the concept)² > (skip + limit) × studies, the
 *   point where walking studies in order (about (skip + limit) × studies / outcomes of them)
 *   costs less than reading every outcome; both counts come from Neo4j's degree and count
 *   stores. A condition filter keeps the first plan (it is the rare one).
 */
export function compareOutcomeDecl(
  stmt: Statement,
  f: CompareFilters,
): { decl: ReadDecl; before: string; found: string } {
  // Each given value becomes one parameter, which every part of the statement refers to.
  const p: FilterParams = {
    concept: CONCEPT,
    condition: f.condition === null ? null : { id: stmt.param(f.condition), includeNarrower: f.includeNarrower },
    statistic: f.statistic === null ? null : stmt.param(f.statistic),
    timePointMonths: f.timePointMonths === null ? null : stmt.param(f.timePointMonths),
  };
  // The concept is bound once, before the page: every pattern ends at the node (a test of
  // identity, no key read per outcome), and its degrees are read from the node.
  const before = `OPTIONAL MATCH (${CONCEPT}:OutcomeConcept {id: ${stmt.param(f.concept)}})`;
  const decl: ReadDecl = {
    cardinality: 'connection',
    match: (v: PatternVars) => rowsOf(p, v, true),
    // Each outcome has one study and each measurement at most one arm: counting needs neither
    // unless a filter reads the study. Without filters, the rows are the measurements of the
    // concept: its OF_CONCEPT degree, read from the concept's relationship counts (OF_CONCEPT
    // starts only at measurements), not by visiting its outcomes. With filters, the concept's
    // measurements are counted from OF_CONCEPT (the study only for a condition filter).
    count: (v: PatternVars) =>
      p.condition === null && p.statistic === null && p.timePointMonths === null
        ? `COUNT { (${CONCEPT})<-[:OF_CONCEPT]-() }`
        : p.condition === null
          ? `COUNT { (${CONCEPT})<-[:OF_CONCEPT]-(${v.to})${whereAll(measurementTests(p, v.to))} }`
          : `COUNT { MATCH ${rowsOf(p, v, false)} RETURN ${v.to} }`,
    order: ({ to, aux }) => `${aux}s.yearKey, ${aux}o.position, coalesce(${aux}a.position, -1), ${to}.position`,
    // Every way of reading the page binds the row's study, outcome and arm (null for none).
    bound: ({ aux }) => ({ study: `${aux}s`, outcome: `${aux}o`, arm: `${aux}a` }),
    ...(p.condition === null
      ? {
          byIndex: {
            when: (_v: PatternVars, page: { skip: string; limit: string }) =>
              indexWalkPays([`COUNT { (${CONCEPT})<-[:MEASURES]-() }`], page),
            // The concept is tested by identity in WHERE: as the pattern's bound end, Neo4j may
            // expand the walk from the concept (all its outcomes) for every study walked.
            match: ({ to, aux }: PatternVars) =>
              `(${aux}s:Study) WHERE ${aux}s.yearKey IS NOT NULL WITH * ORDER BY ${aux}s.yearKey ` +
              `MATCH (${aux}s)-[:HAS_OUTCOME]->(${aux}o)-[:MEASURES]->(${aux}c), (${aux}o)-[:HAS_MEASUREMENT]->(${to})` +
              whereAll([`${aux}c = ${CONCEPT}`, ...measurementTests(p, to)]) +
              ` OPTIONAL MATCH (${to})-[:OF_ARM]->(${aux}a)`,
          },
        }
      : {}),
  };
  return { decl, before, found: `${CONCEPT} IS NOT NULL` };
}

/** The variable the concept is bound to before the page (null for an unknown key). */
const CONCEPT = 'concept';

/** The bound concept, and the parameter references of the filters (null where not given). */
interface FilterParams {
  concept: string;
  condition: { id: string; includeNarrower: boolean } | null;
  statistic: string | null;
  timePointMonths: string | null;
}

/** The tests of the statistic and time-point filters, when given. */
function measurementTests(p: FilterParams, to: string): string[] {
  return [
    ...(p.statistic !== null ? [`${to}.statistic = ${p.statistic}`] : []),
    ...(p.timePointMonths !== null ? [`${to}.timePointMonths = ${p.timePointMonths}`] : []),
  ];
}

/** The measurements of the concept's outcomes that pass the filters; with `ordered`, also their study and arm (the order reads them). */
function rowsOf(p: FilterParams, { to, aux }: PatternVars, ordered: boolean): string {
  const condition =
    p.condition === null
      ? []
      : [
          p.condition.includeNarrower
            ? `EXISTS { (${aux}s)-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(:Condition)-[:IS_A*0..]->(:Condition {id: ${p.condition.id}}) }`
            : `EXISTS { (${aux}s)-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(:Condition {id: ${p.condition.id}}) }`,
        ];
  // Each relationship type ends at one label: the nodes go unlabelled, which spares a label test per node.
  const study = ordered || p.condition !== null ? `<-[:HAS_OUTCOME]-(${aux}s)` : '';
  return (
    `(${p.concept})<-[:MEASURES]-(${aux}o)${study}, (${aux}o)-[:HAS_MEASUREMENT]->(${to})` +
    whereAll([...condition, ...measurementTests(p, to)]) +
    (ordered ? ` OPTIONAL MATCH (${to})-[:OF_ARM]->(${aux}a)` : '')
  );
}
