import { Driver } from 'neo4j-driver';
import { Config } from '../config';
import type { LocalNeo4j } from '../neo4j/local-neo4j';
import { createDriver, Executor, retryTimeFor } from './executor';
import { migrate } from './migrate';

/** A connection to the graph: the executor, and the local Neo4j when the project started one. */
export interface Database {
  executor: Executor;
  driver: Driver;
  uri: string;
  local: LocalNeo4j | null;
  /** Closes the driver, then stops the local Neo4j if the project started it. */
  close(): Promise<void>;
}

/** Opens the Neo4j of NEO4J_URI, or starts the embedded local one when NEO4J_URI is unset. Does not wait for it. */
export async function openDatabase(config: Config, log: (message: string) => void): Promise<Database> {
  let local: LocalNeo4j | null = null;
  let uri = config.neo4jUri;
  if (uri === null) {
    log(`Starting the local Neo4j (data in ${config.neo4jDataDir}) ...`);
    // Loaded here, not at the top: a server given NEO4J_URI never loads the Maven and process code.
    const { startLocalNeo4j } = await import('../neo4j/local-neo4j');
    local = await startLocalNeo4j({
      homeDir: config.neo4jHomeDir,
      dataDir: config.neo4jDataDir,
      boltPort: config.neo4jBoltPort,
      heapMb: config.neo4jHeapMb,
      pageCacheMb: config.neo4jPageCacheMb,
      onProgress: log,
    });
    uri = local.uri;
    log(`Local Neo4j ready at ${uri}`);
  }
  // A request must be able to fail with DATABASE_UNAVAILABLE before its deadline.
  const maxRetryTimeMs = retryTimeFor(config.requestTimeoutMs);
  const driver = createDriver(uri, config.neo4jUsername, config.neo4jPassword, maxRetryTimeMs);
  const executor = new Executor(driver, {
    database: config.neo4jDatabase,
    readTimeoutMs: config.readTimeoutMs,
    maxRetryTimeMs,
  });
  const started = local;
  return {
    executor,
    driver,
    uri,
    local,
    async close() {
      await driver.close();
      if (started) await started.stop();
    },
  };
}

/** Waits until Neo4j answers, retrying with exponential backoff (0.5 s doubling to 8 s) until `timeoutMs`. */
export async function waitForNeo4j(driver: Driver, timeoutMs: number, log?: (message: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 500;
  for (;;) {
    try {
      await driver.getServerInfo();
      return;
    } catch (error) {
      if (Date.now() + delay > deadline)
        throw new Error(`Neo4j did not answer within ${timeoutMs} ms: ${(error as Error).message}`, { cause: error });
      log?.(`Neo4j not reachable yet (${(error as Error).message}); retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 8000);
    }
  }
}

/** Opens the database, waits for it and applies the migrations: what a command-line tool needs. */
export async function connectDatabase(config: Config, log: (message: string) => void): Promise<Database> {
  const db = await openDatabase(config, log);
  try {
    await waitForNeo4j(db.driver, 60_000, log);
    await migrate(db.executor);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
