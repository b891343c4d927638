import { Neo4jError } from 'neo4j-driver';
import { Executor } from '../../src/db/executor';

/** A driver stand-in whose auto-commit runs answer from `outcomes` in turn (an error is thrown, rows are returned). */
function executorAnswering(outcomes: (Error | Record<string, unknown>[])[], maxRetryTimeMs: number) {
  const runs: { mode: string; cypher: string; config: unknown }[] = [];
  /** Date.now() at each run (the fake clock under jest's fake timers). */
  const times: number[] = [];
  const driver = {
    session: (config: { defaultAccessMode: string }) => ({
      run: async (cypher: string, _params: unknown, txConfig: unknown) => {
        runs.push({ mode: config.defaultAccessMode, cypher, config: txConfig });
        times.push(Date.now());
        const outcome = outcomes[runs.length - 1];
        if (outcome instanceof Error) throw outcome;
        return { records: outcome.map((row) => ({ toObject: () => row })) };
      },
      close: async () => undefined,
    }),
  };
  return {
    executor: new Executor(driver as never, { database: 'neo4j', readTimeoutMs: 1234, maxRetryTimeMs }),
    runs,
    times,
  };
}

const unavailable = () => new Neo4jError('connection lost', 'ServiceUnavailable', '', '');

describe('Executor.read: one auto-commit statement, retried like a managed transaction', () => {
  it('runs the statement once in a READ session with the read timeout, and counts one round trip', async () => {
    const { executor, runs } = executorAnswering([[{ n: 1 }]], 5000);
    const counter = { roundTrips: 0 };
    expect(await executor.read('RETURN 1 AS n', {}, counter)).toEqual([{ n: 1 }]);
    expect(runs).toEqual([
      { mode: 'READ', cypher: 'RETURN 1 AS n', config: { timeout: 1234, metadata: { app: 'net-trials-graph' } } },
    ]);
    expect(counter.roundTrips).toBe(1);
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('retries a retryable failure after about a second (1 s ± 20 %), then after about two, and answers', async () => {
      const { executor, runs, times } = executorAnswering([unavailable(), unavailable(), [{ n: 2 }]], 5000);
      const answer = executor.read('RETURN 2 AS n', {});
      // The waits pass on the fake clock; the times of the attempts show them.
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(answer).resolves.toEqual([{ n: 2 }]);
      expect(runs).toHaveLength(3);
      const waits = [times[1] - times[0], times[2] - times[1]];
      expect(waits[0]).toBeGreaterThanOrEqual(800);
      expect(waits[0]).toBeLessThanOrEqual(1200);
      expect(waits[1]).toBeGreaterThanOrEqual(1600);
      expect(waits[1]).toBeLessThanOrEqual(2400);
    });
  });

  it('does not retry an error of the statement itself', async () => {
    const { executor, runs } = executorAnswering(
      [new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', '', ''), [{ n: 3 }]],
      5000,
    );
    await expect(executor.read('RETURN', {})).rejects.toThrow('Invalid input');
    expect(runs).toHaveLength(1);
  });

  it('gives up once the retry time has passed, as DATABASE_UNAVAILABLE', async () => {
    const { executor, runs } = executorAnswering([unavailable(), unavailable(), unavailable()], 0);
    await expect(executor.read('RETURN 4', {})).rejects.toMatchObject({ extensions: { code: 'DATABASE_UNAVAILABLE' } });
    expect(runs).toHaveLength(1);
  });
});
