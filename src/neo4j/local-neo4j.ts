/**
 * A local Neo4j 5.26 Community server without Docker: the jars come from Maven Central once
 * (neo4j/pom.xml), then `java -cp '<lib>/*' org.neo4j.server.CommunityEntryPoint` runs on a
 * loopback Bolt port with authentication off. Linux first (stale-process detection reads /proc).
 *
 * Layout: <homeDir>/lib holds the jars; <homeDir>/instances/<name>-<hash>/ holds the generated
 * conf/, logs/ (console.log = Java stdout and stderr), run/, import/ and plugins/ of one data
 * folder; <dataDir> holds the databases, the transaction logs and local-neo4j.pid.
 *
 * This file composes the three jobs: Java, Maven and the jars (neo4j.jars.ts), the
 * configuration of an instance (neo4j.conf.ts) and the process (neo4j.process.ts); their
 * failures are LocalNeo4jErrors (neo4j.errors.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildJavaArgs, buildNeo4jConf, instanceDirFor } from './neo4j.conf';
import { checkJava, ensureNeo4jJars, SUPPORTED_JAVA_VERSIONS } from './neo4j.jars';
import {
  fileSize,
  pickFreePort,
  PID_FILE,
  requireFreePort,
  spawnNeo4j,
  stopStaleNeo4j,
  waitUntilReady,
  type Neo4jExit,
} from './neo4j.process';

export interface LocalNeo4jOptions {
  /** Folder for the jars (<homeDir>/lib) and the per-instance conf and logs, e.g. <repo>/.neo4j. */
  homeDir: string;
  /** Database files; deleting this folder resets the local database. */
  dataDir: string;
  /** Delete dataDir before starting (after stopping a stale server on it): a fresh, empty database. */
  resetData?: boolean;
  /** Bolt port on 127.0.0.1; undefined or 0 picks a free port. */
  boltPort?: number;
  /** Java heap, default 1024. */
  heapMb?: number;
  /** Page cache, default 256 (Neo4j's own default is half the RAM). */
  pageCacheMb?: number;
  /** Default 120 000. */
  startTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL, default 20 000. */
  stopTimeoutMs?: number;
  onProgress?: (message: string) => void;
}

export interface LocalNeo4j {
  /** bolt://127.0.0.1:<boltPort>; any credentials are accepted (authentication is off). */
  uri: string;
  boltPort: number;
  pid: number;
  /** Java stdout and stderr of this run. */
  logFile: string;
  /** Generated conf/, logs/, run/ of this data folder. */
  instanceDir: string;
  /** Resolves when the Java process has exited, for whatever reason. */
  exited: Promise<Neo4jExit>;
  /** SIGTERM, then SIGKILL after stopTimeoutMs; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a Neo4j server on `dataDir` and resolves once Bolt answers and the default database runs
 * a query. Fetches the jars first if needed. A Neo4j left running on the same data folder by a
 * killed parent is stopped first (pid file + /proc); one whose parent still runs is an
 * ALREADY_RUNNING error. The Java process gets SIGTERM when this Node process exits (not when it
 * is SIGKILLed: the next start cleans up). Throws LocalNeo4jError (JAVA_MISSING, JAVA_TOO_OLD,
 * POM_MISSING, MAVEN_MISSING, DOWNLOAD_FAILED, ALREADY_RUNNING, PORT_IN_USE, START_TIMEOUT, START_FAILED);
 * after a failure no Java process of this call is left running.
 */
export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const progress = opts.onProgress ?? (() => {});
  const heapMb = opts.heapMb ?? 1024;
  const pageCacheMb = opts.pageCacheMb ?? 256;
  const startTimeoutMs = opts.startTimeoutMs ?? 120_000;
  const stopTimeoutMs = opts.stopTimeoutMs ?? 20_000;

  const { java, major } = checkJava();
  if (!SUPPORTED_JAVA_VERSIONS.includes(major)) {
    progress(
      `Warning: Neo4j 5.26 is released for Java ${SUPPORTED_JAVA_VERSIONS.join(' and ')}; ${java} is Java ${major}.`,
    );
  }
  const libDir = await ensureNeo4jJars(opts.homeDir, progress);

  const dataDir = path.resolve(opts.dataDir);
  const instanceDir = instanceDirFor(opts.homeDir, dataDir);
  const pidFile = path.join(dataDir, PID_FILE);
  await stopStaleNeo4j(pidFile, dataDir, stopTimeoutMs, progress);
  if (opts.resetData) fs.rmSync(dataDir, { recursive: true, force: true });
  for (const dir of [
    dataDir,
    ...['conf', 'logs', 'run', 'import', 'plugins'].map((name) => path.join(instanceDir, name)),
  ]) {
    fs.mkdirSync(dir, { recursive: true });
  }

  const boltPort = opts.boltPort ? await requireFreePort(opts.boltPort) : await pickFreePort();
  fs.writeFileSync(
    path.join(instanceDir, 'conf', 'neo4j.conf'),
    buildNeo4jConf({ boltPort, dataDir, instanceDir, heapMb, pageCacheMb }),
  );
  const logFile = path.join(instanceDir, 'logs', 'console.log');
  const uri = `bolt://127.0.0.1:${boltPort}`;
  progress(`Starting Neo4j on ${uri} (data: ${dataDir}, log: ${logFile})…`);

  const debugLogOffset = fileSize(path.join(instanceDir, 'logs', 'debug.log'));
  const started = Date.now();
  const server = spawnNeo4j(java, buildJavaArgs({ libDir, instanceDir, heapMb }), instanceDir, logFile, pidFile);
  const stop = () => server.stop(stopTimeoutMs);
  try {
    await waitUntilReady(server, uri, startTimeoutMs, { dataDir, logFile, boltPort, debugLogOffset });
  } catch (error) {
    await stop();
    throw error;
  }
  progress(`Neo4j ready on ${uri} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { uri, boltPort, pid: server.pid, logFile, instanceDir, exited: server.exited, stop };
}
