import { Executor, QueryCounter } from '../db/executor';
import { createLoaders, Loaders } from './loaders';

/** Per-request state: the loaders (a cache and batcher that lives one request) and the round-trip counter. */
export interface Context {
  requestId: string;
  executor: Executor;
  counter: QueryCounter;
  loaders: Loaders;
  /** True when the request carried the configured API key. */
  authenticated: boolean;
}

export function createContext(executor: Executor, requestId: string, authenticated = false): Context {
  const counter: QueryCounter = { roundTrips: 0 };
  return { requestId, executor, counter, loaders: createLoaders(executor, counter), authenticated };
}
