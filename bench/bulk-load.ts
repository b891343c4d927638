/**
 * Bulk-load benchmark of the seed loader.
 *
 *   npm run bench:bulk -- [--count 10000] [--batch-sizes 1,200,500] [--keep-files]
 *
 * Generates N synthetic studies derived from the seed study files (keys "bench-<run>-…", titles
 * "Synthetic benchmark study …"), with a vocabulary of their own ("bench-<run>-v-…") so that no
 * existing node gains a link; writes them as files to a temporary folder; then, for each batch size,
 * loads the folder through the library (readSeedInputs → validateInputs → writeSeeds, as
 * loadSeedPath does, with the related lists deferred), rebuilds the related lists of the whole graph
 * (rebuildRelated, with progress), prints studies/s, time per phase, nodes and relationships written, the
 * counts found in the graph and the peak RSS of this process, and deletes everything it wrote.
 *
 * Neo4j: the one of NEO4J_URI when set, else a local one started here (src/neo4j/local-neo4j.ts)
 * on a temporary data folder that is deleted at the end (NEO4J_HEAP_MB / NEO4J_PAGECACHE_MB apply).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../src/config';
import { createDriver, Executor } from '../src/db/executor';
import { migrate } from '../src/db/migrate';
import { waitForNeo4j } from '../src/db/database';
import { LocalNeo4j, startLocalNeo4j } from '../src/neo4j/local-neo4j';
import { loadSeedTexts, readSeedInputs, validateInputs, writeSeeds } from '../src/seeds/seed.loader';
import { rebuildRelated } from '../src/studies/related.service';
import { retargetEvidence } from './corpus';

type Json = any;

interface Options {
  count: number;
  batchSizes: number[];
  keepFiles: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { count: 10_000, batchSizes: [1, 200, 500], keepFiles: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--count') options.count = Number(argv[++i]);
    else if (arg === '--batch-sizes' || arg === '--batch-size') options.batchSizes = argv[++i].split(',').map(Number);
    else if (arg === '--keep-files') options.keepFiles = true;
    else if (arg === '--help') {
      console.log('usage: node dist/bench/bulk-load.js [--count N] [--batch-sizes 1,200,500] [--keep-files]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(options.count) || options.count < 1)
    throw new Error('--count must be a whole number of at least 1');
  if (options.batchSizes.some((b) => !Number.isInteger(b) || b < 1))
    throw new Error('--batch-sizes must be whole numbers of at least 1');
  return options;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8'));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The vocabulary of seeds/ with every key prefixed. */
function benchVocabulary(prefix: string): Json {
  const v = readJson(path.join(REPO_ROOT, 'seeds', 'vocabulary.json'));
  for (const group of ['conditions', 'interventions', 'outcomeConcepts', 'predictors']) {
    for (const c of v[group]) {
      c.id = `${prefix}-${c.id}`;
      c.name = `Synthetic ${c.name}`;
      if (c.broader) c.broader = c.broader.map((b: string) => `${prefix}-${b}`);
    }
  }
  return v;
}

/** Study `index` of the run: a copy of one of the seed study files (in turn) under bench keys, with its own documents and publications. */
function syntheticStudy(template: Json, index: number, runPrefix: string, vocabularyPrefix: string): Json {
  const s = JSON.parse(JSON.stringify(template));
  const id = `${runPrefix}-${String(index).padStart(6, '0')}`;
  const source = s.study.id;
  const concept = (key: string) => `${vocabularyPrefix}-${key}`;
  const doc = (key: string) => `${id}-doc-${key}`;
  const pub = (key: string) => `${id}-pub-${key}`;
  s.study.id = id;
  s.study.acronym = null;
  s.study.title = `Synthetic benchmark study ${index} (shape of ${source}; not a real trial)`;
  s.study.notes = ['Synthetic data written by bench/bulk-load.ts and deleted after the run.'];
  for (const d of s.documents) {
    d.id = doc(d.id);
    d.title = `Synthetic document of ${id}`;
    d.url = null;
    if (d.publication) d.publication = pub(d.publication);
  }
  for (const p of s.publications) {
    p.id = pub(p.id);
    p.title = `Synthetic publication of ${id}`;
    p.pmid = null;
    p.doi = null;
  }
  s.population.conditions = s.population.conditions.map(concept);
  for (const arm of s.arms) for (const r of arm.receives) r.intervention = concept(r.intervention);
  for (const o of s.outcomes) {
    o.concept = concept(o.concept);
    // Vary the numbers a little so that studies differ (and their content hashes too).
    for (const m of o.measurements)
      if (typeof m.value === 'number' && m.unit === 'MONTHS')
        m.value = Math.round((m.value + (index % 7) * 0.1) * 10) / 10;
  }
  for (const f of s.predictorFindings) f.predictor = concept(f.predictor);
  retargetEvidence(s, doc);
  return s;
}

/** Deletes every node of the run (StudyPart by studyId, the rest by id), in transactions of 10 000 rows. */
async function deleteRun(executor: Executor, prefix: string): Promise<number> {
  let deleted = 0;
  const statements = [
    `MATCH (n:StudyPart) WHERE n.studyId STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
    ...['Study', 'Document', 'Publication', 'Condition', 'Intervention', 'OutcomeConcept', 'Predictor'].map(
      (label) =>
        `MATCH (n:${label}) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
    ),
  ];
  for (const statement of statements) {
    const result = await executor.runAutoCommit(statement, { p: prefix });
    deleted += result.summary.counters.updates().nodesDeleted;
  }
  return deleted;
}

/** Nodes and relationships of the run found in the graph (the derived RELATED ones apart: the load does not count them). */
async function runCounts(
  executor: Executor,
  prefix: string,
): Promise<{ studies: number; nodes: number; relationships: number }> {
  const [row] = await executor.read<{ studies: number; parts: number; sources: number; relationships: number }>(
    `CALL { MATCH (s:Study) WHERE s.id STARTS WITH $p RETURN count(s) AS studies }
     CALL { MATCH (n:StudyPart) WHERE n.studyId STARTS WITH $p RETURN count(n) AS parts }
     CALL { MATCH (d:Document) WHERE d.id STARTS WITH $p RETURN count(d) AS docs }
     CALL { MATCH (d:Publication) WHERE d.id STARTS WITH $p RETURN count(d) AS pubs }
     CALL { MATCH (s:Study)-[r:!RELATED]->() WHERE s.id STARTS WITH $p RETURN count(r) AS fromStudies }
     CALL { MATCH (n:StudyPart)-[r]->() WHERE n.studyId STARTS WITH $p RETURN count(r) AS fromParts }
     CALL { MATCH (d:Document)-[r]->() WHERE d.id STARTS WITH $p RETURN count(r) AS fromDocs }
     RETURN studies, parts, docs + pubs AS sources, fromStudies + fromParts + fromDocs AS relationships`,
    { p: prefix },
  );
  return { studies: row.studies, nodes: row.studies + row.parts + row.sources, relationships: row.relationships };
}

/** Samples the RSS of this process every 100 ms; `stop` returns the highest value seen. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const runTag = Date.now().toString(36);
  const runPrefix = `bench-${runTag}`;
  const vocabularyPrefix = `${runPrefix}-v`;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'));
  let local: LocalNeo4j | null = null;
  let uri = config.neo4jUri;
  let interrupted = false;
  let succeeded = false;
  // Ctrl-C or SIGTERM: stop the local Neo4j and delete the temporary files (the default action would orphan the Java process).
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(
      `${signal}: cleaning up${local ? '' : `; delete what was written with: MATCH (n) WHERE n.id STARTS WITH '${runPrefix}' OR n.studyId STARTS WITH '${runPrefix}' DETACH DELETE n`}`,
    );
    void (async () => {
      if (local) await local.stop();
      fs.rmSync(tempDir, { recursive: true, force: true });
      process.exit(130);
    })();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (uri === null) {
      log(
        `NEO4J_URI is unset: starting a local Neo4j on ${path.join(tempDir, 'bench-neo4j-data')} (heap ${config.neo4jHeapMb} MB, page cache ${config.neo4jPageCacheMb} MB)`,
      );
      local = await startLocalNeo4j({
        homeDir: config.neo4jHomeDir,
        dataDir: path.join(tempDir, 'bench-neo4j-data'),
        boltPort: 0,
        heapMb: config.neo4jHeapMb,
        pageCacheMb: config.neo4jPageCacheMb,
        onProgress: log,
      });
      uri = local.uri;
    }
    const driver = createDriver(uri, config.neo4jUsername, config.neo4jPassword);
    const executor = new Executor(driver, { database: config.neo4jDatabase, readTimeoutMs: 600_000 });
    try {
      await waitForNeo4j(driver, 60_000, log);
      await migrate(executor);

      // Inputs: N files in a temporary folder.
      const studiesDir = path.join(tempDir, 'studies');
      fs.mkdirSync(studiesDir);
      const templates = fs
        .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => readJson(path.join(REPO_ROOT, 'seeds', 'studies', f)));
      let bytes = 0;
      const generated = Date.now();
      for (let i = 1; i <= options.count; i += 1) {
        const body = JSON.stringify(
          syntheticStudy(templates[i % templates.length], i, runPrefix, vocabularyPrefix),
          null,
          2,
        );
        bytes += body.length;
        fs.writeFileSync(path.join(studiesDir, `${String(i).padStart(6, '0')}.json`), body);
      }
      log(
        `generated ${options.count} studies from ${templates.length} templates (${mb(bytes)} of JSON) in ${((Date.now() - generated) / 1000).toFixed(1)} s`,
      );

      const results: Record<string, string | number>[] = [];
      for (const batchSize of options.batchSizes) {
        // Each run starts from an empty run prefix, with the bench vocabulary in place.
        await deleteRun(executor, runPrefix);
        await loadSeedTexts(executor, [
          { file: 'bench-vocabulary.json', text: JSON.stringify(benchVocabulary(vocabularyPrefix)) },
        ]);
        if (global.gc) global.gc();
        const sampler = rssSampler();
        const started = Date.now();
        const inputs = readSeedInputs(studiesDir);
        const read = Date.now();
        const seeds = await validateInputs(executor, inputs);
        const validated = Date.now();
        let lastReport = Date.now();
        const summary = await writeSeeds(executor, seeds, {
          batchSize,
          // The related lists of a bulk load are computed once, after it (below).
          related: 'defer',
          onProgress: (done, total) => {
            if (Date.now() - lastReport > 10_000 || done === total) {
              lastReport = Date.now();
              log(
                `batch size ${batchSize}: ${done}/${total} studies written, ${((done / (Date.now() - validated)) * 1000).toFixed(0)} studies/s`,
              );
            }
          },
        });
        const written = Date.now();
        const rebuilt = await rebuildRelated(executor, {
          log: (m) => log(`batch size ${batchSize}: related lists: ${m}`),
        });
        const related = Date.now();
        const peakRss = sampler.stop();
        const counts = await runCounts(executor, runPrefix);
        const total = (written - started) / 1000;
        const row = {
          batchSize,
          studies: summary.studies.created,
          'studies/s (total)': Math.round(options.count / total),
          'studies/s (write)': Math.round(options.count / ((written - validated) / 1000)),
          'total s': Number(total.toFixed(1)),
          'read s': Number(((read - started) / 1000).toFixed(1)),
          'validate s': Number(((validated - read) / 1000).toFixed(1)),
          'write s': Number(((written - validated) / 1000).toFixed(1)),
          'related rebuild s': Number(((related - written) / 1000).toFixed(1)),
          'RELATED rels': rebuilt.relationships,
          transactions: summary.transactions,
          nodesCreated: summary.nodesCreated,
          relsCreated: summary.relationshipsCreated,
          'nodes in graph': counts.nodes,
          'rels in graph': counts.relationships,
          'peak RSS': mb(peakRss),
        };
        if (
          counts.studies !== options.count ||
          counts.nodes !== summary.nodesCreated ||
          counts.relationships !== summary.relationshipsCreated
        ) {
          throw new Error(
            `graph counts ${JSON.stringify(counts)} differ from what the load reports (${JSON.stringify(row)})`,
          );
        }
        results.push(row);
        log(`batch size ${batchSize}: ${JSON.stringify(row)}`);
      }
      const deleted = await deleteRun(executor, runPrefix);
      log(`deleted ${deleted} nodes of ${runPrefix}`);
      const left = await executor.read<{ n: number }>(
        'CALL { MATCH (n:StudyPart) WHERE n.studyId STARTS WITH $p RETURN count(n) AS a } CALL { MATCH (n:Study) WHERE n.id STARTS WITH $p RETURN count(n) AS b } RETURN a + b AS n',
        { p: runPrefix },
      );
      if (left[0].n !== 0) throw new Error(`${left[0].n} nodes of ${runPrefix} are left`);

      const { totalmem } = os;
      console.log(
        `\nBulk load of ${options.count} synthetic studies (${mb(bytes)} JSON) into ${local ? 'a local Neo4j started by the bench' : uri}; ${os.cpus().length} CPUs, ${mb(totalmem())} RAM; Node ${process.version}`,
      );
      console.table(results);
      console.log(`Peak RSS of the bench process over the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}`);
      succeeded = true;
    } finally {
      await driver.close();
    }
  } finally {
    if (local) {
      await local.stop();
      // The generated conf/ and logs/ of this one-off data folder (kept after a failure, for its logs).
      if (succeeded) fs.rmSync(local.instanceDir, { recursive: true, force: true });
      else log(`Neo4j logs kept in ${local.instanceDir}`);
    }
    if (!options.keepFiles) fs.rmSync(tempDir, { recursive: true, force: true });
    else log(`files kept in ${tempDir}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
