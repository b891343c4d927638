import { Config, REPO_ROOT } from './config';
import path from 'node:path';
import { Database, openDatabase } from './db/database';
import { migrate, migrationsApplied } from './db/migrate';
import { formatSummary, loadSeedPath } from './seeds/seed.loader';
import { DatabaseState } from './server';

const COUNT_STUDIES = `MATCH (s:Study) RETURN count(s) AS studies`;

/**
 * Owns the database connection of the running server: opens it (starting the local Neo4j when
 * NEO4J_URI is unset), keeps retrying with backoff until Neo4j answers, applies the migrations,
 * loads the seeds into an empty database, and reports readiness.
 */
export class DatabaseRuntime implements DatabaseState {
  db: Database | null = null;
  private migrated = false;
  /** True once Neo4j has answered, the migrations are applied and the seeds are loaded. */
  private connected = false;
  private lastError: string | null = 'connecting to Neo4j';
  private stopped = false;
  /** False from a failure to reach Neo4j until a probe query answers again: requests fail at once meanwhile. */
  private available = true;
  private probeTimer: NodeJS.Timeout | null = null;
  private readonly unavailableListeners = new Set<() => void>();

  constructor(
    private readonly config: Config,
    private readonly log: (message: string) => void,
  ) {}

  /** Null until `connect` has succeeded: requests then fail at once with DATABASE_UNAVAILABLE instead of waiting on a Neo4j that is not there. */
  get executor() {
    return this.connected && this.available ? (this.db?.executor ?? null) : null;
  }

  /** Connects, migrates and seeds; retries with exponential backoff (0.5 s doubling to 10 s) until it succeeds or `stop` is called. */
  async connect(): Promise<void> {
    this.db = await openDatabase(this.config, this.log);
    this.db.executor.onUnavailable = (reason) => this.markUnavailable(reason);
    let delay = 500;
    while (!this.stopped) {
      try {
        await this.db.driver.getServerInfo();
        await migrate(this.db.executor);
        this.migrated = true;
        await this.seedIfEmpty();
        this.lastError = null;
        this.connected = true;
        return;
      } catch (error) {
        this.lastError = (error as Error).message;
        this.log(`Neo4j not ready (${this.lastError}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private async seedIfEmpty(): Promise<void> {
    if (!this.config.seedOnStart || !this.db) return;
    const [{ studies }] = await this.db.executor.read<{ studies: number }>(COUNT_STUDIES, {});
    if (studies > 0) return;
    this.log('The database holds no study: loading seeds/ ...');
    const summary = await loadSeedPath(this.db.executor, path.join(REPO_ROOT, 'seeds'));
    this.log(formatSummary(summary));
  }

  /**
   * Neo4j could not be reached (a stop, a crash, a restart under way): from now on requests fail
   * at once with DATABASE_UNAVAILABLE instead of each waiting for the driver's retries, and a
   * probe query runs every 0.5 s (doubling to 5 s) until Neo4j answers again.
   */
  markUnavailable(reason: string): void {
    if (!this.connected || !this.available || this.stopped) return;
    this.available = false;
    this.lastError = `Neo4j unavailable: ${reason}`;
    this.log(`${this.lastError}; requests fail fast until it answers again`);
    for (const listener of [...this.unavailableListeners]) listener();
    let delay = 500;
    const probe = async () => {
      this.probeTimer = null;
      if (this.stopped || !this.db) return;
      try {
        await this.db.executor.probe(Math.min(5000, this.config.requestTimeoutMs));
        this.available = true;
        this.lastError = null;
        this.log('Neo4j answers again');
      } catch (error) {
        this.lastError = `Neo4j unavailable: ${(error as Error).message}`;
        delay = Math.min(delay * 2, 5000);
        if (!this.stopped) this.probeTimer = setTimeout(probe, delay);
      }
    };
    this.probeTimer = setTimeout(probe, delay);
  }

  /** See DatabaseState.onceUnavailable: `listener` runs when Neo4j is next found unreachable. */
  onceUnavailable(listener: () => void): () => void {
    this.unavailableListeners.add(listener);
    return () => this.unavailableListeners.delete(listener);
  }

  async notReadyReason(): Promise<string | null> {
    if (!this.db) return this.lastError ?? 'connecting to Neo4j';
    if (!this.available) return this.lastError;
    try {
      await this.db.driver.getServerInfo();
    } catch (error) {
      return `Neo4j unreachable: ${(error as Error).message}`;
    }
    if (!this.migrated) return this.lastError ?? 'migrations not applied yet';
    if (!(await migrationsApplied(this.db.executor))) return 'migrations not applied';
    return this.lastError;
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    await this.db?.close();
  }
}
