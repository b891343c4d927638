import { ManagedTransaction } from 'neo4j-driver';
import { loadSeedTexts, writeStudyBatch } from '../../src/seeds/seed.loader';
import { planStudy } from '../../src/seeds/seed.plan';
import { DELETE_STUDY } from '../../src/seeds/seed.repository';
import {
  Ancestors,
  countHolders,
  Frequencies,
  Holdings,
  holdingsOf,
  RELATED_PER_STUDY,
  topRelated,
} from '../../src/studies/related.score';
import { relatedAfter, relatedBefore } from '../../src/studies/related.service';
import { ancestorsOf, profileOfFile } from '../fixtures/related';
import {
  Json,
  readJson,
  rekeyStudy,
  rekeyVocabulary,
  studyFiles,
  testPrefix,
  VOCABULARY_FILE,
} from '../fixtures/seed-inputs';
import { useWriteDatabase } from '../support/db';
import { startTestServer, TestServer } from '../support/server';

// This file writes: it works on the writers' Neo4j.
useWriteDatabase();

/**
 * The stored related lists follow the imports and deletes, in their transactions: each test
 * study is a copy of a seed study under keys of this file, with a vocabulary of its own, so
 * that the test studies relate only to one another. The expected lists come from the scoring
 * of src/studies/related.score.ts over the test files; everything written is deleted in afterAll.
 */

jest.setTimeout(300_000);

const KEY = 'related-test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}` };
const PREFIX = testPrefix('related');
const VOCAB_PREFIX = `${PREFIX}-v`;
const VOCABULARY = rekeyVocabulary(readJson(VOCABULARY_FILE), VOCAB_PREFIX);
const ANCESTORS = ancestorsOf(VOCABULARY);
const seedFile = (id: string) => studyFiles().find((f) => f.data.study.id === id)!.data;
const IMPORT =
  'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { studyId status } } }';
const DELETE = 'mutation($id: ID!) { deleteStudy(id: $id) { deleted } }';
const RELATED =
  'query R($id: ID!) { relatedStudies(id: $id, first: 100) { score study { id } shared { kind id weight } } }';

let server: TestServer;
/** The test studies in the graph now, by key. */
const present = new Map<string, Json>();

beforeAll(async () => {
  // What is checked is the lists each write leaves, not how fast: a delete recomputes up to 100
  // full lists, which passes the default 10 s deadline on a loaded machine.
  server = await startTestServer({ apiKey: KEY, requestTimeoutMs: 120_000 });
  await loadSeedTexts(server.db.executor, [{ file: 'vocabulary.json', text: JSON.stringify(VOCABULARY) }]);
});

afterAll(async () => {
  if (!server) return;
  try {
    // The test studies and vocabularies: nothing outside them holds a RELATED relationship to them.
    await server.db.query('MATCH (n) WHERE n.id STARTS WITH $p OR n.studyId STARTS WITH $p DETACH DELETE n', {
      p: PREFIX,
    });
  } finally {
    await server.close();
  }
});

async function importStudies(documents: Json[]): Promise<void> {
  const { status, body } = await server.graphql(IMPORT, { d: documents }, auth);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.importStudies.written).toBe(true);
  for (const d of documents) present.set(d.study.id, d);
}

async function deleteStudy(id: string): Promise<void> {
  const { body } = await server.graphql(DELETE, { id }, auth);
  expect(body.errors).toBeUndefined();
  expect(body.data.deleteStudy).toEqual({ deleted: true });
  present.delete(id);
}

const holdings = (studies: Map<string, Json> = present, ancestors: Ancestors = ANCESTORS): Holdings[] =>
  [...studies.values()].map((d) => holdingsOf(profileOfFile(d), ancestors));

/**
 * What relatedStudies must answer for `id`, by the scoring of the test files:
 * the test studies of `group` hold concepts of their own vocabulary only.
 */
function expected(
  id: string,
  group: { present: Map<string, Json>; ancestors: Ancestors; rareMax?: number } = { present, ancestors: ANCESTORS },
) {
  const all = holdings(group.present, group.ancestors);
  const freq: Frequencies = { holders: countHolders(all), rareMax: group.rareMax };
  return topRelated(
    all.find((h) => h.id === id)!,
    all,
    group.ancestors,
    freq,
  ).map((e) => ({
    id: e.id,
    score: e.scoreMilli / 1000,
    shared: e.shared.map((s) => ({ kind: s.kind, id: s.id, weight: s.weightMilli / 1000 })),
  }));
}

/** relatedStudies of `id`, read while the number of studies stays the same (other test files may write meanwhile); with that number. */
async function answer(id: string): Promise<Json[]> {
  const { body } = await server.graphql(RELATED, { id });
  expect(body.errors).toBeUndefined();
  return body.data.relatedStudies.map((r: Json) => ({ id: r.study.id, score: r.score, shared: r.shared }));
}

async function expectListsAsScored(): Promise<void> {
  for (const id of present.keys()) {
    expect({ id, related: await answer(id) }).toEqual({ id, related: expected(id) });
  }
}

/** The study counts of the test concepts (keys starting with `vocabularyPrefix`), as stored and as the present test studies give them. */
async function countsOfTestConcepts(
  vocabularyPrefix = VOCAB_PREFIX,
  studies: Map<string, Json> = present,
  ancestors: Ancestors = ANCESTORS,
): Promise<{ stored: Record<string, number>; expected: Record<string, number> }> {
  const rows = await server.db.query<{ key: string; n: number }>(
    `MATCH (c) WHERE (c:Condition OR c:Intervention OR c:OutcomeConcept OR c:Predictor) AND c.id STARTS WITH $p AND c.studyCount > 0
     RETURN labels(c)[0] + ':' + c.id AS key, c.studyCount AS n`,
    { p: vocabularyPrefix },
  );
  return {
    stored: Object.fromEntries(rows.map((r) => [r.key, r.n])),
    expected: Object.fromEntries(countHolders(holdings(studies, ancestors))),
  };
}

/** Every RELATED relationship from or to a study of `prefix`, with its properties, and the counts of the test concepts: a snapshot. */
async function snapshot(prefix: string) {
  const edges = await server.db.query(
    `MATCH (a:Study)-[r:RELATED]->(b:Study) WHERE a.id STARTS WITH $p OR b.id STARTS WITH $p
     RETURN a.id AS a, b.id AS b, properties(r) AS props ORDER BY a, b`,
    { p: prefix },
  );
  return { edges, counts: (await countsOfTestConcepts()).stored };
}

describe('import', () => {
  const a = rekeyStudy(seedFile('hae-vs-hace-midgut'), `${PREFIX}-a`, VOCAB_PREFIX);
  const b = rekeyStudy(seedFile('netter-1'), `${PREFIX}-b`, VOCAB_PREFIX);
  const c = rekeyStudy(seedFile('promid'), `${PREFIX}-c`, VOCAB_PREFIX);

  it('a new study enters the lists of the studies it relates to, read right after its import', async () => {
    await importStudies([a]);
    expect(await answer(a.study.id)).toEqual([]);
    await importStudies([b]);
    // a's list, written by b's import transaction.
    const related = await answer(a.study.id);
    expect(related.map((r: Json) => r.id)).toEqual([b.study.id]);
    expect(related[0].shared).toContainEqual(
      expect.objectContaining({ kind: 'CONDITION', id: `${VOCAB_PREFIX}-midgut-net` }),
    );
    await importStudies([c]);
    await expectListsAsScored();
    expect((await answer(a.study.id)).map((r: Json) => r.id).sort()).toEqual([b.study.id, c.study.id]);
    const counts = await countsOfTestConcepts();
    expect(counts.stored).toEqual(counts.expected);
    expect(counts.stored[`Condition:${VOCAB_PREFIX}-midgut-net`]).toBe(3);
  });

  it('a changed study is ranked again, and so is its place in the lists of the others', async () => {
    const changed = JSON.parse(JSON.stringify(c));
    // Without its predictor findings, the PROMID copy shares no predictor with the seed trial's copy any more.
    changed.predictorFindings = [];
    await importStudies([changed]);
    await expectListsAsScored();
    const related = await answer(a.study.id);
    expect(related.find((r: Json) => r.id === c.study.id).shared.map((s: Json) => s.kind)).not.toContain('PREDICTOR');
    const counts = await countsOfTestConcepts();
    expect(counts.stored).toEqual(counts.expected);
  });

  it('a failed import transaction leaves every list and count as it was', async () => {
    const before = await snapshot(PREFIX);
    const d = rekeyStudy(seedFile('clarinet'), `${PREFIX}-d`, VOCAB_PREFIX);
    const failure = new Error('the transaction fails after the study and its lists were written');
    await expect(
      server.db.executor.writeTransaction(async (tx) => {
        await writeStudyBatch(tx, [planStudy(d)]);
        // The lists did change inside the transaction...
        const inside = await tx.run('MATCH (:Study {id: $id})-[r:RELATED]-() RETURN count(r) AS n', { id: d.study.id });
        expect(inside.records[0].get('n')).toBeGreaterThan(0);
        throw failure;
      }),
    ).rejects.toThrow(failure.message);
    // ...and nothing of it is left.
    expect(await snapshot(PREFIX)).toEqual(before);
    expect(await server.db.query('MATCH (s:Study {id: $id}) RETURN s', { id: d.study.id })).toEqual([]);
  });

  it('a deleted study leaves the lists and the counts in its transaction', async () => {
    await deleteStudy(b.study.id);
    const related = await answer(a.study.id);
    expect(related.map((r: Json) => r.id)).toEqual([c.study.id]);
    await expectListsAsScored();
    const counts = await countsOfTestConcepts();
    expect(counts.stored).toEqual(counts.expected);
    expect(counts.stored[`Condition:${VOCAB_PREFIX}-midgut-net`]).toBe(2);
  });
});

describe('full lists', () => {
  // Copies of one study, with a vocabulary of their own: every pair shares the same concepts, so
  // every score is the same and each list is its first RELATED_PER_STUDY others by key.
  const prefix = `${PREFIX}-full`;
  const vocabularyPrefix = `${prefix}-v`;
  const copies = Array.from({ length: RELATED_PER_STUDY + 2 }, (_, i) =>
    rekeyStudy(seedFile('hae-vs-hace-midgut'), `${prefix}-${String(i).padStart(3, '0')}`, vocabularyPrefix),
  );
  const ids = copies.map((s) => s.study.id);
  const listOf = async (id: string) =>
    (await server.graphql(RELATED, { id })).body.data.relatedStudies.map((r: Json) => r.study.id);

  beforeAll(async () => {
    await loadSeedTexts(server.db.executor, [
      { file: 'vocabulary.json', text: JSON.stringify(rekeyVocabulary(readJson(VOCABULARY_FILE), vocabularyPrefix)) },
    ]);
    const texts = copies.map((s) => ({ file: `${s.study.id}.json`, text: JSON.stringify(s) }));
    // The first RELATED_PER_STUDY copies in one transaction (every list computed at once, none full yet), then the last
    // two one by one: the first fills the others' lists, the second reaches their floor and is cut off by key.
    await loadSeedTexts(server.db.executor, texts.slice(0, RELATED_PER_STUDY), { batchSize: RELATED_PER_STUDY });
    for (const text of texts.slice(RELATED_PER_STUDY)) await loadSeedTexts(server.db.executor, [text]);
    for (const s of copies) present.set(s.study.id, s);
  });

  it('keep the best RELATED_PER_STUDY studies, ties by key', async () => {
    expect(await listOf(ids[0])).toEqual(ids.slice(1, RELATED_PER_STUDY + 1));
    expect(await listOf(ids[RELATED_PER_STUDY + 1])).toEqual(ids.slice(0, RELATED_PER_STUDY));
  });

  it('that lose a study are recomputed in the delete transaction: the next best takes its place', async () => {
    // The list of copy 0 holds copies 1…100; copy 101 was left out.
    await deleteStudy(ids[5]);
    const list = await listOf(ids[0]);
    expect(list).toHaveLength(RELATED_PER_STUDY);
    expect(list).not.toContain(ids[5]);
    expect(list[list.length - 1]).toBe(ids[RELATED_PER_STUDY + 1]);
  });
});

describe('common concepts', () => {
  // Two copies of each seed study, with a vocabulary of their
  // own, kept up with a rare bound of 2: a concept of more than one seed study is common. They
  // are written and deleted in parallel transactions, as concurrent imports would.
  const RARE_MAX = 2;
  const prefix = `${PREFIX}-common`;
  const vocabularyPrefix = `${prefix}-v`;
  const vocabulary = rekeyVocabulary(readJson(VOCABULARY_FILE), vocabularyPrefix);
  const ancestors = ancestorsOf(vocabulary);
  const files = studyFiles().map((f) => f.data);
  const copies = files.flatMap((data: Json, i: number) =>
    [0, 1].map((j) => rekeyStudy(data, `${prefix}-${i}-${j}`, vocabularyPrefix)),
  );
  const group = { present: new Map<string, Json>(), ancestors, rareMax: RARE_MAX };
  const options = { rareMax: RARE_MAX };

  /**
   * Runs `work` for every item, three transactions at a time (as three importers would), each run
   * again when Neo4j ends it on a deadlock (the study write itself can meet one on shared concept
   * nodes; a client retries such a transient error).
   */
  async function inParallel<T>(items: T[], work: (tx: ManagedTransaction, item: T) => Promise<void>): Promise<void> {
    const queue = [...items];
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        for (let attempt = 1; ; attempt += 1) {
          try {
            await server.db.executor.writeTransaction((tx) => work(tx, item!));
            break;
          } catch (error) {
            if (!String((error as { code?: string }).code).includes('DeadlockDetected') || attempt === 5) throw error;
          }
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  }

  /** Writes each study in a transaction of its own, keeping the lists up with the low bound. */
  const writeInParallel = async (studies: Json[]) => {
    await inParallel(studies, async (tx, s) => {
      const before = await relatedBefore(tx, [s.study.id]);
      await writeStudyBatch(tx, [planStudy(s)], 'defer');
      await relatedAfter(tx, before, [s.study.id], options);
    });
    for (const s of studies) group.present.set(s.study.id, s);
  };

  /** Deletes each study as deleteStudy does, in a transaction of its own. */
  const deleteInParallel = async (ids: string[]) => {
    await inParallel(ids, async (tx, id) => {
      const before = await relatedBefore(tx, [id]);
      expect((await tx.run(DELETE_STUDY, { id })).records).toHaveLength(1);
      await relatedAfter(tx, before, [], options);
    });
    for (const id of ids) group.present.delete(id);
  };

  async function expectAsScored(): Promise<void> {
    for (const id of group.present.keys()) {
      expect({ id, related: await answer(id) }).toEqual({ id, related: expected(id, group) });
    }
    const counts = await countsOfTestConcepts(vocabularyPrefix, group.present, ancestors);
    expect(counts.stored).toEqual(counts.expected);
  }

  beforeAll(async () => {
    await loadSeedTexts(server.db.executor, [{ file: 'vocabulary.json', text: JSON.stringify(vocabulary) }]);
  });

  it('parallel imports keep every count exact, and each list is the top of the studies sharing a rare concept with it', async () => {
    await writeInParallel(copies);
    await expectAsScored();
    // There are common concepts (held by more than RARE_MAX), and pairs that share nothing else: they do not list each other.
    const counts = (await countsOfTestConcepts(vocabularyPrefix, group.present, ancestors)).stored;
    expect(Object.values(counts).filter((n) => n > RARE_MAX).length).toBeGreaterThan(3);
    const a = copies.find((c) => c.study.id === `${prefix}-0-0`)!;
    const related = await answer(a.study.id);
    const all = holdings(group.present, ancestors);
    const me = all.find((h) => h.id === a.study.id)!;
    const sharing = all.filter((h) => h.id !== me.id && [...h.outcomeConcepts].some((o) => me.outcomeConcepts.has(o)));
    const listed = new Set(related.map((r: Json) => r.id));
    expect(sharing.some((h) => !listed.has(h.id))).toBe(true);
  });

  it('parallel updates and deletes keep them so', async () => {
    const changed = copies
      .filter((_, i) => i % 3 === 0)
      .map((c) => ({ ...JSON.parse(JSON.stringify(c)), predictorFindings: [] }));
    await writeInParallel(changed);
    await expectAsScored();
    await deleteInParallel(copies.filter((_, i) => i % 4 === 1).map((c) => c.study.id));
    await expectAsScored();
  });
});
