/** The evidence of any study part (arm, population, measurement, comparison, finding, adverse event). */
export const EVIDENCE_OF_PARTS = `
UNWIND $ids AS id
MATCH (:StudyPart {id: id})-[:SUPPORTED_BY]->(e:Evidence)
RETURN id AS key, e {.*} AS node
ORDER BY e.position`;

export const DOCUMENT_OF_EVIDENCE = `
UNWIND $ids AS id
MATCH (:Evidence {id: id})-[:QUOTED_FROM]->(d:Document)
RETURN id AS key, d {.*} AS node`;

export const PUBLICATION_OF_DOCUMENTS = `
UNWIND $ids AS id
MATCH (:Document {id: id})-[:REPRODUCES]->(p:Publication)
RETURN id AS key, p {.*} AS node`;

export const STUDIES_OF_PUBLICATIONS = `
UNWIND $ids AS id
MATCH (:Publication {id: id})<-[:REPORTED_IN]-(s:Study)
RETURN id AS key, s {.*} AS node
ORDER BY s.id`;
