/**
 * Starts Neo4j servers of its own (not the shared one of global-setup.ts) on free ports and
 * temporary data folders. Each start takes about 10–20 s.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { REPO_ROOT } from '../../src/config';
import { LocalNeo4j, startLocalNeo4j } from '../../src/neo4j/local-neo4j';
import { buildJavaArgs, buildNeo4jConf, instanceDirFor } from '../../src/neo4j/neo4j.conf';
import { LocalNeo4jError } from '../../src/neo4j/neo4j.errors';
import { ensureNeo4jJars, javaExecutable } from '../../src/neo4j/neo4j.jars';
import { formatPidRecord } from '../../src/neo4j/neo4j.process';

jest.setTimeout(240_000);

const homeDir = path.join(REPO_ROOT, '.neo4j');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'local-neo4j-test-'));
const started: LocalNeo4j[] = [];

function start(dataDir: string, extra: { boltPort?: number } = {}): Promise<LocalNeo4j> {
  return startLocalNeo4j({ homeDir, dataDir, heapMb: 512, pageCacheMb: 64, ...extra }).then((server) => {
    started.push(server);
    return server;
  });
}

/** A process is gone when /proc has no command line for it (missing, or a zombie). */
function isRunning(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') !== '';
  } catch {
    return false;
  }
}

/** Pids of Neo4j servers whose command line names this instance folder. */
function serversOf(instanceDir: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`--home-dir=${instanceDir}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function returnOne(uri: string): Promise<number> {
  const driver = neo4j.driver(uri);
  try {
    const { records } = await driver.executeQuery('RETURN 1 AS one');
    return records[0].get('one').toNumber();
  } finally {
    await driver.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<LocalNeo4jError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LocalNeo4jError);
    return error as LocalNeo4jError;
  }
  throw new Error('expected a LocalNeo4jError');
}

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  for (const server of started) fs.rmSync(server.instanceDir, { recursive: true, force: true });
  for (const name of fs.readdirSync(scratch))
    fs.rmSync(instanceDirFor(homeDir, path.join(scratch, name)), { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('startLocalNeo4j', () => {
  const dataDir = path.join(scratch, 'basic');

  it('starts a server on a free port that answers Cypher, and stop() ends the process', async () => {
    const server = await start(dataDir);
    expect(server.uri).toBe(`bolt://127.0.0.1:${server.boltPort}`);
    expect(server.boltPort).toBeGreaterThan(0);
    expect(await returnOne(server.uri)).toBe(1);
    expect(fs.readFileSync(path.join(dataDir, 'local-neo4j.pid'), 'utf8')).toBe(
      formatPidRecord({ pid: server.pid, parent: process.pid }),
    );

    await server.stop();
    expect(isRunning(server.pid)).toBe(false);
    expect(() => process.kill(server.pid, 0)).toThrow();
    await expect(server.exited).resolves.toBeDefined();
    expect(fs.existsSync(path.join(dataDir, 'local-neo4j.pid'))).toBe(false);
    await server.stop(); // idempotent
  });

  it('refuses a port that is already taken, naming it and the fix', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const error = await rejection(start(path.join(scratch, 'port'), { boltPort: port }));
      expect(error.code).toBe('PORT_IN_USE');
      expect(error.message).toContain(String(port));
      expect(error.fix).toContain('NEO4J_BOLT_PORT');
    } finally {
      holder.close();
    }
  });

  it('fails with START_FAILED, not a hang, when the store files are damaged', async () => {
    // The database of the first test, stopped cleanly; overwrite its metadata store with garbage.
    const store = path.join(dataDir, 'databases', 'neo4j', 'neostore');
    expect(fs.existsSync(store)).toBe(true);
    fs.writeFileSync(store, Buffer.alloc(fs.statSync(store).size, 0x5a));

    // START_FAILED proves no hang: a start that waited out its deadline fails with START_TIMEOUT instead.
    const error = await rejection(start(dataDir));
    expect(error.code).toBe('START_FAILED');
    expect(error.fix).toContain(`delete ${dataDir} to reset the local database`);
    expect(serversOf(instanceDirFor(homeDir, dataDir))).toEqual([]);
  });
});

describe('a Neo4j left running by a killed parent', () => {
  const dataDir = path.join(scratch, 'orphan');

  /** Starts Neo4j through a shell that exits at once, as if its Node parent had been SIGKILLed. */
  async function startOrphan(): Promise<number> {
    const libDir = await ensureNeo4jJars(homeDir);
    const instanceDir = instanceDirFor(homeDir, dataDir);
    for (const dir of [dataDir, path.join(instanceDir, 'conf'), path.join(instanceDir, 'logs')])
      fs.mkdirSync(dir, { recursive: true });
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const { port } = holder.address() as net.AddressInfo;
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    fs.writeFileSync(
      path.join(instanceDir, 'conf', 'neo4j.conf'),
      buildNeo4jConf({ boltPort: port, dataDir, instanceDir, heapMb: 512, pageCacheMb: 64 }),
    );

    const shell = spawnSync(
      'sh',
      [
        '-c',
        '"$0" "$@" >/dev/null 2>&1 & echo $!',
        javaExecutable(),
        ...buildJavaArgs({ libDir, instanceDir, heapMb: 512 }),
      ],
      { encoding: 'utf8' },
    );
    const pid = Number(shell.stdout.trim());
    fs.writeFileSync(path.join(dataDir, 'local-neo4j.pid'), formatPidRecord({ pid, parent: shell.pid }));
    // Wait until it holds the store and the port, like a server that was running.
    for (let waited = 0; waited < 120_000 && !(await accepts(port)); waited += 500)
      await new Promise((r) => setTimeout(r, 500));
    return pid;
  }

  function accepts(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }

  it('is stopped by the next start on the same data folder', async () => {
    const orphan = await startOrphan();
    expect(isRunning(orphan)).toBe(true);

    const server = await start(dataDir);
    expect(isRunning(orphan)).toBe(false);
    expect(await returnOne(server.uri)).toBe(1);

    // A second start while this one (whose parent is alive) runs is refused, and leaves it running.
    const error = await rejection(start(dataDir));
    expect(error.code).toBe('ALREADY_RUNNING');
    expect(error.message).toContain(String(server.pid));
    expect(isRunning(server.pid)).toBe(true);

    await server.stop();
    expect(isRunning(server.pid)).toBe(false);
  });
});
