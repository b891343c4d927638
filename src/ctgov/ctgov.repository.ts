// Cypher of the ClinicalTrials.gov importer; every value is a parameter.

/**
 * The concepts an import may join: the curated ones, and those created by imports under its key
 * prefix (`$prefix`, '' when none). An import under a prefix is a sandbox beside the curated graph;
 * it never joins the concepts of another prefix's imports, which it does not own.
 */
const JOINABLE = `(coalesce(c.curation, 'CURATED') <> 'IMPORTED_UNREVIEWED' OR c.id STARTS WITH $prefix)`;

/**
 * A concept's key and name, each read once, and the concept left out when either is missing: a
 * read sees what other transactions commit while it runs, and a concept deleted after the scan
 * found it has no properties left. The studies below are read so too.
 */
const PRESENT = 'WITH c, c.id AS id, c.name AS name WHERE id IS NOT NULL AND name IS NOT NULL';

/**
 * The catalog an import matches against: every condition, intervention and outcome concept it may join (JOINABLE), with
 * its names, codes (the parallel lists src/seeds/seed.plan.ts stores) and IS_A parents, and the
 * studies that hold one of `$nctIds`.
 */
export const READ_CATALOG = `
CALL {
  MATCH (c:Condition) WHERE ${JOINABLE}
  ${PRESENT}
  RETURN collect({id: id, name: name, synonyms: coalesce(c.synonyms, []), codes: coalesce(c.codes, []), codeDisplays: coalesce(c.codeDisplays, []),
                  codeSources: coalesce(c.codeSources, []), curation: coalesce(c.curation, 'CURATED'), kind: c.kind,
                  broader: COLLECT { MATCH (c)-[:IS_A]->(b:Condition) RETURN b.id ORDER BY b.id }}) AS conditions
}
CALL {
  MATCH (c:Intervention) WHERE ${JOINABLE}
  ${PRESENT}
  RETURN collect({id: id, name: name, synonyms: coalesce(c.synonyms, []), codes: coalesce(c.codes, []), codeDisplays: coalesce(c.codeDisplays, []),
                  codeSources: coalesce(c.codeSources, []), curation: coalesce(c.curation, 'CURATED'), kind: c.kind,
                  broader: COLLECT { MATCH (c)-[:IS_A]->(b:Intervention) RETURN b.id ORDER BY b.id }}) AS interventions
}
CALL {
  MATCH (c:OutcomeConcept) WHERE ${JOINABLE}
  ${PRESENT}
  RETURN collect({id: id, name: name, synonyms: coalesce(c.synonyms, []), codes: coalesce(c.codes, []), codeDisplays: coalesce(c.codeDisplays, []),
                  codeSources: coalesce(c.codeSources, []), curation: coalesce(c.curation, 'CURATED'), abbreviation: c.abbreviation,
                  broader: COLLECT { MATCH (c)-[:IS_A]->(b:OutcomeConcept) RETURN b.id ORDER BY b.id }}) AS outcomeConcepts
}
CALL {
  MATCH (s:Study)
  WITH s, s.id AS id, s.registryIds AS registryIds
  WHERE id IS NOT NULL AND any(nctId IN coalesce(registryIds, []) WHERE nctId IN $nctIds)
  RETURN collect({id: id, origin: coalesce(s.origin, 'CURATED'), registryIds: registryIds}) AS studies
}
RETURN conditions, interventions, outcomeConcepts, studies`;

/**
 * Attaches a registry record to a curated study as a second source: the record's Document
 * (created, or updated to the record's latest version) and (:Study)-[:HAS_RECORD]->(:Document).
 * The study itself is not touched. `changed` tells whether anything was written.
 */
export const ATTACH_RECORD = `
MATCH (s:Study {id: $studyId})
MERGE (d:Document {id: $document.id})
WITH s, d, coalesce(d.recordLastUpdated, '') <> coalesce($document.recordLastUpdated, '') OR coalesce(d.title, '') <> $document.title OR NOT EXISTS { (s)-[:HAS_RECORD]->(d) } AS changed
SET d += $document
MERGE (s)-[:HAS_RECORD]->(d)
RETURN changed`;

/**
 * Per label: appends MeSH codes (`SYSTEM:code`, with name and source in the parallel lists) that
 * a concept does not hold yet. The node is write-locked before its codes are read, so that two
 * imports adding codes to one concept at once both keep theirs; nothing else of it is touched.
 */
export const ADD_CODES = Object.fromEntries(
  (['Condition', 'Intervention', 'OutcomeConcept'] as const).map((label) => [
    label,
    `UNWIND $rows AS row
     MATCH (c:${label} {id: row.id})
     SET c.codesLock = true
     REMOVE c.codesLock
     WITH c, [k IN row.codes WHERE NOT k.code IN coalesce(c.codes, [])] AS fresh
     SET c.codes = coalesce(c.codes, []) + [k IN fresh | k.code],
         c.codeDisplays = coalesce(c.codeDisplays, []) + [k IN fresh | k.display],
         c.codeSources = coalesce(c.codeSources, []) + [k IN fresh | k.source]
     RETURN count(c) AS written`,
  ]),
) as Record<'Condition' | 'Intervention' | 'OutcomeConcept', string>;

// ---------------------------------------------------------------------------------------------
// The registry sync (src/ctgov/ctgov.sync.ts): its runs, kept in the graph so that a run killed
// halfway resumes where it stopped.

/** The runs of one query: the newest completed one, and the one that is running (or was, until it stopped), if any. */
export const SYNC_RUNS = `
OPTIONAL MATCH (done:SyncRun {query: $query, status: 'COMPLETED'})
WITH done ORDER BY done.started DESC LIMIT 1
OPTIONAL MATCH (open:SyncRun {query: $query, status: 'RUNNING'})
RETURN done {.*} AS completed, open {.*} AS running`;

/**
 * The lease on syncing a query: one process at a time, whatever the number of instances. Taken
 * when free, held by this owner, or expired (its holder stopped renewing it: killed); MERGE on the
 * constrained key makes two takers wait for each other. False when another owner holds it.
 */
export const ACQUIRE_SYNC_LEASE = `
MERGE (l:SyncLease {query: $query})
ON CREATE SET l.id = $leaseId
WITH l, l.owner IS NULL OR l.owner = $owner OR l.expires < $now AS free
FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END | SET l.owner = $owner, l.expires = $now + $leaseMs)
RETURN free AS acquired, l.owner AS owner, l.expires AS expires`;

export const RELEASE_SYNC_LEASE = `
MATCH (l:SyncLease {query: $query, owner: $owner})
REMOVE l.owner, l.expires`;

/** Starts a run (status RUNNING), or marks the one given as resumed. */
export const SAVE_SYNC_RUN = `
MERGE (r:SyncRun {id: $run.id})
SET r += $run
RETURN r.id AS id`;

/** Records a run's progress after a batch is written: its position in the to-do list and its counts. */
export const ADVANCE_SYNC_RUN = `
MATCH (r:SyncRun {id: $id})
SET r += $progress
WITH r
MATCH (l:SyncLease {query: r.query, owner: $owner})
SET l.expires = $now + $leaseMs
RETURN r.position AS position`;

/**
 * What the graph holds of the listed records: each one's record document (keyed like the
 * importer's, so an index lookup) and the last-update date read, and whether a registry study
 * holds it; the listed registry studies are marked as seen by the run (and match again).
 */
export const LISTED_RECORDS = `
UNWIND $rows AS row
OPTIONAL MATCH (d:Document {id: row.documentId})
OPTIONAL MATCH (s:Study)-[:HAS_RECORD]->(d)
FOREACH (_ IN CASE WHEN s IS NOT NULL AND s.origin = 'REGISTRY_IMPORT' THEN [1] ELSE [] END |
  SET s.syncQuery = $query, s.lastSeenRun = $run REMOVE s.noLongerMatchedSince)
RETURN row.nctId AS nctId, d.recordLastUpdated AS lastUpdated, s IS NOT NULL AS stored`;

/** Marks the written registry studies as seen by the run. */
export const MARK_SEEN = `
UNWIND $ids AS id
MATCH (s:Study {id: id}) WHERE s.origin = 'REGISTRY_IMPORT'
SET s.syncQuery = $query, s.lastSeenRun = $run
REMOVE s.noLongerMatchedSince`;

/** After a full run: the registry studies a previous run of the query saw and this one did not are marked, never deleted. */
export const MARK_NO_LONGER_MATCHED = `
MATCH (s:Study {syncQuery: $query})
WHERE s.lastSeenRun <> $run AND s.noLongerMatchedSince IS NULL
SET s.noLongerMatchedSince = $today
RETURN s.id AS id`;

export const FINISH_SYNC_RUN = `
MATCH (r:SyncRun {id: $id})
SET r += $summary, r.status = 'COMPLETED', r.finished = $finished
RETURN r.id AS id`;
