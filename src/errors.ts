import { GraphQLError } from 'graphql';

/**
 * The stable error codes a client can rely on (`extensions.code`), besides the limit codes of
 * src/graphql/limits.ts. src/http/errors.ts gives each code that fails a whole request its HTTP
 * status; the others fail one field and the response stays 200.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  /** poolEstimates: fewer than 2 comparisons can be pooled; `extensions.excluded` lists the others with their reasons. */
  TOO_FEW_COMPARISONS: 'TOO_FEW_COMPARISONS',
  /** A CSV export whose table has more rows than an export may hold (EXPORT_MAX_ROWS of src/export/export.route.ts); refused before any row is sent. */
  EXPORT_TOO_LARGE: 'EXPORT_TOO_LARGE',
  /** The `neo4j-bookmarks` request header is malformed, or Neo4j does not know its bookmarks. */
  INVALID_BOOKMARKS: 'INVALID_BOOKMARKS',
  /** Malformed JSON, or a request Apollo refuses (CSRF prevention). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A subscription's client let more changes wait than a subscription may hold: it ended; subscribe again with `after` (`extensions.after`). */
  SUBSCRIPTION_TOO_SLOW: 'SUBSCRIPTION_TOO_SLOW',
  /** A WebSocket connection asked for more subscriptions at once than a connection may hold. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error whose message is safe to show to a client, with a stable code. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** Invalid argument: the message names the argument and the rule. */
export function badInput(argument: string, message: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `Argument "${argument}": ${message}`, { argument });
}
