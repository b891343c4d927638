/**
 * `operationNamesOf(text)`: the names of the operations of a GraphQL document, in order, read
 * by a small scanner that skips comments, strings and block strings and looks only at the top
 * level (outside braces and parentheses). Plain ES2020 source, embedded in the page script
 * below and run as it is by the unit tests.
 */
export const OPERATION_NAMES_SOURCE = `function operationNamesOf(text) {
  var names = [];
  var depth = 0;
  var i = 0;
  var word = /[_A-Za-z][_0-9A-Za-z]*/y;
  var pending = false;
  while (i < text.length) {
    var c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\\n' && text[i] !== '\\r') i++;
    } else if (text.startsWith('"""', i)) {
      i += 3;
      while (i < text.length && !text.startsWith('"""', i)) i += text.startsWith('\\\\"""', i) ? 4 : 1;
      i += 3;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\\n') i += text[i] === '\\\\' ? 2 : 1;
      i++;
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
      pending = false;
      i++;
    } else if (c === '}' || c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
      i++;
    } else {
      word.lastIndex = i;
      var match = word.exec(text);
      if (!match) {
        i++;
        continue;
      }
      if (depth === 0) {
        if (pending) names.push(match[0]);
        pending = !pending && (match[0] === 'query' || match[0] === 'mutation' || match[0] === 'subscription');
      }
      i += match[0].length;
    }
  }
  return names;
}`;

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
  ${OPERATION_NAMES_SOURCE.replace(/\n/g, '\n  ')}
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var mount = document.getElementById('graphiql');
  // POST with Content-Type: application/json, which Apollo's CSRF prevention accepts;
  // no multipart/incremental delivery, no websocket.
  var send = GraphiQL.createFetcher({ url: config.endpoint, enableIncrementalDelivery: false });
  // GraphiQL 4 sets the editor's text at once on a tab switch but reads the operation name
  // from it only after a 100 ms debounce: a Run in between sends the new tab's query with the
  // old tab's operation name. When the name is not one of the query's operations, send the
  // query's first named operation instead, which is what GraphiQL selects once it has caught up.
  var fetcher = function (params, options) {
    var names = operationNamesOf(params.query || '');
    if (names.length > 0 && names.indexOf(params.operationName) < 0) {
      params = Object.assign({}, params, { operationName: names[0] });
    }
    return send(params, options);
  };
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
      React.createElement(
        GraphiQL.Logo,
        null,
        config.title,
        config.explorerUrl
          ? React.createElement('a', { className: 'playground-explorer-link', href: config.explorerUrl, title: 'The seed trial and its neighbours as a graph' }, 'Explorer')
          : null,
      ),
    ),
  );
})();
`;
