/**
 * Graceful shutdown of the real process: `node <build>/src/index.js` (compiled here from src/ with
 * tsconfig.build.json) over the shared test Neo4j, with SEED_ON_START=false. Requests are in
 * flight when SIGTERM arrives: they finish with 200 and their data, a new request is refused (503
 * or connection refused), and the process exits with code 0. (SHUTDOWN_GRACE_MS is raised, so
 * that the drain's deadline does not cut the requests on a loaded machine.)
 *
 * "In flight" is made certain, not hoped for: each request sends its headers and half its body,
 * and sends the rest only after the server has logged that it handles SIGTERM. (Relying on slow
 * operations still running at SIGTERM raced: on a quick moment they had all finished before it.)
 */
import http from 'node:http';
import {
  buildPrivateDist,
  establishedSockets,
  request,
  ServerProcess,
  sleep,
  startServerProcess,
} from '../security/helpers';

jest.setTimeout(240_000);

/** A read that takes a while: related studies and a cross-study outcome table, with evidence quotes (cost < 5000). */
const SLOW = `{
  r: relatedStudies(id: "promid", first: 20) { score shared { id name } study { id acronym outcomes { name measurements { value evidence { quote } } } } }
  c: compareOutcome(outcomeConcept: "progression-free-survival", first: 30) { totalCount edges { node { study { acronym } arm { label } measurement { value evidence { quote } } comparisons { estimate } } } }
}`;

interface Held {
  /** Resolves once the headers and the first half of the body have been handed to the socket. */
  written: Promise<void>;
  /** Sends the rest of the body. */
  finish(): void;
  response: Promise<{ status: number; body: any; doneAt: number }>;
}

/** POSTs a JSON body over a fresh connection, holding back the second half of the body until `finish()`. */
function postHeld(port: number, body: unknown): Held {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  const half = Math.floor(bytes.length / 2);
  let req!: http.ClientRequest;
  let markWritten: () => void;
  const written = new Promise<void>((resolve) => (markWritten = resolve));
  const response = new Promise<{ status: number; body: any; doneAt: number }>((resolve, reject) => {
    req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, doneAt: Date.now() });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, half), () => markWritten());
  return { written, finish: () => req.end(bytes.subarray(half)), response };
}

/** POSTs a whole JSON body over a fresh connection. */
function post(port: number, body: unknown): Promise<{ status: number; body: any; doneAt: number }> {
  const held = postHeld(port, body);
  held.finish();
  return held.response;
}

/**
 * Resolves once the server has read everything sent to it on at least `count` connections (every
 * receive queue of its established sockets is empty, as /proc/net/tcp and tcp6 show them): node's
 * HTTP parser runs as it reads, so each request has then reached the handler, which counts it in
 * flight. The connections stay open while their bodies are held back, so the condition cannot
 * pass and then vanish.
 */
async function serverHasRead(port: number, count: number, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const queues = establishedSockets()
      .filter((s) => s.localPort === port)
      .map((s) => s.rxQueue);
    if (queues.length >= count && queues.every((q) => q === 0)) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `the server did not read the requests within ${timeoutMs} ms: receive queues ${JSON.stringify(queues)}`,
      );
    await sleep(20);
  }
}

describe('shutdown: SIGTERM drains requests in flight and exits 0', () => {
  let build: Awaited<ReturnType<typeof buildPrivateDist>>;
  let server: ServerProcess | undefined;
  let port: number;

  beforeAll(async () => {
    build = await buildPrivateDist('shutdown');
    server = await startServerProcess(build.outDir, {
      API_KEY: '',
      // The machine is slow under load: neither the request deadline nor the drain may cut the slow requests.
      REQUEST_TIMEOUT_MS: '60000',
      READ_TIMEOUT_MS: '60000',
      SHUTDOWN_GRACE_MS: '60000',
    });
    port = server.port;
  });

  afterAll(() => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    build?.remove();
  });

  it('finishes the requests in flight with 200 and data, refuses new ones, exits with code 0', async () => {
    // Warm up (the first request pays for loaders and query plans), and measure one slow request.
    const warmStart = Date.now();
    const warm = await post(port, { query: SLOW });
    expect(warm.status).toBe(200);

    // Six batches of three slow operations, each with half its body sent; SIGTERM once the server
    // has read them all (each has then reached the handler and counts as in flight).
    const sent = Array.from({ length: 6 }, () =>
      postHeld(
        port,
        Array.from({ length: 3 }, () => ({ query: SLOW })),
      ),
    );
    await Promise.all(sent.map((s) => s.written));
    await serverHasRead(port, sent.length);
    const sigtermAt = Date.now();
    server!.child.kill('SIGTERM');

    // A new request after SIGTERM: 503 while draining, or no connection at all once the listener is closed.
    // It is sent once the server has handled the signal (it logs before it starts draining): a
    // request that arrives before the signal is handled is rightly served.
    const handledAt = Date.now();
    while (!/SIGTERM: finishing requests in flight/.test(server!.stderr())) {
      if (Date.now() - handledAt > 20_000)
        throw new Error(`the server did not log its SIGTERM handling within 20 s:\n${server!.stderr()}`);
      await sleep(10);
    }
    const late = await request(`http://127.0.0.1:${port}/graphql`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ study(id: "promid") { acronym } }' }),
    }).then(
      (r) => ({ status: r.status, error: null as string | null }),
      (e: Error & { cause?: { code?: string } }) => ({ status: 0, error: e.cause?.code ?? e.message }),
    );
    if (late.status !== 0) expect(late.status).toBe(503);
    else expect(late.error).toMatch(/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|other side closed/);
    // The same on a new connection.
    const fresh = await post(port, { query: '{ study(id: "promid") { acronym } }' }).then(
      (r) => ({ status: r.status, error: null as string | null }),
      (e: NodeJS.ErrnoException) => ({ status: 0, error: e.code ?? e.message }),
    );
    if (fresh.status !== 0) expect(fresh.status).toBe(503);
    else expect(fresh.error).toMatch(/ECONNREFUSED|ECONNRESET/);

    // Now the requests in flight send the rest of their bodies, and run while the server drains.
    for (const s of sent) s.finish();
    const responses = await Promise.all(sent.map((s) => s.response));
    for (const res of responses) {
      expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
      for (const result of Array.isArray(res.body) ? res.body : [res.body]) {
        expect(result.errors).toBeUndefined();
        expect(result.data.r.length).toBeGreaterThan(0);
        expect(result.data.c.totalCount).toBeGreaterThan(0);
      }
    }
    // Each request was answered after SIGTERM, while the server drained.
    for (const res of responses) expect(res.doneAt).toBeGreaterThan(sigtermAt);
    const lastDone = Math.max(...responses.map((r) => r.doneAt));

    const exit = await server!.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(server!.stderr()).toMatch(/SIGTERM: finishing requests in flight/);
    expect(server!.stderr()).toMatch(/Stopped\./);
    console.log(
      `[shutdown] ${responses.length} requests in flight (18 operations) at SIGTERM; the first finished ${Math.min(...responses.map((r) => r.doneAt)) - sigtermAt} ms and the last ${lastDone - sigtermAt} ms after it; ` +
        `requests after SIGTERM: ${late.status || late.error} (pooled connection), ${fresh.status || fresh.error} (new connection); process exited with code ${exit.code} ${exit.at - sigtermAt} ms after SIGTERM (one slow request alone: ${warm.doneAt - warmStart} ms)`,
    );
  });
});
