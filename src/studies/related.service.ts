import { int, ManagedTransaction } from 'neo4j-driver';
import { Executor } from '../db/executor';
import {
  ALL_PROFILES,
  CANDIDATE_PROFILES,
  CONCEPT_LABELS,
  CONDITION_ANCESTORS,
  DETACH_RELATED,
  FREQUENCIES,
  FULL_LISTS_HOLDING,
  INSERT_INTO_LISTS,
  LOCK_CONCEPTS,
  LOCK_STUDIES,
  PROFILES_OF,
  RECOUNT,
  SET_COUNTS,
  STUDIES_WITH_CONDITIONS,
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
  KIND_PROPERTY,
  relate,
  RELATED_PER_STUDY,
  RelatedEntry,
  SHARED_KINDS,
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

// Beyond this many lists to recompute, reading every study is cheaper than finding the candidates of each.
const CANDIDATES_BY_QUERY_UP_TO = 20;

async function rows<T>(tx: Tx, cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await tx.run(cypher, params)).records.map((r) => r.toObject() as T);
}

async function profiles(tx: Tx, cypher: string, params: Record<string, unknown>): Promise<Profile[]> {
  return rows<Profile>(tx, cypher, params);
}

async function readAncestors(tx: Tx): Promise<Ancestors> {
  return new Map((await rows<{ id: string; ancestors: string[] }>(tx, CONDITION_ANCESTORS)).map((r) => [r.id, r.ancestors]));
}

async function readFrequencies(tx: Tx): Promise<Frequencies> {
  const [row] = await rows<{ studies: number } & Record<'conditions' | 'interventions' | 'outcomeConcepts' | 'predictors', [string, number][]>>(tx, FREQUENCIES);
  const holders = new Map<string, number>();
  const groups: [ConceptLabel, [string, number][]][] = [
    ['Condition', row.conditions],
    ['Intervention', row.interventions],
    ['OutcomeConcept', row.outcomeConcepts],
    ['Predictor', row.predictors],
  ];
  for (const [label, entries] of groups) for (const [id, n] of entries) holders.set(conceptKey(label, id), Number(n));
  return { studies: Number(row.studies), holders };
}

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
 * After a vocabulary was written, in its transaction: the studies that hold a condition whose
 * ancestors changed (an IS_A link added or dropped) hold other concepts now; their counts and
 * lists are updated as if they had been written again. Nothing to do when no link changed.
 */
export async function relatedAfterVocabulary(tx: Tx, before: Ancestors): Promise<void> {
  const after = await readAncestors(tx);
  const same = (x: readonly string[] = [], y: readonly string[] = []) => x.length === y.length && [...x].sort().join('\u0000') === [...y].sort().join('\u0000');
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((c) => !same(before.get(c), after.get(c)));
  if (changed.length === 0) return;
  const studies = (await rows<{ id: string }>(tx, STUDIES_WITH_CONDITIONS, { ids: changed })).map((r) => r.id);
  if (studies.length === 0) return;
  await relatedAfter(tx, await relatedBefore(tx, studies, before), studies);
}

/**
 * After studies were written (`written`: created or replaced, now in the graph) or deleted, in
 * the same transaction as the write: updates the concept counts, recomputes the lists of the
 * written studies and of the studies whose full lists lost one of them, and puts each written
 * study into the other lists it now reaches.
 */
export async function relatedAfter(tx: Tx, before: RelatedBefore, written: string[]): Promise<void> {
  const ancestors = await readAncestors(tx);
  const current = written.length > 0 ? await profiles(tx, PROFILES_OF, { ids: written }) : [];
  await recount(tx, before.previous, current.map((p) => holdingsOf(p, ancestors)));

  const writtenSet = new Set(written);
  const affected = [...new Set(before.holders)].filter((id) => !writtenSet.has(id)).sort();
  if (affected.length > 0) await tx.run(LOCK_STUDIES, { ids: affected });
  const recompute = [...written, ...affected];
  if (recompute.length === 0) return;

  const freq = await readFrequencies(tx);
  const candidates = await profiles(tx, recompute.length <= CANDIDATES_BY_QUERY_UP_TO ? CANDIDATE_PROFILES : ALL_PROFILES, { ids: recompute });
  const holdings = candidates.map((p) => holdingsOf(p, ancestors));
  const byId = new Map(holdings.map((h) => [h.id, h]));
  const ranked = topRelatedOfAll(holdings, ancestors, freq, RELATED_PER_STUDY, undefined, new Set(recompute));
  await tx.run(WRITE_LISTS, { lists: [...ranked].map(([id, entries]) => listRow(id, entries)) });

  // Each written study enters the lists of the others it reaches (relatedness is symmetric).
  const recomputed = new Set(recompute);
  const floors = new Map(candidates.map((p) => [p.id, p.floor]));
  const inserts: { from: string; to: string; props: Record<string, unknown> }[] = [];
  for (const id of written) {
    const study = byId.get(id);
    if (!study) continue;
    for (const other of holdings) {
      if (recomputed.has(other.id)) continue;
      const entry = relate(other, study, ancestors, freq);
      const floor = floors.get(other.id) ?? null;
      if (entry && (floor === null || entry.scoreMilli / 1000 >= floor)) inserts.push({ from: other.id, to: id, props: edgeProps(entry) });
    }
  }
  if (inserts.length > 0) {
    await tx.run(LOCK_STUDIES, { ids: [...new Set(inserts.map((r) => r.from))].sort() });
    await tx.run(INSERT_INTO_LISTS, { rows: inserts, k: int(RELATED_PER_STUDY) });
  }
}

/**
 * Counts again the studies holding each concept that `removed` held before or `added` holds now
 * (a count is exact after each write, even where studies were deleted without this module),
 * after locking those concepts in key order.
 */
async function recount(tx: Tx, removed: Holdings[], added: Holdings[]): Promise<void> {
  const byLabel = new Map<ConceptLabel, Set<string>>(CONCEPT_LABELS.map((label) => [label, new Set()]));
  for (const h of [...removed, ...added]) for (const { label, id } of heldConcepts(h)) byLabel.get(label)!.add(id);
  const ids = (label: ConceptLabel) => [...byLabel.get(label)!].sort();
  for (const label of CONCEPT_LABELS) if (ids(label).length > 0) await tx.run(LOCK_CONCEPTS[label], { ids: ids(label) });
  for (const label of CONCEPT_LABELS) if (ids(label).length > 0) await tx.run(RECOUNT[label], { ids: ids(label) });
}

export interface RebuildSummary {
  studies: number;
  relationships: number;
  seconds: { read: number; rank: number; write: number };
}

/**
 * Recomputes every concept count and every related list from the graph: reads all studies in
 * one read, ranks them in memory, and writes the lists as they are ranked, in transactions of `batchSize` studies
 * (each study's list is replaced whole, so a reader sees its old list or its new one). Run it
 * while no import runs.
 */
export async function rebuildRelated(executor: Executor, options: { batchSize?: number; log?: (message: string) => void } = {}): Promise<RebuildSummary> {
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 500;
  const started = Date.now();
  const { ancestors, all } = await executor.writeTransaction(async (tx) => {
    const ancestorsRead = await readAncestors(tx);
    return { ancestors: ancestorsRead, all: (await profiles(tx, ALL_PROFILES, {})).map((p) => holdingsOf(p, ancestorsRead)) };
  });
  const read = Date.now();
  log(`read ${all.length} studies in ${((read - started) / 1000).toFixed(1)} s; ranking`);
  const holders = countHolders(all);
  const freq: Frequencies = { studies: all.length, holders };
  await executor.writeTransaction(async (tx) => {
    for (const label of CONCEPT_LABELS) {
      const counts = Object.fromEntries([...holders].filter(([key]) => key.startsWith(`${label}:`)).map(([key, n]) => [key.slice(label.length + 1), n]));
      await tx.run(SET_COUNTS[label], { counts });
    }
  });
  // Lists are written as they are ranked, `batchSize` studies per transaction, so that memory holds one batch.
  let lastLog = Date.now();
  let relationships = 0;
  let rankMs = 0;
  let batch: ReturnType<typeof listRow>[] = [];
  const flush = async (done: number, total: number) => {
    await executor.writeTransaction((tx) => tx.run(WRITE_LISTS, { lists: batch }));
    relationships += batch.reduce((n, l) => n + l.edges.length, 0);
    batch = [];
    if (Date.now() - lastLog > 5_000 || done === total) {
      lastLog = Date.now();
      log(`ranked and wrote the lists of ${done}/${total} studies (${relationships} RELATED relationships)`);
    }
  };
  let mark = Date.now();
  for (const [id, entries, done, total] of rankEach(all, ancestors, freq)) {
    batch.push(listRow(id, entries));
    if (batch.length >= batchSize || done === total) {
      rankMs += Date.now() - mark;
      await flush(done, total);
      mark = Date.now();
    }
  }
  const written = Date.now();
  const rank = rankMs / 1000;
  return { studies: all.length, relationships, seconds: { read: (read - started) / 1000, rank, write: (written - read) / 1000 - rank } };
}
