// Cypher of the study root fields. Every value is a parameter; ORDER BY clauses and filter
// fragments come from the allow-lists below (keyed by GraphQL enum values and filter names),
// never from client text.
import { countLimitClause, indexWalkPays, PatternVars, ReadDecl, whereAll } from '../graphql/translate/model';
import { Statement } from '../graphql/translate/translate';
import { conceptsWithKeys, conceptsWithNarrower, heldPath, holdsOneIn, holdsOneOf } from './holding.repository';
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
 * How a range index hands studies over in a sort order: `where`, the predicate that makes the
 * planner read the index, in that order (ties on the title are then put in key order among the
 * few rows of one title, not over all studies). YEAR ascending is yearKey order ("year, then key,
 * unknown years last"): every study. YEAR descending and ENROLMENT walk the index of the value
 * (`order`, the same order as the sort's on the studies that have one), and the studies without
 * a value follow in key order (`tail`), read only when the page is not full by then.
 */
interface IndexOrder {
  /** The indexed property walked: named in an index hint, so that the walk the plan chose is the plan Neo4j runs. */
  index: string;
  where: (s: string) => string;
  order?: (s: string) => string;
  tail?: { where: (s: string) => string; order: (s: string) => string };
}
const byValue = (property: string, direction: SortDirection): IndexOrder => ({
  index: property,
  where: (s) => `${s}.${property} IS NOT NULL`,
  order: (s) => `${s}.${property} ${direction}, ${s}.id ASC`,
  tail: { where: (s) => `${s}.${property} IS NULL`, order: (s) => `${s}.id ASC` },
});
const INDEX_ORDER: Record<StudySortField, Partial<Record<SortDirection, IndexOrder>>> = {
  TITLE: {
    ASC: { index: 'titleKey', where: (s) => `${s}.titleKey IS NOT NULL` },
    DESC: { index: 'titleKey', where: (s) => `${s}.titleKey IS NOT NULL` },
  },
  YEAR: {
    ASC: { index: 'yearKey', where: (s) => `${s}.yearKey IS NOT NULL` },
    DESC: byValue('year', SortDirection.DESC),
  },
  ENROLMENT: { ASC: byValue('enrolment', SortDirection.ASC), DESC: byValue('enrolment', SortDirection.DESC) },
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
 * The plan of `studies` for the filters actually given, out of the allow-lists above: the
 * declaration of the page, and the clauses `before` it that bind, once per statement, each concept
 * filter's concepts (the keyed ones and, unless turned off, every narrower one) as a list of nodes,
 * and its holders (the sum of the keyed concepts' stored `studyCount`).
 * - Each study is tested against a concept filter by identity with that list (`holdsOneIn`): two
 *   steps out of the study, no key read and no IS_A walk per study.
 * - The page. With a concept filter, the ways to read it are chosen in the statement:
 *   - from the studies in sort-index order (INDEX_ORDER: for year descending and enrolment, the
 *     studies with a value, then, only if the page is not full, those without), each tested
 *     against every filter, until the page is full: when many studies match (midgut NET, PFS),
 *     whose studies would otherwise all be read and sorted for every page. The walk reads about
 *     (skip + limit) × studies / matches studies, an anchor all its holders (h), so the walk is
 *     chosen when
 *     h × matches > (skip + limit) × studies, with matches estimated as if the concept filters
 *     were independent: studies × Π (hᵢ / studies) (indexWalkPays);
 *   - otherwise from the filter of fewest holders (an index seek on its keys, then out to its
 *     studies), the other filters tested on each, all of them sorted, then cut.
 *   Without a concept filter the page is the walk of an index that holds every study (title,
 *   year ascending); for the others all studies are sorted.
 * - totalCount. One concept key with its narrower ones and no other filter: that concept's
 *   `studyCount`, read, not counted. Otherwise the matches are counted from the filter of fewest
 *   holders, the others tested on each; for `totalCountUpTo`, only until one past its bound.
 */
export function studiesDecl(
  stmt: Statement,
  where: StudyWhere | undefined,
  field: StudySortField,
  direction: SortDirection,
): { decl: ReadDecl; before: string } {
  // An empty list is a filter too: it matches nothing.
  // The names bound before the page (`filter0`…) cannot clash with the translator's (`this0`, `p0`).
  const filters = conceptFiltersOf(where).map((key, n) => ({
    label: CONCEPT_FILTERS[key],
    ids: stmt.param(where![key]),
    narrower: narrowerOf(where, key),
    keyed: `filter${n}keys`,
    concepts: `filter${n}`,
    holders: `filter${n}holders`,
    single: where![key]!.length === 1,
  }));
  type Filter = (typeof filters)[number];
  const fewest = filters.length > 1 ? 'fewestHolders' : filters[0]?.holders;
  const indexed = INDEX_ORDER[field][direction];
  // An index that hands over every study in the sort's order.
  const whole = indexed !== undefined && indexed.tail === undefined;
  // The lists are read only by the tests of studies: of a walk, or of the filters an anchor does not start from.
  const tested = filters.length > 1 || indexed !== undefined;
  const before =
    filters.length === 0
      ? ''
      : [
          `WITH ${filters.map((f) => `${conceptsWithKeys(f.label, f.ids, `${f.keyed}c`)} AS ${f.keyed}`).join(', ')}`,
          `WITH *, ${filters
            .map(
              (f) =>
                `${tested ? `${conceptsWithNarrower(f.label, f.keyed, `${f.concepts}c`, f.narrower)} AS ${f.concepts}, ` : ''}reduce(total = 0, c IN ${f.keyed} | total + coalesce(c.studyCount, 0)) AS ${f.holders}`,
            )
            .join(', ')}`,
          ...(filters.length > 1
            ? [
                `WITH *, reduce(least = ${filters[0].holders}, h IN [${filters.map((f) => f.holders).join(', ')}] | CASE WHEN h < least THEN h ELSE least END) AS ${fewest}`,
              ]
            : []),
        ].join('\n');
  const test = (f: Filter, s: string, x: string) => holdsOneIn(f.label, s, f.concepts, x);
  const tests = scalarFilters(stmt, where);
  // The studies that `where` keeps, in index order, each kept when every filter holds.
  // The index is named in a hint: a scalar filter on another indexed property (phase) would
  // otherwise draw Neo4j to seek that index and sort every match, the plan the walk avoids
  // (midgut NET and phase 3 by title: 92,239 db hits to 1,569).
  const walkWhere =
    (where: (s: string) => string, index: string | null) =>
    ({ to, aux }: PatternVars) =>
      `(${to}:Study)${index ? ` USING INDEX ${to}:Study(${index})` : ''}` +
      whereAll([where(to), ...filters.map((f, n) => test(f, to, `${aux}_${n}`)), ...tests(to)]);
  const walk = walkWhere((s) => indexed!.where(s), indexed?.index ?? null);
  // From the keys of filter `anchor` out to its studies, the other filters tested on each.
  const from =
    (anchor: Filter) =>
    ({ to, aux }: PatternVars) => {
      const c = `${aux}_0c`;
      const start = heldPath(
        anchor.label,
        to,
        `${c}:${anchor.label} WHERE ${c}.id IN ${anchor.ids}`,
        anchor.narrower,
        false,
      );
      return (
        start +
        whereAll([...filters.filter((f) => f !== anchor).map((f, n) => test(f, to, `${aux}_${n + 1}`)), ...tests(to)])
      );
    };
  const [last, ...rest] = [...filters].reverse();
  const everyStudy = ({ to }: PatternVars) => `(${to}:Study)` + whereAll(tests(to));
  const match = filters.length > 0 ? from(last) : whole ? walk : everyStudy;
  const onlyOneKey = filters.length === 1 && filters[0].narrower && filters[0].single && tests('s').length === 0;
  return {
    before,
    decl: {
      cardinality: 'connection',
      distinct: filters.length > 0,
      order: ({ to }) => STUDY_ORDER[field][direction](to),
      // The filter of fewest holders anchors the page (the last filter when every other has more).
      match,
      anchors: rest.reverse().map((f) => ({ when: () => `${f.holders} = ${fewest}`, match: from(f) })),
      count: (v: PatternVars, _args: unknown, upTo?: string) => {
        if (onlyOneKey) return filters[0].holders;
        const limit = countLimitClause(upTo);
        const counted = (f: Filter) => `COUNT { MATCH ${from(f)(v)} RETURN DISTINCT ${v.to}${limit} }`;
        if (filters.length === 0) return `COUNT { MATCH ${match(v)} RETURN ${v.to}${limit} }`;
        const branches = filters.slice(0, -1).map((f) => `WHEN ${f.holders} = ${fewest} THEN ${counted(f)} `);
        return branches.length === 0 ? counted(last) : `CASE ${branches.join('')}ELSE ${counted(last)} END`;
      },
      ...(filters.length > 0 && indexed
        ? {
            byIndex: {
              when: (_v: PatternVars, page: { skip: string; limit: string }) =>
                indexWalkPays(
                  filters.map((f) => f.holders),
                  page,
                  fewest,
                ),
              match: walk,
              ...(indexed.order ? { order: ({ to }: PatternVars) => indexed.order!(to) } : {}),
              ...(indexed.tail
                ? {
                    tail: {
                      match: walkWhere(indexed.tail.where, null),
                      order: ({ to }: PatternVars) => indexed.tail!.order(to),
                    },
                  }
                : {}),
            },
          }
        : {}),
    },
  };
}

/** The concept labels the kinds of shared concepts are of, each once, with the kinds of each. */
const LABELS_OF_KINDS = [...new Set(SHARED_KINDS.map((kind) => KIND_LABEL[kind]))].map((label) => ({
  label,
  kinds: SHARED_KINDS.filter((kind) => KIND_LABEL[kind] === label),
}));

/**
 * The concepts of one label named by any of the relationships `rels` (as read below), each once
 * (a few dozen, where the relationships name some hundreds): its key, name, holders and, for a
 * condition, its number of ancestors, the inputs of its weight.
 */
const namedConcepts = (label: string, kinds: readonly SharedKind[]) => {
  const keys = kinds.map((kind) => `coalesce(r.${KIND_PROPERTY[kind]}, [])`).join(' + ');
  const ancestors = label === 'Condition' ? ', ancestors: COUNT { MATCH (c)-[:IS_A*1..]->(a) RETURN DISTINCT a }' : '';
  return `COLLECT { UNWIND rels AS r UNWIND ${keys} AS k WITH DISTINCT k MATCH (c:${label} {id: k}) RETURN {id: k, name: c.name, holders: c.studyCount${ancestors}} }`;
};

/** Per kind, the shared concepts of relationship `r` (as read below) with their weights in thousandths from the current counts: arithmetic on the concepts read once. */
const sharedOfKind = (kind: SharedKind) =>
  `[c IN ${KIND_LABEL[kind]} WHERE c.id IN r.${KIND_PROPERTY[kind]} | {kind: '${kind}', id: c.id, name: c.name, milli: ${weightMilliCypher(kind, 'c.ancestors', 'c.holders')}}]`;

/**
 * The studies related to `$id`, best first, at most `$first`: read from the asked study's stored
 * RELATED relationships (at most RELATED_PER_STUDY, chosen when studies were written), each
 * rescored now from the shared concepts it names and the study counts of those concepts (see
 * RelatedStudy.score and src/studies/related.score.ts). The relationships' lists are read once,
 * and each concept they name is read and counted once, whatever the number of relationships that
 * name it. Per shared concept: kind, key, name and weight. `RETURN_RELATED` projects each related study.
 */
export const RANKED_RELATED = `
MATCH (s:Study {id: $id})
WITH [(s)-[r:RELATED]->(other) | {other: other, ${SHARED_KINDS.map((kind) => `${KIND_PROPERTY[kind]}: r.${KIND_PROPERTY[kind]}`).join(', ')}}] AS rels
WITH rels, ${LABELS_OF_KINDS.map(({ label, kinds }) => `${namedConcepts(label, kinds)} AS ${label}`).join(',\n  ')}
UNWIND rels AS r
WITH r.other AS other, ${SHARED_KINDS.map(sharedOfKind).join(' +\n  ')} AS shared
WITH other, shared, reduce(total = 0, c IN shared | total + c.milli) AS milli
ORDER BY milli DESC, other.id
LIMIT $first
WITH other, milli / 1000.0 AS score, COLLECT {
  UNWIND shared AS c
  WITH c ORDER BY c.milli DESC, c.kind, c.id
  RETURN {kind: c.kind, id: c.id, name: c.name, weight: c.milli / 1000.0}
} AS concepts`;
