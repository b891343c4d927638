/**
 * Any instance delivers any change: two server processes (`node <build>/src/index.js`, compiled
 * here from src/) on the writers' Neo4j, and the registry CLI as a third writer. A subscription on
 * A receives, within 2 s, a study imported through B and a record imported by the CLI; a
 * subscription on B that resumes with the first change's cursor replays the second. Keys are the
 * test's own ("test-chg2-…"); what it writes is removed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { connectTestDb, TestDb, useWriteDatabase } from '../support/db';
import { collect, socketClient } from '../support/subscriptions';
import {
  buildPrivateDist,
  deleteStudiesUnder,
  errorsOf,
  postGraphQL,
  ServerProcess,
  sleep,
  startServerProcess,
  testPrefix,
  testStudyDocument,
} from '../security/helpers';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

jest.setTimeout(300_000);

const KEY = 'changes-two-servers-key-0123456789abcdef';
const IMPORT = 'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }';
const SUBSCRIBE = `subscription($where: ChangeFilter, $after: String) {
  studyChanged(where: $where, after: $after) { sequence cursor studyId kind source summary }
}`;
/** The latency the issue asks for, from the write's end to the event's arrival. */
const WITHIN_MS = 2000;

describe('two server processes and the CLI over one Neo4j: any instance delivers any change', () => {
  let build: Awaited<ReturnType<typeof buildPrivateDist>>;
  const instances: ServerProcess[] = [];
  const clients: ReturnType<typeof socketClient>[] = [];
  let db: TestDb;
  const prefix = testPrefix('chg2');
  const imported = `${prefix}-study`;
  const viaCli = `${prefix}-nct05594173`;

  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(build.outDir, 'src', 'ctgov', 'ctgov-cli.js'), ...args], {
        cwd: REPO_ROOT,
        env: process.env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (c) => (stderr += c));
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  beforeAll(async () => {
    db = connectTestDb();
    build = await buildPrivateDist('changes-two');
    instances.push(
      ...(await Promise.all(
        ['A', 'B'].map((name) =>
          startServerProcess(build.outDir, { API_KEY: KEY, REQUEST_TIMEOUT_MS: '60000' }, `server ${name}`),
        ),
      )),
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
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
  });

  it(`delivers on A, within ${WITHIN_MS} ms, a change imported through B and one made by the CLI`, async () => {
    const [a, b] = instances;
    const clientA = socketClient(a.url);
    clients.push(clientA);
    const sub = collect(clientA, SUBSCRIBE, { where: { studyIds: [imported, viaCli] } });
    // The subscription is live once its tail has joined: give it a moment.
    await sleep(1000);

    const res = await postGraphQL(
      b.url,
      IMPORT,
      { d: [testStudyDocument(imported)] },
      { authorization: `Bearer ${KEY}` },
    );
    expect(errorsOf(res.json)).toEqual([]);
    const importedAt = Date.now();
    const [first] = await sub.waitFor(1, 10_000);
    const importLatency = Date.now() - importedAt;
    expect(first.studyChanged).toMatchObject({ studyId: imported, kind: 'NEW_STUDY', source: 'IMPORT_STUDIES' });
    expect(importLatency).toBeLessThan(WITHIN_MS);

    const run = await cli([path.join(REPO_ROOT, 'test/fixtures/ctgov-real/NCT05594173.json'), '--key-prefix', prefix]);
    expect(run.stderr).not.toMatch(/refused/i);
    expect(run.code).toBe(0);
    const cliAt = Date.now();
    const events = await sub.waitFor(2, 10_000);
    const cliLatency = Date.now() - cliAt;
    expect(events[1].studyChanged).toMatchObject({ studyId: viaCli, kind: 'NEW_STUDY', source: 'REGISTRY_IMPORT' });
    expect(cliLatency).toBeLessThan(WITHIN_MS);
    expect(events[1].studyChanged.sequence).toBeGreaterThan(events[0].studyChanged.sequence);
    console.log(`delivery on A: ${importLatency} ms after B's import, ${cliLatency} ms after the CLI's`);

    // B replays the same log from the first change's cursor: the second, then live.
    const clientB = socketClient(b.url);
    clients.push(clientB);
    const replay = collect(clientB, SUBSCRIBE, {
      where: { studyIds: [imported, viaCli] },
      after: first.studyChanged.cursor,
    });
    expect((await replay.waitFor(1)).map((e) => e.studyChanged.studyId)).toEqual([viaCli]);
    expect(sub.errors).toEqual([]);
    expect(replay.errors).toEqual([]);
  });
});
