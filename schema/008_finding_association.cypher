// (:PredictorFinding)-[:ASSOCIATED_WITH]->(:Predictor) beside OF_PREDICTOR when the finding
// reports an association, so that a predictor's associated findings are its ASSOCIATED_WITH
// degree (read from the count store of a dense node, not by visiting every finding:
// predictorEvidence's counts). src/seeds/seed.plan.ts writes it with every finding; this adds
// it to those stored before.
MATCH (f:PredictorFinding)-[:OF_PREDICTOR]->(p:Predictor) WHERE f.associated AND NOT (f)-[:ASSOCIATED_WITH]->(p) CALL (f, p) { MERGE (f)-[:ASSOCIATED_WITH]->(p) } IN TRANSACTIONS OF 10000 ROWS;
