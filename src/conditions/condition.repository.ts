import { studiesPageOf } from '../studies/study.repository';

export const CONDITIONS_BY_ID = `
UNWIND $ids AS id
MATCH (c:Condition {id: id})
RETURN id AS key, c {.*} AS node`;

export const POPULATIONS_OF_STUDIES = `
UNWIND $ids AS id
MATCH (:Study {id: id})-[:HAS_POPULATION]->(p:Population)
RETURN id AS key, p {.*} AS node`;

export const CONDITIONS_OF_POPULATIONS = `
UNWIND $ids AS id
MATCH (:Population {id: id})-[:HAS_CONDITION]->(c:Condition)
RETURN id AS key, c {.*} AS node
ORDER BY c.name`;

export const BROADER_CONDITIONS = `
UNWIND $ids AS id
MATCH (:Condition {id: id})-[:IS_A]->(c:Condition)
RETURN id AS key, c {.*} AS node
ORDER BY c.name`;

export const NARROWER_CONDITIONS = `
UNWIND $ids AS id
MATCH (:Condition {id: id})<-[:IS_A]-(c:Condition)
RETURN id AS key, c {.*} AS node
ORDER BY c.name`;

/** All broader conditions up to the roots, nearest first. */
export const ANCESTOR_CONDITIONS = `
UNWIND $ids AS id
MATCH path = (:Condition {id: id})-[:IS_A*1..]->(c:Condition)
WITH id, c, min(length(path)) AS distance
RETURN id AS key, c {.*} AS node
ORDER BY distance, c.name`;

/** A page of the studies of each condition; with $narrower, also those of narrower conditions. */
export const STUDIES_OF_CONDITIONS = studiesPageOf(`MATCH (target:Condition {id: id})<-[:IS_A*0..]-(c:Condition)<-[:HAS_CONDITION]-(:Population)<-[:HAS_POPULATION]-(s:Study)
  WHERE $narrower OR c = target`);
