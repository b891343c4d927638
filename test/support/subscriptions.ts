import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

type Json = any;

/** What one subscription received, and ways to wait for it. */
export interface Received {
  events: Json[];
  errors: Json[];
  completed: boolean;
  /** Resolves once `n` events have arrived (rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<Json[]>;
  /** Resolves once the subscription has ended (completed or failed). */
  ended(ms?: number): Promise<void>;
  unsubscribe(): void;
}

/** A graphql-ws client of the server at `httpUrl` (ws://…/graphql), failing on close instead of retrying. */
export function socketClient(httpUrl: string, options: { onClose?: (code: number, reason: string) => void } = {}) {
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    on: { closed: (event) => options.onClose?.((event as CloseEvent).code, (event as CloseEvent).reason) },
  });
}

/** Subscribes and collects what arrives. */
export function collect(client: Client, query: string, variables: Record<string, unknown> = {}): Received {
  const state = { events: [] as Json[], errors: [] as Json[], completed: false };
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  const until = (test: () => boolean, ms: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (test()) return resolve();
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(
          new Error(
            `${what} did not happen within ${ms} ms (events: ${JSON.stringify(state.events)}, errors: ${JSON.stringify(state.errors)})`,
          ),
        );
      }, ms);
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
    });
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value: Json) => {
        if (value.errors) state.errors.push(...value.errors);
        if (value.data) state.events.push(value.data);
        changed();
      },
      error: (error: Json) => {
        state.errors.push(
          ...(Array.isArray(error)
            ? error
            : [{ message: String(error?.reason ?? error?.message ?? error), code: error?.code }]),
        );
        state.completed = true;
        changed();
      },
      complete: () => {
        state.completed = true;
        changed();
      },
    },
  );
  return {
    ...state,
    get events() {
      return state.events;
    },
    get errors() {
      return state.errors;
    },
    get completed() {
      return state.completed;
    },
    waitFor: async (n, ms = 10_000) => {
      await until(() => state.events.length >= n, ms, `${n} event(s)`);
      return state.events;
    },
    ended: (ms = 10_000) => until(() => state.completed, ms, 'the end of the subscription'),
    unsubscribe,
  };
}
