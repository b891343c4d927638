import * as compiled from '../../src/graphql/compiled-execution';
import { loadConfig } from '../../src/config';
import { startTestServer, TestServer } from '../support/server';

// A read Apollo has run once is answered again by the /graphql route without Apollo's
// per-request pipeline (src/graphql/compiled-execution.ts, runServedRead): the same status,
// headers and body as Apollo's, and Apollo still answers wherever the served path cannot.

jest.setTimeout(120_000);

type Json = any;

const DETAIL = `query Detail($id: ID!, $first: Int) {
  study(id: $id) { id title arms { label } outcomes { name concept { id } } }
  studies(first: $first) { totalCount edges { node { id year } } }
}`;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), id: res.headers.get('x-request-id'), text };
}

/** The body with its request id taken out (each request has its own). */
const withoutId = (text: string): Json => {
  const body = JSON.parse(text);
  if (body.extensions) delete body.extensions.requestId;
  for (const e of body.errors ?? []) delete e.extensions?.requestId;
  return body;
};

describe('served reads', () => {
  let server: TestServer;
  let served: jest.SpyInstance;
  beforeAll(async () => {
    server = await startTestServer({ limits: { ...loadConfig({}).limits, maxCost: 100 } });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    served = jest.spyOn(compiled, 'runServedRead');
  });
  afterEach(() => served.mockRestore());

  /** What each call of runServedRead answered: a body, or null where Apollo answered. */
  const servedAnswers = () => Promise.all(served.mock.results.map((r) => r.value as Promise<string | null>));

  it('answers a read Apollo has run with the same status, type and body, without Apollo', async () => {
    const query = { query: DETAIL, variables: { id: 'netter-1', first: 3 } };
    const first = await post(server.url, query);
    expect(first.status).toBe(200);
    const again = await post(server.url, query);
    const other = await post(server.url, { ...query, variables: { id: 'clarinet', first: 2 } });
    expect(await servedAnswers()).toEqual([expect.any(String), expect.any(String)]);
    expect(served).toHaveBeenCalledTimes(2);
    expect(again.status).toBe(first.status);
    expect(again.type).toBe(first.type);
    expect(withoutId(again.text)).toEqual(withoutId(first.text));
    expect(JSON.parse(again.text).extensions).toEqual({ requestId: again.id, cost: { dbRoundTrips: 2 } });
    expect(again.text.endsWith('}\n')).toBe(true);
    // Another study, through the same served read, is that study's answer, as Apollo gives it.
    const otherData = JSON.parse(other.text).data;
    expect(otherData.study.id).toBe('clarinet');
    expect(otherData.studies.edges).toHaveLength(2);
  });

  it('leaves to Apollo a served text whose variables do not fit or whose cost is above the limit', async () => {
    const query = `query Page($first: Int) { studies(first: $first) { edges { node { id arms { label } } } } }`;
    expect((await post(server.url, { query, variables: { first: 1 } })).status).toBe(200);
    const costly = await post(server.url, { query, variables: { first: 100 } });
    const wrongType = await post(server.url, { query, variables: { first: 'two' } });
    expect(await servedAnswers()).toEqual([null, null]);
    expect(costly.status).toBe(400);
    expect(JSON.parse(costly.text).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(wrongType.status).toBe(400);
    expect(JSON.parse(wrongType.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('leaves to Apollo an Accept header it answers otherwise, a batch and persisted-query extensions', async () => {
    const query = { query: '{ study(id: "netter-1") { id } }' };
    await post(server.url, query);
    const graphqlJson = await post(server.url, query, { accept: 'application/graphql-response+json' });
    expect(graphqlJson.type).toMatch(/^application\/graphql-response\+json/);
    const batch = await post(server.url, [query, query]);
    expect(batch.status).toBe(200);
    expect(JSON.parse(batch.text)).toHaveLength(2);
    await post(server.url, { ...query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(served).not.toHaveBeenCalled();
  });
});
