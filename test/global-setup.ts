import 'reflect-metadata';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { createDriver, Executor } from '../src/db/executor';
import { migrate } from '../src/db/migrate';
import { LocalNeo4j, startLocalNeo4j } from '../src/neo4j/local-neo4j';
import { loadSeedPath } from '../src/seeds/seed.loader';

/**
 * Starts one real Neo4j for the whole run (or uses NEO4J_URI when set), applies the migrations
 * and loads the curated seeds, which tests read but never change. Tests that write use keys of
 * their own and remove what they wrote.
 */
export default async function globalSetup(): Promise<void> {
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    const dataDir = path.join(REPO_ROOT, '.data', 'test-neo4j');
    const started = Date.now();
    const local: LocalNeo4j = await startLocalNeo4j({
      homeDir: path.join(REPO_ROOT, '.neo4j'),
      dataDir,
      // A fresh database per run keeps the tests hermetic; a Neo4j orphaned by a killed run is stopped first.
      resetData: true,
      boltPort: 0,
      heapMb: 768,
      pageCacheMb: 128,
      onProgress: (m) => process.stderr.write(`[neo4j] ${m}\n`),
    });
    process.stderr.write(`\n[neo4j] test database ready at ${local.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    (globalThis as Record<string, unknown>).__LOCAL_NEO4J__ = local;
    uri = local.uri;
    process.env.NEO4J_URI = uri;
    process.env.TEST_NEO4J_DATA_DIR = dataDir;
    process.env.TEST_NEO4J_BOLT_PORT = String(local.boltPort);
  }
  const driver = createDriver(uri, process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
  try {
    const executor = new Executor(driver, { database: process.env.NEO4J_DATABASE ?? 'neo4j', readTimeoutMs: 30_000 });
    await migrate(executor);
    await loadSeedPath(executor, path.join(REPO_ROOT, 'seeds'));
  } finally {
    await driver.close();
  }
}
