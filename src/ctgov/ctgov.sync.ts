/**
 * The registry sync: every record of a ClinicalTrials.gov query (by default the NET trials),
 * imported and kept current.
 *
 * 1. `GET /api/v2/version`: a run of the same query against an unchanged `dataTimestamp` ends at once.
 * 2. A cheap listing of the query's records (`fields=NCTId,LastUpdatePostDate`, pages of up to
 *    1,000: a few requests for the few thousand NET records) finds the new and changed ones against
 *    the last-update dates the graph holds, and the ones no longer matched: every run is
 *    incremental in what it fetches in full. With `since`, the listing is only of the records
 *    updated since that date (`filter.advanced=AREA[LastUpdatePostDate]RANGE[since,MAX]`), and no
 *    record can be found no longer matched.
 * 3. Full records only for those, in batches (`filter.ids`), each written by the importer in
 *    parts of a few records, one transaction each (the part whole or absent), with a version per
 *    change (src/history/). A part is prepared (translated and validated) while the one before is
 *    written, and prepared again if that one created concepts or gave codes, so that it joins them.
 * 4. The run and its position are kept in the graph (:SyncRun): a run killed halfway resumes
 *    from its last written part at the next invocation. A lease in the graph (:SyncLease) lets
 *    one process at a time sync a query, whatever the number of instances.
 * 5. After a full run, the registry studies the query no longer matches are marked
 *    (`noLongerMatchedSince`), never deleted.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { Config } from '../config';
import { Executor } from '../db/executor';
import { noteNoLongerMatched } from '../changes/change.service';
import { fetchVersion, FetchOptions, listStudies } from './ctgov.client';
import { recordDocument } from './ctgov.mapper';
import {
  ACQUIRE_SYNC_LEASE,
  ADVANCE_SYNC_RUN,
  FINISH_SYNC_RUN,
  LISTED_RECORDS,
  MARK_NO_LONGER_MATCHED,
  MARK_SEEN,
  RELEASE_SYNC_LEASE,
  SAVE_SYNC_RUN,
  SYNC_RUNS,
} from './ctgov.repository';
import { changesCatalog, prepareImport, writePrepared } from './ctgov.service';

/** What the sync reads of a fetched record before the importer reads the rest. */
type SyncRecord = { protocolSection?: { identificationModule?: { nctId?: string } } };

/**
 * The default query: an Essie expression for `query.cond` that covers neuroendocrine neoplasms
 * by the names trials give them (CTGOV_SYNC_COND overrides it).
 */
export const DEFAULT_SYNC_COND =
  '"neuroendocrine tumor" OR "neuroendocrine tumors" OR "neuroendocrine neoplasm" OR "neuroendocrine carcinoma" OR carcinoid OR "pancreatic neuroendocrine" OR "gastroenteropancreatic neuroendocrine" OR pheochromocytoma OR paraganglioma';

/** The sync's batches and lease, as configured (CTGOV_SYNC_BATCH, CTGOV_SYNC_WRITE_BATCH, CTGOV_SYNC_LEASE_MS): the CLI's and the scheduled sync's. */
export const syncSettings = (config: Config) => ({
  batchSize: config.ctgovSyncBatch,
  writeBatchSize: config.ctgovSyncWriteBatch,
  leaseMs: config.ctgovSyncLeaseMs,
});

/** The query.cond of a sync given `cond` (null when none was given) and `term`: the default NET expression unless a term is given alone. */
export const syncCond = (cond: string | null, term: string | null): string | null =>
  cond ?? (term ? null : DEFAULT_SYNC_COND);

export interface SyncOptions {
  cond: string | null;
  term: string | null;
  /** List only records updated since this date (YYYY-MM-DD); by default every record of the query. */
  since?: string | null;
  fetch: FetchOptions;
  /** Records per `filter.ids` request (default 20). */
  batchSize?: number;
  /**
   * Records per write transaction (default 5, at most batchSize): a fetched batch is written in
   * parts of this size. The write's short-lived memory in Neo4j grows with it, and with it the
   * garbage-collection pauses that reads running beside the sync wait through.
   */
  writeBatchSize?: number;
  /** How long a run's lease lasts without renewal (each part written renews it), in ms (default 120 s). */
  leaseMs?: number;
  keyPrefix?: string;
  /** Who the versions name (default "sync"). */
  changedBy?: string;
  /** Called after each part written: records done and to do, and the rate so far. */
  onProgress?: (p: SyncProgress) => void;
  /** Messages for people (the CLI writes them to stderr). */
  log?: (message: string) => void;
  /**
   * Asks the run to stop: it ends after the part being written, with SyncStoppedError, its
   * position recorded and its lease released; the next run of the query resumes it.
   */
  signal?: AbortSignal;
}

export interface SyncProgress {
  done: number;
  total: number;
  /** Records per second since the run (or its resumption) started. */
  rate: number;
  /** Seconds left at that rate; null before the first batch. */
  etaSeconds: number | null;
}

export interface SyncSummary {
  runId: string | null;
  /** COMPLETED, or UNCHANGED when the registry's data had not changed since the last completed run. */
  status: 'COMPLETED' | 'UNCHANGED';
  dataTimestamp: string;
  resumed: boolean;
  full: boolean;
  listed: number;
  added: number;
  updated: number;
  unchanged: number;
  attached: number;
  noLongerMatched: string[];
  /** Records refused by the importer, and records the listing named that the batch did not return. */
  refused: { nctId: string; reasons: string[] }[];
  seconds: number;
}

/**
 * The niceness a sync's thread takes (Linux): under load, the kernel gives the threads that
 * answer requests about ten times the CPU it gives the sync (weights 1024 and 110), so that a
 * burst of reads does not queue behind the sync's translation; on an idle machine the sync runs
 * at full speed.
 */
const SYNC_THREAD_NICENESS = 10;

/**
 * Lowers the calling thread's priority alone (the CLI's main thread, the server's sync worker):
 * on Linux a thread is a task with an id of its own, which setpriority takes.
 */
export function yieldCpuToRequests(): void {
  try {
    const thread = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    os.setPriority(thread, SYNC_THREAD_NICENESS);
  } catch {
    // Not Linux (no /proc/thread-self), or not permitted: the sync runs at its caller's priority.
  }
}

/** A sync another process is running now (its lease holds). */
export class SyncBusyError extends Error {}

/** A run stopped through its `signal` between two parts; the next run of its query resumes it. */
export class SyncStoppedError extends Error {}

type Run = Record<string, unknown>;

/** The query's identity: the same cond and term (into the same key prefix) are the same query, whose runs follow each other. */
export const queryKey = (cond: string | null, term: string | null, keyPrefix = '') =>
  JSON.stringify({ cond, term, ...(keyPrefix ? { keyPrefix } : {}) });

/** Runs (or resumes) a sync of the query; see the file's comment. */
export async function syncRegistry(executor: Executor, options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const query = queryKey(options.cond, options.term, options.keyPrefix);
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? 120_000;
  // The run's and the lease's keys carry the import's key prefix, like every key an import makes.
  const keyed = (key: string) => `${options.keyPrefix ? `${options.keyPrefix}-` : ''}${key}`;
  const lease = await executor.writeTransaction(
    async (tx) =>
      (
        await tx.run(ACQUIRE_SYNC_LEASE, {
          query,
          owner,
          now: Date.now(),
          leaseMs,
          leaseId: keyed(`sync-lease-${randomUUID()}`),
        })
      ).records[0],
  );
  if (!lease.get('acquired')) {
    throw new SyncBusyError(
      `Another sync of this query is running (its lease expires in ${Math.ceil(((lease.get('expires') as number) - Date.now()) / 1000)} s); try again later.`,
    );
  }
  try {
    const [runs] = await executor.read<{ completed: Run | null; running: Run | null }>(SYNC_RUNS, { query });
    const { dataTimestamp } = await fetchVersion(options.fetch);
    let run: Run;
    let resumed = false;
    if (runs.running) {
      run = runs.running;
      resumed = true;
      log(`Resuming run ${String(run.id)} at record ${Number(run.position) + 1} of ${(run.todo as string[]).length}.`);
    } else {
      if (runs.completed && runs.completed.dataTimestamp === dataTimestamp && !options.since) {
        log(`The registry's data has not changed since the last run (dataTimestamp ${dataTimestamp}): nothing to do.`);
        return {
          ...emptySummary(dataTimestamp),
          status: 'UNCHANGED',
          runId: null,
          seconds: (Date.now() - started) / 1000,
        };
      }
      run = await plan(
        executor,
        options,
        query,
        keyed(`sync-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`),
        dataTimestamp,
        options.since ?? null,
        log,
      );
    }
    const summary = await work(executor, options, run, owner, leaseMs, log);
    const noLongerMatched = run.full
      ? await executor.writeTransaction(async (tx) => {
          const today = new Date().toISOString().slice(0, 10);
          const ids = (await tx.run(MARK_NO_LONGER_MATCHED, { query, run: run.id, today })).records.map(
            (r) => r.get('id') as string,
          );
          noteNoLongerMatched(tx, ids, today, String(run.id));
          return ids;
        })
      : [];
    const result: SyncSummary = {
      ...summary,
      runId: String(run.id),
      status: 'COMPLETED',
      dataTimestamp: String(run.dataTimestamp),
      resumed,
      full: Boolean(run.full),
      noLongerMatched,
      seconds: (Date.now() - started) / 1000,
    };
    await executor.writeTransaction((tx) =>
      tx.run(FINISH_SYNC_RUN, {
        id: run.id,
        finished: new Date().toISOString(),
        summary: { noLongerMatched: noLongerMatched.length },
      }),
    );
    return result;
  } finally {
    await executor.writeTransaction((tx) => tx.run(RELEASE_SYNC_LEASE, { query, owner }));
  }
}

const emptySummary = (dataTimestamp: string): Omit<SyncSummary, 'runId' | 'status' | 'seconds'> => ({
  dataTimestamp,
  resumed: false,
  full: false,
  listed: 0,
  added: 0,
  updated: 0,
  unchanged: 0,
  attached: 0,
  noLongerMatched: [],
  refused: [],
});

/** Lists the query's records, finds the new and changed ones against the graph, and saves the run with its to-do list. */
async function plan(
  executor: Executor,
  options: SyncOptions,
  query: string,
  id: string,
  dataTimestamp: string,
  since: string | null,
  log: (m: string) => void,
): Promise<Run> {
  const params: Record<string, string> = { fields: 'NCTId,LastUpdatePostDate', pageSize: '1000', countTotal: 'true' };
  if (options.cond) params['query.cond'] = options.cond;
  if (options.term) params['query.term'] = options.term;
  if (since) params['filter.advanced'] = `AREA[LastUpdatePostDate]RANGE[${since},MAX]`;
  const listed: { nctId: string; lastUpdated: string | null }[] = [];
  let token: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listStudies>> = await listStudies(
      token ? { ...params, pageToken: token } : params,
      options.fetch,
    );
    for (const s of page.studies as {
      protocolSection?: {
        identificationModule?: { nctId?: string };
        statusModule?: { lastUpdatePostDateStruct?: { date?: string } };
      };
    }[]) {
      const nctId = s.protocolSection?.identificationModule?.nctId;
      if (typeof nctId === 'string')
        listed.push({ nctId, lastUpdated: s.protocolSection?.statusModule?.lastUpdatePostDateStruct?.date ?? null });
    }
    if (page.totalCount !== null) log(`${page.totalCount} record(s) match${since ? ` updated since ${since}` : ''}.`);
    token = page.nextPageToken;
  } while (token !== null);

  const stored = await executor.writeTransaction(async (tx) =>
    (
      await tx.run(LISTED_RECORDS, {
        rows: listed.map((l) => ({
          nctId: l.nctId,
          documentId: recordDocument({}, l.nctId, options.keyPrefix ?? '').id,
        })),
        query,
        run: id,
      })
    ).records.map((r) => ({ nctId: r.get('nctId') as string, lastUpdated: r.get('lastUpdated') as string | null })),
  );
  const held = new Map(stored.map((s) => [s.nctId, s.lastUpdated]));
  const todo = listed
    .filter((l) => !held.has(l.nctId) || held.get(l.nctId) === null || held.get(l.nctId) !== l.lastUpdated)
    .map((l) => l.nctId);
  const unchanged = listed.length - todo.length;
  log(`${listed.length} listed: ${todo.length} new or changed, ${unchanged} unchanged.`);
  const run = {
    id,
    query,
    status: 'RUNNING',
    started: new Date().toISOString(),
    dataTimestamp,
    since,
    full: since === null,
    listed: listed.length,
    todo,
    position: 0,
    added: 0,
    updated: 0,
    unchanged,
    attached: 0,
    refusedIds: [] as string[],
    refusedReasons: [] as string[],
  };
  await executor.writeTransaction((tx) => tx.run(SAVE_SYNC_RUN, { run }));
  return run;
}

/** Fetches and imports the run's records from its position on, part by part, recording the position after each. */
async function work(
  executor: Executor,
  options: SyncOptions,
  run: Run,
  owner: string,
  leaseMs: number,
  log: (m: string) => void,
) {
  const todo = run.todo as string[];
  const counts = {
    added: Number(run.added ?? 0),
    updated: Number(run.updated ?? 0),
    unchanged: Number(run.unchanged ?? 0),
    attached: Number(run.attached ?? 0),
    refusedIds: [...((run.refusedIds as string[]) ?? [])],
    refusedReasons: [...((run.refusedReasons as string[]) ?? [])],
  };
  const fetchSize = Math.max(1, options.batchSize ?? 20);
  const writeSize = Math.max(1, Math.min(fetchSize, options.writeBatchSize ?? 5));
  const from = Number(run.position ?? 0);
  const began = Date.now();
  const importOptions = {
    keyPrefix: options.keyPrefix,
    changedBy: options.changedBy ?? 'sync',
    syncRun: String(run.id),
  };
  const inputsOf = (records: SyncRecord[]) =>
    records.map((record) => ({
      source: String(record.protocolSection?.identificationModule?.nctId ?? 'record'),
      record,
    }));
  // The records from the run's position on: fetched `fetchSize` at a time (one `filter.ids`
  // request each), written `writeSize` at a time (one transaction each, its position recorded).
  const parts: { start: number; ids: string[]; fetchStart: number }[] = [];
  for (let f = from; f < todo.length; f += fetchSize) {
    const end = Math.min(f + fetchSize, todo.length);
    for (let start = f; start < end; start += writeSize)
      parts.push({ start, ids: todo.slice(start, Math.min(start + writeSize, end)), fetchStart: f });
  }
  const fetches = new Map<number, Promise<Map<unknown, SyncRecord>>>();
  const fetchFrom = (f: number) => {
    let fetched = fetches.get(f);
    if (!fetched) {
      const ids = todo.slice(f, Math.min(f + fetchSize, todo.length));
      fetched = listStudies({ 'filter.ids': ids.join(','), pageSize: String(ids.length) }, options.fetch).then(
        (page) =>
          new Map((page.studies as SyncRecord[]).map((r) => [r.protocolSection?.identificationModule?.nctId, r])),
      );
      // Awaited in its turn; a failure while an earlier part is still being written must not go unhandled meanwhile.
      fetched.catch(() => undefined);
      fetches.set(f, fetched);
    }
    return fetched;
  };
  // A part is prepared (translated and validated against the stored catalog) while the part
  // before it is written: Node's work overlaps Neo4j's. The next fetch is requested (at the
  // polite pace) as soon as a fetched batch begins to be written.
  const preparePart = (part: (typeof parts)[number]) => {
    for (const f of fetches.keys()) if (f < part.fetchStart) fetches.delete(f);
    if (part.fetchStart + fetchSize < todo.length) void fetchFrom(part.fetchStart + fetchSize);
    const prepared = fetchFrom(part.fetchStart).then(async (byId) => {
      const records = part.ids.flatMap((id) => byId.get(id) ?? []);
      return {
        ids: part.ids,
        records,
        prepared: records.length > 0 ? await prepareImport(executor, inputsOf(records), importOptions) : null,
      };
    });
    prepared.catch(() => undefined);
    return prepared;
  };
  let next = parts.length > 0 ? preparePart(parts[0]) : null;
  // Whether the part written last created concepts or gave codes: the next one, prepared meanwhile, is prepared again.
  let catalogChanged = false;
  for (const [k, part] of parts.entries()) {
    if (options.signal?.aborted)
      throw new SyncStoppedError(`Stopped at record ${part.start} of ${todo.length}; the next run resumes from there.`);
    const { ids, records, prepared: preparedBefore } = await next!;
    let prepared = preparedBefore;
    if (prepared && catalogChanged) prepared = await prepareImport(executor, inputsOf(records), importOptions);
    next = k + 1 < parts.length ? preparePart(parts[k + 1]) : null;
    let seen: string[] = [];
    const returned = new Set(records.map((r) => r.protocolSection?.identificationModule?.nctId));
    for (const missing of ids.filter((id) => !returned.has(id))) {
      counts.refusedIds.push(missing);
      counts.refusedReasons.push('listed, but not returned by the registry when fetched');
    }
    catalogChanged = false;
    if (prepared) {
      // One transaction for the part: each record in it whole, the part whole or absent, the related-list upkeep shared.
      const outcome = await writePrepared(executor, prepared, { ...importOptions, writeBatch: records.length });
      catalogChanged = changesCatalog(prepared);
      for (const r of outcome.results) {
        if (r.status === 'CREATED') counts.added += 1;
        else if (r.status === 'UPDATED') counts.updated += 1;
        else if (r.status === 'UNCHANGED') counts.unchanged += 1;
        else if (r.status === 'ATTACHED_TO_CURATED') counts.attached += 1;
        else {
          counts.refusedIds.push(r.nctId ?? r.source);
          counts.refusedReasons.push(r.issues.map((i) => `${i.path}: ${i.message} [${i.rule}]`).join('; ') || r.status);
        }
      }
      seen = outcome.results
        .filter((r) => r.status === 'CREATED' || r.status === 'UPDATED' || r.status === 'UNCHANGED')
        .map((r) => r.studyId!);
    }
    const done = part.start + ids.length;
    // The studies the query still matches, and the run's position, in one transaction.
    await executor.writeTransaction(async (tx) => {
      if (seen.length > 0) await tx.run(MARK_SEEN, { ids: seen, query: run.query, run: run.id });
      await tx.run(ADVANCE_SYNC_RUN, {
        id: run.id,
        owner,
        now: Date.now(),
        leaseMs,
        progress: { position: done, ...counts },
      });
    });
    const seconds = (Date.now() - began) / 1000;
    const rate = seconds > 0 ? (done - from) / seconds : 0;
    options.onProgress?.({ done, total: todo.length, rate, etaSeconds: rate > 0 ? (todo.length - done) / rate : null });
  }
  if (todo.length === 0) log('No record to fetch.');
  return {
    listed: Number(run.listed ?? todo.length),
    added: counts.added,
    updated: counts.updated,
    unchanged: counts.unchanged,
    attached: counts.attached,
    refused: counts.refusedIds.map((nctId, i) => ({ nctId, reasons: [counts.refusedReasons[i]] })),
  };
}
