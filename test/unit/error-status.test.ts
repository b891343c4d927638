import 'reflect-metadata';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Neo4jError } from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { Executor } from '../../src/db/executor';
import { createApp } from '../../src/server';

// The HTTP status of an answer whose read failed in Neo4j: a transaction that passed
// READ_TIMEOUT_MS is 504 TIMEOUT, a lost database 503 DATABASE_UNAVAILABLE, as the README says.
// The executor's driver is a stand-in that fails as neo4j-driver fails; this tests the mapping
// from driver errors to responses, not the database (the outage tests use a real one).

function failingExecutor(error: Error): Executor {
  const session = { executeRead: async () => Promise.reject(error), close: async () => undefined };
  return new Executor({ session: () => session } as never, { database: 'neo4j', readTimeoutMs: 1000 });
}

async function post(error: Error): Promise<{ status: number; body: any }> {
  const app = await createApp(loadConfig({}), { executor: failingExecutor(error), notReadyReason: async () => null });
  const server = http.createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ study(id: "netter-1") { id } }' }),
    });
    return { status: res.status, body: await res.json() };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.apollo.stop();
  }
}

describe('the status of a failed read', () => {
  it('is 504 TIMEOUT when the read transaction timed out', async () => {
    const { status, body } = await post(new Neo4jError('timed out', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', '', ''));
    expect(status).toBe(504);
    expect(body.errors[0].extensions.code).toBe('TIMEOUT');
    expect(body.errors[0].extensions.http).toBeUndefined();
  });

  it('is 503 DATABASE_UNAVAILABLE when Neo4j is gone', async () => {
    const { status, body } = await post(new Neo4jError('gone', 'ServiceUnavailable', '', ''));
    expect(status).toBe(503);
    expect(body.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('stays 200 with INTERNAL_SERVER_ERROR for anything else (the field fails, the request does not)', async () => {
    const { status, body } = await post(new Error('boom'));
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(status).toBe(200);
  });
});
