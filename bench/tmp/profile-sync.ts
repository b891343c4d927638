/* Temporary: per-statement server time of the sync's writes (serialised). Not committed. */
import 'reflect-metadata';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../../src/config';
import { politeGate } from '../../src/ctgov/ctgov.client';
import { syncRegistry } from '../../src/ctgov/ctgov.sync';
import { createDriver, Executor } from '../../src/db/executor';
import { startLocalNeo4j } from '../../src/neo4j/local-neo4j';
import { loadRealRecords, makeVariants, startCtgovDouble } from '../../test/support/ctgov-double';
import { loadCorpus } from '../corpus';

const studies = Number(process.argv[2] ?? 2000);
const records = Number(process.argv[3] ?? 300);
const fresh = process.argv[4] !== 'keep';
const log = (m: string) => process.stderr.write(`[prof] ${m}\n`);
async function main() {
  const config = loadConfig({});
  const neo4j = await startLocalNeo4j({
    homeDir: config.neo4jHomeDir,
    dataDir: path.join(REPO_ROOT, '.data', 'prof-sync'),
    resetData: fresh,
    boltPort: 0,
    heapMb: 2048,
    pageCacheMb: 2048,
    onProgress: () => {},
  });
  const driver = createDriver(neo4j.uri, 'neo4j', '');
  const executor = new Executor(driver, { database: 'neo4j', readTimeoutMs: 600_000 });
  if (fresh) await loadCorpus(executor, studies, 1, 500, log);
  const times = new Map<string, { n: number; ms: number }>();
  const key = (c: string) => c.replace(/\s+/g, ' ').trim().slice(0, 90);
  const orig = executor.writeTransaction.bind(executor);
  (executor as any).writeTransaction = (work: any, counter?: any) =>
    orig(async (tx: any) => {
      let chain: Promise<unknown> = Promise.resolve();
      const wrapped = new Proxy(tx, {
        get(t, p) {
          if (p !== 'run') return t[p];
          return (cypher: string, params: unknown) => {
            const run = chain.then(async () => {
              const s = process.hrtime.bigint();
              const r = await t.run(cypher, params);
              const ms = Number(process.hrtime.bigint() - s) / 1e6;
              const e = times.get(key(cypher)) ?? { n: 0, ms: 0 };
              e.n += 1;
              e.ms += ms;
              times.set(key(cypher), e);
              return r;
            });
            chain = run.catch(() => {});
            return run;
          };
        },
      });
      return work(wrapped);
    }, counter);
  const origRead = executor.read.bind(executor);
  (executor as any).read = async (cypher: string, params: any, counter?: any) => {
    const s0 = process.hrtime.bigint();
    const r = await origRead(cypher, params, counter);
    const ms = Number(process.hrtime.bigint() - s0) / 1e6;
    const e = times.get('READ ' + key(cypher)) ?? { n: 0, ms: 0 };
    e.n += 1;
    e.ms += ms;
    times.set('READ ' + key(cypher), e);
    return r;
  };
  const real = loadRealRecords();
  const double = await startCtgovDouble({ records: makeVariants(real, records, fresh ? 1 : 50_000) });
  if (!fresh) double.setDataTimestamp(new Date());
  const t0 = Date.now();
  const summary = await syncRegistry(executor, {
    cond: null,
    term: 'NCT',
    batchSize: 20,
    fetch: { baseUrl: double.url, gate: politeGate(0) },
    changedBy: 'prof',
  });
  const secs = (Date.now() - t0) / 1000;
  log(
    `synced ${summary.added + summary.updated} in ${secs.toFixed(1)} s = ${((summary.added + summary.updated) / secs).toFixed(1)}/s`,
  );
  const total = [...times.values()].reduce((a, b) => a + b.ms, 0);
  log(`time in tx statements: ${(total / 1000).toFixed(1)} s`);
  for (const [k, v] of [...times.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30))
    log(`${(v.ms / 1000).toFixed(2).padStart(7)} s ${String(v.n).padStart(5)}× ${k}`);
  await double.close?.();
  await driver.close();
  await neo4j.stop();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
