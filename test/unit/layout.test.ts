import fs from 'node:fs';
import path from 'node:path';

// The one-way layout: the kernel (src/graphql: translator, pagination, limits, enums), the
// model's lists (src/model), the executor (src/db) and the HTTP side (src/http: the edge, the
// GraphQL pipeline and its routes, Apollo assembly, error formatting) import no concept folder; concepts import the kernel; the
// composition (src/schema.ts, src/server.ts, src/index.ts) imports both. Nothing below the HTTP
// side imports it, and nothing below the composition imports the composition.

const SRC = path.join(__dirname, '../../src');
const CONCEPTS = [
  'adverse-events',
  'arms',
  'conditions',
  'evidence',
  'imports',
  'interventions',
  'outcomes',
  'predictors',
  'search',
  'seeds',
  'studies',
];
const COMPOSITION = ['schema.ts', 'server.ts', 'index.ts'].map((file) => path.join(SRC, file));

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** The local files a file imports or re-exports from, as absolute paths (`.ts` added when the path names a file). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm),
  ].map((m) => m[1] ?? m[2]);
  return specifiers
    .filter((p) => p.startsWith('.'))
    .map((p) => path.resolve(path.dirname(file), p))
    .map((target) => (fs.existsSync(`${target}.ts`) ? `${target}.ts` : target));
}

const inFolder = (target: string, folder: string) =>
  target === path.join(SRC, folder) || target.startsWith(path.join(SRC, folder) + path.sep);

/** Every import of a file under `folder` that `forbidden` refuses, as "file → target". */
function offendingImports(folder: string, forbidden: (target: string) => boolean): string[] {
  return filesUnder(path.join(SRC, folder)).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((target) => `${path.relative(SRC, file)} → ${path.relative(SRC, target)}`),
  );
}

describe('the layout', () => {
  it.each(['graphql', 'model', 'db', 'http'])('src/%s imports no concept folder', (folder) => {
    expect(offendingImports(folder, (target) => CONCEPTS.some((concept) => inFolder(target, concept)))).toEqual([]);
  });

  it.each(['graphql', 'model', 'db'])('src/%s imports nothing of the HTTP side or the composition', (folder) => {
    expect(offendingImports(folder, (target) => inFolder(target, 'http') || COMPOSITION.includes(target))).toEqual([]);
  });

  it('src/http imports nothing of the composition (it receives the schema)', () => {
    expect(offendingImports('http', (target) => COMPOSITION.includes(target))).toEqual([]);
  });

  it('finds the imports it checks (the checks can fail)', () => {
    expect(importsOf(path.join(SRC, 'schema.ts')).some((target) => inFolder(target, 'studies'))).toBe(true);
    expect(importsOf(path.join(SRC, 'server.ts'))).toEqual(
      expect.arrayContaining([path.join(SRC, 'schema.ts'), path.join(SRC, 'http', 'edge.ts')]),
    );
    // A re-export counts as an import.
    expect(
      importsOf(path.join(SRC, 'server.ts')).filter((target) => target === path.join(SRC, 'http', 'edge.ts')).length,
    ).toBeGreaterThan(1);
  });
});
