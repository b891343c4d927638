import { Asset, AssetSource, assetCatalog, CSS, JS } from '../assets/asset';

/** URL path under which the playground's assets are served; an asset's URL is this plus its name. */
export const PLAYGROUND_ASSET_PREFIX = '/playground-assets/';

/** A static file of the playground, ready to send. */
export type PlaygroundAsset = Asset;

/**
 * The allow-list: the only names ever served, in the order the page loads them.
 * React 18 is required: graphiql 4's UMD build bundles React 18's JSX runtime, and
 * React 19 ships no UMD files. playground.js is the bundle of
 * src/playground/browser/playground.ts (with graphql-ws's client).
 */
const SOURCES: ReadonlyMap<string, AssetSource> = new Map<string, AssetSource>([
  ['graphiql.min.css', { contentType: CSS, package: 'graphiql', file: 'dist/style.css' }],
  ['react.production.min.js', { contentType: JS, package: 'react', file: 'umd/react.production.min.js' }],
  ['react-dom.production.min.js', { contentType: JS, package: 'react-dom', file: 'umd/react-dom.production.min.js' }],
  // Its source map is not shipped here; without the comment, DevTools does not ask for it.
  ['graphiql.min.js', { contentType: JS, package: 'graphiql', file: 'dist/index.umd.js', stripSourceMap: true }],
  ['playground.js', { contentType: JS, bundle: 'playground.js' }],
]);

/** Names of the stylesheets and scripts, in page order. */
export const STYLESHEETS: readonly string[] = [...SOURCES.keys()].filter((name) => name.endsWith('.css'));
export const SCRIPTS: readonly string[] = [...SOURCES.keys()].filter((name) => name.endsWith('.js'));

/**
 * A playground asset by name (the part of the URL after PLAYGROUND_ASSET_PREFIX), or null
 * for any name outside the allow-list — so no path, `..` or encoded trick reaches the file
 * system. Each file is read (or bundled) once, on first request, and kept in memory.
 */
export const playgroundAsset: (name: string) => PlaygroundAsset | null = assetCatalog(SOURCES);
