/**
 * Benchmark of the registry sync: write throughput and reads while it runs.
 *
 *   npm run bench:sync -- [--studies 10000] [--records 2000] [--batch 20] [--seconds 15]
 *
 * Starts a Neo4j of its own (.data/bench-sync, reset), loads the seeds and a corpus of
 * `--studies` generated studies (bench/corpus.ts) with their related lists, starts our server on
 * it, and a local double of the ClinicalTrials.gov API (test/support/ctgov-double.ts) serving
 * `--records` real-shaped records: generated variants of the real records of
 * test/fixtures/ctgov-real/ (new NCT ids, shifted values and dates). Then:
 * 1. the study-detail read (bench/operations.ts) on the idle server, 8 connections, `--seconds`;
 * 2. a sync of every record (the double answers at once: no politeness wait, so the figure is
 *    the writer's), with the same read running for as long as the sync does;
 * and writes records/s end to end (listing, fetching, translating, writing each study with its
 * version and related-list upkeep) and the read p99 idle and during the sync to
 * bench/results/sync.json and sync.md.
 */
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../src/config';
import { politeGate } from '../src/ctgov/ctgov.client';
import { syncRegistry } from '../src/ctgov/ctgov.sync';
import { createDriver, Executor } from '../src/db/executor';
import { startLocalNeo4j } from '../src/neo4j/local-neo4j';
import { loadRealRecords, makeVariants, startCtgovDouble } from '../test/support/ctgov-double';
import { loadCorpus } from './corpus';
import { operations } from './operations';
import { freePorts, start } from './process';

/* eslint-disable @typescript-eslint/no-explicit-any */
// autocannon ships no types; its result fields are read below by name.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (options: any, done: (error: Error | null, result: any) => void) => { stop(): void } = require('autocannon');
const log = (message: string) => process.stderr.write(`[bench:sync] ${message}\n`);

function args(argv: string[]) {
  const value = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    const n = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
    return n;
  };
  return { studies: value('studies', 10_000), records: value('records', 2000), batch: value('batch', 20), seconds: value('seconds', 15) };
}

interface Reads {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** The study-detail read at 8 connections, until `stop` resolves (or for `seconds`). */
function reads(url: string, seconds: number, stop?: Promise<unknown>): Promise<Reads> {
  const detail = operations(10_000).find((o) => o.name === 'studyDetail')!;
  let i = 0;
  let errors = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: 8,
        duration: stop ? 3600 : seconds,
        timeout: 10,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request: any) => ({ ...request, body: JSON.stringify({ query: detail.query, variables: detail.variables(i++) }) }),
            onResponse: (status: number, body: string) => {
              if (status !== 200 || body.includes('"errors"')) {
                if (errors === 0) log(`first failed read: HTTP ${status} ${body.slice(0, 300)}`);
                errors += 1;
              }
            },
          },
        ],
      },
      (error: Error | null, result: any) => {
        if (error) return reject(error);
        resolve({ requests: result.requests.total, rps: Math.round(result.requests.average * 10) / 10, p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: errors + result.errors });
      },
    );
    void stop?.then(() => instance.stop());
  });
}

async function main(): Promise<void> {
  const options = args(process.argv.slice(2));
  const config = loadConfig({});
  const dataDir = path.join(REPO_ROOT, '.data', 'bench-sync');
  log(`starting a Neo4j of its own on ${dataDir}`);
  const neo4j = await startLocalNeo4j({ homeDir: config.neo4jHomeDir, dataDir, resetData: true, boltPort: 0, heapMb: 2048, pageCacheMb: 2048, onProgress: log });
  const double = await startCtgovDouble({ records: makeVariants(loadRealRecords(), options.records, 1) });
  let server: ChildProcess | null = null;
  const driver = createDriver(neo4j.uri, 'neo4j', '');
  try {
    const executor = new Executor(driver, { database: 'neo4j', readTimeoutMs: 600_000 });
    await loadCorpus(executor, options.studies, 1, 500, log);
    const [port] = await freePorts(1);
    const url = `http://127.0.0.1:${port}/graphql`;
    server = await start([path.join(REPO_ROOT, 'dist/src/index.js')], { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: '', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_ON_START: 'false' }, /ready at/);
    await reads(url, 5);
    log(`idle reads, ${options.seconds} s`);
    const idle = await reads(url, options.seconds);
    log(`idle: ${JSON.stringify(idle)}`);

    log(`syncing ${double.size} records in batches of ${options.batch}`);
    let syncDone!: () => void;
    const finished = new Promise<void>((resolve) => (syncDone = resolve));
    const during = reads(url, 0, finished);
    const started = Date.now();
    let last = 0;
    const summary = await syncRegistry(executor, {
      cond: null,
      term: 'NCT',
      batchSize: options.batch,
      fetch: { baseUrl: double.url, gate: politeGate(0) },
      changedBy: 'bench:sync',
      onProgress: (p) => {
        if (Date.now() - last > 10_000 || p.done === p.total) {
          last = Date.now();
          log(`${p.done}/${p.total} records, ${p.rate.toFixed(1)}/s`);
        }
      },
    }).finally(() => syncDone());
    const seconds = (Date.now() - started) / 1000;
    const busy = await during;
    const result = {
      date: new Date().toISOString(),
      command: `npm run bench:sync -- --studies ${options.studies} --records ${options.records} --batch ${options.batch} --seconds ${options.seconds}`,
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3) },
      studiesBefore: options.studies,
      records: double.size,
      sync: { seconds: Math.round(seconds * 10) / 10, recordsPerSecond: Math.round((double.size / seconds) * 10) / 10, added: summary.added, updated: summary.updated, unchanged: summary.unchanged, refused: summary.refused.length },
      reads: { idle, duringSync: busy, p99Ratio: Math.round((busy.p99Ms / idle.p99Ms) * 100) / 100 },
      targets: { recordsPerSecond: 20, p99Ratio: 2 },
    };
    log(JSON.stringify(result));
    const dir = path.join(REPO_ROOT, 'bench', 'results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'sync.json'), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(
      path.join(dir, 'sync.md'),
      [
        `# Registry sync benchmark (${result.date.slice(0, 10)})`,
        '',
        `\`${result.command}\` on ${result.machine.cpus} cores, ${result.machine.memoryGb} GB: ${result.records} real-shaped records (variants of test/fixtures/ctgov-real/) served by the local double, synced into a graph of ${result.studiesBefore} studies.`,
        '',
        '| What | Measured | Target |',
        '|---|---|---|',
        `| sync, end to end | ${result.sync.recordsPerSecond} records/s (${result.sync.seconds} s; added ${result.sync.added}, refused ${result.sync.refused}) | ≥ 20 records/s |`,
        `| study detail p99, idle | ${idle.p99Ms} ms (${idle.rps} req/s, ${idle.errors} errors) | |`,
        `| study detail p99, during the sync | ${busy.p99Ms} ms (${busy.rps} req/s, ${busy.errors} errors) | ≤ 2 × idle |`,
        `| ratio | ${result.reads.p99Ratio} | ≤ 2 |`,
        '',
      ].join('\n'),
    );
  } finally {
    server?.kill('SIGTERM');
    await double.close();
    await driver.close();
    await neo4j.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
