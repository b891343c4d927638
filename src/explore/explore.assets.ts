import fs from 'node:fs';
import { EXPLORE_SCRIPT } from './explore.browser-script';
import { EXPLORE_CSS, EXPLORE_ICON } from './explore.style';

/** URL path under which the explorer's assets are served; an asset's URL is this plus its name. */
export const EXPLORE_ASSET_PREFIX = '/explore-assets/';

/** A static file of the explorer, ready to send. */
export interface ExploreAsset {
  contentType: string;
  body: Buffer;
}

/** Where an asset's bytes come from: a file of an installed package (resolved through its exports), or text of this project. */
type AssetSource = { contentType: string; module: string } | { contentType: string; text: string };

const JS = 'text/javascript; charset=utf-8';

/** The allow-list: the only names ever served. Cytoscape's minified build ships no source map comment. */
const SOURCES: ReadonlyMap<string, AssetSource> = new Map<string, AssetSource>([
  ['explore.css', { contentType: 'text/css; charset=utf-8', text: EXPLORE_CSS }],
  ['cytoscape.min.js', { contentType: JS, module: 'cytoscape/dist/cytoscape.min.js' }],
  ['explore.js', { contentType: JS, text: EXPLORE_SCRIPT }],
  ['icon.svg', { contentType: 'image/svg+xml; charset=utf-8', text: EXPLORE_ICON }],
]);

const cache = new Map<string, ExploreAsset>();

/**
 * An explorer asset by name (the part of the URL after EXPLORE_ASSET_PREFIX), or null for any
 * name outside the allow-list, so no path reaches the file system. Read once, then kept.
 */
export function exploreAsset(name: string): ExploreAsset | null {
  const cached = cache.get(name);
  if (cached) return cached;
  const source = SOURCES.get(name);
  if (!source) return null;
  const body = 'text' in source ? Buffer.from(source.text, 'utf8') : fs.readFileSync(require.resolve(source.module));
  const asset = { contentType: source.contentType, body };
  cache.set(name, asset);
  return asset;
}
