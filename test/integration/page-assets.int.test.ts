/**
 * The pages' assets over real HTTP (raw node:http, so that headers and bytes are seen as sent):
 * the browser bundles (explore.js, playground.js) and a package file each answer 200 with their
 * type, a cache lifetime and an ETag; a request naming that ETag answers 304 without a body; a
 * compressed answer carries the same ETag and decodes to the same bytes; a name outside the
 * allow-list, however encoded, is 404.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { exploreAsset } from '../../src/explore/explore.assets';
import { playgroundAsset } from '../../src/playground/playground';
import { startTestServer, TestServer } from '../support/server';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

/** One GET whose answer is read as bytes, undecoded. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe("the pages' assets", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const ASSETS = [
    { path: '/explore-assets/explore.js', bytes: () => exploreAsset('explore.js')!.body },
    { path: '/explore-assets/cytoscape.min.js', bytes: () => exploreAsset('cytoscape.min.js')!.body },
    { path: '/playground-assets/playground.js', bytes: () => playgroundAsset('playground.js')!.body },
    { path: '/playground-assets/graphiql.min.js', bytes: () => playgroundAsset('graphiql.min.js')!.body },
  ];

  it.each(ASSETS)(
    '$path: 200 with its type, a cache lifetime and an ETag; 304 when the ETag is sent back',
    async ({ path, bytes }) => {
      const first = await get(`${server.url}${path}`);
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(first.headers['cache-control']).toBe('public, max-age=3600');
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      expect(first.headers.etag).toMatch(/^W\/"[\w-]{27}"$/);
      expect(first.bytes.equals(bytes())).toBe(true);

      const again = await get(`${server.url}${path}`, { 'if-none-match': first.headers.etag! });
      expect(again.status).toBe(304);
      expect(again.bytes.length).toBe(0);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['cache-control']).toBe('public, max-age=3600');

      const other = await get(`${server.url}${path}`, { 'if-none-match': 'W/"something-else"' });
      expect(other.status).toBe(200);
    },
  );

  it('sends a bundle compressed under the same ETag, decoding to the same bytes', async () => {
    const plain = await get(`${server.url}/playground-assets/playground.js`);
    const compressed = await get(`${server.url}/playground-assets/playground.js`, { 'accept-encoding': 'gzip' });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers.etag).toBe(plain.headers.etag);
    expect(zlib.gunzipSync(compressed.bytes).equals(plain.bytes)).toBe(true);
  });

  it('answers 404 for any name outside the allow-lists', async () => {
    for (const path of [
      '/explore-assets/nope.js',
      '/explore-assets/..%2Fpackage.json',
      '/explore-assets/%2e%2e/%2e%2e/package.json',
      '/playground-assets/..%2F..%2Fpackage.json',
      '/playground-assets/browser/playground.ts',
      '/playground-assets/',
    ]) {
      const res = await get(`${server.url}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
