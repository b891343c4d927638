// The browser bundles of the pages: each page script (TypeScript under src/*/browser/, checked
// by tsconfig.browser.json) bundled by esbuild into one classic script, and each stylesheet.
// `npm run build` writes them to dist/browser/ (bundle-cli.ts); the server reads them from there.
// Running from source (the tests under ts-jest), or from a build without them, it bundles the
// source once, on the first request, and keeps the result.
import fs from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { REPO_ROOT } from '../config';

/** The bundles, by the name they are served under: the entry point of each, from the repository root. */
export const BUNDLES = {
  'explore.js': 'src/explore/browser/explore.ts',
  'explore.css': 'src/explore/browser/explore.css',
  'playground.js': 'src/playground/browser/playground.ts',
} as const;

export type BundleName = keyof typeof BUNDLES;

/** Where `npm run build` writes the bundles: dist/browser/ (this module runs as dist/src/assets/bundles.js). */
export const BUILT_BUNDLES_DIR = path.resolve(__dirname, '..', '..', 'browser');

/** Whether this module runs as TypeScript (ts-jest), so that a bundle in dist/ may be stale. */
const RUNNING_FROM_SOURCE = path.extname(__filename) === '.ts';

/**
 * esbuild's options for one bundle: an IIFE for browsers of 2022 on, without source map (nothing
 * the pages load asks for one), its imports bundled (graphql-ws's client, the shared modules);
 * the libraries the pages load as UMD globals (cytoscape, React, GraphiQL) are imported as types
 * only.
 */
export function bundleOptions(name: BundleName): BuildOptions {
  const origin = `${name}: built from ${BUNDLES[name]} by esbuild (npm run build).`;
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(REPO_ROOT, BUNDLES[name])],
    tsconfig: path.join(REPO_ROOT, 'tsconfig.browser.json'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    sourcemap: false,
    banner: name.endsWith('.css') ? { css: `/* ${origin} */` } : { js: `// ${origin}` },
    logLevel: 'silent',
  };
}

/**
 * The bytes of a bundle: the file `npm run build` wrote, or, running from source or without
 * that file, the source bundled now.
 */
export function browserBundle(name: BundleName): Buffer {
  const built = path.join(BUILT_BUNDLES_DIR, name);
  if (!RUNNING_FROM_SOURCE && fs.existsSync(built)) return fs.readFileSync(built);
  return bundleFromSource(name, built);
}

function bundleFromSource(name: BundleName, built: string): Buffer {
  let esbuild: typeof import('esbuild');
  try {
    // Loaded only here, so that a production install (without dev dependencies) never needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    esbuild = require('esbuild');
  } catch {
    throw new Error(
      `The browser bundle ${built} is missing and esbuild is not installed to make it: run npm run build.`,
    );
  }
  const result = esbuild.buildSync({ ...bundleOptions(name), write: false });
  return Buffer.from(result.outputFiles[0].contents);
}

/** Bundles every page script into `outDir` (dist/browser/ by default); returns the files written with their sizes. */
export async function writeBundles(outDir = BUILT_BUNDLES_DIR): Promise<{ file: string; bytes: number }[]> {
  const esbuild = await import('esbuild');
  fs.mkdirSync(outDir, { recursive: true });
  const written: { file: string; bytes: number }[] = [];
  for (const name of Object.keys(BUNDLES) as BundleName[]) {
    const file = path.join(outDir, name);
    await esbuild.build({ ...bundleOptions(name), outfile: file, write: true });
    written.push({ file, bytes: fs.statSync(file).size });
  }
  return written;
}
