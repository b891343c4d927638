/**
 * The read benchmark: our server beside the floor (one hand-written Cypher statement per
 * operation, bench/floor/server.ts) and the peer (@neo4j/graphql, bench/peer/) over the same
 * Neo4j and corpus, measured alternately in one run after checking that they return the same
 * answers. Each gap to the floor is split in two: our own statement run bare with the floor's
 * driver code ("bare", served by the floor's process) is timed too, so that ours/bare is the
 * GraphQL layer's cost and bare/floor the plan's; and both statements are profiled once
 * (PROFILE: db hits, which a busy machine does not change).
 *
 *   npm run bench -- [--studies 10000] [--seconds 20] [--seed 1] [--only studyDetail,search] [--profile]
 *                    [--scale [--scale-studies 100000]] [--baseline DIR]
 *
 * Starts a Neo4j of its own on a fresh data folder (.data/bench), loads the seeds and a corpus
 * of --studies studies (bench/corpus.ts), starts our server (production mode), the floor and the
 * peer as child processes, and for each operation of bench/operations.ts runs autocannon at
 * concurrency 8 (and 32 for studyDetail): a warm-up, then --seconds against each server in turn
 * (the peer only for the operations it can express; the others are listed with the reason).
 * Writes bench/results/latest.json and bench/results/latest.md (not with --only). --profile
 * writes a V8 CPU profile of our server to .data/bench-profile/ (open it in Chrome DevTools).
 * --scale then loads a fresh corpus of --scale-studies studies, measures our server alone on
 * each operation at concurrency 8, and reports its p99 there against the first corpus.
 * --baseline DIR: DIR is a checkout of another commit of this project, installed and built
 * (`npm ci && npm run build`); its server is started beside ours with the same settings, its
 * answers checked equal to ours, and it is measured in the same rounds, so that a change is
 * judged in one run on one corpus: bench/results/baseline.json and baseline.md (also with --only).
 */
import 'reflect-metadata';
import { ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { REPO_ROOT } from '../src/config';
import { createDriver, Executor } from '../src/db/executor';
import { loadCorpus } from './corpus';
import { freePorts, SERVER_NODE_ARGS, start, startBenchNeo4j, startOurServer } from './process';
import { Operation, operations } from './operations';
import { toFloorShape } from './peer/shape';
import { profiledVariables, profileOperation } from './plans';
import { roundOrders } from './rounds';

// autocannon ships no types; its result fields are read below by name.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (options: any) => Promise<any> = require('autocannon');

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** Where the three servers of a run listen. */
interface Urls {
  ours: string;
  /** Another commit's server (--baseline), if any. */
  baseline: string | null;
  floor: string;
  peer: string;
}

interface Measured {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
}

function argsOf(argv: string[]) {
  const get = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  return {
    studies: get('studies', 10_000),
    seconds: get('seconds', 20),
    /** Each server's `seconds` are split into this many rounds, taken in turn (in the orders of bench/rounds.ts, where each server follows each other one equally often), so that a slow spell of the machine falls on all. */
    rounds: get('rounds', 4),
    seed: get('seed', 1),
    profile: argv.includes('--profile'),
    only: argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null,
    /** With --scale, a second corpus of --scale-studies studies, where our server is measured again. */
    scale: argv.includes('--scale') ? get('scale-studies', 100_000) : null,
    baseline: argv.includes('--baseline') ? path.resolve(argv[argv.indexOf('--baseline') + 1]) : null,
  };
}
type Options = ReturnType<typeof argsOf>;

/** The installed version of the peer, for the results. */
const PEER_VERSION: string = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'node_modules', '@neo4j', 'graphql', 'package.json'), 'utf8'),
).version;

const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
};

/** The JSON text of a value with object keys sorted, to compare answers. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const oursBody = (op: Operation, i: number) => JSON.stringify({ query: op.query, variables: op.variables(i) });
const floorBody = (op: Operation, i: number) => JSON.stringify({ operation: op.name, variables: op.variables(i) });
/** Our own statement for request `i`, run bare by the floor's process. */
const bareBody = (op: Operation, i: number) =>
  JSON.stringify({ operation: op.name, variables: op.variables(i), form: 'bare' });
/** The peer's form of an operation it can express, null otherwise. */
const peerForm = (op: Operation) => ('query' in op.peer ? op.peer : null);
const peerBody = (query: string, op: Operation, i: number) => JSON.stringify({ query, variables: op.variables(i) });

async function post(url: string, body: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return res.json();
}

/** Throws when `answer` (ours or the peer's, in the floor's shape) differs from the floor's, leaving both in the temporary folder. */
function assertSameAsFloor(op: Operation, who: 'ours' | 'peer', answer: unknown, floor: unknown): void {
  if (canonical(answer) === canonical(floor)) return;
  fs.writeFileSync(path.join(os.tmpdir(), `bench-${op.name}-${who}.json`), canonical(answer));
  fs.writeFileSync(path.join(os.tmpdir(), `bench-${op.name}-floor.json`), canonical(floor));
  throw new Error(
    `${op.name}: the answers of ${who === 'ours' ? 'our server' : 'the peer'} and the floor differ (see ${os.tmpdir()}/bench-${op.name}-{${who},floor}.json)`,
  );
}

/**
 * Checks that ours, the floor and the peer (where it can express the operation) answer alike,
 * for a few of the operation's variable sets; returns our round trips.
 */
async function checkAnswers(op: Operation, urls: Urls, oursOnly = false): Promise<number> {
  let roundTrips = 0;
  const peer = oursOnly ? null : peerForm(op);
  for (const i of [0, 1, 57]) {
    const ours = await post(urls.ours, oursBody(op, i));
    const floor = await post(urls.floor, floorBody(op, i));
    const bare = await post(urls.floor, bareBody(op, i));
    if (ours.errors) throw new Error(`${op.name}: our server answered ${JSON.stringify(ours.errors).slice(0, 500)}`);
    if (floor.errors) throw new Error(`${op.name}: the floor answered ${JSON.stringify(floor.errors).slice(0, 500)}`);
    if (bare.errors)
      throw new Error(`${op.name}: our statement, run bare, failed: ${JSON.stringify(bare.errors).slice(0, 500)}`);
    assertSameAsFloor(op, 'ours', ours.data, floor.data);
    if (urls.baseline !== null) {
      const baseline = await post(urls.baseline, oursBody(op, i));
      if (canonical(baseline.data) !== canonical(ours.data))
        throw new Error(
          `${op.name}: the baseline's answer differs from ours: ${JSON.stringify(baseline).slice(0, 500)}`,
        );
    }
    if (peer !== null) {
      const answer = await post(urls.peer, peerBody(peer.query, op, i));
      if (answer.errors)
        throw new Error(`${op.name}: the peer answered ${JSON.stringify(answer.errors).slice(0, 500)}`);
      assertSameAsFloor(op, 'peer', toFloorShape(op.name, answer.data), floor.data);
    }
    roundTrips = ours.extensions.cost.dbRoundTrips;
  }
  return roundTrips;
}

/** How many statements Neo4j is running, this one left out. */
const RUNNING_STATEMENTS = `SHOW TRANSACTIONS YIELD currentQuery
WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
RETURN count(*) AS running`;

/**
 * Waits (at most 30 s) until Neo4j runs no statement but this probe: autocannon stops a turn
 * with requests in flight, and the server they went to goes on running their statements in
 * Neo4j (the peer's heaviest take seconds), which the next turn must not share Neo4j with.
 */
async function settle(driver: Driver): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { records } = await driver.executeQuery(RUNNING_STATEMENTS);
    if (records[0].get('running') === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function load(url: string, body: (i: number) => string, connections: number, seconds: number): Promise<Measured> {
  let i = 0;
  let errors = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    timeout: 10,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request: any) => ({ ...request, body: body(i++) }),
        onResponse: (status: number, responseBody: string) => {
          if (status !== 200 || responseBody.includes('"errors"')) errors += 1;
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: errors + result.errors - result.timeouts,
    timeouts: result.timeouts,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The rounds of one server folded into one figure: req/s over all rounds (requests / time, the
 * rounds being of equal length), the median of the rounds' p50 and p99, errors and timeouts summed.
 */
function fold(rounds: Measured[]): Measured & { rounds: Measured[] } {
  return {
    rps: Math.round((rounds.reduce((n, r) => n + r.rps, 0) / rounds.length) * 10) / 10,
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    timeouts: rounds.reduce((n, r) => n + r.timeouts, 0),
    rounds,
  };
}

/**
 * Brings a server to its steady state on an operation before it is timed: one request for each
 * of the operation's variable sets (the 200 rotating studies' records into Neo4j's page cache),
 * then 3 s runs until two in a row differ by less than 10 % in req/s (at most 8). A fresh
 * corpus of 100,000 studies still faults its pages in and compiles its plans for a minute,
 * which a fixed 3 s warm-up measured as growth with the corpus.
 */
async function warmUp(url: string, body: (i: number) => string, connections: number): Promise<void> {
  for (let i = 0; i < 200; i += 1)
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(i) }).then((r) =>
      r.text(),
    );
  // A server on a fresh Neo4j speeds up over its first minute (the JVM's and V8's compilers, the
  // page cache): 200, 720, 1,090, 1,150, 1,270 requests/s in runs of 3 s. Two runs that differ by
  // little can still sit on that slope, so the warm-up goes on until a run is no faster than the best
  // before it by more than 3 %, for at least 4 runs and at most 20 (a minute).
  let best = 0;
  const runs: number[] = [];
  for (let n = 1; n <= 20; n += 1) {
    const current = (await load(url, body, connections, 3)).rps;
    runs.push(current);
    if (n >= 4 && current <= best * 1.03) break;
    best = Math.max(best, current);
  }
  log(`warmed ${url} up at ${connections} connections: ${runs.join(', ')} req/s`);
}

/** A measured row: one operation at one concurrency. */
type Row = Json;

/**
 * One corpus: a Neo4j of its own on a fresh data folder, the seeds and `studies` corpus studies,
 * our server and the floor (and, unless `oursOnly`, the peer) as child processes; each operation
 * checked, then measured. With `oursOnly` only our server is timed (the floor still checks its answers).
 */
async function measureCorpus(
  studies: number,
  options: Options,
  oursOnly: boolean,
): Promise<{ runs: Row[]; cannotExpress: { name: string; reason: string }[] }> {
  const neo4j = await startBenchNeo4j('bench', { heapMb: 2048, pageCacheMb: 2048 }, log);
  const children: ChildProcess[] = [];
  // Profiles each operation's statements (bench/plans.ts).
  const profiler = createDriver(neo4j.uri, 'neo4j', '');
  try {
    const driver = createDriver(neo4j.uri, 'neo4j', '');
    try {
      await loadCorpus(
        new Executor(driver, { database: 'neo4j', readTimeoutMs: 600_000 }),
        studies,
        options.seed,
        500,
        log,
      );
    } finally {
      await driver.close();
    }
    const env = { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: '', CORPUS_STUDIES: String(studies) };
    const profileArgs = options.profile
      ? ['--cpu-prof', `--cpu-prof-dir=${path.join(REPO_ROOT, '.data', 'bench-profile')}`]
      : [];
    const [oursPort, floorPort, peerPort, baselinePort] = await freePorts(4);
    const baselineRoot = oursOnly ? null : options.baseline;
    const urls: Urls = {
      ours: `http://127.0.0.1:${oursPort}/graphql`,
      baseline: baselineRoot === null ? null : `http://127.0.0.1:${baselinePort}/graphql`,
      floor: `http://127.0.0.1:${floorPort}/`,
      peer: `http://127.0.0.1:${peerPort}/`,
    };
    const ours = await startOurServer(neo4j.uri, oursPort, env, { nodeArgs: profileArgs });
    children.push(ours);
    if (baselineRoot !== null) {
      log(`baseline: ${baselineRoot}`);
      children.push(await startOurServer(neo4j.uri, baselinePort, env, { root: baselineRoot }));
    }
    const floor = await start(
      [...SERVER_NODE_ARGS, path.join(REPO_ROOT, 'dist/bench/floor/server.js')],
      { ...env, PORT: String(floorPort) },
      /\[floor\] ready/,
    );
    children.push(floor);
    const peer = oursOnly
      ? null
      : await start(
          [...SERVER_NODE_ARGS, path.join(REPO_ROOT, 'dist/bench/peer/server.js')],
          { ...env, PORT: String(peerPort), NODE_ENV: 'production', DEBUG: '' },
          /\[peer\] ready/,
        );
    if (peer) children.push(peer);

    const runs: Row[] = [];
    const cannotExpress: { name: string; reason: string }[] = [];
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    for (const op of operations(studies).filter((o) => options.only === null || options.only.includes(o.name))) {
      const roundTrips = await checkAnswers(op, urls, oursOnly);
      const form = oursOnly ? null : peerForm(op);
      log(
        `${op.name} at ${studies} studies: answers match${oursOnly ? '' : form === null ? ' (the peer cannot express it)' : ", the peer's too"}; ${roundTrips} round trip(s)`,
      );
      if ('cannotExpress' in op.peer) cannotExpress.push({ name: op.name, reason: op.peer.cannotExpress });
      const dbHits: { variables: number; ours: number; floor: number }[] = [];
      for (const i of profiledVariables(op)) {
        const profiled = await profileOperation(profiler, op, i);
        if (!profiled.same) throw new Error(`${op.name}: our answer and the floor's differ for variable set ${i}`);
        dbHits.push({ variables: i, ours: profiled.ours.dbHits, floor: profiled.floor.dbHits });
      }
      log(`${op.name}: db hits ours / floor ${dbHits.map((d) => `${d.ours} / ${d.floor}`).join(', ')}`);
      for (const connections of op.name === 'studyDetail' && !oursOnly ? [8, 32] : [8]) {
        await warmUp(urls.ours, (i) => oursBody(op, i), connections);
        if (urls.baseline !== null) await warmUp(urls.baseline, (i) => oursBody(op, i), connections);
        if (!oursOnly) await warmUp(urls.floor, (i) => bareBody(op, i), connections);
        if (!oursOnly) await warmUp(urls.floor, (i) => floorBody(op, i), connections);
        if (form !== null) await warmUp(urls.peer, (i) => peerBody(form.query, op, i), connections);
        const perRound = Math.max(1, Math.round(options.seconds / options.rounds));
        const rounds: {
          ours: Measured[];
          baseline: Measured[];
          bare: Measured[];
          floor: Measured[];
          peer: Measured[];
        } = {
          ours: [],
          baseline: [],
          bare: [],
          floor: [],
          peer: [],
        };
        // Each round runs every server once, in the orders of bench/rounds.ts: each server follows
        // each other one equally often (the peer's heavy statements leave Neo4j collecting garbage
        // for whoever comes next), and each turn starts once Neo4j has finished the requests the
        // one before left running.
        const turns: [Measured[], () => Promise<Measured>][] = [
          [rounds.ours, () => load(urls.ours, (i) => oursBody(op, i), connections, perRound)],
        ];
        if (urls.baseline !== null) {
          const baselineUrl = urls.baseline;
          turns.push([rounds.baseline, () => load(baselineUrl, (i) => oursBody(op, i), connections, perRound)]);
        }
        if (!oursOnly) {
          turns.push([rounds.bare, () => load(urls.floor, (i) => bareBody(op, i), connections, perRound)]);
          turns.push([rounds.floor, () => load(urls.floor, (i) => floorBody(op, i), connections, perRound)]);
        }
        if (form !== null)
          turns.push([rounds.peer, () => load(urls.peer, (i) => peerBody(form.query, op, i), connections, perRound)]);
        const orders = roundOrders(turns.length);
        for (let r = 0; r < options.rounds; r += 1) {
          for (const t of orders[r % orders.length]) {
            const [into, measure] = turns[t];
            await settle(profiler);
            into.push(await measure());
          }
        }
        const oursResult = fold(rounds.ours);
        const floorResult = oursOnly ? null : fold(rounds.floor);
        const bareResult = oursOnly ? null : fold(rounds.bare);
        const peerResult = form === null ? null : fold(rounds.peer);
        const baselineResult = urls.baseline === null ? null : fold(rounds.baseline);
        const row = {
          name: op.name,
          concurrency: connections,
          rootFields: 1,
          roundTrips,
          ours: { ...oursResult, rssMb: rssMb(ours.pid!) },
          bare: bareResult,
          floor: floorResult,
          dbHits,
          // The peer runs one statement per root field.
          peer:
            form === null || peerResult === null || peer === null
              ? null
              : { ...peerResult, rootFields: form.rootFields, rssMb: rssMb(peer.pid!) },
          oursOverFloor: floorResult === null ? null : ratio(oursResult.rps, floorResult.rps),
          // The GraphQL layer's share of the gap, and the plan's.
          oursOverBare: bareResult === null ? null : ratio(oursResult.rps, bareResult.rps),
          bareOverFloor: bareResult === null || floorResult === null ? null : ratio(bareResult.rps, floorResult.rps),
          oursOverPeer: peerResult === null ? null : ratio(oursResult.rps, peerResult.rps),
          baseline: baselineResult,
          oursOverBaseline: baselineResult === null ? null : ratio(oursResult.rps, baselineResult.rps),
          baselineOverFloor:
            baselineResult === null || floorResult === null ? null : ratio(baselineResult.rps, floorResult.rps),
          baselineOverPeer:
            baselineResult === null || peerResult === null ? null : ratio(baselineResult.rps, peerResult.rps),
        };
        log(JSON.stringify(row));
        runs.push(row);
      }
    }
    return { runs, cannotExpress };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await profiler.close();
    await neo4j.stop();
  }
}

async function main(): Promise<void> {
  const options = argsOf(process.argv.slice(2));
  const { runs, cannotExpress } = await measureCorpus(options.studies, options, false);
  if (options.scale === null) {
    report(options, runs, cannotExpress, null);
    return;
  }
  // The first corpus's results are written before the second is loaded (which takes most of an
  // hour), and written again with the scale rows when it has been measured.
  report({ ...options, scale: null }, runs, cannotExpress, null);
  report(options, runs, cannotExpress, (await measureCorpus(options.scale, options, true)).runs);
}

/** Writes latest.json and latest.md (and baseline.json and baseline.md with --baseline); with `scaled`, the rows of the second corpus. */
function report(
  options: Options,
  runs: Row[],
  cannotExpress: { name: string; reason: string }[],
  scaled: Row[] | null,
): void {
  const scale = (scaled ?? []).map((big) => {
    const small = runs.find((r) => r.name === big.name && r.concurrency === big.concurrency)!;
    return {
      name: big.name,
      concurrency: big.concurrency,
      p99At10k: small.ours.p99Ms,
      p99At100k: big.ours.p99Ms,
      growth: Math.round((big.ours.p99Ms / small.ours.p99Ms) * 100) / 100,
      dbHitsAt100k: big.dbHits,
      rpsAt10k: small.ours.rps,
      rpsAt100k: big.ours.rps,
      errorsAt100k: big.ours.errors,
      timeoutsAt100k: big.ours.timeouts,
    };
  });
  const results = {
    date: new Date().toISOString(),
    command: `npm run bench -- --studies ${options.studies} --seconds ${options.seconds} --rounds ${options.rounds} --seed ${options.seed}${options.only === null ? '' : ` --only ${options.only.join(',')}`}${options.scale === null ? '' : ` --scale --scale-studies ${options.scale}`}`,
    machine: {
      cpus: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      neo4j: '5.26 (Community, local)',
    },
    peerPackage: `@neo4j/graphql ${PEER_VERSION}`,
    seconds: options.seconds,
    rounds: options.rounds,
    corpus: {
      studies: options.studies + 9,
      seed: options.seed,
      ...(options.scale === null ? {} : { scaleStudies: options.scale + 9 }),
    },
    operations: runs,
    peerCannotExpress: cannotExpress,
    scale,
  };
  const dir = path.join(REPO_ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  if (options.baseline !== null) writeBaseline(dir, results, options.baseline);
  if (options.only !== null) return;
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  const lines = [
    `# Read benchmark`,
    '',
    `\`${results.command}\` on ${results.date.slice(0, 10)}: ${results.corpus.studies} studies, ${results.machine.cpus} CPUs, Node ${results.machine.node}, Neo4j ${results.machine.neo4j}.`,
    `Ours, the floor (one hand-written Cypher statement per operation) and the peer (${results.peerPackage} over the type definitions of bench/peer/type-defs.ts, served by Apollo Server) ran alternately over the same Neo4j, after their answers were checked equal (the peer's brought to the floor's shape by bench/peer/shape.ts): each server's ${results.seconds} s per operation in ${results.rounds} rounds taken in turn (each server after each other one equally often, bench/rounds.ts, and each turn begun once Neo4j had finished the requests of the one before); req/s over all rounds, p50 and p99 the median of the rounds' (every round in latest.json).`,
    '',
    '| operation | conc. | ours req/s | ours bare req/s | floor req/s | peer req/s | ours/floor | ours/bare (layer) | bare/floor (plan) | ours/peer | db hits ours / floor | ours p50 / p99 ms | bare p50 / p99 ms | floor p50 / p99 ms | peer p50 / p99 ms | errors ours / bare / floor / peer | timeouts ours / bare / floor / peer | round trips ours / peer | RSS MB ours / peer |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map((r) => {
      const p = r.peer;
      const dash = '–';
      const hits = r.dbHits.map((d: Json) => `${d.ours} / ${d.floor}`).join(', ');
      return `| ${r.name} | ${r.concurrency} | ${r.ours.rps} | ${r.bare.rps} | ${r.floor.rps} | ${p ? p.rps : dash} | ${r.oursOverFloor} | ${r.oursOverBare} | ${r.bareOverFloor} | ${r.oursOverPeer ?? dash} | ${hits} | ${r.ours.p50Ms} / ${r.ours.p99Ms} | ${r.bare.p50Ms} / ${r.bare.p99Ms} | ${r.floor.p50Ms} / ${r.floor.p99Ms} | ${p ? `${p.p50Ms} / ${p.p99Ms}` : dash} | ${r.ours.errors} / ${r.bare.errors} / ${r.floor.errors} / ${p ? p.errors : dash} | ${r.ours.timeouts} / ${r.bare.timeouts} / ${r.floor.timeouts} / ${p ? p.timeouts : dash} | ${r.roundTrips} / ${p ? p.rootFields : dash} | ${r.ours.rssMb} / ${p ? p.rssMb : dash} |`;
    }),
    '',
    "Ours bare is our server's own Cypher statement for the same request, run by the floor's process with the floor's driver code (bench/floor/server.ts): ours/bare is the GraphQL layer's cost, bare/floor the plan's. db hits: each statement run once with PROFILE (per sort, for an operation that rotates its sort), which a busy machine does not change.",
    '',
    "The peer's round trips are its root fields (it runs one statement per root field). Its type definitions use @cypher fields only for derived values of one node that the generated API has no way to say: a condition's ancestors and the lineage of a condition, intervention or outcome concept through IS_A (no fixed depth), a study's title without case (the sort key), a finding's study year (a sort key).",
    '',
    ...(cannotExpress.length === 0
      ? []
      : ['The peer cannot express:', '', ...cannotExpress.map((c) => `- ${c.name}: cannot express: ${c.reason}.`), '']),
    ...(scale.length === 0
      ? []
      : [
          `## Scale: ${results.corpus.studies} against ${results.corpus.scaleStudies} studies`,
          '',
          `Our server alone on a fresh corpus of ${results.corpus.scaleStudies} studies (same generator and seed), answers checked against the floor, same load.`,
          '',
          '| operation | conc. | p99 ms at 10k | p99 ms at 100k | growth | req/s at 10k | req/s at 100k | errors / timeouts at 100k | db hits ours / floor at 100k |',
          '|---|---|---|---|---|---|---|---|---|',
          ...scale.map(
            (x) =>
              `| ${x.name} | ${x.concurrency} | ${x.p99At10k} | ${x.p99At100k} | ${x.growth}× | ${x.rpsAt10k} | ${x.rpsAt100k} | ${x.errorsAt100k} / ${x.timeoutsAt100k} | ${x.dbHitsAt100k.map((d: Json) => `${d.ours} / ${d.floor}`).join(', ')} |`,
          ),
          '',
        ]),
  ];
  fs.writeFileSync(path.join(dir, 'latest.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

type Json = any;

/** bench/results/baseline.json and baseline.md: ours against another commit's server (--baseline), in the same rounds. */
function writeBaseline(dir: string, results: Json, baselineRoot: string): void {
  const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
  const commits = {
    ours: git(['rev-parse', '--short', 'HEAD'], REPO_ROOT),
    baseline: git(['rev-parse', '--short', 'HEAD'], baselineRoot),
  };
  const command = `${results.command} --baseline <checkout of ${commits.baseline}>`;
  fs.writeFileSync(path.join(dir, 'baseline.json'), JSON.stringify({ ...results, command, commits }, null, 2) + '\n');
  const rows = results.operations.filter((r: Json) => r.baseline !== null);
  const lines = [
    `# Ours (${commits.ours}) against the baseline (${commits.baseline})`,
    '',
    `\`${command}\` on ${results.date.slice(0, 10)}: ${results.corpus.studies} studies, ${results.machine.cpus} CPUs. Both servers, the floor and the peer ran in the same rounds over the same Neo4j, after the baseline's answers were checked equal to ours.`,
    '',
    '| operation | conc. | ours req/s | baseline req/s | ours/baseline | ours/floor | baseline/floor | ours/peer | baseline/peer | ours p50 / p99 ms | baseline p50 / p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r: Json) =>
        `| ${r.name} | ${r.concurrency} | ${r.ours.rps} | ${r.baseline.rps} | ${r.oursOverBaseline} | ${r.oursOverFloor} | ${r.baselineOverFloor} | ${r.oursOverPeer ?? '–'} | ${r.baselineOverPeer ?? '–'} | ${r.ours.p50Ms} / ${r.ours.p99Ms} | ${r.baseline.p50Ms} / ${r.baseline.p99Ms} |`,
    ),
    '',
  ];
  fs.writeFileSync(path.join(dir, 'baseline.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
