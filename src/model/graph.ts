/**
 * The graph model, declared once: every node label and every relationship of the graph (its
 * type, start label, end label and cardinality). The loader writes exactly these
 * (src/seeds/seed.plan.ts derives NODE_LABELS and REL_SHAPES from them, src/seeds/seed.repository.ts
 * one MERGE statement per node label and relationship), and every read declaration
 * (src/<concept>/<concept>.fields.ts) follows them: `outbound`/`inbound` name a relationship of
 * this model, so a wrong label, type or direction does not compile, and the translator derives
 * the Cypher pattern from it. schema/README.md draws the same model.
 */

/** Labels of the nodes the loader writes; `owned`: a part of one study (extra label StudyPart and `studyId`). */
export const NODES = {
  Study: { owned: false },
  Publication: { owned: false },
  Document: { owned: false },
  Arm: { owned: true },
  Intervention: { owned: false },
  Population: { owned: true },
  Condition: { owned: false },
  Outcome: { owned: true },
  OutcomeConcept: { owned: false },
  Measurement: { owned: true },
  Comparison: { owned: true },
  Predictor: { owned: false },
  PredictorFinding: { owned: true },
  AdverseEventResult: { owned: true },
  Evidence: { owned: true },
  Cohort: { owned: true },
  DesignPlan: { owned: true },
  ResultGroup: { owned: true },
  FlowCount: { owned: true },
  BaselineMeasure: { owned: true },
  BaselineValue: { owned: true },
  StudyVersion: { owned: false },
} as const satisfies Record<string, { owned: boolean }>;

export type NodeLabel = keyof typeof NODES;

/**
 * How many nodes each end of a relationship has, start side first: ONE_TO_MANY is a start node
 * with any number of end nodes, each end node with one start node (a study HAS_ARM its arms);
 * MANY_TO_ONE is a start node with at most one end node (a measurement OF_ARM one arm).
 */
export type Cardinality = 'ONE_TO_ONE' | 'ONE_TO_MANY' | 'MANY_TO_ONE' | 'MANY_TO_MANY';

export interface RelationshipShape {
  type: string;
  from: NodeLabel;
  to: NodeLabel;
  cardinality: Cardinality;
}

/** Every relationship the loader writes, in the order it writes them. */
export const RELATIONSHIPS = [
  { type: 'REPORTED_IN', from: 'Study', to: 'Publication', cardinality: 'MANY_TO_MANY' },
  { type: 'REPRODUCES', from: 'Document', to: 'Publication', cardinality: 'MANY_TO_ONE' },
  { type: 'HAS_ARM', from: 'Study', to: 'Arm', cardinality: 'ONE_TO_MANY' },
  { type: 'RECEIVES', from: 'Arm', to: 'Intervention', cardinality: 'MANY_TO_MANY' },
  { type: 'HAS_POPULATION', from: 'Study', to: 'Population', cardinality: 'ONE_TO_ONE' },
  { type: 'HAS_CONDITION', from: 'Population', to: 'Condition', cardinality: 'MANY_TO_MANY' },
  { type: 'IS_A', from: 'Condition', to: 'Condition', cardinality: 'MANY_TO_MANY' },
  { type: 'IS_A', from: 'Intervention', to: 'Intervention', cardinality: 'MANY_TO_MANY' },
  { type: 'IS_A', from: 'OutcomeConcept', to: 'OutcomeConcept', cardinality: 'MANY_TO_MANY' },
  { type: 'CONCERNS', from: 'Predictor', to: 'Intervention', cardinality: 'MANY_TO_ONE' },
  { type: 'HAS_RECORD', from: 'Study', to: 'Document', cardinality: 'MANY_TO_MANY' },
  { type: 'HAS_COHORT', from: 'Study', to: 'Cohort', cardinality: 'ONE_TO_MANY' },
  { type: 'HAS_CONDITION', from: 'Cohort', to: 'Condition', cardinality: 'MANY_TO_MANY' },
  { type: 'INCLUDES_ARM', from: 'Cohort', to: 'Arm', cardinality: 'MANY_TO_MANY' },
  { type: 'PLANNED_AS', from: 'Study', to: 'DesignPlan', cardinality: 'ONE_TO_ONE' },
  { type: 'HAS_OUTCOME', from: 'Study', to: 'Outcome', cardinality: 'ONE_TO_MANY' },
  { type: 'MEASURES', from: 'Outcome', to: 'OutcomeConcept', cardinality: 'MANY_TO_ONE' },
  { type: 'HAS_MEASUREMENT', from: 'Outcome', to: 'Measurement', cardinality: 'ONE_TO_MANY' },
  { type: 'OF_ARM', from: 'Measurement', to: 'Arm', cardinality: 'MANY_TO_ONE' },
  { type: 'OF_CONCEPT', from: 'Measurement', to: 'OutcomeConcept', cardinality: 'MANY_TO_ONE' },
  { type: 'HAS_COMPARISON', from: 'Outcome', to: 'Comparison', cardinality: 'ONE_TO_MANY' },
  { type: 'TREATMENT_ARM', from: 'Comparison', to: 'Arm', cardinality: 'MANY_TO_ONE' },
  { type: 'REFERENCE_ARM', from: 'Comparison', to: 'Arm', cardinality: 'MANY_TO_ONE' },
  { type: 'HAS_FINDING', from: 'Study', to: 'PredictorFinding', cardinality: 'ONE_TO_MANY' },
  { type: 'OF_PREDICTOR', from: 'PredictorFinding', to: 'Predictor', cardinality: 'MANY_TO_ONE' },
  { type: 'ASSOCIATED_WITH', from: 'PredictorFinding', to: 'Predictor', cardinality: 'MANY_TO_ONE' },
  { type: 'FOR_OUTCOME', from: 'PredictorFinding', to: 'Outcome', cardinality: 'MANY_TO_ONE' },
  { type: 'FOR_CONCEPT', from: 'PredictorFinding', to: 'OutcomeConcept', cardinality: 'MANY_TO_ONE' },
  { type: 'HAS_ADVERSE_EVENT', from: 'Study', to: 'AdverseEventResult', cardinality: 'ONE_TO_MANY' },
  { type: 'OF_ARM', from: 'AdverseEventResult', to: 'Arm', cardinality: 'MANY_TO_ONE' },
  { type: 'HAS_GROUP', from: 'Study', to: 'ResultGroup', cardinality: 'ONE_TO_MANY' },
  { type: 'OF_ARM', from: 'ResultGroup', to: 'Arm', cardinality: 'MANY_TO_ONE' },
  { type: 'OF_GROUP', from: 'Measurement', to: 'ResultGroup', cardinality: 'MANY_TO_ONE' },
  { type: 'OF_GROUP', from: 'AdverseEventResult', to: 'ResultGroup', cardinality: 'MANY_TO_ONE' },
  { type: 'OF_GROUP', from: 'FlowCount', to: 'ResultGroup', cardinality: 'MANY_TO_ONE' },
  { type: 'OF_GROUP', from: 'BaselineValue', to: 'ResultGroup', cardinality: 'MANY_TO_ONE' },
  // Properties: `position`, the group's place in the analysis.
  { type: 'COMPARES', from: 'Comparison', to: 'ResultGroup', cardinality: 'MANY_TO_MANY' },
  { type: 'TREATMENT_GROUP', from: 'Comparison', to: 'ResultGroup', cardinality: 'MANY_TO_ONE' },
  { type: 'REFERENCE_GROUP', from: 'Comparison', to: 'ResultGroup', cardinality: 'MANY_TO_ONE' },
  { type: 'HAS_FLOW_COUNT', from: 'Study', to: 'FlowCount', cardinality: 'ONE_TO_MANY' },
  { type: 'HAS_BASELINE_MEASURE', from: 'Study', to: 'BaselineMeasure', cardinality: 'ONE_TO_MANY' },
  { type: 'HAS_VALUE', from: 'BaselineMeasure', to: 'BaselineValue', cardinality: 'ONE_TO_MANY' },
  // Written beside the study by src/history/history.service.ts, not by a plan.
  { type: 'HAS_VERSION', from: 'Study', to: 'StudyVersion', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'Arm', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'Population', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'Measurement', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'Comparison', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'PredictorFinding', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'AdverseEventResult', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'Cohort', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'DesignPlan', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'ResultGroup', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'FlowCount', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'SUPPORTED_BY', from: 'BaselineValue', to: 'Evidence', cardinality: 'ONE_TO_MANY' },
  { type: 'QUOTED_FROM', from: 'Evidence', to: 'Document', cardinality: 'MANY_TO_ONE' },
] as const satisfies readonly RelationshipShape[];

/** A relationship of the model: one of RELATIONSHIPS. */
export type Relationship = (typeof RELATIONSHIPS)[number];
export type RelationshipType = Relationship['type'];

/** The relationship of the model that starts at `From`, has type `Type` and ends at `To`; never when there is none. */
export type RelationshipOf<From extends string, Type extends string, To extends string> = Extract<
  Relationship,
  { from: From; type: Type; to: To }
>;

/** Whether following a relationship of `C` in `D` reaches at most one node. */
type Single<C extends Cardinality, D extends 'out' | 'in'> = D extends 'out'
  ? C extends 'MANY_TO_ONE' | 'ONE_TO_ONE'
    ? true
    : false
  : C extends 'ONE_TO_MANY' | 'ONE_TO_ONE'
    ? true
    : false;

/**
 * One step along a relationship of the model from a node of label `start`: `out` follows it
 * from its start label to its end label, `in` against its direction. `single` says whether the
 * step reaches at most one node (a field of one target may follow only such steps).
 */
export interface Hop<R extends Relationship = Relationship, D extends 'out' | 'in' = 'out' | 'in'> {
  readonly relationship: R;
  readonly direction: D;
  readonly start: NodeLabel;
  readonly target: NodeLabel;
  readonly single: Single<R['cardinality'], D>;
}

const singleOf = (cardinality: Cardinality, direction: 'out' | 'in'): boolean =>
  direction === 'out'
    ? cardinality === 'MANY_TO_ONE' || cardinality === 'ONE_TO_ONE'
    : cardinality === 'ONE_TO_MANY' || cardinality === 'ONE_TO_ONE';

function find(from: string, type: string, to: string): Relationship {
  const found = RELATIONSHIPS.find((r) => r.from === from && r.type === type && r.to === to);
  if (!found) throw new Error(`The graph model has no relationship (:${from})-[:${type}]->(:${to}).`);
  return found;
}

/** The relationship of the model `(from)-[:type]->(to)`; a relationship the model does not have does not compile. */
export function relationship<
  F extends NodeLabel,
  T extends Extract<Relationship, { from: F }>['type'],
  E extends RelationshipOf<F, T, NodeLabel>['to'],
>(from: F, type: T, to: E): RelationshipOf<F, T, E> {
  return find(from, type, to) as RelationshipOf<F, T, E>;
}

/** The step from a node of label `from` along its outgoing relationship `type` to a node of label `to`: `(from)-[:type]->(to)`. */
export function outbound<
  F extends NodeLabel,
  T extends Extract<Relationship, { from: F }>['type'],
  E extends RelationshipOf<F, T, NodeLabel>['to'],
>(from: F, type: T, to: E): Hop<RelationshipOf<F, T, E>, 'out'> {
  const r = find(from, type, to);
  return { relationship: r, direction: 'out', start: from, target: to, single: singleOf(r.cardinality, 'out') } as Hop<
    RelationshipOf<F, T, E>,
    'out'
  >;
}

/** The step from a node of label `to` back along an incoming relationship `type` to its start node of label `from`: `(to)<-[:type]-(from)`. */
export function inbound<
  E extends NodeLabel,
  T extends Extract<Relationship, { to: E }>['type'],
  F extends Extract<Relationship, { to: E; type: T }>['from'],
>(to: E, type: T, from: F): Hop<RelationshipOf<F, T, E>, 'in'> {
  const r = find(from, type, to);
  return { relationship: r, direction: 'in', start: to, target: from, single: singleOf(r.cardinality, 'in') } as Hop<
    RelationshipOf<F, T, E>,
    'in'
  >;
}
