import { evidenceOf } from '../evidence/evidence.fields';
import { CONCEPT_FIELD_PROPERTIES } from '../graphql/concept';
import { FirstArgs, PageArgs } from '../graphql/pagination';
import { declareType, indexWalkPays } from '../graphql/translate/model';
import { arrow, nodeOf } from '../graphql/translate/pattern';
import { VALUE_PROPERTIES } from '../graphql/values';
import { Intervention } from '../interventions/intervention.type';
import { Hop, inbound, outbound } from '../model/graph';
import { Outcome, OutcomeConcept } from '../outcomes/outcome.type';
import { studiesOfConcept } from '../studies/study.fields';
import { Study, StudyConnection } from '../studies/study.type';
import {
  Predictor,
  PredictorEvidence,
  PredictorFinding,
  PredictorFindingConnection,
  toPredictor,
  toPredictorFinding,
} from './predictor.type';

/** Findings about a predictor, by study then position; `$associated` (bound by predictorEvidence) narrows them when not null. */
const FINDING = inbound('Predictor', 'OF_PREDICTOR', 'PredictorFinding');
const ASSOCIATED_FINDING = inbound('Predictor', 'ASSOCIATED_WITH', 'PredictorFinding');
const STUDY_OF_FINDING = inbound('PredictorFinding', 'HAS_FINDING', 'Study');
const FINDING_OF_STUDY = outbound('Study', 'HAS_FINDING', 'PredictorFinding');
const PREDICTOR_OF_FINDING = outbound('PredictorFinding', 'OF_PREDICTOR', 'Predictor');
const findingsOf = (from: string, to: string, aux: string) =>
  `(${from})${arrow(FINDING)}${nodeOf(FINDING, to)}${arrow(STUDY_OF_FINDING)}${nodeOf(STUDY_OF_FINDING, `${aux}s`)}`;
/** The findings of bound predictor `p` (`COUNT { (p)<-[:OF_PREDICTOR]-() }`, a degree), or those of an association. */
const degree = (p: string, hop: Hop = FINDING) => `COUNT { (${p})${arrow(hop)}() }`;
// yearKey is "year, then key, unknown years last" (schema/005_study_sort_keys.cypher): the order of study year, then key.
const findingsOrder = (to: string, aux: string) => `${aux}s.yearKey, ${to}.position`;
/** The findings about bound predictor `p` walked from the studies in yearKey index order (see PredictorEvidence.findings). */
const findingsByYear = (p: string, to: string, aux: string) =>
  `${nodeOf(STUDY_OF_FINDING, `${aux}s`)} WHERE ${aux}s.yearKey IS NOT NULL WITH * ORDER BY ${aux}s.yearKey MATCH (${aux}s)${arrow(FINDING_OF_STUDY)}${nodeOf(FINDING_OF_STUDY, to)}${arrow(PREDICTOR_OF_FINDING)}(${p})`;

declareType(Predictor, {
  fieldProperties: CONCEPT_FIELD_PROPERTIES,
  map: toPredictor,
  relations: {
    intervention: {
      returns: () => Intervention,
      nullable: true,
      description:
        'The intervention or class a treatment factor is about (concomitant somatostatin analogues → somatostatin analogue): through it, the trials of that treatment (`intervention { studies }`).',
      cardinality: 'one',
      follow: outbound('Predictor', 'CONCERNS', 'Intervention'),
    },
    // Paged by `first`: a common predictor has findings in thousands of studies.
    findings: {
      returns: () => [PredictorFinding],
      description:
        'Findings about this predictor, in any study, associated or not (by study, then position in the study), the first `first` of them; `predictorEvidence` pages them with counts.',
      args: FirstArgs,
      cardinality: 'list',
      max: 100,
      match: ({ from, to, aux }) => findingsOf(from, to, aux),
      order: ({ to, aux }) => findingsOrder(to, aux),
    },
    studies: {
      ...studiesOfConcept('Predictor'),
      returns: () => StudyConnection,
      description: 'Studies with a finding about this predictor, by title (without case), then key.',
      args: PageArgs,
    },
  },
});

const FOR_CONCEPT = outbound('PredictorFinding', 'FOR_CONCEPT', 'OutcomeConcept');
const FOR_OUTCOME = outbound('PredictorFinding', 'FOR_OUTCOME', 'Outcome');
const MEASURES = outbound('Outcome', 'MEASURES', 'OutcomeConcept');

declareType(PredictorFinding, {
  fieldProperties: { ci: VALUE_PROPERTIES.ci, p: VALUE_PROPERTIES.p },
  map: toPredictorFinding,
  relations: {
    predictor: {
      returns: () => Predictor,
      description: 'The predictor evaluated.',
      cardinality: 'one',
      follow: outbound('PredictorFinding', 'OF_PREDICTOR', 'Predictor'),
    },
    outcome: {
      returns: () => Outcome,
      nullable: true,
      description:
        'The outcome of the study the predictor was evaluated for; null when the source names only the outcome concept (see `outcomeConcept`).',
      cardinality: 'one',
      follow: FOR_OUTCOME,
    },
    // The concept named by the finding itself, else that of its outcome.
    outcomeConcept: {
      returns: () => OutcomeConcept,
      description:
        'The outcome concept the predictor was evaluated for: the one the source names ("shorter PFS": PFS over time), else that of `outcome`.',
      cardinality: 'one',
      // FOR_CONCEPT ends at the concept (no MEASURES step); FOR_OUTCOME at an outcome, one MEASURES step from it.
      match: ({ from, to }) =>
        `(${from})${arrow([FOR_CONCEPT, FOR_OUTCOME])}()${arrow(MEASURES, { length: '*0..1' })}${nodeOf(MEASURES, to)}`,
    },
    study: {
      returns: () => Study,
      description: 'The study that reports the finding.',
      cardinality: 'one',
      follow: STUDY_OF_FINDING,
    },
    evidence: { ...evidenceOf('PredictorFinding'), description: 'The quoted source of the finding.' },
  },
});

/**
 * PredictorEvidence is anchored on the predictor node; its counts are computed in Cypher, and
 * its findings are narrowed by the `associated` argument of predictorEvidence, bound as `$associated`.
 * - Every count is read, not counted: studyCount is the predictor's `studyCount` (the studies
 *   with a finding on it, kept by every write); the findings are its OF_PREDICTOR degree, those
 *   of an association its ASSOCIATED_WITH degree (every finding says associated or not, so the
 *   others are the difference).
 * - A page of findings is read in one of two ways, chosen in the statement as compareOutcome
 *   does: from the predictor to all its findings, sorted, then cut (a predictor few studies
 *   report); or from the studies in yearKey index order until the page is full, when
 *   (findings)² > (skip + limit) × studies (a common predictor: its findings are not all sorted
 *   for every page).
 */
declareType(PredictorEvidence, {
  properties: 'none',
  map: () => ({}),
  values: {
    associatedCount: (p) => degree(p, ASSOCIATED_FINDING),
    notAssociatedCount: (p) => `${degree(p)} - ${degree(p, ASSOCIATED_FINDING)}`,
    studyCount: (p) => `coalesce(${p}.studyCount, 0)`,
  },
  relations: {
    predictor: { returns: () => Predictor, description: 'The predictor.', cardinality: 'self' },
    findings: {
      returns: () => PredictorFindingConnection,
      description:
        'The findings, ordered by study then position in the study; paged by `first` and `after` of predictorEvidence.',
      cardinality: 'connection',
      match: ({ from, to, aux }) =>
        `${findingsOf(from, to, aux)} WHERE $associated IS NULL OR ${to}.associated = $associated`,
      order: ({ to, aux }) => findingsOrder(to, aux),
      count: ({ from }) =>
        `CASE $associated WHEN true THEN ${degree(from, ASSOCIATED_FINDING)} WHEN false THEN ${degree(from)} - ${degree(from, ASSOCIATED_FINDING)} ELSE ${degree(from)} END`,
      // Both ways of reading the page bind each finding's study.
      bound: ({ aux }) => ({ study: `${aux}s` }),
      byIndex: {
        when: ({ from }, page) => indexWalkPays([degree(from)], page),
        match: ({ from, to, aux }) =>
          `${findingsByYear(from, to, aux)} WHERE $associated IS NULL OR ${to}.associated = $associated`,
      },
    },
  },
});
