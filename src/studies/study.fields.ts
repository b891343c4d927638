import { AdverseEventResult, AdverseEventResultConnection } from '../adverse-events/adverse-event.type';
import { Arm } from '../arms/arm.type';
import { BaselineMeasure } from '../baseline/baseline.type';
import { Cohort } from '../cohorts/cohort.type';
import { Population } from '../conditions/condition.type';
import { evidenceOf } from '../evidence/evidence.fields';
import { Document, Publication } from '../evidence/evidence.type';
import { PageArgs } from '../graphql/pagination';
import {
  countLimitClause,
  declareType,
  FieldArgs,
  indexWalkPays,
  ReadDecl,
  windowed,
} from '../graphql/translate/model';
import { FlowCount, ResultGroup } from '../groups/group.type';
import { StudyVersionConnection } from '../history/history.type';
import { BOUNDS, WINDOWS } from '../model/bounds';
import { outbound } from '../model/graph';
import { Outcome, OutcomeConnection } from '../outcomes/outcome.type';
import { PredictorFinding } from '../predictors/predictor.type';
import { conceptsWithNarrower, heldPath, holdsOneIn } from './holding.repository';
import { ConceptLabel } from './related.score';
import { DesignPlan, Study, toDesignPlan, toStudy } from './study.type';

const OUTCOMES = windowed(outbound('Study', 'HAS_OUTCOME', 'Outcome'), WINDOWS.outcomesPerStudy.window);
const ADVERSE_EVENTS = windowed(
  outbound('Study', 'HAS_ADVERSE_EVENT', 'AdverseEventResult'),
  WINDOWS.adverseEventsPerStudy.window,
);

/** How a Study is read: its own properties and the parts it owns, each in display order. */
declareType(Study, {
  fieldProperties: {
    registryIds: ['registryIds', 'registries', 'registryDomains'],
    adverseEventReporting: ['aeTimeFrame', 'aeDescription', 'aeFrequencyThreshold'],
  },
  map: toStudy,
  relations: {
    publications: {
      returns: () => [Publication],
      description: 'Publications reporting the study, primary report first.',
      cardinality: 'list',
      max: BOUNDS.publicationsPerStudy,
      follow: outbound('Study', 'REPORTED_IN', 'Publication'),
      extra: ({ aux }) => ({ role: `${aux}r.role` }),
      sortBy: [{ key: 'role', desc: true }, 'year', 'id'],
    },
    arms: {
      returns: () => [Arm],
      description: 'Arms of the study, in the order the study lists them.',
      cardinality: 'list',
      max: BOUNDS.armsPerStudy,
      follow: outbound('Study', 'HAS_ARM', 'Arm'),
      sortBy: ['position'],
    },
    population: {
      returns: () => Population,
      nullable: true,
      description: 'Population of the study and its conditions.',
      cardinality: 'one',
      follow: outbound('Study', 'HAS_POPULATION', 'Population'),
    },
    cohorts: {
      returns: () => [Cohort],
      description:
        'Separate cohorts of the trial, each with its own conditions, n and arms (e.g. pancreatic and extrapancreatic); empty for a trial of one cohort.',
      cardinality: 'list',
      max: BOUNDS.armsPerStudy,
      follow: outbound('Study', 'HAS_COHORT', 'Cohort'),
      sortBy: ['position'],
    },
    planned: {
      returns: () => DesignPlan,
      nullable: true,
      description:
        'The design values planned before results (sample size, the effect powered for), with their source; null when none is sourced.',
      cardinality: 'one',
      follow: outbound('Study', 'PLANNED_AS', 'DesignPlan'),
    },
    registryRecords: {
      returns: () => [Document],
      description:
        'The registry records of the study (a ClinicalTrials.gov record): the source of an imported study, a second source beside the publications of a curated one.',
      cardinality: 'list',
      max: BOUNDS.publicationsPerStudy,
      follow: outbound('Study', 'HAS_RECORD', 'Document'),
      sortBy: ['id'],
    },
    outcomes: {
      ...OUTCOMES.list,
      returns: () => [Outcome],
      description: `Outcomes (end points) of the study, primary first as the study lists them: the first ${WINDOWS.outcomesPerStudy.window} (every outcome of a curated study; a registry record may report more: page through \`outcomesConnection\`).`,
    },
    outcomesConnection: {
      ...OUTCOMES.connection,
      returns: () => OutcomeConnection,
      description: 'Every outcome of the study, paged, in the order of `outcomes`.',
      args: PageArgs,
    },
    groups: {
      returns: () => [ResultGroup],
      description:
        "The result groups of a registry record (arms, analysis populations, periods, cohorts), in the record's order; empty for a curated study.",
      cardinality: 'list',
      max: BOUNDS.groupsPerStudy,
      follow: outbound('Study', 'HAS_GROUP', 'ResultGroup'),
      sortBy: ['position'],
    },
    participantFlow: {
      returns: () => [FlowCount],
      description:
        "The participant flow of a registry record: per period and group, the milestones (started, completed…) and the reasons for not completing, in the record's order.",
      cardinality: 'list',
      max: BOUNDS.flowCountsPerStudy,
      follow: outbound('Study', 'HAS_FLOW_COUNT', 'FlowCount'),
      sortBy: ['position'],
    },
    baseline: {
      returns: () => [BaselineMeasure],
      description: 'The baseline characteristics of a registry record, each with its values per group.',
      cardinality: 'list',
      max: BOUNDS.baselineMeasuresPerStudy,
      follow: outbound('Study', 'HAS_BASELINE_MEASURE', 'BaselineMeasure'),
      sortBy: ['position'],
    },
    predictorFindings: {
      returns: () => [PredictorFinding],
      description: 'Prognostic-factor findings of the study, associated or not.',
      cardinality: 'list',
      max: BOUNDS.findingsPerStudy,
      follow: outbound('Study', 'HAS_FINDING', 'PredictorFinding'),
      sortBy: ['position'],
    },
    adverseEvents: {
      ...ADVERSE_EVENTS.list,
      returns: () => [AdverseEventResult],
      description: `Adverse-event results of the study, in the source's order (a registry's serious events, then other events): the first ${WINDOWS.adverseEventsPerStudy.window}; page through \`adverseEventsConnection\` for all.`,
    },
    adverseEventsConnection: {
      ...ADVERSE_EVENTS.connection,
      returns: () => AdverseEventResultConnection,
      description: 'Every adverse-event result of the study, paged, in the order of `adverseEvents`.',
      args: PageArgs,
    },
    // Newest first; the count is kept on the study by every write (src/history/).
    versions: {
      returns: () => StudyVersionConnection,
      description:
        "The versions of the study, newest first: each registry record version seen (with the changes from the one before, field by field, in words), or each change made to a curated study through importStudies or the seed loader (who, why). Today's fields always read the current version.",
      args: PageArgs,
      cardinality: 'connection',
      follow: outbound('Study', 'HAS_VERSION', 'StudyVersion'),
      order: ({ to }) => `${to}.version DESC`,
      count: ({ from }) => `coalesce(${from}.versionCount, 0)`,
    },
  },
});

declareType(DesignPlan, {
  map: toDesignPlan,
  relations: { evidence: { ...evidenceOf('DesignPlan'), description: 'Sources of the planned values.' } },
});

/**
 * The `studies` connection of a concept of `label` (bound as `from`): the studies that hold it
 * (a condition, intervention or outcome concept with its narrower ones unless `includeNarrower` is false), by title without case,
 * then key. Read like a page of `studies` (schema/README.md, the read path): from the concept out
 * to all its studies, sorted and cut, or, for a concept many studies hold, from the studies in
 * titleKey index order, each tested from the study side against the concept and its narrower
 * ones (bound once as a list), until the page is full; chosen when (studyCount)² > (skip + limit) × studies. totalCount is the concept's
 * `studyCount` (kept by every write), except for a concept without its narrower ones.
 */
export function studiesOfConcept(label: ConceptLabel): ReadDecl {
  const narrower = (args: FieldArgs) => args.includeNarrower !== false;
  return {
    cardinality: 'connection',
    distinct: true,
    match: ({ from, to }, args) => heldPath(label, `${to}:Study`, from, narrower(args)),
    order: ({ to }) => `${to}.titleKey, ${to}.id`,
    count: ({ from, to }, args, upTo) =>
      narrower(args)
        ? `coalesce(${from}.studyCount, 0)`
        : `COUNT { MATCH ${heldPath(label, `${to}:Study`, from, false)} RETURN DISTINCT ${to}${countLimitClause(upTo)} }`,
    // The concept and its narrower ones are bound once as a list, and each study walked is tested
    // against it by identity (from the study side: a test ending at the bound concept may be
    // expanded from the concept, all its studies for every study walked).
    byIndex: {
      when: ({ from }, page) => indexWalkPays([`coalesce(${from}.studyCount, 0)`], page),
      match: ({ from, to, aux }, args) =>
        `(${from}) WITH ${from}, ${conceptsWithNarrower(label, `[${from}]`, `${aux}c`, narrower(args))} AS ${aux}l ` +
        `MATCH (${to}:Study) WHERE ${to}.titleKey IS NOT NULL AND ${holdsOneIn(label, to, `${aux}l`, `${aux}x`)}`,
    },
  };
}
