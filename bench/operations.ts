/**
 * The operations of `npm run bench`: each as our GraphQL operation, as the floor's one
 * hand-written Cypher statement that returns the same answer (bench/floor/server.ts), and as
 * the peer's GraphQL operation over @neo4j/graphql (bench/peer/) where it can express it.
 */
import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { REPO_ROOT } from '../src/config';
import { toLuceneQuery } from '../src/search/search.query';
import { CORPUS_PREFIX } from './corpus';

export interface Operation {
  name: string;
  /** GraphQL text, sent to our server. */
  query: string;
  /** Variables of request `i` (rotating over keys where the operation takes one). */
  variables: (i: number) => Record<string, unknown>;
  /**
   * Variable sets that make different statements (one per sort), each profiled; by default the
   * first only.
   */
  profileAt?: number[];
  /**
   * The floor's statement (bench/floor/server.ts), given the variables where the statement's
   * text depends on them (a sort order): the one a Neo4j expert would write by hand for the same
   * answer, with everything the graph offers (indexes in sort order, stored sort keys and counts,
   * degrees, the stored RELATED lists) and pages that stop when full. Written for the operation's
   * own variables, which name common concepts: a walk in index order is its best plan there.
   * Its one row's `data` column is the answer's `data`.
   */
  floor: string | ((variables: Record<string, unknown>) => string);
  /** The floor's parameters, where they are not the variables. */
  floorParams?: (variables: Record<string, unknown>) => Record<string, unknown>;
  /**
   * The peer's operation (same variables as ours; its answer is brought to the floor's shape by
   * bench/peer/shape.ts), or why @neo4j/graphql cannot express this one.
   */
  peer: { query: string; rootFields: number } | { cannotExpress: string };
}

const examples = fs.readFileSync(path.join(REPO_ROOT, 'schema', 'examples.graphql'), 'utf8');
const SOURCE = examples.slice(examples.indexOf('fragment Source on Evidence'));
const SEED_TRIAL_RESULTS = examples
  .slice(examples.indexOf('query SeedTrialResults'), examples.indexOf('# The trials most related'))
  .trim();

/**
 * SeedTrialResults for the peer: the same content in @neo4j/graphql's terms. Each list sorts as
 * our declared order does; relationship properties (REPORTED_IN.role, RECEIVES.dose…) are read
 * through connections; time points and p-values as their stored properties.
 */
const PEER_STUDY_DETAIL = `query SeedTrialResults($id: ID!) {
  studies(where: { id: { eq: $id } }) {
    id
    title
    allocation
    designFeatures
    enrolment
    publicationsConnection(sort: [{ edge: { role: DESC } }, { node: { year: ASC } }, { node: { id: ASC } }]) {
      edges { properties { role } node { journal volume issue pages pmid } }
    }
    population {
      description
      conditions(sort: [{ name: ASC }]) { id name ancestors { id } }
    }
    arms(sort: [{ position: ASC }]) {
      label
      role
      randomized
      interventionsConnection(sort: [{ node: { name: ASC } }]) { edges { properties { dose route schedule } node { id name kind } } }
      evidence(sort: [{ position: ASC }]) { ...Source }
    }
    outcomes(sort: [{ position: ASC }]) {
      name
      role
      concept { id abbreviation }
      measurements(sort: [{ position: ASC }]) {
        statistic
        value
        valueText
        unit
        timePointValue
        timePointUnit
        arm { label }
        evidence(sort: [{ position: ASC }]) { ...Source }
      }
      comparisons(sort: [{ position: ASC }]) {
        treatmentArm { label }
        referenceArm { label }
        effectMeasure
        estimate
        pOperator
        pValue
        pText
        evidence(sort: [{ position: ASC }]) { ...Source }
      }
    }
    predictorFindings(sort: [{ position: ASC }]) {
      predictor { id name }
      associated
      direction
      directionText
      contrast
      evidence(sort: [{ position: ASC }]) { ...Source }
    }
    adverseEvents(sort: [{ position: ASC }]) {
      term
      gradeMin
      gradeMax
      patients
      percent
      armDifference
      arm { label }
      evidence(sort: [{ position: ASC }]) { ...Source }
    }
  }
}`;

/** 200 corpus studies, spread over the corpus, for the operations that rotate over study keys. */
export const rotatingStudies = (corpusSize: number) =>
  Array.from(
    { length: 200 },
    (_, i) => `${CORPUS_PREFIX}-${String(1 + Math.floor((i * corpusSize) / 200)).padStart(6, '0')}`,
  );

const source = (e: string) =>
  `${e} {.quote, .section, .verification, .note, document: head(COLLECT { MATCH (${e})-[:QUOTED_FROM]->(d) RETURN d {.title, .url, .localCopy, publication: head(COLLECT { MATCH (d)-[:REPRODUCES]->(p) RETURN p {.journal, .pmid} })} })}`;
// The floor's patterns label a node only where the relationship type does not say it (as ours do).
const evidenceOf = (x: string) =>
  `COLLECT { MATCH (${x})-[:SUPPORTED_BY]->(e) WITH e ORDER BY e.position RETURN ${source('e')} }`;

/** The floor's statement for `variables`. */
export const floorStatement = (op: Operation, variables: Record<string, unknown>): string =>
  typeof op.floor === 'string' ? op.floor : op.floor(variables);

/** The floor's parameters for `variables`. */
export const floorParams = (op: Operation, variables: Record<string, unknown>): Record<string, unknown> =>
  op.floorParams?.(variables) ?? variables;

type ConceptLabel = 'Condition' | 'Intervention' | 'OutcomeConcept' | 'Predictor';

/** The bound concept `c` with every narrower one (IS_A*0..), as a list of nodes: computed once, then tested per study by identity. */
const LINEAGE = (c: string) => `COLLECT { MATCH (${c})<-[:IS_A*0..]-(d) RETURN DISTINCT d }`;

/** The two steps from a study out to a concept of each label (the relationship types say the labels). */
const STEPS: Record<ConceptLabel, [string, string]> = {
  Condition: ['HAS_POPULATION', 'HAS_CONDITION'],
  Intervention: ['HAS_ARM', 'RECEIVES'],
  OutcomeConcept: ['HAS_OUTCOME', 'MEASURES'],
  Predictor: ['HAS_FINDING', 'OF_PREDICTOR'],
};

/** Study `s` holds one of the concept nodes of list `l`. */
const holds = (label: ConceptLabel, s: string, l: string) =>
  `EXISTS { (${s})-[:${STEPS[label][0]}]->()-[:${STEPS[label][1]}]->(x) WHERE x IN ${l} }`;

/** The studies holding one of the concept nodes of list `l`, each once (the relationship types say the labels). */
const holders = (label: ConceptLabel, l: string, s: string) =>
  `UNWIND ${l} AS x MATCH (x)<-[:${STEPS[label][1]}]-()<-[:${STEPS[label][0]}]-(${s}) WITH DISTINCT ${s}`;

/**
 * The bound of the combined filters' `totalCountUpTo`. Their exact total is the size of an
 * intersection of common concepts' studies, which no stored count gives: counting it reads every
 * match, ours and the floor alike, and grows with the graph (bench/results/baseline-exact-totals.md).
 * A list that long is shown as "1,000+".
 */
const COUNT_UP_TO = 1000;

/** A comparison of compareOutcome's rows, projected. */
const COMPARISON = (c: string) =>
  `${c} {.effectMeasure, .estimate, p: CASE WHEN ${c}.pValue IS NULL THEN null ELSE {text: ${c}.pText} END}`;

/** A study's arms in position order, projected with `fields`. */
const ARMS = (s: string, fields: string) =>
  `COLLECT { MATCH (${s})-[:HAS_ARM]->(a) WITH a ORDER BY a.position RETURN a {${fields}} }`;

/** The orders of `studies` (studies without the value last both ways), by StudySortField and direction. */
const ORDER = {
  TITLE: { ASC: 's.titleKey, s.id', DESC: 's.titleKey DESC, s.id' },
  YEAR: { ASC: 's.yearKey', DESC: 's.year IS NULL, s.year DESC, s.id' },
  ENROLMENT: { ASC: 's.enrolment IS NULL, s.enrolment, s.id', DESC: 's.enrolment IS NULL, s.enrolment DESC, s.id' },
} as const;

/** The orders of `studies`, by StudySortField and direction. */
type Sort = { field: 'TITLE' | 'YEAR' | 'ENROLMENT'; direction: 'ASC' | 'DESC' };
const SORTS: Sort[] = (['TITLE', 'YEAR', 'ENROLMENT'] as const).flatMap((field) =>
  (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
);

/**
 * The expert's page of studies holding a concept of each filter's list and passing `tests`, in
 * `sort` order: a walk of the range index of the sort key, in its order, that stops when the page
 * is full (titleKey and yearKey hold every study; year and enrolment are walked over the studies
 * with a value, and those without one follow, read only when the page is not full yet).
 */
function studiesPage(
  tests: string[],
  sort: Sort,
  first: number,
  project: (s: string) => string,
  anchored: string | null,
): string {
  if (anchored !== null) {
    const order = ORDER[sort.field][sort.direction];
    return `WITH *, [s IN COLLECT { ${anchored} WITH s ORDER BY ${order} LIMIT ${first} RETURN s } | {node: ${project('s')}}] AS edges`;
  }
  const where = (extra: string) => [extra, ...tests].join(' AND ');
  const walk = (predicate: string, order: string) =>
    `MATCH (s:Study) WHERE ${where(predicate)} WITH s ORDER BY ${order} LIMIT ${first} RETURN s`;
  const rows = (() => {
    if (sort.field === 'TITLE')
      return `COLLECT { ${walk('s.titleKey IS NOT NULL', `s.titleKey ${sort.direction}, s.id`)} }`;
    if (sort.field === 'YEAR' && sort.direction === 'ASC')
      return `COLLECT { ${walk('s.yearKey IS NOT NULL', 's.yearKey')} }`;
    const key = sort.field === 'YEAR' ? 's.year' : 's.enrolment';
    return `CASE WHEN size(head) < ${first} THEN (head + COLLECT { ${walk(`${key} IS NULL`, 's.id')} })[0..${first}] ELSE head END`;
  })();
  const head =
    sort.field === 'TITLE' || (sort.field === 'YEAR' && sort.direction === 'ASC')
      ? ''
      : `WITH *, COLLECT { ${walk(`${sort.field === 'YEAR' ? 's.year' : 's.enrolment'} IS NOT NULL`, `${sort.field === 'YEAR' ? 's.year' : 's.enrolment'} ${sort.direction}, s.id`)} } AS head\n`;
  return `${head}WITH *, [s IN ${rows} | {node: ${project('s')}}] AS edges`;
}

/**
 * The expert's `studies` with concept filters (each `{label, param}`, with narrower concepts) and
 * scalar tests: each filter's concepts bound once as a list of nodes; the page walked in index
 * order (studiesPage); the total counted from the filter of fewest holders (`countFrom`, the
 * rarest for the operation's variables), the others tested per study.
 */
function studiesFloor(options: {
  filters: { label: ConceptLabel; param: string }[];
  tests: (s: string) => string[];
  sort: Sort;
  first: number;
  project: (s: string) => string;
  countFrom: number;
  /** The bound of `totalCountUpTo`: the matches are counted from the `countFrom` filter's studies until one past it. */
  countUpTo: number;
  /** Read the page from the `countFrom` filter's studies, all sorted (where its walk reads more, as enrolment ascending does here). */
  anchored?: boolean;
}): string {
  const { filters } = options;
  const lists = filters.map((_, n) => `l${n}`);
  const tests = (s: string, skip = -1) => [
    ...filters.filter((_, n) => n !== skip).map((f) => holds(f.label, s, lists[filters.indexOf(f)])),
    ...options.tests(s),
  ];
  const anchor = filters[options.countFrom];
  // The studies of the `countFrom` filter that pass every other filter: counted, and the page when `anchored`.
  const anchorMatches = `${holders(anchor.label, lists[options.countFrom], 's')}${tests('s', options.countFrom).length > 0 ? ` WHERE ${tests('s', options.countFrom).join(' AND ')}` : ''}`;
  return `
MATCH ${filters.map((f, n) => `(k${n}:${f.label} {id: $${f.param}})`).join(', ')}
WITH ${filters.map((_, n) => `${LINEAGE(`k${n}`)} AS l${n}`).join(', ')}
CALL (${lists.join(', ')}) {
  ${anchorMatches}
  WITH s LIMIT ${options.countUpTo + 1}
  RETURN count(s) AS total
}
${studiesPage(tests('s'), options.sort, options.first, options.project, options.anchored ? anchorMatches : null)}
RETURN {studies: {totalCountUpTo: {count: CASE WHEN total > ${options.countUpTo} THEN ${options.countUpTo} ELSE total END, exact: total <= ${options.countUpTo}}, edges: edges}} AS data`;
}

/**
 * relatedStudies by hand: the asked study's stored RELATED relationships, each shared concept
 * weighted from its study count (kind weight × ln(1 + 10,000 / holders), in thousandths; a
 * condition's kind weight is 1 + its number of ancestors, an intervention class's 1.5), best
 * first. Each distinct concept is read and weighed once (a few dozen), not once per relationship
 * that names it (up to 100 × its kinds).
 */
const LN = `log(1 + 10000.0 / CASE WHEN c.studyCount > 1 THEN c.studyCount ELSE 1 END)`;
const RELATED = `
MATCH (s:Study {id: $id})
WITH [(s)-[r:RELATED]->(other) | {other: other, conditions: r.conditions, interventions: r.interventions,
  comparators: r.comparators, interventionClasses: r.interventionClasses, outcomeConcepts: r.outcomeConcepts, predictors: r.predictors}] AS rels
WITH rels,
  COLLECT { UNWIND rels AS r UNWIND r.conditions AS k WITH DISTINCT k MATCH (c:Condition {id: k})
    RETURN {id: k, name: c.name, milli: toInteger(round((1 + COUNT { MATCH (c)-[:IS_A*1..]->(a) RETURN DISTINCT a }) * ${LN} * 1000))} } AS conditions,
  COLLECT { UNWIND rels AS r UNWIND coalesce(r.interventions, []) + coalesce(r.comparators, []) + coalesce(r.interventionClasses, []) AS k
    WITH DISTINCT k MATCH (c:Intervention {id: k}) RETURN {id: k, name: c.name, ln: ${LN}} } AS interventions,
  COLLECT { UNWIND rels AS r UNWIND r.outcomeConcepts AS k WITH DISTINCT k MATCH (c:OutcomeConcept {id: k}) RETURN {id: k, name: c.name, milli: toInteger(round(1 * ${LN} * 1000))} } AS outcomeConcepts,
  COLLECT { UNWIND rels AS r UNWIND r.predictors AS k WITH DISTINCT k MATCH (c:Predictor {id: k}) RETURN {id: k, name: c.name, milli: toInteger(round(2 * ${LN} * 1000))} } AS predictors
UNWIND rels AS r
WITH r.other AS other,
  [c IN conditions WHERE c.id IN r.conditions | {kind: 'CONDITION', id: c.id, name: c.name, milli: c.milli}] +
  [c IN interventions WHERE c.id IN r.interventions | {kind: 'INTERVENTION', id: c.id, name: c.name, milli: toInteger(round(3 * c.ln * 1000))}] +
  [c IN interventions WHERE c.id IN r.comparators | {kind: 'COMPARATOR', id: c.id, name: c.name, milli: toInteger(round(2 * c.ln * 1000))}] +
  [c IN interventions WHERE c.id IN r.interventionClasses | {kind: 'INTERVENTION_CLASS', id: c.id, name: c.name, milli: toInteger(round(1.5 * c.ln * 1000))}] +
  [c IN outcomeConcepts WHERE c.id IN r.outcomeConcepts | {kind: 'OUTCOME_CONCEPT', id: c.id, name: c.name, milli: c.milli}] +
  [c IN predictors WHERE c.id IN r.predictors | {kind: 'PREDICTOR', id: c.id, name: c.name, milli: c.milli}] AS shared
WITH other, shared, reduce(total = 0, c IN shared | total + c.milli) AS milli
ORDER BY milli DESC, other.id
LIMIT $first
RETURN {relatedStudies: collect({score: milli / 1000.0, study: other {.id, .title},
  shared: [c IN shared | {kind: c.kind, id: c.id, name: c.name, weight: c.milli / 1000.0}]})} AS data`;

export function operations(corpusSize: number): Operation[] {
  const ids = rotatingStudies(corpusSize);
  return [
    {
      name: 'studyDetail',
      query: `${SEED_TRIAL_RESULTS}\n\n${SOURCE}`,
      variables: (i) => ({ id: ids[i % ids.length] }),
      floor: `
MATCH (s:Study {id: $id})
RETURN {study: s {.id, .title, .allocation, .designFeatures, .enrolment,
  publications: COLLECT { MATCH (s)-[r:REPORTED_IN]->(p) WITH p, r ORDER BY r.role DESC, p.year, p.id RETURN p {.journal, .volume, .issue, .pages, .pmid, role: r.role} },
  population: head(COLLECT { MATCH (s)-[:HAS_POPULATION]->(pop) RETURN pop {.description,
    conditions: COLLECT { MATCH (pop)-[:HAS_CONDITION]->(c) WITH c ORDER BY c.name RETURN c {.id, .name,
      ancestors: COLLECT { MATCH (c)-[:IS_A*1..]->(a) WITH DISTINCT a MATCH path = shortestPath((c)-[:IS_A*1..]->(a)) WITH a ORDER BY length(path), a.name RETURN a {.id} } } } } }),
  arms: COLLECT { MATCH (s)-[:HAS_ARM]->(arm) WITH arm ORDER BY arm.position RETURN arm {.label, .role, .randomized,
    interventions: COLLECT { MATCH (arm)-[r:RECEIVES]->(i) WITH r, i ORDER BY i.name RETURN r {.dose, .route, .schedule, intervention: i {.id, .name, .kind}} },
    evidence: ${evidenceOf('arm')} } },
  outcomes: COLLECT { MATCH (s)-[:HAS_OUTCOME]->(o) WITH o ORDER BY o.position RETURN o {.name, .role,
    concept: head(COLLECT { MATCH (o)-[:MEASURES]->(oc) RETURN oc {.id, .abbreviation} }),
    measurements: COLLECT { MATCH (o)-[:HAS_MEASUREMENT]->(m) WITH m ORDER BY m.position RETURN m {.statistic, .value, .valueText, .unit,
      timePoint: CASE WHEN m.timePointValue IS NULL THEN null ELSE {value: m.timePointValue, unit: m.timePointUnit} END,
      arm: head(COLLECT { MATCH (m)-[:OF_ARM]->(a) RETURN a {.label} }),
      evidence: ${evidenceOf('m')} } },
    comparisons: COLLECT { MATCH (o)-[:HAS_COMPARISON]->(c) WITH c ORDER BY c.position RETURN c {
      treatmentArm: head(COLLECT { MATCH (c)-[:TREATMENT_ARM]->(a) RETURN a {.label} }),
      referenceArm: head(COLLECT { MATCH (c)-[:REFERENCE_ARM]->(a) RETURN a {.label} }),
      .effectMeasure, .estimate,
      p: CASE WHEN c.pValue IS NULL THEN null ELSE {operator: c.pOperator, value: c.pValue, text: c.pText} END,
      evidence: ${evidenceOf('c')} } } } },
  predictorFindings: COLLECT { MATCH (s)-[:HAS_FINDING]->(f) WITH f ORDER BY f.position RETURN f {
    predictor: head(COLLECT { MATCH (f)-[:OF_PREDICTOR]->(p) RETURN p {.id, .name} }),
    .associated, .direction, .directionText, .contrast, evidence: ${evidenceOf('f')} } },
  adverseEvents: COLLECT { MATCH (s)-[:HAS_ADVERSE_EVENT]->(ae) WITH ae ORDER BY ae.position RETURN ae {.term, .gradeMin, .gradeMax, .patients, .percent, .armDifference,
    arm: head(COLLECT { MATCH (ae)-[:OF_ARM]->(a) RETURN a {.label} }), evidence: ${evidenceOf('ae')} } }
}} AS data`,
      peer: { query: `${PEER_STUDY_DETAIL}\n\n${SOURCE}`, rootFields: 1 },
    },
    {
      name: 'studiesByCondition',
      query: `query StudiesByCondition($condition: ID!) {
  studies(where: { conditionIds: [$condition] }, first: 20) {
    totalCount
    edges { node { id title year arms { label randomized } outcomes { name role concept { id } } } }
  }
}`,
      variables: () => ({ condition: 'midgut-net' }),
      // midgut NET is held by a quarter of the studies: walk them in titleKey order until 20 hold it; the total is stored.
      floor: `
MATCH (c:Condition {id: $condition})
WITH c, ${LINEAGE('c')} AS lineage
CALL (lineage) {
  MATCH (s:Study) WHERE s.titleKey IS NOT NULL AND ${holds('Condition', 's', 'lineage')}
  WITH s ORDER BY s.titleKey, s.id LIMIT 20
  RETURN collect({node: s {.id, .title, .year,
    arms: ${ARMS('s', '.label, .randomized')},
    outcomes: COLLECT { MATCH (s)-[:HAS_OUTCOME]->(o) WITH o ORDER BY o.position RETURN o {.name, .role, concept: head([(o)-[:MEASURES]->(oc) | oc {.id}])} }
  }}) AS edges
}
RETURN {studies: {totalCount: c.studyCount, edges: edges}} AS data`,
      // Condition.lineageIds (IS_A*0..) and Study.titleKey (toLower(title)) are @cypher fields of the peer's type definitions.
      peer: {
        query: `query StudiesByCondition($condition: ID!) {
  studiesConnection(where: { population: { conditions: { some: { lineageIds: { includes: $condition } } } } }, sort: [{ titleKey: ASC }, { id: ASC }], first: 20) {
    totalCount
    edges { node { id title year arms(sort: [{ position: ASC }]) { label randomized } outcomes(sort: [{ position: ASC }]) { name role concept { id } } } }
  }
}`,
        rootFields: 1,
      },
    },
    {
      name: 'compareOutcome',
      query: `query ComparePfs($concept: ID!) {
  compareOutcome(outcomeConcept: $concept, first: 20) {
    totalCount
    edges { node { study { id year } arm { label } measurement { statistic value unit } comparisons { effectMeasure estimate p { text } } } }
  }
}`,
      variables: () => ({ concept: 'progression-free-survival' }),
      // PFS is measured by most studies: walk them in yearKey order until 20 rows; the total is the concept's OF_CONCEPT degree.
      // Each outcome is tested for the concept before its measurements are read (an outcome has one concept, a few
      // measurements). A row's comparisons start from its arm (a few comparisons each), all of the outcome's for a
      // whole-cohort row; the corpus's studies are curated, with no registry result groups to compare.
      floor: `
MATCH (oc:OutcomeConcept {id: $concept})
CALL (oc) {
  MATCH (s:Study) WHERE s.yearKey IS NOT NULL
  WITH s ORDER BY s.yearKey
  MATCH (s)-[:HAS_OUTCOME]->(o)-[:MEASURES]->(measured) WHERE measured = oc
  MATCH (o)-[:HAS_MEASUREMENT]->(m)
  OPTIONAL MATCH (m)-[:OF_ARM]->(a)
  WITH s, o, m, a ORDER BY s.yearKey, o.position, coalesce(a.position, -1), m.position LIMIT 20
  RETURN collect({node: {study: s {.id, .year}, arm: CASE WHEN a IS NULL THEN null ELSE a {.label} END, measurement: m {.statistic, .value, .unit},
    comparisons: CASE WHEN a IS NULL
      THEN COLLECT { MATCH (o)-[:HAS_COMPARISON]->(c) WITH c ORDER BY c.position RETURN ${COMPARISON('c')} }
      ELSE COLLECT { MATCH (a)<-[:TREATMENT_ARM|REFERENCE_ARM]-(c)<-[:HAS_COMPARISON]-(o) WITH DISTINCT c ORDER BY c.position RETURN ${COMPARISON('c')} }
    END}}) AS edges
}
RETURN {compareOutcome: {totalCount: COUNT { (oc)<-[:OF_CONCEPT]-() }, edges: edges}} AS data`,
      peer: {
        cannotExpress:
          "each row's comparisons are those of the row's arm (all of the outcome's for a whole-cohort row): a nested filter cannot refer to the parent row's arm, so only a hand-written @cypher field (the floor's logic) would select them",
      },
    },
    {
      name: 'predictorEvidence',
      query: `query Hiaa($predictor: ID!) {
  predictorEvidence(predictor: $predictor, first: 20) {
    associatedCount notAssociatedCount studyCount
    findings { totalCount edges { node { associated direction study { id } outcome { name } } } }
  }
}`,
      variables: () => ({ predictor: 'urinary-5-hiaa' }),
      // Every count is a degree or stored; urinary 5-HIAA has findings in a tenth of the studies: walk them in yearKey order.
      floor: `
MATCH (p:Predictor {id: $predictor})
WITH p, COUNT { (p)<-[:OF_PREDICTOR]-() } AS findings, COUNT { (p)<-[:ASSOCIATED_WITH]-() } AS associated
CALL (p) {
  MATCH (s:Study) WHERE s.yearKey IS NOT NULL
  WITH s ORDER BY s.yearKey
  MATCH (s)-[:HAS_FINDING]->(f)-[:OF_PREDICTOR]->(p)
  WITH s, f ORDER BY s.yearKey, f.position LIMIT 20
  RETURN collect({node: f {.associated, .direction, study: s {.id}, outcome: head([(f)-[:FOR_OUTCOME]->(o) | o {.name}])}}) AS edges
}
RETURN {predictorEvidence: {associatedCount: associated, notAssociatedCount: findings - associated, studyCount: p.studyCount,
  findings: {totalCount: findings, edges: edges}}} AS data`,
      // Two root fields: a predictor reaches its studies only through findings, so studiesConnection counts
      // the studies with a finding on it. PredictorFinding.studyYear is a @cypher field.
      peer: {
        query: `query Hiaa($predictor: ID!) {
  predictors(where: { id: { eq: $predictor } }) {
    associated: findingsConnection(where: { node: { associated: { eq: true } } }) { totalCount }
    notAssociated: findingsConnection(where: { node: { associated: { eq: false } } }) { totalCount }
    findingsConnection(first: 20, sort: [{ node: { studyYear: ASC } }, { node: { studyId: ASC } }, { node: { position: ASC } }]) {
      totalCount
      edges { node { associated direction study { id } outcome { name } } }
    }
  }
  studiesConnection(where: { predictorFindings: { some: { predictor: { id: { eq: $predictor } } } } }) { totalCount }
}`,
        rootFields: 2,
      },
    },
    {
      name: 'search',
      query: `query Search($text: String!) { search(query: $text, first: 10) { kind score node { ... on Intervention { id name } ... on Study { id title } ... on Condition { id name } ... on OutcomeConcept { id name } ... on Outcome { id name } ... on Predictor { id name } } } }`,
      variables: () => ({ text: 'everolimus' }),
      floor: `
CALL db.index.fulltext.queryNodes('search_text', $lucene, {limit: 10}) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l IN ['Study', 'Intervention', 'Condition', 'OutcomeConcept', 'Outcome', 'Predictor']][0] AS kind
ORDER BY score DESC, node.id
RETURN {search: collect({kind: kind, score: score, node: CASE kind WHEN 'Study' THEN node {.id, .title} ELSE node {.id, .name} END})} AS data`,
      floorParams: (v) => ({ lucene: toLuceneQuery(v.text as string) }),
      peer: {
        cannotExpress:
          'one ranking over a full-text index of six labels: @fulltext gives one query per type, each ranked and cut on its own, so the best 10 across types would be merged by the client (six root fields) or read by a hand-written @cypher query',
      },
    },
    {
      name: 'relatedStudies',
      query: `query Related($id: ID!) { relatedStudies(id: $id, first: 10) { score study { id title } shared { kind id name weight } } }`,
      variables: (i) => ({ id: ids[i % ids.length] }),
      floor: RELATED,
      floorParams: (v) => ({ ...v, first: neo4j.int(10) }),
      peer: {
        cannotExpress:
          'a score per other study, summed over the weighted concepts it shares (conditions through IS_A, the most specific kept): the generated API filters, sorts by node fields and counts, but does not aggregate across studies into a ranking; only a hand-written @cypher query would',
      },
    },
    {
      name: 'studiesTwoFilters',
      query: `query StudiesTwoFilters($condition: ID!, $outcome: ID!) {
  studies(where: { conditionIds: [$condition], outcomeConceptIds: [$outcome] }, sort: { field: YEAR }, first: 20) {
    totalCountUpTo(limit: ${COUNT_UP_TO}) { count exact }
    edges { node { id title year } }
  }
}`,
      variables: () => ({ condition: 'midgut-net', outcome: 'progression-free-survival' }),
      // midgut NET (a quarter of the studies) is rarer than PFS (three fifths): the total is counted from it.
      floor: studiesFloor({
        filters: [
          { label: 'Condition', param: 'condition' },
          { label: 'OutcomeConcept', param: 'outcome' },
        ],
        tests: () => [],
        sort: { field: 'YEAR', direction: 'ASC' },
        first: 20,
        project: (s) => `${s} {.id, .title, .year}`,
        countFrom: 0,
        countUpTo: COUNT_UP_TO,
      }),
      peer: {
        cannotExpress:
          "a count that stops at a bound (totalCountUpTo): the generated API counts only exactly (totalCount), reading every match; bench/results/baseline-exact-totals.md has this operation with exact totals, the peer's too",
      },
    },
    {
      name: 'studiesThreeFilters',
      query: `query StudiesThreeFilters($condition: ID!, $intervention: ID!, $outcome: ID!) {
  studies(where: { conditionIds: [$condition], interventionIds: [$intervention], outcomeConceptIds: [$outcome] }, first: 20) {
    totalCountUpTo(limit: ${COUNT_UP_TO}) { count exact }
    edges { node { id title year arms { label role } } }
  }
}`,
      variables: () => ({
        condition: 'midgut-net',
        intervention: 'somatostatin-analogue',
        outcome: 'progression-free-survival',
      }),
      floor: studiesFloor({
        filters: [
          { label: 'Condition', param: 'condition' },
          { label: 'Intervention', param: 'intervention' },
          { label: 'OutcomeConcept', param: 'outcome' },
        ],
        tests: () => [],
        sort: { field: 'TITLE', direction: 'ASC' },
        first: 20,
        project: (s) => `${s} {.id, .title, .year, arms: ${ARMS(s, '.label, .role')}}`,
        countFrom: 0,
        countUpTo: COUNT_UP_TO,
      }),
      peer: {
        cannotExpress:
          "a count that stops at a bound (totalCountUpTo): the generated API counts only exactly (totalCount), reading every match; bench/results/baseline-exact-totals.md has this operation with exact totals, the peer's too",
      },
    },
    {
      name: 'studiesFilterEachSort',
      query: `query StudiesFilterEachSort($condition: ID!, $phases: [Phase!], $sort: StudySort) {
  studies(where: { conditionIds: [$condition], phases: $phases }, sort: $sort, first: 20) {
    totalCountUpTo(limit: ${COUNT_UP_TO}) { count exact }
    edges { node { id title year enrolment } }
  }
}`,
      // Request i takes the i-th sort of the six (title, year, enrolment; ascending, descending).
      variables: (i) => ({ condition: 'midgut-net', phases: ['PHASE_3'], sort: SORTS[i % SORTS.length] }),
      profileAt: SORTS.map((_, i) => i),
      floor: (v) =>
        studiesFloor({
          filters: [{ label: 'Condition', param: 'condition' }],
          tests: (s) => [`${s}.phase IN $phases`],
          sort: v.sort as Sort,
          first: 20,
          project: (s) => `${s} {.id, .title, .year, .enrolment}`,
          countFrom: 0,
          countUpTo: COUNT_UP_TO,
          // The smallest enrolments are mostly of studies of other conditions: the walk would read a third of the studies.
          anchored: (v.sort as Sort).field === 'ENROLMENT' && (v.sort as Sort).direction === 'ASC',
        }),
      peer: {
        cannotExpress:
          "the descending sorts of year and enrolment put studies without the value last, as the ascending ones do; @neo4j/graphql's DESC is Cypher's, which puts them first",
      },
    },
    {
      name: 'conceptStudiesNested',
      query: `query ConceptStudiesNested {
  conditions(first: 10) {
    edges { node { id name studies(first: 5) { totalCount edges { node { id title arms { label role } outcomes { name role } } } } } }
  }
}`,
      variables: () => ({}),
      // Every condition of the first ten is held by hundreds of studies or more: each page is a titleKey walk.
      floor: `
MATCH (c:Condition) WITH c ORDER BY toLower(c.name), c.id LIMIT 10
WITH c, ${LINEAGE('c')} AS lineage
CALL (lineage) {
  MATCH (s:Study) WHERE s.titleKey IS NOT NULL AND ${holds('Condition', 's', 'lineage')}
  WITH s ORDER BY s.titleKey, s.id LIMIT 5
  RETURN collect({node: s {.id, .title, arms: ${ARMS('s', '.label, .role')},
    outcomes: COLLECT { MATCH (s)-[:HAS_OUTCOME]->(o) WITH o ORDER BY o.position RETURN o {.name, .role} }}}) AS edges
}
WITH collect({node: c {.id, .name, studies: {totalCount: c.studyCount, edges: edges}}}) AS conditions
RETURN {conditions: {edges: conditions}} AS data`,
      peer: {
        cannotExpress:
          "a condition's studies are those of its population's conditions and every narrower one (IS_A*0..): no @relationship field reaches them, and a @cypher list field is not paged or counted as a connection",
      },
    },
  ];
}
