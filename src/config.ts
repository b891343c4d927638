import type { ApiKey } from './auth';
import fs from 'node:fs';
import path from 'node:path';
import type { Limits } from './graphql/limits';

/** The repository root: the folder holding package.json (two levels above src/ or dist/src/). */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Settings of the server, read once at start from the environment. Each key documents its default. */
export interface Config {
  /** HTTP port of the GraphQL server (PORT, default 4000). */
  port: number;
  /** Bind address (HOST, default 0.0.0.0). */
  host: string;
  /** NODE_ENV; "production" hides stack traces from clients. */
  nodeEnv: string;
  /** External Neo4j (NEO4J_URI). When unset the server starts its own local Neo4j. */
  neo4jUri: string | null;
  neo4jUsername: string;
  neo4jPassword: string;
  /** Database name (NEO4J_DATABASE, default neo4j). */
  neo4jDatabase: string;
  /** Folder for the local Neo4j's jars and configuration (NEO4J_HOME_DIR, default .neo4j). */
  neo4jHomeDir: string;
  /** Data folder of the local Neo4j (NEO4J_DATA_DIR, default .data/neo4j). */
  neo4jDataDir: string;
  /** Bolt port of the local Neo4j (NEO4J_BOLT_PORT, default 7687; 0 picks a free port). */
  neo4jBoltPort: number;
  /** Heap and page cache of the local Neo4j in MB (NEO4J_HEAP_MB 1024, NEO4J_PAGECACHE_MB 256). */
  neo4jHeapMb: number;
  neo4jPageCacheMb: number;
  /** Load seeds/ when the database holds no study (SEED_ON_START, default true). */
  seedOnStart: boolean;
  /** Transaction timeout of reads in ms (READ_TIMEOUT_MS, default 5000). */
  readTimeoutMs: number;
  /** Serve introspection (INTROSPECTION, default true: the data is public and the playground needs it). */
  introspection: boolean;
  /** Deadline of one GraphQL request in ms (REQUEST_TIMEOUT_MS, default 10000); past it the client gets TIMEOUT. */
  requestTimeoutMs: number;
  /** How long a stopping server waits for requests in flight, in ms (SHUTDOWN_GRACE_MS, default 15000); then it closes their connections. */
  shutdownGraceMs: number;
  /** Key that enables the mutations (API_KEY, sent as `Authorization: Bearer <key>`); null: writes refused unless API_KEYS names some. Versions record it as "api-key". */
  apiKey: string | null;
  /** Named keys that enable the mutations (API_KEYS="name:key,name2:key2"); the versions of a study record the name of the key that made a change. */
  apiKeys: ApiKey[];
  /** Minutes between two runs of the registry sync inside the server (CTGOV_SYNC_INTERVAL, default 0: off); see src/ctgov/ctgov.schedule.ts. */
  ctgovSyncIntervalMinutes: number;
  /** The scheduled sync's query.cond (CTGOV_SYNC_COND, default null: the NET expression of src/ctgov/ctgov.sync.ts). */
  ctgovSyncCond: string | null;
  /** The scheduled sync's query.term (CTGOV_SYNC_TERM, default null); with a term and no CTGOV_SYNC_COND, the query is the term alone. */
  ctgovSyncTerm: string | null;
  /** Scheme and host of the registry's API (CTGOV_BASE_URL, default null: https://clinicaltrials.gov). */
  ctgovBaseUrl: string | null;
  /** Least time between two requests to the registry, in ms (CTGOV_MIN_INTERVAL_MS, default 1000). */
  ctgovMinIntervalMs: number;
  /** How long a request to the registry may take, in ms (CTGOV_TIMEOUT_MS, default 30000). */
  ctgovTimeoutMs: number;
  /** Attempts per request to the registry, the first included (CTGOV_ATTEMPTS, default 4). */
  ctgovAttempts: number;
  /** The first wait before a retry, in ms, doubling after each (CTGOV_BACKOFF_MS, default 1000). */
  ctgovBackoffMs: number;
  /** Records per `filter.ids` request of the sync (CTGOV_SYNC_BATCH, default 20). */
  ctgovSyncBatch: number;
  /** Records per write transaction of the sync (CTGOV_SYNC_WRITE_BATCH, default 5, at most CTGOV_SYNC_BATCH). */
  ctgovSyncWriteBatch: number;
  /** How long a sync run's lease lasts without renewal, in ms (CTGOV_SYNC_LEASE_MS, default 120000). */
  ctgovSyncLeaseMs: number;
  /** Request limits (MAX_DEPTH 10, MAX_ALIASES 30, MAX_TOKENS 5000, MAX_DIRECTIVES 50, MAX_QUERY_LENGTH 20000, MAX_COST 500000). */
  limits: Limits;
  /** pino log level (LOG_LEVEL, default info). */
  logLevel: string;
  /** The WebSocket of /graphql and its subscriptions (see SocketLimits). */
  socket: SocketLimits;
  /** Milliseconds between two reads of the change log by the process's tail (CHANGES_POLL_MS, default 500; at most 1000). */
  changesPollMs: number;
  /**
   * Origins whose browser pages may call the API (CORS_ORIGINS, comma-separated, e.g.
   * "https://a.example,https://b.example"; default "*": any origin, the data being public).
   * Mutations still need the API key whatever the origin.
   */
  corsOrigins: '*' | string[];
}

/** Limits of the WebSocket of /graphql (graphql-ws). */
export interface SocketLimits {
  /** Open WebSocket connections per server process (WS_MAX_CONNECTIONS, default 1000); past it a new one is closed with 1013. */
  maxConnections: number;
  /** Operations (subscriptions) at once on one connection (WS_MAX_SUBSCRIPTIONS, default 20); past it the operation is refused with TOO_MANY_SUBSCRIPTIONS. */
  maxSubscriptions: number;
  /** A connection with no operation that sends nothing for this long is closed with 4000, in ms (WS_IDLE_TIMEOUT_MS, default 120000). */
  idleTimeoutMs: number;
  /** The server pings every connection this often, in ms, and ends one that has not answered the previous ping (WS_PING_INTERVAL_MS, default 30000). */
  pingIntervalMs: number;
  /** Time a new connection has to send graphql-ws's ConnectionInit, in ms (WS_INIT_TIMEOUT_MS, default 3000); past it it is closed with 4408. */
  initTimeoutMs: number;
}

/** Reads the configuration from `env`, failing fast with one message per bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key}=${raw} must be a whole number between ${min} and ${max}`);
      return fallback;
    }
    return value;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${key}=${raw} must be true or false`);
    return fallback;
  };
  const config: Config = {
    port: int('PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    nodeEnv: env.NODE_ENV || 'development',
    neo4jUri: env.NEO4J_URI || null,
    neo4jUsername: env.NEO4J_USERNAME || 'neo4j',
    neo4jPassword: env.NEO4J_PASSWORD || '',
    neo4jDatabase: env.NEO4J_DATABASE || 'neo4j',
    neo4jHomeDir: path.resolve(REPO_ROOT, env.NEO4J_HOME_DIR || '.neo4j'),
    neo4jDataDir: path.resolve(REPO_ROOT, env.NEO4J_DATA_DIR || '.data/neo4j'),
    neo4jBoltPort: int('NEO4J_BOLT_PORT', 7687, 0, 65535),
    neo4jHeapMb: int('NEO4J_HEAP_MB', 1024, 256, 65536),
    neo4jPageCacheMb: int('NEO4J_PAGECACHE_MB', 256, 32, 65536),
    seedOnStart: bool('SEED_ON_START', true),
    readTimeoutMs: int('READ_TIMEOUT_MS', 5000, 100, 600000),
    introspection: bool('INTROSPECTION', true),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 10000, 100, 600000),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 15000, 0, 600000),
    apiKey: env.API_KEY || null,
    apiKeys: namedKeys(env.API_KEYS, problems),
    ctgovSyncIntervalMinutes: int('CTGOV_SYNC_INTERVAL', 0, 0, 10080),
    ctgovSyncCond: env.CTGOV_SYNC_COND || null,
    ctgovSyncTerm: env.CTGOV_SYNC_TERM || null,
    ctgovBaseUrl: env.CTGOV_BASE_URL || null,
    ctgovMinIntervalMs: int('CTGOV_MIN_INTERVAL_MS', 1000, 0, 600000),
    ctgovTimeoutMs: int('CTGOV_TIMEOUT_MS', 30000, 100, 600000),
    ctgovAttempts: int('CTGOV_ATTEMPTS', 4, 1, 20),
    ctgovBackoffMs: int('CTGOV_BACKOFF_MS', 1000, 0, 600000),
    ctgovSyncBatch: int('CTGOV_SYNC_BATCH', 20, 1, 1000),
    ctgovSyncWriteBatch: int('CTGOV_SYNC_WRITE_BATCH', 5, 1, 1000),
    ctgovSyncLeaseMs: int('CTGOV_SYNC_LEASE_MS', 120000, 1000, 86400000),
    limits: {
      maxDepth: int('MAX_DEPTH', 10, 1, 100),
      maxAliases: int('MAX_ALIASES', 30, 0, 1000),
      maxTokens: int('MAX_TOKENS', 5000, 10, 1000000),
      maxDirectives: int('MAX_DIRECTIVES', 50, 0, 1000),
      maxQueryLength: int('MAX_QUERY_LENGTH', 20000, 10, 1000000),
      maxCost: int('MAX_COST', 500_000, 1, 100_000_000),
    },
    logLevel: env.LOG_LEVEL || 'info',
    socket: {
      maxConnections: int('WS_MAX_CONNECTIONS', 1000, 1, 100000),
      maxSubscriptions: int('WS_MAX_SUBSCRIPTIONS', 20, 1, 1000),
      idleTimeoutMs: int('WS_IDLE_TIMEOUT_MS', 120_000, 100, 86_400_000),
      pingIntervalMs: int('WS_PING_INTERVAL_MS', 30_000, 100, 3_600_000),
      initTimeoutMs: int('WS_INIT_TIMEOUT_MS', 3000, 100, 600_000),
    },
    changesPollMs: int('CHANGES_POLL_MS', 500, 10, 1000),
    corsOrigins: corsOrigins(env.CORS_ORIGINS, problems),
  };
  if (config.apiKey !== null && config.apiKey.length < 16) problems.push('API_KEY must be at least 16 characters long');
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

/** Reads API_KEYS: "name:key" pairs separated by commas, names unique (letters, digits, - _ .), keys of 16+ characters. */
function namedKeys(text: string | undefined, problems: string[]): ApiKey[] {
  if (!text) return [];
  const keys: ApiKey[] = [];
  for (const [i, entry] of text.split(',').entries()) {
    const at = entry.indexOf(':');
    const name = entry.slice(0, Math.max(at, 0)).trim();
    const key = entry.slice(at + 1).trim();
    if (at < 1 || !/^[A-Za-z0-9._-]{1,64}$/.test(name))
      problems.push(
        `API_KEYS entry ${i + 1} must be "name:key" with a name of letters, digits, "-", "_" or "." (got "${entry.slice(0, 20)}…")`,
      );
    else if (key.length < 16) problems.push(`API_KEYS key "${name}" must be at least 16 characters long`);
    else if (keys.some((k) => k.name === name)) problems.push(`API_KEYS names "${name}" twice`);
    else keys.push({ name, key });
  }
  return keys;
}

/** Reads CORS_ORIGINS: "*" (the default), or origins (scheme, host and optional port, no path) separated by commas. */
function corsOrigins(text: string | undefined, problems: string[]): '*' | string[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0 || entries.includes('*')) return '*';
  const bad = entries.find(
    (entry) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(entry),
  );
  if (bad !== undefined)
    problems.push(
      `CORS_ORIGINS entry "${bad.slice(0, 80)}" must be an origin such as https://example.org (scheme and host, no path), or *`,
    );
  return entries;
}
