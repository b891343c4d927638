/**
 * A local Neo4j 5.26 Community server without Docker: the jars come from Maven Central once
 * (neo4j/pom.xml), then `java -cp '<lib>/*' org.neo4j.server.CommunityEntryPoint` runs on a
 * loopback Bolt port with authentication off. Linux first (stale-process detection reads /proc).
 *
 * Layout: <homeDir>/lib holds the jars; <homeDir>/instances/<name>-<hash>/ holds the generated
 * conf/, logs/ (console.log = Java stdout and stderr), run/, import/ and plugins/ of one data
 * folder; <dataDir> holds the databases, the transaction logs and local-neo4j.pid.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as readline from 'node:readline';
import neo4j from 'neo4j-driver';

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

export interface Neo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type LocalNeo4jErrorCode =
  | 'JAVA_MISSING'
  | 'JAVA_TOO_OLD'
  | 'MAVEN_MISSING'
  | 'POM_MISSING'
  | 'DOWNLOAD_FAILED'
  | 'PORT_IN_USE'
  | 'ALREADY_RUNNING'
  | 'START_TIMEOUT'
  | 'START_FAILED';

/** Every failure of this module: what went wrong (message) and what the user can do about it (fix). */
export class LocalNeo4jError extends Error {
  constructor(
    readonly code: LocalNeo4jErrorCode,
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

export const MIN_JAVA_VERSION = 17;
/** Java versions Neo4j 5.26 is released for. */
const SUPPORTED_JAVA_VERSIONS = [17, 21];
const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies';
const COMPLETE_MARKER = '.fetch-complete';
const PID_FILE = 'local-neo4j.pid';
const PROGRESS_INTERVAL_MS = 5000;
const LOG_TAIL_LINES = 40;

// ---------------------------------------------------------------------------------------------
// Pure parts
// ---------------------------------------------------------------------------------------------

/** Major version from `java -version` output: "17.0.15" → 17, "1.8.0_392" → 8, "21" → 21; null if none is found. */
export function parseJavaMajorVersion(output: string): number | null {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!match) return null;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

export interface MavenDownload {
  url: string;
  bytes: number;
}

const SIZE_UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/** One finished download from a Maven "Downloaded from <repo>: <url> (<size> <unit> at …)" line; null for any other line. */
export function parseMavenDownloadLine(line: string): MavenDownload | null {
  const match = /Downloaded from [^:]+: (\S+) \(([\d.,]+) (B|kB|KB|MB|GB)\b/.exec(line);
  if (!match) return null;
  const size = Number(match[2].replace(',', '.'));
  return { url: match[1], bytes: Math.round(size * SIZE_UNITS[match[3]]) };
}

/** "fetched 12 files, 3.4 MB" — the periodic progress message of a first download. */
export function formatDownloadProgress(files: number, bytes: number): string {
  return `fetched ${files} ${files === 1 ? 'file' : 'files'}, ${(bytes / 1e6).toFixed(1)} MB`;
}

export interface Neo4jConfInput {
  boltPort: number;
  dataDir: string;
  instanceDir: string;
  heapMb: number;
  pageCacheMb: number;
}

/** neo4j.conf (5.x names) for a local server: Bolt on 127.0.0.1 only, no HTTP, no authentication, no usage report, bounded memory. */
export function buildNeo4jConf(input: Neo4jConfInput): string {
  const dir = (name: string) => path.join(input.instanceDir, name);
  const settings: Array<[string, string]> = [
    ['server.default_listen_address', '127.0.0.1'],
    ['server.bolt.enabled', 'true'],
    ['server.bolt.listen_address', `127.0.0.1:${input.boltPort}`],
    ['server.bolt.advertised_address', `127.0.0.1:${input.boltPort}`],
    ['server.http.enabled', 'false'],
    ['server.https.enabled', 'false'],
    // Loopback only, for development and tests.
    ['dbms.security.auth_enabled', 'false'],
    ['dbms.usage_report.enabled', 'false'],
    ['server.memory.heap.initial_size', `${input.heapMb}m`],
    ['server.memory.heap.max_size', `${input.heapMb}m`],
    ['server.memory.pagecache.size', `${input.pageCacheMb}m`],
    // A write's uncommitted state off the Java heap: a batch of registry records (thousands of
    // nodes) then costs the garbage collector little, and reads running beside it fewer pauses.
    ['db.tx_state.memory_allocation', 'OFF_HEAP'],
    // A safety net against runaway queries; application reads set their own, shorter timeouts.
    ['db.transaction.timeout', '300s'],
    // Saves 2 × 256 MB of preallocated transaction log per data folder.
    ['db.tx_log.preallocate', 'false'],
    // Netty's graceful-shutdown quiet period (default 5 s, spent twice): a local server stops in
    // about a second without it. An internal setting of 5.26; strict validation flags it if it goes.
    ['internal.dbms.bolt.netty_server_shutdown_quiet_period', '0'],
    ['server.directories.data', input.dataDir],
    ['server.directories.transaction.logs.root', path.join(input.dataDir, 'transactions')],
    ['server.directories.logs', dir('logs')],
    ['server.directories.run', dir('run')],
    ['server.directories.import', dir('import')],
    ['server.directories.plugins', dir('plugins')],
  ];
  const lines = settings.map(([key, value]) => `${key}=${value}`);
  return `# Generated by src/neo4j/local-neo4j.ts at each start; edits are overwritten.\n${lines.join('\n')}\n`;
}

export interface JavaArgsInput {
  libDir: string;
  instanceDir: string;
  heapMb: number;
}

/** Java arguments (without the java executable) that start the server as Neo4j's own launcher does, in the foreground. */
export function buildJavaArgs(input: JavaArgsInput): string[] {
  return [
    // The heap at its full size from the start, as Neo4j recommends (no resizing, no full
    // collection on the way up), and the garbage-collector flags of Neo4j's own launcher.
    `-Xms${input.heapMb}m`,
    `-Xmx${input.heapMb}m`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+AlwaysPreTouch',
    '-XX:+UnlockExperimentalVMOptions',
    '-XX:+TrustFinalNonStaticFields',
    '-XX:+DisableExplicitGC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dlog4j2.disable.jmx=true',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
    '--enable-native-access=ALL-UNNAMED',
    '-cp',
    // Expanded by Java itself, not by a shell.
    `${input.libDir}${path.sep}*`,
    ENTRY_POINT,
    `--home-dir=${input.instanceDir}`,
    `--config-dir=${path.join(input.instanceDir, 'conf')}`,
    '--console-mode',
  ];
}


/** The per-data-folder instance directory: <homeDir>/instances/<dataDir name>-<8 hex of its absolute path>. */
export function instanceDirFor(homeDir: string, dataDir: string): string {
  const absolute = path.resolve(dataDir);
  const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 8);
  return path.join(path.resolve(homeDir), 'instances', `${path.basename(absolute)}-${hash}`);
}

/** True when a /proc/<pid>/cmdline (NUL-separated) is a Neo4j Community server. */
export function isNeo4jServerCmdline(cmdline: string): boolean {
  return cmdline.split('\0').includes(ENTRY_POINT);
}

/** The parent pid from a /proc/<pid>/stat line ("pid (comm) state ppid …"; comm may hold spaces and parentheses). */
export function parseProcStatParentPid(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
}

export interface PidRecord {
  /** The Java process. */
  pid: number;
  /** The Node process that started it. */
  parent: number;
}

/** Text of the pid file written to <dataDir>/local-neo4j.pid. */
export function formatPidRecord(record: PidRecord): string {
  return `${record.pid} ${record.parent}\n`;
}

/** Reads formatPidRecord's text; null for anything else. */
export function parsePidRecord(text: string): PidRecord | null {
  const match = /^(\d+) (\d+)\s*$/.exec(text);
  return match ? { pid: Number(match[1]), parent: Number(match[2]) } : null;
}

/**
 * Turns a failed start-up into an error with a fix. `headline` says what happened ("Neo4j exited
 * (exit code 1) during start-up"); `logExcerpt` is the console tail plus debug.log errors.
 */
export function startFailureError(headline: string, logExcerpt: string, ctx: { dataDir: string; logFile: string; boltPort: number }): LocalNeo4jError {
  const message = `${headline}\n${logExcerpt}`;
  if (/Address already in use|BindException/i.test(logExcerpt)) {
    return portInUseError(ctx.boltPort, `\n${message}`);
  }
  const logsDir = path.dirname(ctx.logFile);
  if (/StoreLockException|FileLockException|Lock file has been locked|is locked by another/i.test(logExcerpt)) {
    return new LocalNeo4jError(
      'START_FAILED',
      `${headline}: the database files in ${ctx.dataDir} are locked by another process.\n${logExcerpt}`,
      `Stop the other Neo4j using ${ctx.dataDir} (ps -ef | grep CommunityEntryPoint), or use another data folder.`,
    );
  }
  return new LocalNeo4jError(
    'START_FAILED',
    message,
    `Read ${logsDir}/console.log and debug.log. If the database files are damaged, delete ${ctx.dataDir} to reset the local database (its data is lost; seed it again).`,
  );
}

/** The ERROR and "Caused by" lines of a Neo4j debug.log (at most `max`, newest last); empty when there are none. */
export function debugLogErrors(debugLog: string, max = 10): string[] {
  return debugLog
    .split('\n')
    .filter((line) => / ERROR /.test(line) || line.startsWith('Caused by:'))
    .slice(-max);
}

function portInUseError(port: number, details = ''): LocalNeo4jError {
  return new LocalNeo4jError(
    'PORT_IN_USE',
    `Bolt port ${port} on 127.0.0.1 is already in use.${details}`,
    `Free port ${port} (see who holds it: ss -ltnp 'sport = :${port}'), or choose another port with NEO4J_BOLT_PORT=<port>.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Prerequisites and jars
// ---------------------------------------------------------------------------------------------

/** The java executable to use: $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` from PATH. */
export function javaExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Returns the java executable and its major version, or throws JAVA_MISSING / JAVA_TOO_OLD. */
export function checkJava(): { java: string; major: number } {
  const java = javaExecutable();
  const installHint = `Install a JDK ${SUPPORTED_JAVA_VERSIONS.join(' or ')} (Debian/Ubuntu: apt-get install openjdk-17-jre-headless)`;
  const fix = process.env.JAVA_HOME
    ? `JAVA_HOME=${process.env.JAVA_HOME} has no working bin/java: point JAVA_HOME at a JDK ${SUPPORTED_JAVA_VERSIONS.join(' or ')}, or unset it to use java from PATH.`
    : `${installHint}, or set JAVA_HOME to one.`;
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new LocalNeo4jError('JAVA_MISSING', `Cannot run ${java}: ${result.error.message}`, fix);
  }
  const major = parseJavaMajorVersion(`${result.stderr}\n${result.stdout}`);
  if (major === null) {
    throw new LocalNeo4jError('JAVA_MISSING', `Cannot read the version printed by ${java} -version:\n${result.stderr}`, fix);
  }
  if (major < MIN_JAVA_VERSION) {
    throw new LocalNeo4jError(
      'JAVA_TOO_OLD',
      `Neo4j 5.26 needs Java ${MIN_JAVA_VERSION} or newer; ${java} is Java ${major}.`,
      `${installHint}, and set JAVA_HOME to it.`,
    );
  }
  return { java, major };
}

function checkMaven(): void {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalNeo4jError(
      'MAVEN_MISSING',
      `Cannot run mvn (Maven fetches the Neo4j jars once): ${result.error?.message ?? result.stderr}`,
      'Install Maven 3.6 or newer (Debian/Ubuntu: apt-get install maven) and make sure `mvn` is on PATH.',
    );
  }
}

/** The folder holding package.json and neo4j/pom.xml, walking up from `start`. */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'neo4j', 'pom.xml'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new LocalNeo4jError('POM_MISSING', `No neo4j/pom.xml found above ${start}.`, 'Run this from a checkout of the repository.');
    }
  }
}

/**
 * Guarantees that <homeDir>/lib holds the complete jar set of neo4j/pom.xml and returns its path.
 * Maven runs only when the folder lacks the marker written after a successful copy (or the pom
 * changed since); the copy goes to a temporary folder renamed into place, so an interrupted fetch
 * is redone and never used. Throws MAVEN_MISSING or DOWNLOAD_FAILED.
 */
export async function ensureNeo4jJars(homeDir: string, onProgress: (message: string) => void = () => {}): Promise<string> {
  const libDir = path.join(path.resolve(homeDir), 'lib');
  const pom = path.join(findRepoRoot(), 'neo4j', 'pom.xml');
  const stamp = createHash('sha256').update(fs.readFileSync(pom)).digest('hex');
  if (readMarker(libDir) === stamp) return libDir;

  checkMaven();
  removeAbandonedCopies(libDir);
  const partial = `${libDir}.partial-${process.pid}`;
  fs.mkdirSync(partial, { recursive: true });
  onProgress(`Fetching the Neo4j jars with Maven into ${libDir} (first run only: about 150 MB from Maven Central, 1–2 minutes)…`);
  const started = Date.now();
  try {
    await copyDependencies(pom, partial, onProgress);
    const jars = fs.readdirSync(partial).filter((name) => name.endsWith('.jar'));
    if (jars.length === 0) {
      throw new LocalNeo4jError('DOWNLOAD_FAILED', `Maven succeeded but copied no jars into ${partial}.`, `Check ${pom}.`);
    }
    fs.writeFileSync(path.join(partial, COMPLETE_MARKER), stamp);
    moveIntoPlace(partial, libDir, stamp);
    onProgress(`Neo4j jars ready: ${jars.length} jars in ${libDir} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
    return libDir;
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

function readMarker(libDir: string): string | null {
  try {
    return fs.readFileSync(path.join(libDir, COMPLETE_MARKER), 'utf8').trim();
  } catch {
    return null;
  }
}

/** Deletes <lib>.partial-<pid> folders of fetches whose process is gone (killed mid-download). */
function removeAbandonedCopies(libDir: string): void {
  const prefix = `${path.basename(libDir)}.partial-`;
  for (const name of fs.existsSync(path.dirname(libDir)) ? fs.readdirSync(path.dirname(libDir)) : []) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && (pid === process.pid || !isAlive(pid))) {
      fs.rmSync(path.join(path.dirname(libDir), name), { recursive: true, force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function moveIntoPlace(partial: string, libDir: string, stamp: string): void {
  fs.rmSync(libDir, { recursive: true, force: true });
  try {
    fs.renameSync(partial, libDir);
  } catch (error) {
    // Another process finished the same fetch first: use its copy.
    if (readMarker(libDir) !== stamp) throw error;
  }
}

async function copyDependencies(pom: string, outputDir: string, onProgress: (message: string) => void): Promise<void> {
  const args = ['-B', '-f', pom, DEPENDENCY_PLUGIN, '-DincludeScope=runtime', `-DoutputDirectory=${outputDir}`];
  const maven = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  let artifacts = 0;
  let bytes = 0;
  let lastReport = Date.now();
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > 200) recent.shift();
    const download = parseMavenDownloadLine(line);
    if (!download) return;
    artifacts += 1;
    bytes += download.bytes;
    if (Date.now() - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = Date.now();
      onProgress(formatDownloadProgress(artifacts, bytes));
    }
  };
  readline.createInterface({ input: maven.stdout }).on('line', onLine);
  readline.createInterface({ input: maven.stderr }).on('line', onLine);
  const code = await new Promise<number | null>((resolve, reject) => {
    maven.once('error', reject);
    maven.once('close', resolve);
  });
  if (artifacts > 0) onProgress(formatDownloadProgress(artifacts, bytes));
  if (code !== 0) {
    const errors = recent.filter((line) => /^\[ERROR\] (?!\s*$|To see|Re-run|For more|\[Help)/.test(line));
    const shown = (errors.length > 0 ? errors : recent).slice(-LOG_TAIL_LINES).join('\n');
    throw new LocalNeo4jError(
      'DOWNLOAD_FAILED',
      `Maven exited with code ${code} while fetching the Neo4j jars:\n${shown}`,
      'Check access to Maven Central (https://repo.maven.apache.org) or configure a mirror in ~/.m2/settings.xml, then run `npm run neo4j:fetch` again.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

/**
 * Starts a Neo4j server on `dataDir` and resolves once Bolt answers and the default database runs
 * a query. Fetches the jars first if needed. A Neo4j left running on the same data folder by a
 * killed parent is stopped first (pid file + /proc); one whose parent still runs is an
 * ALREADY_RUNNING error. The Java process gets SIGTERM when this Node process exits (not when it
 * is SIGKILLed: the next start cleans up). Throws LocalNeo4jError (JAVA_MISSING, JAVA_TOO_OLD,
 * MAVEN_MISSING, DOWNLOAD_FAILED, ALREADY_RUNNING, PORT_IN_USE, START_TIMEOUT, START_FAILED);
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
    progress(`Warning: Neo4j 5.26 is released for Java ${SUPPORTED_JAVA_VERSIONS.join(' and ')}; ${java} is Java ${major}.`);
  }
  const libDir = await ensureNeo4jJars(opts.homeDir, progress);

  const dataDir = path.resolve(opts.dataDir);
  const instanceDir = instanceDirFor(opts.homeDir, dataDir);
  const pidFile = path.join(dataDir, PID_FILE);
  await stopStaleNeo4j(pidFile, dataDir, stopTimeoutMs, progress);
  if (opts.resetData) fs.rmSync(dataDir, { recursive: true, force: true });
  for (const dir of [dataDir, ...['conf', 'logs', 'run', 'import', 'plugins'].map((name) => path.join(instanceDir, name))]) {
    fs.mkdirSync(dir, { recursive: true });
  }

  const boltPort = opts.boltPort ? await requireFreePort(opts.boltPort) : await pickFreePort();
  fs.writeFileSync(path.join(instanceDir, 'conf', 'neo4j.conf'), buildNeo4jConf({ boltPort, dataDir, instanceDir, heapMb, pageCacheMb }));
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

interface RunningServer {
  pid: number;
  exited: Promise<Neo4jExit>;
  exit: Neo4jExit | null;
  stop(timeoutMs: number): Promise<void>;
}

function spawnNeo4j(java: string, args: string[], cwd: string, logFile: string, pidFile: string): RunningServer {
  const fd = fs.openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(java, args, { cwd, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  child.once('error', () => {
    /* a failed spawn shows as a missing pid below, a later failure through 'exit' and the log */
  });
  if (child.pid === undefined) {
    throw new LocalNeo4jError('START_FAILED', `Could not start ${java}.`, 'Check the Java installation (java -version).');
  }
  const pid = child.pid;
  fs.writeFileSync(pidFile, formatPidRecord({ pid, parent: process.pid }));
  // Synchronous: 'exit' handlers cannot wait. Neo4j shuts down cleanly on SIGTERM by itself.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);

  const server: RunningServer = {
    pid,
    exit: null,
    exited: new Promise<Neo4jExit>((resolve) => {
      child.once('exit', (code, signal) => {
        server.exit = { code, signal };
        process.off('exit', killOnExit);
        if (readPidFile(pidFile)?.pid === pid) fs.rmSync(pidFile, { force: true });
        resolve(server.exit);
      });
    }),
    async stop(timeoutMs: number) {
      if (server.exit) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await server.exited;
      clearTimeout(timer);
    },
  };
  return server;
}

async function waitUntilReady(
  server: RunningServer,
  uri: string,
  timeoutMs: number,
  ctx: { dataDir: string; logFile: string; boltPort: number; debugLogOffset: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exit) {
      throw startFailureError(`Neo4j exited (${describeExit(server.exit)}) during start-up.`, logExcerpt(ctx.logFile, ctx.debugLogOffset), ctx);
    }
    if (Date.now() > deadline) {
      throw new LocalNeo4jError(
        'START_TIMEOUT',
        `Neo4j did not answer on ${uri} within ${timeoutMs / 1000} s.\n${logExcerpt(ctx.logFile, ctx.debugLogOffset)}`,
        `Read ${ctx.logFile}; on a slow machine allow more time (startTimeoutMs).`,
      );
    }
    if (await tcpAccepts(ctx.boltPort)) {
      const state = await defaultDatabaseState(uri);
      if (state.kind === 'online') return;
      if (state.kind === 'failed') {
        throw startFailureError(`Neo4j started but its default database did not: ${state.message.trim()}`, logExcerpt(ctx.logFile, ctx.debugLogOffset), ctx);
      }
    }
    await Promise.race([sleep(250), server.exited]);
  }
}

type DatabaseState = { kind: 'online' } | { kind: 'starting' } | { kind: 'failed'; message: string };

/**
 * Asks the server over Bolt whether its default database answers. Bolt opens only after the
 * databases have started, so a default database that does not answer then has failed; its
 * status message is read from the system database. 'starting' while Bolt does not answer yet.
 */
async function defaultDatabaseState(uri: string): Promise<DatabaseState> {
  const driver = neo4j.driver(uri, undefined, {
    connectionTimeout: 2000,
    connectionAcquisitionTimeout: 3000,
    maxTransactionRetryTime: 0,
  });
  const attempt = async (): Promise<DatabaseState> => {
    await driver.getServerInfo();
    try {
      await driver.executeQuery('RETURN 1');
      return { kind: 'online' };
    } catch (queryError) {
      const { records } = await driver.executeQuery(
        'SHOW DEFAULT DATABASE YIELD currentStatus, requestedStatus, statusMessage',
        {},
        { database: 'system' },
      );
      const status = records[0]?.toObject() ?? {};
      if (status.currentStatus === 'online' || status.currentStatus === 'starting') return { kind: 'starting' };
      return { kind: 'failed', message: String(status.statusMessage || (queryError as Error).message) };
    }
  };
  try {
    return await withTimeout(attempt(), 15_000, { kind: 'starting' });
  } catch {
    return { kind: 'starting' };
  } finally {
    await driver.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Ports, processes, files
// ---------------------------------------------------------------------------------------------

function requireFreePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? portInUseError(port) : new LocalNeo4jError('START_FAILED', `Cannot use port ${port}: ${error.message}`, 'Choose another port with NEO4J_BOLT_PORT=<port>.'));
    });
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(port)));
  });
}

/** A free TCP port on 127.0.0.1: nothing listens on it when this resolves. */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Handles the Neo4j recorded in <dataDir>/local-neo4j.pid: none or gone → nothing to do; still
 * running under the Node process that started it → ALREADY_RUNNING; orphaned (its parent was
 * killed) → SIGTERM, SIGKILL after timeoutMs. /proc guards against a reused pid.
 */
async function stopStaleNeo4j(pidFile: string, dataDir: string, timeoutMs: number, progress: (message: string) => void): Promise<void> {
  const record = readPidFile(pidFile);
  if (record && isRunningNeo4j(record.pid)) {
    if (parentPidOf(record.pid) === record.parent) {
      throw new LocalNeo4jError(
        'ALREADY_RUNNING',
        `A Neo4j (pid ${record.pid}, started by pid ${record.parent}) is already running on ${dataDir}.`,
        `Use that server, stop it (Ctrl-C where it runs, or kill ${record.pid}), or choose another data folder.`,
      );
    }
    progress(`Stopping a stale Neo4j (pid ${record.pid}) left running on ${dataDir} by a killed process…`);
    signal(record.pid, 'SIGTERM');
    if (!(await waitForExit(record.pid, timeoutMs))) {
      signal(record.pid, 'SIGKILL');
      await waitForExit(record.pid, 5000);
    }
  }
  fs.rmSync(pidFile, { force: true });
}

function isRunningNeo4j(pid: number): boolean {
  // A zombie has an empty command line, a reused pid another one.
  return isNeo4jServerCmdline(readProcFile(pid, 'cmdline'));
}

function parentPidOf(pid: number): number | null {
  return parseProcStatParentPid(readProcFile(pid, 'stat'));
}

function readProcFile(pid: number, name: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return '';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunningNeo4j(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    /* already gone */
  }
}

function readPidFile(pidFile: string): PidRecord | null {
  try {
    return parsePidRecord(fs.readFileSync(pidFile, 'utf8'));
  } catch {
    return null;
  }
}

/** The last lines of console.log, then the errors written to debug.log (next to it) after `debugLogOffset`. */
function logExcerpt(logFile: string, debugLogOffset: number): string {
  const read = (file: string, offset = 0) => {
    try {
      return fs.readFileSync(file).subarray(offset).toString('utf8');
    } catch {
      return '';
    }
  };
  const tail = read(logFile).trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
  const debugLog = path.join(path.dirname(logFile), 'debug.log');
  const errors = debugLogErrors(read(debugLog, debugLogOffset));
  const parts = [`--- last lines of ${logFile} ---\n${tail || '(empty)'}`];
  if (errors.length > 0) parts.push(`--- errors in ${debugLog} ---\n${errors.join('\n')}`);
  return parts.join('\n');
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function describeExit(exit: Neo4jExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
