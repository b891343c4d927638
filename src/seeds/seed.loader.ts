import fs from 'node:fs';
import path from 'node:path';
import { ManagedTransaction } from 'neo4j-driver';
import { Executor } from '../db/executor';
import { NOTHING_BEFORE, readHierarchy, relatedAfter, relatedAfterVocabulary, relatedBefore } from '../studies/related.service';
import { GraphPlan, mergePlans, NodeLabel, PlannedRel, planStudy, planVocabulary, REL_ENDS, RelShapeKey, StudyPlan } from './seed.plan';
import { BOUNDS } from '../model/bounds';
import { CLAIM_STUDIES, CLEAR_STUDIES, CONDITIONS_PAST_ANCESTOR_BOUND, CONDITIONS_PAST_NARROWER_BOUND, KNOWN_CONCEPTS, MERGE_NODES, MERGE_RELS, PUBLICATIONS_PAST_BOUND, RelLookup, REGISTRY_CODE_SOURCE, PRUNE_CONCERNS, PRUNE_IS_A, PRUNE_SOURCES, STUDY_SOURCES } from './seed.repository';
import { StudyInput } from './seed.schema';
import { Provenance, writeVersions } from '../history/history.service';
import { formatIssue, KnownConcepts, SeedIssue, validateTexts, ValidSeeds } from './seed.validate';

/** Raised when any input breaks a rule: nothing has been written. */
export class SeedValidationError extends Error {
  constructor(readonly issues: SeedIssue[]) {
    super(`${issues.length} problem(s) in the seed input; nothing was written:\n${issues.map(formatIssue).join('\n')}`);
  }
}

export type StudyStatus = 'created' | 'updated' | 'unchanged';

export interface LoadSummary {
  vocabularies: number;
  studies: Record<StudyStatus, number>;
  perStudy: { id: string; status: StudyStatus }[];
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  transactions: number;
}

export interface LoadOptions {
  /** Studies per write transaction: 1 (default) makes each study atomic on its own; larger batches (the bulk path) make each batch atomic. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * `maintain` (default): each transaction also updates the related lists and concept counts of
   * the studies it writes (src/studies/related.service.ts). `defer`: it does not, and the caller
   * runs `rebuildRelated` afterwards (the bulk loads of the benchmark).
   */
  related?: 'maintain' | 'defer';
  /**
   * What each written study's new version records: what wrote it, who and why, and a registry
   * record's JSON (src/history/). By default the seed loader, with the study file as the document.
   */
  provenance?: (studyId: string) => Provenance;
}

/** The provenance of a load that names none: the seed loader. */
export const SEED_LOADER: Provenance = { source: 'SEED_LOADER', changedBy: 'seed loader' };

const emptySummary = (): LoadSummary => ({
  vocabularies: 0,
  studies: { created: 0, updated: 0, unchanged: 0 },
  perStudy: [],
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  transactions: 0,
});

/** Reads a seed file, or every `.json` file under a folder (recursively, in path order). */
export function readSeedInputs(target: string): { file: string; text: string }[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [{ file: target, text: fs.readFileSync(target, 'utf8') }];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // reference/ folders below the target hold the documents quotes are checked against, not seeds.
      if (entry.isDirectory()) {
        if (entry.name !== 'reference') walk(full);
      } else if (entry.name.endsWith('.json')) files.push(full);
    }
  };
  walk(target);
  return files.sort().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

/** Reads the concept keys already stored, so that study files may reference them. */
export async function knownConcepts(executor: Executor): Promise<KnownConcepts> {
  const [row] = await executor.read<Record<keyof KnownConcepts, string[]>>(KNOWN_CONCEPTS, {});
  return {
    conditions: new Set(row.conditions),
    interventions: new Set(row.interventions),
    outcomeConcepts: new Set(row.outcomeConcepts),
    predictors: new Set(row.predictors),
  };
}

/** Parses and validates texts against the format and the stored concepts; throws `SeedValidationError` listing every problem. */
export async function validateInputs(executor: Executor, inputs: { file: string; text: string }[]): Promise<ValidSeeds> {
  const { seeds, issues } = validateTexts(inputs, await knownConcepts(executor));
  if (!seeds) throw new SeedValidationError(issues);
  return seeds;
}

/**
 * Loads seed texts: validates all of them first (nothing is written if any is invalid), then
 * writes the vocabularies, then the studies, each batch of studies in one transaction with
 * MERGE on constrained keys. A study whose content is unchanged is left as it is, so a
 * second load changes no count; a changed study is replaced whole.
 */
export async function loadSeedTexts(executor: Executor, inputs: { file: string; text: string }[], options: LoadOptions = {}): Promise<LoadSummary> {
  const seeds = await validateInputs(executor, inputs);
  return writeSeeds(executor, seeds, options);
}

/** Loads a seed file or folder (see `loadSeedTexts`). */
export async function loadSeedPath(executor: Executor, target: string, options: LoadOptions = {}): Promise<LoadSummary> {
  return loadSeedTexts(executor, readSeedInputs(target), options);
}

/** Writes validated seeds. */
export async function writeSeeds(executor: Executor, seeds: ValidSeeds, options: LoadOptions = {}): Promise<LoadSummary> {
  const summary = emptySummary();
  for (const { file, data } of seeds.vocabularies) {
    const plan = planVocabulary(data);
    const prune = {
      Condition: data.conditions.map((c) => ({ id: c.id, broader: c.broader })),
      Intervention: data.interventions.map((c) => ({ id: c.id, broader: c.broader })),
      OutcomeConcept: data.outcomeConcepts.map((c) => ({ id: c.id, broader: c.broader })),
    };
    await executor.writeTransaction(async (tx) => {
      const counters = newCounters();
      const hierarchy = options.related === 'defer' ? null : await readHierarchy(tx);
      await writePlan(tx, plan, counters);
      for (const label of ['Condition', 'Intervention', 'OutcomeConcept'] as const) {
        if (prune[label].length > 0) add(counters, await tx.run(PRUNE_IS_A[label], { rows: prune[label] }));
      }
      if (data.predictors.length > 0) add(counters, await tx.run(PRUNE_CONCERNS, { rows: data.predictors.map((p) => ({ id: p.id, intervention: p.intervention })) }));
      await refuseConditionsPastBounds(tx, file, data.conditions);
      // Studies whose conditions gained or lost an ancestor now share other concepts.
      if (hierarchy) await relatedAfterVocabulary(tx, hierarchy);
      return counters;
    }).then((c) => addCounters(summary, c));
    summary.vocabularies += 1;
    summary.transactions += 1;
  }
  await writeStudies(executor, seeds.studies.map((s) => s.data), summary, options);
  return summary;
}

async function writeStudies(executor: Executor, studies: StudyInput[], summary: LoadSummary, options: LoadOptions): Promise<void> {
  const batchSize = Math.max(1, options.batchSize ?? 1);
  for (let start = 0; start < studies.length; start += batchSize) {
    const plans = studies.slice(start, start + batchSize).map(planStudy);
    const { statuses, counters } = await executor.writeTransaction((tx) => writeStudyBatch(tx, plans, options.related ?? 'maintain', options.provenance));
    addCounters(summary, counters);
    summary.transactions += 1;
    for (const entry of statuses) {
      summary.studies[entry.status] += 1;
      summary.perStudy.push(entry);
    }
    options.onProgress?.(Math.min(start + batchSize, studies.length), studies.length);
  }
}

/**
 * Writes a batch of studies inside one transaction, with the related lists and concept counts
 * they change (unless `related` is `defer`); runs again whole if the driver retries it. Exported
 * so that tests can run it in a transaction of theirs.
 */
export async function writeStudyBatch(tx: ManagedTransaction, plans: StudyPlan[], related: 'maintain' | 'defer' = 'maintain', provenance: (studyId: string) => Provenance = () => SEED_LOADER) {
  const counters = newCounters();
  const claimed = await tx.run(CLAIM_STUDIES, { studies: plans.map((p) => ({ id: p.studyId, hash: p.contentHash })) });
  add(counters, claimed);
  const previous = new Map(claimed.records.map((r) => [r.get('id') as string, r.get('previous') as string | null]));
  const statuses: { id: string; status: StudyStatus }[] = [];
  const changed: StudyPlan[] = [];
  for (const plan of plans) {
    const before = previous.get(plan.studyId) ?? null;
    const status: StudyStatus = before === null ? 'created' : before === plan.contentHash ? 'unchanged' : 'updated';
    statuses.push({ id: plan.studyId, status });
    if (status !== 'unchanged') changed.push(plan);
  }
  if (changed.length > 0) {
    const updated = changed.filter((p) => previous.get(p.studyId) !== null).map((p) => p.studyId);
    // What the replaced versions held, read before they are cleared.
    const before = related === 'maintain' && updated.length > 0 ? await relatedBefore(tx, updated) : NOTHING_BEFORE;
    const sources = { documents: new Set<string>(), publications: new Set<string>() };
    if (updated.length > 0) {
      for (const r of (await tx.run(STUDY_SOURCES, { ids: updated })).records) {
        for (const id of r.get('documents') as string[]) sources.documents.add(id);
        for (const id of r.get('publications') as string[]) sources.publications.add(id);
      }
      add(counters, await tx.run(CLEAR_STUDIES, { ids: updated }));
    }
    const plan = mergePlans(changed);
    await writePlan(tx, plan, counters);
    await refusePublicationsPastBound(tx, (plan.nodes.Publication ?? []).map((n) => n.id));
    // Sources the old versions cited and the new ones do not: deleted unless another study still uses them.
    for (const n of plan.nodes.Document ?? []) sources.documents.delete(n.id);
    for (const n of plan.nodes.Publication ?? []) sources.publications.delete(n.id);
    if (sources.documents.size + sources.publications.size > 0) {
      add(counters, await tx.run(PRUNE_SOURCES, { documents: [...sources.documents], publications: [...sources.publications] }));
    }
    // Each changed study gets a version in the same transaction: a version exists if and only if its change was committed.
    await writeVersions(tx, changed.map((p) => ({ id: p.studyId, contentHash: p.contentHash, studyFile: p.input, provenance: provenance(p.studyId) })));
    // Derived data: not counted in the summary, which tells what the files stand for.
    if (related === 'maintain') await relatedAfter(tx, before, changed.map((p) => p.studyId));
  }
  return { statuses, counters };
}

/**
 * The bounds a single file cannot break alone (src/model/bounds.ts promises them to the read
 * path and the cost limit): the hierarchy as the graph now holds it, inside the write's
 * transaction, so a load that breaks one is rolled back whole.
 */
async function refuseConditionsPastBounds(tx: ManagedTransaction, file: string, conditions: { id: string; broader: string[] }[]): Promise<void> {
  const ids = [...new Set(conditions.flatMap((c) => [c.id, ...c.broader]))];
  if (ids.length === 0) return;
  const narrower = await tx.run(CONDITIONS_PAST_NARROWER_BOUND, { ids, max: BOUNDS.narrowerPerCondition });
  const ancestors = await tx.run(CONDITIONS_PAST_ANCESTOR_BOUND, { ids, max: BOUNDS.ancestorsPerCondition });
  const issue = (bound: 'narrowerPerCondition' | 'ancestorsPerCondition', what: string) => (r: { get: (key: string) => unknown }) => ({
    file,
    path: '$.conditions',
    rule: `bound.${bound}`,
    message: `condition ${r.get('id')} would have ${r.get('count')} ${what}, more than the ${BOUNDS[bound]} allowed`,
  });
  const issues = [...narrower.records.map(issue('narrowerPerCondition', 'narrower conditions')), ...ancestors.records.map(issue('ancestorsPerCondition', 'ancestors'))];
  if (issues.length > 0) throw new SeedValidationError(issues);
}

/** Refuses a write after which a publication is reported by more studies than BOUNDS.studiesPerPublication. */
async function refusePublicationsPastBound(tx: ManagedTransaction, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const past = await tx.run(PUBLICATIONS_PAST_BOUND, { ids, max: BOUNDS.studiesPerPublication });
  if (past.records.length === 0) return;
  throw new SeedValidationError(
    past.records.map((r) => ({
      file: `publication ${r.get('id')}`,
      path: '$.publications',
      rule: 'bound.studiesPerPublication',
      message: `publication ${r.get('id')} would report ${r.get('count')} studies, more than the ${BOUNDS.studiesPerPublication} allowed`,
    })),
  );
}

/**
 * Writes nodes (one UNWIND per label), then relationships (one UNWIND per shape and way of
 * finding its ends), failing on a dangling reference. Two round trips: the node statements are
 * sent at once (pipelined), and return the element id of each node; the relationship statements
 * are then sent at once, and find the nodes just written by those ids, and the others (concepts
 * of the vocabulary, a study a publication already reports) by key.
 */
async function writePlan(tx: ManagedTransaction, plan: GraphPlan, counters: Counters): Promise<void> {
  const labels = Object.keys(plan.nodes) as NodeLabel[];
  const nodeResults = await Promise.all(labels.map((label) => tx.run(MERGE_NODES[label], { rows: plan.nodes[label], registrySource: REGISTRY_CODE_SOURCE })));
  const written = new Map<NodeLabel, Map<string, string>>();
  nodeResults.forEach((result, index) => {
    add(counters, result);
    written.set(labels[index], new Map(result.records[0].get('written') as [string, string][]));
  });
  const rels = (Object.entries(plan.rels) as [RelShapeKey, PlannedRel[]][]).flatMap(([shape, rows]) => {
    const [fromLabel, toLabel] = REL_ENDS[shape];
    const byLookup = new Map<RelLookup, PlannedRel[]>();
    for (const row of rows) {
      const from = written.get(fromLabel)?.get(row.from);
      const to = written.get(toLabel)?.get(row.to);
      const lookup: RelLookup = `${from ? 'element' : 'key'}-${to ? 'element' : 'key'}`;
      let group = byLookup.get(lookup);
      if (!group) byLookup.set(lookup, (group = []));
      group.push({ from: from ?? row.from, to: to ?? row.to, props: row.props });
    }
    return [...byLookup].map(([lookup, group]) => ({ shape, rows: group, result: tx.run(MERGE_RELS[shape][lookup], { rows: group }) }));
  });
  const relResults = await Promise.all(rels.map((r) => r.result));
  const missing = new Map<RelShapeKey, { missing: number; rows: number }>();
  rels.forEach(({ shape, rows }, index) => {
    add(counters, relResults[index]);
    const entry = missing.get(shape) ?? { missing: 0, rows: 0 };
    entry.rows += rows.length;
    entry.missing += rows.length - (relResults[index].records[0]?.get('written') as number);
    missing.set(shape, entry);
  });
  for (const [shape, { missing: count, rows }] of missing) {
    if (count > 0) throw new Error(`Dangling reference while writing ${shape}: ${count} of ${rows} targets are missing; the transaction was rolled back.`);
  }
}

type Counters = Pick<LoadSummary, 'nodesCreated' | 'nodesDeleted' | 'relationshipsCreated' | 'relationshipsDeleted'>;
const newCounters = (): Counters => ({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0 });

function add(counters: Counters, result: { summary: { counters: { updates(): Record<string, number> } } }): void {
  const u = result.summary.counters.updates();
  counters.nodesCreated += u.nodesCreated;
  counters.nodesDeleted += u.nodesDeleted;
  counters.relationshipsCreated += u.relationshipsCreated;
  counters.relationshipsDeleted += u.relationshipsDeleted;
}

function addCounters(summary: LoadSummary, c: Counters): void {
  summary.nodesCreated += c.nodesCreated;
  summary.nodesDeleted += c.nodesDeleted;
  summary.relationshipsCreated += c.relationshipsCreated;
  summary.relationshipsDeleted += c.relationshipsDeleted;
}

/** One line per load for people: what changed. */
export function formatSummary(s: LoadSummary): string {
  return (
    `Loaded ${s.vocabularies} vocabulary file(s) and ${s.perStudy.length} study file(s): ` +
    `${s.studies.created} created, ${s.studies.updated} updated, ${s.studies.unchanged} unchanged; ` +
    `nodes +${s.nodesCreated}/-${s.nodesDeleted}, relationships +${s.relationshipsCreated}/-${s.relationshipsDeleted} ` +
    `in ${s.transactions} transaction(s).`
  );
}
