// Cypher of the change log (schema/013_change_events.cypher): every value a parameter; the only
// identifiers are the labels and relationship types written here and in holding.repository.ts.
import { heldPath } from '../studies/holding.repository';

/**
 * The keys a study's event can be found by, read from the graph as it stands in the write's
 * transaction: the study, each condition and intervention it holds with their broader ones (IS_A:
 * a study of midgut NET is found by "condition:gep-net", one of octreotide LAR by
 * "intervention:somatostatin-analogue").
 */
const STUDY_KEYS = (s: string) =>
  `['study:' + ${s}.id]
    + COLLECT { MATCH ${heldPath('Condition', s, 'c')} RETURN DISTINCT 'condition:' + c.id }
    + COLLECT { MATCH ${heldPath('Intervention', s, 'i')} RETURN DISTINCT 'intervention:' + i.id }`;

/**
 * What a study about to be deleted leaves to its DELETED event: its title, its keys, and
 * `related:<x>` for each study x whose related list holds it (so that `relatedTo: x` still finds
 * the deletion once the list has lost it).
 */
export const KEYS_BEFORE_DELETE = `
UNWIND $ids AS id
MATCH (s:Study {id: id})
RETURN s.id AS id, s.title AS title, s.acronym AS acronym,
  ${STUDY_KEYS('s')}
    + COLLECT { MATCH (x:Study)-[:RELATED]->(s) RETURN 'related:' + x.id } AS keys`;

/**
 * Writes the events of one transaction, last in it (see beforeCommit, src/db/executor.ts). The
 * SET of the counter reads the property it writes, so Neo4j takes the counter's write lock before
 * reading it, and holds it until the commit: transactions that write events take their numbers
 * and commit one at a time, so a number is visible only once every smaller one is (or was rolled
 * back, and with it its increment). Each event gets the keys of its study (those given for a
 * deleted study) and of its kinds, each key also one ChangeKey node for the index.
 */
export const WRITE_CHANGES = `
MERGE (log:ChangeLog {id: 'changes'}) ON CREATE SET log.seq = 0
SET log.seq = log.seq + size($rows)
WITH log.seq - size($rows) AS base
UNWIND range(0, size($rows) - 1) AS i
WITH base + i + 1 AS seq, $rows[i] AS row
OPTIONAL MATCH (s:Study {id: row.props.studyId})
WITH seq, row, s, CASE WHEN s IS NULL THEN [] ELSE ${STUDY_KEYS('s')} END AS found
WITH seq, row, s, COLLECT { UNWIND found + row.keys + [k IN row.props.kinds | 'kind:' + k] AS k RETURN DISTINCT k } AS keys
CREATE (e:ChangeEvent)
SET e = row.props, e.seq = seq, e.at = toString(datetime.transaction('Z')), e.keys = keys,
  e.studyTitle = coalesce(s.title, row.props.studyTitle), e.studyAcronym = coalesce(s.acronym, row.props.studyAcronym)
WITH e
UNWIND e.keys AS key
CREATE (:ChangeKey {key: key, seq: e.seq, studyId: e.studyId})
RETURN count(*) AS keys`;

/** The last sequence number handed out (0 for an empty log): where a tail starts. */
export const HEAD = `
OPTIONAL MATCH (log:ChangeLog {id: 'changes'})
RETURN coalesce(log.seq, 0) AS head`;

/**
 * The tail's read: the events after `$after` in sequence order (an index range on
 * ChangeEvent.seq), at most `$limit`, with the current related lists of the studies that live
 * subscriptions follow (`$relatedTo`), which tell which studies an event must concern for them.
 */
export const TAIL = `
CALL () {
  MATCH (e:ChangeEvent) WHERE e.seq > $after
  WITH e ORDER BY e.seq LIMIT $limit
  RETURN collect(e {.*}) AS events
}
CALL () {
  UNWIND $relatedTo AS x
  OPTIONAL MATCH (s:Study {id: x})
  RETURN collect({id: x, related: COLLECT { MATCH (s)-[:RELATED]->(r:Study) RETURN r.id }}) AS lists
}
RETURN events, CASE WHEN size(events) = 0 THEN [] ELSE lists END AS lists`;

/** The keys of `relatedTo`: the study, each study of its related list now, and the deletions its list saw. */
export const RELATED_KEYS = (x: string) =>
  `['study:' + ${x}, 'related:' + ${x}] + COLLECT { MATCH (:Study {id: ${x}})-[:RELATED]->(r:Study) RETURN 'study:' + r.id }`;

type Direction = 'ASC' | 'DESC';

/**
 * A page of the whole log after `$after` (and before `$before`), by sequence: an index range on
 * ChangeEvent.seq, in index order, stopped at `$limit`. `projection` is the selection's map
 * projection of `e` (src/graphql/translate).
 */
export const PAGE_ALL = (direction: Direction, projection: string) => `
MATCH (e:ChangeEvent) WHERE e.seq > $after AND e.seq < $before
WITH e ORDER BY e.seq ${direction} LIMIT $limit
RETURN collect(${projection}) AS events`;

/**
 * A page of the filtered log. Each filter field gives a list of keys (OR within a field); an event
 * must hold a key of every field (AND across fields). The first field's keys drive: each key's
 * posting list is read from the composite index ChangeKey(key, seq) in sequence order, its events
 * tested against the other fields (\`$tests\`, or the related keys computed here), each list
 * stopped at \`$limit\`; the lists are merged by sequence and cut again.
 */
export const PAGE_FILTERED = (direction: Direction, projection: string) => `
WITH CASE WHEN $relatedTo IS NULL THEN null ELSE ${RELATED_KEYS('$relatedTo')} END AS related
WITH [f IN [$studies, related, $interventions, $conditions, $kinds] WHERE f IS NOT NULL] AS fields
WITH fields[0] AS drive, fields[1..] AS tests
CALL (drive, tests) {
  UNWIND drive AS key
  CALL (key, tests) {
    MATCH (k:ChangeKey) WHERE k.key = key AND k.seq > $after AND k.seq < $before
    // In the index's own order (key, seq): Neo4j then reads the list in order and stops at the
    // LIMIT; ordered by seq alone, it reads the whole range and sorts it.
    WITH k ORDER BY k.key ${direction}, k.seq ${direction}
    MATCH (e:ChangeEvent {seq: k.seq})
    WHERE all(test IN tests WHERE any(x IN test WHERE x IN e.keys))
    RETURN e LIMIT $limit
  }
  WITH DISTINCT e
  ORDER BY e.seq ${direction} LIMIT $limit
  RETURN collect(${projection}) AS events
}
RETURN events`;
