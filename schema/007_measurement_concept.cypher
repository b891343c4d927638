// (:Measurement)-[:OF_CONCEPT]->(:OutcomeConcept): the concept of the measurement's outcome,
// linked directly, so that the measurements of a concept are its OF_CONCEPT degree (read from
// the count store of a dense node, not by visiting every outcome: compareOutcome's totalCount).
// src/seeds/seed.plan.ts writes it with every measurement; this adds it to those stored before.
MATCH (c:OutcomeConcept)<-[:MEASURES]-(:Outcome)-[:HAS_MEASUREMENT]->(m:Measurement) WHERE NOT (m)-[:OF_CONCEPT]->(c) CALL (m, c) { MERGE (m)-[:OF_CONCEPT]->(c) } IN TRANSACTIONS OF 10000 ROWS;
