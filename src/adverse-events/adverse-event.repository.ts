export const ADVERSE_EVENTS_OF_STUDIES = `
UNWIND $ids AS id
MATCH (:Study {id: id})-[:HAS_ADVERSE_EVENT]->(a:AdverseEventResult)
RETURN id AS key, a {.*} AS node
ORDER BY a.position`;

export const ADVERSE_EVENTS_OF_ARMS = `
UNWIND $ids AS id
MATCH (:Arm {id: id})<-[:OF_ARM]-(a:AdverseEventResult)
RETURN id AS key, a {.*} AS node
ORDER BY a.position`;
