import { studiesPageOf } from '../studies/study.repository';

export const OUTCOMES_BY_ID = `
UNWIND $ids AS id
MATCH (o:Outcome {id: id})
RETURN id AS key, o {.*} AS node`;

export const OUTCOME_CONCEPTS_BY_ID = `
UNWIND $ids AS id
MATCH (c:OutcomeConcept {id: id})
RETURN id AS key, c {.*} AS node`;

export const OUTCOMES_OF_STUDIES = `
UNWIND $ids AS id
MATCH (:Study {id: id})-[:HAS_OUTCOME]->(o:Outcome)
RETURN id AS key, o {.*} AS node
ORDER BY o.position`;

export const CONCEPTS_OF_OUTCOMES = `
UNWIND $ids AS id
MATCH (:Outcome {id: id})-[:MEASURES]->(c:OutcomeConcept)
RETURN id AS key, c {.*} AS node`;

export const MEASUREMENTS_OF_OUTCOMES = `
UNWIND $ids AS id
MATCH (:Outcome {id: id})-[:HAS_MEASUREMENT]->(m:Measurement)
RETURN id AS key, m {.*} AS node
ORDER BY m.position`;

export const MEASUREMENTS_OF_ARMS = `
UNWIND $ids AS id
MATCH (:Arm {id: id})<-[:OF_ARM]-(m:Measurement)
RETURN id AS key, m {.*} AS node
ORDER BY m.id`;

export const COMPARISONS_OF_OUTCOMES = `
UNWIND $ids AS id
MATCH (:Outcome {id: id})-[:HAS_COMPARISON]->(c:Comparison)
MATCH (c)-[:TREATMENT_ARM]->(t:Arm), (c)-[:REFERENCE_ARM]->(r:Arm)
RETURN id AS key, c {.*, treatmentArmId: t.id, referenceArmId: r.id} AS node
ORDER BY c.position`;

/** The outcome a measurement or comparison belongs to. */
export const OUTCOME_OF_PARTS = `
UNWIND $ids AS id
MATCH (:StudyPart {id: id})<-[:HAS_MEASUREMENT|HAS_COMPARISON]-(o:Outcome)
RETURN id AS key, o {.*} AS node`;

export const STUDIES_OF_OUTCOME_CONCEPTS = studiesPageOf(`MATCH (:OutcomeConcept {id: id})<-[:MEASURES]-(:Outcome)<-[:HAS_OUTCOME]-(s:Study)`);

/**
 * The cross-study table of one outcome concept: a row per measurement, with its study,
 * outcome and arm, optionally narrowed by condition (with narrower ones), statistic and time point.
 */
export const COMPARE_OUTCOME = `
MATCH (oc:OutcomeConcept {id: $concept})<-[:MEASURES]-(o:Outcome)<-[:HAS_OUTCOME]-(s:Study)
WHERE $condition IS NULL OR EXISTS {
  MATCH (s)-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(c:Condition)-[:IS_A*0..]->(target:Condition {id: $condition})
  WHERE $includeNarrower OR c = target
}
MATCH (o)-[:HAS_MEASUREMENT]->(m:Measurement)
WHERE ($statistic IS NULL OR m.statistic = $statistic)
  AND ($timePointMonths IS NULL OR m.timePointMonths = $timePointMonths)
OPTIONAL MATCH (m)-[:OF_ARM]->(a:Arm)
WITH s, o, m, a ORDER BY s.year, s.id, o.position, coalesce(a.position, -1), m.position
WITH collect({study: s {.*}, outcome: o {.*}, measurement: m {.*}, arm: a {.*}}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $limit)] AS page`;

export const OUTCOME_CONCEPT_EXISTS = `MATCH (c:OutcomeConcept {id: $id}) RETURN c.id AS id`;
