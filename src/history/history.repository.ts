// Cypher of the versions of a study: every value a parameter.

/** The latest version of each study given: the base its next version is compared with. */
export const LATEST_VERSIONS = `
UNWIND $ids AS id
OPTIONAL MATCH (:Study {id: id})-[:HAS_VERSION]->(v:StudyVersion)
WITH id, v ORDER BY v.version DESC
WITH id, head(collect(v)) AS v
RETURN id, v.version AS version, v.document AS document, v.source AS source`;

/**
 * Writes one version per row beside its study, at the transaction's time, and keeps the study's
 * `versionCount` and `lastChangedAt` (read by Study.versionCount and Study.lastChangedAt).
 */
export const WRITE_VERSIONS = `
UNWIND $rows AS row
MATCH (s:Study {id: row.studyId})
CREATE (s)-[:HAS_VERSION]->(v:StudyVersion)
SET v = row.props, v.at = toString(datetime.transaction('Z'))
SET s.versionCount = v.version, s.lastChangedAt = v.at
RETURN count(v) AS written`;
