import fs from 'node:fs';
import path from 'node:path';
import { formatIssue, SeedIssue, validateSeeds, validateTexts } from '../../src/seeds/seed.validate';
import { badInputs, readJson, REPO_ROOT, SEED_STUDY_FILE, seedFiles, VOCABULARY_FILE } from '../fixtures/seed-inputs';

/** Validates texts as the loader does, without a database (no stored concepts). */
function validateAll(inputs: { file: string; text: string }[]): SeedIssue[] {
  const validated = validateTexts(inputs);
  expect(validated.seeds === undefined).toBe(validated.issues.length > 0);
  return validated.issues;
}

describe('seed validation: the real seed files', () => {
  const files = seedFiles();

  it('reads the vocabulary and at least nine study files from seeds/', () => {
    expect(files).toContain(VOCABULARY_FILE);
    expect(files.filter((f) => f.includes(`${path.sep}studies${path.sep}`)).length).toBeGreaterThanOrEqual(9);
  });

  it('validate with zero issues', () => {
    const inputs = files.map((file) => ({ file: path.relative(REPO_ROOT, file), text: fs.readFileSync(file, 'utf8') }));
    const issues = validateAll(inputs);
    expect(issues.map(formatIssue)).toEqual([]);
    const { seeds } = validateSeeds(inputs.map((i) => ({ file: i.file, data: JSON.parse(i.text) })));
    expect(seeds!.vocabularies).toHaveLength(1);
    expect(seeds!.studies).toHaveLength(files.length - 1);
  });
});

describe('seed validation: each bad input is rejected with file, JSON path and rule', () => {
  const study = readJson(SEED_STUDY_FILE);
  const vocabulary = readJson(VOCABULARY_FILE);
  const cases = badInputs(study, vocabulary);

  it('covers every rule of the issue', () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'malformed-json',
        'missing-required-field',
        'wrong-type',
        'undeclared-arm',
        'duplicate-key',
        'duplicate-study',
        'p-value-above-1',
        'negative-count',
        'percentage-above-100',
        'unknown-concept',
        'is-a-cycle',
      ]),
    );
  });

  it('the unchanged clone that the bad inputs start from is valid', () => {
    expect(
      validateAll([
        { file: 'v.json', text: JSON.stringify(vocabulary) },
        { file: 's.json', text: JSON.stringify(study) },
      ]),
    ).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const issues = validateAll(c.inputs);
    // Exactly the one problem introduced, reported where it is.
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue.file).toBe(c.expected.file);
    expect(issue.path).toBe(c.expected.path);
    expect(issue.rule).toBe(c.expected.rule);
    expect(issue.message).toMatch(c.expected.message);
    // The line a person reads names all three.
    const line = formatIssue(issue);
    expect(line).toContain(c.expected.file);
    expect(line).toContain(c.expected.path);
    expect(line).toContain(`[${c.expected.rule}]`);
  });

  it('a malformed file does not hide the problems of the other files', () => {
    const malformed = cases.find((c) => c.name === 'malformed-json')!;
    const negative = cases.find((c) => c.name === 'negative-count')!;
    const issues = validateAll([...malformed.inputs, negative.inputs[1]]);
    expect(issues.map((i) => `${i.file} ${i.path} ${i.rule}`).sort()).toEqual(
      [
        `${malformed.expected.file} ${malformed.expected.path} ${malformed.expected.rule}`,
        `${negative.expected.file} ${negative.expected.path} ${negative.expected.rule}`,
      ].sort(),
    );
  });

  it('a study that references a concept of no vocabulary is rejected when no vocabulary is given', () => {
    const issues = validateAll([{ file: 'alone.json', text: JSON.stringify(study) }]);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.rule === 'unknown-concept' && i.file === 'alone.json')).toBe(true);
    expect(issues.map((i) => i.path)).toContain('$.population.conditions[0]');
  });
});

describe('seed validation: confidence levels are never assumed', () => {
  it('a CI without a level is read with level null, not 95', () => {
    const study = readJson(SEED_STUDY_FILE) as {
      outcomes: { comparisons: { ci: Record<string, unknown> | null }[] }[];
    };
    const comparison = study.outcomes.flatMap((o) => o.comparisons)[0];
    comparison.ci = { lower: 0.5, upper: 0.9 };
    const vocabulary = readJson(VOCABULARY_FILE);
    const { seeds, issues } = validateSeeds([
      { file: 'vocabulary.json', data: vocabulary },
      { file: 'study.json', data: study },
    ]);
    expect(issues.map(formatIssue)).toEqual([]);
    const read = (seeds!.studies[0].data as unknown as typeof study).outcomes
      .flatMap((o) => o.comparisons)
      .find((c) => c.ci?.lower === 0.5);
    expect(read!.ci).toEqual({ level: null, lower: 0.5, upper: 0.9, sided: null });
  });

  it('every CI level in seeds/ is one its quoted evidence states ("95% CI", or "95 % CI" as the fact sheet\'s corrections section writes it)', () => {
    for (const file of seedFiles().filter((f) => f.includes(`${path.sep}studies${path.sep}`))) {
      const facts: { ci: { level: number | null }; quotes: string }[] = [];
      const walk = (x: unknown): void => {
        if (Array.isArray(x)) return x.forEach(walk);
        if (x === null || typeof x !== 'object') return;
        const o = x as Record<string, unknown>;
        if (o.ci && typeof o.ci === 'object') {
          const evidence = ([] as { quote?: string }[]).concat((o.evidence as never) ?? []);
          facts.push({ ci: o.ci as { level: number | null }, quotes: evidence.map((e) => e.quote ?? '').join(' ') });
        }
        Object.values(o).forEach(walk);
      };
      walk(readJson(file));
      for (const fact of facts)
        if (fact.ci.level !== null)
          expect({ file, quotes: fact.quotes }).toEqual({
            file,
            quotes: expect.stringMatching(new RegExp(`(^|[^\\d.])${fact.ci.level} ?% CI`)),
          });
    }
  });
});
