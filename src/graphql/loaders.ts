import { ADVERSE_EVENTS_OF_ARMS, ADVERSE_EVENTS_OF_STUDIES } from '../adverse-events/adverse-event.repository';
import { toAdverseEventResult } from '../adverse-events/adverse-event.type';
import { ARM_OF_PARTS, ARMS_BY_ID, ARMS_OF_INTERVENTIONS, ARMS_OF_STUDIES, INTERVENTIONS_OF_ARMS } from '../arms/arm.repository';
import { toArm, toArmIntervention } from '../arms/arm.type';
import {
  ANCESTOR_CONDITIONS,
  BROADER_CONDITIONS,
  CONDITIONS_BY_ID,
  CONDITIONS_OF_POPULATIONS,
  NARROWER_CONDITIONS,
  POPULATIONS_OF_STUDIES,
  STUDIES_OF_CONDITIONS,
} from '../conditions/condition.repository';
import { toCondition, toPopulation } from '../conditions/condition.type';
import { Executor, QueryCounter } from '../db/executor';
import { DOCUMENT_OF_EVIDENCE, EVIDENCE_OF_PARTS, PUBLICATION_OF_DOCUMENTS, STUDIES_OF_PUBLICATIONS } from '../evidence/evidence.repository';
import { toDocument, toEvidence, toPublication } from '../evidence/evidence.type';
import { INTERVENTIONS_BY_ID, STUDIES_OF_INTERVENTIONS } from '../interventions/intervention.repository';
import { toIntervention } from '../interventions/intervention.type';
import {
  COMPARISONS_OF_OUTCOMES,
  CONCEPTS_OF_OUTCOMES,
  MEASUREMENTS_OF_ARMS,
  MEASUREMENTS_OF_OUTCOMES,
  OUTCOME_CONCEPTS_BY_ID,
  OUTCOME_OF_PARTS,
  OUTCOMES_BY_ID,
  OUTCOMES_OF_STUDIES,
  STUDIES_OF_OUTCOME_CONCEPTS,
} from '../outcomes/outcome.repository';
import { toComparison, toMeasurement, toOutcome, toOutcomeConcept } from '../outcomes/outcome.type';
import {
  FINDINGS_OF_OUTCOMES,
  FINDINGS_OF_PREDICTORS,
  FINDINGS_OF_STUDIES,
  OUTCOME_OF_FINDINGS,
  PREDICTOR_OF_FINDINGS,
  PREDICTORS_BY_ID,
  STUDIES_OF_PREDICTORS,
} from '../predictors/predictor.repository';
import { toPredictor, toPredictorFinding } from '../predictors/predictor.type';
import { PUBLICATIONS_OF_STUDIES, STUDIES_BY_ID } from '../studies/study.repository';
import { toStudy } from '../studies/study.type';
import { listLoader, nodeLoader, pagedLoader } from './batch';

/**
 * The loaders of one request. Each field that follows a relationship goes through one of
 * them, so a request costs one round trip per loader and nesting level, whatever the size
 * of its result.
 */
export function createLoaders(executor: Executor, counter: QueryCounter) {
  const list = <T>(cypher: string, map: (row: Record<string, unknown>) => T) => listLoader(executor, counter, cypher, map);
  const node = <T>(cypher: string, map: (row: Record<string, unknown>) => T) => nodeLoader(executor, counter, cypher, map);
  const paged = <T>(cypher: string, map: (row: Record<string, unknown>) => T) => pagedLoader(executor, counter, cypher, map);
  return {
    study: node(STUDIES_BY_ID, toStudy),
    arm: node(ARMS_BY_ID, toArm),
    outcome: node(OUTCOMES_BY_ID, toOutcome),
    condition: node(CONDITIONS_BY_ID, toCondition),
    intervention: node(INTERVENTIONS_BY_ID, toIntervention),
    outcomeConcept: node(OUTCOME_CONCEPTS_BY_ID, toOutcomeConcept),
    predictor: node(PREDICTORS_BY_ID, toPredictor),

    publicationsOfStudy: list(PUBLICATIONS_OF_STUDIES, toPublication),
    armsOfStudy: list(ARMS_OF_STUDIES, toArm),
    populationOfStudy: node(POPULATIONS_OF_STUDIES, toPopulation),
    outcomesOfStudy: list(OUTCOMES_OF_STUDIES, toOutcome),
    findingsOfStudy: list(FINDINGS_OF_STUDIES, toPredictorFinding),
    adverseEventsOfStudy: list(ADVERSE_EVENTS_OF_STUDIES, toAdverseEventResult),

    interventionsOfArm: list(INTERVENTIONS_OF_ARMS, toArmIntervention),
    measurementsOfArm: list(MEASUREMENTS_OF_ARMS, toMeasurement),
    adverseEventsOfArm: list(ADVERSE_EVENTS_OF_ARMS, toAdverseEventResult),
    armOfPart: node(ARM_OF_PARTS, toArm),
    armsOfIntervention: list(ARMS_OF_INTERVENTIONS, toArm),

    conditionsOfPopulation: list(CONDITIONS_OF_POPULATIONS, toCondition),
    broaderConditions: list(BROADER_CONDITIONS, toCondition),
    narrowerConditions: list(NARROWER_CONDITIONS, toCondition),
    ancestorConditions: list(ANCESTOR_CONDITIONS, toCondition),

    conceptOfOutcome: node(CONCEPTS_OF_OUTCOMES, toOutcomeConcept),
    measurementsOfOutcome: list(MEASUREMENTS_OF_OUTCOMES, toMeasurement),
    comparisonsOfOutcome: list(COMPARISONS_OF_OUTCOMES, toComparison),
    outcomeOfPart: node(OUTCOME_OF_PARTS, toOutcome),
    findingsOfOutcome: list(FINDINGS_OF_OUTCOMES, toPredictorFinding),

    predictorOfFinding: node(PREDICTOR_OF_FINDINGS, toPredictor),
    findingsOfPredictor: list(FINDINGS_OF_PREDICTORS, toPredictorFinding),
    outcomeOfFinding: node(OUTCOME_OF_FINDINGS, toOutcome),

    evidenceOfPart: list(EVIDENCE_OF_PARTS, toEvidence),
    documentOfEvidence: node(DOCUMENT_OF_EVIDENCE, toDocument),
    publicationOfDocument: node(PUBLICATION_OF_DOCUMENTS, toPublication),
    studiesOfPublication: list(STUDIES_OF_PUBLICATIONS, toStudy),

    studiesOfCondition: paged(STUDIES_OF_CONDITIONS, toStudy),
    studiesOfIntervention: paged(STUDIES_OF_INTERVENTIONS, toStudy),
    studiesOfOutcomeConcept: paged(STUDIES_OF_OUTCOME_CONCEPTS, toStudy),
    studiesOfPredictor: paged(STUDIES_OF_PREDICTORS, toStudy),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
