import fs from 'node:fs';
import path from 'node:path';

// The one-way layout: the kernel (src/graphql: translator, pagination, limits, enums) and the
// model's lists (src/model) import no concept folder; concepts import the kernel, and the
// composition root (src/schema.ts) imports both.

const SRC = path.join(__dirname, '../../src');
const CONCEPTS = ['adverse-events', 'arms', 'conditions', 'evidence', 'imports', 'interventions', 'outcomes', 'predictors', 'search', 'seeds', 'studies'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]).filter((p) => p.startsWith('.')).map((p) => path.resolve(path.dirname(file), p));
}

describe('the layout', () => {
  it.each(['graphql', 'model'])('src/%s imports no concept folder', (folder) => {
    const offending = filesUnder(path.join(SRC, folder)).flatMap((file) =>
      importsOf(file)
        .filter((target) => CONCEPTS.some((concept) => target.startsWith(path.join(SRC, concept) + path.sep) || target === path.join(SRC, concept)))
        .map((target) => `${path.relative(SRC, file)} → ${path.relative(SRC, target)}`),
    );
    expect(offending).toEqual([]);
  });

  it('finds the imports it checks (the check can fail)', () => {
    expect(importsOf(path.join(SRC, 'schema.ts')).some((target) => target.startsWith(path.join(SRC, 'studies')))).toBe(true);
  });
});
