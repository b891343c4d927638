/**
 * Running a local Neo4j: the Java process started in the foreground with its output in
 * console.log, a pid file beside the data, a stale server of a killed parent stopped first,
 * the wait until Bolt and the default database answer, and errors that quote the logs. Linux
 * first (stale-process detection reads /proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import neo4j from 'neo4j-driver';
import { ENTRY_POINT } from './neo4j.conf';
import { LocalNeo4jError, LOG_TAIL_LINES } from './neo4j.errors';

/** The pid file in a data folder: the Java process and the Node process that started it. */
export const PID_FILE = 'local-neo4j.pid';

// ---------------------------------------------------------------------------------------------
// Pid files and stale processes
// ---------------------------------------------------------------------------------------------

/**
 * Handles the Neo4j recorded in <dataDir>/local-neo4j.pid: none or gone → nothing to do; still
 * running under the Node process that started it → ALREADY_RUNNING; orphaned (its parent was
 * killed) → SIGTERM, SIGKILL after timeoutMs. /proc guards against a reused pid.
 */
export async function stopStaleNeo4j(
  pidFile: string,
  dataDir: string,
  timeoutMs: number,
  progress: (message: string) => void,
): Promise<void> {
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

/** True when a /proc/<pid>/cmdline (NUL-separated) is a Neo4j Community server. */
export function isNeo4jServerCmdline(cmdline: string): boolean {
  return cmdline.split('\0').includes(ENTRY_POINT);
}

function parentPidOf(pid: number): number | null {
  return parseProcStatParentPid(readProcFile(pid, 'stat'));
}

/** The parent pid from a /proc/<pid>/stat line ("pid (comm) state ppid …"; comm may hold spaces and parentheses). */
export function parseProcStatParentPid(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
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

function readPidFile(pidFile: string): PidRecord | null {
  try {
    return parsePidRecord(fs.readFileSync(pidFile, 'utf8'));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------

/** `port` itself when it is free on 127.0.0.1; PORT_IN_USE (or START_FAILED) otherwise. */
export function requireFreePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? portInUseError(port)
          : new LocalNeo4jError(
              'START_FAILED',
              `Cannot use port ${port}: ${error.message}`,
              'Choose another port with NEO4J_BOLT_PORT=<port>.',
            ),
      );
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

function portInUseError(port: number, details = ''): LocalNeo4jError {
  return new LocalNeo4jError(
    'PORT_IN_USE',
    `Bolt port ${port} on 127.0.0.1 is already in use.${details}`,
    `Free port ${port} (see who holds it: ss -ltnp 'sport = :${port}'), or choose another port with NEO4J_BOLT_PORT=<port>.`,
  );
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

// ---------------------------------------------------------------------------------------------
// Spawning and waiting until ready
// ---------------------------------------------------------------------------------------------

/** How the Java process ended. */
export interface Neo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The spawned Java process: its exit once known, and a stop that escalates to SIGKILL after `timeoutMs`. */
export interface RunningServer {
  pid: number;
  exited: Promise<Neo4jExit>;
  exit: Neo4jExit | null;
  stop(timeoutMs: number): Promise<void>;
}

/** Starts Java with its stdout and stderr in `logFile`, writes the pid file, and ends the process when this Node process exits. */
export function spawnNeo4j(java: string, args: string[], cwd: string, logFile: string, pidFile: string): RunningServer {
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
    throw new LocalNeo4jError(
      'START_FAILED',
      `Could not start ${java}.`,
      'Check the Java installation (java -version).',
    );
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

/** Resolves once Bolt accepts and the default database answers; START_FAILED (or PORT_IN_USE) if the process exits or the database fails, START_TIMEOUT past `timeoutMs`. */
export async function waitUntilReady(
  server: RunningServer,
  uri: string,
  timeoutMs: number,
  ctx: { dataDir: string; logFile: string; boltPort: number; debugLogOffset: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exit) {
      throw startFailureError(
        `Neo4j exited (${describeExit(server.exit)}) during start-up.`,
        logExcerpt(ctx.logFile, ctx.debugLogOffset),
        ctx,
      );
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
        throw startFailureError(
          `Neo4j started but its default database did not: ${state.message.trim()}`,
          logExcerpt(ctx.logFile, ctx.debugLogOffset),
          ctx,
        );
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
// Start-up failures and log excerpts
// ---------------------------------------------------------------------------------------------

/**
 * Turns a failed start-up into an error with a fix. `headline` says what happened ("Neo4j exited
 * (exit code 1) during start-up"); `logExcerpt` is the console tail plus debug.log errors.
 */
export function startFailureError(
  headline: string,
  logExcerpt: string,
  ctx: { dataDir: string; logFile: string; boltPort: number },
): LocalNeo4jError {
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

/** The size of `file` in bytes; 0 when it does not exist. */
export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function describeExit(exit: Neo4jExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

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
