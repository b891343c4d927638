/**
 * The playground's page script, bundled into playground.js (with graphql-ws's client) and served
 * as an asset (not inline, so the page works under a `script-src 'self'` policy). It reads its
 * settings from the page's `<script id="playground-config" type="application/json">` element and
 * mounts GraphiQL from the globals of the UMD builds loaded before it: React, ReactDOM, GraphiQL.
 *
 * Queries and mutations are POSTed as JSON to the endpoint; subscription operations run over
 * graphql-ws (the `graphql-transport-ws` protocol) on the WebSocket of the same path.
 */
import { Client, createClient } from 'graphql-ws/client';
import { socketUrl, withOperationNameOfQuery } from './fetcher';
import { PLAYGROUND_SETTINGS_ID, PlaygroundSettings } from './settings';

const settingsElement = document.getElementById(PLAYGROUND_SETTINGS_ID);
const mount = document.getElementById('graphiql');
if (!settingsElement || !mount) throw new Error(`The page has no #${PLAYGROUND_SETTINGS_ID} or #graphiql.`);
const config = JSON.parse(settingsElement.textContent ?? '{}') as PlaygroundSettings;

// Lazy: the socket opens with the first subscription and closes when the last one ends.
const socket = createClient({ url: socketUrl(config.endpoint, window.location.href), lazy: true });
// An operation the server refuses comes as graphql-ws's `error` message, a list of GraphQL
// errors: GraphiQL gets it as an answer with those errors (as it shows a refused POST) instead of
// a thrown list, which it would also leave unhandled in the page.
const wsClient: Client = {
  ...socket,
  subscribe: (payload, sink) =>
    socket.subscribe(payload, {
      ...sink,
      error: (error) => {
        if (!Array.isArray(error)) return sink.error(error);
        sink.next({ errors: error });
        sink.complete();
      },
    }),
};
// Queries and mutations: POST with Content-Type: application/json, which Apollo's CSRF prevention
// accepts, without multipart/incremental delivery. Subscription operations: the socket.
const fetcher = withOperationNameOfQuery(
  GraphiQL.createFetcher({ url: config.endpoint, enableIncrementalDelivery: false, wsClient }),
);
// Tabs persist per version of the examples, so a changed examples file shows up.
const storage = GraphiQL.createLocalStorage({ namespace: config.storageNamespace });
mount.textContent = '';
ReactDOM.createRoot(mount).render(
  React.createElement(
    GraphiQL,
    {
      fetcher,
      storage,
      defaultQuery: config.examples,
      defaultTabs: config.tabs.length > 0 ? config.tabs : undefined,
      defaultEditorToolsVisibility: false,
      shouldPersistHeaders: false,
    },
    React.createElement(
      GraphiQL.Logo,
      null,
      config.title,
      config.explorerUrl
        ? React.createElement(
            'a',
            {
              className: 'playground-explorer-link',
              href: config.explorerUrl,
              title: 'The seed trial and its neighbours as a graph',
            },
            'Explorer',
          )
        : null,
    ),
  ),
);
