/**
 * The browser script that mounts GraphiQL, served as an asset (not inline, so the page
 * works under a `script-src 'self'` policy). It reads its settings from the page's
 * `<script id="playground-config" type="application/json">` element and expects the
 * globals of the UMD builds loaded before it: React, ReactDOM and GraphiQL.
 *
 * Plain ES2020 in a string, not compiled TypeScript: coverage instrumentation of a real
 * function would leak into the served text.
 */
export const BOOTSTRAP_SCRIPT = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var mount = document.getElementById('graphiql');
  // POST with Content-Type: application/json, which Apollo's CSRF prevention accepts;
  // no multipart/incremental delivery, no websocket.
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint, enableIncrementalDelivery: false });
  // Tabs persist per version of the examples, so a changed examples file shows up.
  var storage = GraphiQL.createLocalStorage({ namespace: config.storageNamespace });
  mount.textContent = '';
  ReactDOM.createRoot(mount).render(
    React.createElement(
      GraphiQL,
      {
        fetcher: fetcher,
        storage: storage,
        defaultQuery: config.examples,
        defaultTabs: config.tabs.length > 0 ? config.tabs : undefined,
        defaultEditorToolsVisibility: false,
        shouldPersistHeaders: false,
      },
      React.createElement(GraphiQL.Logo, null, config.title),
    ),
  );
})();
`;
