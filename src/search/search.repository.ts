/**
 * Ranked full-text hits over the `search_text` index (schema/003_fulltext.cypher), best first,
 * each with the label of what it found; the caller projects `node` for the selection.
 */
export const SEARCH = `
CALL db.index.fulltext.queryNodes('search_text', $query, {limit: $limit})
YIELD node, score
WITH node, score, [l IN labels(node) WHERE l IN ['Study', 'Intervention', 'Condition', 'OutcomeConcept', 'Outcome', 'Predictor']][0] AS kind
ORDER BY score DESC, node.id`;
