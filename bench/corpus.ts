/**
 * A deterministic benchmark corpus, loaded through the bulk loader.
 *
 *   npm run corpus -- --studies 10000 [--seed 1] [--batch-size 500]
 *
 * Study i is a copy of one of the seed study files (drawn by the seeded generator) under the key
 * "corpus-<i>", titled as synthetic (never a real trial), whose concept references are redrawn
 * with a Zipf-like skew over the seeds' vocabulary followed by synthetic concepts
 * ("corpus-v-…"): the seeds' concepts come first, so midgut NET, PFS or everolimus are shared by
 * thousands of studies, and a long tail of synthetic ones by a few each. Measured values vary a
 * little so that studies differ. The studies are written without their related lists, which are
 * then computed for all at once (rebuildRelated, as `npm run related:rebuild`). NEO4J_URI (and
 * the other NEO4J_* settings) name the database.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../src/config';
import { createDriver, Executor } from '../src/db/executor';
import { migrate } from '../src/db/migrate';
import { loadSeedTexts } from '../src/seeds/seed.loader';
import { rebuildRelated } from '../src/studies/related.service';

type Json = any;

export const CORPUS_PREFIX = 'corpus';
const SYNTHETIC = { conditions: 120, interventions: 300, outcomeConcepts: 80, predictors: 120 };
const GROUPS = ['conditions', 'interventions', 'outcomeConcepts', 'predictors'] as const;
type Group = (typeof GROUPS)[number];

/** mulberry32: a small seeded generator, so the same seed gives the same corpus. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws items with probability ∝ 1 / rank^1.1 (rank 1 = the first item). */
function zipf<T>(items: T[], random: () => number): () => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, i) => cumulative.push((total += 1 / Math.pow(i + 1, 1.1))));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The synthetic concepts of the corpus, as a vocabulary file; each synthetic condition IS_A a seed condition. */
export function corpusVocabulary(seedVocabulary: Json, random: () => number): Json {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const kinds: Record<Group, string[]> = {
    conditions: ['DISEASE'],
    interventions: ['DRUG', 'PROCEDURE', 'RADIOPHARMACEUTICAL'],
    outcomeConcepts: [],
    predictors: ['BIOMARKER', 'DEMOGRAPHIC', 'DISEASE_EXTENT'],
  };
  const vocabulary: Json = { format: 'net-trials/vocabulary@1' };
  for (const group of GROUPS) {
    vocabulary[group] = Array.from({ length: SYNTHETIC[group] }, (_, i) => {
      const singular = {
        conditions: 'condition',
        interventions: 'intervention',
        outcomeConcepts: 'outcome-concept',
        predictors: 'predictor',
      }[group];
      const concept: Json = {
        id: `${CORPUS_PREFIX}-v-${singular}-${i + 1}`,
        name: `Synthetic ${singular.replace('-', ' ')} ${i + 1}`,
        synonyms: [],
      };
      if (group === 'conditions')
        Object.assign(concept, { kind: 'DISEASE', broader: [(pick(seedVocabulary.conditions) as Json).id] });
      else if (group === 'outcomeConcepts') concept.abbreviation = null;
      else concept.kind = pick(kinds[group]);
      return concept;
    });
  }
  return vocabulary;
}

/** Study `index` of the corpus. */
export function corpusStudy(
  template: Json,
  index: number,
  draw: Record<Group, () => string>,
  random: () => number,
): Json {
  const s = JSON.parse(JSON.stringify(template));
  const id = `${CORPUS_PREFIX}-${String(index).padStart(6, '0')}`;
  const doc = (key: string) => `${id}-doc-${key}`;
  const pub = (key: string) => `${id}-pub-${key}`;
  const source = s.study.id;
  s.study.id = id;
  s.study.acronym = null;
  s.study.registryIds = [];
  s.study.title = `Synthetic corpus study ${index} (shape of ${source}; not a real trial)`;
  s.study.notes = ['Synthetic benchmark data written by bench/corpus.ts.'];
  const year = 1990 + Math.floor(random() * 35);
  for (const d of s.documents)
    Object.assign(d, {
      id: doc(d.id),
      title: `Synthetic document of ${id}`,
      url: null,
      publication: d.publication ? pub(d.publication) : null,
    });
  for (const p of s.publications)
    Object.assign(p, { id: pub(p.id), title: `Synthetic publication of ${id}`, pmid: null, doi: null, year });
  s.population.conditions = [...new Set(s.population.conditions.map(() => draw.conditions()))];
  for (const arm of s.arms) {
    const seen = new Set<string>();
    for (const r of arm.receives) {
      let next = draw.interventions();
      while (seen.has(next)) next = draw.interventions();
      seen.add(next);
      r.intervention = next;
    }
  }
  for (const o of s.outcomes) {
    o.concept = draw.outcomeConcepts();
    for (const m of o.measurements) {
      if (typeof m.value !== 'number') continue;
      m.value = Math.round(m.value * (0.8 + random() * 0.4) * 10) / 10;
      if (m.unit === 'PERCENT') m.value = Math.min(100, m.value);
    }
  }
  for (const f of s.predictorFindings) f.predictor = draw.predictors();
  retargetEvidence(s, doc);
  return s;
}

/** Points every evidence entry of a copied study file at its renamed document. */
export function retargetEvidence(s: Json, doc: (key: string) => string): void {
  const retarget = (e: Json) => (e.document = doc(e.document));
  s.population.evidence.forEach(retarget);
  for (const a of s.arms) a.evidence.forEach(retarget);
  for (const o of s.outcomes) for (const x of [...o.measurements, ...o.comparisons]) retarget(x.evidence);
  for (const x of [...s.predictorFindings, ...s.adverseEvents]) retarget(x.evidence);
}

/** The seed file of the corpus's own concepts, the first text of `corpusTexts`. */
const CORPUS_VOCABULARY_FILE = 'corpus-vocabulary.json';

/**
 * The corpus as seed texts, ready for the loader: its vocabulary, then `count` studies, made one
 * at a time as they are read (100,000 studies held at once, with what the loader makes of them,
 * do not fit in the benchmark's heap).
 */
export function* corpusTexts(count: number, seed: number): Generator<{ file: string; text: string }> {
  const random = generator(seed);
  const seedVocabulary = readJson(path.join(REPO_ROOT, 'seeds', 'vocabulary.json'));
  const vocabulary = corpusVocabulary(seedVocabulary, random);
  const draw = Object.fromEntries(
    GROUPS.map((g) => [
      g,
      zipf(
        [...seedVocabulary[g], ...vocabulary[g]].map((c: Json) => c.id),
        random,
      ),
    ]),
  ) as Record<Group, () => string>;
  const templates = fs
    .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(path.join(REPO_ROOT, 'seeds', 'studies', f)));
  yield { file: CORPUS_VOCABULARY_FILE, text: JSON.stringify(vocabulary) };
  for (let i = 1; i <= count; i += 1) {
    yield {
      file: `corpus-${i}.json`,
      text: JSON.stringify(corpusStudy(templates[Math.floor(random() * templates.length)], i, draw, random)),
    };
  }
}

/** Corpus studies made, validated and loaded at a time. */
const CORPUS_CHUNK = 10_000;

/** Loads the seeds and a corpus of `count` studies into the database of `executor`. */
export async function loadCorpus(
  executor: Executor,
  count: number,
  seed: number,
  batchSize: number,
  log: (m: string) => void,
): Promise<void> {
  await migrate(executor);
  await loadSeedTexts(executor, [
    { file: 'vocabulary.json', text: fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'vocabulary.json'), 'utf8') },
    ...fs
      .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
      .map((f) => ({ file: f, text: fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'studies', f), 'utf8') })),
  ]);
  log(
    `loading ${count} corpus studies (seed ${seed}) in batches of ${batchSize}, ${CORPUS_CHUNK} made and validated at a time`,
  );
  let last = Date.now();
  const started = Date.now();
  let written = 0;
  // Each chunk is loaded as the seed loader loads files (validated whole, then written in
  // batches); the corpus vocabulary comes with the first, and the later ones refer to it.
  const load = async (chunk: { file: string; text: string }[]) => {
    await loadSeedTexts(executor, chunk, {
      batchSize,
      // The related lists are computed once for the whole corpus below, as `npm run related:rebuild` does.
      related: 'defer',
      onProgress: (done, total) => {
        if (Date.now() - last > 10_000 || (done === total && written + done === count)) {
          last = Date.now();
          log(
            `${written + done}/${count} corpus studies written (${Math.round(((written + done) / (Date.now() - started)) * 1000)}/s)`,
          );
        }
      },
    });
    written += chunk.filter((t) => t.file !== CORPUS_VOCABULARY_FILE).length;
  };
  let chunk: { file: string; text: string }[] = [];
  for (const text of corpusTexts(count, seed)) {
    chunk.push(text);
    if (chunk.length >= CORPUS_CHUNK) {
      await load(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await load(chunk);
  const rebuilt = await rebuildRelated(executor, { log: (m) => log(`related lists: ${m}`) });
  log(
    `related lists of ${rebuilt.studies} studies rebuilt: ${rebuilt.relationships} RELATED relationships (read ${rebuilt.seconds.read.toFixed(1)} s, rank ${rebuilt.seconds.rank.toFixed(1)} s, write ${rebuilt.seconds.write.toFixed(1)} s)`,
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const value = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
    return value;
  };
  const config = loadConfig();
  if (!config.neo4jUri) throw new Error('Set NEO4J_URI to the Neo4j to load (npm run bench starts one of its own).');
  const driver = createDriver(config.neo4jUri, config.neo4jUsername, config.neo4jPassword);
  try {
    const executor = new Executor(driver, { database: config.neo4jDatabase, readTimeoutMs: 600_000 });
    await loadCorpus(executor, arg('studies', 10_000), arg('seed', 1), arg('batch-size', 500), (m) =>
      process.stderr.write(`[corpus] ${m}\n`),
    );
  } finally {
    await driver.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
