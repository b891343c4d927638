import { loadSeedTexts, writeStudyBatch } from '../../src/seeds/seed.loader';
import { planStudy } from '../../src/seeds/seed.plan';
import { countHolders, Frequencies, Holdings, holdingsOf, RELATED_PER_STUDY, topRelated } from '../../src/studies/related.score';
import { ancestorsOf, profileOfFile } from '../fixtures/related';
import { Json, readJson, rekeyStudy, rekeyVocabulary, studyFiles, testPrefix, VOCABULARY_FILE } from '../fixtures/seed-inputs';
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
const IMPORT = 'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { studyId status } } }';
const DELETE = 'mutation($id: ID!) { deleteStudy(id: $id) { deleted } }';
const RELATED = 'query R($id: ID!) { relatedStudies(id: $id, first: 100) { score study { id } shared { kind id weight } } }';

let server: TestServer;
/** The test studies in the graph now, by key. */
const present = new Map<string, Json>();

beforeAll(async () => {
  server = await startTestServer({ apiKey: KEY });
  await loadSeedTexts(server.db.executor, [{ file: 'vocabulary.json', text: JSON.stringify(VOCABULARY) }]);
});

afterAll(async () => {
  if (!server) return;
  try {
    // The test studies and vocabularies: nothing outside them holds a RELATED relationship to them.
    await server.db.query('MATCH (n) WHERE n.id STARTS WITH $p OR n.studyId STARTS WITH $p DETACH DELETE n', { p: PREFIX });
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
  expect(body.data.deleteStudy).toEqual({ deleted: true });
  present.delete(id);
}

const studyCount = async () => (await server.db.query<{ n: number }>('MATCH (s:Study) RETURN count(s) AS n'))[0].n;
const holdings = (): Holdings[] => [...present.values()].map((d) => holdingsOf(profileOfFile(d), ANCESTORS));

/** What relatedStudies must answer for `id`, by the scoring of the test files, with `studies` studies in the graph. */
function expected(id: string, studies: number) {
  const all = holdings();
  const freq: Frequencies = { studies, holders: countHolders(all) };
  return topRelated(all.find((h) => h.id === id)!, all, ANCESTORS, freq).map((e) => ({
    id: e.id,
    score: e.scoreMilli / 1000,
    shared: e.shared.map((s) => ({ kind: s.kind, id: s.id, weight: s.weightMilli / 1000 })),
  }));
}

/** relatedStudies of `id`, read while the number of studies stays the same (other test files may write meanwhile); with that number. */
async function answer(id: string): Promise<{ studies: number; related: Json[] }> {
  for (;;) {
    const before = await studyCount();
    const { body } = await server.graphql(RELATED, { id });
    expect(body.errors).toBeUndefined();
    if ((await studyCount()) === before) {
      return { studies: before, related: body.data.relatedStudies.map((r: Json) => ({ id: r.study.id, score: r.score, shared: r.shared })) };
    }
  }
}

async function expectListsAsScored(): Promise<void> {
  for (const id of present.keys()) {
    const { studies, related } = await answer(id);
    expect({ id, related }).toEqual({ id, related: expected(id, studies) });
  }
}

/** The study counts of the test concepts, as stored and as the present test studies give them. */
async function countsOfTestConcepts(): Promise<{ stored: Record<string, number>; expected: Record<string, number> }> {
  const rows = await server.db.query<{ key: string; n: number }>(
    `MATCH (c) WHERE (c:Condition OR c:Intervention OR c:OutcomeConcept OR c:Predictor) AND c.id STARTS WITH $p AND c.studyCount > 0
     RETURN labels(c)[0] + ':' + c.id AS key, c.studyCount AS n`,
    { p: VOCAB_PREFIX },
  );
  return { stored: Object.fromEntries(rows.map((r) => [r.key, r.n])), expected: Object.fromEntries(countHolders(holdings())) };
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
    expect((await answer(a.study.id)).related).toEqual([]);
    await importStudies([b]);
    // a's list, written by b's import transaction.
    const { related } = await answer(a.study.id);
    expect(related.map((r: Json) => r.id)).toEqual([b.study.id]);
    expect(related[0].shared).toContainEqual(expect.objectContaining({ kind: 'CONDITION', id: `${VOCAB_PREFIX}-midgut-net` }));
    await importStudies([c]);
    await expectListsAsScored();
    expect((await answer(a.study.id)).related.map((r: Json) => r.id).sort()).toEqual([b.study.id, c.study.id]);
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
    const { related } = await answer(a.study.id);
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
    const { related } = await answer(a.study.id);
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
  const listOf = async (id: string) => (await server.graphql(RELATED, { id })).body.data.relatedStudies.map((r: Json) => r.study.id);

  beforeAll(async () => {
    await loadSeedTexts(server.db.executor, [{ file: 'vocabulary.json', text: JSON.stringify(rekeyVocabulary(readJson(VOCABULARY_FILE), vocabularyPrefix)) }]);
    await loadSeedTexts(
      server.db.executor,
      copies.map((s) => ({ file: `${s.study.id}.json`, text: JSON.stringify(s) })),
    );
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
