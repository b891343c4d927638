import { ApolloServer, HeaderMap, HTTPGraphQLResponse } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { writeAccessOf, writeKeys } from '../auth';
import { Config, REPO_ROOT } from '../config';
import { Executor } from '../db/executor';
import { AppError, ErrorCode } from '../errors';
import { exploreAnswer, isExplorePath, SEED_EXPLORE_URL } from '../explore/explore.route';
import { csvOf, CsvExport, drained, EXPORT_PATH_PREFIX, exportAt, exportPageOf, exportRequestOf, tooLarge } from '../export/export.route';
import { baseUrlOf, FHIR_BASE, FHIR_CONTENT_TYPE, FHIR_QUERY, fhirAnswerOf, fhirRefusal, fhirRequestOf, FhirResponse } from '../fhir/fhir.route';
import { Context, createContext } from '../graphql/context';
import { LimitCode } from '../graphql/limits';
import { PLAYGROUND_ASSET_PREFIX, playgroundAsset, renderPlaygroundPage } from '../playground/playground';
import { FOREST_PATH, FOREST_QUERY, forestOf, forestVariables } from '../pooling/forest.route';
import { BOOKMARKS_HEADER, bookmarksOf } from './bookmarks';
import { HTTP_STATUS } from './errors';

/** Largest request body accepted on /graphql, in bytes. */
export const MAX_BODY_BYTES = 100 * 1024;
/** Largest body of a request that carries the right API key (ClinicalTrials.gov records of up to 2 MB each for importClinicalTrialsGov). */
export const MAX_WRITE_BODY_BYTES = 4 * 1024 * 1024;
/** Operations per batched request (a JSON array body). */
export const MAX_BATCH = 10;

/** What the HTTP layer needs to know about the database: the executor once connected, and readiness. */
export interface DatabaseState {
  executor: Executor | null;
  /** Resolves to null when ready, or the reason it is not. */
  notReadyReason(): Promise<string | null>;
  /**
   * Calls `listener` when Neo4j is found unreachable; returns the unsubscribe function. Requests
   * still waiting on Neo4j are then answered DATABASE_UNAVAILABLE at once (their work is
   * abandoned, as at the deadline) instead of each waiting for the driver to give up.
   */
  onceUnavailable?(listener: () => void): () => void;
}

export interface HttpHandler {
  /** The request listener, to mount on a node:http server. */
  handler: http.RequestListener;
  /** Refuse new requests with 503 from now on (graceful shutdown). */
  drain(): void;
  /** Requests being handled now. */
  inFlight(): number;
}

const EXAMPLES_FILE = path.join(REPO_ROOT, 'schema', 'examples.graphql');

/** A refusal of the handler: the status, the stable code and a message for the client. */
type Refusal = [status: number, code: string, message: string];
const refusal = (code: string, message: string, status = HTTP_STATUS[code]): Refusal => [status, code, message];

/**
 * The HTTP side of the server: health endpoints, the playground, the explorer, the forest plot, and /graphql with its request
 * ids, body limit, batch and query-length checks, bookmarks, deadline and outage handling,
 * in front of Apollo; draining for graceful shutdown.
 */
export function createHttpHandler(config: Config, apollo: ApolloServer<Context>, db: DatabaseState, log: (entry: Record<string, unknown>) => void): HttpHandler {
  const examples = fs.existsSync(EXAMPLES_FILE) ? fs.readFileSync(EXAMPLES_FILE, 'utf8') : '{ __typename }';
  const playgroundPage = renderPlaygroundPage({ endpoint: '/graphql', examples, title: 'NET Trials Knowledge Graph', explorerUrl: SEED_EXPLORE_URL });
  const keys = writeKeys(config);
  let draining = false;
  let inFlight = 0;

  const handler: http.RequestListener = (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    if (draining) {
      res.setHeader('connection', 'close');
      return sendJson(res, 503, { status: 'shutting down' });
    }
    inFlight += 1;
    const started = Date.now();
    res.on('close', () => {
      inFlight -= 1;
      log({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Date.now() - started });
    });
    route(req, res, requestId).catch((error) => {
      log({ requestId, level: 'error', error: (error as Error).stack });
      if (!res.headersSent) sendError(res, [500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'], requestId);
      else res.end();
    });
  };

  async function route(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): Promise<void> {
    const url = req.url === '/graphql' ? GRAPHQL_URL : new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/health/ready') {
      const reason = await db.notReadyReason();
      return reason === null ? sendJson(res, 200, { status: 'ready' }) : sendJson(res, 503, { status: 'not ready', reason });
    }
    if (url.pathname.startsWith(PLAYGROUND_ASSET_PREFIX) && req.method === 'GET') {
      const asset = playgroundAsset(url.pathname.slice(PLAYGROUND_ASSET_PREFIX.length));
      if (!asset) return sendJson(res, 404, { error: 'not found' });
      res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600' });
      return void res.end(asset.body);
    }
    if (url.pathname === FOREST_PATH) {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendError(res, refusal(ErrorCode.METHOD_NOT_ALLOWED, 'Use GET.'), requestId);
      }
      return forestPlot(req, res, url, requestId);
    }
    const csvExport = url.pathname.startsWith(EXPORT_PATH_PREFIX) ? exportAt(url.pathname) : undefined;
    if (csvExport) {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendError(res, refusal(ErrorCode.METHOD_NOT_ALLOWED, 'Use GET.'), requestId);
      }
      return exportCsv(req, res, url, csvExport, requestId);
    }
    if (url.pathname === FHIR_BASE || url.pathname.startsWith(`${FHIR_BASE}/`)) return fhirEvidence(req, res, url, requestId);
    if (isExplorePath(url.pathname)) {
      const answer = exploreAnswer(req.method, url, { endpoint: '/graphql', playground: '/graphql' });
      if ('refusal' in answer) {
        if (answer.allow) res.setHeader('allow', answer.allow);
        return sendError(res, answer.refusal, requestId);
      }
      res.writeHead(answer.status, answer.headers);
      return void res.end(answer.body);
    }
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found', graphql: '/graphql' });
    if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !url.search) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(playgroundPage);
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return sendError(res, refusal(ErrorCode.METHOD_NOT_ALLOWED, 'Use GET or POST.'), requestId);
    }
    const limit = writeAccessOf(req.headers.authorization, keys).access === 'GRANTED' ? MAX_WRITE_BODY_BYTES : MAX_BODY_BYTES;
    const body = await readBody(req, limit);
    if (body === null) return sendError(res, refusal(ErrorCode.PAYLOAD_TOO_LARGE, `Request body larger than ${limit} bytes.`), requestId);
    await executeGraphQL(req, res, url, body, requestId);
  }

  /** Rejects, before parsing, bodies that are not JSON, batches above MAX_BATCH and query texts above the length limit. */
  function checkRequest(req: http.IncomingMessage, url: URL, body: string): { parsed?: unknown; error?: Refusal } {
    const texts: unknown[] = [];
    let parsed: unknown = undefined;
    if (req.method === 'POST') {
      if (!(req.headers['content-type'] ?? '').includes('application/json')) {
        return { error: refusal(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the operation as JSON with "Content-Type: application/json".') };
      }
      try {
        parsed = JSON.parse(body);
      } catch {
        return { error: refusal(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.', 400) };
      }
      if (Array.isArray(parsed)) {
        if (parsed.length === 0 || parsed.length > MAX_BATCH) {
          return { error: refusal(ErrorCode.BATCH_TOO_LARGE, `A batch holds 1 to ${MAX_BATCH} operations (got ${parsed.length}).`) };
        }
        texts.push(...parsed.map((op) => (op as { query?: unknown })?.query));
      } else texts.push((parsed as { query?: unknown } | null)?.query);
    } else texts.push(url.searchParams.get('query'));
    const longest = Math.max(0, ...texts.map((t) => (typeof t === 'string' ? t.length : 0)));
    if (longest > config.limits.maxQueryLength) {
      return { error: refusal(LimitCode.length, `Query text of ${longest} characters exceeds the limit of ${config.limits.maxQueryLength}.`) };
    }
    return { parsed };
  }

  async function executeGraphQL(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string, requestId: string): Promise<void> {
    const checked = checkRequest(req, url, body);
    if (checked.error) return sendError(res, checked.error, requestId);
    const outcome = await runGraphQL(req.headers, req.method!.toUpperCase(), url.search, checked.parsed, requestId);
    if ('refusal' in outcome) return sendError(res, outcome.refusal, requestId);
    const result = outcome.result;
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return void res.end(withRequestId(result.body.string, requestId));
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /**
   * Runs one GraphQL request through Apollo with the request's headers (bookmarks, API key),
   * under the request deadline and the outage watch: Apollo's response, or the refusal.
   */
  async function runGraphQL(
    requestHeaders: http.IncomingHttpHeaders,
    method: string,
    search: string,
    parsed: unknown,
    requestId: string,
  ): Promise<{ result: HTTPGraphQLResponse } | { refusal: Refusal }> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(requestHeaders)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const bookmarks = bookmarksOf(requestHeaders[BOOKMARKS_HEADER]);
    if ('error' in bookmarks) return { refusal: refusal(ErrorCode.INVALID_BOOKMARKS, bookmarks.error) };
    const { access, writer } = writeAccessOf(requestHeaders.authorization, keys);
    const execution = apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body: parsed },
      context: async () => {
        if (!db.executor) {
          // Apollo answers a failed context itself, with the status the error carries.
          const status = HTTP_STATUS[ErrorCode.DATABASE_UNAVAILABLE];
          throw new AppError(ErrorCode.DATABASE_UNAVAILABLE, 'The database is not available right now; retry shortly.', { http: { status } });
        }
        return createContext(db.executor, requestId, access, bookmarks.bookmarks, writer);
      },
    });
    // The request deadline: reads also carry a transaction timeout, so work left behind ends soon after.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), config.requestTimeoutMs);
    });
    let unsubscribe = () => {};
    const outage = new Promise<'unavailable'>((resolve) => {
      unsubscribe = db.onceUnavailable?.(() => resolve('unavailable')) ?? unsubscribe;
    });
    const result = await Promise.race([execution, deadline, outage]).finally(() => {
      clearTimeout(timer);
      unsubscribe();
    });
    if (result === null) {
      execution.catch(() => undefined);
      return { refusal: refusal(ErrorCode.TIMEOUT, `The request took longer than ${config.requestTimeoutMs} ms and was abandoned.`) };
    }
    if (result === 'unavailable') {
      execution.catch(() => undefined);
      return { refusal: refusal(ErrorCode.DATABASE_UNAVAILABLE, 'The database became unavailable while the request ran; retry shortly.') };
    }
    return { result };
  }

  /**
   * GET /plots/forest.svg: poolEstimates run as FOREST_QUERY through the same pipeline as
   * /graphql, drawn as SVG; a wrong parameter or an error of poolEstimates is answered as JSON
   * with its code (400 for bad input, 404 for an unknown concept, 422 for too few comparisons).
   */
  async function forestPlot(req: http.IncomingMessage, res: http.ServerResponse, url: URL, requestId: string): Promise<void> {
    const parsed = forestVariables(url.searchParams);
    if ('argument' in parsed) return sendError(res, refusal(ErrorCode.BAD_USER_INPUT, `Parameter "${parsed.argument}": ${parsed.message}`, 400), requestId);
    // Run as a POST of JSON, which Apollo's CSRF prevention admits.
    const outcome = await runGraphQL({ ...req.headers, 'content-type': 'application/json' }, 'POST', '', { query: FOREST_QUERY, variables: parsed.variables }, requestId);
    if ('refusal' in outcome) return sendError(res, outcome.refusal, requestId);
    const text = outcome.result.body.kind === 'complete' ? outcome.result.body.string : '';
    const answer = JSON.parse(text || '{}') as { data?: { poolEstimates?: unknown } | null; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = answer.errors?.[0];
    if (error || !answer.data?.poolEstimates) {
      const code = error?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
      const status = outcome.result.status && outcome.result.status !== 200 ? outcome.result.status : (FOREST_STATUS[code] ?? 500);
      return sendJson(res, status, { errors: (answer.errors ?? []).map((e) => ({ ...e, extensions: { ...e.extensions, requestId } })) });
    }
    res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'x-content-type-options': 'nosniff' });
    res.end(forestOf(answer.data.poolEstimates));
  }

  /**
   * GET /export/*.csv: the export's query run page by page through the same pipeline as
   * /graphql (each page its own request: limits, deadline, one Cypher statement), each page
   * written as CSV as it arrives, waiting for the client to drain. Bad parameters, an unknown
   * key and a table above EXPORT_MAX_ROWS are refused as JSON before any row is sent; a page
   * that fails after the header was sent destroys the connection, so that a cut file cannot be
   * taken for a whole one.
   */
  async function exportCsv(req: http.IncomingMessage, res: http.ServerResponse, url: URL, spec: CsvExport, requestId: string): Promise<void> {
    const request = exportRequestOf(spec, url.searchParams);
    if ('argument' in request) return sendError(res, refusal(ErrorCode.BAD_USER_INPUT, `Parameter "${request.argument}": ${request.message}`, 400), requestId);
    const headers = { ...req.headers, 'content-type': 'application/json' };
    let after = request.after;
    let rowsSent = 0;
    for (let pageIndex = 0; ; pageIndex += 1) {
      const outcome = await runGraphQL(headers, 'POST', '', { query: spec.query, variables: { ...request.variables, first: request.pageSize, after } }, requestId);
      const text = 'result' in outcome && outcome.result.body.kind === 'complete' ? outcome.result.body.string : '';
      const answer = 'refusal' in outcome ? null : exportPageOf(spec, outcome.result.status, text);
      if (!answer || 'errors' in answer) {
        if (res.headersSent) {
          log({ requestId, level: 'error', export: spec.path, rowsSent, error: 'refusal' in outcome ? outcome.refusal[1] : answer?.errors[0]?.extensions?.code });
          return void res.destroy();
        }
        if ('refusal' in outcome) return sendError(res, outcome.refusal, requestId);
        return sendJson(res, answer!.status, { errors: answer!.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } })) });
      }
      const { page } = answer;
      if (pageIndex === 0) {
        const refused = tooLarge(page.totalCount, spec.maxRows);
        if (refused) return sendError(res, refusal(ErrorCode.EXPORT_TOO_LARGE, refused, 422), requestId);
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': `attachment; filename="${spec.filename}"`, 'x-content-type-options': 'nosniff' });
      }
      const more = res.write(csvOf(spec.columns, page.rows, pageIndex === 0));
      rowsSent += page.rows.length;
      if (!more) await drained(res);
      if (res.destroyed) return;
      if (!page.hasNextPage || !page.endCursor) return void res.end();
      after = page.endCursor;
    }
  }

  /**
   * GET /fhir/Evidence?study=ID and /fhir/Evidence/{id}: FHIR_QUERY run through the same pipeline
   * as /graphql, answered as FHIR R5 JSON (src/fhir/), errors as an OperationOutcome with its status.
   */
  async function fhirEvidence(req: http.IncomingMessage, res: http.ServerResponse, url: URL, requestId: string): Promise<void> {
    const request = fhirRequestOf(req.method ?? 'GET', url);
    if ('status' in request) return sendFhir(res, request);
    const outcome = await runGraphQL({ ...req.headers, 'content-type': 'application/json' }, 'POST', '', { query: FHIR_QUERY, variables: { study: request.study } }, requestId);
    if ('refusal' in outcome) return sendFhir(res, fhirRefusal(...outcome.refusal));
    const text = outcome.result.body.kind === 'complete' ? outcome.result.body.string : '';
    const forwardedProto = req.headers['x-forwarded-proto'];
    sendFhir(res, fhirAnswerOf(request, outcome.result.status, text, baseUrlOf(req.headers.host, typeof forwardedProto === 'string' ? forwardedProto : undefined)));
  }

  return {
    handler,
    drain: () => {
      draining = true;
    },
    inFlight: () => inFlight,
  };
}

/** The status of a forest plot that poolEstimates refused, by the code of its error (the field errors that leave /graphql at 200). */
const FOREST_STATUS: Readonly<Record<string, number>> = { [ErrorCode.BAD_USER_INPUT]: 400, [ErrorCode.NOT_FOUND]: 404, [ErrorCode.TOO_FEW_COMPARISONS]: 422 };

/** The URL of every POST to /graphql, parsed once (only read, never changed). */
const GRAPHQL_URL = new URL('/graphql', 'http://localhost');

function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Reads the body as UTF-8, or null when it exceeds `limit` bytes (reading stops there). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Adds the request id to every error of a response body: those of execution, and those Apollo
 * reports before any plugin runs (CSRF prevention, a failing context such as DATABASE_UNAVAILABLE).
 */
function withRequestId(body: string, requestId: string): string {
  // Apollo writes a result's `errors` first (and an error response is `{"errors": …}`), so a
  // single result says at its start whether it has any; a batch is searched.
  if (body.startsWith('{') ? !body.startsWith('{"errors"') : !body.includes('"errors"')) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  let changed = false;
  for (const result of Array.isArray(parsed) ? parsed : [parsed]) {
    for (const error of (result as { errors?: { extensions?: Record<string, unknown> }[] } | null)?.errors ?? []) {
      if (error.extensions?.requestId !== undefined) continue;
      error.extensions = { ...error.extensions, requestId };
      changed = true;
    }
  }
  return changed ? JSON.stringify(parsed) : body;
}

/** An error response in the GraphQL shape, for requests refused before execution. */
function sendError(res: http.ServerResponse, [status, code, message]: Refusal, requestId: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, requestId } }] });
}

function sendFhir(res: http.ServerResponse, { status, body, allow }: FhirResponse): void {
  if (allow) res.setHeader('allow', allow);
  res.writeHead(status, { 'content-type': FHIR_CONTENT_TYPE });
  res.end(JSON.stringify(body));
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
