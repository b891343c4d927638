// Cypher of compareOutcome: every value a parameter, every fragment chosen by which filters are given.
import { PatternVars, RelationDecl } from '../graphql/translate/model';
import { Statement } from '../graphql/translate/translate';

export interface CompareFilters {
  concept: string;
  condition: string | null;
  includeNarrower: boolean;
  statistic: string | null;
  timePointMonths: number | null;
}

/**
 * The rows of compareOutcome, anchored on the outcome concept (an index seek on its key), one
 * per measurement of its outcomes, ordered by study year and key, outcome position, arm
 * position (whole cohort first) and measurement position. Only the given filters appear.
 */
export function compareOutcomeDecl(stmt: Statement, f: CompareFilters): RelationDecl {
  return {
    type: 'OutcomeComparisonRow',
    cardinality: 'connection',
    match: (v: PatternVars) => rowsOf(stmt, f, v, true),
    // Each outcome has one study and each measurement at most one arm: counting needs neither
    // unless a filter reads the study.
    count: (v: PatternVars) => rowsOf(stmt, f, v, false),
    order: ({ to, aux }) => `${aux}s.year, ${aux}s.id, ${aux}o.position, coalesce(${aux}a.position, -1), ${to}.position`,
  };
}

/** The measurements of the concept's outcomes that pass the filters; with `ordered`, also their study and arm (the order reads them). */
function rowsOf(stmt: Statement, f: CompareFilters, { to, aux }: PatternVars, ordered: boolean): string {
    const tests = [
      ...(f.condition !== null
        ? [
            f.includeNarrower
              ? `EXISTS { (${aux}s)-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(:Condition)-[:IS_A*0..]->(:Condition {id: ${stmt.param(f.condition)}}) }`
              : `EXISTS { (${aux}s)-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(:Condition {id: ${stmt.param(f.condition)}}) }`,
          ]
        : []),
      ...(f.statistic !== null ? [`${to}.statistic = ${stmt.param(f.statistic)}`] : []),
      ...(f.timePointMonths !== null ? [`${to}.timePointMonths = ${stmt.param(f.timePointMonths)}`] : []),
    ];
    const study = ordered || f.condition !== null ? `<-[:HAS_OUTCOME]-(${aux}s:Study)` : '';
    return (
      `(:OutcomeConcept {id: ${stmt.param(f.concept)}})<-[:MEASURES]-(${aux}o:Outcome)${study}, (${aux}o)-[:HAS_MEASUREMENT]->(${to}:Measurement)` +
      (tests.length > 0 ? ` WHERE ${tests.join(' AND ')}` : '') +
      (ordered ? ` OPTIONAL MATCH (${to})-[:OF_ARM]->(${aux}a:Arm)` : '')
    );
}
