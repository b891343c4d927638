// The WebSocket of /graphql (graphql-ws's graphql-transport-ws protocol), ready for
// subscriptions. Every operation sent over it runs through the same pipeline as POST /graphql:
// limits, cost, deadline, the context of the upgrade request (API key, bookmarks), formatting.
// The schema serves no subscription yet, so a `subscription { … }` is refused there as over HTTP.
import type { WebsocketHandler } from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { DocumentNode, FormattedExecutionResult, GraphQLError, GraphQLSchema, parse } from 'graphql';
import { CloseCode, makeServer, SubscribePayload } from 'graphql-ws';
import { Limits, parseOptions } from '../../graphql/limits';
import { errorAnswerOf } from '../errors';
import { GraphQLPipeline, queryTooLong } from '../pipeline';

/** What an operation of the socket carries to execution: the upgrade request and the operation as sent. */
interface SocketOperation {
  request: FastifyRequest;
  payload: SubscribePayload;
}

export function graphqlSocket(schema: GraphQLSchema, pipeline: GraphQLPipeline, limits: Limits): WebsocketHandler {
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
  const server = makeServer<undefined, { request: FastifyRequest }>({
    async onSubscribe(context, _id, payload) {
      const operation: SocketOperation = { request: context.extra.request, payload };
      const tooLong = queryTooLong(payload.query.length, limits.maxQueryLength);
      if (tooLong)
        return [
          new GraphQLError(tooLong.message, {
            extensions: { code: tooLong.extensions.code, requestId: operation.request.id },
          }),
        ];
      // Parsed only for graphql-ws to tell a subscription from a query (Apollo parses it again, with
      // the same token limit); a text that does not parse is refused with the pipeline's error.
      const document = documentOf(payload.query, limits);
      if (!document)
        return ((await run(operation)).errors ?? []).map(
          (error) => new GraphQLError(error.message, { extensions: error.extensions }),
        );
      return {
        schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: operation,
      };
    },
    // Both run the pipeline, whose answers are formatted already; onNext sends them as they are.
    execute: (args) => run(args.contextValue as SocketOperation) as never,
    subscribe: (args) => run(args.contextValue as SocketOperation) as never,
    onNext: (_context, _id, _payload, _args, result) => result as FormattedExecutionResult,
  });
  return (socket, request) => {
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
          socket.on(
            'message',
            (data) =>
              void received(String(data)).catch(() =>
                socket.close(CloseCode.InternalServerError, 'Internal server error'),
              ),
          ),
      },
      { request },
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  };
}

/** The document of a query text, parsed with the token limit; null when it does not parse. */
function documentOf(text: string, limits: Limits): DocumentNode | null {
  try {
    return parse(text, parseOptions(limits));
  } catch {
    return null;
  }
}
