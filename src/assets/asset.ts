// The static assets of the pages (the playground, the explorer): each page names its own
// allow-list of assets, and only those names are ever served, so no part of a URL reaches the
// file system. Each asset is read (or bundled) once, on its first request, and kept in memory
// with an ETag of its bytes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { browserBundle, BundleName } from './bundles';

/** A static file of a page, ready to send. */
export interface Asset {
  contentType: string;
  body: Buffer;
  /**
   * A weak validator of the bytes (a digest): weak, because the edge may send them compressed
   * under the same tag, and a strong tag would promise the same bytes for every encoding.
   */
  etag: string;
}

/**
 * Where an asset's bytes come from: a file of an installed package (a `module` path resolved
 * through the package's exports, or a `file` under the folder of its package.json, optionally
 * without its source map comment), text of this project, or a browser bundle (bundles.ts).
 */
export type AssetSource = { contentType: string } & (
  | { module: string }
  | { package: string; file: string; stripSourceMap?: boolean }
  | { text: string }
  | { bundle: BundleName }
);

/** Browsers may reuse an asset for an hour, then ask again with its ETag (answered 304 when unchanged). */
export const ASSET_CACHE_CONTROL = 'public, max-age=3600';

export const JS = 'text/javascript; charset=utf-8';
export const CSS = 'text/css; charset=utf-8';

/** The lookup of an allow-list: an asset by name, or null for any name outside it. */
export function assetCatalog(sources: ReadonlyMap<string, AssetSource>): (name: string) => Asset | null {
  const cache = new Map<string, Asset>();
  return (name) => {
    const cached = cache.get(name);
    if (cached) return cached;
    const source = sources.get(name);
    if (!source) return null;
    const body = load(source);
    const asset = { contentType: source.contentType, body, etag: etagOf(body) };
    cache.set(name, asset);
    return asset;
  };
}

function load(source: AssetSource): Buffer {
  if ('text' in source) return Buffer.from(source.text, 'utf8');
  if ('bundle' in source) return browserBundle(source.bundle);
  if ('module' in source) return fs.readFileSync(require.resolve(source.module));
  // Resolved through package.json, so a hoisted or nested install works.
  const root = path.dirname(require.resolve(`${source.package}/package.json`));
  const body = fs.readFileSync(path.join(root, source.file));
  if (!source.stripSourceMap) return body;
  return Buffer.from(body.toString('utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), 'utf8');
}

function etagOf(body: Buffer): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Whether a request's If-None-Match names this ETag (or is `*`), so that 304 Not Modified
 * answers it. Tags compare weakly (by their opaque part), as RFC 9110 says for If-None-Match.
 */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** The headers of an asset's 200 (and, but for the type, of its 304). */
export function assetHeaders(asset: Asset): Record<string, string> {
  return {
    'content-type': asset.contentType,
    'cache-control': ASSET_CACHE_CONTROL,
    etag: asset.etag,
    'x-content-type-options': 'nosniff',
  };
}
