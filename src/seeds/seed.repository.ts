import { HELD_BY, RECOUNT_HELD } from '../studies/related.repository';
import { NODE_LABELS, NodeLabel, OWNED_LABELS, REL_SHAPES, RelShapeKey, relShapeKey } from './seed.plan';

// Labels and relationship types below come only from the graph model (src/model/graph.ts),
// through NODE_LABELS and REL_SHAPES of seed.plan.ts;
// every value is a parameter.

/**
 * How the source of a code a concept gained from a registry record begins (src/ctgov/ctgov.mapper.ts
 * writes "ClinicalTrials.gov NCT… <path>"): such codes are not the vocabulary's, and loading the
 * vocabulary again keeps them.
 */
export const REGISTRY_CODE_SOURCE = 'ClinicalTrials.gov ';

/** Concepts carry codes: the vocabulary's, and those gained from registry records. */
const CONCEPT_NODE_LABELS: ReadonlySet<NodeLabel> = new Set<NodeLabel>(['Condition', 'Intervention', 'OutcomeConcept', 'Predictor']);

/** What a node statement returns: each node's key with its element id, which the relationship statements after it find it by. */
const WRITTEN_NODES = 'RETURN collect([row.id, elementId(n)]) AS written';

/**
 * Per label: write a batch of nodes by key. A study's own parts (StudyPart) are created: the
 * loader writes them only for a study that is new or was just cleared, so none exists yet, and
 * the key constraint refuses a duplicate. Shared nodes are upserted; a concept takes the file's
 * properties and keeps the codes it gained from registry records (a source beginning with
 * $registrySource) that the file does not list, with their names and sources.
 */
export const MERGE_NODES = Object.fromEntries(
  NODE_LABELS.map((label) => [
    label,
    CONCEPT_NODE_LABELS.has(label)
      ? `UNWIND $rows AS row
     MERGE (n:${label} {id: row.id})
     WITH n, row, [i IN range(0, size(coalesce(n.codes, [])) - 1)
                   WHERE coalesce(n.codeSources[i], '') STARTS WITH $registrySource AND NOT n.codes[i] IN coalesce(row.props.codes, [])
                   | [n.codes[i], n.codeDisplays[i], n.codeSources[i]]] AS gained
     SET n += row.props
     SET n.codes = coalesce(n.codes, []) + [g IN gained | g[0]],
         n.codeDisplays = coalesce(n.codeDisplays, []) + [g IN gained | g[1]],
         n.codeSources = coalesce(n.codeSources, []) + [g IN gained | g[2]]
     ${WRITTEN_NODES}`
      : OWNED_LABELS.has(label)
        ? `UNWIND $rows AS row
     CREATE (n:${label}:StudyPart {id: row.id})
     SET n += row.props
     ${WRITTEN_NODES}`
        : `UNWIND $rows AS row
     MERGE (n:${label} {id: row.id})
     SET n += row.props
     ${WRITTEN_NODES}`,
  ]),
) as Record<NodeLabel, string>;

/**
 * How a relationship statement finds each end: by its key (`id`, through the label's key index),
 * or, for a node the same write has just written, by the element id its node statement returned
 * (a direct seek, with no index descent on a long string key).
 */
export type EndLookup = 'key' | 'element';
export type RelLookup = `${EndLookup}-${EndLookup}`;
const REL_LOOKUPS: readonly [EndLookup, EndLookup][] = [
  ['key', 'key'],
  ['key', 'element'],
  ['element', 'key'],
  ['element', 'element'],
];
const matchEnd = (variable: string, label: NodeLabel, field: string, by: EndLookup) =>
  by === 'key' ? `MATCH (${variable}:${label} {id: row.${field}})` : `MATCH (${variable}:${label}) WHERE elementId(${variable}) = row.${field}`;

/**
 * Per relationship shape and way of finding its ends: link a batch of existing nodes; `written`
 * below the row count means a dangling reference. A relationship with a study's own part at
 * either end is new (the part is), so it is created; one between shared nodes is merged.
 */
export const MERGE_RELS = Object.fromEntries(
  REL_SHAPES.map((shape) => [
    relShapeKey(shape),
    Object.fromEntries(
      REL_LOOKUPS.map(([from, to]) => [
        `${from}-${to}`,
        `UNWIND $rows AS row
     ${matchEnd('a', shape[1], 'from', from)}
     ${matchEnd('b', shape[2], 'to', to)}
     ${OWNED_LABELS.has(shape[1]) || OWNED_LABELS.has(shape[2]) ? 'CREATE' : 'MERGE'} (a)-[r:${shape[0]}]->(b)
     SET r += row.props
     RETURN count(r) AS written`,
      ]),
    ) as Record<RelLookup, string>,
  ]),
) as Record<RelShapeKey, Record<RelLookup, string>>;

/** Claims each study key (MERGE locks it against a concurrent load) and returns the hash of its stored version. */
export const CLAIM_STUDIES = `
UNWIND $studies AS st
MERGE (s:Study {id: st.id})
WITH s, st, s.contentHash AS previous
SET s.contentHash = st.hash
RETURN st.id AS id, previous`;

/** Removes what a study owns and its links to publications, before the new version is written. */
export const CLEAR_STUDIES = `
UNWIND $ids AS id
OPTIONAL MATCH (part:StudyPart {studyId: id})
DETACH DELETE part
WITH DISTINCT id
MATCH (:Study {id: id})-[r:REPORTED_IN]->()
DELETE r`;

/** The documents quoted and publications reported by the given studies, read before they are cleared. */
export const STUDY_SOURCES = `
UNWIND $ids AS id
CALL (id) { MATCH (:Study {id: id})-[:REPORTED_IN]->(p:Publication) RETURN collect(DISTINCT p.id) AS publications }
CALL (id) { MATCH (:StudyPart {studyId: id})-[:QUOTED_FROM]->(d:Document) RETURN collect(DISTINCT d.id) AS documents }
RETURN publications, documents`;

/**
 * Of the documents and publications (keys in the variables `documents` and `publications`),
 * deletes those that no evidence quotes and no study reports any more: one rule for updates and deletes.
 */
const PRUNE_UNUSED_SOURCES = `
CALL (documents) {
  UNWIND documents AS id
  MATCH (d:Document {id: id}) WHERE NOT (d)<-[:QUOTED_FROM]-() AND NOT (d)<-[:HAS_RECORD]-()
  DETACH DELETE d
}
CALL (publications) {
  UNWIND publications AS id
  MATCH (p:Publication {id: id}) WHERE NOT (p)<-[:REPORTED_IN]-()
  DETACH DELETE p
}`;

/** Deletes the given documents and publications that nothing uses any more (PRUNE_UNUSED_SOURCES). */
export const PRUNE_SOURCES = `
WITH $documents AS documents, $publications AS publications
${PRUNE_UNUSED_SOURCES}`;

/** Per hierarchy: drops IS_A links of the given concepts that the vocabulary no longer lists. */
export const PRUNE_IS_A = Object.fromEntries(
  (['Condition', 'Intervention', 'OutcomeConcept'] as const).map((label) => [
    label,
    `UNWIND $rows AS row
     MATCH (c:${label} {id: row.id})-[r:IS_A]->(parent)
     WHERE NOT parent.id IN row.broader
     DELETE r`,
  ]),
) as Record<'Condition' | 'Intervention' | 'OutcomeConcept', string>;

/** Drops the CONCERNS link of the given predictors when the vocabulary names another intervention or none. */
export const PRUNE_CONCERNS = `
UNWIND $rows AS row
MATCH (p:Predictor {id: row.id})-[r:CONCERNS]->(i)
WHERE row.intervention IS NULL OR i.id <> row.intervention
DELETE r`;

/**
 * Conditions among `$ids` (every condition a vocabulary write gave a narrower one) with more
 * narrower conditions than `$max` (BOUNDS.narrowerPerCondition). The graph holds the whole
 * hierarchy, so this sees what several vocabularies make together.
 */
export const CONDITIONS_PAST_NARROWER_BOUND = `
MATCH (c:Condition) WHERE c.id IN $ids
WITH c, COUNT { (c)<-[:IS_A]-(:Condition) } AS count
WHERE count > $max
RETURN c.id AS id, count`;

/** Conditions at or below `$ids` (whose ancestry a vocabulary write may have grown) with more ancestors than `$max` (BOUNDS.ancestorsPerCondition). */
export const CONDITIONS_PAST_ANCESTOR_BOUND = `
MATCH (t:Condition) WHERE t.id IN $ids
MATCH (t)<-[:IS_A*0..]-(below:Condition)
// By key: Neo4j 5.26 gave one row per path here with WITH DISTINCT on the node, for nodes the
// transaction had just created.
WITH collect(DISTINCT below.id) AS below
UNWIND below AS id
MATCH (c:Condition {id: id})
WITH c, COUNT { MATCH (c)-[:IS_A*1..]->(a:Condition) RETURN DISTINCT a } AS count
WHERE count > $max
RETURN c.id AS id, count`;

/** Publications among `$ids` that more than `$max` studies report (the bound studiesPerPublication). */
export const PUBLICATIONS_PAST_BOUND = `
MATCH (p:Publication) WHERE p.id IN $ids
WITH p, COUNT { (p)<-[:REPORTED_IN]-(:Study) } AS count
WHERE count > $max
RETURN p.id AS id, count`;

/** The concept keys already stored, which study files may reference. */
export const KNOWN_CONCEPTS = `
CALL { MATCH (c:Condition) RETURN collect(c.id) AS conditions }
CALL { MATCH (c:Intervention) RETURN collect(c.id) AS interventions }
CALL { MATCH (c:OutcomeConcept) RETURN collect(c.id) AS outcomeConcepts }
CALL { MATCH (c:Predictor) RETURN collect(c.id) AS predictors }
RETURN conditions, interventions, outcomeConcepts, predictors`;

/**
 * Deletes one study, what it owns, and the publications and documents no other study uses; no
 * row when unknown. The concepts it held are counted again (`studyCount`), so that the counts
 * stay exact whoever deletes; deleteStudy also recomputes the related lists it leaves.
 */
export const DELETE_STUDY = `
MATCH (s:Study {id: $id})
WITH s, ${HELD_BY('s').replace(/\n/g, '\n  ')} AS held
OPTIONAL MATCH (s)-[:REPORTED_IN]->(p:Publication)
WITH s, held, collect(p.id) AS publications
OPTIONAL MATCH (:StudyPart {studyId: $id})-[:QUOTED_FROM]->(d:Document)
WITH s, held, publications, collect(DISTINCT d.id) + COLLECT { MATCH (s)-[:HAS_RECORD]->(r:Document) RETURN r.id } AS documents
OPTIONAL MATCH (part:StudyPart {studyId: $id})
DETACH DELETE part
WITH DISTINCT s, held, publications, documents
// The study's versions go with it (src/history/).
OPTIONAL MATCH (s)-[:HAS_VERSION]->(v:StudyVersion)
DETACH DELETE v, s
WITH DISTINCT held, publications, documents
${PRUNE_UNUSED_SOURCES}
${RECOUNT_HELD}
RETURN true AS deleted`;
