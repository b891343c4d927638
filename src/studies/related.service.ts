import { int, ManagedTransaction } from 'neo4j-driver';
import { Executor } from '../db/executor';
import {
  ADD_COUNTS,
  ALL_PROFILES,
  CANDIDATE_PROFILES,
  CONCEPT_LABELS,
  CONCEPT_ANCESTORS,
  DETACH_RELATED,
  FREQUENCIES,
  FULL_LISTS_HOLDING,
  INSERT_INTO_LISTS,
  LOCK_CONCEPTS,
  LOCK_STUDIES,
  PROFILES_OF,
  RECOUNT,
  SET_COUNTS,
  STUDIES_HOLDING,
  STUDIES_WITH_CONCEPTS,
  WRITE_LISTS,
} from './related.repository';
import {
  Ancestors,
  conceptKey,
  ConceptLabel,
  countHolders,
  Frequencies,
  heldConcepts,
  Holdings,
  holdingsOf,
  isRare,
  KIND_PROPERTY,
  RARE_HOLDERS_MAX,
  rareConcepts,
  relate,
  RELATED_PER_STUDY,
  RelatedEntry,
  SHARED_KINDS,
  sharesRare,
  StudyProfile,
  rankEach,
  topRelatedOfAll,
} from './related.score';

/**
 * Keeps the stored related lists (RELATED relationships, at most RELATED_PER_STUDY per study)
 * and the concept counts right inside the transaction that imports or deletes studies, and
 * rebuilds them all at once (`npm run related:rebuild`). schema/README.md says how exact they are.
 */

type Profile = StudyProfile & { floor: number | null };
type Tx = Pick<ManagedTransaction, 'run'>;

/** `rareMax`: the bound of a rare concept (default RARE_HOLDERS_MAX; a test may lower it to have common concepts among few studies). */
export interface RelatedOptions {
  rareMax?: number;
}

async function rows<T>(tx: Tx, cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await tx.run(cypher, params)).records.map((r) => r.toObject() as T);
}

async function profiles(tx: Tx, cypher: string, params: Record<string, unknown>): Promise<Profile[]> {
  return rows<Profile>(tx, cypher, params);
}

async function readAncestors(tx: Tx): Promise<Ancestors> {
  return new Map(
    (await rows<{ id: string; ancestors: string[] }>(tx, CONCEPT_ANCESTORS)).map((r) => [r.id, r.ancestors]),
  );
}

/**
 * The number of studies, and the holders of the concepts of `keys` (conceptKey form) as stored
 * now: the concepts a change weighs (a missing key counts 0 holders, as an unheld concept does).
 */
async function readFrequencies(tx: Tx, rareMax: number, keys: Iterable<string>): Promise<Frequencies> {
  const ids: Record<ConceptLabel, string[]> = { Condition: [], Intervention: [], OutcomeConcept: [], Predictor: [] };
  for (const key of new Set(keys)) {
    const [label, id] = splitKey(key);
    ids[label].push(id);
  }
  const params = {
    conditions: ids.Condition,
    interventions: ids.Intervention,
    outcomeConcepts: ids.OutcomeConcept,
    predictors: ids.Predictor,
  };
  const [row] = await rows<
    Record<'conditions' | 'interventions' | 'outcomeConcepts' | 'predictors', [string, number][]>
  >(tx, FREQUENCIES, params);
  const holders = new Map<string, number>();
  const groups: [ConceptLabel, [string, number][]][] = [
    ['Condition', row.conditions],
    ['Intervention', row.interventions],
    ['OutcomeConcept', row.outcomeConcepts],
    ['Predictor', row.predictors],
  ];
  for (const [label, entries] of groups) for (const [id, n] of entries) holders.set(conceptKey(label, id), Number(n));
  return { holders, rareMax };
}

/** The concepts the given studies hold, as concept keys. */
const keysHeldBy = (studies: readonly Holdings[]) =>
  studies.flatMap((h) => heldConcepts(h).map(({ label, id }) => conceptKey(label, id)));

/** The properties of the RELATED relationship of one entry: its score and the keys of the shared concepts by kind. */
export function edgeProps(entry: RelatedEntry): Record<string, unknown> {
  const props: Record<string, unknown> = { score: entry.scoreMilli / 1000 };
  // A kind the two studies do not share has no property (the read finds no key in a missing list).
  for (const kind of SHARED_KINDS) {
    const ids = entry.shared.filter((s) => s.kind === kind).map((s) => s.id);
    if (ids.length > 0) props[KIND_PROPERTY[kind]] = ids;
  }
  return props;
}

function listRow(id: string, entries: RelatedEntry[]) {
  return {
    id,
    floor: entries.length >= RELATED_PER_STUDY ? entries[RELATED_PER_STUDY - 1].scoreMilli / 1000 : null,
    edges: entries.map((e) => ({ to: e.id, props: edgeProps(e) })),
  };
}

/** What relatedness must know of studies about to be replaced or deleted, read before they change. */
export interface RelatedBefore {
  /** What those that exist held (what they added to the counts). */
  previous: Holdings[];
  /** Studies whose full list held one of them: recomputed afterwards. */
  holders: string[];
}

export const NOTHING_BEFORE: RelatedBefore = { previous: [], holders: [] };

/**
 * Before studies are replaced or deleted, in the same transaction: reads what they held (their
 * conditions closed over `ancestors`, by default the stored hierarchy) and which full lists hold
 * them, and removes their RELATED relationships (both ways).
 */
export async function relatedBefore(tx: Tx, ids: string[], ancestors?: Ancestors): Promise<RelatedBefore> {
  if (ids.length === 0) return NOTHING_BEFORE;
  const found = await profiles(tx, PROFILES_OF, { ids });
  if (found.length === 0) return NOTHING_BEFORE;
  const hierarchy = ancestors ?? (await readAncestors(tx));
  const existing = found.map((p) => p.id);
  const holders = (await rows<{ id: string }>(tx, FULL_LISTS_HOLDING, { ids: existing })).map((r) => r.id);
  await tx.run(DETACH_RELATED, { ids: existing });
  return { previous: found.map((p) => holdingsOf(p, hierarchy)), holders };
}

/** The IS_A hierarchy as stored now: read before a vocabulary is written, for `relatedAfterVocabulary`. */
export const readHierarchy = (tx: Tx) => readAncestors(tx);

/**
 * After a vocabulary was written, in its transaction: the studies that hold a condition,
 * intervention or outcome concept whose ancestors changed (an IS_A link added or dropped) hold other concepts now; their counts and
 * lists are updated as if they had been written again. Nothing to do when no link changed.
 */
export async function relatedAfterVocabulary(tx: Tx, before: Ancestors, options: RelatedOptions = {}): Promise<void> {
  const after = await readAncestors(tx);
  const same = (x: readonly string[] = [], y: readonly string[] = []) =>
    x.length === y.length && [...x].sort().join('\u0000') === [...y].sort().join('\u0000');
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((c) => !same(before.get(c), after.get(c)));
  if (changed.length === 0) return;
  const of = (label: string) => changed.filter((k) => k.startsWith(`${label}:`)).map((k) => k.slice(label.length + 1));
  const params = {
    conditions: changed.filter((k) => !k.includes(':')),
    interventions: of('Intervention'),
    outcomeConcepts: of('OutcomeConcept'),
  };
  const studies = (await rows<{ id: string }>(tx, STUDIES_WITH_CONCEPTS, params)).map((r) => r.id);
  if (studies.length === 0) return;
  await relatedAfter(tx, await relatedBefore(tx, studies, before), studies, options);
}

/**
 * After studies were written (`written`: created or replaced, now in the graph) or deleted, in
 * the same transaction as the write: locks the rare concepts the written studies hold (so that
 * two imports sharing one are serialized), recomputes the lists of the written studies and of the
 * studies whose full lists lost one of them against the holders of their rare concepts, puts each
 * written study into the lists of the others it now reaches, and last updates the concept counts
 * of the written studies (a deleted study's are taken off by DELETE_STUDY itself).
 */
export async function relatedAfter(
  tx: Tx,
  before: RelatedBefore,
  written: string[],
  options: RelatedOptions = {},
): Promise<void> {
  const rareMax = options.rareMax ?? RARE_HOLDERS_MAX;
  const ancestors = await readAncestors(tx);
  const current =
    written.length > 0 ? (await profiles(tx, PROFILES_OF, { ids: written })).map((p) => holdingsOf(p, ancestors)) : [];
  const writtenSet = new Set(written);
  const change = countChange(
    before.previous.filter((h) => writtenSet.has(h.id)),
    current,
  );

  // What is weighed: the concepts the written studies hold now or held before, and those whose counts change.
  const weighed = new Set([...keysHeldBy(current), ...keysHeldBy(before.previous), ...change.keys()]);
  // The rare concepts the written studies hold or whose counts change, locked before anything is ranked.
  const stored = await readFrequencies(tx, rareMax, weighed);
  const rareNowOrBefore = (label: ConceptLabel, id: string) =>
    isRare(stored, label, id) || isRare(withChange(stored, change), label, id);
  const early = new Set<string>();
  for (const h of current)
    for (const { label, id } of heldConcepts(h)) if (rareNowOrBefore(label, id)) early.add(conceptKey(label, id));
  for (const key of change.keys()) {
    const [label, id] = splitKey(key);
    if (rareNowOrBefore(label, id)) early.add(key);
  }
  await runPerLabel(tx, LOCK_CONCEPTS, early, (ids) => ({ ids }));
  // Counted again now that they are locked: with this transaction's change, what the counts will be at its commit.
  const locked = await readFrequencies(tx, rareMax, weighed);
  const freq = withChange(locked, change);

  // A concept that turns common (or rare again) here changes the candidates of its holders: their lists are recomputed.
  const crossing = new Set(
    [...change.keys()].filter((key) => {
      const [label, id] = splitKey(key);
      return early.has(key) && isRare(locked, label, id) !== isRare(freq, label, id);
    }),
  );
  // A deleted study was taken off the counts by DELETE_STUDY: one of its concepts counted rareMax now was common before.
  for (const h of before.previous) {
    if (writtenSet.has(h.id)) continue;
    for (const { label, id } of heldConcepts(h))
      if ((freq.holders.get(conceptKey(label, id)) ?? 0) === rareMax) crossing.add(conceptKey(label, id));
  }
  const crossed: string[] = [];
  await runPerLabel(
    tx,
    STUDIES_HOLDING,
    crossing,
    (ids) => ({ ids }),
    async (result) => {
      for (const r of result.records) crossed.push(r.get('id') as string);
    },
  );

  const affected = [...new Set([...before.holders, ...crossed])].filter((id) => !writtenSet.has(id)).sort();
  if (affected.length > 0) await tx.run(LOCK_STUDIES, { ids: affected });
  const recompute = [...written, ...affected];
  if (recompute.length > 0) await rankAndWrite(tx, current, affected, ancestors, freq);

  // Counts last: the rare ones (locked above) counted again, the common ones changed by their difference, locked from here to the commit.
  await runPerLabel(tx, RECOUNT, new Set([...change.keys()].filter((key) => early.has(key))), (ids) => ({ ids }));
  const added = new Map([...change].filter(([key]) => !early.has(key)));
  await runPerLabel(tx, ADD_COUNTS, new Set(added.keys()), (ids, label) => ({
    rows: ids.map((id) => ({ id, delta: int(added.get(conceptKey(label, id))!) })),
  }));
}

/** Recomputes the lists of the written studies (`current`) and of `affected`, and puts the written ones into the other lists they reach. */
async function rankAndWrite(
  tx: Tx,
  current: Holdings[],
  affected: string[],
  ancestors: Ancestors,
  weighed: Frequencies,
): Promise<void> {
  const others =
    affected.length > 0
      ? (await profiles(tx, PROFILES_OF, { ids: affected })).map((p) => holdingsOf(p, ancestors))
      : [];
  // The concepts of the other lists recomputed are weighed too (their counts do not change here).
  const unread = keysHeldBy(others).filter((key) => !weighed.holders.has(key));
  const freq =
    unread.length > 0
      ? {
          ...weighed,
          holders: new Map([
            ...(await readFrequencies(tx, weighed.rareMax ?? RARE_HOLDERS_MAX, unread)).holders,
            ...weighed.holders,
          ]),
        }
      : weighed;
  const recompute = [...current, ...others];
  const rare = new Map<ConceptLabel, Set<string>>(CONCEPT_LABELS.map((label) => [label, new Set()]));
  for (const h of recompute) for (const { label, id } of rareConcepts(h, freq)) rare.get(label)!.add(id);
  const keys = (label: ConceptLabel) => [...rare.get(label)!].sort();
  const candidates = await profiles(tx, CANDIDATE_PROFILES, {
    ids: recompute.map((h) => h.id),
    conditions: keys('Condition'),
    interventions: keys('Intervention'),
    outcomeConcepts: keys('OutcomeConcept'),
    predictors: keys('Predictor'),
  });
  const holdings = candidates.map((p) => holdingsOf(p, ancestors));
  const recomputed = new Set(recompute.map((h) => h.id));
  const ranked = topRelatedOfAll(holdings, ancestors, freq, RELATED_PER_STUDY, undefined, recomputed);
  await tx.run(WRITE_LISTS, { lists: [...ranked].map(([id, entries]) => listRow(id, entries)) });

  // Each written study enters the lists of the others it reaches (relatedness is symmetric; so is sharing a rare concept).
  const floors = new Map(candidates.map((p) => [p.id, p.floor]));
  const inserts: { from: string; to: string; props: Record<string, unknown> }[] = [];
  for (const study of current) {
    for (const other of holdings) {
      if (recomputed.has(other.id) || !sharesRare(other, study, freq)) continue;
      const entry = relate(other, study, ancestors, freq);
      const floor = floors.get(other.id) ?? null;
      if (entry && (floor === null || entry.scoreMilli / 1000 >= floor))
        inserts.push({ from: other.id, to: study.id, props: edgeProps(entry) });
    }
  }
  if (inserts.length > 0) {
    await tx.run(LOCK_STUDIES, { ids: [...new Set(inserts.map((r) => r.from))].sort() });
    await tx.run(INSERT_INTO_LISTS, { rows: inserts, k: int(RELATED_PER_STUDY) });
  }
}

/** What the counts gain (+1 per study now holding a concept) and lose (-1 per replaced version that held it), by concept key; zeros left out. */
function countChange(removed: Holdings[], added: Holdings[]): Map<string, number> {
  const change = new Map<string, number>();
  const add = (h: Holdings, d: number) => {
    for (const { label, id } of heldConcepts(h))
      change.set(conceptKey(label, id), (change.get(conceptKey(label, id)) ?? 0) + d);
  };
  removed.forEach((h) => add(h, -1));
  added.forEach((h) => add(h, 1));
  for (const [key, d] of change) if (d === 0) change.delete(key);
  return change;
}

/** The frequencies once `change` is applied to the counts. */
function withChange(freq: Frequencies, change: ReadonlyMap<string, number>): Frequencies {
  if (change.size === 0) return freq;
  const holders = new Map(freq.holders);
  for (const [key, d] of change) holders.set(key, (holders.get(key) ?? 0) + d);
  return { ...freq, holders };
}

const splitKey = (key: string): [ConceptLabel, string] => {
  const at = key.indexOf(':');
  return [key.slice(0, at) as ConceptLabel, key.slice(at + 1)];
};

/** Runs a statement of each label over the concepts of `keys` of that label, keys in order (the order every lock is taken in). */
async function runPerLabel(
  tx: Tx,
  statements: Record<ConceptLabel, string>,
  keys: ReadonlySet<string>,
  params: (ids: string[], label: ConceptLabel) => Record<string, unknown>,
  onResult?: (result: Awaited<ReturnType<Tx['run']>>) => Promise<void>,
): Promise<void> {
  for (const label of CONCEPT_LABELS) {
    const ids = [...keys]
      .filter((key) => key.startsWith(`${label}:`))
      .map((key) => key.slice(label.length + 1))
      .sort();
    if (ids.length === 0) continue;
    const result = await tx.run(statements[label], params(ids, label));
    await onResult?.(result);
  }
}

export interface RebuildSummary {
  studies: number;
  relationships: number;
  /** read: every study; rank: in memory; write: waiting for the writes, beyond the ranking they overlap. */
  seconds: { read: number; rank: number; write: number };
}

/**
 * Recomputes every concept count and every related list from the graph: reads all studies in
 * one read, ranks them in memory, and writes the lists as they are ranked, in transactions of `batchSize` studies
 * (each written while the next batch is ranked)
 * (each study's list is replaced whole, so a reader sees its old list or its new one). Run it
 * while no import runs.
 */
export async function rebuildRelated(
  executor: Executor,
  options: RelatedOptions & { batchSize?: number; log?: (message: string) => void } = {},
): Promise<RebuildSummary> {
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 500;
  const started = Date.now();
  const { ancestors, all } = await executor.writeTransaction(async (tx) => {
    const ancestorsRead = await readAncestors(tx);
    return {
      ancestors: ancestorsRead,
      all: (await profiles(tx, ALL_PROFILES, {})).map((p) => holdingsOf(p, ancestorsRead)),
    };
  });
  const read = Date.now();
  log(`read ${all.length} studies in ${((read - started) / 1000).toFixed(1)} s; ranking`);
  const holders = countHolders(all);
  const freq: Frequencies = { holders, rareMax: options.rareMax ?? RARE_HOLDERS_MAX };
  await executor.writeTransaction(async (tx) => {
    for (const label of CONCEPT_LABELS) {
      const counts = Object.fromEntries(
        [...holders].filter(([key]) => key.startsWith(`${label}:`)).map(([key, n]) => [key.slice(label.length + 1), n]),
      );
      await tx.run(SET_COUNTS[label], { counts });
    }
  });
  // Lists are written as they are ranked, `batchSize` studies per transaction, so that memory holds two batches: one
  // batch is written while the next is ranked (one write at a time; ranking yields to the driver every 50 studies).
  let lastLog = Date.now();
  let relationships = 0;
  let rankMs = 0;
  let waitMs = 0;
  let batch: ReturnType<typeof listRow>[] = [];
  let pending: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  const write = (lists: ReturnType<typeof listRow>[], done: number, total: number) =>
    executor
      .writeTransaction((tx) => tx.run(WRITE_LISTS, { lists }))
      .then(
        () => {
          relationships += lists.reduce((n, l) => n + l.edges.length, 0);
          if (Date.now() - lastLog > 5_000 || done === total) {
            lastLog = Date.now();
            log(`ranked and wrote the lists of ${done}/${total} studies (${relationships} RELATED relationships)`);
          }
        },
        (error: unknown) => {
          failure = { error };
        },
      );
  const settle = async () => {
    const waiting = Date.now();
    await pending;
    waitMs += Date.now() - waiting;
    if (failure) throw failure.error;
  };
  let mark = Date.now();
  for (const [id, entries, done, total] of rankEach(all, ancestors, freq)) {
    batch.push(listRow(id, entries));
    if (done % 50 === 0) {
      rankMs += Date.now() - mark;
      await new Promise((resolve) => setImmediate(resolve));
      mark = Date.now();
    }
    if (batch.length >= batchSize || done === total) {
      rankMs += Date.now() - mark;
      await settle();
      pending = write(batch, done, total);
      batch = [];
      mark = Date.now();
    }
  }
  await settle();
  const rank = rankMs / 1000;
  return { studies: all.length, relationships, seconds: { read: (read - started) / 1000, rank, write: waitMs / 1000 } };
}
