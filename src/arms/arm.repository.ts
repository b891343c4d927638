export const ARMS_BY_ID = `
UNWIND $ids AS id
MATCH (a:Arm {id: id})
RETURN id AS key, a {.*} AS node`;

export const ARMS_OF_STUDIES = `
UNWIND $ids AS id
MATCH (:Study {id: id})-[:HAS_ARM]->(a:Arm)
RETURN id AS key, a {.*} AS node
ORDER BY a.position`;

/** The interventions an arm receives, with the arm's dose, route and schedule (properties of RECEIVES). */
export const INTERVENTIONS_OF_ARMS = `
UNWIND $ids AS id
MATCH (:Arm {id: id})-[r:RECEIVES]->(i:Intervention)
RETURN id AS key, {intervention: i {.*}, dose: r.dose, route: r.route, schedule: r.schedule} AS node
ORDER BY i.name`;

export const ARMS_OF_INTERVENTIONS = `
UNWIND $ids AS id
MATCH (:Intervention {id: id})<-[:RECEIVES]-(a:Arm)
RETURN id AS key, a {.*} AS node
ORDER BY a.studyId, a.position`;

/** The arm a measurement or adverse-event result belongs to (none for the whole cohort). */
export const ARM_OF_PARTS = `
UNWIND $ids AS id
MATCH (:StudyPart {id: id})-[:OF_ARM]->(a:Arm)
RETURN id AS key, a {.*} AS node`;
