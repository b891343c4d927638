/**
 * Benchmark of the change log (src/changes/).
 *
 *   npm run bench:changes -- [--events 100000] [--changes 1000] [--subscribers 100] [--rate 20] [--out changes]
 *
 * Starts a Neo4j of its own (.data/bench-changes, reset) with the migrations, then:
 * 1. **`changes` at scale**: writes `--events` events as the log holds them (each with the keys of
 *    a study of a NET-like vocabulary: its study, conditions with their ancestors, interventions
 *    with their classes, its kinds; through the same counter), and PROFILEs the statements of
 *    `changes` (src/changes/change.repository.ts) for an unfiltered page, a common and a rare
 *    condition, a study, a kind, a combination and `last`, from the start and from the middle
 *    of the log: db hits, rows, time, and whether the plan sorts;
 * 2. **delivery latency**: starts our server (dist/src/index.js) on it, opens `--subscribers`
 *    graphql-ws subscriptions to `studyChanged` (each on its own connection), and commits
 *    `--changes` changes at `--rate` per second through the real write path of events (a
 *    transaction that marks a study no longer matched, as the sync does); latency = arrival at a
 *    subscriber − commit, over every (change, subscriber) pair: p50, p99, max;
 * and writes the figures to bench/results/<out>.json and <out>.md. Run it small on a shared
 * machine (e.g. --events 5000 --changes 100 --subscribers 10 --out changes-small).
 */
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { noteNoLongerMatched } from '../src/changes/change.service';
import { PAGE_ALL, PAGE_FILTERED } from '../src/changes/change.repository';
import { pageParams } from '../src/changes/change.tail';
import { filterKeys } from '../src/changes/change.filter';
import { REPO_ROOT } from '../src/config';
import { createDriver, Executor } from '../src/db/executor';
import { migrate } from '../src/db/migrate';
import { freePorts, startBenchNeo4j, startOurServer } from './process';

const log = (message: string) => process.stderr.write(`[bench:changes] ${message}\n`);

function args(argv: string[]) {
  const value = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    const n = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
    return n;
  };
  const at = argv.indexOf('--out');
  return {
    events: value('events', 100_000),
    changes: value('changes', 1000),
    subscribers: value('subscribers', 100),
    rate: value('rate', 20),
    out: at >= 0 ? argv[at + 1] : 'changes',
  };
}

/** A small hierarchy like the seeds': each leaf with its ancestors. */
const CONDITIONS = [
  ['midgut-net', 'gastrointestinal-net', 'gastroenteropancreatic-net', 'neuroendocrine-tumour'],
  ['pancreatic-net', 'gastroenteropancreatic-net', 'neuroendocrine-tumour'],
  ['lung-net', 'neuroendocrine-tumour'],
  ['hindgut-net', 'gastrointestinal-net', 'gastroenteropancreatic-net', 'neuroendocrine-tumour'],
  ['net-unknown-primary', 'neuroendocrine-tumour'],
];
const INTERVENTIONS = [
  ['octreotide-lar', 'somatostatin-analogue'],
  ['lanreotide-autogel', 'somatostatin-analogue'],
  ['everolimus', 'mtor-inhibitor'],
  ['sunitinib', 'tyrosine-kinase-inhibitor'],
  ['lutetium-177-dotatate', 'peptide-receptor-radionuclide-therapy'],
];
const KINDS = [['NEW_STUDY'], ['NEW_VERSION'], ['RESULTS_POSTED', 'NEW_VERSION'], ['STATUS_CHANGED', 'NEW_VERSION']];

/** Writes `count` events with their keys, in batches, through the counter as the application does. */
async function writeLog(executor: Executor, count: number, studies: number): Promise<void> {
  const BATCH = 2000;
  for (let done = 0; done < count; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - done) }, (_, j) => {
      const i = done + j;
      const study = `bench-s${i % studies}`;
      // One event in 5,000 a deletion (a rare kind), one study in 10,000 of a rare condition.
      const kinds = i % 5000 === 4999 ? ['DELETED'] : KINDS[i % KINDS.length];
      const conditions = i % studies === 7 ? ['carcinoid-syndrome'] : CONDITIONS[i % CONDITIONS.length];
      const keys = [
        `study:${study}`,
        ...conditions.map((c) => `condition:${c}`),
        ...INTERVENTIONS[(i >> 2) % INTERVENTIONS.length].map((c) => `intervention:${c}`),
        ...kinds.map((k) => `kind:${k}`),
      ];
      return { study, kinds, keys };
    });
    await executor.writeTransaction((tx) =>
      tx.run(
        `MATCH (log:ChangeLog {id: 'changes'})
         SET log.seq = log.seq + size($rows)
         WITH log.seq - size($rows) AS base
         UNWIND range(0, size($rows) - 1) AS i
         WITH base + i + 1 AS seq, $rows[i] AS row
         CREATE (e:ChangeEvent {seq: seq, studyId: row.study, kind: row.kinds[0], kinds: row.kinds, keys: row.keys,
                                summary: 'bench change', changes: [], moreChanges: 0, at: toString(datetime.transaction('Z'))})
         WITH e UNWIND e.keys AS key
         CREATE (:ChangeKey {key: key, seq: e.seq, studyId: e.studyId})`,
        { rows },
      ),
    );
    if ((done / BATCH) % 10 === 0) log(`log: ${Math.min(done + BATCH, count)}/${count} events`);
  }
}

interface PlanFigure {
  name: string;
  after: number;
  rows: number;
  dbHits: number;
  ms: number;
  sorts: boolean;
  operators: string[];
}

/** PROFILEs one page statement; sums the db hits of its plan. */
async function profile(
  executor: Executor,
  name: string,
  statement: string,
  params: Record<string, unknown>,
  after: number,
): Promise<PlanFigure> {
  const session = executor.driver.session({ database: 'neo4j' });
  try {
    await session.run(statement, params); // warm: the plan cached, the pages in memory
    const started = process.hrtime.bigint();
    const result = await session.run(`PROFILE ${statement}`, params);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const operators: string[] = [];
    let dbHits = 0;
    const walk = (p: { operatorType: string; dbHits?: number; children: unknown[] }) => {
      operators.push(p.operatorType.replace(/@neo4j$/, ''));
      dbHits += p.dbHits ?? 0;
      (p.children as (typeof p)[]).forEach(walk);
    };
    walk(result.summary.profile as never);
    const events = (result.records[0]?.get('events') as unknown[]) ?? [];
    return {
      name,
      after,
      rows: events.length,
      dbHits,
      ms: Math.round(ms * 10) / 10,
      sorts: operators.some((o) => /Sort|Top/.test(o) && !/PartialTop|PartialSort/.test(o)),
      operators: [...new Set(operators)],
    };
  } finally {
    await session.close();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const options = args(process.argv.slice(2));
  const neo4j = await startBenchNeo4j('bench-changes', { heapMb: 1024, pageCacheMb: 512 }, log);
  const driver = createDriver(neo4j.uri, 'neo4j', '');
  let server: ChildProcess | null = null;
  try {
    const executor = new Executor(driver, { database: 'neo4j', readTimeoutMs: 600_000 });
    await migrate(executor);
    const studies = Math.max(10, Math.floor(options.events / 10));
    log(`writing a log of ${options.events} events over ${studies} studies`);
    await writeLog(executor, options.events, studies);

    const PAGE = 20;
    const cases: { name: string; where: Record<string, unknown> | null; direction?: 'DESC' }[] = [
      { name: 'all', where: null },
      {
        name: 'common condition (neuroendocrine-tumour: every event)',
        where: { conditionIds: ['neuroendocrine-tumour'] },
      },
      { name: 'rare condition (one study)', where: { conditionIds: ['carcinoid-syndrome'] } },
      { name: 'one study', where: { studyIds: ['bench-s42'] } },
      { name: 'rare kind (DELETED)', where: { kinds: ['DELETED'] } },
      { name: 'condition and kind', where: { conditionIds: ['pancreatic-net'], kinds: ['RESULTS_POSTED'] } },
      { name: 'intervention class, last 50', where: { interventionIds: ['somatostatin-analogue'] }, direction: 'DESC' },
    ];
    const plans: PlanFigure[] = [];
    for (const c of cases) {
      for (const after of [0, Math.floor(options.events / 2)]) {
        const filter = filterKeys(c.where as never);
        const direction = c.direction ?? 'ASC';
        const limit = direction === 'DESC' ? 51 : PAGE + 1;
        const statement = c.where ? PAGE_FILTERED(direction, 'e {.*}') : PAGE_ALL(direction, 'e {.*}');
        const figure = await profile(executor, c.name, statement, pageParams(filter, after, limit), after);
        log(
          `${figure.name}, after ${after}: ${figure.rows} rows, ${figure.dbHits} db hits, ${figure.ms} ms${figure.sorts ? ', sorts' : ''}`,
        );
        plans.push(figure);
      }
    }

    // Delivery latency through a server process.
    const [port] = await freePorts(1);
    server = await startOurServer(neo4j.uri, port, { WS_MAX_CONNECTIONS: String(options.subscribers + 10) });
    await executor.writeTransaction((tx) =>
      tx.run(`CREATE (:Study {id: 'bench-latency', title: 'Latency probe', origin: 'REGISTRY_IMPORT'})`),
    );
    const committedAt = new Map<number, number>();
    const latencies: number[] = [];
    let received = 0;
    const clients = Array.from({ length: options.subscribers }, () =>
      createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    const pending: { arrived: number; seq: number }[] = [];
    for (const client of clients)
      client.subscribe(
        { query: 'subscription { studyChanged(where: { studyIds: ["bench-latency"] }) { sequence } }' },
        {
          next: ({ data }) => {
            received += 1;
            pending.push({
              arrived: Date.now(),
              seq: (data as { studyChanged: { sequence: number } }).studyChanged.sequence,
            });
          },
          error: (error) => log(`subscription error: ${JSON.stringify(error)}`),
          complete: () => undefined,
        },
      );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    log(`${options.subscribers} subscribers; committing ${options.changes} changes at ${options.rate}/s`);
    const started = Date.now();
    for (let n = 0; n < options.changes; n += 1) {
      const due = started + (n * 1000) / options.rate;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      await executor.writeTransaction(async (tx) => {
        noteNoLongerMatched(tx, ['bench-latency'], '2026-12-06', 'bench');
      });
      // The commit's time; then its sequence (only this process writes).
      const committed = Date.now();
      const [row] = await executor.read<{ seq: number }>(`MATCH (l:ChangeLog {id: 'changes'}) RETURN l.seq AS seq`, {});
      committedAt.set(row.seq, committed);
    }
    const deadline = Date.now() + 10_000;
    while (received < options.changes * options.subscribers && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    for (const { arrived, seq } of pending) {
      const at = committedAt.get(seq);
      if (at !== undefined) latencies.push(Math.max(0, arrived - at));
    }
    latencies.sort((a, b) => a - b);
    await Promise.all(clients.map((c) => c.dispose()));
    const delivery = {
      changes: options.changes,
      subscribers: options.subscribers,
      rate: options.rate,
      expected: options.changes * options.subscribers,
      received,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1],
    };
    log(`delivery: ${JSON.stringify(delivery)}`);

    const result = {
      date: new Date().toISOString().slice(0, 10),
      machine: {
        cpus: os.cpus().length,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        load: os.loadavg().map((l) => Math.round(l * 10) / 10),
      },
      options,
      plans,
      delivery,
    };
    const dir = path.join(REPO_ROOT, 'bench', 'results');
    fs.writeFileSync(path.join(dir, `${options.out}.json`), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, `${options.out}.md`), markdown(result));
    log(`wrote bench/results/${options.out}.json and .md`);
  } finally {
    server?.kill('SIGTERM');
    await driver.close();
    await neo4j.stop();
  }
}

function markdown(r: {
  date: string;
  machine: { cpus: number; memoryGb: number; load: number[] };
  options: ReturnType<typeof args>;
  plans: PlanFigure[];
  delivery: Record<string, number>;
}): string {
  const o = r.options;
  return [
    `# Change log benchmark (${r.date})`,
    '',
    `\`npm run bench:changes -- --events ${o.events} --changes ${o.changes} --subscribers ${o.subscribers} --rate ${o.rate}\` on ${r.machine.cpus} cores, ${r.machine.memoryGb} GB (load average at the end ${r.machine.load.join(', ')}).`,
    '',
    `## \`changes\` on a log of ${o.events} events (a page of 20; \`last\`: 50)`,
    '',
    "PROFILE of the statements of `changes` (src/changes/change.repository.ts) projecting every property, after one warm-up run. A filtered page reads each key's posting list in index order and stops at the page (its db hits do not grow with the log); its Sort or Top only merges those per-key pages.",
    '',
    '| Filter | After | Rows | db hits | ms | Sort or Top |',
    '|---|---|---|---|---|---|',
    ...r.plans.map((p) => `| ${p.name} | ${p.after} | ${p.rows} | ${p.dbHits} | ${p.ms} | ${p.sorts ? 'yes' : 'no'} |`),
    '',
    `## Delivery latency: ${o.changes} changes at ${o.rate}/s, ${o.subscribers} subscribers (one connection each)`,
    '',
    '| Received | p50 | p99 | max |',
    '|---|---|---|---|',
    `| ${r.delivery.received} of ${r.delivery.expected} | ${r.delivery.p50Ms} ms | ${r.delivery.p99Ms} ms | ${r.delivery.maxMs} ms |`,
    '',
  ].join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
