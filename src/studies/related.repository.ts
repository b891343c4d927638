// Cypher of the stored related lists: (:Study)-[:RELATED {score, conditions, interventions,
// comparators, outcomeConcepts, predictors}]->(:Study), at most RELATED_PER_STUDY per study,
// and `studyCount` on every concept node. Labels come from the constant list below; every value
// is a parameter. The read is RANKED_RELATED (study.repository.ts).
import { heldPath } from './holding.repository';
import { ConceptLabel, RARE_HOLDERS_MAX } from './related.score';

export const CONCEPT_LABELS: readonly ConceptLabel[] = ['Condition', 'Intervention', 'OutcomeConcept', 'Predictor'];

/** What relatedness reads of study `s` (see StudyProfile), with the score a study must reach to enter its full list (null: the list is not full). */
// The variables inside are prefixed so that none can be the outer one (`s` or `o`). A study's own
// conditions, without their broader ones: relatedness closes them over IS_A itself.
const PROFILE = (s: string) => `${s}.id AS id,
  COLLECT { MATCH ${heldPath('Condition', s, '_c:Condition', false)} RETURN DISTINCT _c.id } AS conditions,
  COLLECT { MATCH (${s})-[:HAS_ARM]->(_a:Arm)-[:RECEIVES]->(_i:Intervention) WITH _i.id AS _key, collect(_a.role) AS _roles RETURN {id: _key, experimental: 'EXPERIMENTAL' IN _roles} } AS interventions,
  COLLECT { MATCH ${heldPath('OutcomeConcept', s, '_o:OutcomeConcept', false)} RETURN DISTINCT _o.id } AS outcomeConcepts,
  COLLECT { MATCH ${heldPath('Predictor', s, '_p:Predictor')} RETURN DISTINCT _p.id } AS predictors,
  ${s}.relatedFloor AS floor`;

/** The profiles of the given studies (those that exist). */
export const PROFILES_OF = `
UNWIND $ids AS id
MATCH (s:Study {id: id})
RETURN ${PROFILE('s')}`;

/** The profile of every study (the rebuild, and a recomputation of many lists at once). */
export const ALL_PROFILES = `
MATCH (s:Study)
RETURN ${PROFILE('s')}`;

/**
 * The profiles of the given studies and of every study that holds one of the given rare concepts
 * (`$conditions`, `$interventions`, `$outcomeConcepts`, `$predictors`: keys): the candidates of
 * their lists. A condition is held through IS_A: a study of midgut NET holds gastroenteropancreatic
 * NET. Common concepts are not walked (src/studies/related.score.ts, RARE_HOLDERS_MAX), so the
 * rows are at most the given studies plus (rare concepts × the bound).
 */
export const CANDIDATE_PROFILES = `
CALL () {
  UNWIND $ids AS id
  MATCH (o:Study {id: id})
  RETURN o
  UNION
  UNWIND $conditions AS key
  MATCH ${heldPath('Condition', 'o:Study', ':Condition {id: key}')}
  RETURN o
  UNION
  UNWIND $interventions AS key
  MATCH ${heldPath('Intervention', 'o:Study', ':Intervention {id: key}')}
  RETURN o
  UNION
  UNWIND $outcomeConcepts AS key
  MATCH ${heldPath('OutcomeConcept', 'o:Study', ':OutcomeConcept {id: key}')}
  RETURN o
  UNION
  UNWIND $predictors AS key
  MATCH ${heldPath('Predictor', 'o:Study', ':Predictor {id: key}')}
  RETURN o
}
RETURN ${PROFILE('o')}`;

/** The studies whose population has one of the given conditions, an arm receiving one of the given interventions, or an outcome of one of the given outcome concepts (directly). */
export const STUDIES_WITH_CONCEPTS = `
CALL () {
  UNWIND $conditions AS id
  MATCH ${heldPath('Condition', 's:Study', ':Condition {id: id}', false)}
  RETURN s
  UNION
  UNWIND $interventions AS id
  MATCH ${heldPath('Intervention', 's:Study', ':Intervention {id: id}', false)}
  RETURN s
  UNION
  UNWIND $outcomeConcepts AS id
  MATCH ${heldPath('OutcomeConcept', 's:Study', ':OutcomeConcept {id: id}', false)}
  RETURN s
}
RETURN DISTINCT s.id AS id`;

/**
 * The broader concepts of every condition, intervention and outcome concept that has any, all the way up (distinct
 * keys): a condition by its key, an intervention or outcome concept by `<label>:<key>` (see Ancestors); a concept
 * without a broader one is not listed (no ancestors).
 */
export const CONCEPT_ANCESTORS = `
CALL () {
  MATCH (c:Condition) WHERE (c)-[:IS_A]->()
  RETURN c.id AS id, COLLECT { MATCH (c)-[:IS_A*1..]->(a:Condition) RETURN DISTINCT a.id } AS ancestors
  UNION ALL
  MATCH (c:Intervention) WHERE (c)-[:IS_A]->()
  RETURN 'Intervention:' + c.id AS id, COLLECT { MATCH (c)-[:IS_A*1..]->(a:Intervention) RETURN DISTINCT a.id } AS ancestors
  UNION ALL
  MATCH (c:OutcomeConcept) WHERE (c)-[:IS_A]->()
  RETURN 'OutcomeConcept:' + c.id AS id, COLLECT { MATCH (c)-[:IS_A*1..]->(a:OutcomeConcept) RETURN DISTINCT a.id } AS ancestors
}
RETURN id, ancestors`;

/**
 * The number of the studies holding each of the given concepts (`studyCount`,
 * absent = 0): the concepts a change of related lists weighs, found by key, whatever the size of
 * the vocabulary.
 */
export const FREQUENCIES = `
CALL () { UNWIND $conditions AS id MATCH (c:Condition {id: id}) WHERE c.studyCount > 0 RETURN collect([c.id, c.studyCount]) AS conditions }
CALL () { UNWIND $interventions AS id MATCH (c:Intervention {id: id}) WHERE c.studyCount > 0 RETURN collect([c.id, c.studyCount]) AS interventions }
CALL () { UNWIND $outcomeConcepts AS id MATCH (c:OutcomeConcept {id: id}) WHERE c.studyCount > 0 RETURN collect([c.id, c.studyCount]) AS outcomeConcepts }
CALL () { UNWIND $predictors AS id MATCH (c:Predictor {id: id}) WHERE c.studyCount > 0 RETURN collect([c.id, c.studyCount]) AS predictors }
RETURN conditions, interventions, outcomeConcepts, predictors`;

/** Per label, the studies that hold concept `c`: for a condition, through its narrower conditions. */
export const HOLDERS = perLabel((label) => heldPath(label, 's:Study', 'c'));

/** One statement per concept label, written by `statement` for each. */
function perLabel(statement: (label: ConceptLabel) => string): Record<ConceptLabel, string> {
  return Object.fromEntries(CONCEPT_LABELS.map((label) => [label, statement(label)])) as Record<ConceptLabel, string>;
}

/** Per label: the studies that hold one of the given concepts (a condition through its narrower ones). */
export const STUDIES_HOLDING = perLabel(
  (label) =>
    `UNWIND $ids AS id
     MATCH (c:${label} {id: id})
     MATCH ${HOLDERS[label]}
     RETURN DISTINCT s.id AS id`,
);

/**
 * Per label: write-locks the given concepts (keys in order, so that concurrent imports lock them
 * in the same order). Taken on the rare concepts of a written study before it is ranked: two
 * imports that share a rare concept are serialized from there on, so the second ranks with the
 * first one's study in the graph.
 */
export const LOCK_CONCEPTS = perLabel(
  (label) =>
    `UNWIND $ids AS id
     MATCH (c:${label} {id: id})
     SET c.relatedLock = true
     REMOVE c.relatedLock`,
);

/** Per label: counts again the studies that hold each of the given concepts (locked first) and stores it as `studyCount`: for rare concepts, at most RARE_HOLDERS_MAX + 1 holders each. */
export const RECOUNT = perLabel(
  (label) =>
    `UNWIND $ids AS id
     MATCH (c:${label} {id: id})
     SET c.studyCount = COUNT { MATCH ${HOLDERS[label]} RETURN DISTINCT s }`,
);

/**
 * Per label: adds `delta` to the `studyCount` of each concept of `$rows` ([{id, delta}], keys in
 * order). The right-hand side reads the property it sets, so Neo4j write-locks each node before
 * reading it: concurrent additions are not lost. Run last in a transaction, so that the lock on
 * a common concept is held only until the commit.
 */
export const ADD_COUNTS = perLabel(
  (label) =>
    `UNWIND $rows AS row
     MATCH (c:${label} {id: row.id})
     SET c.studyCount = coalesce(c.studyCount, 0) + row.delta`,
);

/** The keys of the concepts study `s` holds, by label (its conditions with their ancestors): a map, read before it is deleted. */
export const HELD_BY = (s: string) => `{
  ${CONCEPT_LABELS.map((label) => `${label}: COLLECT { MATCH ${heldPath(label, s, `_c:${label}`)} RETURN DISTINCT _c.id }`).join(',\n  ')}
}`;

/**
 * Takes a deleted study off the counts of the concepts in variable `held` (a HELD_BY map), once it
 * is gone: a concept that stays common loses one (`studyCount` - 1, the node locked as it is
 * read); one that is or becomes rare is locked and counted again (at most RARE_HOLDERS_MAX holders), which
 * also mends a count left wrong by a study deleted without this statement.
 */
export const RECOUNT_HELD = CONCEPT_LABELS.map(
  (label) => `CALL (held) {
  UNWIND held.${label} AS key
  MATCH (c:${label} {id: key})
  WITH c, coalesce(c.studyCount, 0) > ${RARE_HOLDERS_MAX + 1} AS common
  CALL (c, common) {
    WITH c WHERE common
    SET c.studyCount = c.studyCount - 1
  }
  CALL (c, common) {
    WITH c WHERE NOT common
    SET c.relatedLock = true
    REMOVE c.relatedLock
    SET c.studyCount = COUNT { MATCH ${HOLDERS[label]} RETURN DISTINCT s }
  }
}`,
).join('\n');

/** Per label: sets every concept's study count from `$counts` (key → count; absent = 0), for the rebuild. */
export const SET_COUNTS = perLabel(
  (label) =>
    `MATCH (c:${label})
     WITH c, toInteger(coalesce($counts[c.id], 0)) AS n
     WHERE c.studyCount IS NULL OR c.studyCount <> n
     SET c.studyCount = n`,
);

/** Write-locks the given studies (in key order) before their lists are read and rewritten. */
export const LOCK_STUDIES = `
UNWIND $ids AS id
MATCH (s:Study {id: id})
SET s.relatedLock = true
REMOVE s.relatedLock`;

/** The studies whose full lists hold one of the given studies: they must be recomputed when it changes or goes. */
export const FULL_LISTS_HOLDING = `
UNWIND $ids AS id
MATCH (o:Study)-[:RELATED]->(:Study {id: id})
WHERE o.relatedFloor IS NOT NULL
RETURN DISTINCT o.id AS id`;

/** Removes every RELATED relationship from or to the given studies. */
export const DETACH_RELATED = `
UNWIND $ids AS id
MATCH (:Study {id: id})-[r:RELATED]-()
DELETE r`;

/**
 * Replaces the lists of the given studies: `$lists` is [{id, floor, edges: [{to, props}]}], the
 * edges best first; `floor` is the score of the last one when the list is full, else null. An
 * entry already stored is kept as it is (what two unchanged studies share does not change; its
 * stored score is that of the moment it was written), the others are removed or created.
 */
export const WRITE_LISTS = `
UNWIND $lists AS list
MATCH (s:Study {id: list.id})
SET s.relatedFloor = list.floor
WITH s, list, [edge IN list.edges | edge.to] AS targets
CALL (s, targets) {
  MATCH (s)-[r:RELATED]->(o:Study)
  WHERE NOT o.id IN targets
  DELETE r
}
CALL (s, list) {
  WITH s, list, COLLECT { MATCH (s)-[:RELATED]->(o:Study) RETURN o.id } AS kept
  UNWIND list.edges AS edge
  WITH s, edge, kept
  WHERE NOT edge.to IN kept
  MATCH (o:Study {id: edge.to})
  CREATE (s)-[r:RELATED]->(o)
  SET r = edge.props
}
RETURN count(*) AS written`;

/**
 * Puts newly written studies into the lists of others (`$rows`: [{from, to, props}]) where they
 * reach the list's floor (or the list is not full), then cuts each list touched back to `$k`,
 * best first (ties by key), and records its new floor. The lists were locked by LOCK_STUDIES.
 */
export const INSERT_INTO_LISTS = `
UNWIND $rows AS row
MATCH (o:Study {id: row.from}), (s:Study {id: row.to})
WHERE o.relatedFloor IS NULL OR row.props.score >= o.relatedFloor
MERGE (o)-[r:RELATED]->(s)
SET r = row.props
WITH DISTINCT o
CALL (o) {
  MATCH (o)-[r:RELATED]->(x:Study)
  WITH r, x ORDER BY r.score DESC, x.id ASC
  WITH collect(r) AS kept
  FOREACH (r IN kept[$k..] | DELETE r)
  SET o.relatedFloor = CASE WHEN size(kept) >= $k THEN kept[$k - 1].score END
}
RETURN count(*) AS touched`;
