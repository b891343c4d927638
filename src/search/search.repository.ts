/** Ranked full-text hits over the `search_text` index (schema/003_fulltext.cypher). */
export const SEARCH = `
CALL db.index.fulltext.queryNodes('search_text', $query, {limit: $limit})
YIELD node, score
RETURN [l IN labels(node) WHERE l IN ['Study', 'Intervention', 'Condition', 'OutcomeConcept', 'Outcome', 'Predictor']][0] AS label,
       node {.*} AS node, score
ORDER BY score DESC, node.id`;
