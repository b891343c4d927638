/**
 * Two instances of the server over one Neo4j, as behind a load balancer: two real processes
 * (`node <build>/src/index.js`, compiled here from src/) on the writers' test Neo4j. A study
 * imported through one is read at once through the other with the bookmarks the import
 * returned; deleted through the second, it is gone when read through the first with the
 * delete's bookmarks. With one Neo4j every read sees every committed write anyway; that the
 * bookmarks really reach the read session shows in Neo4j itself refusing a bookmark of the right
 * shape that it never issued. Keys are the test's own ("test-two-…"); what it writes is removed.
 */
import { connectTestDb, TestDb, useWriteDatabase } from '../support/db';
import {
  buildPrivateDist,
  deleteStudiesUnder,
  errorsOf,
  Json,
  postGraphQL,
  RawResponse,
  ServerProcess,
  sleep,
  startServerProcess,
  testPrefix,
  testStudyDocument,
} from '../security/helpers';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

jest.setTimeout(240_000);

const KEY = 'two-servers-test-key-0123456789abcdef';
const IMPORT =
  'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { status studyId } } }';
const DELETE = 'mutation($id: ID!) { deleteStudy(id: $id) { id deleted } }';
const READ = 'query($id: ID!) { study(id: $id) { id title arms { label } } }';

/**
 * Starts one server over the shared Neo4j. The request deadline is raised: the first import on a
 * cold server may wait on locks held by other test files' writes.
 */
function startInstance(outDir: string, name: string): Promise<ServerProcess> {
  return startServerProcess(
    outDir,
    { API_KEY: KEY, NODE_ENV: 'production', REQUEST_TIMEOUT_MS: '60000' },
    `server ${name}`,
  );
}

/** The bookmarks of a response, checked to be the same in its extensions and its header. */
function bookmarksOf(res: RawResponse): string[] {
  const bookmarks = res.json.extensions?.bookmarks;
  expect(bookmarks).toEqual(expect.arrayContaining([expect.any(String)]));
  expect(res.headers.get('neo4j-bookmarks')).toBe(bookmarks.join(', '));
  return bookmarks;
}

describe('two server processes over one Neo4j: a client reads its own writes through either', () => {
  let build: Awaited<ReturnType<typeof buildPrivateDist>>;
  const instances: ServerProcess[] = [];
  let db: TestDb;
  const prefix = testPrefix('two');
  const id = `${prefix}-study`;
  const withKey = { authorization: `Bearer ${KEY}` };

  beforeAll(async () => {
    db = connectTestDb();
    build = await buildPrivateDist('two-servers');
    instances.push(...(await Promise.all([startInstance(build.outDir, 'A'), startInstance(build.outDir, 'B')])));
  });

  afterAll(async () => {
    await Promise.all(
      instances.map(async (instance) => {
        if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
        instance.child.kill('SIGTERM');
        const exit = await Promise.race([instance.exited, sleep(20_000).then(() => 'timeout' as const)]);
        if (exit === 'timeout') instance.child.kill('SIGKILL');
      }),
    );
    if (db) {
      await deleteStudiesUnder(db, prefix);
      await db.close();
    }
    build?.remove();
  });

  it('imports through A and reads at once through B with the bookmarks; deletes through B and reads through A', async () => {
    const [a, b] = instances;

    const imported = await postGraphQL(a.url, IMPORT, { d: [testStudyDocument(id)] }, withKey);
    expect({ status: imported.status, errors: errorsOf(imported.json) }).toEqual({ status: 200, errors: [] });
    expect(imported.json.data.importStudies).toEqual({ written: true, results: [{ status: 'CREATED', studyId: id }] });
    const afterImport = bookmarksOf(imported);

    const read = await postGraphQL(b.url, READ, { id }, { 'neo4j-bookmarks': afterImport.join(', ') });
    expect({ status: read.status, errors: errorsOf(read.json) }).toEqual({ status: 200, errors: [] });
    expect(read.json.data.study).toMatchObject({ id, title: expect.stringContaining(`Test copy ${id}`) });
    expect(read.json.data.study.arms.length).toBeGreaterThan(0);
    // A read returns no bookmarks: the client keeps those of its last write.
    expect(read.json.extensions.bookmarks).toBeUndefined();
    expect(read.headers.get('neo4j-bookmarks')).toBeNull();

    const deleted = await postGraphQL(b.url, DELETE, { id }, { ...withKey, 'neo4j-bookmarks': afterImport.join(', ') });
    expect({ status: deleted.status, errors: errorsOf(deleted.json) }).toEqual({ status: 200, errors: [] });
    expect(deleted.json.data.deleteStudy).toEqual({ id, deleted: true });
    const afterDelete = bookmarksOf(deleted);
    expect(afterDelete).not.toEqual(afterImport);

    const gone = await postGraphQL(a.url, READ, { id }, { 'neo4j-bookmarks': afterDelete.join(', ') });
    expect({ status: gone.status, errors: errorsOf(gone.json), data: gone.json.data }).toEqual({
      status: 200,
      errors: [],
      data: { study: null },
    });
  });

  it('reads through each instance without bookmarks as before', async () => {
    for (const instance of instances) {
      const res = await postGraphQL(instance.url, '{ study(id: "promid") { acronym } }');
      expect({ status: res.status, data: res.json.data }).toEqual({
        status: 200,
        data: { study: { acronym: 'PROMID' } },
      });
    }
  });

  it('answers 400 INVALID_BOOKMARKS, from Neo4j, for a bookmark of the right shape that Neo4j never issued', async () => {
    const res = await postGraphQL(
      instances[1].url,
      READ,
      { id: 'promid' },
      { 'neo4j-bookmarks': 'FB:kcwQnotAbookmarkOfThisDatabase' },
    );
    expect(res.status).toBe(400);
    expect(errorsOf(res.json).map((e: Json) => e.extensions.code)).toEqual(['INVALID_BOOKMARKS']);
    expect(res.json.data).toEqual({ study: null });
  });

  it('answers 400 INVALID_BOOKMARKS before any Cypher for a malformed header', async () => {
    const res = await postGraphQL(instances[0].url, READ, { id: 'promid' }, { 'neo4j-bookmarks': 'not a bookmark' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      errors: [
        {
          message: expect.stringMatching(/neo4j-bookmarks/),
          extensions: { code: 'INVALID_BOOKMARKS', requestId: expect.any(String) },
        },
      ],
    });
  });
});
