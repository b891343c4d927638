// What the playground page defines before its script runs: the globals of the UMD builds of
// React 18, ReactDOM and GraphiQL 4, loaded by the `<script>`s before playground.js
// (src/playground/assets.ts), declared for the parts this script uses.
import type { Client } from 'graphql-ws/client';
import type { Fetcher } from './fetcher';

/** A React element, opaque here. */
export interface ReactElement {
  readonly type: unknown;
  readonly props: unknown;
}

/** The options of @graphiql/toolkit's createGraphiQLFetcher that this page sets. */
export interface CreateFetcherOptions {
  /** Where queries and mutations are POSTed. */
  url: string;
  /** Multipart incremental delivery (@defer, @stream); off, the server answers JSON. */
  enableIncrementalDelivery?: boolean;
  /** The graphql-ws client that runs subscription operations. */
  wsClient?: Client;
}

declare global {
  const React: {
    createElement(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): ReactElement;
  };
  const ReactDOM: {
    createRoot(container: Element): { render(element: ReactElement): void };
  };
  /** The GraphiQL component, with the toolkit's helpers that its UMD build exposes. */
  const GraphiQL: {
    createFetcher(options: CreateFetcherOptions): Fetcher;
    createLocalStorage(options: { namespace?: string }): unknown;
    Logo: unknown;
  };
}
