import { WriteAccess } from '../auth';
import { Executor, QueryCounter } from '../db/executor';

/** Per-request state: the executor, the round-trip counter and who may write. */
export interface Context {
  requestId: string;
  executor: Executor;
  counter: QueryCounter;
  /** Who may write: see src/auth.ts. */
  access: WriteAccess;
  /** Estimated cost of the operation, set before execution by the cost limit. */
  cost?: number;
}

export function createContext(executor: Executor, requestId: string, access: WriteAccess = 'DISABLED'): Context {
  return { requestId, executor, counter: { roundTrips: 0 }, access };
}
