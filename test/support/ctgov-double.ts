/**
 * A local double of the ClinicalTrials.gov API v2 for tests and benchmarks: an HTTP server
 * (node:http only, on 127.0.0.1 and a free port by default) serving study records held in
 * memory, with the subset of the API a registry sync needs, and test controls (records,
 * data timestamp, injected failures, a request log) as methods of the returned object.
 *
 * Parameter names and response shapes follow the registry's OpenAPI description of the API,
 * version 2.0.5 (https://clinicaltrials.gov/api/oas/v2, shown at https://clinicaltrials.gov/data-api/api):
 *
 * - `GET /api/v2/studies` → `PagedStudies` `{ totalCount?, studies, nextPageToken? }`:
 *   - `query.cond`, `query.term`: in the real API Essie expressions over the ConditionSearch and
 *     BasicSearch areas (weighted fields, synonyms, boolean operators). **Simplified here** to one
 *     case-insensitive substring (surrounding double quotes and extra spaces removed): `query.cond`
 *     over the record's conditions and keywords, `query.term` over its NCT id, acronym, brief and
 *     official titles, conditions, keywords and intervention names and other names. A record
 *     matches when the text occurs inside one of those values; no operators, no synonyms.
 *   - `filter.ids`: comma- or pipe-separated NCT ids (matched on `nctId`; aliases are not kept).
 *   - `filter.advanced`: only `AREA[<date field>]RANGE[<from>,<to>]` terms, several joined by
 *     ` AND `; the field one of DATE_AREAS (LastUpdatePostDate, StudyFirstPostDate, …); bounds
 *     `MIN`, `MAX`, `YYYY-MM-DD` or `MM/DD/YYYY`, both inclusive; a record without the date does not match.
 *   - `fields`: comma- or pipe-separated. When every name is one of FIELD_PIECES (`NCTId`,
 *     `LastUpdatePostDate`, `BriefTitle`, `ProtocolSection`, …) each study holds only those
 *     (`fields=NCTId,LastUpdatePostDate` → `protocolSection.identificationModule.nctId` and
 *     `protocolSection.statusModule.lastUpdatePostDateStruct.date`); any other name, or no
 *     `fields`, gives whole records.
 *   - `pageSize`: default 10 (also for 0), more than 1,000 coerced down to 1,000; `pageToken` /
 *     `nextPageToken`: opaque tokens; the last page has no `nextPageToken`. Studies come in NCT id
 *     order (the real API does not sort by default); a token holds the last id served, so records
 *     added or removed between pages shift nothing: every record present throughout is served once.
 *     A token is refused (400) when the other parameters differ from its first page's
 *     (the API requires the same parameters except `countTotal`, `pageSize` and `pageToken`).
 *   - `countTotal=true` → `totalCount` on the first page only (ignored with a `pageToken`).
 *   - `format=json` and `markupFormat=markdown` (the defaults) are accepted; the API's other
 *     parameters (`query.intr`, `sort`, `filter.overallStatus`, …) are refused with 400 naming
 *     them, as are unknown and repeated parameters, so a client never gets a silently unfiltered answer.
 * - `GET /api/v2/studies/{nctId}`: the record (also with `fields`); 404 when unknown, 400 when the
 *   id does not match the API's pattern (`NCT` and up to 8 digits, case-insensitive). No 301 for aliases.
 * - `GET /api/v2/version` → `{ apiVersion, dataTimestamp }` (`yyyy-MM-dd'T'HH:mm:ss`, UTC).
 * Errors are `text/plain`, as the API's `errorMessage`. Other paths 404; other methods 405.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { generator } from '../../bench/corpus';

/** A v2 study record (`protocolSection`, `resultsSection`, `derivedSection`, …). */
export type CtgovRecord = Record<string, any>;

/** The real v2 records of test/fixtures/ctgov-real/ (see test/fixtures/README.md), also when compiled into dist/. */
export const REAL_RECORDS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'ctgov-real');

/** The API version the double reports by default: that of the OpenAPI description it follows. */
export const DEFAULT_API_VERSION = '2.0.5';
export const DEFAULT_DATA_TIMESTAMP = '2025-01-06T09:00:00';

export interface CtgovDoubleOptions {
  /** Records to serve (copied). */
  records?: CtgovRecord[];
  /** JSON files, or folders of them, to serve: a study each, or `{ "studies": [...] }`. */
  files?: string[];
  /** 127.0.0.1 by default. */
  host?: string;
  /** 0 (a free port) by default. */
  port?: number;
  apiVersion?: string;
  dataTimestamp?: string;
}

/** What the next requests answer instead of their response. */
export type InjectedFailure =
  { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 | 504; retryAfterSeconds?: number };

export interface LoggedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The query parameters, decoded (a repeated one: its last value). */
  query: Record<string, string>;
  /** The status answered. */
  status: number;
  /** True when the answer was an injected failure. */
  injected: boolean;
}

export interface CtgovDouble {
  /** Scheme, host and port (`http://127.0.0.1:PORT`): the `baseUrl` of src/ctgov/ctgov.client.ts. */
  url: string;
  port: number;
  /** Adds a record, or replaces the one with its NCT id (copied; its `nctId` must be NCT and 8 digits). */
  put(record: CtgovRecord): void;
  /** Removes a record; false when there was none. */
  remove(nctId: string): boolean;
  /** A copy of the record, or undefined. */
  get(nctId: string): CtgovRecord | undefined;
  /** The NCT ids served, in order. */
  nctIds(): string[];
  readonly size: number;
  /** The `dataTimestamp` of /version: `yyyy-MM-dd'T'HH:mm:ss`, or a Date (its UTC second). */
  setDataTimestamp(timestamp: string | Date): void;
  /** The next `count` requests (any path) answer `failure` instead (queued after failures already injected). */
  failNext(count: number, failure: InjectedFailure): void;
  /** Every request answered, in order. */
  readonly requests: readonly LoggedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

/** Date search areas `filter.advanced` understands, and where each is in a record. */
export const DATE_AREAS: Record<string, (r: CtgovRecord) => unknown> = {
  LastUpdatePostDate: (r) => r.protocolSection?.statusModule?.lastUpdatePostDateStruct?.date,
  LastUpdateSubmitDate: (r) => r.protocolSection?.statusModule?.lastUpdateSubmitDate,
  StudyFirstPostDate: (r) => r.protocolSection?.statusModule?.studyFirstPostDateStruct?.date,
  StudyFirstSubmitDate: (r) => r.protocolSection?.statusModule?.studyFirstSubmitDate,
  ResultsFirstPostDate: (r) => r.protocolSection?.statusModule?.resultsFirstPostDateStruct?.date,
  StartDate: (r) => r.protocolSection?.statusModule?.startDateStruct?.date,
  PrimaryCompletionDate: (r) => r.protocolSection?.statusModule?.primaryCompletionDateStruct?.date,
  CompletionDate: (r) => r.protocolSection?.statusModule?.completionDateStruct?.date,
};

/** Piece names `fields` can project, and their paths (a leaf piece keeps its parents, as the API does). */
export const FIELD_PIECES: Record<string, string[]> = {
  NCTId: ['protocolSection', 'identificationModule', 'nctId'],
  Acronym: ['protocolSection', 'identificationModule', 'acronym'],
  BriefTitle: ['protocolSection', 'identificationModule', 'briefTitle'],
  OfficialTitle: ['protocolSection', 'identificationModule', 'officialTitle'],
  OverallStatus: ['protocolSection', 'statusModule', 'overallStatus'],
  LastUpdateSubmitDate: ['protocolSection', 'statusModule', 'lastUpdateSubmitDate'],
  LastUpdatePostDate: ['protocolSection', 'statusModule', 'lastUpdatePostDateStruct', 'date'],
  LastUpdatePostDateType: ['protocolSection', 'statusModule', 'lastUpdatePostDateStruct', 'type'],
  LastUpdatePostDateStruct: ['protocolSection', 'statusModule', 'lastUpdatePostDateStruct'],
  Condition: ['protocolSection', 'conditionsModule', 'conditions'],
  Keyword: ['protocolSection', 'conditionsModule', 'keywords'],
  IdentificationModule: ['protocolSection', 'identificationModule'],
  StatusModule: ['protocolSection', 'statusModule'],
  ConditionsModule: ['protocolSection', 'conditionsModule'],
  ProtocolSection: ['protocolSection'],
  ResultsSection: ['resultsSection'],
  AnnotationSection: ['annotationSection'],
  DocumentSection: ['documentSection'],
  DerivedSection: ['derivedSection'],
  HasResults: ['hasResults'],
};

/** Parameters of `GET /studies` the double implements; the API's others are refused by name. */
const IMPLEMENTED = new Set([
  'query.cond',
  'query.term',
  'filter.ids',
  'filter.advanced',
  'fields',
  'countTotal',
  'pageSize',
  'pageToken',
  'format',
  'markupFormat',
]);
const NOT_IMPLEMENTED = new Set([
  'query.locn',
  'query.titles',
  'query.intr',
  'query.outc',
  'query.spons',
  'query.lead',
  'query.id',
  'query.patient',
  'filter.overallStatus',
  'filter.geo',
  'filter.synonyms',
  'postFilter.overallStatus',
  'postFilter.geo',
  'postFilter.ids',
  'postFilter.advanced',
  'postFilter.synonyms',
  'aggFilters',
  'geoDecay',
  'sort',
]);
/** Parameters that may change between the pages of one listing. */
const PAGING = new Set(['countTotal', 'pageSize', 'pageToken']);

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;
const NCT_PATTERN = /^[Nn][Cc][Tt]0*([1-9]\d{0,7})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

class BadRequest extends Error {}

/** `NCT` and 8 digits for an id the API accepts (`nct2210780` → `NCT02210780`), else null. */
export function normalizeNctId(id: string): string | null {
  const m = NCT_PATTERN.exec(id.trim());
  return m ? `NCT${m[1].padStart(8, '0')}` : null;
}

/** Reads records from JSON files or folders of them (a study per file, or `{ "studies": [...] }`), files in name order. */
export function loadRecords(paths: string[]): CtgovRecord[] {
  const out: CtgovRecord[] = [];
  for (const p of paths) {
    const files = fs.statSync(p).isDirectory()
      ? fs
          .readdirSync(p)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => path.join(p, f))
      : [p];
    for (const f of files) {
      const data = JSON.parse(fs.readFileSync(f, 'utf8'));
      out.push(...(Array.isArray(data?.studies) ? data.studies : [data]));
    }
  }
  return out;
}

/** The real records of test/fixtures/ctgov-real/ (fresh copies). */
export function loadRealRecords(): CtgovRecord[] {
  return loadRecords([REAL_RECORDS_DIR]);
}

const lower = (s: string) => s.toLowerCase();
const strings = (xs: unknown): string[] =>
  Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string') : [];

/** The texts `query.cond` and `query.term` look in, one value per line. */
function searchTexts(r: CtgovRecord): { cond: string; term: string } {
  const p = r.protocolSection ?? {};
  const conditions = [...strings(p.conditionsModule?.conditions), ...strings(p.conditionsModule?.keywords)];
  const interventions = (p.armsInterventionsModule?.interventions ?? []).flatMap((i: any) => [
    i?.name,
    ...strings(i?.otherNames),
  ]);
  const id = p.identificationModule ?? {};
  const term = [id.nctId, id.acronym, id.briefTitle, id.officialTitle, ...conditions, ...interventions].filter(
    (x) => typeof x === 'string',
  );
  return { cond: lower(conditions.join('\n')), term: lower(term.join('\n')) };
}

/** A record date (`YYYY-MM-DD`, or `YYYY-MM` taken as its first day) as `YYYY-MM-DD`, else null. */
function recordDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  return null;
}

/** A RANGE bound: MIN/MAX, `YYYY-MM-DD` or `MM/DD/YYYY`. */
function rangeBound(text: string, area: string): string | null {
  const t = text.trim();
  if (/^MIN$/i.test(t) || /^MAX$/i.test(t)) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return t;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  throw new BadRequest(
    `filter.advanced: "${t}" is not a date of RANGE for AREA[${area}] (MIN, MAX, YYYY-MM-DD or MM/DD/YYYY)`,
  );
}

type Predicate = (r: CtgovRecord) => boolean;

/** `AREA[Field]RANGE[from,to]` terms joined by AND; anything else is refused. */
function parseAdvanced(expression: string): Predicate {
  const terms = expression
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .split(/\s+AND\s+/);
  const predicates = terms.map((raw): Predicate => {
    const m = /^AREA\[\s*([A-Za-z]+)\s*\]\s*RANGE\[([^,\]]*),([^\]]*)\]$/.exec(raw.trim());
    if (!m)
      throw new BadRequest(
        `filter.advanced: the double understands only AREA[<date field>]RANGE[<from>,<to>] terms joined by AND, not "${raw.trim()}"`,
      );
    const area = Object.keys(DATE_AREAS).find((a) => a.toLowerCase() === m[1].toLowerCase());
    if (!area)
      throw new BadRequest(
        `filter.advanced: AREA[${m[1]}] is not one of the double's date areas (${Object.keys(DATE_AREAS).join(', ')})`,
      );
    const from = rangeBound(m[2], area);
    const to = rangeBound(m[3], area);
    const get = DATE_AREAS[area];
    return (r) => {
      const day = recordDay(get(r));
      return day !== null && (from === null || day >= from) && (to === null || day <= to);
    };
  });
  return (r) => predicates.every((p) => p(r));
}

/** A `fields` list as the paths to keep, or null for whole records. */
function parseFields(value: string | undefined): string[][] | null {
  if (value === undefined) return null;
  const names = value.split(/[,|]/).map((s) => s.trim());
  if (names.length === 0 || names.some((n) => n === ''))
    throw new BadRequest('fields: must be a non-empty comma- or pipe-separated list');
  const paths: string[][] = [];
  for (const name of names) {
    const piece = Object.keys(FIELD_PIECES).find((k) => k.toLowerCase() === name.toLowerCase());
    if (!piece) return null;
    paths.push(FIELD_PIECES[piece]);
  }
  return paths;
}

function project(record: CtgovRecord, paths: string[][] | null): CtgovRecord {
  if (!paths) return record;
  const out: CtgovRecord = {};
  for (const p of paths) {
    let value: any = record;
    for (const key of p) value = value?.[key];
    if (value === undefined) continue;
    let target = out;
    p.slice(0, -1).forEach((key) => (target = target[key] ??= {}));
    target[p[p.length - 1]] = value;
  }
  return out;
}

const encodeToken = (after: string, fingerprint: string) =>
  Buffer.from(JSON.stringify({ a: after, q: fingerprint })).toString('base64url');

function decodeToken(token: string): { a: string; q: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof t?.a === 'string' && typeof t?.q === 'string') return t;
  } catch {
    /* refused below */
  }
  throw new BadRequest('pageToken: not a token this server issued');
}

const formatTimestamp = (d: Date) => d.toISOString().slice(0, 19);

interface Stored {
  /** The double's own copy, never handed out: an answer is projected from it and serialised at once. */
  record: CtgovRecord;
  /** The record as put, parsed afresh for `get`, whose caller may change what it gets. */
  json: string;
  texts: { cond: string; term: string };
}

/** Starts the double; `close()` it when done. */
export async function startCtgovDouble(options: CtgovDoubleOptions = {}): Promise<CtgovDouble> {
  const store = new Map<string, Stored>();
  let sorted: string[] | null = null;
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  let dataTimestamp = DEFAULT_DATA_TIMESTAMP;
  const failures: { failure: InjectedFailure; remaining: number }[] = [];
  const log: LoggedRequest[] = [];

  const order = () => (sorted ??= [...store.keys()].sort());

  const put = (record: CtgovRecord) => {
    const id = record?.protocolSection?.identificationModule?.nctId;
    if (typeof id !== 'string' || !/^NCT\d{8}$/.test(id))
      throw new Error(
        `A record needs protocolSection.identificationModule.nctId, NCT and 8 digits (got ${JSON.stringify(id)}).`,
      );
    const json = JSON.stringify(record);
    if (!store.has(id)) sorted = null;
    store.set(id, { record: JSON.parse(json), json, texts: searchTexts(record) });
  };

  const setDataTimestamp = (timestamp: string | Date) => {
    const t = timestamp instanceof Date ? formatTimestamp(timestamp) : timestamp;
    if (!TIMESTAMP.test(t)) throw new Error(`dataTimestamp "${t}" is not yyyy-MM-dd'T'HH:mm:ss.`);
    dataTimestamp = t;
  };

  for (const r of [...loadRecords(options.files ?? []), ...(options.records ?? [])]) put(r);
  if (options.dataTimestamp !== undefined) setDataTimestamp(options.dataTimestamp);

  const listStudies = (query: Record<string, string>): unknown => {
    for (const name of Object.keys(query)) {
      if (NOT_IMPLEMENTED.has(name))
        throw new BadRequest(`${name}: a parameter of the API that the ClinicalTrials.gov double does not implement`);
      if (!IMPLEMENTED.has(name)) throw new BadRequest(`${name}: unknown parameter`);
    }
    if (query.format !== undefined && query.format !== 'json')
      throw new BadRequest(`format: the double answers json only, not "${query.format}"`);
    if (query.markupFormat !== undefined && query.markupFormat !== 'markdown')
      throw new BadRequest(`markupFormat: the double answers markdown only, not "${query.markupFormat}"`);

    let pageSize = DEFAULT_PAGE_SIZE;
    if (query.pageSize !== undefined) {
      if (!/^\d+$/.test(query.pageSize))
        throw new BadRequest(`pageSize: "${query.pageSize}" is not a non-negative integer`);
      pageSize = Number(query.pageSize) === 0 ? DEFAULT_PAGE_SIZE : Math.min(Number(query.pageSize), MAX_PAGE_SIZE);
    }
    if (query.countTotal !== undefined && !/^(true|false)$/i.test(query.countTotal))
      throw new BadRequest(`countTotal: "${query.countTotal}" is not true or false`);
    const countTotal = /^true$/i.test(query.countTotal ?? '');

    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify(
          Object.entries(query)
            .filter(([k]) => !PAGING.has(k))
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        ),
      )
      .digest('hex')
      .slice(0, 16);
    let after: string | null = null;
    if (query.pageToken !== undefined) {
      const token = decodeToken(query.pageToken);
      if (token.q !== fingerprint)
        throw new BadRequest('pageToken: the other parameters differ from those of the first page');
      after = token.a;
    }

    const predicates: Predicate[] = [];
    if (query['filter.ids'] !== undefined) {
      const ids = new Set(
        query['filter.ids'].split(/[,|]/).map((s) => {
          const id = normalizeNctId(s);
          if (!id) throw new BadRequest(`filter.ids: "${s.trim()}" is not an NCT id`);
          return id;
        }),
      );
      predicates.push((r) => ids.has(r.protocolSection.identificationModule.nctId));
    }
    for (const [param, key] of [
      ['query.cond', 'cond'],
      ['query.term', 'term'],
    ] as const) {
      if (query[param] === undefined) continue;
      const needle = lower(
        query[param]
          .trim()
          .replace(/^"(.*)"$/s, '$1')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      if (needle)
        predicates.push((r) => store.get(r.protocolSection.identificationModule.nctId)!.texts[key].includes(needle));
    }
    if (query['filter.advanced'] !== undefined) predicates.push(parseAdvanced(query['filter.advanced']));
    const paths = parseFields(query.fields);

    const matching = order().filter((id) => predicates.every((p) => p(store.get(id)!.record)));
    let start = 0;
    if (after !== null) {
      const cursor = after;
      start = matching.findIndex((id) => id > cursor);
      if (start < 0) start = matching.length;
    }
    const page = matching.slice(start, start + pageSize);
    const body: { totalCount?: number; studies: unknown[]; nextPageToken?: string } = {
      ...(countTotal && after === null ? { totalCount: matching.length } : {}),
      studies: page.map((id) => project(store.get(id)!.record, paths)),
    };
    if (start + pageSize < matching.length) body.nextPageToken = encodeToken(page[page.length - 1], fingerprint);
    return body;
  };

  const fetchStudy = (rawId: string, query: Record<string, string>): { status: number; body: unknown } => {
    for (const name of Object.keys(query)) {
      if (!['fields', 'format', 'markupFormat'].includes(name))
        throw new BadRequest(`${name}: not a parameter the double accepts for a single study`);
    }
    if (query.format !== undefined && query.format !== 'json')
      throw new BadRequest(`format: the double answers json only, not "${query.format}"`);
    if (query.markupFormat !== undefined && query.markupFormat !== 'markdown')
      throw new BadRequest(`markupFormat: the double answers markdown only, not "${query.markupFormat}"`);
    const id = normalizeNctId(rawId);
    if (!id) throw new BadRequest(`"${rawId}" is not an NCT id`);
    const stored = store.get(id);
    if (!stored) return { status: 404, body: `Study ${id} not found` };
    return { status: 200, body: project(stored.record, parseFields(query.fields)) };
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://double.invalid');
    const query: Record<string, string> = {};
    const repeated: string[] = [];
    for (const [k, v] of url.searchParams) {
      if (k in query) repeated.push(k);
      query[k] = v;
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, injected = false) => {
      log.push({ method: req.method ?? '', path: url.pathname, query, status, injected });
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
        'content-length': String(Buffer.byteLength(text)),
        ...headers,
      });
      res.end(text);
    };

    const head = failures[0];
    if (head) {
      head.remaining -= 1;
      if (head.remaining <= 0) failures.shift();
      const { status, retryAfterSeconds } = head.failure;
      const headers: Record<string, string> =
        retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {};
      send(
        status,
        `${http.STATUS_CODES[status] ?? 'Error'} (injected by the ClinicalTrials.gov double)`,
        headers,
        true,
      );
      return;
    }
    if (req.method !== 'GET') return send(405, 'Method Not Allowed', { allow: 'GET' });
    try {
      if (repeated.length) throw new BadRequest(`${repeated[0]}: given more than once`);
      const p = url.pathname.replace(/\/+$/, '');
      if (p === '/api/v2/version') {
        if (Object.keys(query).length) throw new BadRequest(`${Object.keys(query)[0]}: /version takes no parameters`);
        return send(200, { apiVersion, dataTimestamp });
      }
      if (p === '/api/v2/studies') return send(200, listStudies(query));
      const single = /^\/api\/v2\/studies\/([^/]+)$/.exec(p);
      if (single) {
        let rawId: string;
        try {
          rawId = decodeURIComponent(single[1]);
        } catch {
          throw new BadRequest(`"${single[1]}" is not an NCT id`);
        }
        const { status, body } = fetchStudy(rawId, query);
        return send(status, body);
      }
      return send(404, `No endpoint ${url.pathname} in the ClinicalTrials.gov double`);
    } catch (error) {
      if (error instanceof BadRequest) return send(400, error.message);
      return send(500, `The ClinicalTrials.gov double failed: ${(error as Error).message}`);
    }
  };

  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    put,
    remove(nctId) {
      const id = normalizeNctId(nctId);
      const had = id !== null && store.delete(id);
      if (had) sorted = null;
      return had;
    },
    get(nctId) {
      const id = normalizeNctId(nctId);
      const stored = id === null ? undefined : store.get(id);
      return stored && JSON.parse(stored.json);
    },
    nctIds: () => [...order()],
    get size() {
      return store.size;
    },
    setDataTimestamp,
    failNext(count, failure) {
      if (!Number.isInteger(count) || count < 1)
        throw new Error(`failNext: count must be a positive integer (got ${count}).`);
      failures.push({ failure, remaining: count });
    },
    get requests() {
      return log;
    },
    clearRequests() {
      log.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Generated variants of real records
// ---------------------------------------------------------------------------------------------

export interface VariantOptions {
  /** The variant's NCT id; variantNctId(seed) by default. */
  nctId?: string;
  /** Days added to every date of the record (`YYYY-MM` dates move by whole months); seeded, ±30 to ±1000, by default. */
  dayShift?: number;
  /** Factor applied to the numbers of the results and to the enrolment; seeded, 0.8 to 1.25 and never within 2 % of 1, by default. */
  valueScale?: number;
  /** Added (after scaling) to measurement values and limits of means, medians, LS means and plain numbers that are not percentages; 0 by default. */
  valueOffset?: number;
  /** Sets `lastUpdatePostDateStruct.date` (YYYY-MM-DD) after the shift. */
  lastUpdatePostDate?: string;
  /**
   * The record as the registry serves it before results are posted: no `resultsSection`,
   * `hasResults` false, and none of the status module's results dates. Most records a NET query
   * matches look so.
   */
  withoutResults?: boolean;
}

/**
 * The NCT id of the variant of a seed: `NCT8` and the seed in 7 digits (`NCT80000042`), a range the
 * registry has not reached (its ids are below NCT08000000 in 2025) and distinct from the
 * constructed fixtures' NCT099000xx.
 */
export function variantNctId(seed: number): string {
  if (!Number.isInteger(seed) || seed < 0 || seed > 9_999_999)
    throw new Error(`A variant seed is an integer from 0 to 9,999,999 (got ${seed}).`);
  return `NCT8${String(seed).padStart(7, '0')}`;
}

/** The variants' deterministic generator: the corpus's (bench/corpus.ts), its seed mixed so that variant and corpus streams differ. */
const random = (seed: number) => generator((seed ^ 0x9e3779b9) >>> 0);

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/** A numeric string scaled (then offset, then clamped), written with as many decimals as it had; other values unchanged. */
function shiftNumber(value: unknown, scale: number, offset = 0, clamp?: [number, number]): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? Math.round(value * scale) : value * scale;
  if (typeof value !== 'string' || !NUMBER_TEXT.test(value)) return value;
  const decimals = value.split('.')[1]?.length ?? 0;
  let x = Number(value) * scale + offset;
  if (clamp) x = Math.min(clamp[1], Math.max(clamp[0], x));
  const text = x.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A unit the importer takes as a percentage (src/ctgov/ctgov.mapper.ts), whose values the seed format keeps within 0–100. */
const isPercentUnit = (unit: unknown) => {
  const t = typeof unit === 'string' ? unit.trim().toLowerCase().replace(/\s+/g, ' ') : '';
  return /^(percent(age)?|%)( of (participants|patients|subjects))?$/.test(t) || /^percentage of /.test(t);
};
const OFFSET_PARAM_TYPES = new Set(['MEAN', 'MEDIAN', 'LEAST_SQUARES_MEAN', 'NUMBER']);

/** Scales the measurements, counts and estimates of a measure (an outcome or a baseline measure). */
function shiftMeasure(measure: any, scale: number, offset: number): void {
  const percent = isPercentUnit(measure.unitOfMeasure);
  const measureOffset = !percent && OFFSET_PARAM_TYPES.has(measure.paramType) ? offset : 0;
  const counts = (denoms: any[] | undefined) =>
    denoms?.forEach((d) => d.counts?.forEach((c: any) => (c.value = shiftNumber(c.value, scale))));
  counts(measure.denoms);
  for (const cls of measure.classes ?? []) {
    counts(cls.denoms);
    for (const category of cls.categories ?? []) {
      for (const m of category.measurements ?? []) {
        for (const key of ['value', 'lowerLimit', 'upperLimit']) {
          if (key in m) m[key] = shiftNumber(m[key], scale, measureOffset, percent ? [-Infinity, 100] : undefined);
        }
        if ('spread' in m) m.spread = shiftNumber(m.spread, scale);
      }
    }
  }
  for (const a of measure.analyses ?? []) {
    for (const key of ['paramValue', 'ciLowerLimit', 'ciUpperLimit', 'dispersionValue'])
      if (key in a) a[key] = shiftNumber(a[key], scale);
  }
}

/** Moves a date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY-MM-DDTHH:mm[:ss]`) by whole days (months for `YYYY-MM`). */
function shiftDate(value: string, days: number): string {
  let m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + Math.round(days / 30.4375), 1));
    return d.toISOString().slice(0, 7);
  }
  m = /^(\d{4}-\d{2}-\d{2})(T[\d:]+)?$/.exec(value);
  if (!m) return value;
  const d = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10) + (m[2] ?? '');
}

const DATE_KEY = /^(date|uploadDate|versionHolder)$|Date$/;

function shiftDates(node: unknown, days: number): void {
  if (Array.isArray(node)) return node.forEach((x) => shiftDates(x, days));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && DATE_KEY.test(key)) (node as any)[key] = shiftDate(value, days);
    else shiftDates(value, days);
  }
}

/** The status module's fields that exist once results were submitted. */
const RESULTS_DATES = ['resultsFirstSubmitDate', 'resultsFirstSubmitQcDate', 'resultsFirstPostDateStruct'];

/**
 * A generated variant of a record, deterministic from `seed`: a new NCT id, its dates shifted,
 * the numbers of its results (measurements, dispersions, limits, denominators, participant-flow
 * and adverse-event counts, analysis estimates and intervals; not p-values or CI levels) and its
 * enrolment scaled by one factor, so every order between them holds (an interval still holds its
 * estimate, affected never pass at risk), whole counts stay whole and percentages stay within 0–100.
 * Texts, structure and group ids are those of the record.
 */
export function makeVariant(record: CtgovRecord, seed: number, options: VariantOptions = {}): CtgovRecord {
  const rand = random(seed);
  const sign = rand() < 0.5 ? -1 : 1;
  const dayShift = options.dayShift ?? sign * (30 + Math.floor(rand() * 971));
  let scale = options.valueScale ?? 0.8 + rand() * 0.45;
  if (options.valueScale === undefined && Math.abs(scale - 1) < 0.02) scale = scale < 1 ? 0.98 : 1.02;
  const offset = options.valueOffset ?? 0;
  const nctId = options.nctId ?? variantNctId(seed);
  if (!/^NCT\d{8}$/.test(nctId)) throw new Error(`"${nctId}" is not an NCT id (NCT and 8 digits).`);

  const v: CtgovRecord = structuredClone(record);
  v.protocolSection ??= {};
  v.protocolSection.identificationModule ??= {};
  v.protocolSection.identificationModule.nctId = nctId;
  if (dayShift !== 0) shiftDates(v, dayShift);

  const enrollment = v.protocolSection.designModule?.enrollmentInfo;
  if (enrollment && typeof enrollment.count === 'number') enrollment.count = shiftNumber(enrollment.count, scale);
  if (options.withoutResults) {
    delete v.resultsSection;
    v.hasResults = false;
    const status = v.protocolSection.statusModule;
    if (status) for (const key of RESULTS_DATES) delete status[key];
  }
  const results = v.resultsSection;
  if (results) {
    for (const measure of results.outcomeMeasuresModule?.outcomeMeasures ?? []) shiftMeasure(measure, scale, offset);
    const baseline = results.baselineCharacteristicsModule;
    if (baseline) {
      baseline.denoms?.forEach((d: any) => d.counts?.forEach((c: any) => (c.value = shiftNumber(c.value, scale))));
      for (const measure of baseline.measures ?? []) shiftMeasure(measure, scale, offset);
    }
    for (const period of results.participantFlowModule?.periods ?? []) {
      for (const milestone of period.milestones ?? []) {
        for (const a of milestone.achievements ?? [])
          for (const key of ['numSubjects', 'numUnits']) if (key in a) a[key] = shiftNumber(a[key], scale);
      }
      for (const drop of period.dropWithdraws ?? []) {
        for (const r of drop.reasons ?? [])
          for (const key of ['numSubjects', 'numUnits']) if (key in r) r[key] = shiftNumber(r[key], scale);
      }
    }
    const ae = results.adverseEventsModule;
    if (ae) {
      for (const g of ae.eventGroups ?? []) {
        for (const key of Object.keys(g)) if (/Num(Affected|AtRisk)$/.test(key)) g[key] = shiftNumber(g[key], scale);
      }
      for (const event of [...(ae.seriousEvents ?? []), ...(ae.otherEvents ?? [])]) {
        for (const s of event.stats ?? [])
          for (const key of ['numEvents', 'numAffected', 'numAtRisk'])
            if (key in s) s[key] = shiftNumber(s[key], scale);
      }
    }
  }
  if (options.lastUpdatePostDate !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.lastUpdatePostDate))
      throw new Error(`lastUpdatePostDate "${options.lastUpdatePostDate}" is not YYYY-MM-DD.`);
    v.protocolSection.statusModule ??= {};
    v.protocolSection.statusModule.lastUpdatePostDateStruct = {
      ...v.protocolSection.statusModule.lastUpdatePostDateStruct,
      date: options.lastUpdatePostDate,
    };
  }
  return v;
}

/** `count` variants, seeds `firstSeed`, `firstSeed + 1`, …, taking the base records in turn; the i-th made with `optionsOf(i)`. */
export function makeVariants(
  bases: CtgovRecord[],
  count: number,
  firstSeed = 1,
  optionsOf: (i: number) => VariantOptions = () => ({}),
): CtgovRecord[] {
  if (bases.length === 0) throw new Error('makeVariants needs at least one base record.');
  return Array.from({ length: count }, (_, i) => makeVariant(bases[i % bases.length], firstSeed + i, optionsOf(i)));
}
