import { Asset, AssetSource, assetCatalog, CSS, JS } from '../assets/asset';
import { EXPLORE_ICON } from './explore.icon';

/** URL path under which the explorer's assets are served; an asset's URL is this plus its name. */
export const EXPLORE_ASSET_PREFIX = '/explore-assets/';

/** A static file of the explorer, ready to send. */
export type ExploreAsset = Asset;

/**
 * The allow-list: the only names ever served. Cytoscape's minified build ships no source map
 * comment; explore.js and explore.css are the bundles of src/explore/browser/explore.ts and
 * explore.css.
 */
const SOURCES: ReadonlyMap<string, AssetSource> = new Map<string, AssetSource>([
  ['explore.css', { contentType: CSS, bundle: 'explore.css' }],
  ['cytoscape.min.js', { contentType: JS, module: 'cytoscape/dist/cytoscape.min.js' }],
  ['explore.js', { contentType: JS, bundle: 'explore.js' }],
  ['icon.svg', { contentType: 'image/svg+xml; charset=utf-8', text: EXPLORE_ICON }],
]);

/**
 * An explorer asset by name (the part of the URL after EXPLORE_ASSET_PREFIX), or null for any
 * name outside the allow-list, so no path reaches the file system. Read once, then kept.
 */
export const exploreAsset: (name: string) => ExploreAsset | null = assetCatalog(SOURCES);
