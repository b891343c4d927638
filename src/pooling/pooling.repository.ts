// Cypher of poolEstimates: every value a parameter, the study filters from the allow-lists of
// src/studies/study.repository.ts, the projections of the selected Study and Comparison fields
// from the translator.
import { whereAll } from '../graphql/translate/model';

/**
 * The comparisons of the concept's outcomes in the studies asked (`tests` on study `s`), one map
 * each: what the choice and the pooling read (study key, outcome role and position, comparison
 * position, measure, estimate, interval) and the projections of the selection (`study`,
 * `comparison`). No row when the concept does not exist.
 */
export const poolCandidates = (concept: string, tests: string[], study: string, comparison: string) => `
MATCH (oc:OutcomeConcept {id: ${concept}})
RETURN true AS found, COLLECT {
  MATCH (s:Study)-[:HAS_OUTCOME]->(o:Outcome)-[:MEASURES]->(oc), (o)-[:HAS_COMPARISON]->(c:Comparison)${whereAll(tests)}
  RETURN {studyId: s.id, outcomeRole: o.role, outcomePosition: o.position, id: c.id, position: c.position,
    effectMeasure: c.effectMeasure, estimate: c.estimate, ciLevel: c.ciLevel, ciLower: c.ciLower, ciUpper: c.ciUpper,
    directed: EXISTS { (c)-[:TREATMENT_ARM|TREATMENT_GROUP]->() },
    study: ${study}, comparison: ${comparison}}
} AS rows`;
