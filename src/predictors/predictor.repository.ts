import { studiesPageOf } from '../studies/study.repository';

export const PREDICTORS_BY_ID = `
UNWIND $ids AS id
MATCH (p:Predictor {id: id})
RETURN id AS key, p {.*} AS node`;

export const FINDINGS_OF_STUDIES = `
UNWIND $ids AS id
MATCH (:Study {id: id})-[:HAS_FINDING]->(f:PredictorFinding)
RETURN id AS key, f {.*} AS node
ORDER BY f.position`;

export const FINDINGS_OF_OUTCOMES = `
UNWIND $ids AS id
MATCH (:Outcome {id: id})<-[:FOR_OUTCOME]-(f:PredictorFinding)
RETURN id AS key, f {.*} AS node
ORDER BY f.position`;

export const FINDINGS_OF_PREDICTORS = `
UNWIND $ids AS id
MATCH (:Predictor {id: id})<-[:OF_PREDICTOR]-(f:PredictorFinding)
RETURN id AS key, f {.*} AS node
ORDER BY f.studyId, f.position`;

export const PREDICTOR_OF_FINDINGS = `
UNWIND $ids AS id
MATCH (:PredictorFinding {id: id})-[:OF_PREDICTOR]->(p:Predictor)
RETURN id AS key, p {.*} AS node`;

export const OUTCOME_OF_FINDINGS = `
UNWIND $ids AS id
MATCH (:PredictorFinding {id: id})-[:FOR_OUTCOME]->(o:Outcome)
RETURN id AS key, o {.*} AS node`;

export const STUDIES_OF_PREDICTORS = studiesPageOf(`MATCH (:Predictor {id: id})<-[:OF_PREDICTOR]-(:PredictorFinding)<-[:HAS_FINDING]-(s:Study)`);

/** Every finding about one predictor across studies, optionally only (not) associated ones, with counts. */
export const PREDICTOR_EVIDENCE = `
MATCH (p:Predictor {id: $id})
OPTIONAL MATCH (p)<-[:OF_PREDICTOR]-(f:PredictorFinding)<-[:HAS_FINDING]-(s:Study)
WITH p, f, s ORDER BY s.year, s.id, f.position
WITH p, collect(f) AS matched, collect(DISTINCT s.id) AS studies
WITH p, matched, studies, [f IN matched WHERE $associated IS NULL OR f.associated = $associated] AS selected
RETURN p {.*} AS predictor,
       size([f IN matched WHERE f.associated]) AS associatedCount,
       size([f IN matched WHERE NOT f.associated]) AS notAssociatedCount,
       size(studies) AS studyCount,
       size(selected) AS total,
       [f IN selected[$offset..($offset + $limit)] | f {.*}] AS nodes`;
