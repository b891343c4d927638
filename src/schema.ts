import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { bindFieldResolvers } from './graphql/translate/materialize';
import { isRelation } from './graphql/translate/model';
// The read declarations of every concept (src/<concept>/<concept>.fields.ts), registered on import.
import './adverse-events/adverse-event.fields';
import './arms/arm.fields';
import './baseline/baseline.fields';
import './cohorts/cohort.fields';
import './conditions/condition.fields';
import './evidence/evidence.fields';
import './groups/group.fields';
import './history/history.fields';
import './interventions/intervention.fields';
import './outcomes/outcome.fields';
import './predictors/predictor.fields';
import './studies/study.fields';
import { AdverseEventResultResolver } from './adverse-events/adverse-event.resolver';
import { ArmInterventionResolver, ArmResolver } from './arms/arm.resolver';
import { BaselineMeasureResolver, BaselineValueResolver } from './baseline/baseline.resolver';
import { FlowCountResolver, ResultGroupResolver } from './groups/group.resolver';
import { StudyVersionResolver } from './history/history.resolver';
import { CohortResolver } from './cohorts/cohort.resolver';
import { ConditionResolver, PopulationResolver } from './conditions/condition.resolver';
import { CtgovResolver } from './ctgov/ctgov.resolver';
import { DocumentResolver, EvidenceResolver, PublicationResolver } from './evidence/evidence.resolver';
import { ImportResolver } from './imports/import.resolver';
import { InterventionResolver } from './interventions/intervention.resolver';
import {
  ComparisonResolver,
  MeasurementResolver,
  OutcomeComparisonRowResolver,
  OutcomeConceptResolver,
  OutcomeResolver,
} from './outcomes/outcome.resolver';
import { PredictorEvidenceResolver, PredictorFindingResolver, PredictorResolver } from './predictors/predictor.resolver';
import { PoolingResolver } from './pooling/pooling.resolver';
import { SearchResolver } from './search/search.resolver';
import { DesignPlanResolver, StudyResolver } from './studies/study.resolver';

export const RESOLVERS = [
  StudyResolver,
  DesignPlanResolver,
  CohortResolver,
  ArmResolver,
  ArmInterventionResolver,
  ConditionResolver,
  PopulationResolver,
  InterventionResolver,
  OutcomeConceptResolver,
  OutcomeResolver,
  OutcomeComparisonRowResolver,
  MeasurementResolver,
  ComparisonResolver,
  PredictorResolver,
  PredictorFindingResolver,
  PredictorEvidenceResolver,
  AdverseEventResultResolver,
  ResultGroupResolver,
  FlowCountResolver,
  BaselineMeasureResolver,
  BaselineValueResolver,
  StudyVersionResolver,
  EvidenceResolver,
  DocumentResolver,
  PublicationResolver,
  SearchResolver,
  PoolingResolver,
  ImportResolver,
  CtgovResolver,
] as const;

let cached: Promise<GraphQLSchema> | null = null;

/** Builds the GraphQL schema from the resolver classes (once per process). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({ resolvers: RESOLVERS, validate: false }).then((schema) => describeRootTypes(bindFieldResolvers(schema, isRelation)));
  return cached;
}

/** Describes the root types, which type-graphql builds without a description. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (query) {
    query.description =
      'Reads of the NET trials knowledge graph: studies with their arms, outcomes and sourced results; the shared concepts that link them; cross-study comparison, predictor evidence, related studies and search.';
  }
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Writes to the knowledge graph; each needs the API key.';
  return schema;
}

/** The SDL committed at schema/schema.graphql: sorted, so that diffs show only real changes. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
