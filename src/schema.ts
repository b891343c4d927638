import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { relationResolvers } from './graphql/translate/fields';
import { bindFieldResolvers } from './graphql/translate/materialize';
import { isRelation } from './graphql/translate/model';
// The read declarations of every concept (src/<concept>/<concept>.fields.ts), registered on
// import: each declares its type's relation fields, made into resolvers by relationResolvers().
import './adverse-events/adverse-event.fields';
import './arms/arm.fields';
import './baseline/baseline.fields';
import './changes/change.fields';
import './cohorts/cohort.fields';
import './conditions/condition.fields';
import './evidence/evidence.fields';
import './groups/group.fields';
import './history/history.fields';
import './interventions/intervention.fields';
import './outcomes/outcome.fields';
import './predictors/predictor.fields';
import './studies/study.fields';
import { ChangeResolver } from './changes/change.resolver';
import { ConditionResolver } from './conditions/condition.resolver';
import { CtgovResolver } from './ctgov/ctgov.resolver';
import { ImportResolver } from './imports/import.resolver';
import { InterventionResolver } from './interventions/intervention.resolver';
import { OutcomeConceptResolver } from './outcomes/outcome.resolver';
import { PredictorResolver } from './predictors/predictor.resolver';
import { PoolingResolver } from './pooling/pooling.resolver';
import { SearchResolver } from './search/search.resolver';
import { StudyResolver } from './studies/study.resolver';

/** The hand-written resolvers: the root fields (queries and mutations). */
export const RESOLVERS = [
  StudyResolver,
  ConditionResolver,
  InterventionResolver,
  OutcomeConceptResolver,
  PredictorResolver,
  SearchResolver,
  PoolingResolver,
  ImportResolver,
  CtgovResolver,
  ChangeResolver,
] as const;

/**
 * type-graphql asks for a PubSub once a subscription exists, for subscriptions by topic; the one
 * subscription here has its own `subscribe` (the change log's tail, src/changes/change.tail.ts).
 */
const NO_TOPICS = {
  publish: () => {
    throw new Error('No subscription is published by topic.');
  },
  subscribe: () => {
    throw new Error('No subscription is published by topic.');
  },
};

let cached: Promise<GraphQLSchema> | null = null;

/**
 * Builds the GraphQL schema (once per process) from the root fields' resolvers and the relation
 * fields made from the read declarations (src/graphql/translate/fields.ts), then binds the plain
 * resolvers the translated reads need (src/graphql/README.md).
 */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [...RESOLVERS, ...relationResolvers()],
    validate: false,
    pubSub: NO_TOPICS,
  }).then((schema) => describeRootTypes(bindFieldResolvers(schema, isRelation)));
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
  const subscription = schema.getSubscriptionType();
  if (subscription)
    subscription.description =
      'Changes as they happen, over the WebSocket of /graphql (graphql-ws, graphql-transport-ws protocol).';
  return schema;
}

/** The SDL committed at schema/schema.graphql: sorted, so that diffs show only real changes. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
