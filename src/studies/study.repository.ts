// Cypher of the study root fields. Every value is a parameter; ORDER BY clauses and filter
// fragments come from the allow-lists below (keyed by GraphQL enum values and filter names),
// never from client text.
import { indexWalkPays, PatternVars, ReadDecl, whereAll } from '../graphql/translate/model';
import { Statement } from '../graphql/translate/translate';
import { heldPath, holdsOneOf } from './holding.repository';
import { KIND_LABEL, KIND_PROPERTY, SHARED_KINDS, SharedKind, weightMilliCypher } from './related.score';
import { SortDirection, StudySortField, StudyWhere } from './study.args';

/** Sort keys of `studies`: the StudySortField enum values, each mapped to a fixed ORDER BY. */
export const STUDY_ORDER: Record<StudySortField, Record<SortDirection, (s: string) => string>> = {
  // Studies without the value come last in both directions.
  // yearKey is "year, then key, unknown years last" in one indexed string (schema/005_study_sort_keys.cypher).
  YEAR: { ASC: (s) => `${s}.yearKey`, DESC: (s) => `${s}.year IS NULL, ${s}.year DESC, ${s}.id ASC` },
  ENROLMENT: {
    ASC: (s) => `${s}.enrolment IS NULL, ${s}.enrolment ASC, ${s}.id ASC`,
    DESC: (s) => `${s}.enrolment IS NULL, ${s}.enrolment DESC, ${s}.id ASC`,
  },
  // titleKey is toLower(title) (src/seeds/seed.plan.ts writes it, schema/006_study_title_key.cypher indexes it).
  TITLE: { ASC: (s) => `${s}.titleKey ASC, ${s}.id ASC`, DESC: (s) => `${s}.titleKey DESC, ${s}.id ASC` },
};

/**
 * The sort orders a range index hands studies over in: the predicate that makes the planner read
 * the index, in that order (ties on the title are then put in key order among the few rows of
 * one title, not over all studies). YEAR ascending is yearKey order ("year, then key, unknown
 * years last"); YEAR descending and ENROLMENT are sorted after the read.
 */
const INDEX_ORDER: Partial<Record<StudySortField, Partial<Record<SortDirection, (s: string) => string>>>> = {
  TITLE: { ASC: (s) => `${s}.titleKey IS NOT NULL`, DESC: (s) => `${s}.titleKey IS NOT NULL` },
  YEAR: { ASC: (s) => `${s}.yearKey IS NOT NULL` },
};

/** The concept filters of `studies`, by the label of their concept, in the order the first one given anchors the first plan: from the usually rarest concept to the most common. */
const CONCEPT_FILTERS = {
  predictorIds: 'Predictor',
  interventionIds: 'Intervention',
  outcomeConceptIds: 'OutcomeConcept',
  conditionIds: 'Condition',
} as const;
type ConceptFilter = keyof typeof CONCEPT_FILTERS;

/** Whether a concept filter also matches the concepts narrower than its keys (IS_A; a predictor has no hierarchy). */
function narrowerOf(where: StudyWhere | undefined, key: ConceptFilter): boolean {
  if (key === 'conditionIds') return where?.includeNarrowerConditions ?? true;
  if (key === 'interventionIds') return where?.includeNarrowerInterventions ?? true;
  if (key === 'outcomeConceptIds') return where?.includeNarrowerOutcomeConcepts ?? true;
  return true;
}

/** The concept filters given (an empty list is a filter too: it matches nothing), in CONCEPT_FILTERS order. */
const conceptFiltersOf = (where: StudyWhere | undefined): ConceptFilter[] =>
  (Object.keys(CONCEPT_FILTERS) as ConceptFilter[]).filter((key) => where?.[key] != null);

/**
 * The tests of the scalar filters given (phase, allocation, masking, design, years, registry id),
 * as a function of the study variable: each value is made a parameter once, however many
 * branches of a statement test it.
 */
function scalarFilters(stmt: Statement, where: StudyWhere | undefined): (to: string) => string[] {
  const tests: ((to: string) => string)[] = [];
  const add = (value: unknown, test: (to: string, p: string) => string) => {
    const p = stmt.param(value);
    tests.push((to) => test(to, p));
  };
  if (where?.phases?.length) add(where.phases, (to, p) => `${to}.phase IN ${p}`);
  if (where?.allocation) add(where.allocation, (to, p) => `${to}.allocation = ${p}`);
  if (where?.masking) add(where.masking, (to, p) => `${to}.masking = ${p}`);
  if (where?.designFeatures?.length)
    add(where.designFeatures, (to, p) => `all(f IN ${p} WHERE f IN ${to}.designFeatures)`);
  if (where?.yearFrom != null) add(where.yearFrom, (to, p) => `${to}.year >= ${p}`);
  if (where?.yearTo != null) add(where.yearTo, (to, p) => `${to}.year <= ${p}`);
  if (where?.registryId) add(where.registryId, (to, p) => `${p} IN ${to}.registryIds`);
  return (to) => tests.map((test) => test(to));
}

/** Every filter of `where` as a test of bound study `s` (concept filters followed from the study; `aux` prefixes other variables), for statements that reach their studies otherwise. */
export function studyWhereTests(stmt: Statement, where: StudyWhere | undefined, s: string, aux: string): string[] {
  const concepts = conceptFiltersOf(where);
  return [
    ...concepts.map((key, n) =>
      holdsOneOf(CONCEPT_FILTERS[key], s, stmt.param(where![key]), `${aux}_${n}`, narrowerOf(where, key)),
    ),
    ...scalarFilters(stmt, where)(s),
  ];
}

/**
 * The plan of `studies` for the filters actually given, out of the allow-lists above.
 * - The page. With a concept filter, two ways give it, chosen in the statement:
 *   - from the first concept filter (an index seek on its key, then out to its studies), all of
 *     them sorted, then cut: for a concept few studies hold;
 *   - from the studies in sort-index order (INDEX_ORDER), each tested against the filters, until
 *     the page is full: for a concept many studies hold (midgut NET, PFS), whose studies would
 *     otherwise all be read and sorted for every page. The walk reads about (skip + limit) ×
 *     studies / matches studies, the first plan every holder of the anchor (h₀), so the walk is
 *     chosen when h₀ × matches > (skip + limit) × studies, with matches estimated as if the
 *     concept filters were independent: studies × Π (hᵢ / studies). For one filter that is
 *     h₀² > (skip + limit) × studies. Every count is stored (`studyCount`, kept by every write,
 *     and Neo4j's count store).
 *   Without a concept filter the page is always the walk. A sort no index hands over sorts all matches.
 * - totalCount. One condition with its narrower ones and no other filter: that condition's
 *   `studyCount`, read, not counted. Otherwise the matches are counted.
 */
export function studiesDecl(
  stmt: Statement,
  where: StudyWhere | undefined,
  field: StudySortField,
  direction: SortDirection,
): ReadDecl {
  // An empty list is a filter too: it matches nothing.
  const concepts = conceptFiltersOf(where);
  const ids = new Map(concepts.map((key) => [key, stmt.param(where![key])]));
  const label = (key: ConceptFilter) => CONCEPT_FILTERS[key];
  const test = (key: ConceptFilter, s: string, x: string) =>
    holdsOneOf(label(key), s, ids.get(key)!, x, narrowerOf(where, key));
  const tests = scalarFilters(stmt, where);
  const indexed = INDEX_ORDER[field]?.[direction];
  // Every study in index order, each kept when every filter holds.
  const walk = ({ to, aux }: PatternVars) =>
    `(${to}:Study)` + whereAll([indexed!(to), ...concepts.map((key, n) => test(key, to, `${aux}_${n}`)), ...tests(to)]);
  // From the first concept filter out to its studies, the others tested on each.
  const fromConcept = ({ to, aux }: PatternVars) => {
    const [anchor, ...others] = concepts;
    const c = `${aux}_0c`;
    const start = heldPath(
      label(anchor),
      `${to}:Study`,
      `${c}:${label(anchor)} WHERE ${c}.id IN ${ids.get(anchor)}`,
      narrowerOf(where, anchor),
    );
    return start + whereAll([...others.map((key, n) => test(key, to, `${aux}_${n + 1}`)), ...tests(to)]);
  };
  // The studies holding one of the keys of filter n (at most: the sum of the keys' counts).
  const holders = (aux: string, n: number) =>
    `reduce(total = 0, k IN COLLECT { MATCH (${aux}h${n}:${label(concepts[n])}) WHERE ${aux}h${n}.id IN ${ids.get(concepts[n])} RETURN coalesce(${aux}h${n}.studyCount, 0) } | total + k)`;
  const onlyOneCondition =
    narrowerOf(where, 'conditionIds') &&
    concepts.length === 1 &&
    concepts[0] === 'conditionIds' &&
    where!.conditionIds!.length === 1 &&
    tests('s').length === 0;
  return {
    cardinality: 'connection',
    distinct: concepts.length > 0,
    order: ({ to }) => STUDY_ORDER[field][direction](to),
    match: concepts.length > 0 ? fromConcept : indexed ? walk : ({ to }) => `(${to}:Study)` + whereAll(tests(to)),
    ...(onlyOneCondition
      ? {
          count: ({ aux }: PatternVars) =>
            `coalesce(head(COLLECT { MATCH (${aux}n:Condition {id: head(${ids.get('conditionIds')})}) RETURN ${aux}n.studyCount }), 0)`,
        }
      : {}),
    ...(concepts.length > 0 && indexed
      ? {
          byIndex: {
            when: ({ aux }: PatternVars, page: { skip: string; limit: string }) =>
              indexWalkPays(
                concepts.map((_, n) => holders(aux, n)),
                page,
              ),
            match: walk,
          },
        }
      : {}),
  };
}

/** Per kind, the shared concepts of RELATED relationship `r`, each with its weight in thousandths from the current counts. */
const sharedOfKind = (kind: SharedKind) => {
  const ancestors = kind === 'CONDITION' ? 'COUNT { MATCH (c)-[:IS_A*1..]->(a:Condition) RETURN DISTINCT a }' : '0';
  return `COLLECT { MATCH (c:${KIND_LABEL[kind]}) WHERE c.id IN r.${KIND_PROPERTY[kind]} RETURN {kind: '${kind}', id: c.id, name: c.name, milli: ${weightMilliCypher(kind, ancestors, 'c.studyCount')}} }`;
};

/**
 * The studies related to `$id`, best first, at most `$first`: read from the asked study's stored
 * RELATED relationships (at most RELATED_PER_STUDY, chosen when studies were written), each
 * rescored now from the shared concepts it names and the study counts of those concepts (see
 * RelatedStudy.score and src/studies/related.score.ts). Per shared concept: kind, key, name and
 * weight. `RETURN_RELATED` projects each related study.
 */
export const RANKED_RELATED = `
MATCH (s:Study {id: $id})
MATCH (s)-[r:RELATED]->(other:Study)
WITH other, ${SHARED_KINDS.map(sharedOfKind).join(' +\n  ')} AS shared
WITH other, shared, reduce(total = 0, c IN shared | total + c.milli) AS milli
ORDER BY milli DESC, other.id
LIMIT $first
WITH other, milli / 1000.0 AS score, COLLECT {
  UNWIND shared AS c
  WITH c ORDER BY c.milli DESC, c.kind, c.id
  RETURN {kind: c.kind, id: c.id, name: c.name, weight: c.milli / 1000.0}
} AS concepts`;
