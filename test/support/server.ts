import { AddressInfo } from 'node:net';
import { Config, loadConfig } from '../../src/config';
import { App, createApp } from '../../src/server';
import { connectTestDb, TestDb } from './db';

export interface TestServer {
  url: string;
  app: App;
  db: TestDb;
  /** POSTs a GraphQL operation and returns status and parsed body. */
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * Starts the real HTTP server (the app's own, with the WebSocket of /graphql) on a free loopback port, over the test Neo4j. Its request deadline
 * is 60 s unless `overrides` says otherwise: the tests check answers, not speed, and a cold deep
 * query on a loaded machine can pass the default 10 s (the deadline itself is tested where it
 * is set).
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const db = connectTestDb();
  const config = { ...loadConfig({}), requestTimeoutMs: 60_000, ...overrides };
  const app = await createApp(config, { executor: db.executor, notReadyReason: async () => null });
  const server = app.server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    db,
    async graphql(query, variables = {}, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
      await app.apollo.stop();
      await db.close();
    },
  };
}
