/**
 * The operations of `npm run bench`: each as our GraphQL operation, as the floor's one
 * hand-written Cypher statement that returns the same answer (bench/floor/server.ts), and as
 * the peer's GraphQL operation over @neo4j/graphql (bench/peer/) where it can express it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { CORPUS_PREFIX } from './corpus';

export interface Operation {
  name: string;
  /** GraphQL text, sent to our server. */
  query: string;
  /** Variables of request `i` (rotating over keys where the operation takes one). */
  variables: (i: number) => Record<string, unknown>;
  /** The floor's statement; its one row's `data` column is the answer's `data`. */
  floor: string;
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
  `${e} {.quote, .section, .verification, .note, document: head(COLLECT { MATCH (${e})-[:QUOTED_FROM]->(d:Document) RETURN d {.title, .url, .localCopy, publication: head(COLLECT { MATCH (d)-[:REPRODUCES]->(p:Publication) RETURN p {.journal, .pmid} })} })}`;
const evidenceOf = (x: string) =>
  `COLLECT { MATCH (${x})-[:SUPPORTED_BY]->(e:Evidence) WITH e ORDER BY e.position RETURN ${source('e')} }`;

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
  publications: COLLECT { MATCH (s)-[r:REPORTED_IN]->(p:Publication) WITH p, r ORDER BY r.role DESC, p.year, p.id RETURN p {.journal, .volume, .issue, .pages, .pmid, role: r.role} },
  population: head(COLLECT { MATCH (s)-[:HAS_POPULATION]->(pop:Population) RETURN pop {.description,
    conditions: COLLECT { MATCH (pop)-[:HAS_CONDITION]->(c:Condition) WITH c ORDER BY c.name RETURN c {.id, .name,
      ancestors: COLLECT { MATCH (c)-[:IS_A*1..]->(a:Condition) WITH DISTINCT a MATCH path = shortestPath((c)-[:IS_A*1..]->(a)) WITH a ORDER BY length(path), a.name RETURN a {.id} } } } } }),
  arms: COLLECT { MATCH (s)-[:HAS_ARM]->(arm:Arm) WITH arm ORDER BY arm.position RETURN arm {.label, .role, .randomized,
    interventions: COLLECT { MATCH (arm)-[r:RECEIVES]->(i:Intervention) WITH r, i ORDER BY i.name RETURN r {.dose, .route, .schedule, intervention: i {.id, .name, .kind}} },
    evidence: ${evidenceOf('arm')} } },
  outcomes: COLLECT { MATCH (s)-[:HAS_OUTCOME]->(o:Outcome) WITH o ORDER BY o.position RETURN o {.name, .role,
    concept: head(COLLECT { MATCH (o)-[:MEASURES]->(oc:OutcomeConcept) RETURN oc {.id, .abbreviation} }),
    measurements: COLLECT { MATCH (o)-[:HAS_MEASUREMENT]->(m:Measurement) WITH m ORDER BY m.position RETURN m {.statistic, .value, .valueText, .unit,
      timePoint: CASE WHEN m.timePointValue IS NULL THEN null ELSE {value: m.timePointValue, unit: m.timePointUnit} END,
      arm: head(COLLECT { MATCH (m)-[:OF_ARM]->(a:Arm) RETURN a {.label} }),
      evidence: ${evidenceOf('m')} } },
    comparisons: COLLECT { MATCH (o)-[:HAS_COMPARISON]->(c:Comparison) WITH c ORDER BY c.position RETURN c {
      treatmentArm: head(COLLECT { MATCH (c)-[:TREATMENT_ARM]->(a:Arm) RETURN a {.label} }),
      referenceArm: head(COLLECT { MATCH (c)-[:REFERENCE_ARM]->(a:Arm) RETURN a {.label} }),
      .effectMeasure, .estimate,
      p: CASE WHEN c.pValue IS NULL THEN null ELSE {operator: c.pOperator, value: c.pValue, text: c.pText} END,
      evidence: ${evidenceOf('c')} } } } },
  predictorFindings: COLLECT { MATCH (s)-[:HAS_FINDING]->(f:PredictorFinding) WITH f ORDER BY f.position RETURN f {
    predictor: head(COLLECT { MATCH (f)-[:OF_PREDICTOR]->(p:Predictor) RETURN p {.id, .name} }),
    .associated, .direction, .directionText, .contrast, evidence: ${evidenceOf('f')} } },
  adverseEvents: COLLECT { MATCH (s)-[:HAS_ADVERSE_EVENT]->(ae:AdverseEventResult) WITH ae ORDER BY ae.position RETURN ae {.term, .gradeMin, .gradeMax, .patients, .percent, .armDifference,
    arm: head(COLLECT { MATCH (ae)-[:OF_ARM]->(a:Arm) RETURN a {.label} }), evidence: ${evidenceOf('ae')} } }
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
      floor: `
MATCH (target:Condition {id: $condition})
CALL (target) {
  MATCH (target)<-[:IS_A*0..]-(:Condition)<-[:HAS_CONDITION]-(:Population)<-[:HAS_POPULATION]-(s:Study)
  WITH DISTINCT s ORDER BY toLower(s.title), s.id LIMIT 20
  RETURN collect(s {.id, .title, .year,
    arms: COLLECT { MATCH (s)-[:HAS_ARM]->(a:Arm) WITH a ORDER BY a.position RETURN a {.label, .randomized} },
    outcomes: COLLECT { MATCH (s)-[:HAS_OUTCOME]->(o:Outcome) WITH o ORDER BY o.position RETURN o {.name, .role, concept: head(COLLECT { MATCH (o)-[:MEASURES]->(c:OutcomeConcept) RETURN c {.id} })} }
  }) AS nodes
}
CALL (target) {
  MATCH (target)<-[:IS_A*0..]-(:Condition)<-[:HAS_CONDITION]-(:Population)<-[:HAS_POPULATION]-(s:Study)
  RETURN count(DISTINCT s) AS total
}
RETURN {studies: {totalCount: total, edges: [n IN nodes | {node: n}]}} AS data`,
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
      floor: `
CALL () {
  MATCH (:OutcomeConcept {id: $concept})<-[:MEASURES]-(o:Outcome)<-[:HAS_OUTCOME]-(s:Study), (o)-[:HAS_MEASUREMENT]->(m:Measurement)
  OPTIONAL MATCH (m)-[:OF_ARM]->(a:Arm)
  WITH s, o, m, a ORDER BY s.year, s.id, o.position, coalesce(a.position, -1), m.position LIMIT 20
  RETURN collect({node: {study: s {.id, .year}, arm: CASE WHEN a IS NULL THEN null ELSE a {.label} END, measurement: m {.statistic, .value, .unit},
    comparisons: COLLECT { MATCH (o)-[:HAS_COMPARISON]->(c:Comparison) WHERE a IS NULL OR EXISTS { (c)-[:TREATMENT_ARM|REFERENCE_ARM]->(a) }
      WITH c ORDER BY c.position RETURN c {.effectMeasure, .estimate, p: CASE WHEN c.pValue IS NULL THEN null ELSE {text: c.pText} END} }}}) AS edges
}
CALL () {
  MATCH (:OutcomeConcept {id: $concept})<-[:MEASURES]-(:Outcome)-[:HAS_MEASUREMENT]->(m:Measurement)
  RETURN count(m) AS total
}
RETURN {compareOutcome: {totalCount: total, edges: edges}} AS data`,
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
      floor: `
MATCH (p:Predictor {id: $predictor})
RETURN {predictorEvidence: {
  associatedCount: COUNT { (p)<-[:OF_PREDICTOR]-(f:PredictorFinding) WHERE f.associated },
  notAssociatedCount: COUNT { (p)<-[:OF_PREDICTOR]-(f:PredictorFinding) WHERE NOT f.associated },
  studyCount: COUNT { MATCH (p)<-[:OF_PREDICTOR]-(:PredictorFinding)<-[:HAS_FINDING]-(s:Study) RETURN DISTINCT s },
  findings: {totalCount: COUNT { (p)<-[:OF_PREDICTOR]-(:PredictorFinding) },
    edges: COLLECT { MATCH (p)<-[:OF_PREDICTOR]-(f:PredictorFinding)<-[:HAS_FINDING]-(s:Study) WITH f, s ORDER BY s.year, s.id, f.position LIMIT 20
      RETURN {node: f {.associated, .direction, study: s {.id}, outcome: head(COLLECT { MATCH (f)-[:FOR_OUTCOME]->(o:Outcome) RETURN o {.name} })}} }}
}} AS data`,
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
      peer: {
        cannotExpress:
          'one ranking over a full-text index of six labels: @fulltext gives one query per type, each ranked and cut on its own, so the best 10 across types would be merged by the client (six root fields) or read by a hand-written @cypher query',
      },
    },
    {
      name: 'relatedStudies',
      query: `query Related($id: ID!) { relatedStudies(id: $id, first: 10) { score study { id title } shared { kind id name weight } } }`,
      variables: (i) => ({ id: ids[i % ids.length] }),
      floor: '',
      peer: {
        cannotExpress:
          'a score per other study, summed over the weighted concepts it shares (conditions through IS_A, the most specific kept): the generated API filters, sorts by node fields and counts, but does not aggregate across studies into a ranking; only a hand-written @cypher query would',
      },
    },
  ];
}
