import neo4j, {
  BookmarkManager,
  Driver,
  ManagedTransaction,
  Neo4jError,
  QueryResult,
  RecordShape,
  SessionMode,
} from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors';

/** Parameters of a Cypher statement: always values, never query text. */
export type Params = Record<string, unknown>;

export interface ExecutorOptions {
  database: string;
  /** Transaction timeout of reads, in ms. */
  readTimeoutMs: number;
  /** How long a read is retried after a transient failure (the driver's maxTransactionRetryTime); default MAX_TRANSACTION_RETRY_MS. */
  maxRetryTimeMs?: number;
}

/** Counts the Cypher round trips of one unit of work (a GraphQL request, a load). */
export interface QueryCounter {
  roundTrips: number;
}

/** The causal chain of one unit of work (see `Executor.withBookmarks`). */
interface Chain {
  /** The executor it was made from, told of outages. */
  root: Executor;
  bookmarks: BookmarkManager;
  wrote: boolean;
}

/**
 * The one place that talks to Neo4j. Sessions are opened per call and closed in `finally`;
 * reads run in read sessions as auto-commit statements (with a neo4j:// URI the driver routes
 * them to the cluster's readers), retried here on transient errors; writes run in write sessions
 * and managed write transactions (the leader; retried by the driver, so work functions must be
 * idempotent); Neo4j errors become `AppError`s with stable codes; every round trip is counted
 * on the caller's counter.
 */
export class Executor {
  /** Told when a call fails because Neo4j cannot be reached (the server's runtime then fails requests fast until it answers again). */
  onUnavailable: ((reason: string) => void) | null = null;

  constructor(
    readonly driver: Driver,
    private readonly options: ExecutorOptions,
    private readonly chain: Chain | null = null,
  ) {}

  /**
   * An executor for one request: each of its transactions starts once the database has applied
   * `bookmarks` (what the client's earlier writes returned, through any instance of the server),
   * and each one it commits replaces them with its own (neo4j-driver's bookmark manager).
   * `bookmarksAfterWrite` gives them back to the client.
   */
  withBookmarks(bookmarks: Iterable<string>): Executor {
    const root = this.chain?.root ?? this;
    return new Executor(this.driver, this.options, {
      root,
      bookmarks: neo4j.bookmarkManager({ initialBookmarks: bookmarks }),
      wrote: false,
    });
  }

  /** The executor this one was made from (itself when it is not a request's): for work that outlives a request. */
  get base(): Executor {
    return this.chain?.root ?? this;
  }

  /** The bookmarks of this executor's chain once it has committed a write; null when it wrote nothing (or has no chain). */
  async bookmarksAfterWrite(): Promise<string[] | null> {
    if (!this.chain?.wrote) return null;
    return [...(await this.chain.bookmarks.getBookmarks())];
  }

  private session(mode: SessionMode) {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode,
      bookmarkManager: this.chain?.bookmarks,
    });
  }

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
    if (mapped instanceof AppError && mapped.extensions.code === ErrorCode.DATABASE_UNAVAILABLE)
      (this.chain?.root ?? this).onUnavailable?.((error as Error).message);
    return mapped;
  }

  /**
   * Runs one read query and returns its records as plain objects (integers as JS numbers).
   * One statement needs no explicit transaction: it runs as an auto-commit read (RUN and PULL
   * in one message flush, one wait), where a managed transaction would add BEGIN and COMMIT,
   * each its own flush and wait. A read is idempotent, so this retries it as the driver retries
   * managed transactions: on the errors the driver deems retryable, after 1, 2, 4… s (±20 %),
   * until `maxRetryTimeMs` has passed.
   */
  async read<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Params,
    counter?: QueryCounter,
  ): Promise<T[]> {
    if (counter) counter.roundTrips += 1;
    const started = Date.now();
    for (let delay = INITIAL_RETRY_DELAY_MS; ; delay *= 2) {
      const session = this.session(neo4j.session.READ);
      try {
        const result = await session.run<T>(cypher, params, {
          timeout: this.options.readTimeoutMs,
          metadata: { app: 'net-trials-graph' },
        });
        return result.records.map((record) => record.toObject());
      } catch (error) {
        if (
          !neo4j.isRetryableError(error as Error) ||
          Date.now() - started >= (this.options.maxRetryTimeMs ?? MAX_TRANSACTION_RETRY_MS)
        )
          throw this.mapError(error);
      } finally {
        await session.close();
      }
      await new Promise((resolve) => setTimeout(resolve, delay * (1 + RETRY_JITTER * (2 * Math.random() - 1))));
    }
  }

  /**
   * Runs `work` in one write transaction: all of it commits or none. The driver retries
   * transient failures, so `work` may run more than once and must only issue idempotent writes.
   */
  async writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, counter?: QueryCounter): Promise<T> {
    const session = this.session(neo4j.session.WRITE);
    try {
      if (counter) counter.roundTrips += 1;
      const result = await session.executeWrite(
        async (tx) => {
          finishers.set(tx, new Map());
          const value = await work(tx);
          // Last statements, in the order they were registered (see beforeCommit).
          for (const finish of finishers.get(tx)!.values()) await finish(tx);
          return value;
        },
        { metadata: { app: 'net-trials-graph' } },
      );
      if (this.chain) this.chain.wrote = true;
      return result;
    } catch (error) {
      throw this.mapError(error);
    } finally {
      await session.close();
    }
  }

  /** Runs one auto-commit statement (schema DDL cannot share a transaction with data writes). */
  async runAutoCommit(cypher: string, params: Params = {}): Promise<QueryResult> {
    const session = this.session(neo4j.session.WRITE);
    try {
      const result = await session.run(cypher, params);
      if (this.chain) this.chain.wrote = true;
      return result;
    } catch (error) {
      throw this.mapError(error);
    } finally {
      await session.close();
    }
  }
}

/** What each running write transaction of an executor runs last, by key (see beforeCommit). */
const finishers = new WeakMap<ManagedTransaction, Map<unknown, (tx: ManagedTransaction) => Promise<void>>>();

/**
 * Registers `finish` to run as the last work of the write transaction `tx`, after the work
 * function has returned and just before the commit; once per `key` (a second registration under
 * the same key is ignored, so a caller registers one finisher and keeps its own pending state).
 * A transaction that fails or is rolled back never runs it; a retried one registers again.
 * Used where a statement should hold its locks for as short a time as possible: the change log
 * takes the lock of its sequence counter there (src/changes/change.service.ts). Throws for a
 * transaction that no executor runs, whose finishers would never run.
 */
export function beforeCommit(
  tx: ManagedTransaction,
  key: unknown,
  finish: (tx: ManagedTransaction) => Promise<void>,
): void {
  const registered = finishers.get(tx);
  if (!registered) throw new Error('beforeCommit: the transaction is not a write transaction of the executor.');
  if (!registered.has(key)) registered.set(key, finish);
}

/** How long the driver retries a transaction that failed on a transient error or a lost connection, by default. */
export const MAX_TRANSACTION_RETRY_MS = 5_000;
/** The driver's first wait before a retry, and its jitter (neo4j-driver-core transaction-executor.js). */
const INITIAL_RETRY_DELAY_MS = 1_000;
const RETRY_JITTER = 0.2;

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
export function createDriver(
  uri: string,
  username: string,
  password: string,
  maxTransactionRetryTime = MAX_TRANSACTION_RETRY_MS,
): Driver {
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
    // Bookmarks that are not this database's (InvalidBookmark, InvalidBookmarkMixture): the client's input.
    if (error.code.startsWith('Neo.ClientError.Transaction.InvalidBookmark')) {
      return new AppError(
        ErrorCode.INVALID_BOOKMARKS,
        'The bookmarks sent with the request are not bookmarks of this database: send those a response of this service returned.',
      );
    }
    if (error.code === 'Neo.TransientError.Transaction.BookmarkTimeout') {
      return new AppError(
        ErrorCode.TIMEOUT,
        'The database did not catch up with the bookmarks sent with the request in the time allowed; retry shortly.',
      );
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}
