/**
 * Writes under attack or under failure: the same new study imported by several requests at once,
 * and the command-line loader killed (SIGKILL) in the middle of a folder of 200 studies. Each
 * study is written in its own transaction, so a study is either complete or absent. Keys are
 * the test's own ("test-secw-…"); everything written is removed again.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, TestServer } from '../support/server';
import {
  buildPrivateDist,
  deleteStudiesUnder,
  errorsOf,
  killTalkingToNeo4j,
  postGraphQL,
  seededCounts,
  studiesUnder,
  studyShape,
  templateShape,
  testPrefix,
  testStudyDocument,
} from './helpers';
import { useWriteDatabase } from '../support/db';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

const KEY = 'security-writes-key-0123456789abcdef';
const IMPORT =
  'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { status studyId } } }';
const PROMID = '{ study(id: "promid") { acronym } }';

describe('security: concurrent and interrupted writes', () => {
  let server: TestServer;
  let build: Awaited<ReturnType<typeof buildPrivateDist>> | undefined;
  const prefix = testPrefix('secw');

  beforeAll(async () => {
    server = await startTestServer({ nodeEnv: 'production', apiKey: KEY });
  });
  afterAll(async () => {
    if (server) {
      await deleteStudiesUnder(server.db, prefix);
      await server.close();
    }
    build?.remove();
  });

  it('concurrent imports of the same new study: exactly one study, complete, no duplicate; deleteStudy removes it', async () => {
    const id = `${prefix}-concurrent`;
    const document = testStudyDocument(id);
    const before = await seededCounts(server.db);
    const template = await templateShape(server.db);

    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        postGraphQL(server.url, IMPORT, { d: [document] }, { authorization: `Bearer ${KEY}` }),
      ),
    );
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(errorsOf(res.json)).toEqual([]);
      expect(res.json.data.importStudies.written).toBe(true);
    }
    const statuses = responses.map((r) => r.json.data.importStudies.results[0].status).sort();
    // One request creates the study; the others find it, with the same content.
    expect(statuses).toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);

    expect(await studyShape(server.db, id)).toEqual({ ...template, studies: 1 });
    const [dupes] = await server.db.query<{ duplicated: number }>(
      `MATCH (n) WHERE n.id STARTS WITH $id WITH labels(n) AS l, n.id AS key, count(*) AS c WHERE c > 1 RETURN count(*) AS duplicated`,
      { id },
    );
    expect(dupes.duplicated).toBe(0);
    expect(await seededCounts(server.db)).toEqual(before);

    const deleted = await postGraphQL(
      server.url,
      'mutation($id: ID!) { deleteStudy(id: $id) { id deleted } }',
      { id },
      { authorization: `Bearer ${KEY}` },
    );
    expect(deleted.json.data.deleteStudy).toEqual({ id, deleted: true });
    expect(await studyShape(server.db, id)).toEqual({ studies: 0, parts: 0, relationships: 0 });
    expect((await server.db.query('MATCH (n) WHERE n.id STARTS WITH $id RETURN n', { id })).length).toBe(0);
    expect((await postGraphQL(server.url, PROMID)).json.data.study.acronym).toBe('PROMID');
  });

  it('an import killed (SIGKILL) in the middle of a folder leaves no partial study', async () => {
    build = await buildPrivateDist('security-writes');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'net-trials-kill-'));
    const killPrefix = `${prefix}-kill`;
    const total = 200;
    try {
      for (let i = 0; i < total; i += 1) {
        const id = `${killPrefix}-${String(i).padStart(3, '0')}`;
        fs.writeFileSync(path.join(folder, `${id}.json`), JSON.stringify(testStudyDocument(id)));
      }
      const before = await seededCounts(server.db);
      const template = await templateShape(server.db);

      const child: ChildProcess = spawn(
        process.execPath,
        [path.join(build.outDir, 'src', 'seeds', 'seed-cli.js'), folder],
        {
          cwd: path.resolve(__dirname, '..', '..'),
          env: { ...process.env, NEO4J_URI: process.env.NEO4J_URI },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      // The loader reports every 10 studies ("40/200 studies written"): kill it after the fourth report.
      let killed: ReturnType<typeof killTalkingToNeo4j> | undefined;
      const killedAt = await new Promise<number>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const done = [...output.matchAll(/(\d+)\/200 studies written/g)].map((m) => Number(m[1]));
          if (!killed && done.length > 0 && done[done.length - 1] >= 40) {
            killed = killTalkingToNeo4j(child);
            resolve(done[done.length - 1]);
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        exited.then(({ code }) =>
          reject(new Error(`the loader exited (code ${code}) before it could be killed:\n${output}`)),
        );
      });
      expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
      // A commit sent before the kill may still land: wait until Neo4j has nothing of the process left.
      await killed!.settled(server.db);

      const { studies, orphans } = await studiesUnder(server.db, killPrefix);
      // Killed midway: some studies written, not all.
      expect(studies.length).toBeGreaterThanOrEqual(killedAt);
      expect(studies.length).toBeLessThan(total);
      // Every study present is complete; no part lies around without its study.
      for (const s of studies)
        expect({ id: s.id, parts: s.parts, relationships: s.relationships }).toEqual({
          id: s.id,
          parts: template.parts,
          relationships: template.relationships,
        });
      expect(orphans).toBe(0);
      expect(await seededCounts(server.db)).toEqual(before);
      console.log(
        `[writes] loader killed after reporting ${killedAt}/${total}; ${studies.length} complete studies found, 0 partial`,
      );

      await deleteStudiesUnder(server.db, killPrefix);
      expect((await studiesUnder(server.db, killPrefix)).studies).toEqual([]);
      expect(await seededCounts(server.db)).toEqual(before);
      expect((await postGraphQL(server.url, PROMID)).json.data.study.acronym).toBe('PROMID');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 240_000);
});
