import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
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
const BAD_ARGUMENT = /^(Expected value of type|Value .* does not exist in|Int cannot represent|Float cannot represent|String cannot represent|Boolean cannot represent|ID cannot represent|Enum .* cannot represent|Field .* argument .* is required|Argument .* of required type|Field .* of required type .* was not provided|Variable .* got invalid value|Variable .* of required type)/;

/**
 * Gives every error a stable code: a limit the code of its limit (from the LimitError it was
 * raised as), bad argument values BAD_USER_INPUT, known errors keep theirs; anything unexpected
 * is hidden behind a generic message in production (no stack, path of a file or Cypher text
 * reaches a client).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const extensions = { ...formatted.extensions } as Record<string, unknown>;
  const code = extensions.code as string | undefined;
  // Apollo reports a validation rule's error under GRAPHQL_VALIDATION_FAILED; the limit's own code is kept.
  const limit = limitErrorOf(error);
  if (limit) return { ...formatted, extensions: { ...extensions, code: limit.code } };
  if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitSyntaxError(formatted.message)) {
    return { ...formatted, message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { ...extensions, code: LimitCode.tokens } };
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' && BAD_ARGUMENT.test(formatted.message)) {
    return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if (original instanceof AppError || (code && code !== ErrorCode.INTERNAL_SERVER_ERROR)) return formatted;
  if (!production) return formatted;
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
