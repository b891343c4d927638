/**
 * The ClinicalTrials.gov importer's translator (pure): a v2 study record
 * (`GET /api/v2/studies/{nctId}`) becomes a study file of the seed format
 * (src/seeds/seed.schema.ts), plus the vocabulary entries of the concepts it creates or gives a
 * MeSH code, or the record's issues. Nothing here reads the database: the catalog of stored
 * concepts and studies is an argument, and the loader validates and writes what this returns.
 *
 * Every imported value cites the record: the evidence's document is the record's Document, its
 * `section` the JSON path of the value in the record, its quote the record's own strings (the
 * JSON of the object the value comes from), and its verification REGISTRY_REPORTED. Values the
 * record does not give stay null; a number the record states as text ("NA", "not estimable")
 * gives null with the text kept.
 */
import { BOUNDS } from '../model/bounds';
import { Catalog, CatalogCode, CatalogConcept, ConceptKind, matchConcept, newConceptKey, normalise, slugify, uniqueKey } from './ctgov.match';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** Largest record accepted, as JSON text (a large v2 record with results is a few hundred KB). */
export const MAX_RECORD_BYTES = 2 * 1024 * 1024;

/** One problem of a record: where in the record (JSON path), the rule and what is wrong. */
export interface RecordIssue {
  path: string;
  rule: string;
  message: string;
}

/** A concept the import creates (a vocabulary entry), or a stored concept it gives a code (whose new codes codesGainedOf appends). */
export type ConceptEntry = CatalogConcept;

export interface ConceptChanges {
  conditions: ConceptEntry[];
  interventions: ConceptEntry[];
  outcomeConcepts: ConceptEntry[];
}

/** What one record becomes. */
export interface RecordTranslation {
  /** Where the record came from (a file, `$.studies[2]` of a file, `records[0]` of the mutation). */
  source: string;
  nctId: string | null;
  /** The study key (or the curated study's key when `attach` is set). */
  studyId: string | null;
  issues: RecordIssue[];
  /** A study file of the seed format (a registry import). */
  study: Json | null;
  /** The record is a second source of a curated study: only its Document is written and linked. */
  attach: { studyId: string; document: Json } | null;
  /** Concepts created (IMPORTED_UNREVIEWED) and stored concepts given a code, by this record. */
  concepts: ConceptChanges;
  /** Keys of the concepts this record created. */
  created: string[];
  /** What of the record was left out, in words (also the study's notes). */
  leftOut: string[];
}

export interface TranslateOptions {
  /** Prefix of every key the import creates (study, record document, publications, new concepts), e.g. to try an import beside a curated graph. */
  keyPrefix?: string;
}

const emptyChanges = (): ConceptChanges => ({ conditions: [], interventions: [], outcomeConcepts: [] });

// ---------------------------------------------------------------------------------------------
// Value lists of the v2 format and what they become.

const STATUSES: Record<string, string> = {
  NOT_YET_RECRUITING: 'NOT_YET_RECRUITING',
  RECRUITING: 'RECRUITING',
  ENROLLING_BY_INVITATION: 'ENROLLING_BY_INVITATION',
  ACTIVE_NOT_RECRUITING: 'ACTIVE_NOT_RECRUITING',
  SUSPENDED: 'SUSPENDED',
  TERMINATED: 'TERMINATED',
  COMPLETED: 'COMPLETED',
  WITHDRAWN: 'WITHDRAWN',
  UNKNOWN: 'UNKNOWN',
};
const PHASES: Record<string, string> = { PHASE1: 'PHASE_1', PHASE2: 'PHASE_2', PHASE3: 'PHASE_3', PHASE4: 'PHASE_4' };
const ALLOCATIONS: Record<string, string> = { RANDOMIZED: 'RANDOMIZED', NON_RANDOMIZED: 'NON_RANDOMIZED' };
/** Triple and quadruple masking are double-blind at least; `designText` keeps the record's word. */
const MASKINGS: Record<string, string> = { NONE: 'OPEN_LABEL', SINGLE: 'SINGLE_BLIND', DOUBLE: 'DOUBLE_BLIND', TRIPLE: 'DOUBLE_BLIND', QUADRUPLE: 'DOUBLE_BLIND' };
const ARM_ROLES: Record<string, string> = {
  EXPERIMENTAL: 'EXPERIMENTAL',
  ACTIVE_COMPARATOR: 'ACTIVE_COMPARATOR',
  PLACEBO_COMPARATOR: 'PLACEBO_COMPARATOR',
  SHAM_COMPARATOR: 'OTHER',
  NO_INTERVENTION: 'OTHER',
  OTHER: 'OTHER',
};
const INTERVENTION_KINDS: Record<string, string> = { DRUG: 'DRUG', BIOLOGICAL: 'DRUG', PROCEDURE: 'PROCEDURE' };
const OUTCOME_ROLES: Record<string, string> = { PRIMARY: 'PRIMARY', SECONDARY: 'SECONDARY', OTHER_PRE_SPECIFIED: 'EXPLORATORY', POST_HOC: 'POST_HOC' };
const STATISTICS: Record<string, string> = {
  MEDIAN: 'MEDIAN',
  MEAN: 'MEAN',
  GEOMETRIC_MEAN: 'GEOMETRIC_MEAN',
  LEAST_SQUARES_MEAN: 'LEAST_SQUARES_MEAN',
  NUMBER: 'NUMBER',
  COUNT_OF_PARTICIPANTS: 'COUNT',
  COUNT_OF_UNITS: 'COUNT',
};
const DISPERSIONS: Record<string, string> = {
  STANDARD_DEVIATION: 'STANDARD_DEVIATION',
  STANDARD_ERROR: 'STANDARD_ERROR',
  FULL_RANGE: 'FULL_RANGE',
  INTER_QUARTILE_RANGE: 'INTER_QUARTILE_RANGE',
};
const REFERENCE_ROLES: Record<string, string> = { RESULT: 'RESULT_REPORT', BACKGROUND: 'BACKGROUND', DERIVED: 'DERIVED' };
const HYPOTHESES: Record<string, string> = {
  SUPERIORITY: 'SUPERIORITY',
  NON_INFERIORITY: 'NON_INFERIORITY',
  EQUIVALENCE: 'EQUIVALENCE',
  NON_INFERIORITY_OR_EQUIVALENCE: 'NON_INFERIORITY_OR_EQUIVALENCE',
  NON_INFERIORITY_OR_EQUIVALENCE_LEGACY: 'NON_INFERIORITY_OR_EQUIVALENCE',
  SUPERIORITY_OR_OTHER: 'OTHER',
  SUPERIORITY_OR_OTHER_LEGACY: 'OTHER',
  OTHER: 'OTHER',
};
const SECONDARY_ID_REGISTRIES: Record<string, string> = { EUDRACT_NUMBER: 'EUDRACT', CTIS: 'CTIS', NIH: 'NIH' };

/** An analysis's parameter ("Hazard Ratio (HR)") → effect measure; others have none in the model. */
function effectMeasureOf(paramType: unknown): string | null {
  const t = typeof paramType === 'string' ? paramType.toLowerCase() : '';
  if (t.startsWith('hazard ratio')) return 'HAZARD_RATIO';
  if (t.startsWith('odds ratio')) return 'ODDS_RATIO';
  if (t.startsWith('risk ratio') || t.startsWith('relative risk')) return 'RISK_RATIO';
  if (t.startsWith('risk difference')) return 'RATE_DIFFERENCE';
  return null;
}

/** A unit of measure in words → the model's unit (OTHER otherwise; `unitText` keeps the words). */
function unitOf(text: unknown): string {
  const t = typeof text === 'string' ? normalise(text) : '';
  if (/^(percent(age)?|%)( of (participants|patients|subjects))?$/.test(t) || /^percentage of /.test(t)) return 'PERCENT';
  if (/^(participants|patients|subjects)$/.test(t)) return 'PATIENTS';
  if (/^months?$/.test(t)) return 'MONTHS';
  if (/^days?$/.test(t)) return 'DAYS';
  if (/^weeks?$/.test(t)) return 'WEEKS';
  if (/^years?$/.test(t)) return 'YEARS';
  if (/^events?$/.test(t)) return 'EVENTS';
  return 'OTHER';
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : null);

/** A number as the record writes it ("16.6"), or null for anything else ("NA", "not estimable", "<0.001"). */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : null;
}

const countOf = (v: unknown): number | null => {
  const n = numberOf(v);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
};

/** A p-value as the record writes it: "0.03" → =, "<0.001" → <, "≤0.05" → <=, ">0.99" → >; anything else ("NA") keeps only its text. */
export function pValueOf(raw: unknown, comment: unknown): { operator: string | null; value: number | null; text: string; sided: string | null } | null {
  const t = typeof raw === 'number' ? String(raw) : text(raw);
  if (t === null) return null;
  const match = /^(?:p\s*)?(<=|≤|<|>|=)?\s*([0-9.eE+-]+)$/i.exec(t);
  const value = match ? numberOf(match[2]) : null;
  const operator = value === null ? null : ({ '<=': '<=', '≤': '<=', '<': '<', '>': '>', '=': '=' } as Record<string, string>)[match![1] ?? '='];
  const c = typeof comment === 'string' ? comment : '';
  const sided = /\bone[- ]sided\b/i.test(c) ? 'ONE_SIDED' : /\btwo[- ]sided\b/i.test(c) ? 'TWO_SIDED' : null;
  return { operator: value === null ? null : operator, value, text: t, sided };
}

/** The JSON of the listed fields of a record object: the record's own words, at most 2000 characters. */
function quoteOf(raw: Json, keys?: string[]): string {
  const pick = (ks: string[]) => JSON.stringify(Object.fromEntries(ks.filter((k) => raw?.[k] !== undefined).map((k) => [k, raw[k]])));
  const all = keys ?? (isObject(raw) ? Object.keys(raw) : []);
  let quote = isObject(raw) ? pick(all) : JSON.stringify(raw);
  // Long free-text fields (descriptions, comments) go first when the quote is too long.
  if (quote.length > 2000 && isObject(raw)) quote = pick(all.filter((k) => typeof raw[k] !== 'string' || raw[k].length <= 200));
  return quote.length > 2000 ? quote.slice(0, 2000) : quote;
}

const sameText = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && normalise(a) === normalise(b);

/** "Cohort I (pNET): Cabozantinib" → the cohort's label "Cohort I (pNET)". */
const COHORT_PREFIX = /^\s*(cohort\s+[^:]+?)\s*:\s*\S/i;

// ---------------------------------------------------------------------------------------------

/** Checks that `record` is a v2 study within the size limit; its NCT id, or the issues. */
export function checkRecord(record: unknown, bytes?: number): { nctId: string | null; issues: RecordIssue[] } {
  const size = bytes ?? Buffer.byteLength(JSON.stringify(record) ?? '', 'utf8');
  if (size > MAX_RECORD_BYTES) {
    return {
      nctId: null,
      issues: [{ path: '$', rule: 'ctgov.too-large', message: `the record is ${(size / 1024 / 1024).toFixed(1)} MB of JSON, more than the ${MAX_RECORD_BYTES / 1024 / 1024} MB a record may have` }],
    };
  }
  if (!isObject(record) || !isObject(record.protocolSection)) {
    return { nctId: null, issues: [{ path: '$', rule: 'ctgov.not-a-study', message: 'not a ClinicalTrials.gov API v2 study record (no protocolSection object)' }] };
  }
  const nctId = record.protocolSection.identificationModule?.nctId;
  if (typeof nctId !== 'string' || nctId.trim() === '') {
    return { nctId: null, issues: [{ path: '$.protocolSection.identificationModule.nctId', rule: 'ctgov.no-nct-id', message: 'the record has no nctId' }] };
  }
  if (!/^NCT\d{8}$/.test(nctId)) {
    return { nctId: null, issues: [{ path: '$.protocolSection.identificationModule.nctId', rule: 'ctgov.bad-nct-id', message: `"${nctId}" is not an NCT id (NCT and 8 digits)` }] };
  }
  return { nctId, issues: [] };
}

/** The Document of a record: one per record, keyed by its NCT id. */
export function recordDocument(record: Json, nctId: string, prefix = ''): Json {
  const lastUpdated = text(record.protocolSection?.statusModule?.lastUpdatePostDateStruct?.date);
  return {
    id: `${prefix ? `${prefix}-` : ''}ctgov-${nctId.toLowerCase()}`,
    title: `ClinicalTrials.gov record ${nctId}`,
    url: `https://clinicaltrials.gov/study/${nctId}`,
    localCopy: null,
    publication: null,
    registryRecord: { registry: 'CLINICALTRIALS_GOV', id: nctId, lastUpdated: lastUpdated && /^\d{4}-\d{2}(-\d{2})?$/.test(lastUpdated) ? lastUpdated : null },
  };
}

/**
 * Translates records in order: concepts a record creates are seen by the next ones, so two
 * records naming the same new intervention share one concept. Returns one translation per record
 * and the catalog as it stands after them.
 */
export function translateRecords(
  inputs: { source: string; record: unknown; bytes?: number }[],
  catalog: Catalog,
  options: TranslateOptions = {},
): { translations: RecordTranslation[]; catalog: Catalog } {
  let current = catalog;
  const translations = inputs.map(({ source, record, bytes }) => {
    const t = translateRecord(source, record, current, options, bytes);
    current = applyChanges(current, t.concepts);
    return t;
  });
  return { translations, catalog: current };
}

/** The catalog with the concept entries added or replaced by key. */
export function applyChanges(catalog: Catalog, changes: ConceptChanges): Catalog {
  const next = { ...catalog };
  for (const kind of ['conditions', 'interventions', 'outcomeConcepts'] as const) {
    if (changes[kind].length === 0) continue;
    const byKey = new Map(catalog[kind].map((c) => [c.id, c]));
    for (const entry of changes[kind]) byKey.set(entry.id, { abbreviation: null, ...entry });
    next[kind] = [...byKey.values()];
  }
  return next;
}

/** Merges the concept entries of several records into one vocabulary file (later entries of a key win: they hold the earlier codes). */
export function vocabularyOf(translations: RecordTranslation[]): Json | null {
  // Only the concepts the records created: a stored concept is never rewritten (its new codes are appended by codesGainedOf).
  const created = new Set(translations.flatMap((t) => t.created));
  const merged: Record<ConceptKind, Map<string, ConceptEntry>> = { conditions: new Map(), interventions: new Map(), outcomeConcepts: new Map() };
  for (const t of translations) for (const kind of ['conditions', 'interventions', 'outcomeConcepts'] as const) for (const e of t.concepts[kind]) if (created.has(e.id)) merged[kind].set(e.id, e);
  if (Object.values(merged).every((m) => m.size === 0)) return null;
  const entries = (kind: ConceptKind) => [...merged[kind].values()];
  return {
    format: 'net-trials/vocabulary@1',
    conditions: entries('conditions').map((c) => ({ id: c.id, name: c.name, synonyms: c.synonyms, codes: c.codes, curation: c.curation, kind: c.kind ?? 'DISEASE', broader: c.broader })),
    interventions: entries('interventions').map((c) => ({ id: c.id, name: c.name, synonyms: c.synonyms, codes: c.codes, curation: c.curation, kind: c.kind ?? 'OTHER', broader: c.broader })),
    outcomeConcepts: entries('outcomeConcepts').map((c) => ({ id: c.id, name: c.name, synonyms: c.synonyms, codes: c.codes, curation: c.curation, abbreviation: c.abbreviation ?? null, broader: c.broader })),
    predictors: [],
  };
}

/**
 * The MeSH codes the records give stored concepts, by kind: per concept, the codes it does not
 * hold yet (`SYSTEM:code` with name and source), to be appended to it (ADD_CODES), not written
 * over it, so that two imports adding codes to one concept at once both keep theirs.
 */
export function codesGainedOf(translations: RecordTranslation[], catalog: Catalog): Record<ConceptKind, { id: string; codes: { code: string; display: string; source: string }[] }[]> {
  const created = new Set(translations.flatMap((t) => t.created));
  const out = { conditions: [], interventions: [], outcomeConcepts: [] } as Record<ConceptKind, { id: string; codes: { code: string; display: string; source: string }[] }[]>;
  for (const kind of ['conditions', 'interventions', 'outcomeConcepts'] as const) {
    const stored = new Map(catalog[kind].map((c) => [c.id, new Set(c.codes.map((k) => `${k.system}:${k.code}`))]));
    const gained = new Map<string, Map<string, { code: string; display: string; source: string }>>();
    for (const t of translations) {
      for (const e of t.concepts[kind]) {
        if (created.has(e.id) || !stored.has(e.id)) continue;
        for (const k of e.codes) {
          const code = `${k.system}:${k.code}`;
          if (stored.get(e.id)!.has(code)) continue;
          if (!gained.has(e.id)) gained.set(e.id, new Map());
          if (!gained.get(e.id)!.has(code)) gained.get(e.id)!.set(code, { code, display: k.display ?? '', source: k.source ?? '' });
        }
      }
    }
    out[kind] = [...gained].map(([id, codes]) => ({ id, codes: [...codes.values()] }));
  }
  return out;
}

/**
 * The JSON path in the record of a problem the seed format found at `seedPath` of the study file
 * made from it: the section of the nearest evidence on the way down (a measurement's, an arm's).
 */
export function recordPathOf(study: Json, seedPath: string): string {
  const parts = [...seedPath.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
  let node: Json = study;
  let found: string | null = null;
  for (const part of parts) {
    if (node === null || node === undefined) break;
    node = node[part as keyof typeof node];
    const section = isObject(node) ? (node.evidence?.section ?? (Array.isArray(node.evidence) ? node.evidence[0]?.section : undefined)) : undefined;
    if (typeof section === 'string') found = section;
  }
  return found ? `$.${found}` : '$';
}

/** Translates one record (see the file's comment). */
export function translateRecord(source: string, record: unknown, catalog: Catalog, options: TranslateOptions = {}, bytes?: number): RecordTranslation {
  const checked = checkRecord(record, bytes);
  const base: RecordTranslation = { source, nctId: checked.nctId, studyId: null, issues: checked.issues, study: null, attach: null, concepts: emptyChanges(), created: [], leftOut: [] };
  if (checked.issues.length > 0) return base;
  const nctId = checked.nctId!;
  const r = record as Json;
  const prefix = options.keyPrefix ?? '';
  const document = recordDocument(r, nctId, prefix);

  // A curated study with this NCT id keeps its curated content; the record becomes its second source.
  const curated = catalog.studies.find((s) => s.origin !== 'REGISTRY_IMPORT' && s.nctIds.includes(nctId));
  if (curated) return { ...base, studyId: curated.id, attach: { studyId: curated.id, document } };

  return new RecordMapper(r, nctId, catalog, prefix, document).translate(base);
}

/** The work of translating one record, with the keys and concepts it has taken so far. */
class RecordMapper {
  private readonly issues: RecordIssue[] = [];
  private readonly leftOut: string[] = [];
  private readonly localKeys = new Set<string>();
  private readonly concepts: Record<ConceptKind, CatalogConcept[]>;
  private readonly changes = emptyChanges();
  private readonly created: string[] = [];
  private readonly studyId: string;
  private readonly p: Json;

  constructor(
    private readonly r: Json,
    private readonly nctId: string,
    private readonly catalog: Catalog,
    private readonly prefix: string,
    private readonly document: Json,
  ) {
    this.studyId = `${prefix ? `${prefix}-` : ''}${nctId.toLowerCase()}`;
    this.p = r.protocolSection;
    this.concepts = { conditions: [...catalog.conditions], interventions: [...catalog.interventions], outcomeConcepts: [...catalog.outcomeConcepts] };
  }

  private evidence(section: string, raw: Json, keys?: string[]) {
    return { document: this.document.id, section, quote: quoteOf(raw, keys), verification: 'REGISTRY_REPORTED', note: null };
  }

  private localKey(text: string, fallback: string, max = 60): string {
    const key = uniqueKey(slugify(text, max) || fallback, this.localKeys);
    this.localKeys.add(key);
    return key;
  }

  /** Where a MeSH code of the record was read. */
  private codeSource(path: string) {
    return `ClinicalTrials.gov ${this.nctId} ${path}`;
  }

  /**
   * The concept an imported item joins (ctgov.match.ts), or a new IMPORTED_UNREVIEWED one; the
   * item's MeSH codes are added to the concept when absent. `create: false` matches only.
   */
  private concept(kind: ConceptKind, item: { texts: string[]; codes: CatalogCode[]; words?: boolean; kind?: string; create?: boolean }): string | null {
    const list = this.concepts[kind];
    const match = matchConcept(list, { texts: item.texts, codes: item.codes.map((c) => `${c.system}:${c.code}`), words: item.words });
    if (match) {
      const missing = item.codes.filter((c) => !match.concept.codes.some((k) => k.system === c.system && k.code === c.code));
      if (missing.length > 0) this.replace(kind, { ...match.concept, codes: [...match.concept.codes, ...missing] });
      return match.concept.id;
    }
    if (item.create === false) return null;
    const taken = new Set([...this.catalog.conditions, ...this.catalog.interventions, ...this.catalog.outcomeConcepts, ...Object.values(this.concepts).flat()].map((c) => c.id));
    const name = item.texts[0].trim().replace(/\s+/g, ' ');
    const entry: CatalogConcept = {
      id: newConceptKey(name, taken, this.prefix),
      name,
      synonyms: [...new Set(item.texts.slice(1).map((t) => t.trim()).filter((t) => t && normalise(t) !== normalise(name)))],
      codes: item.codes,
      curation: 'IMPORTED_UNREVIEWED',
      broader: [],
      ...(kind === 'outcomeConcepts' ? { abbreviation: null } : { kind: item.kind }),
    };
    this.replace(kind, entry);
    this.created.push(entry.id);
    return entry.id;
  }

  private replace(kind: ConceptKind, entry: CatalogConcept) {
    this.concepts[kind] = [...this.concepts[kind].filter((c) => c.id !== entry.id), entry];
    this.changes[kind] = [...this.changes[kind].filter((c) => c.id !== entry.id), entry as ConceptEntry];
  }

  translate(base: RecordTranslation): RecordTranslation {
    const p = this.p;
    const id = p.identificationModule ?? {};
    const title = text(id.officialTitle) ?? text(id.briefTitle);
    if (title === null) this.issues.push({ path: '$.protocolSection.identificationModule.briefTitle', rule: 'ctgov.no-title', message: 'the record has neither officialTitle nor briefTitle' });

    const study = this.study(title ?? '');
    const population = this.population();
    const arms = this.arms();
    const cohorts = this.cohorts(arms);
    const outcomes = this.outcomes(arms);
    const adverseEvents = this.adverseEvents(arms);
    const publications = this.publications();
    this.meshLeftOut();
    this.modulesLeftOut();

    if (this.issues.length > 0) return { ...base, studyId: this.studyId, issues: this.issues };
    study.notes = [
      `Imported from ClinicalTrials.gov record ${this.nctId}${this.document.registryRecord.lastUpdated ? ` (last updated ${this.document.registryRecord.lastUpdated})` : ''}: registry-reported values, not checked against a publication.`,
      ...this.leftOut,
    ];
    return {
      ...base,
      studyId: this.studyId,
      study: {
        format: 'net-trials/study@1',
        study,
        documents: [this.document],
        publications,
        population,
        arms: arms.list.map(({ id, label, role, receives, evidence }) => ({ id, label, role, randomized: null, receives, evidence })),
        cohorts,
        outcomes,
        predictorFindings: [],
        adverseEvents,
      },
      concepts: this.changes,
      created: this.created,
      leftOut: this.leftOut,
    };
  }

  private study(title: string): Json {
    const p = this.p;
    const id = p.identificationModule ?? {};
    const status = p.statusModule ?? {};
    const design = p.designModule ?? {};
    const info = design.designInfo ?? {};
    const phases = list(design.phases).filter((x) => typeof x === 'string');
    const phase = phases.length === 1 ? (PHASES[phases[0]] ?? null) : null;
    if (phases.length > 1) this.leftOut.push(`Phases ${phases.join(', ')}: the model holds one phase; left null (designText keeps them).`);
    const overall = text(status.overallStatus);
    if (overall && !STATUSES[overall]) this.leftOut.push(`overallStatus ${overall} has no study status in the model; left null.`);
    const masking = text(info.maskingInfo?.masking);
    const designWords = [
      phases.length > 0 ? `phases ${phases.join(', ')}` : null,
      text(design.studyType) ? `studyType ${design.studyType}` : null,
      text(info.allocation) ? `allocation ${info.allocation}` : null,
      text(info.interventionModel) ? `interventionModel ${info.interventionModel}` : null,
      masking ? `masking ${masking}` : null,
      text(info.primaryPurpose) ? `primaryPurpose ${info.primaryPurpose}` : null,
    ].filter((x): x is string => x !== null);
    const locations = list(p.contactsLocationsModule?.locations);
    const countries = [...new Set(locations.map((l) => text(l?.country)).filter((c): c is string => c !== null))];
    const armTypes = list(p.armsInterventionsModule?.armGroups).map((g) => g?.type);
    const designFeatures = [
      ...(locations.length > 1 ? ['MULTICENTRE'] : []),
      ...(countries.length > 1 ? ['MULTINATIONAL'] : []),
      ...(armTypes.includes('PLACEBO_COMPARATOR') ? ['PLACEBO_CONTROLLED'] : []),
    ];
    const startYear = /^(\d{4})/.exec(text(status.startDateStruct?.date) ?? '')?.[1];
    const enrolment = countOf(design.enrollmentInfo?.count);
    const enrolmentType = design.enrollmentInfo?.type === 'ACTUAL' || design.enrollmentInfo?.type === 'ESTIMATED' ? design.enrollmentInfo.type : null;
    const registryIds: Json[] = [{ registry: 'CLINICALTRIALS_GOV', id: this.nctId, domain: null }];
    const org = text(id.orgStudyIdInfo?.id);
    if (org) registryIds.push({ registry: 'SPONSOR', id: org, domain: text(p.sponsorCollaboratorsModule?.leadSponsor?.name) });
    for (const s of list(id.secondaryIdInfos)) {
      const sid = text(s?.id);
      if (!sid) continue;
      const domain = text(s.domain);
      const registry = SECONDARY_ID_REGISTRIES[s.type] ?? (domain && /\bCTRP\b/.test(domain) ? 'NCI_CTRP' : 'OTHER');
      registryIds.push({ registry, id: sid, domain });
    }
    return {
      id: this.studyId,
      acronym: text(id.acronym),
      title,
      origin: 'REGISTRY_IMPORT',
      phase,
      allocation: ALLOCATIONS[info.allocation] ?? null,
      masking: masking ? (MASKINGS[masking] ?? null) : null,
      status: overall ? (STATUSES[overall] ?? null) : null,
      designFeatures,
      designText: designWords.length > 0 ? designWords.join('; ') : null,
      enrolment,
      enrolmentType: enrolment === null ? null : enrolmentType,
      planned: null,
      startYear: startYear ? Number(startYear) : null,
      countries,
      siteCount: locations.length > 0 ? locations.length : null,
      countryCount: countries.length > 0 ? countries.length : null,
      registryIds,
      notes: [],
    };
  }

  /** The derivedSection MeSH terms of a browse module, with the paths they are read at. */
  private meshes(module: 'conditionBrowseModule' | 'interventionBrowseModule') {
    return list(this.r.derivedSection?.[module]?.meshes)
      .map((m, i) => ({ id: text(m?.id), term: text(m?.term), path: `derivedSection.${module}.meshes[${i}]` }))
      .filter((m): m is { id: string; term: string; path: string } => m.id !== null && m.term !== null);
  }

  private readonly usedMeshes = new Set<string>();

  private meshCode(m: { id: string; term: string; path: string }): CatalogCode {
    this.usedMeshes.add(m.path);
    return { system: 'MESH', code: m.id, display: m.term, source: this.codeSource(m.path) };
  }

  /**
   * Concepts for items of one kind: each item's codes are the MeSH terms equal to one of its
   * texts; a MeSH term equal to no item's text goes to the item whose matched concept has it as
   * name or synonym. Returns the concept key of each item.
   */
  private conceptsOf(kind: 'conditions' | 'interventions', items: { texts: string[]; kind?: string }[], module: 'conditionBrowseModule' | 'interventionBrowseModule'): string[] {
    const meshes = this.meshes(module);
    const own = items.map((item) => meshes.filter((m) => item.texts.some((t) => sameText(t, m.term))));
    const keys = items.map((item, i) => this.concept(kind, { texts: item.texts, codes: own[i].map((m) => this.meshCode(m)), kind: item.kind })!);
    for (const m of meshes) {
      if (this.usedMeshes.has(m.path)) continue;
      const key = keys.find((k) => {
        const c = this.concepts[kind].find((x) => x.id === k)!;
        return sameText(c.name, m.term) || c.synonyms.some((s) => sameText(s, m.term));
      });
      if (key) {
        const c = this.concepts[kind].find((x) => x.id === key)!;
        if (!c.codes.some((k) => k.system === 'MESH' && k.code === m.id)) this.replace(kind, { ...c, codes: [...c.codes, this.meshCode(m)] });
        else this.usedMeshes.add(m.path);
      }
    }
    return keys;
  }

  private population(): Json {
    const module = this.p.conditionsModule ?? {};
    const names = list(module.conditions).map(text).filter((c): c is string => c !== null);
    if (names.length === 0) {
      this.issues.push({ path: '$.protocolSection.conditionsModule.conditions', rule: 'ctgov.no-condition', message: 'the record lists no condition: a study needs at least one' });
      return null;
    }
    const max = BOUNDS.conditionsPerPopulation;
    if (names.length > max) this.leftOut.push(`Conditions after the first ${max}: ${names.slice(max).join('; ')}.`);
    const keys = this.conceptsOf('conditions', names.slice(0, max).map((n) => ({ texts: [n], kind: 'DISEASE' })), 'conditionBrowseModule');
    // A keyword joins only a stored condition it names exactly: keywords create no concept.
    const keywords = list(module.keywords).map(text).filter((k): k is string => k !== null);
    const fromKeywords = keywords.map((k) => this.concept('conditions', { texts: [k], codes: [], create: false })).filter((k): k is string => k !== null);
    const conditions = [...new Set([...keys, ...fromKeywords])].slice(0, max);
    return {
      id: this.localKey('population', 'population'),
      description: names.join('; '),
      conditions,
      evidence: [this.evidence('protocolSection.conditionsModule', module, ['conditions', 'keywords'])],
    };
  }

  private arms() {
    const module = this.p.armsInterventionsModule ?? {};
    const interventions = list(module.interventions);
    const conceptKeys = this.conceptsOf(
      'interventions',
      interventions.map((iv) => ({ texts: [text(iv?.name) ?? 'intervention', ...list(iv?.otherNames).map(text).filter((t): t is string => t !== null)], kind: INTERVENTION_KINDS[iv?.type] ?? 'OTHER' })),
      'interventionBrowseModule',
    );
    const groups = list(module.armGroups);
    const armList: { id: string; label: string; role: string; receives: Json[]; evidence: Json[]; index: number }[] = [];
    groups.forEach((g, index) => {
      const label = text(g?.label);
      if (!label) return;
      const names = list(g.interventionNames).filter((n) => typeof n === 'string').map(normalise);
      const receives = [
        ...new Set(
          interventions
            .map((iv, j) => ({ iv, key: conceptKeys[j] }))
            .filter(({ iv }) => {
              const name = typeof iv?.name === 'string' ? normalise(iv.name) : null;
              return list(iv?.armGroupLabels).some((l) => sameText(l, label)) || (name !== null && names.some((n) => n === name || n.endsWith(`: ${name}`)));
            })
            .map(({ key }) => key),
        ),
      ];
      if (receives.length === 0) {
        this.leftOut.push(`Arm group "${label}" names no intervention of the record; left out with its results.`);
        return;
      }
      if (armList.length >= BOUNDS.armsPerStudy) {
        this.leftOut.push(`Arm group "${label}": beyond the ${BOUNDS.armsPerStudy} arms a study may have; left out with its results.`);
        return;
      }
      armList.push({
        id: this.localKey(label, `arm-${index + 1}`),
        label,
        role: ARM_ROLES[g.type] ?? 'OTHER',
        receives: receives.slice(0, BOUNDS.interventionsPerArm).map((intervention) => ({ intervention, dose: null, route: null, schedule: null })),
        evidence: [this.evidence(`protocolSection.armsInterventionsModule.armGroups[${index}]`, g, ['label', 'type', 'interventionNames'])],
        index,
      });
    });
    if (armList.length === 0) {
      this.issues.push({ path: '$.protocolSection.armsInterventionsModule.armGroups', rule: 'ctgov.no-arm', message: 'the record has no arm group with an intervention: a study needs at least one arm' });
    }
    /** The arm a result group is: the arm group of the same title (case-insensitive). */
    const armOfTitle = (title: unknown) => armList.find((a) => sameText(a.label, title)) ?? null;
    return { list: armList, armOfTitle };
  }

  private cohorts(arms: ReturnType<RecordMapper['arms']>): Json[] {
    const byLabel = new Map<string, typeof arms.list>();
    for (const arm of arms.list) {
      const label = COHORT_PREFIX.exec(arm.label)?.[1];
      if (!label) continue;
      const key = normalise(label);
      byLabel.set(key, [...(byLabel.get(key) ?? []), arm]);
    }
    return [...byLabel.values()].slice(0, BOUNDS.armsPerStudy).map((members) => {
      const label = COHORT_PREFIX.exec(members[0].label)![1];
      // "(pNET)" names the cohort's condition when a stored condition has that name or synonym.
      const named = /\(([^)]+)\)/.exec(label)?.[1];
      const condition = named ? this.concept('conditions', { texts: [named], codes: [], create: false }) : null;
      return {
        id: this.localKey(label, 'cohort'),
        label,
        description: null,
        conditions: condition ? [condition] : [],
        n: null,
        arms: members.map((a) => a.id),
        evidence: members.slice(0, BOUNDS.evidencePerFact).map((a) => a.evidence[0]),
      };
    });
  }

  private outcomes(arms: ReturnType<RecordMapper['arms']>): Json[] {
    const measures = list(this.r.resultsSection?.outcomeMeasuresModule?.outcomeMeasures);
    const outcomes: Json[] = [];
    measures.forEach((om, k) => outcomes.push(this.measure(om, k, arms)));
    // Outcomes the protocol lists that have no results: name, role and time frame only.
    const module = this.p.outcomesModule ?? {};
    const planned = [
      ...list(module.primaryOutcomes).map((o, i) => ({ o, role: 'PRIMARY', path: `protocolSection.outcomesModule.primaryOutcomes[${i}]` })),
      ...list(module.secondaryOutcomes).map((o, i) => ({ o, role: 'SECONDARY', path: `protocolSection.outcomesModule.secondaryOutcomes[${i}]` })),
      ...list(module.otherOutcomes).map((o, i) => ({ o, role: 'EXPLORATORY', path: `protocolSection.outcomesModule.otherOutcomes[${i}]` })),
    ];
    for (const { o, role } of planned) {
      const name = text(o?.measure);
      if (!name || measures.some((m) => sameText(m?.title, name))) continue;
      outcomes.push(this.outcome(name, role, text(o.description), text(o.timeFrame)));
    }
    const kept = outcomes.filter((o) => o !== null);
    if (kept.length > BOUNDS.outcomesPerStudy) {
      this.leftOut.push(`Outcomes after the first ${BOUNDS.outcomesPerStudy} (${kept.length - BOUNDS.outcomesPerStudy}): ${kept.slice(BOUNDS.outcomesPerStudy).map((o) => `"${o.name}"`).join(', ')}.`);
    }
    return kept.slice(0, BOUNDS.outcomesPerStudy);
  }

  private outcome(name: string, role: string, definition: string | null, timeFrame: string | null): Json {
    const concept = this.concept('outcomeConcepts', { texts: [name], codes: [], words: true })!;
    return { id: this.localKey(`o-${name}`, 'outcome', 48), name, concept, role, definition, timeFrame, measurements: [], comparisons: [] };
  }

  /** One outcome measure of the results: per-group values by class (subgroup) and category, and its analyses. */
  private measure(om: Json, k: number, arms: ReturnType<RecordMapper['arms']>): Json {
    const base = `resultsSection.outcomeMeasuresModule.outcomeMeasures[${k}]`;
    const name = text(om?.title) ?? `Outcome measure ${k + 1}`;
    const outcome = this.outcome(name, OUTCOME_ROLES[om?.type] ?? 'SECONDARY', text(om?.description), text(om?.timeFrame));
    const groups = new Map<string, { title: string | null; arm: string | null }>();
    list(om?.groups).forEach((g) => {
      if (typeof g?.id === 'string') groups.set(g.id, { title: text(g.title), arm: arms.armOfTitle(g.title)?.id ?? null });
    });
    const lone = groups.size === 1;
    const unknownGroup = (groupId: unknown, path: string) => {
      if (typeof groupId === 'string' && groups.has(groupId)) return false;
      this.issues.push({ path: `$.${path}`, rule: 'ctgov.unknown-group', message: `group "${String(groupId)}" is not among the groups of outcome measure ${k} (${[...groups.keys()].join(', ') || 'none'})` });
      return true;
    };
    const unmatched = new Set<string>();
    /** The arm of a group: its arm, or the whole study when the measure has only that group; undefined to leave the value out. */
    const armOf = (groupId: string): string | null | undefined => {
      const g = groups.get(groupId)!;
      if (g.arm) return g.arm;
      if (lone) return null;
      unmatched.add(g.title ?? groupId);
      return undefined;
    };
    const denomsOf = (denoms: Json, path: string) => {
      const counts = new Map<string, number | null>();
      list(list(denoms)[0]?.counts).forEach((c, i) => {
        if (!unknownGroup(c?.groupId, `${path}.denoms[0].counts[${i}].groupId`)) counts.set(c.groupId, countOf(c.value));
      });
      return counts;
    };
    const measureDenoms = denomsOf(om?.denoms, base);

    const paramType = text(om?.paramType);
    const statistic = paramType ? STATISTICS[paramType] : undefined;
    const dispersionType = text(om?.dispersionType);
    const ciLevel = dispersionType?.startsWith('CONFIDENCE_INTERVAL_') ? numberOf(dispersionType.slice('CONFIDENCE_INTERVAL_'.length)) : null;
    const isCi = dispersionType?.startsWith('CONFIDENCE_INTERVAL_') ?? false;
    const dispersion = dispersionType ? DISPERSIONS[dispersionType] : undefined;
    if (dispersionType && !isCi && !dispersion && dispersionType !== 'NA') this.leftOut.push(`Outcome "${name}": dispersion ${dispersionType} has no counterpart in the model; left out.`);
    const unit = unitOf(om?.unitOfMeasure);
    const unitText = text(om?.unitOfMeasure);

    const measurements: Json[] = [];
    let beyond = 0;
    const classes = list(om?.classes);
    classes.forEach((cls, c) => {
      const classPath = `${base}.classes[${c}]`;
      const classDenoms = denomsOf(cls?.denoms, classPath);
      const label = text(cls?.title);
      list(cls?.categories).forEach((cat, d) => {
        list(cat?.measurements).forEach((m, j) => {
          const path = `${classPath}.categories[${d}].measurements[${j}]`;
          if (unknownGroup(m?.groupId, `${path}.groupId`) || statistic === undefined) return;
          const arm = armOf(m.groupId);
          if (arm === undefined) return;
          if (measurements.length >= BOUNDS.measurementsPerOutcome) return void (beyond += 1);
          const value = numberOf(m.value);
          const raw = typeof m.value === 'number' ? String(m.value) : text(m.value);
          if (value === null && raw === null) return;
          const lower = numberOf(m.lowerLimit);
          const upper = numberOf(m.upperLimit);
          const analysed = classDenoms.get(m.groupId) ?? measureDenoms.get(m.groupId) ?? null;
          measurements.push({
            id: `${outcome.id}-m${measurements.length + 1}`,
            arm,
            statistic,
            value,
            valueText: value === null ? raw : null,
            range: null,
            unit,
            unitText,
            timePoint: null,
            ci: isCi && (lower !== null || upper !== null) ? { level: ciLevel, lower, upper, sided: null } : null,
            dispersion:
              dispersion === 'STANDARD_DEVIATION' || dispersion === 'STANDARD_ERROR'
                ? numberOf(m.spread) === null
                  ? null
                  : { type: dispersion, value: numberOf(m.spread), lower: null, upper: null }
                : dispersion && (lower !== null || upper !== null)
                  ? { type: dispersion, value: null, lower, upper }
                  : null,
            analysed,
            subgroup: label ? { label, criterion: null, n: classDenoms.get(m.groupId) ?? null } : null,
            category: text(cat?.title),
            evidence: this.evidence(path, m),
          });
        });
      });
    });
    if (statistic === undefined && classes.length > 0) this.leftOut.push(`Outcome "${name}": paramType ${paramType ?? '(none)'} has no statistic in the model; its values are left out.`);
    if (beyond > 0) this.leftOut.push(`Outcome "${name}": ${beyond} value(s) after the first ${BOUNDS.measurementsPerOutcome} left out.`);
    for (const title of unmatched) this.leftOut.push(`Outcome "${name}": result group "${title}" matches no arm group by title; its values are left out.`);

    const comparisons: Json[] = [];
    list(om?.analyses).forEach((a, i) => {
      const path = `${base}.analyses[${i}]`;
      const ids = list(a?.groupIds);
      const bad = ids.map((g, j) => unknownGroup(g, `${path}.groupIds[${j}]`)).some((x) => x);
      if (bad) return;
      if (ids.length !== 2) return void this.leftOut.push(`Outcome "${name}": analysis ${i} compares ${ids.length} groups (only two-group comparisons are kept); left out.`);
      const pair = ids.map((g) => arms.list.find((arm) => arm.id === groups.get(g)!.arm) ?? null);
      const experimental = pair.filter((arm) => arm?.role === 'EXPERIMENTAL');
      if (pair.some((arm) => arm === null) || experimental.length !== 1 || pair[0] === pair[1]) {
        return void this.leftOut.push(`Outcome "${name}": analysis ${i} is not of one experimental arm against another arm; left out.`);
      }
      if (comparisons.length >= BOUNDS.comparisonsPerOutcome) return void this.leftOut.push(`Outcome "${name}": analysis ${i} is beyond the ${BOUNDS.comparisonsPerOutcome} comparisons an outcome may have; left out.`);
      const treatment = experimental[0]!;
      const reference = pair.find((arm) => arm !== treatment)!;
      const effectMeasure = effectMeasureOf(a.paramType);
      if (text(a.paramType) && effectMeasure === null) this.leftOut.push(`Outcome "${name}": analysis ${i} estimates "${a.paramType}", which has no effect measure in the model (effectMeasure null).`);
      const estimate = numberOf(a.paramValue);
      const lower = numberOf(a.ciLowerLimit);
      const upper = numberOf(a.ciUpperLimit);
      const level = numberOf(a.ciPctValue);
      const sided = a.ciNumSides === 'ONE_SIDED' ? 'ONE_SIDED' : a.ciNumSides === 'TWO_SIDED' ? 'TWO_SIDED' : null;
      const hypothesis = text(a.nonInferiorityType) ? (HYPOTHESES[a.nonInferiorityType] ?? null) : null;
      comparisons.push({
        id: `${outcome.id}-c${comparisons.length + 1}`,
        treatmentArm: treatment.id,
        referenceArm: reference.id,
        effectMeasure,
        estimate,
        estimateText: estimate === null ? (typeof a.paramValue === 'number' ? String(a.paramValue) : text(a.paramValue)) : null,
        ci: lower !== null || upper !== null ? { level, lower, upper, sided } : null,
        p: pValueOf(a.pValue, a.pValueComment),
        method: text(a.statisticalMethod),
        hypothesis,
        hypothesisText: hypothesis ? text(a.nonInferiorityComment) : null,
        subgroup: null,
        evidence: this.evidence(path, a, [
          'groupIds',
          'paramType',
          'paramValue',
          'ciPctValue',
          'ciNumSides',
          'ciLowerLimit',
          'ciUpperLimit',
          'pValue',
          'pValueComment',
          'statisticalMethod',
          'nonInferiorityType',
          'nonInferiorityComment',
        ]),
      });
    });
    return { ...outcome, measurements, comparisons };
  }

  private adverseEvents(arms: ReturnType<RecordMapper['arms']>): Json[] {
    const module = this.r.resultsSection?.adverseEventsModule;
    if (!isObject(module)) return [];
    const groups = new Map<string, { title: string | null; arm: string | null }>();
    list(module.eventGroups).forEach((g) => {
      if (typeof g?.id === 'string') groups.set(g.id, { title: text(g.title), arm: arms.armOfTitle(g.title)?.id ?? null });
    });
    const results: Json[] = [];
    let beyond = 0;
    let noCount = 0;
    const unmatched = new Set<string>();
    for (const [kind, seriousness] of [
      ['seriousEvents', 'SERIOUS'],
      ['otherEvents', 'OTHER'],
    ] as const) {
      list(module[kind]).forEach((event, e) => {
        const term = text(event?.term);
        list(event?.stats).forEach((s, j) => {
          const path = `resultsSection.adverseEventsModule.${kind}[${e}].stats[${j}]`;
          if (typeof s?.groupId !== 'string' || !groups.has(s.groupId)) {
            this.issues.push({ path: `$.${path}.groupId`, rule: 'ctgov.unknown-group', message: `group "${String(s?.groupId)}" is not among the event groups (${[...groups.keys()].join(', ') || 'none'})` });
            return;
          }
          const g = groups.get(s.groupId)!;
          const arm = g.arm ?? (groups.size === 1 ? null : undefined);
          if (arm === undefined) return void unmatched.add(g.title ?? s.groupId);
          const patients = countOf(s.numAffected);
          if (!term || patients === null) return void (noCount += 1);
          if (results.length >= BOUNDS.adverseEventsPerStudy) return void (beyond += 1);
          results.push({
            id: this.localKey(`ae-${results.length + 1}`, 'ae'),
            term,
            gradeMin: null,
            gradeMax: null,
            arm,
            patients,
            percent: null,
            analysed: countOf(s.numAtRisk),
            armDifference: null,
            seriousness,
            organSystem: text(event.organSystem),
            evidence: { ...this.evidence(path, s), quote: quoteOf({ term: event.term, organSystem: event.organSystem, ...s }) },
          });
        });
      });
    }
    if (beyond > 0) this.leftOut.push(`Adverse events: ${beyond} result(s) after the first ${BOUNDS.adverseEventsPerStudy} (serious events first, then other events, in record order) left out.`);
    if (noCount > 0) this.leftOut.push(`Adverse events: ${noCount} result(s) without a term or a number of affected participants left out.`);
    for (const title of unmatched) this.leftOut.push(`Adverse events: event group "${title}" matches no arm group by title; its results are left out.`);
    return results;
  }

  private publications(): Json[] {
    const refs = list(this.p.referencesModule?.references);
    const pubs: Json[] = [];
    refs.forEach((ref, i) => {
      const pmid = typeof ref?.pmid === 'string' && /^\d{1,9}$/.test(ref.pmid.trim()) ? ref.pmid.trim() : null;
      const citation = text(ref?.citation);
      if (!pmid && !citation) return;
      if (pubs.length >= BOUNDS.publicationsPerStudy) return void this.leftOut.push(`Reference ${i} (${pmid ? `PMID ${pmid}` : 'no PMID'}): beyond the ${BOUNDS.publicationsPerStudy} publications a study may have; left out.`);
      pubs.push({
        id: `${this.studyId}-${pmid ? `pmid-${pmid}` : `ref-${i + 1}`}`,
        title: null,
        journal: null,
        year: null,
        volume: null,
        issue: null,
        pages: null,
        pmid,
        pmcid: null,
        doi: null,
        citation: citation ? citation.slice(0, 4000) : null,
        authors: [],
        firstAuthor: null,
        identifierVerification: 'REGISTRY_REPORTED',
        role: REFERENCE_ROLES[ref.type] ?? 'BACKGROUND',
      });
      if (!REFERENCE_ROLES[ref.type]) this.leftOut.push(`Reference ${i}: type ${String(ref.type)} is not RESULT, BACKGROUND or DERIVED; loaded as BACKGROUND.`);
    });
    return pubs;
  }

  private meshLeftOut() {
    const unused = [...this.meshes('conditionBrowseModule'), ...this.meshes('interventionBrowseModule')].filter((m) => !this.usedMeshes.has(m.path));
    if (unused.length > 0) this.leftOut.push(`MeSH terms of derivedSection that name no condition or intervention of the record (not added as codes): ${unused.map((m) => `${m.id} ${m.term}`).join('; ')}.`);
  }

  private modulesLeftOut() {
    const present = (section: string, names: string[]) => names.filter((n) => this.r[section]?.[n] !== undefined).map((n) => `${section}.${n}`);
    const modules = [
      ...present('protocolSection', ['descriptionModule', 'eligibilityModule', 'ipdSharingStatementModule', 'oversightModule']),
      ...present('resultsSection', ['participantFlowModule', 'baselineCharacteristicsModule', 'moreInfoModule']),
      ...present('derivedSection', ['miscInfoModule']),
      ...present('documentSection', ['largeDocumentModule']),
    ];
    if (modules.length > 0) this.leftOut.push(`Not imported: ${modules.join(', ')}.`);
  }
}
