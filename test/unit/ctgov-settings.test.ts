import { loadConfig } from '../../src/config';
import { fetchSettings } from '../../src/ctgov/ctgov.client';
import { syncSettings } from '../../src/ctgov/ctgov.sync';

// The registry settings are read once, in src/config.ts, for the CLI and the server's scheduled sync alike.
describe('registry fetch and sync settings', () => {
  it('default to the documented values', () => {
    const config = loadConfig({});
    expect(fetchSettings(config)).toEqual({ baseUrl: undefined, timeoutMs: 30_000, attempts: 4, backoffMs: 1_000 });
    expect(syncSettings(config)).toEqual({ batchSize: 20, writeBatchSize: 5, leaseMs: 120_000 });
    expect(config.ctgovMinIntervalMs).toBe(1_000);
  });

  it('take the environment', () => {
    const config = loadConfig({
      CTGOV_BASE_URL: 'http://127.0.0.1:9',
      CTGOV_TIMEOUT_MS: '1000',
      CTGOV_ATTEMPTS: '2',
      CTGOV_BACKOFF_MS: '50',
      CTGOV_SYNC_BATCH: '40',
      CTGOV_SYNC_WRITE_BATCH: '10',
      CTGOV_SYNC_LEASE_MS: '1500',
    });
    expect(fetchSettings(config)).toEqual({
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 1000,
      attempts: 2,
      backoffMs: 50,
    });
    expect(syncSettings(config)).toEqual({ batchSize: 40, writeBatchSize: 10, leaseMs: 1500 });
  });

  it('refuse a value out of its range, naming it', () => {
    expect(() => loadConfig({ CTGOV_ATTEMPTS: '0' })).toThrow(
      'CTGOV_ATTEMPTS=0 must be a whole number between 1 and 20',
    );
    expect(() => loadConfig({ CTGOV_SYNC_BATCH: 'many' })).toThrow(
      'CTGOV_SYNC_BATCH=many must be a whole number between 1 and 1000',
    );
  });
});
