import fs from 'node:fs';
import path from 'node:path';

// The one-way layout, as the README's Layout describes it: the kernel (src/graphql: translator,
// pagination, limits, enums), the model (src/model), the executor (src/db), the local Neo4j
// (src/neo4j) and the HTTP edge (src/http: server assembly, pipeline, hooks, its own routes) import
// no concept folder; a concept folder (every other folder of src/, read from the tree) imports the
// kernel, and its route module registers on the edge; the composition (src/schema.ts,
// src/server.ts, src/index.ts) imports both. Nothing below the composition imports it.

const SRC = path.join(__dirname, '../../src');
/** The folders that are not concepts: the kernel, the model, the executor, the local Neo4j and the HTTP edge. */
const INFRASTRUCTURE = ['graphql', 'model', 'db', 'neo4j', 'http'];
/** Every other folder of src/ is a concept. */
const CONCEPTS = fs
  .readdirSync(SRC, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !INFRASTRUCTURE.includes(e.name))
  .map((e) => e.name)
  .sort();
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
  it('reads the concept folders from the tree', () => {
    expect(CONCEPTS).toEqual(expect.arrayContaining(['ctgov', 'explore', 'export', 'fhir', 'pooling', 'studies']));
    for (const folder of INFRASTRUCTURE) expect(fs.statSync(path.join(SRC, folder)).isDirectory()).toBe(true);
  });

  it.each(INFRASTRUCTURE)('src/%s imports no concept folder', (folder) => {
    expect(offendingImports(folder, (target) => CONCEPTS.some((concept) => inFolder(target, concept)))).toEqual([]);
  });

  it.each(['graphql', 'model', 'db', 'neo4j'])(
    'src/%s imports nothing of the HTTP edge or the composition',
    (folder) => {
      expect(offendingImports(folder, (target) => inFolder(target, 'http') || COMPOSITION.includes(target))).toEqual(
        [],
      );
    },
  );

  it.each(['http', ...CONCEPTS])('src/%s imports nothing of the composition', (folder) => {
    expect(offendingImports(folder, (target) => COMPOSITION.includes(target))).toEqual([]);
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
