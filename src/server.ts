import { ApolloServer, ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Config, REPO_ROOT } from './config';
import { Executor } from './db/executor';
import { AppError, ErrorCode } from './errors';
import { Context, createContext } from './graphql/context';
import { buildAppSchema } from './graphql/schema';
import { PLAYGROUND_ASSET_PREFIX, playgroundAsset, renderPlaygroundPage } from './playground/playground';

/** Largest request body accepted on /graphql, in bytes. */
export const MAX_BODY_BYTES = 100 * 1024;

/** What the HTTP layer needs to know about the database: the executor once connected, and readiness. */
export interface DatabaseState {
  executor: Executor | null;
  /** Resolves to null when ready, or the reason it is not. */
  notReadyReason(): Promise<string | null>;
}

export interface App {
  /** The request handler, to mount on a node:http server (tests call it through a real server on port 0). */
  handler: http.RequestListener;
  apollo: ApolloServer<Context>;
  /** Refuse new requests with 503 from now on (graceful shutdown). */
  drain(): void;
  /** Requests being handled now. */
  inFlight(): number;
}

const EXAMPLES_FILE = path.join(REPO_ROOT, 'schema', 'examples.graphql');

/** Builds the GraphQL server and its HTTP handler, without listening. */
export async function createApp(config: Config, db: DatabaseState, log: (entry: Record<string, unknown>) => void = () => {}): Promise<App> {
  const schema = await buildAppSchema();
  const production = config.nodeEnv === 'production';
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !production,
    plugins: [costPlugin()],
    formatError: (formatted, error) => formatError(formatted, error, production),
  });
  await apollo.start();

  const examples = fs.existsSync(EXAMPLES_FILE) ? fs.readFileSync(EXAMPLES_FILE, 'utf8') : '{ __typename }';
  const playgroundPage = renderPlaygroundPage({ endpoint: '/graphql', examples, title: 'NET Trials Knowledge Graph' });
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
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } }] });
      else res.end();
    });
  };

  async function route(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
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
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found', graphql: '/graphql' });
    if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !url.search) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(playgroundPage);
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return sendJson(res, 405, { errors: [{ message: 'Use GET or POST.', extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
    }
    const body = await readBody(req);
    if (body === null) {
      return sendJson(res, 413, {
        errors: [{ message: `Request body larger than ${MAX_BODY_BYTES} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE', requestId } }],
      });
    }
    await executeGraphQL(req, res, url, body, requestId);
  }

  async function executeGraphQL(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string, requestId: string): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let parsedBody: unknown = undefined;
    if (req.method === 'POST' && body.length > 0) {
      const type = headers.get('content-type') ?? '';
      if (type.includes('application/json')) {
        try {
          parsedBody = JSON.parse(body);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', requestId } }] });
        }
      } else {
        parsedBody = body;
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: url.search, body: parsedBody },
      context: async () => {
        if (!db.executor) throw new AppError(ErrorCode.DATABASE_UNAVAILABLE, 'The database is not connected yet; retry shortly.', { http: { status: 503 } });
        return createContext(db.executor, requestId);
      },
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return void res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    handler,
    apollo,
    drain: () => {
      draining = true;
    },
    inFlight: () => inFlight,
  };
}

/** Adds the request id to every error and the number of database round trips to the response extensions. */
function costPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single' || !contextValue?.counter) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, requestId: contextValue.requestId, cost: { dbRoundTrips: contextValue.counter.roundTrips } };
          for (const error of result.errors ?? []) (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
        },
      };
    },
  };
}

/** Known errors keep their message and code; anything unexpected is hidden behind a generic message in production. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code as string | undefined;
  if (original instanceof AppError || (code && code !== ErrorCode.INTERNAL_SERVER_ERROR)) return formatted;
  if (!production) return formatted;
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Reads the body as UTF-8, or null when it exceeds MAX_BODY_BYTES (reading stops there). */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
