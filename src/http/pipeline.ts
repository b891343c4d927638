import { ApolloServer } from '@apollo/server';
import type { FastifyRequest } from 'fastify';
import { FormattedExecutionResult } from 'graphql';
import { writeAccessOf, writeKeys } from '../auth';
import { Config } from '../config';
import { Executor } from '../db/executor';
import { ErrorCode } from '../errors';
import { Context, createContext } from '../graphql/context';
import { LimitCode } from '../graphql/limits';
import { BOOKMARKS_HEADER, bookmarksOf } from './bookmarks';
import { refusal } from './errors';

/** What the HTTP side needs to know about the database: the executor once connected, and readiness. */
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

/** One operation for the pipeline, as a client would POST it. */
export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** The pipeline's answer: the status /graphql would give it, and the result with its errors formatted. */
export interface PipelineAnswer {
  status: number;
  result: FormattedExecutionResult;
}

/**
 * The GraphQL pipeline behind every surface: Apollo with its limits, cost model, compiled
 * execution and error formatting, under the request deadline and the outage watch, with the
 * context of the request (its id, its API key, the bookmarks it sent).
 */
export interface GraphQLPipeline {
  /** Runs one operation for an internal surface (forest plot, CSV, FHIR, the socket) as /graphql runs it; a refusal is thrown. */
  execute(request: FastifyRequest, operation: Operation): Promise<PipelineAnswer>;
  /** The context of a request; throws DATABASE_UNAVAILABLE while Neo4j is down and INVALID_BOOKMARKS for a malformed header. */
  contextOf(request: FastifyRequest): Context;
  /** `work`, or a refusal: TIMEOUT past the request deadline, DATABASE_UNAVAILABLE when Neo4j is found down meanwhile. */
  withinDeadline<T>(work: Promise<T>): Promise<T>;
}

export function graphqlPipeline(apollo: ApolloServer<Context>, config: Config, db: DatabaseState): GraphQLPipeline {
  const keys = writeKeys(config);

  function contextOf(request: FastifyRequest): Context {
    if (!db.executor)
      throw refusal(ErrorCode.DATABASE_UNAVAILABLE, 'The database is not available right now; retry shortly.');
    const bookmarks = bookmarksOf(request.headers[BOOKMARKS_HEADER]);
    if ('error' in bookmarks) throw refusal(ErrorCode.INVALID_BOOKMARKS, bookmarks.error);
    const { access, writer } = writeAccessOf(request.headers.authorization, keys);
    return createContext(db.executor, request.id, access, bookmarks.bookmarks, writer);
  }

  async function withinDeadline<T>(work: Promise<T>): Promise<T> {
    // Reads also carry a transaction timeout, so work left behind ends soon after.
    let timer: NodeJS.Timeout | undefined;
    let unsubscribe = () => {};
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            refusal(ErrorCode.TIMEOUT, `The request took longer than ${config.requestTimeoutMs} ms and was abandoned.`),
          ),
        config.requestTimeoutMs,
      );
    });
    const outage = new Promise<never>((_, reject) => {
      const unavailable = () =>
        reject(
          refusal(
            ErrorCode.DATABASE_UNAVAILABLE,
            'The database became unavailable while the request ran; retry shortly.',
          ),
        );
      unsubscribe = db.onceUnavailable?.(unavailable) ?? unsubscribe;
    });
    work.catch(() => undefined);
    try {
      return await Promise.race([work, deadline, outage]);
    } finally {
      clearTimeout(timer);
      unsubscribe();
    }
  }

  async function execute(request: FastifyRequest, operation: Operation): Promise<PipelineAnswer> {
    const contextValue = contextOf(request);
    const response = await withinDeadline(apollo.executeOperation(operation, { contextValue }));
    if (response.body.kind !== 'single') throw new Error('An internal surface asked for an incremental result.');
    return { status: response.http.status ?? 200, result: response.body.singleResult };
  }

  return { execute, contextOf, withinDeadline };
}

/** The refusal of a query text of `length` characters (checked before Apollo parses it), or null within the limit. */
export function queryTooLong(length: number, maxQueryLength: number) {
  return length > maxQueryLength
    ? refusal(LimitCode.length, `Query text of ${length} characters exceeds the limit of ${maxQueryLength}.`)
    : null;
}
