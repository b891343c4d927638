import { loadSeedTexts, SeedValidationError } from '../../src/seeds/seed.loader';
import { BOUNDS } from '../../src/model/bounds';
import {
  Json,
  readJson,
  rekeyStudy,
  rekeyVocabulary,
  SEED_STUDY_FILE,
  testPrefix,
  VOCABULARY_FILE,
} from '../fixtures/seed-inputs';
import { connectTestDb, TestDb, useWriteDatabase } from '../support/db';

// This file writes: it works on the writers' Neo4j.
useWriteDatabase();
jest.setTimeout(180_000);

/**
 * The bounds of src/model/bounds.ts that no single file can break alone, checked on the graph
 * inside the write's transaction: a load past one is refused with its rule and nothing of it
 * stays. Everything written here has keys of this file and is deleted in afterAll.
 */
const PREFIX = testPrefix('bounds');
let db: TestDb;
beforeAll(() => {
  db = connectTestDb();
});
afterAll(async () => {
  try {
    await db.query('MATCH (n) WHERE n.id STARTS WITH $p OR n.studyId STARTS WITH $p DETACH DELETE n', { p: PREFIX });
  } finally {
    await db.close();
  }
});

const condition = (id: string, broader: string[]) => ({
  id,
  name: `Test condition ${id}`,
  synonyms: [],
  codes: [],
  kind: 'DISEASE',
  broader,
});
/** The seed vocabulary under keys of this file, with `conditions` added. */
function vocabulary(conditions: Json[]): Json {
  const base = rekeyVocabulary(readJson(VOCABULARY_FILE), `${PREFIX}-x`);
  return { ...base, conditions: [...base.conditions, ...conditions] };
}
const load = (file: string, data: Json) => loadSeedTexts(db.executor, [{ file, text: JSON.stringify(data) }]);
const stored = async (ids: string[]) =>
  (await db.query<{ n: number }>('MATCH (c) WHERE c.id IN $ids RETURN count(c) AS n', { ids }))[0].n;

async function refusal(promise: Promise<unknown>): Promise<SeedValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SeedValidationError);
  return error as SeedValidationError;
}

describe('bounds the graph as a whole must keep', () => {
  it(`refuses a condition with more than ${BOUNDS.narrowerPerCondition} narrower conditions, counted across vocabularies`, async () => {
    const parent = `${PREFIX}-wide`;
    const first = Array.from({ length: BOUNDS.narrowerPerCondition }, (_, i) =>
      condition(`${PREFIX}-wide-${i}`, [parent]),
    );
    await load('first.json', vocabulary([condition(parent, []), ...first]));
    expect(await stored([parent, ...first.map((c) => c.id)])).toBe(1 + BOUNDS.narrowerPerCondition);
    // One more narrower condition, from another vocabulary file.
    const extra = condition(`${PREFIX}-wide-extra`, [parent]);
    const error = await refusal(load('second.json', vocabulary([extra])));
    expect(error.issues).toEqual([
      expect.objectContaining({
        file: 'second.json',
        rule: 'bound.narrowerPerCondition',
        message: expect.stringContaining(`${parent} would have ${BOUNDS.narrowerPerCondition + 1} narrower conditions`),
      }),
    ]);
    expect(await stored([extra.id])).toBe(0);
  });

  it(`refuses a chain that gives a condition more than ${BOUNDS.ancestorsPerCondition} ancestors`, async () => {
    const chain = Array.from({ length: BOUNDS.ancestorsPerCondition + 2 }, (_, i) =>
      condition(`${PREFIX}-deep-${i}`, i === 0 ? [] : [`${PREFIX}-deep-${i - 1}`]),
    );
    const error = await refusal(load('deep.json', vocabulary(chain)));
    expect(error.issues.map((i) => i.rule)).toEqual(['bound.ancestorsPerCondition']);
    expect(error.issues[0].message).toContain(
      `${PREFIX}-deep-${BOUNDS.ancestorsPerCondition + 1} would have ${BOUNDS.ancestorsPerCondition + 1} ancestors`,
    );
    expect(await stored(chain.map((c) => c.id))).toBe(0);
    // One ancestor fewer is admitted.
    await load('deep-ok.json', vocabulary(chain.slice(0, -1)));
    expect(await stored(chain.slice(0, -1).map((c) => c.id))).toBe(BOUNDS.ancestorsPerCondition + 1);
  });

  it(`refuses the study after which one publication reports more than ${BOUNDS.studiesPerPublication} studies`, async () => {
    const seed = readJson(SEED_STUDY_FILE);
    const shared = `${PREFIX}-pooled-report`;
    // The copies hold concepts of this file's vocabulary, so that deleting them in afterAll
    // leaves the stored counts of the seed concepts (relatedStudies weights) as they were.
    await load('own.json', vocabulary([]));
    const copy = (n: number) => {
      const s = rekeyStudy(seed, `${PREFIX}-study-${n}`, `${PREFIX}-x`);
      s.publications[0].id = shared;
      for (const d of s.documents) if (d.publication) d.publication = shared;
      return s;
    };
    const copies = Array.from({ length: BOUNDS.studiesPerPublication + 1 }, (_, n) => copy(n));
    await loadSeedTexts(
      db.executor,
      copies.slice(0, -1).map((s, n) => ({ file: `study-${n}.json`, text: JSON.stringify(s) })),
      { batchSize: 50 },
    );
    const reported = async () =>
      (
        await db.query<{ n: number }>('MATCH (:Publication {id: $id})<-[:REPORTED_IN]-(s:Study) RETURN count(s) AS n', {
          id: shared,
        })
      )[0].n;
    expect(await reported()).toBe(BOUNDS.studiesPerPublication);
    const last = copies[copies.length - 1];
    const error = await refusal(loadSeedTexts(db.executor, [{ file: 'last.json', text: JSON.stringify(last) }]));
    expect(error.issues.map((i) => i.rule)).toEqual(['bound.studiesPerPublication']);
    expect(await reported()).toBe(BOUNDS.studiesPerPublication);
    expect(await stored([last.study.id])).toBe(0);
  });
});
