// Cypher of the study root fields. Every value is a parameter; ORDER BY clauses and filter
// fragments come from the allow-lists below (keyed by GraphQL enum values and filter names),
// never from client text.
import { PatternVars, RelationDecl } from '../graphql/translate/model';
import { Statement } from '../graphql/translate/translate';
import { KIND_LABEL, KIND_PROPERTY, SHARED_KINDS, SharedKind, weightMilliCypher } from './related.score';
import { SortDirection, StudySortField, StudyWhere } from './study.args';

/** Sort keys of `studies`: the StudySortField enum values, each mapped to a fixed ORDER BY. */
export const STUDY_ORDER: Record<StudySortField, Record<SortDirection, (s: string) => string>> = {
  // Studies without the value come last in both directions.
  YEAR: { ASC: (s) => `${s}.year IS NULL, ${s}.year ASC, ${s}.id ASC`, DESC: (s) => `${s}.year IS NULL, ${s}.year DESC, ${s}.id ASC` },
  ENROLMENT: { ASC: (s) => `${s}.enrolment IS NULL, ${s}.enrolment ASC, ${s}.id ASC`, DESC: (s) => `${s}.enrolment IS NULL, ${s}.enrolment DESC, ${s}.id ASC` },
  TITLE: { ASC: (s) => `toLower(${s}.title) ASC, ${s}.id ASC`, DESC: (s) => `toLower(${s}.title) DESC, ${s}.id ASC` },
};

/**
 * The concept filters of `studies`, each as a pattern from the concept (found by key through
 * its uniqueness index) to the study. The first one given anchors the MATCH; the others become
 * EXISTS tests. Ordered from the usually rarest concept to the most common.
 */
const CONCEPT_PATTERNS = {
  predictorIds: (ids: string, s: string, x: string) => `(${x}p:Predictor WHERE ${x}p.id IN ${ids})<-[:OF_PREDICTOR]-(:PredictorFinding)<-[:HAS_FINDING]-(${s})`,
  interventionIds: (ids: string, s: string, x: string) => `(${x}i:Intervention WHERE ${x}i.id IN ${ids})<-[:RECEIVES]-(:Arm)<-[:HAS_ARM]-(${s})`,
  outcomeConceptIds: (ids: string, s: string, x: string) => `(${x}o:OutcomeConcept WHERE ${x}o.id IN ${ids})<-[:MEASURES]-(:Outcome)<-[:HAS_OUTCOME]-(${s})`,
  conditionIds: (ids: string, s: string, x: string, narrower: boolean) =>
    narrower
      ? `(${x}c:Condition WHERE ${x}c.id IN ${ids})<-[:IS_A*0..]-(:Condition)<-[:HAS_CONDITION]-(:Population)<-[:HAS_POPULATION]-(${s})`
      : `(${x}c:Condition WHERE ${x}c.id IN ${ids})<-[:HAS_CONDITION]-(:Population)<-[:HAS_POPULATION]-(${s})`,
} as const;
type ConceptFilter = keyof typeof CONCEPT_PATTERNS;

/**
 * The plan of `studies` for the filters actually given: the MATCH starts from the first concept
 * filter (an index seek on its key, then out to its studies), or from all studies when there is
 * none; only the given filters appear, as fragments of the allow-lists above.
 */
export function studiesDecl(stmt: Statement, where: StudyWhere | undefined, field: StudySortField, direction: SortDirection): RelationDecl {
  // An empty list is a filter too: it matches nothing.
  const concepts = (Object.keys(CONCEPT_PATTERNS) as ConceptFilter[]).filter((key) => where?.[key] != null);
  const narrower = where?.includeNarrowerConditions ?? true;
  return {
    type: 'Study',
    cardinality: 'connection',
    distinct: concepts.length > 0,
    order: ({ to }) => STUDY_ORDER[field][direction](to),
    match: ({ to, aux }: PatternVars) => {
      const pattern = (key: ConceptFilter, n: number) => CONCEPT_PATTERNS[key](stmt.param(where![key]), to, `${aux}_${n}`, narrower);
      const [anchor, ...others] = concepts;
      const tests = [
        ...others.map((key, n) => `EXISTS { ${pattern(key, n + 1)} }`),
        ...(where?.phases?.length ? [`${to}.phase IN ${stmt.param(where.phases)}`] : []),
        ...(where?.allocation ? [`${to}.allocation = ${stmt.param(where.allocation)}`] : []),
        ...(where?.masking ? [`${to}.masking = ${stmt.param(where.masking)}`] : []),
        ...(where?.designFeatures?.length ? [`all(f IN ${stmt.param(where.designFeatures)} WHERE f IN ${to}.designFeatures)`] : []),
        ...(where?.yearFrom != null ? [`${to}.year >= ${stmt.param(where.yearFrom)}`] : []),
        ...(where?.yearTo != null ? [`${to}.year <= ${stmt.param(where.yearTo)}`] : []),
        ...(where?.registryId ? [`${stmt.param(where.registryId)} IN ${to}.registryIds`] : []),
      ];
      const start = anchor ? pattern(anchor, 0).replace(`(${to})`, `(${to}:Study)`) : `(${to}:Study)`;
      return tests.length > 0 ? `${start} WHERE ${tests.join(' AND ')}` : start;
    },
  };
}

/** Per kind, the shared concepts of RELATED relationship `r`, each with its weight in thousandths from the current counts (`studies` studies in all). */
const sharedOfKind = (kind: SharedKind) => {
  const ancestors = kind === 'CONDITION' ? 'COUNT { MATCH (c)-[:IS_A*1..]->(a:Condition) RETURN DISTINCT a }' : '0';
  return `COLLECT { MATCH (c:${KIND_LABEL[kind]}) WHERE c.id IN r.${KIND_PROPERTY[kind]} RETURN {kind: '${kind}', id: c.id, name: c.name, milli: ${weightMilliCypher(kind, ancestors, 'studies', 'c.studyCount')}} }`;
};

/**
 * The studies related to `$id`, best first, at most `$first`: read from the asked study's stored
 * RELATED relationships (at most RELATED_PER_STUDY, chosen when studies were written), each
 * rescored now from the shared concepts it names and the study counts of those concepts (see
 * RelatedStudy.score and src/studies/related.score.ts). Per shared concept: kind, key, name and
 * weight. `RETURN_RELATED` projects each related study.
 */
export const RANKED_RELATED = `
MATCH (s:Study {id: $id})
CALL () { MATCH (n:Study) RETURN count(n) AS studies }
MATCH (s)-[r:RELATED]->(other:Study)
WITH other, ${SHARED_KINDS.map(sharedOfKind).join(' +\n  ')} AS shared
WITH other, shared, reduce(total = 0, c IN shared | total + c.milli) AS milli
ORDER BY milli DESC, other.id
LIMIT $first
WITH other, milli / 1000.0 AS score, COLLECT {
  UNWIND shared AS c
  WITH c ORDER BY c.milli DESC, c.kind, c.id
  RETURN {kind: c.kind, id: c.id, name: c.name, weight: c.milli / 1000.0}
} AS concepts`;
