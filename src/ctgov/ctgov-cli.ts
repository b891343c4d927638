import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/database';
import { SeedValidationError } from '../seeds/seed.loader';
import { DEFAULT_BASE_URL, fetchSettings, fetchStudy, FetchError, politeGate } from './ctgov.client';
import {
  SyncBusyError,
  syncCond,
  syncRegistry,
  SyncProgress,
  syncSettings,
  SyncSummary,
  yieldCpuToRequests,
} from './ctgov.sync';
import { MAX_RECORD_BYTES } from './ctgov.mapper';
import { CtgovInput, CtgovResult, importRecords } from './ctgov.service';

const USAGE = `Usage: npm run import:ctgov -- FILE|DIR... [--fetch NCT... ] [--key-prefix P]
       npm run import:ctgov -- --sync [--cond EXPR] [--term EXPR] [--since YYYY-MM-DD] [--key-prefix P]
Imports ClinicalTrials.gov API v2 study records into the Neo4j of NEO4J_URI (the local Neo4j when unset).
  FILE|DIR      v2 study JSON as saved from the API: one study, or {"studies": [...]}; a folder is read for *.json
  --fetch NCT…  fetches GET {base}/api/v2/studies/{nctId} (base ${DEFAULT_BASE_URL}, or CTGOV_BASE_URL),
                with a timeout (CTGOV_TIMEOUT_MS, 30000) and retries with backoff on 429/5xx/timeouts
                (CTGOV_ATTEMPTS, 4; CTGOV_BACKOFF_MS, 1000); an unreachable host fails at once
  --key-prefix  prefix of every key the import creates (to try an import beside a curated graph)
  --sync        imports every record of a query and keeps it current (see README, Syncing the registry):
                --cond (default: the NET expression, or CTGOV_SYNC_COND), --term, --since (only records
                updated since); at most one request per CTGOV_MIN_INTERVAL_MS (1000); resumes a killed run
Every record is validated first; the valid ones are written and each invalid one is reported with its JSON paths
(exit code 1 when any is refused). A record may hold ${MAX_RECORD_BYTES / 1024 / 1024} MB of JSON.`;

/** Files larger than this are not read at all (a list of records may hold several records of up to MAX_RECORD_BYTES). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

function jsonFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) files.push(full);
    }
  };
  walk(target);
  return files.sort();
}

/** The records of a file: the file itself, or each element of its `studies` list. Unreadable files are issues of their own. */
function readRecords(file: string): { inputs: CtgovInput[]; problems: string[] } {
  const name = path.relative(process.cwd(), file) || file;
  const size = fs.statSync(file).size;
  if (size > MAX_FILE_BYTES)
    return {
      inputs: [],
      problems: [
        `${name}: $: the file is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB read [ctgov.too-large]`,
      ],
    };
  const text = fs.readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { inputs: [], problems: [`${name}: $: malformed JSON: ${(error as Error).message} [json]`] };
  }
  const studies = (data as { studies?: unknown })?.studies;
  if (Array.isArray(studies) && !(data as { protocolSection?: unknown }).protocolSection) {
    return { inputs: studies.map((record, i) => ({ source: `${name} $.studies[${i}]`, record })), problems: [] };
  }
  return { inputs: [{ source: name, record: data, bytes: Buffer.byteLength(text, 'utf8') }], problems: [] };
}

function describe(r: CtgovResult): string {
  const parts = [`${r.source}: ${r.nctId ?? '(no NCT id)'} ${r.status}${r.studyId ? ` ${r.studyId}` : ''}`];
  if (r.createdConcepts.length > 0) parts.push(`new concepts (IMPORTED_UNREVIEWED): ${r.createdConcepts.join(', ')}`);
  if (r.leftOut.length > 0) parts.push(`${r.leftOut.length} note(s) of what was left out (in the study's notes)`);
  return parts.join('; ');
}

/** A one-line progress bar for stderr: records done and to do, rate, time left. */
export function progressLine(p: SyncProgress): string {
  const width = 24;
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  const left =
    p.etaSeconds === null
      ? '?'
      : p.etaSeconds >= 60
        ? `${Math.floor(p.etaSeconds / 60)}m${String(Math.round(p.etaSeconds % 60)).padStart(2, '0')}s`
        : `${Math.round(p.etaSeconds)}s`;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} records, ${p.rate.toFixed(1)}/s, ${left} left`;
}

function describeSync(s: SyncSummary): string[] {
  if (s.status === 'UNCHANGED')
    return [
      `Sync: the registry's data is unchanged since the last run (dataTimestamp ${s.dataTimestamp}); nothing written.`,
    ];
  return [
    `Sync ${s.runId}${s.resumed ? ' (resumed)' : ''} in ${s.seconds.toFixed(1)} s, dataTimestamp ${s.dataTimestamp}: ${s.listed} listed; added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, attached to curated ${s.attached}, no longer matched ${s.noLongerMatched.length}${s.full ? '' : ' (not checked: --since)'}, refused ${s.refused.length}.`,
    ...s.noLongerMatched.map((id) => `  no longer matched: ${id}`),
    ...s.refused.map((r) => `  refused ${r.nctId}: ${r.reasons.join('; ')}`),
  ];
}

async function sync(argv: string[]): Promise<number> {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? (argv[at + 1] ?? '') : null;
  };
  const since = value('--since');
  if (since !== null && !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    console.error('--since must be a date YYYY-MM-DD');
    return 2;
  }
  const keyPrefix = value('--key-prefix') ?? undefined;
  if (keyPrefix !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(keyPrefix)) {
    console.error('--key-prefix must be lower-case letters and digits joined by single hyphens');
    return 2;
  }
  const config = loadConfig();
  const term = value('--term');
  const cond = syncCond(value('--cond') ?? config.ctgovSyncCond, term);
  const db = await connectDatabase(config, (m) => console.error(m));
  // Beside a server on the same machine, the server's requests come first.
  yieldCpuToRequests();
  const tty = process.stderr.isTTY;
  try {
    const summary = await syncRegistry(db.executor, {
      cond,
      term,
      since,
      keyPrefix,
      changedBy: 'import:ctgov --sync',
      fetch: {
        ...fetchSettings(config),
        gate: politeGate(config.ctgovMinIntervalMs),
        // Retries are news; each request is not.
        onProgress: (m) => (/retrying/.test(m) ? console.error(m) : undefined),
      },
      ...syncSettings(config),
      log: (m) => console.error(m),
      onProgress: (p) => (tty ? process.stderr.write(`\r${progressLine(p)}`) : console.error(progressLine(p))),
    });
    if (tty) process.stderr.write('\n');
    for (const line of describeSync(summary)) console.log(line);
    return summary.refused.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof SyncBusyError || error instanceof FetchError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.length === 0) {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv.includes('--sync')) return sync(argv);
  const targets: string[] = [];
  const fetchIds: string[] = [];
  let keyPrefix: string | undefined;
  let fetching = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--fetch') fetching = true;
    else if (arg === '--key-prefix') keyPrefix = argv[++i];
    else if (fetching && /^NCT\d{8}$/i.test(arg)) fetchIds.push(arg.toUpperCase());
    else if (fetching && !fs.existsSync(arg)) {
      console.error(`--fetch: "${arg}" is not an NCT id (NCT and 8 digits)`);
      return 2;
    } else targets.push(path.resolve(arg));
  }
  if (keyPrefix !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(keyPrefix)) {
    console.error('--key-prefix must be lower-case letters and digits joined by single hyphens');
    return 2;
  }

  const config = loadConfig();
  const inputs: CtgovInput[] = [];
  const problems: string[] = [];
  for (const target of targets) {
    if (!fs.existsSync(target)) {
      console.error(`${target}: no such file or folder`);
      return 2;
    }
    for (const file of jsonFiles(target)) {
      const read = readRecords(file);
      inputs.push(...read.inputs);
      problems.push(...read.problems);
    }
  }
  // Everything is fetched before anything is written: a record that cannot be fetched stops the import.
  for (const nctId of fetchIds) {
    try {
      const fetched = await fetchStudy(nctId, {
        ...fetchSettings(config),
        onProgress: (m) => console.error(m),
      });
      console.error(`${nctId}: ${(fetched.bytes / 1024).toFixed(1)} KB fetched`);
      inputs.push({ source: fetched.url, record: fetched.record, bytes: fetched.bytes });
    } catch (error) {
      if (error instanceof FetchError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  }
  if (problems.length > 0) {
    console.error(`${problems.length} file(s) could not be read; nothing was written:\n${problems.join('\n')}`);
    return 1;
  }
  if (inputs.length === 0) {
    console.error('No record to import.');
    return 2;
  }

  const db = await connectDatabase(config, (m) => console.error(m));
  try {
    const started = Date.now();
    const outcome = await importRecords(db.executor, inputs, { keyPrefix, changedBy: 'import:ctgov' });
    const rejected = outcome.results.filter((r) => r.status === 'REJECTED');
    for (const r of outcome.results) if (r.status !== 'REJECTED') console.log(describe(r));
    if (outcome.load) {
      const load = outcome.load;
      console.log(
        `Imported ${outcome.results.length - rejected.length} record(s) in ${((Date.now() - started) / 1000).toFixed(1)} s: nodes +${load.nodesCreated}/-${load.nodesDeleted}, relationships +${load.relationshipsCreated}/-${load.relationshipsDeleted}.`,
      );
    }
    if (rejected.length > 0) {
      console.error(`${rejected.length} of ${outcome.results.length} record(s) are invalid and were not written:`);
      for (const r of rejected)
        for (const issue of r.issues) console.error(`${r.source}: ${issue.path}: ${issue.message} [${issue.rule}]`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof SeedValidationError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

runCli(() => main(process.argv.slice(2)));
