/**
 * importStudies and deleteStudy through HTTP with the right key, on studies of the test's own
 * ("test-mut-…", copies of seeds/studies/radiant-4.json). Other test files write their own test
 * studies at the same time, so "graph counts identical" is checked on what is stable: the
 * seeded graph (everything outside test keys) and every node and relationship under this test's
 * prefix.
 */
import { startTestServer, TestServer } from '../support/server';
import { TestDb, useWriteDatabase } from '../support/db';
import {
  deleteStudiesUnder,
  errorsOf,
  Json,
  postGraphQL,
  seededCounts,
  studyShape,
  templateShape,
  testPrefix,
  testStudyDocument,
} from '../security/helpers';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

const KEY = 'mutations-test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}` };
const IMPORT =
  'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { document studyId status issues { path rule } } } }';
const DELETE = 'mutation($id: ID!) { deleteStudy(id: $id) { id deleted } }';

/**
 * Nodes and relationships under `prefix` (keys of this test): studies, parts, documents,
 * publications, versions. Not the derived RELATED ones: other files' imports, running at the same
 * time, enter and leave this test's studies' related lists.
 */
async function countsUnder(db: TestDb, prefix: string) {
  // Not the change log either: it keeps the events of a deleted study (src/changes/).
  const mine = `(coalesce(n.id, '') STARTS WITH $prefix OR coalesce(n.studyId, '') STARTS WITH $prefix) AND NOT n:ChangeEvent AND NOT n:ChangeKey`;
  const [row] = await db.query<{ nodes: number; relationships: number }>(
    `CALL { MATCH (n) WHERE ${mine} RETURN count(n) AS nodes }
     CALL { MATCH (n)-[r:!RELATED]-() WHERE ${mine} RETURN count(DISTINCT r) AS relationships }
     RETURN nodes, relationships`,
    { prefix },
  );
  return row;
}

/** A document whose own document and publication are replaced by shared ones (keys of the test). */
function withSharedSources(document: Json, sharedDoc: string, sharedPub: string): Json {
  const id = document.study.id;
  const text = JSON.stringify(document)
    .split(`${id}-doc-net-trials-fact-sheet`)
    .join(sharedDoc)
    .split(`${id}-pub-radiant-4-lancet-2016`)
    .join(sharedPub);
  return JSON.parse(text);
}

describe('mutations: importStudies and deleteStudy', () => {
  let server: TestServer;
  const prefix = testPrefix('mut');

  beforeAll(async () => {
    server = await startTestServer({ apiKey: KEY });
  });
  afterAll(async () => {
    if (!server) return;
    await deleteStudiesUnder(server.db, prefix);
    await server.close();
  });

  const importDocs = async (documents: Json[]) => {
    const res = await postGraphQL(server.url, IMPORT, { d: documents }, auth);
    expect(res.status).toBe(200);
    expect(errorsOf(res.json)).toEqual([]);
    return res.json.data.importStudies;
  };

  it('creates, leaves unchanged, updates and deletes a test study', async () => {
    const id = `${prefix}-study`;
    const seeded = await seededCounts(server.db);
    const template = await templateShape(server.db);

    // Create.
    const created = await importDocs([testStudyDocument(id)]);
    expect(created).toEqual({ written: true, results: [{ document: 0, studyId: id, status: 'CREATED', issues: [] }] });
    expect(await studyShape(server.db, id)).toEqual({ ...template, studies: 1 });
    const read = await postGraphQL(
      server.url,
      `{ study(id: "${id}") { id acronym arms { label } publications { id } } }`,
    );
    expect(read.json.data.study).toMatchObject({
      id,
      acronym: 'RADIANT-4',
      publications: [{ id: `${id}-pub-radiant-4-lancet-2016` }],
    });
    const afterCreate = await countsUnder(server.db, prefix);
    // The study, its parts, its document and its publication, and its first version.
    expect(afterCreate.nodes).toBe(1 + template.parts + 2 + 1);

    // The same content again: UNCHANGED, and nothing moves.
    const again = await importDocs([testStudyDocument(id)]);
    expect(again.results[0].status).toBe('UNCHANGED');
    expect(await countsUnder(server.db, prefix)).toEqual(afterCreate);
    expect(await seededCounts(server.db)).toEqual(seeded);

    // A changed title: UPDATED, replaced whole with the same shape.
    const updated = await importDocs([testStudyDocument(id, ' (corrected)')]);
    expect(updated.results[0].status).toBe('UPDATED');
    expect((await postGraphQL(server.url, `{ study(id: "${id}") { title } }`)).json.data.study.title).toMatch(
      /\(corrected\)$/,
    );
    // The same shape, and one version more.
    expect(await countsUnder(server.db, prefix)).toEqual({
      nodes: afterCreate.nodes + 1,
      relationships: afterCreate.relationships + 1,
    });

    // A version with one outcome fewer: UPDATED, and the parts of the dropped outcome are gone.
    const smaller = testStudyDocument(id, ' (corrected)');
    const dropped = smaller.outcomes.pop();
    expect(smaller.predictorFindings.some((f: Json) => f.outcome === dropped.id)).toBe(false);
    const droppedParts = 1 + dropped.measurements.length * 2 + dropped.comparisons.length * 2;
    expect((await importDocs([smaller])).results[0].status).toBe('UPDATED');
    const shrunk = await studyShape(server.db, id);
    expect(shrunk.parts).toBe(template.parts - droppedParts);
    const [stale] = await server.db.query<{ n: number }>(
      'MATCH (p:StudyPart {studyId: $id}) WHERE p.id STARTS WITH $outcome RETURN count(p) AS n',
      {
        id,
        outcome: `${id}/${dropped.id}`,
      },
    );
    expect(stale.n).toBe(0);

    // Delete: the study, its parts, and its document and publication (no other study uses them).
    const deleted = await postGraphQL(server.url, DELETE, { id }, auth);
    expect(deleted.status).toBe(200);
    expect(deleted.json.data.deleteStudy).toEqual({ id, deleted: true });
    expect(await studyShape(server.db, id)).toEqual({ studies: 0, parts: 0, relationships: 0 });
    expect(await countsUnder(server.db, prefix)).toEqual({ nodes: 0, relationships: 0 });
    expect(await seededCounts(server.db)).toEqual(seeded);
    expect((await postGraphQL(server.url, `{ study(id: "${id}") { id } }`)).json.data.study).toBeNull();
  });

  it("records each change of a curated study as a version: who (the key's name), why, and what changed", async () => {
    const id = `${prefix}-versioned`;
    const REASON =
      'mutation($d: [JSONObject!]!, $r: String) { importStudies(input: { documents: $d, reason: $r }) { written results { status } } }';
    const write = async (document: Json, reason: string | null) => {
      const res = await postGraphQL(server.url, REASON, { d: [document], r: reason }, auth);
      expect(errorsOf(res.json)).toEqual([]);
      return res.json.data.importStudies.results[0].status;
    };
    expect(await write(testStudyDocument(id), 'first entry')).toBe('CREATED');
    const edited = testStudyDocument(id);
    const pfs = edited.outcomes.findIndex((o: Json) => o.measurements.some((m: Json) => typeof m.value === 'number'));
    const m = edited.outcomes[pfs].measurements.findIndex((x: Json) => typeof x.value === 'number');
    const before = edited.outcomes[pfs].measurements[m].value;
    edited.outcomes[pfs].measurements[m].value = before + 0.4;
    expect(await write(edited, 'median corrected from the full text')).toBe('UPDATED');
    expect(await write(edited, 'no change')).toBe('UNCHANGED');
    const { json } = await postGraphQL(
      server.url,
      `query($id: ID!) { study(id: $id) { versionCount versions(first: 5) { edges { node { version source changedBy reason changes { path text } } } } } }`,
      { id },
    );
    expect(errorsOf(json)).toEqual([]);
    expect(json.data.study.versionCount).toBe(2);
    const [latest, first] = json.data.study.versions.edges.map((e: Json) => e.node);
    expect(first).toMatchObject({
      version: 1,
      source: 'IMPORT_STUDIES',
      changedBy: 'api-key',
      reason: 'first entry',
      changes: [],
    });
    expect(latest).toMatchObject({
      version: 2,
      source: 'IMPORT_STUDIES',
      changedBy: 'api-key',
      reason: 'median corrected from the full text',
    });
    expect(latest.changes).toEqual([
      {
        path: `outcomes[${pfs}].measurements[${m}].value`,
        text: expect.stringContaining(`${before} → ${before + 0.4}`),
      },
    ]);
    expect(latest.changes[0].text).toContain(edited.outcomes[pfs].name);
    // A reason of no words is refused, by its meaning.
    const blank = await postGraphQL(server.url, REASON, { d: [edited], r: '   ' }, auth);
    expect(blank.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // Deleting the study deletes its versions.
    await postGraphQL(server.url, DELETE, { id }, auth);
    expect(await server.db.query('MATCH (v:StudyVersion {studyId: $id}) RETURN v', { id })).toEqual([]);
  });

  it('deleteStudy keeps a document and a publication another study still uses, and removes them with the last one', async () => {
    const [a, b] = [`${prefix}-shared-a`, `${prefix}-shared-b`];
    const sharedDoc = `${prefix}-shared-doc`;
    const sharedPub = `${prefix}-shared-pub`;
    const seeded = await seededCounts(server.db);
    const result = await importDocs([
      withSharedSources(testStudyDocument(a), sharedDoc, sharedPub),
      withSharedSources(testStudyDocument(b), sharedDoc, sharedPub),
    ]);
    expect(result.results.map((r: Json) => r.status)).toEqual(['CREATED', 'CREATED']);
    const sources = () =>
      server.db.query<{ id: string }>(
        'MATCH (n) WHERE (n:Document OR n:Publication) AND n.id IN [$doc, $pub] RETURN n.id AS id ORDER BY id',
        { doc: sharedDoc, pub: sharedPub },
      );
    expect((await sources()).map((r) => r.id)).toEqual([sharedDoc, sharedPub].sort());

    expect((await postGraphQL(server.url, DELETE, { id: a }, auth)).json.data.deleteStudy.deleted).toBe(true);
    expect((await sources()).length).toBe(2);
    expect((await studyShape(server.db, b)).studies).toBe(1);

    expect((await postGraphQL(server.url, DELETE, { id: b }, auth)).json.data.deleteStudy.deleted).toBe(true);
    expect(await sources()).toEqual([]);
    expect(await countsUnder(server.db, prefix)).toEqual({ nodes: 0, relationships: 0 });
    expect(await seededCounts(server.db)).toEqual(seeded);
  });

  it('deleteStudy of an unknown id is NOT_FOUND and deletes nothing', async () => {
    const seeded = await seededCounts(server.db);
    const id = `${prefix}-never-imported`;
    const res = await postGraphQL(server.url, DELETE, { id }, auth);
    expect(res.status).toBe(200);
    expect(res.json.data).toBeNull();
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
    expect(res.json.errors[0].message).toContain(id);
    expect(await seededCounts(server.db)).toEqual(seeded);
  });
});
