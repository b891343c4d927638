/**
 * Benchmark of the registry sync: write throughput and reads while it runs.
 *
 *   npm run bench:sync -- [--studies 10000] [--records 2000] [--batch 20] [--seconds 15]
 *
 * Starts a Neo4j of its own (.data/bench-sync, reset), loads the seeds and a corpus of
 * `--studies` generated studies (bench/corpus.ts) with their related lists, starts our server on
 * it, and a local double of the ClinicalTrials.gov API (test/support/ctgov-double.ts) serving
 * real-shaped records: generated variants of the real records of test/fixtures/ctgov-real/ (new
 * NCT ids, shifted values and dates). The double answers at once (no politeness wait), so the
 * figures are the writer's. Then:
 * 1. a sync of `--records` records with nothing else running, run as users run it (the CLI,
 *    `import:ctgov --sync`, in a process of its own): records/s end to end (listing,
 *    fetching, translating, writing each batch with its versions and related-list upkeep);
 * 2. the study-detail read (bench/operations.ts) on the idle server at a fixed offered rate
 *    (`--rate` requests/s over 8 connections, a load the machine carries) for `--seconds`;
 * 3. `--records` more records (the double gains them, its dataTimestamp moves) synced while the
 *    same read runs at the same rate: records/s under reads, and the read p99 against idle;
 * and writes the figures to bench/results/sync.json and sync.md.
 */
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { createDriver, Executor } from '../src/db/executor';
import { loadRealRecords, makeVariants, startCtgovDouble } from '../test/support/ctgov-double';
import { loadCorpus } from './corpus';
import { operations } from './operations';
import { cpuSeconds, freePorts, run, startBenchNeo4j, startOurServer } from './process';

// autocannon ships no types; its result fields are read below by name.
type Autocannon = (options: any, done: (error: Error | null, result: any) => void) => { stop(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');
const log = (message: string) => process.stderr.write(`[bench:sync] ${message}\n`);

function args(argv: string[]) {
  const value = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    const n = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
    return n;
  };
  return {
    studies: value('studies', 10_000),
    records: value('records', 2000),
    batch: value('batch', 20),
    seconds: value('seconds', 15),
    rate: value('rate', 100),
  };
}

interface Reads {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** The study-detail read at 8 connections and `rate` requests/s in all, until `stop` resolves (or for `seconds`). */
function reads(url: string, rate: number, seconds: number, stop?: Promise<unknown>): Promise<Reads> {
  const detail = operations(10_000).find((o) => o.name === 'studyDetail')!;
  let i = 0;
  let errors = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: 8,
        overallRate: rate,
        duration: stop ? 3600 : seconds,
        timeout: 10,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request: any) => ({
              ...request,
              body: JSON.stringify({ query: detail.query, variables: detail.variables(i++) }),
            }),
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
        resolve({
          requests: result.requests.total,
          rps: Math.round(result.requests.average * 10) / 10,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          errors: errors + result.errors,
        });
      },
    );
    void stop?.then(() => instance.stop());
  });
}

async function main(): Promise<void> {
  const options = args(process.argv.slice(2));
  const neo4j = await startBenchNeo4j('bench-sync', { heapMb: 2048, pageCacheMb: 2048 }, log);
  const real = loadRealRecords();
  const double = await startCtgovDouble({ records: makeVariants(real, options.records, 1) });
  let server: ChildProcess | null = null;
  const driver = createDriver(neo4j.uri, 'neo4j', '');
  try {
    const executor = new Executor(driver, { database: 'neo4j', readTimeoutMs: 600_000 });
    await loadCorpus(executor, options.studies, 1, 500, log);
    const [port] = await freePorts(1);
    const url = `http://127.0.0.1:${port}/graphql`;
    server = await startOurServer(neo4j.uri, port);
    // The sync runs as users run it: the CLI in a process of its own. (Run inside this process, its
    // synchronous work would stall the read client's event loop and show up as read latency.)
    const sync = async () => {
      const started = Date.now();
      const cpuBefore = { neo4j: cpuSeconds(neo4j.pid), server: cpuSeconds(server!.pid!) };
      let last = 0;
      const cli = await run(
        [path.join(REPO_ROOT, 'dist/src/ctgov/ctgov-cli.js'), '--sync', '--term', 'NCT'],
        {
          NEO4J_URI: neo4j.uri,
          NEO4J_PASSWORD: '',
          CTGOV_BASE_URL: double.url,
          CTGOV_MIN_INTERVAL_MS: '0',
          CTGOV_SYNC_BATCH: String(options.batch),
          LOG_LEVEL: 'warn',
        },
        (line) => {
          if (/records, .*\/s/.test(line) && Date.now() - last > 10_000) {
            last = Date.now();
            log(line.trim());
          }
        },
      );
      const seconds = (Date.now() - started) / 1000;
      const summary = /added (\d+), updated (\d+),.* refused (\d+)\./.exec(cli.stdout);
      if (cli.code !== 0 || !summary) throw new Error(`the sync failed (exit ${cli.code}): ${cli.stderr.slice(-2000)}`);
      const [added, updated, refused] = summary.slice(1).map(Number);
      const share = (used: number) => Math.round((used / seconds) * 100) / 100;
      return {
        seconds: Math.round(seconds * 10) / 10,
        recordsPerSecond: Math.round(((added + updated) / seconds) * 10) / 10,
        added,
        updated,
        refused,
        // CPU cores busy on average while the sync ran, per process: where the time goes.
        cores: {
          neo4j: share(cpuSeconds(neo4j.pid) - cpuBefore.neo4j),
          syncProcess: share(cli.cpuSeconds),
          server: share(cpuSeconds(server!.pid!) - cpuBefore.server),
        },
      };
    };
    log(`syncing ${double.size} records in batches of ${options.batch}, nothing else running`);
    const alone = await sync();
    log(`alone: ${JSON.stringify(alone)}`);

    await reads(url, options.rate, 5);
    log(`idle reads at ${options.rate}/s, ${options.seconds} s`);
    const idle = await reads(url, options.rate, options.seconds);
    log(`idle: ${JSON.stringify(idle)}`);

    for (const record of makeVariants(real, options.records, options.records + 1)) double.put(record);
    double.setDataTimestamp(new Date(Date.now() + 60_000));
    log(`syncing ${options.records} more records while the read runs at ${options.rate}/s`);
    let syncDone!: () => void;
    const finished = new Promise<void>((resolve) => (syncDone = resolve));
    const during = reads(url, options.rate, 0, finished);
    const underReads = await sync().finally(() => syncDone());
    const busy = await during;
    const result = {
      date: new Date().toISOString(),
      command: `npm run bench:sync -- --studies ${options.studies} --records ${options.records} --batch ${options.batch} --seconds ${options.seconds} --rate ${options.rate}`,
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3) },
      studiesBefore: options.studies,
      records: options.records,
      readRate: options.rate,
      sync: { alone, underReads },
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
        `\`${result.command}\` on ${result.machine.cpus} cores, ${result.machine.memoryGb} GB: real-shaped records (variants of test/fixtures/ctgov-real/) served by the local double without politeness waits, synced into a graph of ${result.studiesBefore} studies: ${options.records} with nothing else running, then ${options.records} more while the study-detail read runs at ${options.rate} requests/s (8 connections).`,
        '',
        '| What | Measured | Target |',
        '|---|---|---|',
        `| sync alone, end to end | ${alone.recordsPerSecond} records/s (${alone.seconds} s; added ${alone.added}, refused ${alone.refused}) | ≥ 20 records/s |`,
        `| sync under the reads | ${underReads.recordsPerSecond} records/s (${underReads.seconds} s; added ${underReads.added}, refused ${underReads.refused}) | |`,
        `| study detail p99 at ${options.rate}/s, idle | ${idle.p99Ms} ms (${idle.rps} req/s, ${idle.errors} errors) | |`,
        `| study detail p99 at ${options.rate}/s, during the sync | ${busy.p99Ms} ms (${busy.rps} req/s, ${busy.errors} errors) | ≤ 2 × idle |`,
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
