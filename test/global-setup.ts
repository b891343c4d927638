import 'reflect-metadata';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { createDriver, Executor } from '../src/db/executor';
import { migrate } from '../src/db/migrate';
import { LocalNeo4j, startLocalNeo4j } from '../src/neo4j/local-neo4j';
import { loadSeedPath } from '../src/seeds/seed.loader';
import { compileInto, SHARED_BUILD_ENV } from './security/helpers';

/**
 * Starts two real Neo4j servers for the whole run, each migrated and loaded with the curated
 * seeds: NEO4J_URI, which tests only read, so that what they see is exactly the seeds; and
 * NEO4J_WRITE_URI, for the test files that write (they call `useWriteDatabase()` of
 * test/support/db.ts, use keys of their own and remove what they wrote). Files run in
 * parallel, so a reader never sees a writer's studies.
 *
 * With NEO4J_URI set, that Neo4j is used for both unless NEO4J_WRITE_URI names another; then
 * run the tests serially (`npm test -- --runInBand`), as readers would see writers' studies.
 *
 * It also compiles src/ once into a folder of this run ($NET_TRIALS_TEST_BUILD, removed by
 * global-teardown.ts), which the test files that start the server or the loader as child
 * processes use read-only (buildPrivateDist of test/security/helpers.ts), instead of each
 * compiling its own.
 */
export default async function globalSetup(): Promise<void> {
  const build = compileSharedBuild();
  if (!process.env.NEO4J_URI) {
    const started = Date.now();
    const [read, write] = await Promise.all([startTestNeo4j('test-neo4j'), startTestNeo4j('test-neo4j-write')]);
    process.stderr.write(
      `\n[neo4j] test databases ready at ${read.uri} (read) and ${write.uri} (write) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    (globalThis as Record<string, unknown>).__LOCAL_NEO4J__ = [read, write];
    process.env.NEO4J_URI = read.uri;
    process.env.NEO4J_WRITE_URI = write.uri;
  }
  process.env.NEO4J_WRITE_URI ??= process.env.NEO4J_URI;
  // One database named twice is prepared once: two migrations at a time on it would deadlock.
  await Promise.all([...new Set([process.env.NEO4J_URI!, process.env.NEO4J_WRITE_URI])].map(prepare));
  await build;
}

/** Compiles src/ into .data/test-build/run-<pid>; a failed compile is recorded there for the files that need it. */
async function compileSharedBuild(): Promise<void> {
  const outDir = path.join(REPO_ROOT, '.data', 'test-build', `run-${process.pid}`);
  const started = Date.now();
  const { ok } = await compileInto(outDir);
  process.env[SHARED_BUILD_ENV] = outDir;
  process.stderr.write(
    `[build] src/ compiled into ${path.relative(REPO_ROOT, outDir)} in ${((Date.now() - started) / 1000).toFixed(1)} s${ok ? '' : ' (with type errors)'}\n`,
  );
}

function startTestNeo4j(name: string): Promise<LocalNeo4j> {
  return startLocalNeo4j({
    homeDir: path.join(REPO_ROOT, '.neo4j'),
    dataDir: path.join(REPO_ROOT, '.data', name),
    // A fresh database per run keeps the tests hermetic; a Neo4j orphaned by a killed run is stopped first.
    resetData: true,
    boltPort: 0,
    heapMb: 768,
    pageCacheMb: 128,
    onProgress: (m) => process.stderr.write(`[neo4j:${name}] ${m}\n`),
  });
}

/** Applies the migrations and loads seeds/ (a no-op for studies already loaded unchanged). */
async function prepare(uri: string): Promise<void> {
  const driver = createDriver(uri, process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
  try {
    const executor = new Executor(driver, { database: process.env.NEO4J_DATABASE ?? 'neo4j', readTimeoutMs: 30_000 });
    await migrate(executor);
    await loadSeedPath(executor, path.join(REPO_ROOT, 'seeds'));
  } finally {
    await driver.close();
  }
}
