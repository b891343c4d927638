/**
 * Shared by the security suite and the write/outage/shutdown integration tests: test studies
 * under keys of their own, counts of the seeded graph, complete-or-absent checks, HTTP without
 * the JSON helper of test/support/server.ts, and a private build of src/ for child processes.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { DELETE_STUDY } from '../../src/seeds/seed.repository';
import type { TestDb } from '../support/db';
import { pickFreePort } from '../../src/neo4j/neo4j.process';

export type Json = any;

/** The seed study the test studies are copied from: the smallest of seeds/studies/. */
export const TEMPLATE_STUDY = 'radiant-4';
const TEMPLATE_FILE = path.join(REPO_ROOT, 'seeds', 'studies', `${TEMPLATE_STUDY}.json`);

/** "test-<tag>-<pid>-<time>": a key prefix of one test file and run; every key a test writes starts with it. */
export function testPrefix(tag: string): string {
  return `test-${tag}-${process.pid}-${Date.now().toString(36)}`;
}

/**
 * A copy of seeds/studies/radiant-4.json under `studyId`: the study, its documents and
 * publications get keys derived from it (so nothing seeded is touched); concept references keep
 * pointing at the seeded vocabulary. `titleSuffix` makes a changed version of the same study.
 */
export function testStudyDocument(studyId: string, titleSuffix = ''): Json {
  const s = JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
  const docs = new Map<string, string>(s.documents.map((d: Json) => [d.id, `${studyId}-doc-${d.id}`]));
  const pubs = new Map<string, string>(s.publications.map((p: Json) => [p.id, `${studyId}-pub-${p.id}`]));
  s.study.id = studyId;
  s.study.title = `Test copy ${studyId} of: ${s.study.title}${titleSuffix}`;
  for (const d of s.documents) {
    d.id = docs.get(d.id);
    if (d.publication) d.publication = pubs.get(d.publication);
  }
  for (const p of s.publications) p.id = pubs.get(p.id);
  // Every evidence object names its document: re-point them wherever they sit.
  const walk = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (typeof value.document === 'string' && docs.has(value.document)) value.document = docs.get(value.document);
      Object.values(value).forEach(walk);
    }
  };
  walk([s.population, s.arms, s.outcomes, s.predictorFindings, s.adverseEvents]);
  return s;
}

/**
 * Nodes and relationships of the graph outside the keys of tests ("test-…") and of the benchmark
 * ("bench-…"): the seeded graph, which test files running in parallel must not change. The
 * derived RELATED lists are left out: a list keeps a study's best RELATED_PER_STUDY, so another
 * file's test studies that share seeded concepts push seeded entries out of seeded lists while
 * they exist (a write's own RELATED changes are checked where it is tested).
 *
 * Read until two reads in a row agree. Neo4j reads committed data, not a snapshot: a scan of the
 * whole graph while another file's transactions create and delete their nodes can count a node
 * being deleted, or miss or repeat a relationship of a seeded concept whose chain is being changed.
 * (While one writer created and deleted 200 test populations on four seeded conditions in a loop,
 * 93 of 2,196 such scans of a graph of 10,501 nodes were off, by 1 to 62.)
 */
export async function seededCounts(db: TestDb): Promise<{ nodes: number; relationships: number }> {
  const outside = (key: string) => `NOT (${key} STARTS WITH 'test-' OR ${key} STARTS WITH 'bench-')`;
  const read = async () => {
    const [row] = await db.query<{ nodes: number; relationships: number }>(
      `CALL { MATCH (n) WITH coalesce(toStringOrNull(n.studyId), toStringOrNull(n.id), '') AS key
              WHERE ${outside('key')} RETURN count(*) AS nodes }
       CALL { MATCH (a)-[r]->(b) WHERE NOT r:RELATED
              WITH coalesce(toStringOrNull(a.studyId), toStringOrNull(a.id), '') AS ka,
                   coalesce(toStringOrNull(b.studyId), toStringOrNull(b.id), '') AS kb
              WHERE ${outside('ka')} AND ${outside('kb')} RETURN count(*) AS relationships }
       RETURN nodes, relationships`,
    );
    return row;
  };
  let last = await read();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const next = await read();
    if (next.nodes === last.nodes && next.relationships === last.relationships) return next;
    last = next;
  }
  throw new Error(`The seeded graph's counts did not settle in 21 reads; the last: ${JSON.stringify(last)}.`);
}

/** Nodes and relationships of one study: the Study, its StudyPart nodes, and every relationship touching them (but the derived RELATED ones). */
export async function studyShape(
  db: TestDb,
  studyId: string,
): Promise<{ studies: number; parts: number; relationships: number }> {
  const [row] = await db.query<{ studies: number; parts: number; relationships: number }>(
    `CALL { MATCH (s:Study {id: $id}) RETURN count(s) AS studies }
     CALL { MATCH (p:StudyPart {studyId: $id}) RETURN count(p) AS parts }
     CALL { MATCH (n) WHERE (n:Study AND n.id = $id) OR (n:StudyPart AND n.studyId = $id)
            MATCH (n)-[r:!RELATED]-() RETURN count(DISTINCT r) AS relationships }
     RETURN studies, parts, relationships`,
    { id: studyId },
  );
  return row;
}

/** The shape a complete copy of the template study has: the seeded template itself. */
export function templateShape(db: TestDb) {
  return studyShape(db, TEMPLATE_STUDY);
}

/**
 * Every study under `prefix` with its shape, and the StudyPart nodes under `prefix` whose study
 * is missing (left behind by a partial write).
 */
export async function studiesUnder(db: TestDb, prefix: string) {
  const studies = await db.query<{ id: string; parts: number; relationships: number }>(
    `MATCH (s:Study) WHERE s.id STARTS WITH $prefix
     CALL (s) { MATCH (p:StudyPart {studyId: s.id}) RETURN count(p) AS parts }
     CALL (s) { MATCH (n) WHERE (n:Study AND n.id = s.id) OR (n:StudyPart AND n.studyId = s.id)
                MATCH (n)-[r:!RELATED]-() RETURN count(DISTINCT r) AS relationships }
     RETURN s.id AS id, parts, relationships ORDER BY id`,
    { prefix },
  );
  const [{ orphans }] = await db.query<{ orphans: number }>(
    `MATCH (p:StudyPart) WHERE p.studyId STARTS WITH $prefix AND NOT EXISTS { MATCH (:Study {id: p.studyId}) } RETURN count(p) AS orphans`,
    { prefix },
  );
  return { studies, orphans };
}

/**
 * Deletes every study under `prefix` with what it owns (the app's own DELETE_STUDY), and anything
 * else keyed under it. Each delete runs in a write transaction of the app's executor, which the
 * driver retries on a deadlock with imports that other test files run at the same time.
 */
export async function deleteStudiesUnder(db: TestDb, prefix: string): Promise<void> {
  const ids = await db.query<{ id: string }>(`MATCH (s:Study) WHERE s.id STARTS WITH $prefix RETURN s.id AS id`, {
    prefix,
  });
  for (const { id } of ids) await db.executor.writeTransaction((tx) => tx.run(DELETE_STUDY, { id }));
  await db.executor.writeTransaction((tx) =>
    tx.run(
      `MATCH (n) WHERE coalesce(toStringOrNull(n.id), '') STARTS WITH $prefix OR coalesce(toStringOrNull(n.studyId), '') STARTS WITH $prefix DETACH DELETE n`,
      { prefix },
    ),
  );
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or null when it is not JSON. */
  json: Json;
}

/** One HTTP request with full control of method, headers and body (a string is sent as it is). */
export async function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const res = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
  const text = await res.text();
  let json: Json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** POSTs one GraphQL operation as JSON. */
export function postGraphQL(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return request(`${baseUrl}/graphql`, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

/** The errors of a response (single or batched), flattened. */
export function errorsOf(json: Json): Json[] {
  if (Array.isArray(json)) return json.flatMap((r) => r?.errors ?? []);
  return json?.errors ?? [];
}

/** A free TCP port on 127.0.0.1 (nothing listens on it when this resolves). */
export const freePort = pickFreePort;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The port a server process listens on, read from its "HTTP listening on port N" line on stderr
 * (src/index.ts prints it whatever LOG_LEVEL is). Started with PORT=0, the server binds a free
 * port itself, so no other process can take it between the choice and the bind.
 */
export function listeningPort(child: ChildProcess, stderr: () => string, timeoutMs = 120_000): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const check = () => {
      const match = /HTTP listening on port (\d+)/.exec(stderr());
      if (!match) return;
      done();
      resolve(Number(match[1]));
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`the server exited (code ${code}) before it listened:\n${stderr()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the server did not log its port within ${timeoutMs} ms:\n${stderr()}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
    };
    // Registered after the caller's own 'data' listener, so stderr() already holds the chunk.
    const onData = () => setImmediate(check);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
    check();
  });
}

/** A server process started by startServerProcess. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** What it has written to stderr so far (its log). */
  stderr(): string;
  /** Resolves when it exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Starts `node <outDir>/src/index.js` over the test Neo4j (NEO4J_URI), unseeded, on a port it
 * picks itself (PORT=0; read from its log), with `env` on top, and resolves once /health/ready
 * answers 200. `name` tells the server apart in errors.
 */
export async function startServerProcess(
  outDir: string,
  env: Record<string, string>,
  name = 'the server',
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [`${outDir}/src/index.js`], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: process.env.NEO4J_URI,
      SEED_ON_START: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const port = await listeningPort(child, () => stderr).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${name}: ${error.message}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    const status = await request(`${url}/health/ready`, { method: 'GET' }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { child, port, url, stderr: () => stderr, exited };
    if (child.exitCode !== null)
      throw new Error(`${name} exited (code ${child.exitCode}) before it was ready:\n${stderr}`);
    if (Date.now() - started > 120_000)
      throw new Error(`${name}: /health/ready did not answer 200 within 120 s:\n${stderr}`);
    await sleep(250);
  }
}

/** The established TCP sockets of /proc/net/tcp and /proc/net/tcp6 (Linux): local and remote port, receive queue, inode. */
export function establishedSockets(): { localPort: number; remotePort: number; rxQueue: number; inode: number }[] {
  const rows: { localPort: number; remotePort: number; rxQueue: number; inode: number }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      // tcp6 is absent when the kernel has no IPv6; tcp is always there on Linux.
      if (file.endsWith('tcp6') && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new Error(`cannot read ${file} (the test needs Linux's /proc): ${(error as Error).message}`, {
        cause: error,
      });
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '01') continue; // 01: ESTABLISHED
      rows.push({
        localPort: parseInt(f[1].split(':')[1], 16),
        remotePort: parseInt(f[2].split(':')[1], 16),
        rxQueue: parseInt(f[4].split(':')[1], 16),
        inode: Number(f[9]),
      });
    }
  }
  return rows;
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The local ports of the TCP connections that process `pid` holds open (its socket descriptors, matched in /proc/net). */
export function clientPortsOf(pid: number): number[] {
  const inodes = new Set<number>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(Number(match[1]));
  }
  return establishedSockets()
    .filter((s) => inodes.has(s.inode))
    .map((s) => s.localPort);
}

/**
 * SIGKILLs a process that talks to Neo4j, first stopping it (SIGSTOP) to note its Bolt
 * connections. `settled()` then resolves once Neo4j has neither a connection nor a transaction
 * from them: a commit the process had sent before it died has landed (or was rolled back), so
 * what the graph holds no longer changes under the test.
 */
export function killTalkingToNeo4j(child: ChildProcess): { settled(db: TestDb, timeoutMs?: number): Promise<void> } {
  child.kill('SIGSTOP');
  let ports: number[] = [];
  try {
    // The signal is delivered asynchronously: wait (briefly) until the process is stopped ("T" in /proc/<pid>/stat).
    const until = Date.now() + 2_000;
    while (!/^\d+ \(.*\) T /.test(readOr(`/proc/${child.pid}/stat`)) && Date.now() < until);
    ports = clientPortsOf(child.pid!);
  } finally {
    child.kill('SIGKILL');
  }
  return {
    async settled(db: TestDb, timeoutMs = 60_000) {
      if (ports.length === 0) return;
      const addresses = ports.map((p) => `:${p}`);
      const started = Date.now();
      for (;;) {
        const seen = [
          ...(await db.query<{ a: string }>(
            'CALL dbms.listConnections() YIELD clientAddress RETURN clientAddress AS a',
          )),
          ...(await db.query<{ a: string }>('SHOW TRANSACTIONS YIELD clientAddress RETURN clientAddress AS a')),
        ].map((row) => row.a);
        const left = seen.filter((a) => addresses.some((p) => a.endsWith(p)));
        if (left.length === 0) return;
        if (Date.now() - started > timeoutMs)
          throw new Error(`Neo4j still serves the killed process after ${timeoutMs} ms: ${left.join(', ')}`);
        await sleep(20);
      }
    },
  };
}

/** Where test/global-setup.ts compiles src/ once for the whole run (read by buildPrivateDist). */
export const SHARED_BUILD_ENV = 'NET_TRIALS_TEST_BUILD';

export interface PrivateBuild {
  /** Layout of dist/: <outDir>/src/index.js. */
  outDir: string;
  /** What tsc printed (type errors; empty on a clean compile). */
  output: string;
  /** Removes the build if this test file made it (the run's shared build is removed by test/global-teardown.ts). */
  remove(): void;
}

/**
 * Compiles src/ with tsconfig.build.json into `outDir` (tsc emits even past type errors) and
 * writes what it printed, and whether it passed, to <outDir>/tsc.json.
 */
export async function compileInto(outDir: string): Promise<{ ok: boolean; output: string }> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await new Promise<{ ok: boolean; output: string }>((resolve) =>
    execFile(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir],
      { cwd: REPO_ROOT, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ ok: !error, output: `${stdout}${stderr}${error && !stdout && !stderr ? error.message : ''}` }),
    ),
  );
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'tsc.json'), JSON.stringify(result));
  return result;
}

/**
 * A build of src/ in a private folder under .data/ (inside the repository, so that the compiled
 * code finds schema/ and seeds/ as dist/ does), laid out as dist/ (<outDir>/src/index.js). Test
 * files run in parallel and other people rebuild dist/ while tests run: a private copy is never
 * half-written under a child process. The run's global setup compiles once for every test file
 * ($NET_TRIALS_TEST_BUILD), which is used read-only; a test file run without it compiles its own.
 * Type errors fail the build unless `allowTypeErrors` (the emitted JavaScript is used then).
 */
export async function buildPrivateDist(name: string, { allowTypeErrors = false } = {}): Promise<PrivateBuild> {
  const shared = process.env[SHARED_BUILD_ENV];
  let outDir: string;
  let result: { ok: boolean; output: string };
  let remove: () => void;
  if (shared && fs.existsSync(path.join(shared, 'tsc.json'))) {
    outDir = shared;
    result = JSON.parse(fs.readFileSync(path.join(shared, 'tsc.json'), 'utf8'));
    remove = () => undefined;
  } else {
    outDir = path.join(REPO_ROOT, '.data', 'test-build', `${name}-${process.pid}`);
    result = await compileInto(outDir);
    remove = () => {
      fs.rmSync(outDir, { recursive: true, force: true });
      // The parent too, once no other test file's build is in it.
      try {
        fs.rmdirSync(path.dirname(outDir));
      } catch {
        /* not empty, or already gone */
      }
    };
  }
  if (!result.ok && !allowTypeErrors) {
    remove();
    throw new Error(`npx tsc -p tsconfig.build.json failed:\n${result.output}`);
  }
  return { outDir, output: result.output, remove };
}
