/**
 * The study-detail read at a fixed offered rate, run in a process of its own (bench/sync.ts).
 *
 * The read client must not share an event loop with anything else the benchmark does: the
 * registry double serialising a batch of full records blocked the benchmark's own event loop for
 * 30–50 ms, once a second during a polite sync (and a listing page of 1,000 records for 300 ms).
 * Reads then in flight were timed as slow, at the p99 the sync's target is about, though the server
 * had answered them at once. Forked, the client times only the server.
 */
import { ChildProcess, fork } from 'node:child_process';
import { operations } from './operations';

// autocannon ships no types; its result fields are read below by name.
type Autocannon = (options: any, done: (error: Error | null, result: any) => void) => { stop(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');

export interface Reads {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** The first failed read's status and body, if any failed. */
  firstError?: string;
}

interface Job {
  url: string;
  rate: number;
  /** How long to run; 0: until the parent sends 'stop'. */
  seconds: number;
}

/**
 * The study-detail read (bench/operations.ts) at 8 connections and `rate` requests/s in all, for
 * `seconds`, or, given `stop`, until it resolves; in a forked child process.
 */
export function readLoad(url: string, rate: number, seconds: number, stop?: Promise<unknown>): Promise<Reads> {
  const child: ChildProcess = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<Reads>((resolve, reject) => {
    child.once('message', (message: { reads?: Reads; error?: string }) => {
      if (message.reads) resolve(message.reads);
      else reject(new Error(`the read client failed: ${message.error}`));
    });
    child.once('exit', (code) => reject(new Error(`the read client exited with ${code} before its result`)));
    child.send({ url, rate, seconds: stop ? 0 : seconds } satisfies Job);
    void stop?.then(() => child.connected && child.send('stop'));
  }).finally(() => child.connected && child.disconnect());
}

function runJob({ url, rate, seconds }: Job, stopped: Promise<void>): Promise<Reads> {
  const detail = operations(10_000).find((o) => o.name === 'studyDetail')!;
  let i = 0;
  let errors = 0;
  let firstError: string | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: 8,
        overallRate: rate,
        duration: seconds || 3600,
        timeout: 10,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request: any) => ({
              ...request,
              body: JSON.stringify({ query: detail.query, variables: detail.variables(i++) }),
            }),
            onResponse: (status: number, body: string) => {
              if (status !== 200 || body.includes('"errors"')) {
                firstError ??= `HTTP ${status} ${body.slice(0, 300)}`;
                errors += 1;
              }
            },
          },
        ],
      },
      (error: Error | null, result: any) => {
        if (error) return reject(error);
        resolve({
          requests: result.requests.total,
          rps: Math.round(result.requests.average * 10) / 10,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          errors: errors + result.errors,
          ...(firstError ? { firstError } : {}),
        });
      },
    );
    void stopped.then(() => instance.stop());
  });
}

if (require.main === module && process.send) {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  // The benchmark gone (killed, or failed): end at once rather than read on for the hour of a stop-ended load.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: Job | 'stop') => {
    if (message === 'stop') return stop();
    runJob(message, stopped).then(
      (reads) => process.send!({ reads }, undefined, {}, () => process.exit(0)),
      (error: Error) => process.send!({ error: error.message }, undefined, {}, () => process.exit(1)),
    );
  });
}
