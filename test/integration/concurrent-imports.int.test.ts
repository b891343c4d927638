/**
 * Imports that share concepts, sent at once: each new study's write touches the same concepts
 * (their stored study counts), the related lists of the same studies and the change log's
 * counter, so the writes queue on each other's locks. Every request must still end within the
 * server's default deadline (REQUEST_TIMEOUT_MS, 10 s), written whole, with no TIMEOUT and no
 * deadlock surfacing as an error. Studies of the test's own (copies of seeds/studies/radiant-4.json,
 * which share every curated concept of the template).
 */
import { loadConfig } from '../../src/config';
import { useWriteDatabase } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { deleteStudiesUnder, errorsOf, Json, postGraphQL, testPrefix, testStudyDocument } from '../security/helpers';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

jest.setTimeout(120_000);

const KEY = 'concurrent-imports-key-0123456789abcdef';
const IMPORT =
  'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { studyId status } } }';
const CONCURRENT = 15;
const auth = { authorization: `Bearer ${KEY}` };

describe('concurrent imports that share concepts', () => {
  let server: TestServer;
  const prefix = testPrefix('conc');

  beforeAll(async () => {
    // The default deadline, as a user's server has it (startTestServer otherwise allows 60 s).
    server = await startTestServer({
      apiKeys: [{ name: 'test', key: KEY }],
      requestTimeoutMs: loadConfig({}).requestTimeoutMs,
    });
  });

  afterAll(async () => {
    await deleteStudiesUnder(server.db, prefix);
    await server.close();
  });

  it(`${CONCURRENT} imports at once all end written within the default deadline, none TIMEOUT`, async () => {
    // One import first, alone: Neo4j plans the import's statements once, so that what the
    // concurrent ones measure is their waits on each other's locks, not first-time planning.
    const warm = await postGraphQL(server.url, IMPORT, { d: [testStudyDocument(`${prefix}-warm`)] }, auth);
    expect(errorsOf(warm.json)).toEqual([]);
    const ids = Array.from({ length: CONCURRENT }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
    const answers = await Promise.all(
      ids.map((id) => postGraphQL(server.url, IMPORT, { d: [testStudyDocument(id)] }, auth)),
    );
    const outcomes = answers.map((res, i) => ({
      id: ids[i],
      status: res.status,
      codes: errorsOf(res.json).map((e: Json) => e.extensions?.code),
      written: res.json?.data?.importStudies?.written ?? null,
      studyStatus: res.json?.data?.importStudies?.results?.[0]?.status ?? null,
    }));
    expect(outcomes).toEqual(ids.map((id) => ({ id, status: 200, codes: [], written: true, studyStatus: 'CREATED' })));
    const stored = await server.db.query<{ id: string; arms: number }>(
      'MATCH (s:Study) WHERE s.id STARTS WITH $prefix AND NOT s.id ENDS WITH "-warm" RETURN s.id AS id, COUNT { (s)-[:HAS_ARM]->() } AS arms ORDER BY id',
      { prefix },
    );
    // Each whole: its arms as the document has them.
    const arms = testStudyDocument(ids[0]).arms.length;
    expect(stored).toEqual(ids.map((id) => ({ id, arms })));
  });
});
