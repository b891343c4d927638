import fs from 'node:fs';
import path from 'node:path';
import { BUNDLES } from '../../src/assets/bundles';

// The pages' browser code (src/*/browser/) stays apart from the server: it imports only its own
// folder and the few browser packages it bundles or types, and the server imports of it only the
// settings it shares with the page. Each bundle's entry point is there.

const SRC = path.join(__dirname, '../../src');
const REPO = path.join(__dirname, '../..');
/** What browser code may import from npm: graphql-ws's client (bundled), cytoscape's types (the page loads it). */
const BROWSER_PACKAGES = ['graphql-ws/client', 'cytoscape'];

const browserFolders = fs
  .readdirSync(SRC, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(SRC, e.name, 'browser')))
  .map((e) => path.join(SRC, e.name, 'browser'));

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** The module specifiers a file imports or re-exports from (type imports included). */
function specifiersOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/^(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2]);
}

describe('the browser code', () => {
  it('lives in the browser folders of the explorer and the playground', () => {
    expect(browserFolders.map((dir) => path.relative(SRC, dir)).sort()).toEqual([
      'explore/browser',
      'playground/browser',
    ]);
  });

  it.each(browserFolders.map((dir) => path.relative(SRC, dir)))(
    'src/%s imports only its own folder and the browser packages',
    (folder) => {
      const dir = path.join(SRC, folder);
      const offending = filesUnder(dir).flatMap((file) =>
        specifiersOf(file)
          .filter((specifier) =>
            specifier.startsWith('.')
              ? !path.resolve(path.dirname(file), specifier).startsWith(dir + path.sep)
              : !BROWSER_PACKAGES.includes(specifier),
          )
          .map((specifier) => `${path.relative(SRC, file)} → ${specifier}`),
      );
      expect(offending).toEqual([]);
    },
  );

  it('is imported by the server for its shared settings only', () => {
    const serverFiles = filesUnder(SRC).filter(
      (file) => !browserFolders.some((dir) => file.startsWith(dir + path.sep)),
    );
    const imports = serverFiles.flatMap((file) =>
      specifiersOf(file)
        .filter((s) => s.startsWith('.'))
        .map((s) => path.resolve(path.dirname(file), s))
        .filter((target) => browserFolders.some((dir) => target.startsWith(dir + path.sep)))
        .map((target) => path.relative(SRC, target)),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect([...new Set(imports)].sort()).toEqual(['explore/browser/settings', 'playground/browser/settings']);
  });

  it('has the entry point of every bundle', () => {
    for (const entry of Object.values(BUNDLES)) expect(fs.existsSync(path.join(REPO, entry))).toBe(true);
  });
});
