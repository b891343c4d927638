/**
 * The worker thread of one scheduled registry sync (src/ctgov/ctgov.schedule.ts, `syncInWorker`):
 * opens a Neo4j driver of its own, runs the sync the job describes, and tells the server what it
 * logs, then its summary or why it failed. The message 'stop' asks the run to stop after the part
 * being written.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { createDriver, Executor } from '../db/executor';
import { politeGate } from './ctgov.client';
import type { SyncJob, SyncWorkerMessage } from './ctgov.schedule';
import { SyncBusyError, syncRegistry, SyncStoppedError, yieldCpuToRequests } from './ctgov.sync';

/** How often a long run reports its progress to the server's log. */
const PROGRESS_EVERY_MS = 30_000;

async function main(job: SyncJob): Promise<void> {
  yieldCpuToRequests();
  const port = parentPort!;
  const send = (message: SyncWorkerMessage) => port.postMessage(message);
  const stop = new AbortController();
  const onMessage = (message: unknown) => {
    if (message === 'stop') stop.abort();
  };
  port.on('message', onMessage);
  const { uri, username, password, database, readTimeoutMs } = job.neo4j;
  const driver = createDriver(uri, username, password);
  let reported = Date.now();
  try {
    const { minIntervalMs, ...options } = job.options;
    const summary = await syncRegistry(new Executor(driver, { database, readTimeoutMs }), {
      ...options,
      fetch: { ...options.fetch, gate: politeGate(minIntervalMs) },
      signal: stop.signal,
      log: (message) => send({ kind: 'log', message }),
      onProgress: (p) => {
        if (Date.now() - reported < PROGRESS_EVERY_MS) return;
        reported = Date.now();
        const left = p.etaSeconds === null ? '' : `, about ${Math.ceil(p.etaSeconds / 60)} min left`;
        send({ kind: 'log', message: `${p.done} of ${p.total} records, ${p.rate.toFixed(1)}/s${left}.` });
      },
    });
    send({ kind: 'done', summary });
  } catch (error) {
    send({
      kind: 'failed',
      reason: error instanceof SyncBusyError ? 'busy' : error instanceof SyncStoppedError ? 'stopped' : 'error',
      message: (error as Error).message,
    });
  } finally {
    await driver.close();
    // Nothing else keeps the thread alive: it ends.
    port.off('message', onMessage);
  }
}

void main(workerData as SyncJob);
