import { Driver } from 'neo4j-driver';
import { createDriver, Executor } from '../../src/db/executor';

/** The Neo4j of the test run (started by test/global-setup.ts). */
export interface TestDb {
  driver: Driver;
  executor: Executor;
  /** Runs Cypher in auto-commit and returns plain rows. */
  query<T = Record<string, unknown>>(cypher: string, params?: Record<string, unknown>): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * Points this test file (and the processes it starts) at the Neo4j for writers
 * (NEO4J_WRITE_URI, see test/global-setup.ts). Call it at the top of a file that writes,
 * before connecting: readers in other files then never see what it writes.
 */
export function useWriteDatabase(): void {
  const writeUri = process.env.NEO4J_WRITE_URI;
  if (!writeUri) throw new Error('NEO4J_WRITE_URI is not set: run the tests through jest (test/global-setup.ts).');
  process.env.NEO4J_URI = writeUri;
}

export function connectTestDb(): TestDb {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is not set: run the tests through jest (test/global-setup.ts starts Neo4j).');
  const driver = createDriver(uri, process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
  const executor = new Executor(driver, { database: process.env.NEO4J_DATABASE ?? 'neo4j', readTimeoutMs: 30_000 });
  return {
    driver,
    executor,
    async query<T>(cypher: string, params: Record<string, unknown> = {}) {
      const result = await executor.runAutoCommit(cypher, params);
      return result.records.map((r) => r.toObject() as T);
    },
    close: () => driver.close(),
  };
}
