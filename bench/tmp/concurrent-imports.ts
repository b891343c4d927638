/* Temporary: per-import time, alone and three at a time. Not committed. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../../src/config';
import { createDriver, Executor } from '../../src/db/executor';
import { migrate } from '../../src/db/migrate';
import { startLocalNeo4j } from '../../src/neo4j/local-neo4j';
import { loadSeedTexts } from '../../src/seeds/seed.loader';
import { testStudyDocument } from '../../test/security/helpers';

const log = (m: string) => process.stderr.write(`[conc] ${m}\n`);
async function main() {
  const config = loadConfig({});
  const neo4j = await startLocalNeo4j({
    homeDir: config.neo4jHomeDir,
    dataDir: path.join(REPO_ROOT, '.data', 'conc'),
    resetData: true,
    boltPort: 0,
    heapMb: 512,
    pageCacheMb: 64,
    onProgress: () => {},
  });
  const driver = createDriver(neo4j.uri, 'neo4j', '');
  const executor = new Executor(driver, { database: 'neo4j', readTimeoutMs: 600_000 });
  await migrate(executor);
  await loadSeedTexts(executor, [
    { file: 'vocabulary.json', text: fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'vocabulary.json'), 'utf8') },
    ...fs
      .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
      .map((f) => ({ file: f, text: fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'studies', f), 'utf8') })),
  ]);
  const times = new Map<string, { n: number; ms: number }>();
  const key = (c: string) => c.replace(/\s+/g, ' ').trim().slice(0, 100);
  const orig = executor.writeTransaction.bind(executor);
  let profiling = true;
  (executor as any).writeTransaction = (work: any, counter?: any) =>
    orig(async (tx: any) => {
      if (!profiling) return work(tx);
      let chain: Promise<unknown> = Promise.resolve();
      const wrapped = new Proxy(tx, {
        get(t, p) {
          if (p !== 'run') return t[p];
          return (cypher: string, params: unknown) => {
            const run = chain.then(async () => {
              const s0 = Date.now();
              const r = await t.run(cypher, params);
              const e = times.get(key(cypher)) ?? { n: 0, ms: 0 };
              e.n += 1;
              e.ms += Date.now() - s0;
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
  if (process.argv[2] === 'explain') {
    const t = Date.now();
    const mods = [
      require('../../src/seeds/seed.repository'),
      require('../../src/studies/related.repository'),
      require('../../src/history/history.repository'),
    ];
    const statements = new Set<string>();
    const collect = (v: unknown) => {
      if (typeof v === 'string' && /\b(MATCH|MERGE|UNWIND|CALL)\b/.test(v)) statements.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    mods.forEach((m) => Object.values(m).forEach(collect));
    let failed = 0;
    for (const q of statements)
      await executor.runAutoCommit(`EXPLAIN ${q}`).catch(() => {
        failed++;
      });
    log(`explained ${statements.size} statements (${failed} failed) in ${Date.now() - t} ms`);
  }
  let n = 0;
  const one = async () => {
    const id = `test-conc-${String(n++).padStart(4, '0')}`;
    const t = Date.now();
    await loadSeedTexts(executor, [{ file: 'x.json', text: JSON.stringify(testStudyDocument(id)) }]);
    return Date.now() - t;
  };
  const alone: number[] = [];
  for (let i = 0; i < 6; i++) alone.push(await one());
  log(`alone: ${alone.join(' ')} ms`);
  for (const [k, v] of [...times.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    log(`${String(v.ms).padStart(6)} ms ${String(v.n).padStart(4)}× ${k}`);
  profiling = false;
  const par: number[] = [];
  const worker = async () => {
    for (let i = 0; i < 5; i++) par.push(await one());
  };
  const t0 = Date.now();
  await Promise.all([worker(), worker(), worker()]);
  log(`three at a time: ${par.join(' ')} ms (15 in ${Date.now() - t0} ms)`);
  await driver.close();
  await neo4j.stop();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
