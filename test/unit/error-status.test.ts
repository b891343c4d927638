import 'reflect-metadata';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { BookmarkManager, Neo4jError } from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { Executor } from '../../src/db/executor';
import { MAX_BOOKMARK_LENGTH, MAX_BOOKMARKS } from '../../src/http/bookmarks';
import { formatError } from '../../src/http/errors';
import { createApp } from '../../src/server';

// The HTTP status and code of refused and failed requests, as the README lists them, and the
// sessions the executor opens (access mode, bookmarks). The executor's driver is a stand-in that
// answers or fails as neo4j-driver does; this tests the mapping from errors to responses and the
// session configuration, not the database (the integration tests use a real one).

interface SessionOpened {
  mode: string;
  bookmarks: BookmarkManager | undefined;
  /** The kind of transaction run in it. */
  ran?: 'read' | 'write';
}

interface StandIn {
  executor: Executor;
  /** Each session opened, in order. */
  sessions: SessionOpened[];
}

/** An executor whose reads fail with `error`, or answer no row when it is null; its writes match one row. */
function standInExecutor(error: Error | null): StandIn {
  const sessions: SessionOpened[] = [];
  const driver = {
    session: (config: { defaultAccessMode: string; bookmarkManager?: BookmarkManager }) => {
      const opened: SessionOpened = { mode: config.defaultAccessMode, bookmarks: config.bookmarkManager };
      sessions.push(opened);
      return {
        run: async () => {
          opened.ran = 'read';
          return error ? Promise.reject(error) : { records: [] };
        },
        executeWrite: async (work: (tx: unknown) => Promise<unknown>) => {
          opened.ran = 'write';
          return work({ run: async () => ({ records: [{}] }) });
        },
        close: async () => undefined,
      };
    },
  };
  return {
    executor: new Executor(driver as never, { database: 'neo4j', readTimeoutMs: 1000, maxRetryTimeMs: 0 }),
    sessions,
  };
}

const STUDY = '{ study(id: "netter-1") { id } }';

async function post(
  error: Error | null,
  query = STUDY,
  headers: Record<string, string> = {},
  standIn = standInExecutor(error),
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: any }> {
  const app = await createApp(loadConfig({}), { executor: standIn.executor, notReadyReason: async () => null });
  const server = http.createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
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
    const { status, body } = await post(
      new Neo4jError('timed out', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', '', ''),
    );
    expect(status).toBe(504);
    expect(body.errors[0].extensions.code).toBe('TIMEOUT');
    expect(body.errors[0].extensions.http).toBeUndefined();
  });

  it('is 503 DATABASE_UNAVAILABLE when Neo4j is gone', async () => {
    const { status, body } = await post(new Neo4jError('gone', 'ServiceUnavailable', '', ''));
    expect(status).toBe(503);
    expect(body.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('is 400 INVALID_BOOKMARKS when Neo4j does not know the bookmarks sent', async () => {
    const { status, body } = await post(
      new Neo4jError('Parsing of supplied bookmarks failed', 'Neo.ClientError.Transaction.InvalidBookmark', '', ''),
    );
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('INVALID_BOOKMARKS');
  });

  it('stays 200 with INTERNAL_SERVER_ERROR for anything else (the field fails, the request does not)', async () => {
    const { status, body } = await post(new Error('boom'));
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(status).toBe(200);
  });

  it('does not take the code of a limit from an error that only reads like one', async () => {
    for (const message of [
      'Query depth limit of 10 exceeded, found 12.',
      'Syntax Error: Document contains more than 5000 tokens. Parsing aborted.',
    ]) {
      const { status, body } = await post(new Error(message));
      expect({ status, code: body.errors[0].extensions.code }).toEqual({ status: 200, code: 'INTERNAL_SERVER_ERROR' });
      expect(formatError({ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error(message), true)).toEqual(
        {
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      );
    }
  });
});

const nested = (levels: number) => {
  let selection = 'id';
  for (let i = 0; i < levels; i += 1) selection = `arms { study { ${selection} } }`;
  return `{ study(id: "x") { ${selection} } }`;
};
const fragmentBomb = (levels: number, width: number) => {
  const fragments = ['fragment F0 on Study { acronym title }'];
  for (let i = 1; i <= levels; i += 1)
    fragments.push(
      `fragment F${i} on Study { ${Array(width)
        .fill(`...F${i - 1}`)
        .join(' ')} }`,
    );
  return `{ study(id: "x") { ...F${levels} } } ${fragments.join(' ')}`;
};

describe('a request refused by a limit', () => {
  // Each is refused before any Cypher runs: the stand-in would answer, so a 200 would show a missed limit.
  it.each([
    ['depth 14', 'QUERY_TOO_DEEP', nested(6), /^Query depth limit of 10 exceeded/],
    [
      '31 aliases',
      'TOO_MANY_ALIASES',
      `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: study(id: "x") { id }`).join(' ')} }`,
      /^Aliases limit of 30 exceeded/,
    ],
    [
      '51 directives',
      'TOO_MANY_DIRECTIVES',
      `{ study(id: "x") { ${'id @include(if: true) '.repeat(51)}} }`,
      /^Directives limit of 50 exceeded/,
    ],
    ['5,001 tokens', 'TOO_MANY_TOKENS', `{ ${'a '.repeat(5001)}}`, /^Document contains more tha[nt] 5000 tokens/],
    [
      'a cost above 500,000',
      'QUERY_TOO_COMPLEX',
      '{ studies(first: 100) { edges { node { outcomes { measurements { evidence { document { publication { studies { id } } } } } } } } } }',
      /^Query cost \d+ exceeds the limit of 500000/,
    ],
    [
      'a fragment bomb',
      'QUERY_TOO_COMPLEX',
      fragmentBomb(20, 2),
      /^Query too complex: its fragments expand to more than 10000 fields/,
    ],
  ])('%s is 400 %s, with the limit in the message', async (_name, code, query, message) => {
    const standIn = standInExecutor(null);
    const { status, body } = await post(null, query, {}, standIn);
    expect({ status, codes: body.errors.map((e: any) => e.extensions.code) }).toEqual({ status: 400, codes: [code] });
    expect(body.errors[0].message).toMatch(message);
    expect(standIn.sessions).toEqual([]);
  });

  it('answers the same operations under the limits (the control)', async () => {
    for (const query of [
      nested(4),
      fragmentBomb(3, 2),
      `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: study(id: "x") { id }`).join(' ')} }`,
    ]) {
      const { status, body } = await post(null, query);
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    }
  });

  it('reports a variable of the wrong type as BAD_USER_INPUT (400), not as a cost', async () => {
    const standIn = standInExecutor(null);
    const { status, body } = await post(null, 'query($n: Int!) { studies(first: $n) { totalCount } }', {}, standIn, {
      n: 'ten',
    });
    expect({ status, code: body.errors[0].extensions.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(standIn.sessions).toEqual([]);
  });
});

describe('sessions and the neo4j-bookmarks request header', () => {
  it('runs a read in a READ session and read transaction, opened with the bookmarks sent (trimmed, duplicates dropped)', async () => {
    const standIn = standInExecutor(null);
    const { status } = await post(null, STUDY, { 'neo4j-bookmarks': 'FB:abc, FB:def,FB:abc,' }, standIn);
    expect(status).toBe(200);
    expect(standIn.sessions.map(({ mode, ran }) => ({ mode, ran }))).toEqual([{ mode: 'READ', ran: 'read' }]);
    expect([...(await standIn.sessions[0].bookmarks!.getBookmarks())].sort()).toEqual(['FB:abc', 'FB:def']);
  });

  it('opens it with no bookmark when none is sent', async () => {
    const standIn = standInExecutor(null);
    await post(null, STUDY, {}, standIn);
    expect([...(await standIn.sessions[0].bookmarks!.getBookmarks())]).toEqual([]);
  });

  it("runs a write in a WRITE session and write transaction, opened with the chain's bookmarks, which it then returns", async () => {
    const standIn = standInExecutor(null);
    const chain = standIn.executor.withBookmarks(['FB:abc']);
    expect(await chain.bookmarksAfterWrite()).toBeNull();
    expect(await chain.writeTransaction(async () => 'done')).toBe('done');
    expect(standIn.sessions.map(({ mode, ran }) => ({ mode, ran }))).toEqual([{ mode: 'WRITE', ran: 'write' }]);
    expect([...(await standIn.sessions[0].bookmarks!.getBookmarks())]).toEqual(['FB:abc']);
    // The stand-in commits without a new bookmark, so the chain still holds the one it started with.
    expect(await chain.bookmarksAfterWrite()).toEqual(['FB:abc']);
    // The executor it came from has no chain: it returns none.
    expect(await standIn.executor.bookmarksAfterWrite()).toBeNull();
  });

  it.each([
    ['too many bookmarks', Array.from({ length: MAX_BOOKMARKS + 1 }, (_, i) => `FB:b${i}`).join(','), /at most 16/],
    ['a bookmark too long', `FB:${'a'.repeat(MAX_BOOKMARK_LENGTH)}`, /has 515 characters; at most 512 are accepted/],
    ['a space inside a bookmark', 'FB:abc def', /character that no bookmark has/],
    ['a non-ASCII character', 'FB:abcé', /character that no bookmark has/],
  ])('refuses %s with 400 INVALID_BOOKMARKS before any Cypher', async (_name, header, message) => {
    const standIn = standInExecutor(null);
    const { status, body } = await post(null, STUDY, { 'neo4j-bookmarks': header }, standIn);
    expect({ status, code: body.errors[0].extensions.code }).toEqual({ status: 400, code: 'INVALID_BOOKMARKS' });
    expect(body.errors[0].message).toMatch(message);
    expect(body.errors[0].extensions.requestId).toEqual(expect.any(String));
    expect(standIn.sessions).toEqual([]);
  });
});
