import fs from 'node:fs';
import path from 'node:path';
import { BOOTSTRAP_SCRIPT } from './bootstrap-script';

/** URL path under which the playground's assets are served; an asset's URL is this plus its name. */
export const PLAYGROUND_ASSET_PREFIX = '/playground-assets/';

/** A static file of the playground, ready to send. */
export interface PlaygroundAsset {
  contentType: string;
  body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Where an asset's bytes come from: a file of an installed package, or text of this module. */
type AssetSource =
  | { contentType: string; package: string; file: string; stripSourceMap?: boolean }
  | { contentType: string; text: string };

/**
 * The allow-list: the only names ever served, in the order the page loads them.
 * React 18 is required: graphiql 4's UMD build bundles React 18's JSX runtime, and
 * React 19 ships no UMD files.
 */
const SOURCES: ReadonlyMap<string, AssetSource> = new Map<string, AssetSource>([
  ['graphiql.min.css', { contentType: CSS, package: 'graphiql', file: 'dist/style.css' }],
  ['react.production.min.js', { contentType: JS, package: 'react', file: 'umd/react.production.min.js' }],
  ['react-dom.production.min.js', { contentType: JS, package: 'react-dom', file: 'umd/react-dom.production.min.js' }],
  // Its source map is not shipped here; without the comment, DevTools does not ask for it.
  ['graphiql.min.js', { contentType: JS, package: 'graphiql', file: 'dist/index.umd.js', stripSourceMap: true }],
  ['playground.js', { contentType: JS, text: BOOTSTRAP_SCRIPT }],
]);

/** Names of the stylesheets and scripts, in page order. */
export const STYLESHEETS: readonly string[] = [...SOURCES.keys()].filter((name) => name.endsWith('.css'));
export const SCRIPTS: readonly string[] = [...SOURCES.keys()].filter((name) => name.endsWith('.js'));

const cache = new Map<string, PlaygroundAsset>();

/**
 * A playground asset by name (the part of the URL after PLAYGROUND_ASSET_PREFIX), or null
 * for any name outside the allow-list — so no path, `..` or encoded trick reaches the file
 * system. Each file is read once, on first request, and kept in memory.
 */
export function playgroundAsset(name: string): PlaygroundAsset | null {
  const cached = cache.get(name);
  if (cached) return cached;
  const source = SOURCES.get(name);
  if (!source) return null;
  const asset = { contentType: source.contentType, body: load(source) };
  cache.set(name, asset);
  return asset;
}

function load(source: AssetSource): Buffer {
  if ('text' in source) return Buffer.from(source.text, 'utf8');
  // Resolved through package.json (exported by all three), so a hoisted or nested install works.
  const root = path.dirname(require.resolve(`${source.package}/package.json`));
  const body = fs.readFileSync(path.join(root, source.file));
  if (!source.stripSourceMap) return body;
  return Buffer.from(body.toString('utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), 'utf8');
}
