import { ApolloServer } from '@apollo/server';
import http from 'node:http';
import { Config } from './config';
import { Context } from './graphql/context';
import { createApolloServer } from './http/apollo';
import { createHttpHandler, DatabaseState } from './http/handler';
import { buildAppSchema } from './schema';

export type { DatabaseState } from './http/handler';

export interface App {
  /** The request handler, to mount on a node:http server (tests call it through a real server on port 0). */
  handler: http.RequestListener;
  apollo: ApolloServer<Context>;
  /** Refuse new requests with 503 from now on (graceful shutdown). */
  drain(): void;
  /** Requests being handled now. */
  inFlight(): number;
}

/**
 * Builds the server without listening: the schema (src/schema.ts), the Apollo server with its
 * limits and error formatting (src/http/apollo.ts), and the HTTP handler in front of it
 * (src/http/handler.ts).
 */
export async function createApp(config: Config, db: DatabaseState, log: (entry: Record<string, unknown>) => void = () => {}): Promise<App> {
  const apollo = await createApolloServer(await buildAppSchema(), config);
  return { apollo, ...createHttpHandler(config, apollo, db, log) };
}
