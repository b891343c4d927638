// GET and POST /graphql: Apollo on Fastify (@as-integrations/fastify), with our body limits,
// batch and query-length checks, the request deadline, request ids in every error, and the
// WebSocket upgrade of the same path (graphql.socket.ts). Other methods are answered 405.
import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLSchema } from 'graphql';
import { Readable, Transform } from 'node:stream';
import { ApiKey, writeAccessOf, writeKeys } from '../../auth';
import { Config } from '../../config';
import { ErrorCode } from '../../errors';
import { runServedRead, ServedRead, servedRead } from '../../graphql/compiled-execution';
import { Context } from '../../graphql/context';
import { OperationCosts } from '../../graphql/limits';
import { MAX_BATCH, MAX_BODY_BYTES, MAX_WRITE_BODY_BYTES } from '../edge';
import { refusal } from '../errors';
import { GraphQLPipeline, queryTooLong } from '../pipeline';
import { refuseOtherMethods } from '../routing';
import { graphqlSocket } from './graphql.socket';

export const GRAPHQL_PATH = '/graphql';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<Context>;
  schema: GraphQLSchema;
  pipeline: GraphQLPipeline;
  config: Config;
  /** The cost of operations, as Apollo's cost limit computes them (src/http/apollo.ts). */
  costs: OperationCosts;
}

/** The content type Apollo gives a single result for these Accept headers (and for none). */
const SERVED_ACCEPT = new Set(['*/*', 'application/json']);
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The served read (src/graphql/compiled-execution.ts) a POST asks for again, if any: one
 * operation with the text and operation name of a read Apollo has run without errors, variables
 * that are an object or absent, no protocol extensions (persisted queries), and an Accept header
 * for which Apollo answers JSON. Anything else goes to Apollo.
 */
function servedReadOf(request: FastifyRequest, schema: GraphQLSchema): ServedRead | undefined {
  const body = request.body as Record<string, unknown> | null;
  if (request.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body;
  if (typeof query !== 'string' || extensions !== undefined) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    return undefined;
  const accept = request.headers.accept;
  if (accept !== undefined && !SERVED_ACCEPT.has(accept.trim())) return undefined;
  return servedRead(schema, query, operationName);
}

export const graphqlRoute: FastifyPluginAsync<GraphQLRouteOptions> = async (
  fastify,
  { apollo, schema, pipeline, config, costs },
) => {
  const keys = writeKeys(config);
  // JSON only: any other body is 415 (Fastify's text/plain parser would hand Apollo a string).
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_WRITE_BODY_BYTES },
    async (_request: FastifyRequest, body: string) => parseJson(body),
  );
  const answer = fastifyApolloHandler(apollo, { context: async (request) => pipeline.contextOf(request) });
  const route = {
    url: GRAPHQL_PATH,
    preParsing: async (request: FastifyRequest, _reply: FastifyReply, payload: Readable) =>
      limitBody(request, payload, keys),
    preValidation: async (request: FastifyRequest) => checkOperations(request, config.limits.maxQueryLength),
    onSend: async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) =>
      typeof payload === 'string' ? withRequestId(payload, request.id) : payload,
    handler: function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      // The integration's handler is typed for a route whose reply is a string; this route also upgrades to a socket.
      const apolloAnswer = () => answer.call(this as never, request as never, reply as never);
      const served = servedReadOf(request, schema);
      if (!served) return pipeline.withinDeadline(Promise.resolve(apolloAnswer()));
      // A read Apollo has run before: the same limits and answer, without its per-request
      // pipeline (hashing, negotiation, plugin hooks). Where it cannot answer, Apollo does.
      return pipeline.withinDeadline(
        (async () => {
          let context: Context;
          try {
            context = pipeline.contextOf(request);
          } catch {
            return apolloAnswer();
          }
          const variables = (request.body as { variables?: Record<string, unknown> | null }).variables ?? {};
          const body = await runServedRead(served, variables, context, costs, config.limits.maxCost);
          if (body === null) return apolloAnswer();
          reply.type(JSON_TYPE);
          return body;
        })(),
      );
    },
  };
  // A WebSocket upgrade is a GET.
  fastify.route({ ...route, method: 'GET', wsHandler: graphqlSocket(schema, pipeline, config) });
  fastify.route({ ...route, method: 'POST' });
  refuseOtherMethods(fastify, GRAPHQL_PATH, ['GET', 'POST']);
};

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw refusal(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.', 400);
  }
}

/**
 * The body limit of a request: MAX_WRITE_BODY_BYTES with the right API key, MAX_BODY_BYTES
 * without. A declared length above it is refused before reading (Fastify refuses a body longer
 * than declared); a chunked body is read to its end (so the client reads the answer) but kept
 * only up to the limit, then refused.
 */
function limitBody(request: FastifyRequest, payload: Readable, keys: readonly ApiKey[]): Readable {
  const limit =
    writeAccessOf(request.headers.authorization, keys).access === 'GRANTED' ? MAX_WRITE_BODY_BYTES : MAX_BODY_BYTES;
  const tooLarge = () => refusal(ErrorCode.PAYLOAD_TOO_LARGE, `Request body larger than ${limit} bytes.`);
  const declared = request.headers['content-length'];
  if (declared !== undefined) {
    if (Number(declared) > limit) throw tooLarge();
    return payload;
  }
  if (limit === MAX_WRITE_BODY_BYTES) return payload;
  let size = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      size += chunk.length;
      next(null, size > limit ? undefined : chunk);
    },
    flush: (next) => next(size > limit ? tooLarge() : null),
  });
  return payload.pipe(capped);
}

/** Refuses, before Apollo parses anything, a POST that is not JSON, a batch outside 1..MAX_BATCH and query texts above the length limit. */
function checkOperations(request: FastifyRequest, maxQueryLength: number): void {
  if (request.method === 'POST' && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    throw refusal(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      'Send the operation as JSON with "Content-Type: application/json".',
    );
  }
  const body = request.body;
  if (Array.isArray(body) && (body.length === 0 || body.length > MAX_BATCH)) {
    throw refusal(ErrorCode.BATCH_TOO_LARGE, `A batch holds 1 to ${MAX_BATCH} operations (got ${body.length}).`);
  }
  const operations = request.method === 'GET' ? [request.query] : Array.isArray(body) ? body : [body];
  const texts = operations.map((operation) => (operation as { query?: unknown } | null)?.query);
  const longest = Math.max(0, ...texts.map((text) => (typeof text === 'string' ? text.length : 0)));
  const tooLong = queryTooLong(longest, maxQueryLength);
  if (tooLong) throw tooLong;
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
