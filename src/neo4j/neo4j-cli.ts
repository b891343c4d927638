/**
 * A local Neo4j without Docker (see local-neo4j.ts). After `npm run build`:
 *
 *   node dist/src/neo4j/neo4j-cli.js fetch   download the Neo4j jars once (Maven), with progress
 *   node dist/src/neo4j/neo4j-cli.js start   run Neo4j in the foreground until Ctrl-C
 *
 * Environment: NEO4J_BOLT_PORT (default 7687), NEO4J_DATA_DIR (default <repo>/.data/neo4j),
 * NEO4J_HEAP_MB (default 1024), NEO4J_PAGECACHE_MB (default 256). Jars and generated
 * configuration live in <repo>/.neo4j.
 */
import * as path from 'node:path';
import { REPO_ROOT } from '../config';
import { startLocalNeo4j, type LocalNeo4j } from './local-neo4j';
import { LocalNeo4jError } from './neo4j.errors';
import { ensureNeo4jJars } from './neo4j.jars';

const USAGE = 'usage: node dist/src/neo4j/neo4j-cli.js fetch|start';

function log(message: string): void {
  console.log(`[neo4j] ${message}`);
}

/** A positive integer from the environment, the default when unset; exits with a message when malformed. */
function intFromEnv(name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name}=${raw} is not a whole number between 1 and ${max}.`);
    process.exit(2);
  }
  return value;
}

async function fetchJars(homeDir: string): Promise<void> {
  const libDir = await ensureNeo4jJars(homeDir, log);
  log(`Jars are in ${libDir}.`);
}

async function runInForeground(root: string, homeDir: string): Promise<void> {
  // eslint-disable-next-line prefer-const -- the signal handlers below read it before it is assigned
  let server: LocalNeo4j | undefined;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    if (!server) process.exit(130); // still starting: the 'exit' hook of spawnNeo4j (neo4j.process.ts) ends Java
    log('Stopping Neo4j…');
    await server.stop();
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);

  server = await startLocalNeo4j({
    homeDir,
    dataDir: process.env.NEO4J_DATA_DIR ? path.resolve(process.env.NEO4J_DATA_DIR) : path.join(root, '.data', 'neo4j'),
    boltPort: intFromEnv('NEO4J_BOLT_PORT', 7687, 65535),
    heapMb: intFromEnv('NEO4J_HEAP_MB', 1024),
    pageCacheMb: intFromEnv('NEO4J_PAGECACHE_MB', 256),
    onProgress: log,
  });
  log(`Neo4j is running at ${server.uri} (authentication off: any NEO4J_USERNAME/NEO4J_PASSWORD is accepted).`);
  log(`For the app: NEO4J_URI=${server.uri}`);
  log(`Log: ${server.logFile}. Press Ctrl-C to stop.`);

  const exit = await server.exited;
  if (stopping) return;
  console.error(`[neo4j] Neo4j exited unexpectedly (code ${exit.code}, signal ${exit.signal}). See ${server.logFile}.`);
  process.exit(1);
}

async function main(command: string | undefined): Promise<void> {
  const homeDir = path.join(REPO_ROOT, '.neo4j');
  if (command === 'fetch') return fetchJars(homeDir);
  if (command === 'start') return runInForeground(REPO_ROOT, homeDir);
  console.error(USAGE);
  process.exit(2);
}

main(process.argv[2]).catch((error: unknown) => {
  if (error instanceof LocalNeo4jError) {
    console.error(`[neo4j] ${error.code}: ${error.message}\n[neo4j] Fix: ${error.fix}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
