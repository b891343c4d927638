import { setTimeout as wait } from 'node:timers/promises';
import type { Config } from '../config';

/** Where records are fetched from by default (`GET {base}/api/v2/studies/{nctId}`). */
export const DEFAULT_BASE_URL = 'https://clinicaltrials.gov';

export interface FetchOptions {
  /** Scheme and host (and port) of the API; DEFAULT_BASE_URL by default. */
  baseUrl?: string;
  /** Time allowed for one request, in ms (default 30 s). */
  timeoutMs?: number;
  /** Attempts per record (default 4): the first and up to three retries. */
  attempts?: number;
  /** Wait before the first retry, in ms, doubled at each further retry (default 1 s); a Retry-After header of the server is honoured up to 60 s. */
  backoffMs?: number;
  /** Progress messages (the CLI writes them to stderr). */
  onProgress?: (message: string) => void;
  /** Awaited before each request (see `politeGate`). */
  gate?: () => Promise<void>;
}

/** Where and how records are fetched, as configured (CTGOV_BASE_URL, CTGOV_TIMEOUT_MS, CTGOV_ATTEMPTS, CTGOV_BACKOFF_MS): the CLI's and the scheduled sync's. */
export const fetchSettings = (config: Config) => ({
  baseUrl: config.ctgovBaseUrl ?? undefined,
  timeoutMs: config.ctgovTimeoutMs,
  attempts: config.ctgovAttempts,
  backoffMs: config.ctgovBackoffMs,
});

/** A failure to fetch a record: `offline` when the host cannot be reached at all (no retry then). */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly offline = false,
  ) {
    super(message);
  }
}

/** Error codes of a host that cannot be reached: no name resolution, no route, no listener. */
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
]);

const causeCode = (error: unknown): string | undefined => {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth += 1
  ) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
};

/**
 * GETs a JSON answer of the ClinicalTrials.gov API v2 at `url`. Retries with backoff on 429, 5xx,
 * timeouts and connections cut mid-way (a Retry-After is honoured up to 60 s); fails at once,
 * naming the host, when the host cannot be reached (offline: DNS or connection failure); fails on
 * 404 (`notFound`) and other 4xx. `label` names what is fetched in messages.
 */
export async function getJson(
  url: string,
  label: string,
  options: FetchOptions = {},
  notFound = `${label}: not found at ${new URL(url).host} (HTTP 404).`,
): Promise<{ json: unknown; bytes: number }> {
  const host = new URL(url).host;
  const attempts = Math.max(1, options.attempts ?? 4);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let delay = options.backoffMs ?? 1_000;
  const progress = options.onProgress ?? (() => undefined);
  for (let attempt = 1; ; attempt += 1) {
    let retryAfterMs: number | null = null;
    let reason: string;
    try {
      await options.gate?.();
      progress(`GET ${url}${attempt > 1 ? ` (attempt ${attempt} of ${attempts})` : ''}`);
      const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      if (res.ok) {
        const text = await res.text();
        try {
          return { json: JSON.parse(text), bytes: Buffer.byteLength(text, 'utf8') };
        } catch {
          throw new FetchError(`${url} answered 200 with a body that is not JSON.`);
        }
      }
      await res.body?.cancel();
      if (res.status === 404) throw new FetchError(notFound);
      if (res.status !== 429 && res.status < 500) throw new FetchError(`${url} answered HTTP ${res.status}.`);
      reason = `HTTP ${res.status}`;
      const after = Number(res.headers.get('retry-after'));
      if (Number.isFinite(after) && after > 0) retryAfterMs = Math.min(after * 1000, 60_000);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      const code = causeCode(error);
      if (code && UNREACHABLE.has(code)) {
        throw new FetchError(
          `Cannot reach ${host} (${code}): check the network connection (offline?) or CTGOV_BASE_URL; nothing was imported.`,
          true,
        );
      }
      reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : `${(error as Error).message}${code ? ` (${code})` : ''}`;
    }
    if (attempt >= attempts) throw new FetchError(`${url}: ${reason}, ${attempts} attempt(s); giving up.`);
    const waitMs = retryAfterMs ?? delay;
    progress(`${label}: ${reason}; retrying in ${waitMs} ms`);
    await wait(waitMs);
    delay *= 2;
  }
}

const baseOf = (options: FetchOptions) => (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');

/** Fetches one study record (`GET /api/v2/studies/{nctId}`; see `getJson`). */
export async function fetchStudy(
  nctId: string,
  options: FetchOptions = {},
): Promise<{ record: unknown; bytes: number; url: string }> {
  if (!/^NCT\d{8}$/.test(nctId)) throw new FetchError(`"${nctId}" is not an NCT id (NCT and 8 digits).`);
  const url = `${baseOf(options)}/api/v2/studies/${nctId}`;
  const { json, bytes } = await getJson(
    url,
    nctId,
    options,
    `${nctId}: no such study at ${new URL(url).host} (HTTP 404).`,
  );
  return { record: json, bytes, url };
}

/** The API's data version (`GET /api/v2/version`): its `dataTimestamp` changes when the registry's data does. */
export async function fetchVersion(
  options: FetchOptions = {},
): Promise<{ apiVersion: string | null; dataTimestamp: string }> {
  const { json } = await getJson(`${baseOf(options)}/api/v2/version`, 'version', options);
  const v = json as { apiVersion?: unknown; dataTimestamp?: unknown };
  if (typeof v?.dataTimestamp !== 'string')
    throw new FetchError('GET /api/v2/version answered without a dataTimestamp.');
  return { apiVersion: typeof v.apiVersion === 'string' ? v.apiVersion : null, dataTimestamp: v.dataTimestamp };
}

/** One page of `GET /api/v2/studies` with the given query parameters: its studies, the next page's token, and the total when asked. */
export async function listStudies(
  params: Record<string, string>,
  options: FetchOptions = {},
): Promise<{ studies: unknown[]; nextPageToken: string | null; totalCount: number | null }> {
  const url = `${baseOf(options)}/api/v2/studies?${new URLSearchParams(params).toString()}`;
  const { json } = await getJson(url, 'studies', options);
  const page = json as { studies?: unknown; nextPageToken?: unknown; totalCount?: unknown };
  if (!Array.isArray(page?.studies)) throw new FetchError(`${url} answered without a studies list.`);
  return {
    studies: page.studies,
    nextPageToken: typeof page.nextPageToken === 'string' ? page.nextPageToken : null,
    totalCount: typeof page.totalCount === 'number' ? page.totalCount : null,
  };
}

/**
 * A politeness gate: each call waits until `minIntervalMs` have passed since the previous one
 * returned, so that a client shares one request rate (CTGOV_MIN_INTERVAL_MS, 1 s by default).
 */
export function politeGate(minIntervalMs: number): () => Promise<void> {
  let next = 0;
  return async () => {
    const now = Date.now();
    const start = Math.max(now, next);
    next = start + minIntervalMs;
    if (start > now) await wait(start - now);
  };
}
