/**
 * The prerequisites and the jars of the local Neo4j: a Java that Neo4j 5.26 runs on, and the
 * complete jar set of neo4j/pom.xml, fetched from Maven Central once into <homeDir>/lib (with
 * progress) and reused afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { REPO_ROOT } from '../config';
import { LocalNeo4jError, LOG_TAIL_LINES } from './neo4j.errors';

export const MIN_JAVA_VERSION = 17;
/** Java versions Neo4j 5.26 is released for. */
export const SUPPORTED_JAVA_VERSIONS = [17, 21];
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies';
const COMPLETE_MARKER = '.fetch-complete';
const PROGRESS_INTERVAL_MS = 5000;

// ---------------------------------------------------------------------------------------------
// Java
// ---------------------------------------------------------------------------------------------

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
    throw new LocalNeo4jError(
      'JAVA_MISSING',
      `Cannot read the version printed by ${java} -version:\n${result.stderr}`,
      fix,
    );
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

/** The java executable to use: $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` from PATH. */
export function javaExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Major version from `java -version` output: "17.0.15" → 17, "1.8.0_392" → 8, "21" → 21; null if none is found. */
export function parseJavaMajorVersion(output: string): number | null {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!match) return null;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

// ---------------------------------------------------------------------------------------------
// Jars
// ---------------------------------------------------------------------------------------------

/**
 * Guarantees that <homeDir>/lib holds the complete jar set of neo4j/pom.xml and returns its path.
 * Maven runs only when the folder lacks the marker written after a successful copy (or the pom
 * changed since); the copy goes to a temporary folder renamed into place, so an interrupted fetch
 * is redone and never used. Throws POM_MISSING, MAVEN_MISSING or DOWNLOAD_FAILED.
 */
export async function ensureNeo4jJars(
  homeDir: string,
  onProgress: (message: string) => void = () => {},
): Promise<string> {
  const libDir = path.join(path.resolve(homeDir), 'lib');
  const pom = path.join(REPO_ROOT, 'neo4j', 'pom.xml');
  if (!fs.existsSync(pom)) {
    throw new LocalNeo4jError(
      'POM_MISSING',
      `No neo4j/pom.xml found in ${REPO_ROOT}.`,
      'Run this from a checkout of the repository.',
    );
  }
  const stamp = createHash('sha256').update(fs.readFileSync(pom)).digest('hex');
  if (readMarker(libDir) === stamp) return libDir;

  checkMaven();
  removeAbandonedCopies(libDir);
  const partial = `${libDir}.partial-${process.pid}`;
  fs.mkdirSync(partial, { recursive: true });
  onProgress(
    `Fetching the Neo4j jars with Maven into ${libDir} (first run only: about 150 MB from Maven Central, 1–2 minutes)…`,
  );
  const started = Date.now();
  try {
    await copyDependencies(pom, partial, onProgress);
    const jars = fs.readdirSync(partial).filter((name) => name.endsWith('.jar'));
    if (jars.length === 0) {
      throw new LocalNeo4jError(
        'DOWNLOAD_FAILED',
        `Maven succeeded but copied no jars into ${partial}.`,
        `Check ${pom}.`,
      );
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
