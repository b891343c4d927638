import { Executor, QueryCounter } from '../db/executor';
import { WriteAccess } from '../auth';
import { createLoaders, Loaders } from './loaders';

/** Per-request state: the loaders (a cache and batcher that lives one request) and the round-trip counter. */
export interface Context {
  requestId: string;
  executor: Executor;
  counter: QueryCounter;
  loaders: Loaders;
  /** Who may write: see src/auth.ts. */
  access: WriteAccess;
  /** Estimated cost of the operation, set before execution by the cost limit. */
  cost?: number;
}

export function createContext(executor: Executor, requestId: string, access: WriteAccess = 'DISABLED'): Context {
  const counter: QueryCounter = { roundTrips: 0 };
  return { requestId, executor, counter, loaders: createLoaders(executor, counter), access };
}
