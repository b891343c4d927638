import { declareType, FieldArgs, RelationDecl, windowed } from '../graphql/translate/model';
import { BOUNDS, WINDOWS } from '../model/bounds';
import { heldPath } from './holding.repository';
import { ConceptLabel } from './related.score';
import { EVIDENCE } from '../evidence/evidence.fields';
import { toDesignPlan, toStudy } from './study.type';

const OUTCOMES = windowed('Outcome', ({ from, to }) => `(${from})-[:HAS_OUTCOME]->(${to}:Outcome)`, WINDOWS.outcomesPerStudy.window);
const ADVERSE_EVENTS = windowed('AdverseEventResult', ({ from, to }) => `(${from})-[:HAS_ADVERSE_EVENT]->(${to}:AdverseEventResult)`, WINDOWS.adverseEventsPerStudy.window);

/** How a Study is read: its own properties and the parts it owns, each in display order. */
declareType('Study', {
  fieldProperties: { registryIds: ['registryIds', 'registries', 'registryDomains'], adverseEventReporting: ['aeTimeFrame', 'aeDescription', 'aeFrequencyThreshold'] },
  map: toStudy,
  relations: {
    publications: {
      type: 'Publication',
      cardinality: 'list',
      max: BOUNDS.publicationsPerStudy,
      match: ({ from, to, aux }) => `(${from})-[${aux}r:REPORTED_IN]->(${to}:Publication)`,
      extra: ({ aux }) => ({ role: `${aux}r.role` }),
      sortBy: [{ key: 'role', desc: true }, 'year', 'id'],
    },
    arms: {
      type: 'Arm',
      cardinality: 'list',
      max: BOUNDS.armsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_ARM]->(${to}:Arm)`,
      sortBy: ['position'],
    },
    population: { type: 'Population', cardinality: 'one', match: ({ from, to }) => `(${from})-[:HAS_POPULATION]->(${to}:Population)` },
    cohorts: {
      type: 'Cohort',
      cardinality: 'list',
      max: BOUNDS.armsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_COHORT]->(${to}:Cohort)`,
      sortBy: ['position'],
    },
    planned: { type: 'DesignPlan', cardinality: 'one', match: ({ from, to }) => `(${from})-[:PLANNED_AS]->(${to}:DesignPlan)` },
    registryRecords: {
      type: 'Document',
      cardinality: 'list',
      max: BOUNDS.publicationsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_RECORD]->(${to}:Document)`,
      sortBy: ['id'],
    },
    outcomes: OUTCOMES.list,
    outcomesConnection: OUTCOMES.connection,
    groups: {
      type: 'ResultGroup',
      cardinality: 'list',
      max: BOUNDS.groupsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_GROUP]->(${to}:ResultGroup)`,
      sortBy: ['position'],
    },
    participantFlow: {
      type: 'FlowCount',
      cardinality: 'list',
      max: BOUNDS.flowCountsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_FLOW_COUNT]->(${to}:FlowCount)`,
      sortBy: ['position'],
    },
    baseline: {
      type: 'BaselineMeasure',
      cardinality: 'list',
      max: BOUNDS.baselineMeasuresPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_BASELINE_MEASURE]->(${to}:BaselineMeasure)`,
      sortBy: ['position'],
    },
    predictorFindings: {
      type: 'PredictorFinding',
      cardinality: 'list',
      max: BOUNDS.findingsPerStudy,
      match: ({ from, to }) => `(${from})-[:HAS_FINDING]->(${to}:PredictorFinding)`,
      sortBy: ['position'],
    },
    adverseEvents: ADVERSE_EVENTS.list,
    adverseEventsConnection: ADVERSE_EVENTS.connection,
    // Newest first; the count is kept on the study by every write (src/history/).
    versions: {
      type: 'StudyVersion',
      cardinality: 'connection',
      match: ({ from, to }) => `(${from})-[:HAS_VERSION]->(${to}:StudyVersion)`,
      order: ({ to }) => `${to}.version DESC`,
      count: ({ from }) => `coalesce(${from}.versionCount, 0)`,
    },
  },
});

declareType('DesignPlan', { map: toDesignPlan, relations: { evidence: EVIDENCE } });

/**
 * The `studies` connection of a concept of `label` (bound as `from`): the studies that hold it
 * (a condition, intervention or outcome concept with its narrower ones unless `includeNarrower` is false), by title without case,
 * then key. Read like a page of `studies` (schema/README.md, the read path): from the concept out
 * to all its studies, sorted and cut, or, for a concept many studies hold, from the studies in
 * titleKey index order, each tested from the study side against the bound concept, until the
 * page is full; chosen when (studyCount)² > (skip + limit) × studies. totalCount is the concept's
 * `studyCount` (kept by every write), except for a concept without its narrower ones.
 */
export function studiesOfConcept(label: ConceptLabel): RelationDecl {
  const narrower = (args: FieldArgs) => args.includeNarrower !== false;
  return {
    type: 'Study',
    cardinality: 'connection',
    distinct: true,
    match: ({ from, to }, args) => heldPath(label, `${to}:Study`, from, narrower(args)),
    order: ({ to }) => `${to}.titleKey, ${to}.id`,
    count: ({ from, to }, args) => (narrower(args) ? `coalesce(${from}.studyCount, 0)` : `COUNT { MATCH ${heldPath(label, `${to}:Study`, from, false)} RETURN DISTINCT ${to} }`),
    byIndex: {
      when: ({ from }, { skip, limit }) => `coalesce(${from}.studyCount, 0) ^ 2 > (${skip} + ${limit}) * COUNT { (:Study) }`,
      match: ({ from, to }, args) => `(${to}:Study) WHERE ${to}.titleKey IS NOT NULL AND EXISTS { ${heldPath(label, to, from, narrower(args))} }`,
    },
  };
}
