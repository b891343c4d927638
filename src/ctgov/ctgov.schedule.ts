import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FetchOptions } from './ctgov.client';
import { SyncBusyError, SyncOptions, SyncStoppedError, SyncSummary } from './ctgov.sync';

/**
 * What a scheduled run needs, as plain data a worker thread can receive: where Neo4j is, and the
 * sync's options without their functions (the worker makes its own politeness gate).
 */
export interface SyncJob {
  neo4j: { uri: string; username: string; password: string; database: string; readTimeoutMs: number };
  options: Omit<SyncOptions, 'fetch' | 'onProgress' | 'log' | 'signal'> & {
    fetch: Omit<FetchOptions, 'gate' | 'onProgress'>;
    /** The least time between two requests to the registry, in ms (CTGOV_MIN_INTERVAL_MS). */
    minIntervalMs: number;
  };
}

/** Messages of the worker (src/ctgov/ctgov.worker.ts) to the server. */
export type SyncWorkerMessage =
  | { kind: 'log'; message: string }
  | { kind: 'done'; summary: SyncSummary }
  | { kind: 'failed'; reason: 'busy' | 'stopped' | 'error'; message: string };

/** The compiled worker entry beside this file (dist/src/ctgov/ctgov.worker.js). */
export const SYNC_WORKER_FILE = path.join(__dirname, 'ctgov.worker.js');

/**
 * Runs one sync in a worker thread of its own, with its own Neo4j driver. The run's Node work
 * (translating and validating each record, encoding its write: some 20 ms of CPU per record) then
 * stays off the event loop that answers requests. `stop` asks the run to end after the part being
 * written (its position is kept, its lease released; the next run resumes it); `result` rejects
 * with SyncBusyError, SyncStoppedError or an Error as the run did.
 */
export function syncInWorker(
  job: SyncJob,
  log: (message: string) => void,
  workerFile = SYNC_WORKER_FILE,
): { result: Promise<SyncSummary>; stop(): void } {
  if (!fs.existsSync(workerFile))
    throw new Error(`The sync's worker ${workerFile} is missing: build the project first (npm run build).`);
  const worker = new Worker(workerFile, { workerData: job });
  const result = new Promise<SyncSummary>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: SyncWorkerMessage) => {
      if (message.kind === 'log') return log(message.message);
      settled = true;
      if (message.kind === 'done') return resolve(message.summary);
      const Failure =
        message.reason === 'busy' ? SyncBusyError : message.reason === 'stopped' ? SyncStoppedError : Error;
      reject(new Failure(message.message));
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The sync's worker ended (exit code ${code}) before its run did.`));
    });
  });
  return { result, stop: () => worker.postMessage('stop') };
}

export interface SyncSchedule {
  /** Stops scheduling and asks a run in progress to stop after its current part; resolves when it has. */
  stop(): Promise<void>;
  /** Runs once now unless a run of this schedule is already going; resolves with its summary, or null when none ran. */
  runNow(): Promise<SyncSummary | null>;
}

/**
 * Runs the registry sync inside the server (CTGOV_SYNC_INTERVAL, minutes; off by default): once
 * `firstDelayMs` after it is called, then every `intervalMs`, each run in a worker thread
 * (`syncInWorker`). Whatever the number of instances, one at a time syncs: each run takes the
 * lease of its query in Neo4j (src/ctgov/ctgov.sync.ts), and an instance that finds it held skips
 * that turn. `jobOf` is read at each turn and gives null while the database is not connected.
 */
export function scheduleSync(
  jobOf: () => SyncJob | null,
  intervalMs: number,
  log: (message: string) => void,
  { firstDelayMs = intervalMs, workerFile = SYNC_WORKER_FILE }: { firstDelayMs?: number; workerFile?: string } = {},
): SyncSchedule {
  let running: { done: Promise<SyncSummary | null>; stop(): void } | null = null;
  let stopped = false;
  const runNow = (): Promise<SyncSummary | null> => {
    if (running) return running.done;
    const job = stopped ? null : jobOf();
    if (!job) {
      if (!stopped) log('Scheduled sync skipped: the database is not connected.');
      return Promise.resolve(null);
    }
    let run: ReturnType<typeof syncInWorker>;
    try {
      run = syncInWorker(job, (message) => log(`Scheduled sync: ${message}`), workerFile);
    } catch (error) {
      log(`Scheduled sync failed: ${(error as Error).message}`);
      return Promise.resolve(null);
    }
    const done = run.result
      .then((summary) => {
        log(
          summary.status === 'UNCHANGED'
            ? 'Scheduled sync: the registry is unchanged.'
            : `Scheduled sync ${summary.runId}: added ${summary.added}, updated ${summary.updated}, refused ${summary.refused.length}, in ${Math.round(summary.seconds)} s.`,
        );
        return summary;
      })
      .catch((error: unknown) => {
        log(
          error instanceof SyncBusyError
            ? 'Scheduled sync skipped: another instance holds the lease.'
            : error instanceof SyncStoppedError
              ? `Scheduled sync stopped: ${(error as Error).message}`
              : `Scheduled sync failed: ${(error as Error).message}`,
        );
        return null;
      })
      .finally(() => {
        running = null;
      });
    running = { done, stop: run.stop };
    return done;
  };
  let timer: NodeJS.Timeout = setTimeout(function turn() {
    void runNow();
    timer = setTimeout(turn, intervalMs);
    timer.unref();
  }, firstDelayMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running) {
        running.stop();
        await running.done;
      }
    },
  };
}
