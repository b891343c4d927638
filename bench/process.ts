// The child processes and ports of the benchmarks (bench/run.ts, bench/sync.ts).
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../src/config';
import { LocalNeo4j, startLocalNeo4j } from '../src/neo4j/local-neo4j';

/** `count` distinct free ports of 127.0.0.1 (held together while the system picks them), so that a run meets no other server. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Starts a Node.js child with `command` and `env`; resolves once its output matches `ready`, rejects if it exits first. */
export function start(command: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}: ${output.slice(-2000)}`)));
  });
}

/** The CPU time (user and system, seconds) a running process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses, in clock ticks (100 per second).
  const fields = fs
    .readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Runs a Node.js child with `command` and `env` to its end, handing each line of its stderr to
 * `onLine`; `cpuSeconds` is the CPU time it used, as last read while it ran (every half second).
 */
export function run(
  command: string[],
  env: Record<string, string>,
  onLine: (line: string) => void = () => undefined,
): Promise<{ code: number | null; stdout: string; stderr: string; cpuSeconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let used = 0;
    const sample = setInterval(() => {
      try {
        used = cpuSeconds(child.pid!);
      } catch {
        // Ended between two samples.
      }
    }, 500);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split(/[\r\n]+/)) if (line) onLine(line);
    });
    child.on('error', (error) => {
      clearInterval(sample);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(sample);
      resolve({ code, stdout, stderr, cpuSeconds: used });
    });
  });
}

/** Starts a Neo4j of a benchmark's own on its data folder, .data/`name`: fresh, unless `reset` is false. */
export function startBenchNeo4j(
  name: string,
  memory: { heapMb: number; pageCacheMb: number },
  log: (message: string) => void,
  { reset = true }: { reset?: boolean } = {},
): Promise<LocalNeo4j> {
  const dataDir = path.join(REPO_ROOT, '.data', name);
  log(`starting a Neo4j of its own on ${dataDir}${reset ? '' : ' (kept)'}`);
  return startLocalNeo4j({
    homeDir: loadConfig({}).neo4jHomeDir,
    dataDir,
    resetData: reset,
    boltPort: 0,
    ...memory,
    onProgress: log,
  });
}

/**
 * Node options of every server the benchmarks time (ours, the baseline, the floor, the peer), as
 * `npm start` and the Dockerfile run ours: V8's memory reducer off. With it on, a server idle for
 * some seconds has its heap shrunk and comes back slow: the study list at 8 connections answered
 * 1,080 requests/s, then 674 in the first 3 s after a 40 s pause (the floor 1,396, then 950); with
 * it off, 1,015 and 987. In a benchmark whose servers take turns, that charged each round's start
 * to whichever server had waited.
 */
export const SERVER_NODE_ARGS = ['--no-memory-reducer'];

/**
 * Starts our server (dist/src/index.js, in production mode, not seeding) on `port` over the Neo4j
 * at `neo4jUri`, `env` added: this checkout's, or that of another built checkout `root`, with
 * Node options `nodeArgs` (a CPU profile) after SERVER_NODE_ARGS, before the script.
 */
export function startOurServer(
  neo4jUri: string,
  port: number,
  env: Record<string, string> = {},
  { root = REPO_ROOT, nodeArgs = [] }: { root?: string; nodeArgs?: string[] } = {},
): Promise<ChildProcess> {
  return start(
    [...SERVER_NODE_ARGS, ...nodeArgs, path.join(root, 'dist/src/index.js')],
    {
      NEO4J_URI: neo4jUri,
      NEO4J_PASSWORD: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      ...env,
    },
    /ready at/,
  );
}
