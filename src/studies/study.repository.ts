// Cypher of study reads. Every value is a parameter; the ORDER BY clauses come from the
// allow-list STUDY_ORDER (GraphQL enum values), never from client text.

export const STUDIES_BY_ID = `
UNWIND $ids AS id
MATCH (s:Study {id: id})
RETURN id AS key, s {.*} AS node`;

/** Sort keys of `studies`: the StudySortField enum values, each mapped to a fixed ORDER BY. */
export const STUDY_ORDER = {
  // Studies without the value come last in both directions.
  YEAR: { ASC: 's.year IS NULL, s.year ASC, s.id ASC', DESC: 's.year IS NULL, s.year DESC, s.id ASC' },
  ENROLMENT: { ASC: 's.enrolment IS NULL, s.enrolment ASC, s.id ASC', DESC: 's.enrolment IS NULL, s.enrolment DESC, s.id ASC' },
  TITLE: { ASC: 'toLower(s.title) ASC, s.id ASC', DESC: 'toLower(s.title) DESC, s.id ASC' },
} as const;
export type StudySortField = keyof typeof STUDY_ORDER;
export type SortDirection = 'ASC' | 'DESC';

const STUDY_FILTER = `
MATCH (s:Study)
WHERE ($registryId IS NULL OR $registryId IN s.registryIds)
  AND ($phases IS NULL OR s.phase IN $phases)
  AND ($allocation IS NULL OR s.allocation = $allocation)
  AND ($masking IS NULL OR s.masking = $masking)
  AND ($designFeatures IS NULL OR all(f IN $designFeatures WHERE f IN s.designFeatures))
  AND ($yearFrom IS NULL OR s.year >= $yearFrom)
  AND ($yearTo IS NULL OR s.year <= $yearTo)
  AND ($conditions IS NULL OR EXISTS {
    MATCH (s)-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(c:Condition)-[:IS_A*0..]->(target:Condition)
    WHERE target.id IN $conditions AND ($includeNarrower OR c.id IN $conditions)
  })
  AND ($interventions IS NULL OR EXISTS {
    MATCH (s)-[:HAS_ARM]->(:Arm)-[:RECEIVES]->(i:Intervention) WHERE i.id IN $interventions
  })
  AND ($outcomeConcepts IS NULL OR EXISTS {
    MATCH (s)-[:HAS_OUTCOME]->(:Outcome)-[:MEASURES]->(o:OutcomeConcept) WHERE o.id IN $outcomeConcepts
  })
  AND ($predictors IS NULL OR EXISTS {
    MATCH (s)-[:HAS_FINDING]->(:PredictorFinding)-[:OF_PREDICTOR]->(p:Predictor) WHERE p.id IN $predictors
  })`;

/** One page of filtered studies and the total, per sort key and direction: one round trip. */
export const STUDIES_PAGE = Object.fromEntries(
  Object.entries(STUDY_ORDER).map(([field, dirs]) => [
    field,
    Object.fromEntries(
      Object.entries(dirs).map(([dir, order]) => [
        dir,
        `${STUDY_FILTER}
WITH s ORDER BY ${order}
WITH collect(s) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x {.*}] AS nodes`,
      ]),
    ),
  ]),
) as Record<StudySortField, Record<SortDirection, string>>;

/**
 * A page of the studies of each concept of `$ids` (for the paged loaders): `match` binds `s`
 * from the concept `id`; studies come by title, then key, with their total.
 */
export const studiesPageOf = (match: string) => `
UNWIND $ids AS id
CALL (id) {
  ${match}
  WITH DISTINCT s ORDER BY s.title, s.id
  RETURN collect(s) AS matched
}
RETURN id AS key, size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x {.*}] AS nodes`;

export const PUBLICATIONS_OF_STUDIES = `
UNWIND $ids AS id
MATCH (:Study {id: id})-[r:REPORTED_IN]->(p:Publication)
RETURN id AS key, p {.*, role: r.role} AS node
ORDER BY r.role DESC, p.year, p.id`;

/** Everything two studies share, per kind, for `relatedStudies`; conditions with their ancestors' keys. */
export const RELATED_STUDIES = `
MATCH (s:Study {id: $id})
CALL (s) {
  MATCH (s)-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(:Condition)-[:IS_A*0..]->(c:Condition)
  WITH DISTINCT s, c
  MATCH (c)<-[:IS_A*0..]-(:Condition)<-[:HAS_CONDITION]-(:Population)<-[:HAS_POPULATION]-(other:Study)
  WHERE other <> s
  RETURN DISTINCT other, 'CONDITION' AS kind, c AS concept
  UNION
  MATCH (s)-[:HAS_ARM]->(a:Arm)-[:RECEIVES]->(i:Intervention)<-[:RECEIVES]-(b:Arm)<-[:HAS_ARM]-(other:Study)
  WHERE other <> s
  // One entry per shared intervention: a comparator only when no pair of arms receiving it has an experimental arm.
  WITH other, i, collect(a.role <> 'EXPERIMENTAL' AND b.role <> 'EXPERIMENTAL') AS bothComparators
  RETURN other, CASE WHEN all(c IN bothComparators WHERE c) THEN 'COMPARATOR' ELSE 'INTERVENTION' END AS kind, i AS concept
  UNION
  MATCH (s)-[:HAS_OUTCOME]->(:Outcome)-[:MEASURES]->(o:OutcomeConcept)<-[:MEASURES]-(:Outcome)<-[:HAS_OUTCOME]-(other:Study)
  WHERE other <> s
  RETURN DISTINCT other, 'OUTCOME_CONCEPT' AS kind, o AS concept
  UNION
  MATCH (s)-[:HAS_FINDING]->(:PredictorFinding)-[:OF_PREDICTOR]->(p:Predictor)<-[:OF_PREDICTOR]-(:PredictorFinding)<-[:HAS_FINDING]-(other:Study)
  WHERE other <> s
  RETURN DISTINCT other, 'PREDICTOR' AS kind, p AS concept
}
WITH other, kind, concept, [(concept)-[:IS_A*1..]->(a:Condition) | a.id] AS ancestors
RETURN other {.*} AS study, collect({kind: kind, id: concept.id, name: concept.name, ancestors: ancestors}) AS shared`;

export const STUDY_EXISTS = `MATCH (s:Study {id: $id}) RETURN s.id AS id`;
