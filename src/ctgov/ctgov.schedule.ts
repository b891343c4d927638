import { Executor } from '../db/executor';
import { SyncBusyError, syncRegistry, SyncOptions, SyncSummary } from './ctgov.sync';

export interface SyncSchedule {
  /** Stops scheduling; a run in progress finishes (its lease is released at its end). */
  stop(): Promise<void>;
  /** Runs once now unless a run of this schedule is already going; resolves with its summary, or null when none ran. */
  runNow(): Promise<SyncSummary | null>;
}

/**
 * Runs the registry sync every `intervalMs` inside the server (CTGOV_SYNC_INTERVAL, minutes; off
 * by default). Whatever the number of instances, one at a time syncs: each run takes the lease of
 * its query in Neo4j (src/ctgov/ctgov.sync.ts), and an instance that finds it held skips that
 * turn. `executorOf` is read at each turn (the database may come and go).
 */
export function scheduleSync(
  executorOf: () => Executor | null,
  intervalMs: number,
  options: SyncOptions,
  log: (message: string) => void,
): SyncSchedule {
  let running: Promise<SyncSummary | null> | null = null;
  const runNow = (): Promise<SyncSummary | null> => {
    if (running) return running;
    const executor = executorOf();
    if (!executor) {
      log('Scheduled sync skipped: the database is not connected.');
      return Promise.resolve(null);
    }
    running = syncRegistry(executor, options)
      .then((summary) => {
        log(
          summary.status === 'UNCHANGED'
            ? 'Scheduled sync: the registry is unchanged.'
            : `Scheduled sync ${summary.runId}: added ${summary.added}, updated ${summary.updated}, refused ${summary.refused.length}.`,
        );
        return summary;
      })
      .catch((error: unknown) => {
        log(
          error instanceof SyncBusyError
            ? 'Scheduled sync skipped: another instance holds the lease.'
            : `Scheduled sync failed: ${(error as Error).message}`,
        );
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
