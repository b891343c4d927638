import { createHash } from 'node:crypto';
import { PLAYGROUND_ASSET_PREFIX, SCRIPTS, STYLESHEETS } from './assets';
import { PLAYGROUND_SETTINGS_ID, PlaygroundSettings } from './browser/settings';
import { exampleTabs } from './example-tabs';

export { PLAYGROUND_ASSET_PREFIX, playgroundAsset } from './assets';
export type { PlaygroundAsset } from './assets';

/** Options: endpoint path (e.g. "/graphql"), the example operations document text, the name of the operation to show first. */
export interface PlaygroundOptions {
  /** URL (usually a path) the page POSTs GraphQL requests to. */
  endpoint: string;
  /** A GraphQL document of named example operations; each operation opens in its own tab. */
  examples: string;
  /** Operation whose tab comes first; must name an operation of `examples`. */
  defaultOperationName?: string;
  /** Page title and the name shown in GraphiQL's header (default "NET Trials Knowledge Graph"). */
  title?: string;
  /** Address of the visual explorer, linked from the header beside the title; no link without it. */
  explorerUrl?: string;
}

const DEFAULT_TITLE = 'NET Trials Knowledge Graph';

/**
 * The HTML page for GET /graphql (text/html): GraphiQL built only from the project's own
 * npm dependencies, loading nothing but the assets under PLAYGROUND_ASSET_PREFIX, so it
 * works with no internet. The examples are preloaded as tabs, one per operation.
 * Pure and cheap enough to call once at start and keep the string.
 */
export function renderPlaygroundPage(options: PlaygroundOptions): string {
  const title = options.title ?? DEFAULT_TITLE;
  const tabs = exampleTabs(options.examples, options.defaultOperationName);
  const config: PlaygroundSettings = {
    endpoint: options.endpoint,
    title,
    explorerUrl: options.explorerUrl ?? null,
    examples: options.examples,
    tabs: tabs.map((tab) => ({ query: tab.query })),
    storageNamespace: `net-trials-graphiql:${createHash('sha256')
      .update(options.endpoint)
      .update('\0')
      .update(options.examples)
      .digest('hex')
      .slice(0, 16)}`,
  };
  const asset = (name: string) => escapeHtml(PLAYGROUND_ASSET_PREFIX + name);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
${STYLESHEETS.map((name) => `<link rel="stylesheet" href="${asset(name)}">`).join('\n')}
<style>
html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }
.playground-loading { font-family: system-ui, sans-serif; padding: 2rem; }
.playground-explorer-link { margin-left: 0.8em; font-size: 0.8em; }
</style>
</head>
<body>
<div id="graphiql"><header class="playground-loading"><h1>${escapeHtml(title)}</h1><p>Loading GraphiQL…</p></header></div>
<noscript>This GraphQL playground needs JavaScript. The API itself answers POST requests at ${escapeHtml(options.endpoint)}.</noscript>
<script id="${PLAYGROUND_SETTINGS_ID}" type="application/json">${jsonForScript(config)}</script>
${SCRIPTS.map((name) => `<script src="${asset(name)}"></script>`).join('\n')}
</body>
</html>
`;
}

/**
 * JSON safe inside a `<script>` element: `<` (so no `</script>` or `<!--`), `>`, `&` and the
 * JavaScript line separators become \u escapes, which JSON.parse reads back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
