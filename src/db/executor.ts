import neo4j, { Driver, ManagedTransaction, Neo4jError, QueryResult, RecordShape } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors';

/** Parameters of a Cypher statement: always values, never query text. */
export type Params = Record<string, unknown>;

export interface ExecutorOptions {
  database: string;
  /** Transaction timeout of reads, in ms. */
  readTimeoutMs: number;
}

/** Counts the Cypher round trips of one unit of work (a GraphQL request, a load). */
export interface QueryCounter {
  roundTrips: number;
}

/**
 * The one place that talks to Neo4j. Sessions are opened per call and closed in `finally`;
 * reads and writes go through managed transactions (retried by the driver on transient
 * errors, so work functions must be idempotent); Neo4j errors become `AppError`s with
 * stable codes; every round trip is counted on the caller's counter.
 */
export class Executor {
  /** Told when a call fails because Neo4j cannot be reached (the server's runtime then fails requests fast until it answers again). */
  onUnavailable: ((reason: string) => void) | null = null;

  constructor(
    readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /** A one-statement query without retries, to ask whether Neo4j answers queries on the database (not just connections). */
  async probe(timeoutMs: number): Promise<void> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1', {}, { timeout: timeoutMs });
    } finally {
      await session.close();
    }
  }

  private mapError(error: unknown): Error {
    const mapped = mapNeo4jError(error);
    if (mapped instanceof AppError && mapped.extensions.code === ErrorCode.DATABASE_UNAVAILABLE) this.onUnavailable?.((error as Error).message);
    return mapped;
  }

  /** Runs one read query and returns its records as plain objects (integers as JS numbers). */
  async read<T extends RecordShape = RecordShape>(cypher: string, params: Params, counter?: QueryCounter): Promise<T[]> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      if (counter) counter.roundTrips += 1;
      const result = await session.executeRead((tx) => tx.run<T>(cypher, params), {
        timeout: this.options.readTimeoutMs,
        metadata: { app: 'net-trials-graph' },
      });
      return result.records.map((record) => record.toObject());
    } catch (error) {
      throw this.mapError(error);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs `work` in one write transaction: all of it commits or none. The driver retries
   * transient failures, so `work` may run more than once and must only issue idempotent writes.
   */
  async writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, counter?: QueryCounter): Promise<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      if (counter) counter.roundTrips += 1;
      return await session.executeWrite(work, { metadata: { app: 'net-trials-graph' } });
    } catch (error) {
      throw this.mapError(error);
    } finally {
      await session.close();
    }
  }

  /** Runs one auto-commit statement (schema DDL cannot share a transaction with data writes). */
  async runAutoCommit(cypher: string, params: Params = {}): Promise<QueryResult> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.run(cypher, params);
    } catch (error) {
      throw this.mapError(error);
    } finally {
      await session.close();
    }
  }
}

/** How long the driver retries a transaction that failed on a transient error or a lost connection, by default. */
export const MAX_TRANSACTION_RETRY_MS = 5_000;

/**
 * The retry time that lets a request whose Neo4j is gone fail within `requestTimeoutMs`. The
 * driver waits 1, 2, 4, 8 s (±20 %) between attempts and stops at the first attempt past the
 * retry time: with a third of the deadline the last attempt ends before it (5 s → gives up after
 * about 3 s) instead of the client getting TIMEOUT.
 */
export function retryTimeFor(requestTimeoutMs: number): number {
  return Math.min(MAX_TRANSACTION_RETRY_MS, Math.floor(requestTimeoutMs / 3));
}

/** Creates a driver that returns integers as JS numbers: the graph holds no integer beyond 2^53. */
export function createDriver(uri: string, username: string, password: string, maxTransactionRetryTime = MAX_TRANSACTION_RETRY_MS): Driver {
  const auth = password ? neo4j.auth.basic(username, password) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime,
    logging: { level: 'error', logger: () => undefined },
  });
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Maps a driver error to an `AppError`; errors that are already `AppError`s pass through. */
export function mapNeo4jError(error: unknown): Error {
  if (error instanceof AppError) return error;
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(error.code) || error.code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
      return new AppError(ErrorCode.DATABASE_UNAVAILABLE, 'The database is unavailable; retry shortly.');
    }
    if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
      return new AppError(ErrorCode.TIMEOUT, 'The query took longer than the time allowed and was stopped.');
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}
