import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDriver, Executor } from '../../src/db/executor';
import { loadSeedPath, loadSeedTexts, SeedValidationError, writeSeeds } from '../../src/seeds/seed.loader';
import { validateSeeds } from '../../src/seeds/seed.validate';
import {
  badInputs,
  expectedShape,
  forEachEvidence,
  Json,
  readJson,
  rekeyStudy,
  rekeyVocabulary,
  REPO_ROOT,
  SEED_STUDY_FILE,
  SEEDS_DIR,
  studyFiles,
  testPrefix,
  VOCABULARY_FILE,
} from '../fixtures/seed-inputs';
import { buildPrivateDist, killTalkingToNeo4j, PrivateBuild, seededCounts } from '../security/helpers';
import { connectTestDb, TestDb, useWriteDatabase } from '../support/db';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

/**
 * The loader against the real Neo4j: idempotence, replacement of a changed study, concurrent
 * loads, rejection of bad input, and atomicity when the loading process is killed. Everything
 * this file writes has keys starting with PREFIX (concepts of its own too, so that no seeded
 * concept gains links), and is deleted in afterAll. The seeded data is only ever re-loaded as it is.
 */

jest.setTimeout(180_000);

const PREFIX = testPrefix('seedload');
const VOCAB_PREFIX = `${PREFIX}-v`;
const SEED: Json = readJson(SEED_STUDY_FILE);
const VOCABULARY: Json = readJson(VOCABULARY_FILE);
const TEST_VOCABULARY = rekeyVocabulary(VOCABULARY, VOCAB_PREFIX);
const text = (data: Json) => JSON.stringify(data, null, 2);

let db: TestDb;
const extraDrivers: { close(): Promise<void> }[] = [];
const tempDirs: string[] = [];

beforeAll(async () => {
  db = connectTestDb();
  // The concepts the test studies reference: keys of this file only.
  const summary = await loadSeedTexts(db.executor, [{ file: 'test-vocabulary.json', text: text(TEST_VOCABULARY) }]);
  expect(summary.vocabularies).toBe(1);
});

afterAll(async () => {
  try {
    await deleteTestData(PREFIX);
    const [{ left }] = await db.query<{ left: number }>(
      'MATCH (n) WHERE n.id STARTS WITH $p OR n.studyId STARTS WITH $p RETURN count(n) AS left',
      { p: PREFIX },
    );
    expect(left).toBe(0);
  } finally {
    for (const d of extraDrivers) await d.close().catch(() => undefined);
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

/** Deletes every node whose key (or owning study key) starts with `prefix`, in batches. */
async function deleteTestData(prefix: string): Promise<void> {
  for (;;) {
    const [{ deleted }] = await db.query<{ deleted: number }>(
      `MATCH (n) WHERE n.id STARTS WITH $p OR n.studyId STARTS WITH $p
       WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted`,
      { p: prefix },
    );
    if (deleted === 0) return;
  }
}

/** What the graph holds of one study: its parts, all its nodes (study, parts, documents, publications) and all its relationships (but the derived RELATED ones, and its history: HAS_VERSION). */
async function studyCounts(
  study: Json,
): Promise<{ studies: number; parts: number; nodes: number; relationships: number }> {
  const [row] = await db.query<{ studies: number; parts: number; nodes: number; relationships: number }>(
    `CALL { MATCH (s:Study {id: $id}) RETURN count(s) AS studies }
     CALL { MATCH (p:StudyPart {studyId: $id}) RETURN count(p) AS parts }
     CALL { MATCH (:Study {id: $id})-[r:!RELATED&!HAS_VERSION]->() RETURN count(r) AS fromStudy }
     CALL { MATCH (:StudyPart {studyId: $id})-[r]->() RETURN count(r) AS fromParts }
     CALL { MATCH (d:Document) WHERE d.id IN $docs RETURN count(d) AS docs }
     CALL { MATCH (d:Document)-[r:REPRODUCES]->() WHERE d.id IN $docs RETURN count(r) AS reproduces }
     CALL { MATCH (p:Publication) WHERE p.id IN $pubs RETURN count(p) AS pubs }
     RETURN studies, parts, studies + parts + docs + pubs AS nodes, fromStudy + fromParts + reproduces AS relationships`,
    {
      id: study.study.id,
      docs: study.documents.map((d: Json) => d.id),
      pubs: study.publications.map((p: Json) => p.id),
    },
  );
  return row;
}

const shapeOf = (study: Json) => ({ studies: 1, ...expectedShape(study) });

/** StudyParts of a study that its Study node does not reach: what a partial replacement would leave behind. */
async function orphanParts(studyId: string): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    `MATCH (p:StudyPart {studyId: $id})
     WHERE NOT EXISTS { MATCH (:Study {id: $id})-[*1..3]->(p) }
     RETURN count(p) AS n`,
    { id: studyId },
  );
  return n;
}

describe('(a) loading seeds/ a second time changes nothing', () => {
  it('reports every study unchanged, writes nothing, and leaves the counts as they were', async () => {
    const studies = studyFiles().length;
    expect(studies).toBe(9);
    const before = await seededCounts(db);
    const summary = await loadSeedPath(db.executor, SEEDS_DIR);
    expect(summary.vocabularies).toBe(1);
    expect(summary.studies).toEqual({ created: 0, updated: 0, unchanged: studies });
    expect(summary.perStudy.map((s) => s.status)).toEqual(Array(studies).fill('unchanged'));
    expect({
      nodesCreated: summary.nodesCreated,
      nodesDeleted: summary.nodesDeleted,
      relationshipsCreated: summary.relationshipsCreated,
      relationshipsDeleted: summary.relationshipsDeleted,
    }).toEqual({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0 });
    expect(await seededCounts(db)).toEqual(before);
    // And the seeded studies are whole: each holds what its file declares.
    for (const { data } of studyFiles()) expect(await studyCounts(data)).toEqual(shapeOf(data));
  });
});

describe('(b) a changed study replaces the stored one', () => {
  const id = `${PREFIX}-upd`;
  const v1 = rekeyStudy(SEED, id, VOCAB_PREFIX);
  const removedOutcome = v1.outcomes.find((o: Json) => o.comparisons.length > 0 && o !== v1.outcomes[0]);
  const removedFinding = v1.predictorFindings[v1.predictorFindings.length - 1];
  const renamedAdverseEvent = v1.adverseEvents[0];
  const v2 = ((): Json => {
    const s = JSON.parse(JSON.stringify(v1));
    s.outcomes = s.outcomes.filter((o: Json) => o.id !== removedOutcome.id);
    s.predictorFindings = s.predictorFindings.filter((f: Json) => f.id !== removedFinding.id);
    s.adverseEvents[0].id = `${renamedAdverseEvent.id}-renamed`;
    s.outcomes[0].measurements[0].value = 41;
    s.population.description = `${s.population.description} (changed)`;
    return s;
  })();

  it('first load: created, with exactly the nodes and relationships of the file', async () => {
    const summary = await loadSeedTexts(db.executor, [{ file: 'v1.json', text: text(v1) }]);
    expect(summary.perStudy).toEqual([{ id, status: 'created' }]);
    const shape = shapeOf(v1);
    expect(await studyCounts(v1)).toEqual(shape);
    expect(summary.nodesCreated).toBe(shape.nodes);
    expect(summary.relationshipsCreated).toBe(shape.relationships);
    expect(await orphanParts(id)).toBe(0);
  });

  it('same file again: unchanged, nothing written', async () => {
    const summary = await loadSeedTexts(db.executor, [{ file: 'v1.json', text: text(v1) }]);
    expect(summary.perStudy).toEqual([{ id, status: 'unchanged' }]);
    expect(
      summary.nodesCreated + summary.nodesDeleted + summary.relationshipsCreated + summary.relationshipsDeleted,
    ).toBe(0);
  });

  it('changed file: updated; the old parts are gone, the new ones in place, no orphan StudyPart, counts consistent', async () => {
    const seededBefore = await seededCounts(db);
    const summary = await loadSeedTexts(db.executor, [{ file: 'v2.json', text: text(v2) }]);
    expect(summary.perStudy).toEqual([{ id, status: 'updated' }]);
    expect(summary.studies).toEqual({ created: 0, updated: 1, unchanged: 0 });

    const s1 = expectedShape(v1);
    const s2 = expectedShape(v2);
    expect(await studyCounts(v2)).toEqual(shapeOf(v2));
    expect(s2.parts).toBeLessThan(s1.parts);
    // The study's parts were deleted and written again; its Study, document and publication were kept.
    expect(summary.nodesDeleted).toBe(s1.parts);
    expect(summary.nodesCreated).toBe(s2.parts);
    const reproduces = (s: Json) => s.documents.filter((d: Json) => d.publication).length;
    expect(summary.relationshipsDeleted).toBe(s1.relationships - reproduces(v1));
    expect(summary.relationshipsCreated).toBe(s2.relationships - reproduces(v2));
    expect(await orphanParts(id)).toBe(0);

    const gone = await db.query<{ id: string }>('MATCH (n) WHERE n.id IN $ids RETURN n.id AS id', {
      ids: [
        `${id}/${removedOutcome.id}`,
        ...removedOutcome.measurements.map((m: Json) => `${id}/${m.id}`),
        ...removedOutcome.comparisons.map((c: Json) => `${id}/${c.id}`),
        `${id}/${removedFinding.id}`,
        `${id}/${renamedAdverseEvent.id}`,
      ],
    });
    expect(gone).toEqual([]);
    const [changed] = await db.query<{ value: number; description: string; renamed: number }>(
      `MATCH (m:Measurement {id: $m}), (p:Population {id: $p})
       RETURN m.value AS value, p.description AS description, COUNT { (:AdverseEventResult {id: $ae}) } AS renamed`,
      {
        m: `${id}/${v2.outcomes[0].measurements[0].id}`,
        p: `${id}/${v2.population.id}`,
        ae: `${id}/${renamedAdverseEvent.id}-renamed`,
      },
    );
    expect(changed).toEqual({ value: 41, description: v2.population.description, renamed: 1 });
    expect(await seededCounts(db)).toEqual(seededBefore);
  });

  it('changed sources: a document and publication the study no longer cites are not left behind', async () => {
    const v3 = JSON.parse(JSON.stringify(v2));
    const oldDocs = v3.documents.map((d: Json) => d.id);
    const oldPubs = v3.publications.map((p: Json) => p.id);
    renameSources(v3, (key) => `${key}-v3`);

    const summary = await loadSeedTexts(db.executor, [{ file: 'v3.json', text: text(v3) }]);
    expect(summary.perStudy).toEqual([{ id, status: 'updated' }]);
    expect(await studyCounts(v3)).toEqual(shapeOf(v3));
    const stale = await db.query<{ id: string }>(
      'MATCH (n) WHERE (n:Document OR n:Publication) AND n.id IN $ids RETURN n.id AS id',
      {
        ids: [...oldDocs, ...oldPubs],
      },
    );
    expect(stale).toEqual([]);
  });
});

/** Gives a study's documents and publications other keys, and its evidence with them. */
function renameSources(study: Json, rename: (key: string) => string): void {
  for (const d of study.documents) {
    d.id = rename(d.id);
    if (d.publication) d.publication = rename(d.publication);
  }
  for (const p of study.publications) p.id = rename(p.id);
  forEachEvidence(study, (e) => (e.document = rename(e.document)));
}

describe('(b2) sources shared by two studies', () => {
  it('a document and publication that another study still cites stay when one study stops citing them', async () => {
    const a = rekeyStudy(SEED, `${PREFIX}-shr-a`, VOCAB_PREFIX);
    const b = rekeyStudy(SEED, `${PREFIX}-shr-b`, VOCAB_PREFIX);
    // b cites the same document and publication as a.
    renameSources(b, (key) => key.replace(`${PREFIX}-shr-b`, `${PREFIX}-shr-a`));
    const shared = {
      documents: a.documents.map((d: Json) => d.id),
      publications: a.publications.map((p: Json) => p.id),
    };
    expect(b.documents.map((d: Json) => d.id)).toEqual(shared.documents);
    await loadSeedTexts(db.executor, [
      { file: 'a.json', text: text(a) },
      { file: 'b.json', text: text(b) },
    ]);
    const a2 = JSON.parse(JSON.stringify(a));
    renameSources(a2, (key) => `${key}-own`);
    const summary = await loadSeedTexts(db.executor, [{ file: 'a2.json', text: text(a2) }]);
    expect(summary.perStudy).toEqual([{ id: a.study.id, status: 'updated' }]);
    expect(await studyCounts(a2)).toEqual(shapeOf(a2));
    expect(await studyCounts(b)).toEqual(shapeOf(b));
    const [{ docs, pubs }] = await db.query<{ docs: number; pubs: number }>(
      `CALL { MATCH (d:Document) WHERE d.id IN $documents RETURN count(d) AS docs }
       CALL { MATCH (p:Publication) WHERE p.id IN $publications RETURN count(p) AS pubs }
       RETURN docs, pubs`,
      shared,
    );
    expect({ docs, pubs }).toEqual({ docs: shared.documents.length, pubs: shared.publications.length });
  });
});

describe('(c) concurrent loads of the same new study', () => {
  it('four loads at once through four drivers: one Study, its parts once, one load reports it created', async () => {
    const id = `${PREFIX}-conc`;
    const study = rekeyStudy(SEED, id, VOCAB_PREFIX);
    const inputs = [{ file: 'concurrent.json', text: text(study) }];
    const uri = process.env.NEO4J_URI!;
    const executors = Array.from({ length: 4 }, () => {
      const driver = createDriver(uri, process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
      extraDrivers.push(driver);
      return new Executor(driver, { database: process.env.NEO4J_DATABASE ?? 'neo4j', readTimeoutMs: 30_000 });
    });
    const summaries = await Promise.all(executors.map((executor) => loadSeedTexts(executor, inputs)));
    const statuses = summaries.flatMap((s) => s.perStudy.map((p) => p.status)).sort();
    expect(statuses).toEqual(['created', 'unchanged', 'unchanged', 'unchanged']);
    expect(await studyCounts(study)).toEqual(shapeOf(study));
    const [{ studies }] = await db.query<{ studies: number }>(
      'MATCH (s:Study) WHERE s.id = $id RETURN count(s) AS studies',
      { id },
    );
    expect(studies).toBe(1);
    // No relationship was written twice.
    const [{ duplicates }] = await db.query<{ duplicates: number }>(
      `MATCH (a)-[r]->(b) WHERE a.studyId = $id OR a.id = $id
       WITH a, b, type(r) AS t, count(r) AS n WHERE n > 1 RETURN count(*) AS duplicates`,
      { id },
    );
    expect(duplicates).toBe(0);
  });
});

describe('(d) bad input is rejected and writes nothing', () => {
  const study = rekeyStudy(SEED, `${PREFIX}-bad`, VOCAB_PREFIX);
  const cases = badInputs(study, TEST_VOCABULARY, 'test/fixtures/bad-db');

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await seededCounts(db);
    const error = await loadSeedTexts(db.executor, c.inputs).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeedValidationError);
    const issues = (error as SeedValidationError).issues;
    expect(issues).toEqual([
      expect.objectContaining({ file: c.expected.file, path: c.expected.path, rule: c.expected.rule }),
    ]);
    expect(issues[0].message).toMatch(c.expected.message);
    expect((error as Error).message).toContain(`${c.expected.file}: ${c.expected.path}: `);
    expect((error as Error).message).toContain(`[${c.expected.rule}]`);
    expect(await seededCounts(db)).toEqual(before);
    const [{ written }] = await db.query<{ written: number }>(
      'MATCH (n) WHERE n.id STARTS WITH $p OR n.studyId STARTS WITH $p RETURN count(n) AS written',
      { p: study.study.id },
    );
    expect(written).toBe(0);
  });
});

describe('(d2) a reference that vanished between validation and writing', () => {
  it('fails the batch as a whole: neither the dangling study nor the valid one of the same transaction is written', async () => {
    const good = rekeyStudy(SEED, `${PREFIX}-dang-a`, VOCAB_PREFIX);
    const dangling = rekeyStudy(SEED, `${PREFIX}-dang-b`, VOCAB_PREFIX);
    const missing = `${PREFIX}-v-missing-intervention`;
    dangling.arms[0].receives[0].intervention = missing;
    // Validated against a vocabulary that declares the intervention, which the database does not hold.
    const vocabulary = JSON.parse(JSON.stringify(TEST_VOCABULARY));
    vocabulary.interventions.push({ id: missing, name: 'Missing intervention', kind: 'OTHER' });
    const { seeds, issues } = validateSeeds([
      { file: 'vocabulary.json', data: vocabulary },
      { file: 'good.json', data: good },
      { file: 'dangling.json', data: dangling },
    ]);
    expect(issues).toEqual([]);
    const before = await seededCounts(db);
    await expect(
      writeSeeds(db.executor, { vocabularies: [], studies: seeds!.studies }, { batchSize: 2 }),
    ).rejects.toThrow(/Dangling reference while writing Arm-RECEIVES->Intervention: 1 of \d+ targets are missing/);
    const [{ written }] = await db.query<{ written: number }>(
      'MATCH (n) WHERE n.id IN [$a, $b] OR n.studyId IN [$a, $b] OR n.id STARTS WITH $a + "-" OR n.id STARTS WITH $b + "-" RETURN count(n) AS written',
      { a: good.study.id, b: dangling.study.id },
    );
    expect(written).toBe(0);
    expect(await seededCounts(db)).toEqual(before);
  });
});

describe('(e) the command line', () => {
  let build: PrivateBuild;
  let cli: string;

  beforeAll(async () => {
    // A private build (the run's shared one), so that a build of dist/ by someone else cannot change the program under test midway.
    // Type errors elsewhere in the project (files being edited) still emit JavaScript; the seed code must compile cleanly.
    build = await buildPrivateDist('seed-cli', { allowTypeErrors: true });
    cli = path.join(build.outDir, 'src', 'seeds', 'seed-cli.js');
    const seedErrors = build.output.split('\n').filter((l) => /src\/(seeds|db)\//.test(l));
    expect(seedErrors).toEqual([]);
    expect(fs.existsSync(cli)).toBe(true);
  }, 240_000);

  afterAll(() => build?.remove());

  /** Writes `count` copies of the seed study under keys `<prefix>-0001`… into a new folder. */
  function writeStudies(prefix: string, count: number): { dir: string; studies: Json[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-kill-'));
    tempDirs.push(dir);
    const studies = Array.from({ length: count }, (_, i) =>
      rekeyStudy(SEED, `${prefix}-${String(i + 1).padStart(4, '0')}`, VOCAB_PREFIX),
    );
    for (const s of studies) fs.writeFileSync(path.join(dir, `${s.study.id}.json`), text(s));
    return { dir, studies };
  }

  const countStudies = async (prefix: string) =>
    (await db.query<{ n: number }>('MATCH (s:Study) WHERE s.id STARTS WITH $p RETURN count(s) AS n', { p: prefix }))[0]
      .n;

  /** Runs the CLI on `dir`, SIGKILLs it once at least `killAt` studies are committed, and returns the exit. */
  async function loadAndKill(dir: string, prefix: string, killAt: number, extraArgs: string[] = []) {
    const child: ChildProcess = spawn(process.execPath, [cli, dir, ...extraArgs], {
      cwd: REPO_ROOT,
      env: { ...process.env, NEO4J_URI: process.env.NEO4J_URI },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let done = false;
    void exited.then(() => (done = true));
    let killed: ReturnType<typeof killTalkingToNeo4j> | undefined;
    try {
      while (!done && (await countStudies(prefix)) < killAt) await new Promise((r) => setTimeout(r, 20));
    } finally {
      if (!done) killed = killTalkingToNeo4j(child);
    }
    const exit = await exited;
    // A commit already sent when the process died is finished by the server: wait until Neo4j
    // has no connection or transaction of the process left, so that the graph no longer changes.
    await killed?.settled(db);
    return { exit, output };
  }

  /** Every study of `prefix` in the graph is whole; returns how many there are. */
  async function assertWholeStudies(prefix: string, studies: Json[]): Promise<number> {
    const shape = expectedShape(studies[0]);
    const rows = await db.query<{
      id: string;
      parts: number;
      relationships: number;
      docs: number;
      pubs: number;
      versions: number;
    }>(
      `MATCH (s:Study) WHERE s.id STARTS WITH $p
       CALL (s) { MATCH (part:StudyPart {studyId: s.id}) RETURN count(part) AS parts }
       CALL (s) { MATCH (s)-[r:!RELATED&!HAS_VERSION]->() RETURN count(r) AS fromStudy }
       CALL (s) { MATCH (s)-[:HAS_VERSION]->(v:StudyVersion) RETURN count(v) AS versions }
       CALL (s) { MATCH (:StudyPart {studyId: s.id})-[r]->() RETURN count(r) AS fromParts }
       CALL (s) { MATCH (d:Document) WHERE d.id STARTS WITH s.id + '-doc-' RETURN count(d) AS docs }
       CALL (s) { MATCH (d:Document)-[r:REPRODUCES]->() WHERE d.id STARTS WITH s.id + '-doc-' RETURN count(r) AS reproduces }
       CALL (s) { MATCH (p:Publication) WHERE p.id STARTS WITH s.id + '-pub-' RETURN count(p) AS pubs }
       RETURN s.id AS id, parts, fromStudy + fromParts + reproduces AS relationships, docs, pubs, versions`,
      { p: prefix },
    );
    const wrong = rows.filter(
      // A whole study has its one version too: written in the study's transaction, it exists if and only if the study does.
      (r) =>
        r.parts !== shape.parts ||
        r.relationships !== shape.relationships ||
        r.docs !== studies[0].documents.length ||
        r.pubs !== studies[0].publications.length ||
        r.versions !== 1,
    );
    expect(wrong).toEqual([]);
    // No part, document or publication of a study whose Study node is absent.
    const [{ orphans }] = await db.query<{ orphans: number }>(
      `MATCH (n) WHERE (n.studyId STARTS WITH $p OR ((n:Document OR n:Publication) AND n.id STARTS WITH $p))
         AND NOT EXISTS { MATCH (s:Study) WHERE s.id = coalesce(n.studyId, split(split(n.id, '-doc-')[0], '-pub-')[0]) }
       RETURN count(n) AS orphans`,
      { p: prefix },
    );
    expect(orphans).toBe(0);
    return rows.length;
  }

  it('a load killed midway (SIGKILL, one study per transaction) leaves only whole studies', async () => {
    const prefix = `${PREFIX}-kill`;
    const { dir, studies } = writeStudies(prefix, 300);
    const { exit, output } = await loadAndKill(dir, prefix, 5);
    expect(exit.signal).toBe('SIGKILL');
    const present = await assertWholeStudies(prefix, studies);
    expect(present).toBeGreaterThanOrEqual(1);
    expect(present).toBeLessThanOrEqual(299);
    expect(output).not.toMatch(/Loaded .* study file/);
    await deleteTestData(prefix);
  }, 300_000);

  it('a load killed midway with --batch-size 25 leaves whole batches only', async () => {
    const prefix = `${PREFIX}-batch`;
    const { dir, studies } = writeStudies(prefix, 300);
    const { exit } = await loadAndKill(dir, prefix, 25, ['--batch-size', '25']);
    expect(exit.signal).toBe('SIGKILL');
    const present = await assertWholeStudies(prefix, studies);
    expect(present).toBeGreaterThanOrEqual(25);
    expect(present).toBeLessThanOrEqual(275);
    expect(present % 25).toBe(0);
    await deleteTestData(prefix);
  }, 300_000);

  it('`npm run seed` (the seed command line) on a bad file exits non-zero and names the file, the JSON path and the rule on stderr', async () => {
    // `npm run seed` compiles src/ into dist/ and runs the command line from there; it runs here from
    // the run's build instead (the same compile; the build's later steps, the pages' browser
    // bundles, are not the command line's), so that the test does not rewrite dist/ under other
    // test files.
    const scripts = readJson(path.join(REPO_ROOT, 'package.json')).scripts;
    expect(scripts.seed).toBe('npm run build && node dist/src/seeds/seed-cli.js');
    expect(scripts.build).toMatch(/^tsc -p tsconfig\.build\.json(?: && |$)/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-bad-'));
    tempDirs.push(dir);
    const bad = rekeyStudy(SEED, `${PREFIX}-cli-bad`, VOCAB_PREFIX);
    bad.arms[0].randomized = -12;
    const file = path.join(dir, 'negative-count.json');
    fs.writeFileSync(file, text(bad));
    const before = await seededCounts(db);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, file], {
        cwd: REPO_ROOT,
        env: { ...process.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${file}: $.arms[0].randomized: must not be negative [schema.too_small]`);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(await seededCounts(db)).toEqual(before);
    expect(await countStudies(`${PREFIX}-cli-bad`)).toBe(0);
  }, 300_000);
});
