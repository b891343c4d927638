/**
 * The registry sync (src/ctgov/ctgov.sync.ts) on a real Neo4j against the local double of the
 * ClinicalTrials.gov API (test/support/ctgov-double.ts), which serves the real records of
 * test/fixtures/ctgov-real/ and generated variants of them: a first sync, a second against an
 * unchanged dataTimestamp, two changed records and a dropped one, 429 and 5xx retried, a curated
 * study's record attached, and a CLI run killed with SIGKILL that resumes to the graph an
 * uninterrupted run makes. Tests never reach the network; every key starts with the test's prefix.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { REPO_ROOT } from '../../src/config';
import { politeGate } from '../../src/ctgov/ctgov.client';
import { scheduleSync, SyncJob } from '../../src/ctgov/ctgov.schedule';
import { changesCatalog, prepareImport, writePrepared } from '../../src/ctgov/ctgov.service';
import { queryKey, syncRegistry, SyncOptions } from '../../src/ctgov/ctgov.sync';
import {
  buildPrivateDist,
  deleteStudiesUnder,
  Json,
  postGraphQL,
  PrivateBuild,
  studyShape,
  testPrefix,
} from '../security/helpers';
import { useWriteDatabase } from '../support/db';
import { CtgovDouble, loadRealRecords, makeVariant, makeVariants, startCtgovDouble } from '../support/ctgov-double';
import { startTestServer, TestServer } from '../support/server';
import { readJson, rekeyStudy, SEEDS_DIR } from '../fixtures/seed-inputs';

useWriteDatabase();

const KEY = 'ctgov-sync-test-key-0123456789abcdef';
const CURATED_NCT = 'NCT09900071';

describe('the registry sync against a local double of the API', () => {
  let server: TestServer;
  let double: CtgovDouble;
  let build: PrivateBuild;
  const prefix = testPrefix('sync');
  // Every record of the double has "NCT" in its id: the term that matches them all (the double's query is a substring).
  const options = (over: Partial<SyncOptions> = {}): SyncOptions => ({
    cond: null,
    term: 'NCT',
    keyPrefix: prefix,
    batchSize: 4,
    fetch: { baseUrl: double.url, backoffMs: 50, gate: politeGate(0) },
    ...over,
  });
  const studyIdOf = (nctId: string) => `${prefix}-${nctId.toLowerCase()}`;
  const versionsOf = async (nctId: string) =>
    (
      await postGraphQL(
        server.url,
        `query($id: ID!) { study(id: $id) { status versionCount noLongerMatchedSince versions(first: 5) { edges { node { version source syncRun changes { text } } } } } }`,
        {
          id: studyIdOf(nctId),
        },
      )
    ).json.data.study;

  beforeAll(async () => {
    const real = loadRealRecords();
    const curated = makeVariant(real[1], 71, { nctId: CURATED_NCT });
    double = await startCtgovDouble({ records: [...real, ...makeVariants(real, 6, 11), curated] });
    [server, build] = await Promise.all([startTestServer({ apiKey: KEY }), buildPrivateDist('sync')]);
    // A curated study of the test's own, with the NCT id of one record: the sync attaches that record and leaves the study as it is.
    const file = rekeyStudy(readJson(path.join(SEEDS_DIR, 'studies', 'radiant-4.json')), `${prefix}-curated`, null);
    file.study.registryIds = [{ registry: 'CLINICALTRIALS_GOV', id: CURATED_NCT }];
    const res = await postGraphQL(
      server.url,
      'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }',
      { d: [file] },
      { authorization: `Bearer ${KEY}` },
    );
    expect(res.json.data.importStudies.written).toBe(true);
  });
  afterAll(async () => {
    if (server) {
      // The studies, their runs and leases: every key of the sync starts with the prefix it imports under.
      await deleteStudiesUnder(server.db, prefix);
      await server.close();
    }
    await double?.close();
    build?.remove();
  });

  it('imports every record on a first sync, with progress and a summary; a second against an unchanged dataTimestamp writes nothing', async () => {
    const curatedBefore = await studyShape(server.db, `${prefix}-curated`);
    const progress: { done: number; total: number }[] = [];
    const first = await syncRegistry(
      server.db.executor,
      // Fetched 4 at a time (one filter.ids request each), written 3 at a time within each fetched batch.
      options({ writeBatchSize: 3, onProgress: (p) => progress.push({ done: p.done, total: p.total }) }),
    );
    expect(first).toMatchObject({
      status: 'COMPLETED',
      full: true,
      listed: 10,
      added: 9,
      updated: 0,
      unchanged: 0,
      attached: 1,
      refused: [],
      noLongerMatched: [],
    });
    expect(progress.map((p) => p.done)).toEqual([3, 4, 7, 8, 10]);
    expect(
      double.requests.filter((r) => r.query['filter.ids']).map((r) => r.query['filter.ids'].split(',').length),
    ).toEqual([4, 4, 2]);
    expect(progress.every((p) => p.total === 10)).toBe(true);
    // Each study has its first version, brought by this run; the curated study is untouched, its record attached.
    for (const nctId of double.nctIds().filter((id) => id !== CURATED_NCT)) {
      expect(await versionsOf(nctId)).toMatchObject({
        versionCount: 1,
        versions: { edges: [{ node: { version: 1, source: 'REGISTRY_SYNC', syncRun: first.runId } }] },
      });
    }
    expect(await studyShape(server.db, `${prefix}-curated`)).toEqual({
      ...curatedBefore,
      relationships: curatedBefore.relationships + 1,
    });

    double.clearRequests();
    const counts = await server.db.query(
      `MATCH (n) WHERE coalesce(n.id, '') STARTS WITH $p OR coalesce(n.studyId, '') STARTS WITH $p RETURN count(n) AS n`,
      { p: prefix },
    );
    const second = await syncRegistry(server.db.executor, options());
    expect(second.status).toBe('UNCHANGED');
    expect(double.requests.map((r) => r.path)).toEqual(['/api/v2/version']);
    expect(
      await server.db.query(
        `MATCH (n) WHERE coalesce(n.id, '') STARTS WITH $p OR coalesce(n.studyId, '') STARTS WITH $p RETURN count(n) AS n`,
        { p: prefix },
      ),
    ).toEqual(counts);
  });

  it('after two records change (a status, a value) and one is dropped, makes exactly two new versions with their changes and marks the dropped study', async () => {
    const [a, b, dropped] = double
      .nctIds()
      .filter((id) => id.startsWith('NCT8'))
      .slice(0, 3);
    const recordA = double.get(a)!;
    const statusBefore = recordA.protocolSection.statusModule.overallStatus;
    recordA.protocolSection.statusModule.overallStatus = 'TERMINATED';
    recordA.protocolSection.statusModule.lastUpdatePostDateStruct.date = '2030-01-02';
    double.put(recordA);
    const recordB = double.get(b)!;
    const m = recordB.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].classes[0].categories[0].measurements[0];
    const valueBefore = m.value;
    m.value = String(Number(valueBefore) + 1);
    recordB.protocolSection.statusModule.lastUpdatePostDateStruct.date = '2030-01-03';
    double.put(recordB);
    expect(double.remove(dropped)).toBe(true);
    double.setDataTimestamp('2030-01-04T09:00:00');
    // 429 (with Retry-After) and 5xx are retried.
    double.failNext(1, { status: 429, retryAfterSeconds: 1 });
    double.failNext(1, { status: 503 });
    double.clearRequests();

    const run = await syncRegistry(server.db.executor, options());
    expect(run).toMatchObject({
      status: 'COMPLETED',
      listed: 9,
      added: 0,
      updated: 2,
      unchanged: 7,
      refused: [],
      noLongerMatched: [studyIdOf(dropped)],
    });
    expect(double.requests.filter((r) => r.injected).map((r) => r.status)).toEqual([429, 503]);
    // Only the two changed records were fetched in full.
    expect(
      double.requests.filter((r) => r.query['filter.ids']).map((r) => r.query['filter.ids'].split(',').sort()),
    ).toEqual([[a, b].sort()]);

    const versionsA = await versionsOf(a);
    expect(versionsA.status).toBe('TERMINATED');
    expect(versionsA.versionCount).toBe(2);
    expect(versionsA.versions.edges[0].node.changes.map((c: Json) => c.text)).toEqual(
      expect.arrayContaining([`overall status ${statusBefore} → TERMINATED`]),
    );
    const versionsB = await versionsOf(b);
    expect(versionsB.versionCount).toBe(2);
    expect(versionsB.versions.edges[0].node.changes.map((c: Json) => c.text).join('\n')).toContain(
      `${valueBefore} → ${Number(valueBefore) + 1}`,
    );
    // The dropped record's study is kept, marked with the date.
    const gone = await versionsOf(dropped);
    expect(gone.noLongerMatchedSince).toBe(new Date().toISOString().slice(0, 10));
    expect(gone.versionCount).toBe(1);
  });

  it('prepares a batch again when the batch written while it was prepared created concepts, so that it joins them', async () => {
    // The sync prepares each batch while the one before is written; this is that order, step by step.
    const p = `${prefix}-prep`;
    const name = `Condition made once ${p}`;
    const [a, b] = makeVariants(loadRealRecords().slice(0, 1), 2, 900).map((record, i) => {
      record.protocolSection.conditionsModule = { conditions: [name] };
      return { source: `record ${i}`, record };
    });
    const created = (x: Awaited<ReturnType<typeof prepareImport>>) =>
      x.prepared.translations.flatMap((t) => t.created).filter((id) => id.includes('condition-made-once'));
    const executor = server.db.executor;
    const first = await prepareImport(executor, [a], { keyPrefix: p });
    const second = await prepareImport(executor, [b], { keyPrefix: p });
    expect(created(first)).toHaveLength(1);
    // Read before the first is written, the second would make the same concept again.
    expect(created(second)).toEqual(created(first));

    await writePrepared(executor, first, { keyPrefix: p });
    expect(changesCatalog(first)).toBe(true);
    const again = await prepareImport(executor, [b], { keyPrefix: p });
    expect(created(again)).toEqual([]);
    expect(changesCatalog(again)).toBe(false);
    await writePrepared(executor, again, { keyPrefix: p });
    const holders = await server.db.query<{ id: string; studies: number }>(
      `MATCH (c:Condition) WHERE c.name = $name RETURN c.id AS id, COUNT { (c)<-[:HAS_CONDITION]-(:Population) } AS studies`,
      { name },
    );
    expect(holders).toEqual([{ id: created(first)[0], studies: 2 }]);
  });

  // A scheduled run as the server makes it: in a worker thread (the build's), over its own driver.
  const job = (keyPrefix: string, minIntervalMs: number, batchSize = 4): SyncJob => ({
    neo4j: {
      uri: process.env.NEO4J_URI!,
      username: process.env.NEO4J_USERNAME ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
      readTimeoutMs: 30_000,
    },
    options: {
      cond: null,
      term: 'NCT',
      keyPrefix,
      batchSize,
      fetch: { baseUrl: double.url, backoffMs: 50 },
      minIntervalMs,
    },
  });
  const workerFile = () => path.join(build.outDir, 'src', 'ctgov', 'ctgov.worker.js');

  it('runs on a schedule in the server, in a worker thread, one instance at a time: of two schedulers of one query, one syncs and the other finds the lease held', async () => {
    double.setDataTimestamp('2030-06-01T09:00:00');
    const logs: string[] = [];
    // Two instances, each with its schedule of the same query (a request every 100 ms, so the run lasts).
    const schedule = () =>
      scheduleSync(
        () => job(`${prefix}-sched`, 100),
        3_600_000,
        (m) => logs.push(m),
        { workerFile: workerFile() },
      );
    const [a, b] = [schedule(), schedule()];
    try {
      const results = await Promise.all([a.runNow(), b.runNow()]);
      expect(results.filter((r) => r !== null).map((r) => r!.status)).toEqual(['COMPLETED']);
      expect(results.find((r) => r !== null)).toMatchObject({ added: double.size - 1, attached: 1, refused: [] });
      expect(logs).toContain('Scheduled sync skipped: another instance holds the lease.');
      // What the run logs reaches the server's log.
      expect(logs).toContain(`Scheduled sync: ${double.size} listed: ${double.size} new or changed, 0 unchanged.`);
      // The lease is released at the end of the run: the next turn may take it.
      expect((await b.runNow())?.status).toBe('UNCHANGED');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('stops a scheduled run after the part being written when the server stops, and the next run resumes it', async () => {
    double.setDataTimestamp('2030-06-02T09:00:00');
    const stopPrefix = `${prefix}-stop`;
    const logs: string[] = [];
    // Two records a request, one request every 300 ms: a run of about 2 s.
    const schedule = scheduleSync(
      () => job(stopPrefix, 300, 2),
      3_600_000,
      (m) => logs.push(m),
      {
        workerFile: workerFile(),
      },
    );
    const first = schedule.runNow();
    const query = queryKey(null, 'NCT', stopPrefix);
    const positionOf = async () =>
      (
        await server.db.query<{ position: number | null; status: string | null }>(
          `OPTIONAL MATCH (r:SyncRun) WHERE r.query = $query RETURN r.position AS position, r.status AS status`,
          { query },
        )
      )[0];
    const deadline = Date.now() + 30_000;
    while (((await positionOf())?.position ?? 0) < 2 && Date.now() < deadline) await wait(50);
    // The run's thread yields to the server's (Linux: its niceness is 10 above the process's).
    const niceness = (task: string) =>
      Number(
        fs
          .readFileSync(`/proc/self/task/${task}/stat`, 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ')[16],
      );
    const threads = fs.readdirSync('/proc/self/task').map(niceness);
    expect(Math.max(...threads)).toBe(Math.min(19, niceness(String(process.pid)) + 10));
    await schedule.stop();
    expect(await first).toBeNull();
    expect(logs.find((m) => m.startsWith('Scheduled sync stopped: Stopped at record'))).toBeDefined();
    const stopped = await positionOf();
    expect(stopped.status).toBe('RUNNING');
    expect(stopped.position).toBeGreaterThanOrEqual(2);
    expect(stopped.position).toBeLessThan(double.size);
    // A stopped schedule starts nothing more.
    expect(await schedule.runNow()).toBeNull();

    // The lease was released: the next instance's run takes it at once and resumes from the position.
    double.clearRequests();
    const next = scheduleSync(
      () => job(stopPrefix, 0, 2),
      3_600_000,
      (m) => logs.push(m),
      { workerFile: workerFile() },
    );
    try {
      const resumed = await next.runNow();
      expect(resumed).toMatchObject({
        status: 'COMPLETED',
        resumed: true,
        added: double.size - 1,
        attached: 1,
        refused: [],
      });
      const fetched = double.requests
        .filter((r) => r.query['filter.ids'])
        .flatMap((r) => r.query['filter.ids'].split(','));
      // The resumed run fetched only the records after the recorded position.
      expect(fetched.length).toBe(double.size - stopped.position!);
    } finally {
      await next.stop();
    }
  });

  it('resumes a run killed with SIGKILL, and ends with the graph an uninterrupted run makes', async () => {
    // Every record changes: a run of many batches, one request a few hundred ms apart.
    for (const id of double.nctIds()) {
      const r = double.get(id)!;
      r.protocolSection.statusModule.lastUpdatePostDateStruct.date = '2031-05-06';
      r.protocolSection.statusModule.whyStopped = 'Constructed for the resumption test';
      double.put(r);
    }
    double.setDataTimestamp('2031-05-07T09:00:00');
    const killedPrefix = `${prefix}-killed`;
    const cliEnv = {
      ...process.env,
      CTGOV_BASE_URL: double.url,
      CTGOV_MIN_INTERVAL_MS: '400',
      CTGOV_SYNC_BATCH: '2',
      CTGOV_SYNC_LEASE_MS: '1500',
      CTGOV_BACKOFF_MS: '50',
    };
    const cli = () =>
      spawn(
        process.execPath,
        [
          path.join(build.outDir, 'src', 'ctgov', 'ctgov-cli.js'),
          '--sync',
          '--term',
          'NCT',
          '--key-prefix',
          killedPrefix,
        ],
        { cwd: REPO_ROOT, env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    const child = cli();
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    // Killed once two batches are written.
    const deadline = Date.now() + 60_000;
    let position = 0;
    while (position < 4 && Date.now() < deadline) {
      await wait(100);
      const [row] = await server.db.query<{ position: number | null }>(
        `OPTIONAL MATCH (r:SyncRun {status: 'RUNNING'}) WHERE r.query CONTAINS '"NCT"' RETURN max(r.position) AS position`,
      );
      position = row?.position ?? 0;
    }
    expect(position).toBeGreaterThanOrEqual(4);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).toMatch(/\d+\/\d+ records/);

    // Its lease expires (1.5 s without renewal), and the next invocation resumes it.
    await wait(1600);
    const resumed = cli();
    let stdout = '';
    resumed.stdout!.on('data', (c) => (stdout += c));
    const code = await new Promise((resolve) => resumed.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(resumed\)/);

    // The same records into another prefix, uninterrupted: the same studies with the same shapes and versions.
    const straightPrefix = `${prefix}-straight`;
    await syncRegistry(server.db.executor, options({ keyPrefix: straightPrefix }));
    const shapes = async (p: string) => {
      const rows = await server.db.query<{ id: string; versions: number; hash: string }>(
        `MATCH (s:Study) WHERE s.id STARTS WITH $p + '-' RETURN substring(s.id, size($p)) AS id, s.versionCount AS versions, s.contentHash AS hash ORDER BY id`,
        { p },
      );
      return Promise.all(
        rows.map(async (r) => ({ ...r, hash: undefined, shape: await studyShape(server.db, `${p}${r.id}`) })),
      );
    };
    const killed = await shapes(killedPrefix);
    expect(killed.length).toBe(double.size - 1);
    expect(killed).toEqual(await shapes(straightPrefix));
  });
});
