import { ApolloServer, ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLSchema } from 'graphql';
import { Config } from '../config';
import { compiledExecutionGateway } from '../graphql/compiled-execution';
import { Context } from '../graphql/context';
import {
  armorProtection,
  costLimitPlugin,
  maxExpandedSelectionsRule,
  OperationCosts,
  operationCosts,
  parseOptions,
  servedOperationsRule,
} from '../graphql/limits';
import { BOOKMARKS_HEADER } from './bookmarks';
import { formatError, httpStatusPlugin } from './errors';

/** Builds and starts the Apollo server over `schema`: limits (costs computed by `costs`, shared with the /graphql route), error formatting and response extensions. */
export async function createApolloServer(
  schema: GraphQLSchema,
  config: Config,
  costs: OperationCosts = operationCosts(schema),
): Promise<ApolloServer<Context>> {
  const production = config.nodeEnv === 'production';
  const armor = armorProtection(config.limits, production);
  const apollo = new ApolloServer<Context>({
    // Operations run compiled (src/graphql/compiled-execution.ts); Apollo parses, validates and formats.
    gateway: compiledExecutionGateway(schema),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !production,
    // src/index.ts owns shutdown: drain, then stop Apollo, the driver and the local Neo4j.
    stopOnTerminationSignals: false,
    // Batches are checked and capped at MAX_BATCH by the /graphql route (src/http/routes/graphql.route.ts).
    allowBatchedHttpRequests: true,
    parseOptions: parseOptions(config.limits),
    validationRules: [...armor.validationRules, maxExpandedSelectionsRule(), servedOperationsRule],
    plugins: [
      // No cache hints are used: without the cache-control plugin Apollo leaves the field resolvers unwrapped.
      ApolloServerPluginCacheControlDisabled(),
      ...armor.plugins,
      costLimitPlugin(schema, config.limits.maxCost, costs),
      responseExtensionsPlugin(),
      httpStatusPlugin<Context>(),
    ],
    formatError: (formatted, error) => formatError(formatted, error, production),
  });
  await apollo.start();
  return apollo;
}

/**
 * Adds the request id and the number of database round trips to the response extensions (errors
 * get the id in the /graphql route), and, once the request has written, the bookmarks of its
 * writes: in `extensions.bookmarks` and in the `neo4j-bookmarks` header.
 */
function responseExtensionsPlugin(): ApolloServerPlugin<Context> {
  // One listener for every request: it keeps no state of its own.
  const listener: GraphQLRequestListener<Context> = {
    async willSendResponse({ contextValue, response }) {
      if (response.body.kind !== 'single' || !contextValue?.counter) return;
      const result = response.body.singleResult;
      const written = await contextValue.executor.bookmarksAfterWrite();
      const bookmarks = written && written.length > 0 ? written : null;
      result.extensions = {
        ...result.extensions,
        requestId: contextValue.requestId,
        cost: { dbRoundTrips: contextValue.counter.roundTrips },
        ...(bookmarks ? { bookmarks } : {}),
      };
      if (bookmarks) response.http.headers.set(BOOKMARKS_HEADER, bookmarks.join(', '));
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
