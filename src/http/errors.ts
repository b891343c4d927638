import { ApolloServerPlugin, GraphQLRequestListener, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../errors';
import { isTokenLimitSyntaxError, LimitCode, limitErrorOf } from '../graphql/limits';

/**
 * The HTTP status of a response with an error of each code that fails the whole request. Errors
 * of other codes (NOT_FOUND, a BAD_USER_INPUT argument, FORBIDDEN…) fail one field: the response
 * stays 200 with the other fields' data. Apollo's own refusals (parse and validation failures,
 * variables of the wrong type, BAD_REQUEST: 400 for CSRF prevention, 405 for a mutation over GET)
 * keep the status Apollo gives them, so BAD_REQUEST is not in this table.
 */
export const HTTP_STATUS: Readonly<Record<string, number>> = {
  [ErrorCode.BATCH_TOO_LARGE]: 400,
  [ErrorCode.INVALID_BOOKMARKS]: 400,
  ...Object.fromEntries(Object.values(LimitCode).map((code) => [code, 400])),
  [ErrorCode.METHOD_NOT_ALLOWED]: 405,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 504,
};

/** The status of a response whose errors carry `codes`: that of the first code in HTTP_STATUS, or null when none fails the request. */
export function statusOfCodes(codes: readonly unknown[]): number | null {
  for (const code of codes) if (typeof code === 'string' && HTTP_STATUS[code] !== undefined) return HTTP_STATUS[code];
  return null;
}

/** Sets the HTTP status of each GraphQL response from the codes of its errors (see HTTP_STATUS). */
export function httpStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  // One listener for every request: it keeps no state of its own.
  const listener: GraphQLRequestListener<T> = {
    async willSendResponse({ response }) {
      if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
      const status = statusOfCodes(response.body.singleResult.errors.map((e) => e.extensions?.code));
      if (status !== null) response.http.status = status;
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}

/**
 * graphql-js's validation rules report a bad argument value as a plain GraphQLError, with no
 * code or type that tells it from a bad query shape: only the message does.
 */
const BAD_ARGUMENT =
  /^(Expected value of type|Value .* does not exist in|Int cannot represent|Float cannot represent|String cannot represent|Boolean cannot represent|ID cannot represent|Enum .* cannot represent|Field .* argument .* is required|Argument .* of required type|Field .* of required type .* was not provided|Variable .* got invalid value|Variable .* of required type)/;

/**
 * Gives every error a stable code: a limit the code of its limit (from the LimitError it was
 * raised as), bad argument values BAD_USER_INPUT, known errors keep theirs; anything unexpected
 * is hidden behind a generic message in production (no stack, path of a file or Cypher text
 * reaches a client).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const extensions = { ...formatted.extensions } as Record<string, unknown>;
  const code = extensions.code as string | undefined;
  // Apollo reports a validation rule's error under GRAPHQL_VALIDATION_FAILED; the limit's own code is kept.
  const limit = limitErrorOf(error);
  if (limit) return { ...formatted, extensions: { ...extensions, code: limit.code } };
  if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitSyntaxError(formatted.message)) {
    return {
      ...formatted,
      message: formatted.message.replace(/^Syntax Error: /, ''),
      extensions: { ...extensions, code: LimitCode.tokens },
    };
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' && BAD_ARGUMENT.test(formatted.message)) {
    return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if (original instanceof AppError || (code && code !== ErrorCode.INTERNAL_SERVER_ERROR)) return formatted;
  if (!production) return formatted;
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * A refusal of a request, thrown by the edge, a route or the pipeline: an error with its stable
 * code and, in Apollo's `http` extension, its status (by default that of HTTP_STATUS) and headers
 * (the Allow of a 405). Apollo answers it itself when the context throws it; elsewhere the
 * error handler of the edge (or of a route module, as FHIR's) answers it.
 */
export function refusal(
  code: string,
  message: string,
  status = HTTP_STATUS[code] ?? 500,
  headers: Record<string, string> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, http: { status, headers: new HeaderMap(Object.entries(headers)) } },
  });
}

/** What an error that ends a request outside GraphQL execution is answered with. */
export interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
}

/** Fastify's own refusals of a request body, by their code. */
const FASTIFY_REFUSALS: Readonly<Record<string, [code: string, message: string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [ErrorCode.PAYLOAD_TOO_LARGE, 'Request body too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    'Send the operation as JSON with "Content-Type: application/json".',
  ],
};

/**
 * The answer to an error: a refusal keeps its code, status and headers; Fastify's refusals of a
 * body get ours (413, 415), its other client errors BAD_REQUEST with their status; anything
 * else is a 500 whose message never reaches the client.
 */
export function errorAnswerOf(error: unknown): ErrorAnswer {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
    const status = http?.status ?? HTTP_STATUS[error.extensions.code] ?? 500;
    return {
      status,
      code: error.extensions.code,
      message: error.message,
      headers: Object.fromEntries(http?.headers ?? []),
    };
  }
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  const known = code !== undefined ? FASTIFY_REFUSALS[code] : undefined;
  if (known) return { status: HTTP_STATUS[known[0]], code: known[0], message: known[1], headers: {} };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, code: ErrorCode.BAD_REQUEST, message: (error as Error).message, headers: {} };
  }
  return { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error', headers: {} };
}
