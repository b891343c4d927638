import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handleProtocols } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Config } from '../config';
import { ErrorCode } from '../errors';
import { BOOKMARKS_HEADER } from './bookmarks';
import { errorAnswerOf } from './errors';
import { pageConstraint } from './routing';

export type { DatabaseState } from './pipeline';

/** Largest request body accepted on /graphql, in bytes (and largest message on its socket). */
export const MAX_BODY_BYTES = 100 * 1024;
/** Largest body of a request that carries the right API key (ClinicalTrials.gov records of up to 2 MB each for importClinicalTrialsGov). */
export const MAX_WRITE_BODY_BYTES = 4 * 1024 * 1024;
/** Operations per batched request (a JSON array body). */
export const MAX_BATCH = 10;
/** Answers smaller than this are sent uncompressed: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;
/** The media types compressed: JSON (GraphQL, FHIR), CSV, HTML, JavaScript, CSS, SVG, Atom. */
const COMPRESSIBLE =
  /^(?:application\/(?:[\w.-]+\+)?json|application\/javascript|application\/atom\+xml|text\/(?:csv|html|javascript|css)|image\/svg\+xml)(?:;|$)/;
/** Request headers a page of another origin may send: the body's type, the API key, bookmarks, a request id, Apollo's CSRF headers. */
const CORS_REQUEST_HEADERS = [
  'content-type',
  'authorization',
  BOOKMARKS_HEADER,
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

export type RequestLog = (entry: Record<string, unknown>) => void;

/** The HTTP edge: Fastify with our hooks, errors, CORS, compression and WebSocket support; the routes are registered on it. */
export interface Edge {
  fastify: FastifyInstance;
  /** Fastify's request listener, to mount on a node:http server of the caller's (without the WebSocket upgrade). */
  handler: http.RequestListener;
  /** Refuse new requests with 503 from now on, and close the sockets (graceful shutdown). */
  drain(): void;
  /** Requests being handled now (an open socket counts until it closes). */
  inFlight(): number;
}

/**
 * Builds the edge: request ids (x-request-id, the client's when well-formed), the request log,
 * draining, errors answered in the GraphQL shape with their code and request id, 404s,
 * CORS (CORS_ORIGINS), compression by Accept-Encoding, and WebSocket upgrades.
 */
export async function createEdge(config: Config, log: RequestLog): Promise<Edge> {
  let handler!: http.RequestListener;
  const fastify = Fastify({
    serverFactory: (listener) => http.createServer((handler = listener)),
    genReqId: requestIdOf,
    requestIdHeader: false,
    exposeHeadRoutes: false,
    routerOptions: { constraints: { page: pageConstraint } },
    frameworkErrors: (error, request, reply) => sendError(reply, request, error, log),
  });
  const state = { draining: false, inFlight: 0 };
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (state.draining) return reply.code(503).header('connection', 'close').send({ status: 'shutting down' });
    track(request, reply, state, log);
  });
  fastify.setErrorHandler((error, request, reply) => sendError(reply, request, error, log));
  fastify.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found', graphql: '/graphql' }));
  await fastify.register(fastifyCors, {
    origin: config.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: ['x-request-id', BOOKMARKS_HEADER],
    maxAge: 600,
  });
  await fastify.register(fastifyCompress, {
    globalDecompression: false,
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
  });
  await fastify.register(fastifyWebsocket, { options: { maxPayload: MAX_BODY_BYTES, handleProtocols } });
  const drain = () => {
    state.draining = true;
    for (const socket of fastify.websocketServer.clients) socket.close(1001, 'The server is shutting down.');
  };
  return { fastify, handler, drain, inFlight: () => state.inFlight };
}

function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Counts the request in flight until its response closes, then logs it. */
function track(request: FastifyRequest, reply: FastifyReply, state: { inFlight: number }, log: RequestLog): void {
  const started = Date.now();
  state.inFlight += 1;
  reply.raw.once('close', () => {
    state.inFlight -= 1;
    log({
      requestId: request.id,
      method: request.method,
      url: request.url,
      status: reply.raw.statusCode,
      ms: Date.now() - started,
    });
  });
}

/** An error response in the GraphQL shape, for requests refused or failed outside GraphQL execution. */
function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown, log: RequestLog): FastifyReply {
  const answer = errorAnswerOf(error);
  if (answer.code === ErrorCode.INTERNAL_SERVER_ERROR)
    log({ requestId: request.id, level: 'error', error: (error as Error)?.stack ?? String(error) });
  if (reply.raw.headersSent) {
    reply.raw.destroy();
    return reply;
  }
  return reply
    .code(answer.status)
    .header('x-request-id', request.id)
    .headers(answer.headers)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message: answer.message, extensions: { code: answer.code, requestId: request.id } }] });
}
