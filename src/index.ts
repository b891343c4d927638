import 'reflect-metadata';
import pino from 'pino';
import { loadConfig } from './config';
import { scheduleSync, SyncSchedule } from './ctgov/ctgov.schedule';
import { fetchSettings } from './ctgov/ctgov.client';
import { syncCond, syncSettings } from './ctgov/ctgov.sync';
import { DatabaseRuntime } from './runtime';
import { createApp } from './server';

/** Starts the process: HTTP first (health answers at once), then the database in the background. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Progress for people on stderr; request logs as JSON lines (pino) on stdout.
  const log = (message: string) => console.error(`[net-trials-graph] ${message}`);
  const logger = pino({ level: config.logLevel, base: { service: 'net-trials-graph' } });
  const runtime = new DatabaseRuntime(config, log);
  const app = await createApp(config, runtime, (entry) => {
    if (entry.level === 'error') logger.error(entry, 'request failed');
    else logger.info(entry, 'request');
  });
  const server = app.server;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${config.port} is already in use: stop what uses it or set PORT.`)
          : error,
      ),
    );
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as { port: number }).port;
  log(`HTTP listening on port ${port}; /health/ready answers 503 until Neo4j is connected.`);

  let stopping = false;
  let schedule: SyncSchedule | null = null;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping.`);
    app.drain();
    server.close();
    const deadline = Date.now() + config.shutdownGraceMs;
    while (app.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server.closeAllConnections();
    await schedule?.stop();
    log(
      `Requests done (${app.inFlight()} left); stopping the database connection${runtime.db?.local ? ' and the local Neo4j' : ''}.`,
    );
    await app.close();
    await app.apollo.stop();
    await runtime.close();
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await runtime.connect();
  if (!stopping) log(`GraphQL server ready at http://localhost:${port}/graphql (playground: open it in a browser)`);
  if (!stopping && config.ctgovSyncIntervalMinutes > 0) {
    // The registry sync on a schedule: the same run as `npm run import:ctgov -- --sync`, in a worker
    // thread, one instance at a time; the first turn a minute after the server is ready.
    schedule = scheduleSync(
      () =>
        runtime.executor && runtime.db
          ? {
              neo4j: {
                uri: runtime.db.uri,
                username: config.neo4jUsername,
                password: config.neo4jPassword,
                database: config.neo4jDatabase,
                readTimeoutMs: config.readTimeoutMs,
              },
              options: {
                cond: syncCond(config.ctgovSyncCond, config.ctgovSyncTerm),
                term: config.ctgovSyncTerm,
                changedBy: 'scheduled sync',
                fetch: fetchSettings(config),
                minIntervalMs: config.ctgovMinIntervalMs,
                ...syncSettings(config),
              },
            }
          : null,
      config.ctgovSyncIntervalMinutes * 60_000,
      log,
      { firstDelayMs: 60_000 },
    );
    log(
      `Registry sync every ${config.ctgovSyncIntervalMinutes} minute(s) (CTGOV_SYNC_INTERVAL), the first in a minute.`,
    );
  }
}

main().catch((error) => {
  // Errors of the local Neo4j carry the fix beside the cause (src/neo4j/local-neo4j.ts).
  const fix = (error as { fix?: string }).fix;
  console.error(`[net-trials-graph] ${error instanceof Error ? error.message : error}${fix ? `\nFix: ${fix}` : ''}`);
  process.exit(1);
});
