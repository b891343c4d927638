// The WebSocket of /graphql (graphql-ws's graphql-transport-ws protocol). A query or mutation sent
// over it runs through the same pipeline as POST /graphql: limits, cost, deadline, the context of
// the upgrade request (API key, bookmarks), formatting. A subscription cannot run through Apollo:
// it is validated here with the same rules (depth, aliases, directives, expanded selections, the
// token and length limits, cost) and then run by graphql-js's `subscribe`, its events formatted as
// /graphql formats errors. The connection limits (count, operations per connection, idle time,
// pings) are enforced here too.
import type { WebsocketHandler } from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import {
  DocumentNode,
  ExecutionResult,
  FormattedExecutionResult,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLSchema,
  parse,
  specifiedRules,
  subscribe,
  validate,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { CloseCode, Context as SocketContext, makeServer, SubscribePayload } from 'graphql-ws';
import { Config } from '../../config';
import { ErrorCode } from '../../errors';
import {
  armorProtection,
  LimitCode,
  LimitError,
  limitErrorOf,
  MAX_EXPANDED_SELECTIONS,
  maxExpandedSelectionsRule,
  nodeCountEstimator,
  parseOptions,
} from '../../graphql/limits';
import { errorAnswerOf, formatError } from '../errors';
import { GraphQLPipeline, queryTooLong } from '../pipeline';

/** What a query or mutation of the socket carries to execution: the upgrade request and the operation as sent. */
interface SocketOperation {
  request: FastifyRequest;
  payload: SubscribePayload;
}

/** Close codes of this server's own, beside graphql-ws's (4400 bad message, 4408 no ConnectionInit in time…). */
export const SocketClose = {
  /** The server holds WS_MAX_CONNECTIONS connections already: try again later (RFC 6455's "Try Again Later"). */
  tooManyConnections: 1013,
  /** No operation and no message for WS_IDLE_TIMEOUT_MS. */
  idle: 4000,
} as const;

interface Extra {
  request: FastifyRequest;
  /** graphql-ws's context of the connection (its operations), once connected. */
  context?: SocketContext<undefined, Extra>;
}

export function graphqlSocket(schema: GraphQLSchema, pipeline: GraphQLPipeline, config: Config): WebsocketHandler {
  const { limits, socket: socketLimits } = config;
  const production = config.nodeEnv === 'production';
  const rules = [
    ...specifiedRules,
    ...armorProtection(limits, production).validationRules,
    maxExpandedSelectionsRule(),
  ];
  /** The pipeline's answer to an operation, a refusal (deadline, outage) as a result with its error. */
  const run = async ({ request, payload }: SocketOperation): Promise<FormattedExecutionResult> => {
    try {
      const { query, variables, operationName } = payload;
      return (
        await pipeline.execute(request, {
          query,
          variables: variables ?? undefined,
          operationName: operationName ?? undefined,
        })
      ).result;
    } catch (error) {
      const { code, message } = errorAnswerOf(error);
      return { errors: [{ message, extensions: { code, requestId: request.id } }] };
    }
  };
  /** An error as /graphql formats it, with a code and the request id of the connection. */
  const formatted = (error: GraphQLError, request: FastifyRequest, fallbackCode: string): GraphQLError => {
    const code = (error.extensions?.code as string | undefined) ?? limitErrorOf(error)?.code ?? fallbackCode;
    const shown = formatError({ ...error.toJSON(), extensions: { ...error.extensions, code } }, error, production);
    return new GraphQLError(shown.message, {
      path: shown.path,
      extensions: { ...shown.extensions, requestId: request.id },
    });
  };
  const refuse = (request: FastifyRequest, code: string, message: string) => [
    new GraphQLError(message, { extensions: { code, requestId: request.id } }),
  ];

  /** Checks a subscription as Apollo checks a query: validation with the limits' rules, then the cost. */
  const checkSubscription = (request: FastifyRequest, document: DocumentNode, payload: SubscribePayload) => {
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) return invalid.map((e) => formatted(e, request, 'GRAPHQL_VALIDATION_FAILED'));
    const operation = getOperationAST(document, payload.operationName);
    const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], payload.variables ?? {});
    if (coerced.errors) return coerced.errors.map((e) => formatted(e, request, ErrorCode.BAD_USER_INPUT));
    const cost = getComplexity({
      schema,
      query: document,
      operationName: payload.operationName ?? undefined,
      variables: payload.variables ?? {},
      estimators: [nodeCountEstimator],
      maxQueryNodes: MAX_EXPANDED_SELECTIONS + 1,
    });
    if (cost > limits.maxCost)
      return [
        formatted(
          new LimitError(
            LimitCode.cost,
            `Query cost ${cost} exceeds the limit of ${limits.maxCost} (the number of graph nodes the response could hold); ask for fewer nested fields.`,
            { extensions: { cost, maxCost: limits.maxCost } },
          ),
          request,
          LimitCode.cost,
        ),
      ];
    return null;
  };

  const server = makeServer<undefined, Extra>({
    connectionInitWaitTimeout: socketLimits.initTimeoutMs,
    onConnect(context) {
      context.extra.context = context;
      return true;
    },
    async onSubscribe(context, _id, payload) {
      const { request } = context.extra;
      const tooLong = queryTooLong(payload.query.length, limits.maxQueryLength);
      if (tooLong) return refuse(request, tooLong.extensions.code as string, tooLong.message);
      // The operation being subscribed is counted already.
      const operations = Object.keys(context.subscriptions).length;
      if (operations > socketLimits.maxSubscriptions)
        return refuse(
          request,
          ErrorCode.TOO_MANY_SUBSCRIPTIONS,
          `A connection may run ${socketLimits.maxSubscriptions} operations at once; complete one first, or open another connection.`,
        );
      const operation: SocketOperation = { request, payload };
      // Parsed for graphql-ws to tell a subscription from a query (Apollo parses a query again, with
      // the same token limit); a text that does not parse is refused with the pipeline's error.
      const document = documentOf(payload.query, limits);
      if (!document)
        return ((await run(operation)).errors ?? []).map(
          (error) => new GraphQLError(error.message, { extensions: error.extensions }),
        );
      const kind = getOperationAST(document, payload.operationName)?.operation;
      const args = { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      if (kind !== 'subscription') return { ...args, contextValue: operation };
      const refused = checkSubscription(request, document, payload);
      if (refused) return refused;
      try {
        return { ...args, contextValue: pipeline.contextOf(request) };
      } catch (error) {
        const { code, message } = errorAnswerOf(error);
        return refuse(request, code, message);
      }
    },
    // Queries and mutations run the pipeline, whose answers are formatted already.
    execute: (args) => run(args.contextValue as SocketOperation) as never,
    subscribe: (args) => subscribe(args),
    onNext: (context, _id, _payload, args, result) => {
      if (isSocketOperation(args.contextValue)) return result as FormattedExecutionResult;
      const { request } = context.extra;
      const { errors, ...rest } = result as ExecutionResult;
      if (!errors) return rest as FormattedExecutionResult;
      // Errors of a subscription's start (a bad argument) or of one event.
      return {
        ...rest,
        errors: errors.map((e) => formatted(e, request, ErrorCode.INTERNAL_SERVER_ERROR).toJSON()),
      } as FormattedExecutionResult;
    },
    onError: (context, _id, _payload, errors) =>
      errors.map((e) => formatted(e, context.extra.request, ErrorCode.INTERNAL_SERVER_ERROR).toJSON()),
  });

  let open = 0;
  return (socket, request) => {
    if (open >= socketLimits.maxConnections) {
      socket.close(SocketClose.tooManyConnections, 'Too many connections: try again later.');
      return;
    }
    open += 1;
    const extra: Extra = { request };
    // Idle: no operation running and no message for idleTimeoutMs.
    let idleTimer: NodeJS.Timeout | undefined;
    const watchIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        if (Object.keys(extra.context?.subscriptions ?? {}).length > 0) return watchIdle();
        socket.close(SocketClose.idle, 'Idle: no operation and no message for too long.');
      }, socketLimits.idleTimeoutMs);
    };
    watchIdle();
    // Pings: a connection that has not answered the previous ping is gone.
    let answered = true;
    socket.on('pong', () => (answered = true));
    const pinger = setInterval(() => {
      if (!answered) return socket.terminate();
      answered = false;
      socket.ping();
    }, socketLimits.pingIntervalMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) =>
            socket.readyState === socket.OPEN
              ? socket.send(data, (error) => (error ? reject(error) : resolve()))
              : resolve(),
          ),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (received) =>
          socket.on('message', (data) => {
            watchIdle();
            void received(String(data)).catch(() =>
              socket.close(CloseCode.InternalServerError, 'Internal server error'),
            );
          }),
      },
      extra,
    );
    socket.once('close', (code, reason) => {
      open -= 1;
      clearTimeout(idleTimer);
      clearInterval(pinger);
      void closed(code, String(reason));
    });
  };
}

const isSocketOperation = (value: unknown): value is SocketOperation =>
  typeof value === 'object' && value !== null && 'payload' in value && 'request' in value;

/** The document of a query text, parsed with the token limit; null when it does not parse. */
function documentOf(text: string, limits: Config['limits']): DocumentNode | null {
  try {
    return parse(text, parseOptions(limits));
  } catch {
    return null;
  }
}
