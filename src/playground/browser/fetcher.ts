/**
 * The pieces of the playground's fetcher that need no page: the WebSocket address of the
 * endpoint, and the correction of a stale operation name. The page script (playground.ts) joins
 * them to GraphiQL's own fetcher; the unit tests import them.
 */
import { operationNamesOf } from './operation-names';

/** What GraphiQL asks a fetcher to run. */
export interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

/** What GraphiQL passes along: the headers of its editor, the parsed document. */
export interface FetcherOpts {
  headers?: Record<string, unknown>;
  documentAST?: unknown;
}

/** A GraphiQL fetcher: an answer, a promise of one, or an async iterable of them (subscriptions). */
export type Fetcher = (params: FetcherParams, opts?: FetcherOpts) => unknown;

/** The WebSocket address of an endpoint (usually a path): ws:// or wss:// of the page's origin. */
export function socketUrl(endpoint: string, page: string): string {
  const url = new URL(endpoint, page);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.href;
}

/**
 * A fetcher that sends what `send` sends, but with an operation name the query defines.
 * GraphiQL 4 sets the editor's text at once on a tab switch but reads the operation name from it
 * only after a 100 ms debounce: a Run in between sends the new tab's query with the old tab's
 * operation name. When the name is not one of the query's operations, the query's first named
 * operation is sent instead, which is what GraphiQL selects once it has caught up.
 */
export function withOperationNameOfQuery(send: Fetcher): Fetcher {
  return (params, options) => {
    const names = operationNamesOf(params.query || '');
    if (names.length > 0 && !names.includes(params.operationName ?? '')) {
      params = { ...params, operationName: names[0] };
    }
    return send(params, options);
  };
}
