/**
 * Benchmark of the registry sync: write throughput and reads while it runs.
 *
 *   npm run bench:sync -- [--studies 10000] [--records 2000] [--batch 20] [--write-batch 5] [--warmup 1500] [--seconds 15]
 *
 * Starts a Neo4j of its own (.data/bench-sync, reset), loads the seeds and a corpus of
 * `--studies` generated studies (bench/corpus.ts) with their related lists, and restarts Neo4j on
 * that graph, so that the garbage of the load is not charged to the sync. Starts our server on it,
 * and a local double of the ClinicalTrials.gov API (test/support/ctgov-double.ts) serving
 * real-shaped records: generated variants of the real records of test/fixtures/ctgov-real/ (new
 * NCT ids, shifted values and dates). The double answers at once, and the sync runs without
 * politeness waits (CTGOV_MIN_INTERVAL_MS=0) except in 4, so the figures are the writer's. Then:
 * 0. a sync of `--warmup` records of their own, reported but not counted: a freshly started
 *    Neo4j compiles its write path for the first minute or two (a sync of 600 records on a cold
 *    server ran at 15.6 records/s, the next two at 25.2 and 27.5; after a warm-up of 600, the
 *    next sync still sped up over its first 1,200 records), and a sync usually meets a server
 *    that has been running;
 * 1. a sync of `--records` records with nothing else running, run as users run it (the CLI,
 *    `import:ctgov --sync`, in a process of its own): records/s end to end (listing,
 *    fetching, translating, writing each batch with its versions and related-list upkeep);
 *    every one of these records has results, the heaviest shape a record has;
 * 1b. `--records` more, synced the same way, in the mix a NET query meets: 2 in 5 with results,
 *    the others as the registry serves a record before results are posted (MIX_WITH_RESULTS);
 * 2. the study-detail read (bench/operations.ts, from a client in a process of its own,
 *    bench/read-load.ts) on the idle server at a fixed offered rate
 *    (`--rate` requests/s over 8 connections, a load the machine carries) for `--seconds`,
 *    after 30 s of the same read to warm its path up;
 * 3. `--records` more records (the double gains them, its dataTimestamp moves) synced at full
 *    speed while the same read runs at the same rate: records/s under reads, and the read p99
 *    against idle;
 * 4. `--records` more synced the same way at the sync's default politeness (one request to the
 *    registry per second, CTGOV_MIN_INTERVAL_MS), the pace of a sync against ClinicalTrials.gov
 *    (at most `--batch` records a second): the read p99 against idle, which the target is about;
 * 5. the idle read again;
 * 6. our server restarted with its own sync on a schedule (CTGOV_SYNC_INTERVAL=1, run in a worker
 *    thread at the default politeness): after 30 s of read warm-up and the idle read on it, the
 *    double gains `--records` more, and the read runs from the scheduled run's listing to its
 *    summary;
 * each p99 during a sync is compared with the lowest idle p99; and writes the figures to bench/results/sync.json and sync.md.
 */
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { createDriver, Executor } from '../src/db/executor';
import { loadRealRecords, makeVariants, startCtgovDouble, type VariantOptions } from '../test/support/ctgov-double';
import { loadCorpus } from './corpus';
import { cpuSeconds, freePorts, run, startBenchNeo4j, startOurServer } from './process';
import { readLoad, Reads } from './read-load';

const log = (message: string) => process.stderr.write(`[bench:sync] ${message}\n`);

/**
 * Of every 5 records of the mix, how many have results. An upper bound for a NET query: 41.4 % of
 * the 206 GEP-NEN trials registered on ClinicalTrials.gov from 2000 to 2021 that Yang et al. (Endocr
 * Connect 2023;12(4), doi:10.1530/EC-22-0441) studied had reported results, and a sync also meets
 * the trials still recruiting or not yet completed, which have none.
 */
const MIX_WITH_RESULTS = 2;

/** The options of the i-th record of the mix: all but MIX_WITH_RESULTS of every 5 without their results. */
const registryMix = (i: number): VariantOptions => ({ withoutResults: i % 5 >= MIX_WITH_RESULTS });

function args(argv: string[]) {
  const value = (name: string, fallback: number, least = 1) => {
    const at = argv.indexOf(`--${name}`);
    const n = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!Number.isInteger(n) || n < least) throw new Error(`--${name} must be a whole number of at least ${least}`);
    return n;
  };
  return {
    studies: value('studies', 10_000),
    records: value('records', 2000),
    warmup: value('warmup', 1500, 0),
    batch: value('batch', 20),
    writeBatch: value('write-batch', 5),
    seconds: value('seconds', 15),
    rate: value('rate', 100),
  };
}

/**
 * A sync's figures: its time, its rate end to end, its counts (added, updated, refused), and the
 * CPU cores each process kept busy on average while it ran (from CPU seconds): where the time goes.
 */
function syncFigures(seconds: number, [added, updated, refused]: number[], cpu: Record<string, number>) {
  const cores = Object.fromEntries(
    Object.entries(cpu).map(([process, used]) => [process, Math.round((used / seconds) * 100) / 100]),
  );
  return {
    seconds: Math.round(seconds * 10) / 10,
    recordsPerSecond: Math.round(((added + updated) / seconds) * 10) / 10,
    added,
    updated,
    refused,
    cores,
  };
}

async function main(): Promise<void> {
  const options = args(process.argv.slice(2));
  const memory = { heapMb: 2048, pageCacheMb: 2048 };
  // The corpus is loaded, then Neo4j restarted on it: the garbage of loading 10,000 studies and
  // rebuilding every related list is not charged to the sync measured after it.
  const loading = await startBenchNeo4j('bench-sync', memory, log);
  const loader = createDriver(loading.uri, 'neo4j', '');
  try {
    await loadCorpus(new Executor(loader, { database: 'neo4j', readTimeoutMs: 600_000 }), options.studies, 1, 500, log);
  } finally {
    await loader.close();
    await loading.stop();
  }
  const neo4j = await startBenchNeo4j('bench-sync', memory, log, { reset: false });
  const real = loadRealRecords();
  // Warm-up records have seeds (and NCT ids) of their own, after those of the measured records.
  const double = await startCtgovDouble({ records: makeVariants(real, options.warmup, 3 * options.records + 1) });
  let server: ChildProcess | null = null;
  try {
    const [port] = await freePorts(1);
    const url = `http://127.0.0.1:${port}/graphql`;
    server = await startOurServer(neo4j.uri, port);
    // The sync runs as users run it: the CLI in a process of its own. (Run inside this process, its
    // synchronous work would stall the read client's event loop and show up as read latency.)
    // `intervalMs`: the least time between two requests to the registry (CTGOV_MIN_INTERVAL_MS).
    const sync = async (intervalMs = 0) => {
      const started = Date.now();
      const cpuBefore = { neo4j: cpuSeconds(neo4j.pid), server: cpuSeconds(server!.pid!) };
      let last = 0;
      const cli = await run(
        [path.join(REPO_ROOT, 'dist/src/ctgov/ctgov-cli.js'), '--sync', '--term', 'NCT'],
        {
          NEO4J_URI: neo4j.uri,
          NEO4J_PASSWORD: '',
          CTGOV_BASE_URL: double.url,
          CTGOV_MIN_INTERVAL_MS: String(intervalMs),
          CTGOV_SYNC_BATCH: String(options.batch),
          CTGOV_SYNC_WRITE_BATCH: String(options.writeBatch),
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
      return syncFigures(seconds, summary.slice(1).map(Number), {
        neo4j: cpuSeconds(neo4j.pid) - cpuBefore.neo4j,
        syncProcess: cli.cpuSeconds,
        server: cpuSeconds(server!.pid!) - cpuBefore.server,
      });
    };
    // The double gains `--records` new variants and moves its dataTimestamp, so the next sync runs.
    const offer = (firstSeed: number, optionsOf?: (i: number) => VariantOptions) => {
      for (const record of makeVariants(real, options.records, firstSeed, optionsOf)) double.put(record);
      double.setDataTimestamp(new Date());
    };
    let warmup = null;
    if (options.warmup > 0) {
      log(`warming Neo4j up: syncing ${options.warmup} records, not counted`);
      warmup = await sync();
      log(`warm-up: ${JSON.stringify(warmup)}`);
    }
    offer(1);
    log(
      `syncing ${options.records} records (fetched ${options.batch}, written ${options.writeBatch} at a time), nothing else running`,
    );
    const alone = await sync();
    log(`alone: ${JSON.stringify(alone)}`);
    offer(4 * options.records + options.warmup + 1, registryMix);
    log(`syncing ${options.records} more records, ${MIX_WITH_RESULTS} in 5 with results, nothing else running`);
    const mix = await sync();
    log(`the mix, alone: ${JSON.stringify(mix)}`);

    // The read path warmed up first: Neo4j was restarted on the corpus, and its read path is
    // compiled as it runs (a shorter warm-up left the idle p50 above the p50 during a polite sync).
    await readLoad(url, options.rate, 30);
    log(`idle reads at ${options.rate}/s, ${options.seconds} s`);
    const idle = await readLoad(url, options.rate, options.seconds);
    log(`idle: ${JSON.stringify(idle)}`);

    // `--records` more records synced while the read runs at the same rate: the reads' p99 during the sync.
    const whileReading = async (firstSeed: number, intervalMs: number) => {
      offer(firstSeed);
      let syncDone!: () => void;
      const finished = new Promise<void>((resolve) => (syncDone = resolve));
      const during = readLoad(url, options.rate, 0, finished);
      const sync_ = await sync(intervalMs).finally(() => syncDone());
      const reads_ = await during;
      return { sync: sync_, reads: reads_ };
    };
    log(`syncing ${options.records} more records at full speed while the read runs at ${options.rate}/s`);
    const fullSpeed = await whileReading(options.records + 1, 0);
    log(`full speed: ${JSON.stringify(fullSpeed)}`);
    log(
      `syncing ${options.records} more records at the default politeness (1 request/s) while the read runs at ${options.rate}/s`,
    );
    const polite = await whileReading(2 * options.records + 1, 1000);
    log(`polite: ${JSON.stringify(polite)}`);
    // Idle again at the end; the ratios are against the lower of the two idle p99s, the stricter.
    const idleAfter = await readLoad(url, options.rate, options.seconds);
    log(`idle after: ${JSON.stringify(idleAfter)}`);

    // The sync the server runs itself (CTGOV_SYNC_INTERVAL), in its worker thread, at the default
    // politeness, while the same read runs against that server.
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    log(
      'restarting our server with its own sync on a schedule (CTGOV_SYNC_INTERVAL=1, the first turn a minute after it is ready)',
    );
    server = await startOurServer(neo4j.uri, port, {
      CTGOV_SYNC_INTERVAL: '1',
      CTGOV_SYNC_TERM: 'NCT',
      CTGOV_BASE_URL: double.url,
      CTGOV_MIN_INTERVAL_MS: '1000',
    });
    const lines: string[] = [];
    const watchers = new Set<(line: string) => void>();
    server.stderr!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split(/\n+/).filter(Boolean)) {
        lines.push(line);
        for (const watch of watchers) watch(line);
      }
    });
    const nextLine = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve) => {
        const watch = (line: string) => {
          const match = pattern.exec(line);
          if (match) {
            watchers.delete(watch);
            resolve(match);
          }
        };
        watchers.add(watch);
      });
    await readLoad(url, options.rate, 30);
    const idleScheduled = await readLoad(url, options.rate, options.seconds);
    log(`idle, the restarted server: ${JSON.stringify(idleScheduled)}`);
    // The next turn finds the new records; the reads run from its listing to its summary.
    offer(3 * options.records + options.warmup + 1);
    await nextLine(/Scheduled sync: \d+ listed: [1-9]\d* new or changed/);
    const cpuBefore = { neo4j: cpuSeconds(neo4j.pid), server: cpuSeconds(server.pid!) };
    const began = Date.now();
    const ended = nextLine(/Scheduled sync \S+: added (\d+), updated (\d+), refused (\d+)/);
    const scheduledReads = await readLoad(url, options.rate, 0, ended);
    const scheduled = {
      sync: syncFigures((Date.now() - began) / 1000, (await ended).slice(1).map(Number), {
        neo4j: cpuSeconds(neo4j.pid) - cpuBefore.neo4j,
        serverWithItsSync: cpuSeconds(server.pid!) - cpuBefore.server,
      }),
      reads: scheduledReads,
      idle: idleScheduled,
    };
    log(`scheduled: ${JSON.stringify(scheduled)}`);
    const idleP99 = Math.min(idle.p99Ms, idleAfter.p99Ms, idleScheduled.p99Ms);
    const ratio = (r: Reads) => Math.round((r.p99Ms / idleP99) * 100) / 100;
    const underReads = fullSpeed.sync;
    const busy = fullSpeed.reads;
    const result = {
      date: new Date().toISOString(),
      command: `npm run bench:sync -- --studies ${options.studies} --records ${options.records} --batch ${options.batch} --write-batch ${options.writeBatch} --warmup ${options.warmup} --seconds ${options.seconds} --rate ${options.rate}`,
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3) },
      studiesBefore: options.studies,
      records: options.records,
      readRate: options.rate,
      warmup: options.warmup,
      mixWithResults: `${MIX_WITH_RESULTS} in 5`,
      sync: {
        warmup,
        alone,
        mixAlone: mix,
        underReads,
        underReadsPolite: polite.sync,
        scheduledInServer: scheduled.sync,
      },
      reads: {
        idle,
        idleAfter,
        duringSync: busy,
        p99Ratio: ratio(busy),
        duringPoliteSync: polite.reads,
        p99RatioPolite: ratio(polite.reads),
        idleBeforeScheduled: idleScheduled,
        duringScheduledSync: scheduled.reads,
        p99RatioScheduled: ratio(scheduled.reads),
      },
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
        `\`${result.command}\` on ${result.machine.cpus} cores, ${result.machine.memoryGb} GB: real-shaped records (variants of test/fixtures/ctgov-real/) served by the local double (answering at once), synced into a graph of ${result.studiesBefore} studies (loaded, then Neo4j restarted on it): ${options.warmup} to warm Neo4j up, then ${options.records} at full speed (no politeness wait) with nothing else running, all with results, and ${options.records} more the same way in the mix a NET query meets (${MIX_WITH_RESULTS} in 5 with results, the others without, as the registry serves a record before results are posted), then ${options.records} more at full speed while the study-detail read runs at ${options.rate} requests/s (8 connections), and ${options.records} more with the same reads at the sync's default politeness (one request to the registry per second, batches of ${options.batch}), the pace of a sync against ClinicalTrials.gov; then our server restarted with its own sync on a schedule (in its worker thread, at the default politeness, batches of 20 written 5 at a time) and ${options.records} more for it, with the same reads against it.`,
        '',
        '| What | Measured | Target |',
        '|---|---|---|',
        ...(warmup
          ? [
              `| warm-up sync on the freshly started Neo4j, not counted | ${warmup.recordsPerSecond} records/s (${warmup.seconds} s; added ${warmup.added}, refused ${warmup.refused}) | |`,
            ]
          : []),
        `| sync alone, end to end, every record with results | ${alone.recordsPerSecond} records/s (${alone.seconds} s; added ${alone.added}, refused ${alone.refused}) | ≥ 20 records/s |`,
        `| sync alone, end to end, ${MIX_WITH_RESULTS} in 5 records with results | ${mix.recordsPerSecond} records/s (${mix.seconds} s; added ${mix.added}, refused ${mix.refused}) | ≥ 20 records/s |`,
        `| sync at full speed, under the reads | ${underReads.recordsPerSecond} records/s (${underReads.seconds} s; added ${underReads.added}, refused ${underReads.refused}) | |`,
        `| study detail p99 at ${options.rate}/s, idle, before the syncs and after them | ${idle.p99Ms} ms and ${idleAfter.p99Ms} ms (${idle.rps} and ${idleAfter.rps} req/s, ${idle.errors + idleAfter.errors} errors); the ratios below are against the lower | |`,
        `| study detail p99 at ${options.rate}/s, during the sync at full speed | ${busy.p99Ms} ms (${busy.rps} req/s, ${busy.errors} errors); ratio ${result.reads.p99Ratio} | |`,
        `| sync at the default politeness, under the reads | ${polite.sync.recordsPerSecond} records/s (${polite.sync.seconds} s; added ${polite.sync.added}, refused ${polite.sync.refused}) | |`,
        `| study detail p99 at ${options.rate}/s, during the sync at the default politeness | ${polite.reads.p99Ms} ms (${polite.reads.rps} req/s, ${polite.reads.errors} errors); ratio ${result.reads.p99RatioPolite} | ≤ 2 × idle |`,
        `| the server's own scheduled sync (CTGOV_SYNC_INTERVAL, in its worker thread, default politeness) | ${scheduled.sync.recordsPerSecond} records/s (${scheduled.sync.seconds} s; added ${scheduled.sync.added}, refused ${scheduled.sync.refused}); cores: server ${scheduled.sync.cores.serverWithItsSync}, Neo4j ${scheduled.sync.cores.neo4j} | |`,
        `| study detail p99 at ${options.rate}/s against that server: idle after its restart, then during its sync | ${idleScheduled.p99Ms} ms idle (${idleScheduled.rps} req/s); ${scheduled.reads.p99Ms} ms during (${scheduled.reads.rps} req/s, ${scheduled.reads.errors} errors); ratio ${result.reads.p99RatioScheduled} | ≤ 2 × idle |`,
        '',
      ].join('\n'),
    );
  } finally {
    server?.kill('SIGTERM');
    await double.close();
    await neo4j.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
