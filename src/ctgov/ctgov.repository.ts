// Cypher of the ClinicalTrials.gov importer; every value is a parameter.

/**
 * The catalog an import matches against: every condition, intervention and outcome concept with
 * its names, codes (the parallel lists src/seeds/seed.plan.ts stores) and IS_A parents, and the
 * studies that hold one of `$nctIds`.
 */
export const READ_CATALOG = `
CALL {
  MATCH (c:Condition)
  RETURN collect({id: c.id, name: c.name, synonyms: coalesce(c.synonyms, []), codes: coalesce(c.codes, []), codeDisplays: coalesce(c.codeDisplays, []),
                  codeSources: coalesce(c.codeSources, []), curation: coalesce(c.curation, 'CURATED'), kind: c.kind,
                  broader: COLLECT { MATCH (c)-[:IS_A]->(b:Condition) RETURN b.id ORDER BY b.id }}) AS conditions
}
CALL {
  MATCH (c:Intervention)
  RETURN collect({id: c.id, name: c.name, synonyms: coalesce(c.synonyms, []), codes: coalesce(c.codes, []), codeDisplays: coalesce(c.codeDisplays, []),
                  codeSources: coalesce(c.codeSources, []), curation: coalesce(c.curation, 'CURATED'), kind: c.kind,
                  broader: COLLECT { MATCH (c)-[:IS_A]->(b:Intervention) RETURN b.id ORDER BY b.id }}) AS interventions
}
CALL {
  MATCH (c:OutcomeConcept)
  RETURN collect({id: c.id, name: c.name, synonyms: coalesce(c.synonyms, []), codes: coalesce(c.codes, []), codeDisplays: coalesce(c.codeDisplays, []),
                  codeSources: coalesce(c.codeSources, []), curation: coalesce(c.curation, 'CURATED'), abbreviation: c.abbreviation,
                  broader: COLLECT { MATCH (c)-[:IS_A]->(b:OutcomeConcept) RETURN b.id ORDER BY b.id }}) AS outcomeConcepts
}
CALL {
  MATCH (s:Study) WHERE any(id IN coalesce(s.registryIds, []) WHERE id IN $nctIds)
  RETURN collect({id: s.id, origin: coalesce(s.origin, 'CURATED'), registryIds: s.registryIds}) AS studies
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
