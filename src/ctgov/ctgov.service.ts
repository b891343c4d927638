import { Executor, QueryCounter } from '../db/executor';
import { Provenance } from '../history/history.service';
import { LoadSummary, writeSeeds } from '../seeds/seed.loader';
import { KnownConcepts, SeedIssue, validateSeeds } from '../seeds/seed.validate';
import { Catalog, CatalogConcept } from './ctgov.match';
import {
  codesGainedOf,
  RecordIssue,
  recordPathOf,
  RecordTranslation,
  translateRecords,
  TranslateOptions,
  vocabularyOf,
} from './ctgov.mapper';
import { ADD_CODES, ATTACH_RECORD, READ_CATALOG } from './ctgov.repository';
import type { CtgovImportStatus as CtgovStatus } from './ctgov.type';
import { WRITE_STATUS } from '../imports/import.type';

export interface CtgovInput {
  /** Where the record came from, for messages (a file, `$.studies[2]` of a file, `records[0]`). */
  source: string;
  record: unknown;
  /** Size of the record's JSON text when known (a file's size); measured otherwise. */
  bytes?: number;
}

export interface CtgovResult {
  source: string;
  nctId: string | null;
  studyId: string | null;
  status: CtgovStatus;
  issues: RecordIssue[];
  /** Keys of the concepts the record created (IMPORTED_UNREVIEWED). */
  createdConcepts: string[];
  /** What of the record was left out (also in the study's notes). */
  leftOut: string[];
}

export interface CtgovImport {
  results: CtgovResult[];
  /** True when the good records were written (the refused ones are REJECTED, each with its issues); false when none was good. */
  written: boolean;
  /** The loader's summary of what it wrote (null when nothing was written). */
  load: LoadSummary | null;
}

type Row = Omit<CatalogConcept, 'codes'> & { codes: string[]; codeDisplays: string[]; codeSources: string[] };

const toConcept = (row: Row): CatalogConcept => ({
  id: row.id,
  name: row.name,
  synonyms: row.synonyms,
  curation: row.curation,
  broader: row.broader,
  ...(row.kind !== undefined ? { kind: row.kind ?? undefined } : {}),
  ...(row.abbreviation !== undefined ? { abbreviation: row.abbreviation } : {}),
  // Stored as "SYSTEM:code" with the names and sources in parallel lists ('' for none).
  codes: row.codes.map((code, i) => {
    const at = code.indexOf(':');
    return {
      system: code.slice(0, at),
      code: code.slice(at + 1),
      display: row.codeDisplays[i] || null,
      source: row.codeSources[i] || null,
    };
  }),
});

/** Reads the concepts an import under `keyPrefix` may join (see READ_CATALOG) and the studies holding one of `nctIds` (one round trip). */
export async function readCatalog(
  executor: Executor,
  nctIds: string[],
  keyPrefix: string,
  counter?: QueryCounter,
): Promise<Catalog> {
  const [row] = await executor.read<{
    conditions: Row[];
    interventions: Row[];
    outcomeConcepts: Row[];
    studies: { id: string; origin: string; registryIds: string[] }[];
  }>(READ_CATALOG, { nctIds, prefix: keyPrefix }, counter);
  return {
    conditions: row.conditions.map(toConcept),
    interventions: row.interventions.map(toConcept),
    outcomeConcepts: row.outcomeConcepts.map(toConcept),
    studies: row.studies.map((s) => ({
      id: s.id,
      origin: s.origin,
      nctIds: s.registryIds.filter((id) => /^NCT\d{8}$/.test(id)),
    })),
  };
}

const nctIdOf = (record: unknown): string | null => {
  const id = (record as { protocolSection?: { identificationModule?: { nctId?: unknown } } } | null)?.protocolSection
    ?.identificationModule?.nctId;
  return typeof id === 'string' ? id : null;
};

const VOCABULARY = 'vocabulary';
const fileOf = (index: number) => `record:${index}`;

/**
 * Translates and validates records against the stored catalog without writing: the translations
 * with every issue of the seed format carried back to its record (at the JSON path of the value).
 */
export async function prepareRecords(
  executor: Executor,
  inputs: CtgovInput[],
  options: TranslateOptions & { counter?: QueryCounter } = {},
) {
  const nctIds = [...new Set(inputs.map((i) => nctIdOf(i.record)).filter((id): id is string => id !== null))];
  const catalog = await readCatalog(executor, nctIds, options.keyPrefix ?? '', options.counter);
  const { translations } = translateRecords(inputs, catalog, options);
  const valid = translations.filter((t) => t.issues.length === 0);
  const vocabulary = vocabularyOf(valid);
  const known: KnownConcepts = {
    conditions: new Set(catalog.conditions.map((c) => c.id)),
    interventions: new Set(catalog.interventions.map((c) => c.id)),
    outcomeConcepts: new Set(catalog.outcomeConcepts.map((c) => c.id)),
    predictors: new Set(),
  };
  const files = [
    ...(vocabulary ? [{ file: VOCABULARY, data: vocabulary }] : []),
    ...translations.flatMap((t, index) =>
      t.study && t.issues.length === 0 ? [{ file: fileOf(index), data: t.study }] : [],
    ),
  ];
  const { seeds, issues } = validateSeeds(files, known);
  for (const issue of issues) carryBack(issue, translations, vocabulary);
  return {
    translations,
    seeds: translations.every((t) => t.issues.length === 0) ? seeds : undefined,
    codes: codesGainedOf(valid, catalog),
  };
}

/** Gives a problem the seed format found to the record it comes from, at the record's JSON path. */
function carryBack(
  issue: SeedIssue,
  translations: RecordTranslation[],
  vocabulary: ReturnType<typeof vocabularyOf>,
): void {
  if (issue.file === VOCABULARY) {
    const match = /^\$\.(conditions|interventions|outcomeConcepts)\[(\d+)\]/.exec(issue.path);
    const id: string | undefined = match ? vocabulary?.[match[1]]?.[Number(match[2])]?.id : undefined;
    const owners = translations.filter(
      (t) =>
        id !== undefined && Object.values(t.concepts).some((list) => list.some((c: { id: string }) => c.id === id)),
    );
    for (const t of owners.length > 0 ? owners : translations) {
      t.issues.push({
        path: '$',
        rule: issue.rule,
        message: `concept "${id ?? '?'}" made from the record: ${issue.message} (vocabulary ${issue.path})`,
      });
    }
    return;
  }
  const t = translations[Number(issue.file.slice('record:'.length))];
  t.issues.push({
    path: recordPathOf(t.study, issue.path),
    rule: issue.rule,
    message: `${issue.message} (as ${issue.path} of the study it becomes)`,
  });
}

/** The most rounds of translation an import takes: each round leaves out the records the one before refused. */
const MAX_ROUNDS = 3;

/**
 * Records translated and validated against the stored catalog, ready to be written: the records
 * refused on the way (by input index), those kept, and their translation.
 */
export interface PreparedImport {
  inputs: CtgovInput[];
  refused: Map<number, RecordTranslation>;
  kept: number[];
  prepared: Awaited<ReturnType<typeof prepareRecords>>;
}

type ImportOptions = TranslateOptions & {
  counter?: QueryCounter;
  changedBy?: string | null;
  syncRun?: string | null;
  /** Studies per write transaction (1 by default: each study atomic on its own; a sync writes each fetched batch in one). */
  writeBatch?: number;
};

/**
 * Imports ClinicalTrials.gov v2 records. One record's problem is its own: every record is
 * translated and validated first; a refused record is reported (REJECTED, with its issues at
 * their JSON paths) and the others are translated again without it (so that none of them joins a
 * concept only the refused record would have made) and written. Then the new concepts are
 * written, each study in one transaction (unchanged content is left as it is, a changed record
 * replaces what the previous import of it wrote), and each record of a curated study is attached
 * to it in one transaction. (importStudies keeps its all-or-nothing contract for seed files.)
 */
export async function importRecords(
  executor: Executor,
  inputs: CtgovInput[],
  options: ImportOptions = {},
): Promise<CtgovImport> {
  return writePrepared(executor, await prepareImport(executor, inputs, options), options);
}

/** The reading half of importRecords: translation and validation, with the rounds that leave out refused records. Writes nothing. */
export async function prepareImport(
  executor: Executor,
  inputs: CtgovInput[],
  options: ImportOptions = {},
): Promise<PreparedImport> {
  const refused = new Map<number, RecordTranslation>();
  let kept = inputs.map((_, i) => i);
  let prepared = await prepareRecords(executor, inputs, options);
  for (let round = 1; !prepared.seeds && round < MAX_ROUNDS; round += 1) {
    prepared.translations.forEach((t, i) => {
      if (t.issues.length > 0) refused.set(kept[i], t);
    });
    kept = kept.filter((i) => !refused.has(i));
    if (kept.length === 0) break;
    prepared = await prepareRecords(
      executor,
      kept.map((i) => inputs[i]),
      options,
    );
  }
  return { inputs, refused, kept, prepared };
}

/**
 * Whether writing a prepared import changes the catalog that another preparation matched its
 * records against: it creates concepts, or gives stored ones codes. A preparation read before
 * such a write is made again after it.
 */
export function changesCatalog(p: PreparedImport): boolean {
  if (!p.prepared.seeds || p.kept.length === 0) return false;
  return (
    p.prepared.translations.some((t) => t.created.length > 0) ||
    Object.values(p.prepared.codes).some((rows) => rows.length > 0)
  );
}

/** The writing half of importRecords. */
export async function writePrepared(
  executor: Executor,
  { inputs, refused, kept, prepared }: PreparedImport,
  options: ImportOptions = {},
): Promise<CtgovImport> {
  const { seeds, codes } = prepared;
  const result = (t: RecordTranslation, status: CtgovStatus): CtgovResult => ({
    source: t.source,
    nctId: t.nctId,
    studyId: t.studyId,
    status,
    issues: t.issues,
    createdConcepts: t.created,
    leftOut: t.leftOut,
  });
  const inOrder = (written: Map<number, CtgovResult>) =>
    inputs.map((_, i) => written.get(i) ?? result(refused.get(i)!, 'REJECTED'));
  if (!seeds || kept.length === 0) {
    const last = new Map(
      kept.map(
        (i, k) =>
          [
            i,
            result(prepared.translations[k], prepared.translations[k]?.issues.length > 0 ? 'REJECTED' : 'NOT_WRITTEN'),
          ] as const,
      ),
    );
    return { results: inOrder(last), written: false, load: null };
  }
  const translations = prepared.translations;

  // The codes the records give stored concepts: appended in one transaction, before the new concepts and the studies.
  const gained = {
    Condition: codes.conditions,
    Intervention: codes.interventions,
    OutcomeConcept: codes.outcomeConcepts,
  };
  if (Object.values(gained).some((rows) => rows.length > 0)) {
    await executor.writeTransaction(async (tx) => {
      for (const [label, rows] of Object.entries(gained) as [keyof typeof ADD_CODES, (typeof gained)['Condition']][])
        if (rows.length > 0) await tx.run(ADD_CODES[label], { rows });
    }, options.counter);
  }
  // Each study written gets a version holding its record as it was (src/history/).
  const records = new Map(translations.map((t, k) => [t.studyId, { t, input: inputs[kept[k]] }]));
  const provenance = (studyId: string): Provenance => {
    const found = records.get(studyId);
    return {
      source: options.syncRun ? 'REGISTRY_SYNC' : 'REGISTRY_IMPORT',
      changedBy: options.changedBy ?? null,
      syncRun: options.syncRun ?? null,
      record: found ? JSON.stringify(found.input.record) : null,
      recordLastUpdated: found?.t.study?.documents?.[0]?.registryRecord?.lastUpdated ?? null,
    };
  };
  const load = await writeSeeds(executor, seeds, { provenance, batchSize: options.writeBatch });
  if (options.counter) options.counter.roundTrips += load.transactions;
  const statusOf = new Map(load.perStudy.map((s) => [s.id, WRITE_STATUS[s.status]]));
  const results = new Map<number, CtgovResult>();
  for (const [k, t] of translations.entries()) {
    if (t.attach) {
      const { document, studyId } = t.attach;
      const props = {
        id: document.id,
        title: document.title,
        url: document.url,
        localCopy: null,
        registry: document.registryRecord.registry,
        recordId: document.registryRecord.id,
        recordLastUpdated: document.registryRecord.lastUpdated,
      };
      const changed = await executor.writeTransaction(
        async (tx) => (await tx.run(ATTACH_RECORD, { studyId, document: props })).records[0]?.get('changed') as boolean,
        options.counter,
      );
      results.set(kept[k], result(t, changed ? 'ATTACHED_TO_CURATED' : 'UNCHANGED'));
    } else results.set(kept[k], result(t, statusOf.get(t.studyId!) ?? 'UNCHANGED'));
  }
  return { results: inOrder(results), written: true, load };
}
