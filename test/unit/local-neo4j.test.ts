import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildJavaArgs, buildNeo4jConf, instanceDirFor } from '../../src/neo4j/neo4j.conf';
import {
  formatDownloadProgress,
  javaExecutable,
  parseJavaMajorVersion,
  parseMavenDownloadLine,
} from '../../src/neo4j/neo4j.jars';
import {
  debugLogErrors,
  formatPidRecord,
  isNeo4jServerCmdline,
  parsePidRecord,
  parseProcStatParentPid,
  startFailureError,
} from '../../src/neo4j/neo4j.process';

/** neo4j.conf text → key/value map; fails on a duplicate key. */
function parseConf(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    expect(settings.has(key)).toBe(false);
    settings.set(key, line.slice(eq + 1));
  }
  return settings;
}

describe('parseJavaMajorVersion', () => {
  it('reads a modern version string', () => {
    const output = [
      'openjdk version "17.0.15" 2025-04-15',
      'OpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)',
      'OpenJDK 64-Bit Server VM (build 17.0.15+6-Debian-1deb12u1, mixed mode, sharing)',
    ].join('\n');
    expect(parseJavaMajorVersion(output)).toBe(17);
  });

  it('reads the legacy 1.x scheme as its minor number', () => {
    expect(
      parseJavaMajorVersion('java version "1.8.0_392"\nJava(TM) SE Runtime Environment (build 1.8.0_392-b08)'),
    ).toBe(8);
  });

  it('reads versions without minor parts and early-access builds', () => {
    expect(parseJavaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajorVersion('openjdk version "25-ea" 2025-09-16')).toBe(25);
    expect(parseJavaMajorVersion('openjdk version "11.0.2" 2019-01-15')).toBe(11);
  });

  it('returns null when there is no version string', () => {
    expect(parseJavaMajorVersion('bash: java: command not found')).toBeNull();
    expect(parseJavaMajorVersion('')).toBeNull();
  });
});

describe('javaExecutable', () => {
  it('prefers JAVA_HOME/bin/java and falls back to java on PATH', () => {
    expect(javaExecutable({ JAVA_HOME: '/opt/jdk-17' })).toBe(path.join('/opt/jdk-17', 'bin', 'java'));
    expect(javaExecutable({})).toBe('java');
    expect(javaExecutable({ JAVA_HOME: '' })).toBe('java');
  });
});

describe('parseMavenDownloadLine', () => {
  const base = 'https://repo.maven.apache.org/maven2';

  it('reads finished downloads in B, kB and MB (decimal units, as Maven prints them)', () => {
    expect(
      parseMavenDownloadLine(
        `[INFO] Downloaded from central: ${base}/org/neo4j/neo4j-fabric-parent/5.26.30/neo4j-fabric-parent-5.26.30.pom (806 B at 4.0 kB/s)`,
      ),
    ).toEqual({
      url: `${base}/org/neo4j/neo4j-fabric-parent/5.26.30/neo4j-fabric-parent-5.26.30.pom`,
      bytes: 806,
    });
    expect(parseMavenDownloadLine(`[INFO] Downloaded from central: ${base}/a/b.pom (7.5 kB at 64 kB/s)`)?.bytes).toBe(
      7500,
    );
    expect(
      parseMavenDownloadLine(
        `Downloaded from central: ${base}/org/neo4j/neo4j-kernel/5.26.30/neo4j-kernel-5.26.30.jar (12.3 MB at 5.1 MB/s)`,
      )?.bytes,
    ).toBe(12_300_000);
  });

  it('accepts a decimal comma', () => {
    expect(parseMavenDownloadLine(`[INFO] Downloaded from central: ${base}/x.jar (1,5 MB at 2,0 MB/s)`)?.bytes).toBe(
      1_500_000,
    );
  });

  it('ignores every other line', () => {
    expect(
      parseMavenDownloadLine(`[INFO] Downloading from central: ${base}/org/neo4j/neo4j/5.26.30/neo4j-5.26.30.pom`),
    ).toBeNull();
    expect(parseMavenDownloadLine('[INFO] BUILD SUCCESS')).toBeNull();
    expect(parseMavenDownloadLine('[ERROR] Failed to execute goal')).toBeNull();
  });

  it('formats the periodic summary', () => {
    expect(formatDownloadProgress(1, 806)).toBe('fetched 1 file, 0.0 MB');
    expect(formatDownloadProgress(213, 123_456_789)).toBe('fetched 213 files, 123.5 MB');
  });
});

describe('ensureNeo4jJars', () => {
  it('refuses with POM_MISSING and its hint when the repository root has no neo4j/pom.xml, before running Maven', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'no-pom-'));
    try {
      let ensureNeo4jJars!: typeof import('../../src/neo4j/neo4j.jars').ensureNeo4jJars;
      jest.isolateModules(() => {
        jest.doMock('../../src/config', () => ({ REPO_ROOT: root }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside jest.isolateModules, after the mock
        ({ ensureNeo4jJars } = require('../../src/neo4j/neo4j.jars') as typeof import('../../src/neo4j/neo4j.jars'));
      });
      const homeDir = path.join(root, '.neo4j');
      await expect(ensureNeo4jJars(homeDir)).rejects.toMatchObject({
        name: 'LocalNeo4jError',
        code: 'POM_MISSING',
        message: `No neo4j/pom.xml found in ${root}.`,
        fix: 'Run this from a checkout of the repository.',
      });
      expect(fs.existsSync(homeDir)).toBe(false);
    } finally {
      jest.dontMock('../../src/config');
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('buildNeo4jConf', () => {
  const input = {
    boltPort: 17687,
    dataDir: '/srv/data',
    instanceDir: '/repo/.neo4j/instances/data-1234abcd',
    heapMb: 768,
    pageCacheMb: 128,
  };
  const conf = parseConf(buildNeo4jConf(input));

  it('listens on loopback only, Bolt on the given port, without HTTP', () => {
    expect(conf.get('server.default_listen_address')).toBe('127.0.0.1');
    expect(conf.get('server.bolt.listen_address')).toBe('127.0.0.1:17687');
    expect(conf.get('server.http.enabled')).toBe('false');
    expect(conf.get('server.https.enabled')).toBe('false');
  });

  it('turns authentication and the usage report off', () => {
    expect(conf.get('dbms.security.auth_enabled')).toBe('false');
    expect(conf.get('dbms.usage_report.enabled')).toBe('false');
  });

  it('bounds memory with the 5.x setting names', () => {
    expect(conf.get('server.memory.heap.max_size')).toBe('768m');
    expect(conf.get('server.memory.heap.initial_size')).toBe('768m');
    expect(conf.get('server.memory.pagecache.size')).toBe('128m');
    expect(conf.get('db.tx_state.memory_allocation')).toBe('OFF_HEAP');
    expect([...conf.keys()].filter((key) => key.startsWith('dbms.memory.'))).toEqual([]);
    expect(conf.get('db.transaction.timeout')).toMatch(/^\d+s$/);
  });

  it('puts the database in dataDir and everything else in the instance folder', () => {
    expect(conf.get('server.directories.data')).toBe('/srv/data');
    expect(conf.get('server.directories.transaction.logs.root')).toBe(path.join('/srv/data', 'transactions'));
    for (const name of ['logs', 'run', 'import', 'plugins']) {
      expect(conf.get(`server.directories.${name}`)).toBe(path.join(input.instanceDir, name));
    }
  });
});

describe('buildJavaArgs', () => {
  const args = buildJavaArgs({
    libDir: '/repo/.neo4j/lib',
    instanceDir: '/repo/.neo4j/instances/data-1234abcd',
    heapMb: 1024,
  });

  it('opens the JDK modules Neo4j needs, as its own launcher does', () => {
    for (const module of [
      'java.base/java.nio',
      'java.base/java.io',
      'java.base/sun.nio.ch',
      'java.base/java.util.concurrent',
    ]) {
      expect(args).toContain(`--add-opens=${module}=ALL-UNNAMED`);
    }
    expect(args).toContain('--enable-native-access=ALL-UNNAMED');
  });

  it("sizes the heap at its full size from the start, with the collector flags of Neo4j's launcher, and puts every jar of lib on the class path", () => {
    expect(args).toContain('-Xmx1024m');
    expect(args).toContain('-Xms1024m');
    expect(args).toEqual(expect.arrayContaining(['-XX:+UseG1GC', '-XX:+AlwaysPreTouch', '-XX:+DisableExplicitGC']));
    expect(args[args.indexOf('-cp') + 1]).toBe(path.join('/repo/.neo4j/lib', '*'));
  });

  it('runs the community entry point in the foreground with the instance configuration', () => {
    const entry = args.indexOf('org.neo4j.server.CommunityEntryPoint');
    expect(entry).toBeGreaterThan(args.indexOf('-cp'));
    expect(args.slice(entry + 1)).toEqual([
      '--home-dir=/repo/.neo4j/instances/data-1234abcd',
      '--config-dir=/repo/.neo4j/instances/data-1234abcd/conf',
      '--console-mode',
    ]);
  });

  it('never starts the heap above its maximum', () => {
    expect(buildJavaArgs({ libDir: '/l', instanceDir: '/i', heapMb: 256 })).toEqual(
      expect.arrayContaining(['-Xms256m', '-Xmx256m']),
    );
  });
});

describe('instanceDirFor', () => {
  it('is stable per data folder, distinct across folders, and under <home>/instances', () => {
    const a = instanceDirFor('/repo/.neo4j', '/tmp/x/data');
    expect(a).toBe(instanceDirFor('/repo/.neo4j/', '/tmp/x/./data'));
    expect(a).not.toBe(instanceDirFor('/repo/.neo4j', '/tmp/y/data'));
    expect(path.dirname(a)).toBe('/repo/.neo4j/instances');
    expect(path.basename(a)).toMatch(/^data-[0-9a-f]{8}$/);
  });
});

describe('stale-process helpers', () => {
  it('recognises a Neo4j server command line only', () => {
    expect(
      isNeo4jServerCmdline(
        ['java', '-cp', '/l/*', 'org.neo4j.server.CommunityEntryPoint', '--console-mode', ''].join('\0'),
      ),
    ).toBe(true);
    expect(isNeo4jServerCmdline(['node', 'dist/src/index.js', ''].join('\0'))).toBe(false);
    expect(isNeo4jServerCmdline('')).toBe(false);
  });

  it('reads the parent pid even when the command name holds spaces and parentheses', () => {
    expect(parseProcStatParentPid('4242 (java) S 4200 4242 4200 0 -1 4194560')).toBe(4200);
    expect(parseProcStatParentPid('4242 (my (odd) name) S 1 4242 4200 0 -1')).toBe(1);
    expect(parseProcStatParentPid('')).toBeNull();
  });

  it('round-trips the pid file and rejects anything else', () => {
    expect(parsePidRecord(formatPidRecord({ pid: 4242, parent: 4200 }))).toEqual({ pid: 4242, parent: 4200 });
    expect(parsePidRecord('4242\n')).toBeNull();
    expect(parsePidRecord('garbage')).toBeNull();
  });
});

describe('startFailureError', () => {
  const ctx = {
    dataDir: '/srv/data',
    logFile: '/repo/.neo4j/instances/data-1234abcd/logs/console.log',
    boltPort: 17687,
  };

  it('names a locked store and how to free it', () => {
    const error = startFailureError(
      'Neo4j exited (exit code 1) during start-up.',
      'Caused by: org.neo4j.io.locker.FileLockException: Lock file has been locked by another process: /srv/data/databases/store_lock.',
      ctx,
    );
    expect(error.code).toBe('START_FAILED');
    expect(error.message).toContain('locked by another process');
    expect(error.fix).toContain('/srv/data');
  });

  it('reports a port taken between the check and the bind as PORT_IN_USE', () => {
    const error = startFailureError(
      'Neo4j exited (exit code 1) during start-up.',
      'java.net.BindException: Address already in use',
      ctx,
    );
    expect(error.code).toBe('PORT_IN_USE');
    expect(error.message).toContain('17687');
    expect(error.fix).toContain('NEO4J_BOLT_PORT');
  });

  it('offers the reset of the data folder for anything else', () => {
    const error = startFailureError(
      'Neo4j started but its default database did not: Unable to start `DatabaseId{f6803d59[neo4j]}`.',
      'Failed to read current store version.',
      ctx,
    );
    expect(error.code).toBe('START_FAILED');
    expect(error.message).toContain('Failed to read current store version.');
    expect(error.fix).toContain('delete /srv/data to reset the local database');
  });
});

describe('debugLogErrors', () => {
  it('keeps the ERROR and Caused by lines, newest last', () => {
    const log = [
      '2026-11-27 07:15:22.343+0000 WARN  [o.n.k.d.Database] Exception occurred while starting the database.',
      '\tat org.neo4j.Foo.bar(Foo.java:1)',
      'Caused by: java.lang.IllegalStateException: Failed to load data from legacy metadata store',
      '2026-11-27 07:15:22.345+0000 ERROR [o.n.d.d.DatabaseLifecycles] Failed to start DatabaseId{f6803d59[neo4j]}',
      '2026-11-27 07:15:22.401+0000 INFO  Started.',
    ].join('\n');
    expect(debugLogErrors(log)).toEqual([
      'Caused by: java.lang.IllegalStateException: Failed to load data from legacy metadata store',
      '2026-11-27 07:15:22.345+0000 ERROR [o.n.d.d.DatabaseLifecycles] Failed to start DatabaseId{f6803d59[neo4j]}',
    ]);
    expect(debugLogErrors(log, 1)).toHaveLength(1);
  });
});
