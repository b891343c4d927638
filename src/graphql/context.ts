import { WriteAccess } from '../auth';
import { Executor, QueryCounter } from '../db/executor';

/** Per-request state: the executor, the round-trip counter and who may write. */
export interface Context {
  requestId: string;
  /** The request's own executor: it reads after the client's bookmarks and collects those of its writes (see `Executor.withBookmarks`). */
  executor: Executor;
  counter: QueryCounter;
  /** Who may write: see src/auth.ts. */
  access: WriteAccess;
  /** The name of the API key that granted the request (versions record it as who made a change); null without one. */
  writer: string | null;
  /** Estimated cost of the operation, set before execution by the cost limit. */
  cost?: number;
}

/** The context of one request; `bookmarks` are those the client sent back (already validated), so that it reads its own writes. */
export function createContext(
  executor: Executor,
  requestId: string,
  access: WriteAccess = 'DISABLED',
  bookmarks: readonly string[] = [],
  writer: string | null = null,
): Context {
  return { requestId, executor: executor.withBookmarks(bookmarks), counter: { roundTrips: 0 }, access, writer };
}
