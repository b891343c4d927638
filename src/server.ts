import { ApolloServer } from '@apollo/server';
import http from 'node:http';
import { changesFeedRoute } from './changes/change.route';
import { tailSettings } from './changes/change.tail';
import { Config } from './config';
import { exploreRoute } from './explore/explore.route';
import { exportRoute } from './export/export.route';
import { fhirRoute } from './fhir/fhir.route';
import { Context } from './graphql/context';
import { operationCosts } from './graphql/limits';
import { createApolloServer } from './http/apollo';
import { createEdge, DatabaseState, RequestLog } from './http/edge';
import { graphqlPipeline } from './http/pipeline';
import { graphqlRoute } from './http/routes/graphql.route';
import { healthRoute } from './http/routes/health.route';
import { playgroundRoute } from './playground/playground.route';
import { forestRoute } from './pooling/forest.route';
import { buildAppSchema } from './schema';

export type { DatabaseState } from './http/edge';

export interface App {
  /** Fastify's node:http server, not listening yet (src/index.ts listens on it); it carries the WebSocket upgrade of /graphql. */
  server: http.Server;
  /** The request listener, for a node:http server of the caller's (tests call it through a real server on port 0; no WebSocket there). */
  handler: http.RequestListener;
  apollo: ApolloServer<Context>;
  /** Refuse new requests with 503 from now on and close the sockets (graceful shutdown). */
  drain(): void;
  /** Requests being handled now. */
  inFlight(): number;
  /** Closes Fastify (its sockets and plugins); the server's connections are the caller's to close. */
  close(): Promise<void>;
}

/**
 * Builds the server without listening: the schema (src/schema.ts), the Apollo server with its
 * limits and error formatting (src/http/apollo.ts), the edge (src/http/edge.ts) and one route
 * module per surface, the internal ones calling the GraphQL pipeline (src/http/pipeline.ts).
 */
export async function createApp(config: Config, db: DatabaseState, log: RequestLog = () => {}): Promise<App> {
  const schema = await buildAppSchema();
  // The change log's tail (one per process) reads the log this often while anyone subscribes.
  tailSettings.pollMs = config.changesPollMs;
  const costs = operationCosts(schema);
  const apollo = await createApolloServer(schema, config, costs);
  const pipeline = graphqlPipeline(apollo, config, db);
  const edge = await createEdge(config, log);
  const { fastify } = edge;
  await fastify.register(healthRoute, { db });
  await fastify.register(graphqlRoute, { apollo, schema, pipeline, config, costs });
  await fastify.register(playgroundRoute);
  await fastify.register(exploreRoute);
  await fastify.register(forestRoute, { pipeline });
  await fastify.register(exportRoute, { pipeline, log });
  await fastify.register(fhirRoute, { pipeline });
  await fastify.register(changesFeedRoute, { pipeline });
  await fastify.ready();
  return {
    server: fastify.server,
    handler: edge.handler,
    apollo,
    drain: edge.drain,
    inFlight: edge.inFlight,
    close: () => fastify.close(),
  };
}
