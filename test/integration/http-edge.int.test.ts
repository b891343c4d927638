/**
 * The HTTP edge (src/http/edge.ts) against the seeded Neo4j, through raw node:http requests so
 * that headers and bytes are seen as sent: CORS (preflight, cross-origin reads, a configured list
 * of origins, a mutation still refused without the key), compression by Accept-Encoding above
 * the threshold (gzip and brotli, decompressed back to the same answer; a small answer left
 * alone), and the WebSocket of /graphql with a graphql-ws client.
 */
import { Client, createClient } from 'graphql-ws';
import http from 'node:http';
import zlib from 'node:zlib';
import WebSocket from 'ws';
import { COMPRESSION_THRESHOLD_BYTES } from '../../src/http/edge';
import { startTestServer, TestServer } from '../support/server';

const ORIGIN = 'https://elsewhere.example';
const KEY = 'http-edge-test-key-0123456789abcdef';
/** An answer of several KB: the seed trial's outcomes with their measurements. */
const LARGE =
  '{ study(id: "hae-vs-hace-midgut") { outcomes { name measurements { value unit evidence { quote } } } } }';
const SMALL = '{ __typename }';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as received, before any decoding. */
  bytes: Buffer;
}

/** One request whose answer is read as bytes, undecoded. */
function send(
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (server: TestServer, query: string, headers: Record<string, string> = {}) =>
  send(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

/** The body decoded by its Content-Encoding, as text. */
function decoded(raw: Raw): string {
  const encoding = raw.headers['content-encoding'];
  if (encoding === 'gzip') return zlib.gunzipSync(raw.bytes).toString('utf8');
  if (encoding === 'br') return zlib.brotliDecompressSync(raw.bytes).toString('utf8');
  expect(encoding).toBeUndefined();
  return raw.bytes.toString('utf8');
}

describe('the HTTP edge', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ apiKey: KEY });
  });
  afterAll(() => server.close());

  describe('CORS', () => {
    it('answers a preflight with 204 and the methods and headers a page may send (the API key, content-type)', async () => {
      const res = await send(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']!.split(/,\s*/)).toEqual(
        expect.arrayContaining(['GET', 'POST']),
      );
      expect(res.headers['access-control-allow-headers']!.split(/,\s*/)).toEqual(
        expect.arrayContaining(['content-type', 'authorization', 'neo4j-bookmarks']),
      );
      expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
      expect(res.bytes.length).toBe(0);
    });

    it('lets a page of another origin read a POST query, a GET query and a read-only route, with the request id exposed', async () => {
      const posted = await post(server, '{ study(id: "promid") { acronym } }', { origin: ORIGIN });
      expect(posted.status).toBe(200);
      expect(JSON.parse(decoded(posted)).data.study.acronym).toBe('PROMID');
      expect(posted.headers['access-control-allow-origin']).toBe('*');
      expect(posted.headers['access-control-expose-headers']!.split(/,\s*/)).toEqual(
        expect.arrayContaining(['x-request-id', 'neo4j-bookmarks']),
      );

      const query = encodeURIComponent('{ study(id: "clarinet") { acronym } }');
      const got = await send(`${server.url}/graphql?query=${query}`, {
        headers: { origin: ORIGIN, 'apollo-require-preflight': 'true' },
      });
      expect(got.status).toBe(200);
      expect(JSON.parse(decoded(got)).data.study.acronym).toBe('CLARINET');
      expect(got.headers['access-control-allow-origin']).toBe('*');

      const fhir = await send(`${server.url}/fhir/Evidence?study=netter-1`, { headers: { origin: ORIGIN } });
      expect(fhir.status).toBe(200);
      expect(JSON.parse(decoded(fhir)).resourceType).toBe('Bundle');
      expect(fhir.headers['access-control-allow-origin']).toBe('*');
    });

    it('still refuses a mutation without the API key from another origin (UNAUTHENTICATED, nothing written)', async () => {
      const missing = 'test-http-edge-no-such-study';
      const res = await post(server, `mutation { deleteStudy(id: "${missing}") { id deleted } }`, { origin: ORIGIN });
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const body = JSON.parse(decoded(res));
      expect(body.data).toBeNull();
      expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('with CORS_ORIGINS set, answers the origins listed and no other', async () => {
      const listed = await startTestServer({ corsOrigins: ['https://allowed.example'] });
      try {
        const preflight = (origin: string) =>
          send(`${listed.url}/graphql`, {
            method: 'OPTIONS',
            headers: {
              origin,
              'access-control-request-method': 'POST',
              'access-control-request-headers': 'content-type',
            },
          });
        const allowed = await preflight('https://allowed.example');
        expect(allowed.status).toBe(204);
        expect(allowed.headers['access-control-allow-origin']).toBe('https://allowed.example');
        expect(allowed.headers.vary).toMatch(/origin/i);
        const other = await preflight(ORIGIN);
        expect(other.headers['access-control-allow-origin']).toBeUndefined();

        const read = await post(listed, SMALL, { origin: ORIGIN });
        expect(read.status).toBe(200);
        expect(read.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await listed.close();
      }
    });
  });

  describe('compression', () => {
    it.each(['gzip', 'br'])(
      'compresses a large JSON answer with %s, which decodes to the uncompressed answer',
      async (encoding) => {
        const plain = await post(server, LARGE);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.bytes.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
        const compressed = await post(server, LARGE, { 'accept-encoding': encoding });
        expect(compressed.status).toBe(200);
        expect(compressed.headers['content-encoding']).toBe(encoding);
        expect(compressed.headers.vary).toMatch(/accept-encoding/i);
        expect(compressed.bytes.length).toBeLessThan(plain.bytes.length);
        // The request ids differ; the data is the same.
        expect(JSON.parse(decoded(compressed)).data).toEqual(JSON.parse(plain.bytes.toString('utf8')).data);
      },
    );

    it('takes brotli when the client accepts both', async () => {
      const res = await post(server, LARGE, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.headers['content-encoding']).toBe('br');
    });

    it('leaves an answer below the threshold uncompressed', async () => {
      const res = await post(server, SMALL, { 'accept-encoding': 'gzip, br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.bytes.length).toBeLessThan(COMPRESSION_THRESHOLD_BYTES);
      expect(JSON.parse(res.bytes.toString('utf8')).data).toEqual({ __typename: 'Query' });
    });

    it('compresses a CSV export and an SVG plot, which decode to the uncompressed files', async () => {
      for (const path of [
        '/export/compare-outcome.csv?outcomeConcept=progression-free-survival&first=5',
        '/plots/forest.svg?outcomeConcept=progression-free-survival&effectMeasure=HAZARD_RATIO&studies=radiant-2,radiant-3,radiant-4',
      ]) {
        const plain = await send(`${server.url}${path}`);
        expect({ path, status: plain.status }).toEqual({ path, status: 200 });
        const compressed = await send(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
        expect({ path, encoding: compressed.headers['content-encoding'] }).toEqual({ path, encoding: 'gzip' });
        expect(decoded(compressed)).toBe(plain.bytes.toString('utf8'));
      }
    });
  });

  describe('the WebSocket of /graphql (graphql-ws)', () => {
    let client: Client;
    beforeAll(() => {
      client = createClient({
        url: `${server.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
      });
    });
    afterAll(() => client.dispose());

    /** Runs one operation over the socket and returns what the server sent for it. */
    const over = (query: string) =>
      new Promise<{ data?: any; errors?: any[] }>((resolve, reject) => {
        let result: { data?: any; errors?: any[] } = {};
        client.subscribe(
          { query },
          {
            next: (value) => (result = value as typeof result),
            error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
            complete: () => resolve(result),
          },
        );
      });

    it('runs a query through the same pipeline as POST /graphql', async () => {
      const result = await over('{ study(id: "promid") { acronym arms { label } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data.study.acronym).toBe('PROMID');
      expect(result.data.study.arms.length).toBeGreaterThan(0);
    });

    it('applies the limits of /graphql, and validates a subscription as it validates a query', async () => {
      let nested = 'id';
      for (let i = 0; i < 6; i += 1) nested = `arms { study { ${nested} } }`;
      const deep = await over(`{ study(id: "promid") { ${nested} } }`);
      expect(deep.errors?.[0].extensions.code).toBe('QUERY_TOO_DEEP');
      const subscription = await over('subscription { studies { totalCount } }');
      expect(subscription.errors?.[0]).toMatchObject({
        message: 'Cannot query field "studies" on type "Subscription".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const broken = await over('{ study(id: "promid") { acronym ');
      expect(broken.errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    });
  });
});
