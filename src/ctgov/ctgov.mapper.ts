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
import { BOUNDS, WINDOWS } from '../model/bounds';
import { REGISTRY_CODE_SOURCE } from '../seeds/seed.repository';
import { ArmGroup, directionOf, plain, tieToArm } from './ctgov.groups';
import {
  Catalog,
  CatalogCode,
  CatalogConcept,
  ConceptKind,
  matchConcept,
  newConceptKey,
  normalise,
  slugify,
  uniqueKey,
} from './ctgov.match';

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
  /**
   * Prefix of every key the import creates (study, record document, publications, new concepts), e.g. to try an import beside a curated graph.
   * The import joins curated concepts and those created under its prefix only (READ_CATALOG).
   */
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
const MASKINGS: Record<string, string> = {
  NONE: 'OPEN_LABEL',
  SINGLE: 'SINGLE_BLIND',
  DOUBLE: 'DOUBLE_BLIND',
  TRIPLE: 'DOUBLE_BLIND',
  QUADRUPLE: 'DOUBLE_BLIND',
};
const ARM_ROLES: Record<string, string> = {
  EXPERIMENTAL: 'EXPERIMENTAL',
  ACTIVE_COMPARATOR: 'ACTIVE_COMPARATOR',
  PLACEBO_COMPARATOR: 'PLACEBO_COMPARATOR',
  SHAM_COMPARATOR: 'OTHER',
  NO_INTERVENTION: 'OTHER',
  OTHER: 'OTHER',
};
const INTERVENTION_KINDS: Record<string, string> = { DRUG: 'DRUG', BIOLOGICAL: 'DRUG', PROCEDURE: 'PROCEDURE' };
const OUTCOME_ROLES: Record<string, string> = {
  PRIMARY: 'PRIMARY',
  SECONDARY: 'SECONDARY',
  OTHER_PRE_SPECIFIED: 'EXPLORATORY',
  POST_HOC: 'POST_HOC',
};
const STATISTICS: Record<string, string> = {
  MEDIAN: 'MEDIAN',
  MEAN: 'MEAN',
  GEOMETRIC_MEAN: 'GEOMETRIC_MEAN',
  LEAST_SQUARES_MEAN: 'LEAST_SQUARES_MEAN',
  GEOMETRIC_LEAST_SQUARES_MEAN: 'GEOMETRIC_LEAST_SQUARES_MEAN',
  LOG_MEAN: 'LOG_MEAN',
  NUMBER: 'NUMBER',
  COUNT_OF_PARTICIPANTS: 'COUNT',
  COUNT_OF_UNITS: 'COUNT',
};
/**
 * A dispersion type in either of the forms real records use: outcome measures write words
 * ("95% Confidence Interval", "Standard Deviation"), baseline measures and analyses write codes
 * (CONFIDENCE_INTERVAL_95, STANDARD_DEVIATION, STANDARD_ERROR_OF_MEAN). Each becomes a confidence
 * interval at its level (null for "other"), a spread (`value`) or limits (`lower`, `upper`).
 */
const SPREADS: Record<string, { kind: 'value' | 'limits'; type: string }> = {
  'standard deviation': { kind: 'value', type: 'STANDARD_DEVIATION' },
  'standard error': { kind: 'value', type: 'STANDARD_ERROR' },
  'standard error of mean': { kind: 'value', type: 'STANDARD_ERROR' },
  'standard error of the mean': { kind: 'value', type: 'STANDARD_ERROR' },
  'geometric coefficient of variation': { kind: 'value', type: 'GEOMETRIC_COEFFICIENT_OF_VARIATION' },
  'full range': { kind: 'limits', type: 'FULL_RANGE' },
  'inter quartile range': { kind: 'limits', type: 'INTER_QUARTILE_RANGE' },
  'interquartile range': { kind: 'limits', type: 'INTER_QUARTILE_RANGE' },
};

type Spread =
  | { kind: 'none' }
  | { kind: 'ci'; level: number | null }
  | { kind: 'value' | 'limits'; type: string }
  | { kind: 'unknown'; text: string };

export function dispersionKindOf(raw: unknown): Spread {
  const t = text(raw);
  if (t === null || t === 'NA') return { kind: 'none' };
  const words = t.toLowerCase().replace(/_/g, ' ').replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
  const ci =
    /^(?:confidence interval (\d+(?:\.\d+)?|other)|(\d+(?:\.\d+)?) ?% confidence interval|confidence interval)$/.exec(
      words,
    );
  if (ci) {
    const level = numberOf(ci[1] ?? ci[2]);
    return { kind: 'ci', level: level !== null && level > 0 && level < 100 ? level : null };
  }
  const spread = SPREADS[words];
  return spread ? { kind: spread.kind, type: spread.type } : { kind: 'unknown', text: t };
}

/** The comments of a v2 analysis that qualify its numbers, kept word for word. */
const ANALYSIS_COMMENTS = [
  'groupDescription',
  'statisticalComment',
  'estimateComment',
  'pValueComment',
  'ciLowerLimitComment',
  'ciUpperLimitComment',
  'otherAnalysisDescription',
] as const;

/**
 * The names an intervention is known by: "Agent (Brand, CODE-123)" is also "Agent", "Brand" and
 * "CODE-123" (the parenthesised brand names and codes are synonyms); the plain name comes first.
 */
export function namesOf(name: string): string[] {
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(name);
  if (!m || m[1].trim() === '') return [name];
  const inner = m[2]
    .split(/[,;]|\s\/\s/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return [...new Set([m[1].trim(), name, ...inner])];
}
const REFERENCE_ROLES: Record<string, string> = {
  RESULT: 'RESULT_REPORT',
  BACKGROUND: 'BACKGROUND',
  DERIVED: 'DERIVED',
};
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
  if (/^(percent(age)?|%)( of (participants|patients|subjects))?$/.test(t) || /^percentage of /.test(t))
    return 'PERCENT';
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
export function pValueOf(
  raw: unknown,
  comment: unknown,
): { operator: string | null; value: number | null; text: string; sided: string | null } | null {
  const t = typeof raw === 'number' ? String(raw) : text(raw);
  if (t === null) return null;
  const match = /^(?:p\s*)?(<=|≤|<|>|=)?\s*([0-9.eE+-]+)$/i.exec(t);
  const value = match ? numberOf(match[2]) : null;
  const operator =
    value === null
      ? null
      : ({ '<=': '<=', '≤': '<=', '<': '<', '>': '>', '=': '=' } as Record<string, string>)[match![1] ?? '='];
  const c = typeof comment === 'string' ? comment : '';
  const sided = /\bone[- ]sided\b/i.test(c) ? 'ONE_SIDED' : /\btwo[- ]sided\b/i.test(c) ? 'TWO_SIDED' : null;
  return { operator: value === null ? null : operator, value, text: t, sided };
}

/** The JSON of the listed fields of a record object: the record's own words, at most 2000 characters. */
function quoteOf(raw: Json, keys?: string[]): string {
  const pick = (ks: string[]) =>
    JSON.stringify(Object.fromEntries(ks.filter((k) => raw?.[k] !== undefined).map((k) => [k, raw[k]])));
  const all = keys ?? (isObject(raw) ? Object.keys(raw) : []);
  let quote = isObject(raw) ? pick(all) : JSON.stringify(raw);
  // Long free-text fields (descriptions, comments) go first when the quote is too long.
  if (quote.length > 2000 && isObject(raw))
    quote = pick(all.filter((k) => typeof raw[k] !== 'string' || raw[k].length <= 200));
  return quote.length > 2000 ? quote.slice(0, 2000) : quote;
}

const sameText = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && normalise(a) === normalise(b);

/** A MeSH heading in natural order: "Dermatitis, Atopic" → "Atopic Dermatitis" (a term of one comma only). */
const uninverted = (term: string): string => {
  const parts = term.split(', ');
  return parts.length === 2 ? `${parts[1]} ${parts[0]}` : term;
};

/** "Cohort I (pNET): Cabozantinib" → the cohort's label "Cohort I (pNET)". */
const COHORT_PREFIX = /^\s*(cohort\s+[^:]+?)\s*:\s*\S/i;

// ---------------------------------------------------------------------------------------------

/** Checks that `record` is a v2 study within the size limit; its NCT id, or the issues. */
export function checkRecord(record: unknown, bytes?: number): { nctId: string | null; issues: RecordIssue[] } {
  const size = bytes ?? Buffer.byteLength(JSON.stringify(record) ?? '', 'utf8');
  if (size > MAX_RECORD_BYTES) {
    return {
      nctId: null,
      issues: [
        {
          path: '$',
          rule: 'ctgov.too-large',
          message: `the record is ${(size / 1024 / 1024).toFixed(1)} MB of JSON, more than the ${MAX_RECORD_BYTES / 1024 / 1024} MB a record may have`,
        },
      ],
    };
  }
  if (!isObject(record) || !isObject(record.protocolSection)) {
    return {
      nctId: null,
      issues: [
        {
          path: '$',
          rule: 'ctgov.not-a-study',
          message: 'not a ClinicalTrials.gov API v2 study record (no protocolSection object)',
        },
      ],
    };
  }
  const nctId = record.protocolSection.identificationModule?.nctId;
  if (typeof nctId !== 'string' || nctId.trim() === '') {
    return {
      nctId: null,
      issues: [
        {
          path: '$.protocolSection.identificationModule.nctId',
          rule: 'ctgov.no-nct-id',
          message: 'the record has no nctId',
        },
      ],
    };
  }
  if (!/^NCT\d{8}$/.test(nctId)) {
    return {
      nctId: null,
      issues: [
        {
          path: '$.protocolSection.identificationModule.nctId',
          rule: 'ctgov.bad-nct-id',
          message: `"${nctId}" is not an NCT id (NCT and 8 digits)`,
        },
      ],
    };
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
    registryRecord: {
      registry: 'CLINICALTRIALS_GOV',
      id: nctId,
      lastUpdated: lastUpdated && /^\d{4}-\d{2}(-\d{2})?$/.test(lastUpdated) ? lastUpdated : null,
    },
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
  const merged: Record<ConceptKind, Map<string, ConceptEntry>> = {
    conditions: new Map(),
    interventions: new Map(),
    outcomeConcepts: new Map(),
  };
  for (const t of translations)
    for (const kind of ['conditions', 'interventions', 'outcomeConcepts'] as const)
      for (const e of t.concepts[kind]) if (created.has(e.id)) merged[kind].set(e.id, e);
  if (Object.values(merged).every((m) => m.size === 0)) return null;
  const entries = (kind: ConceptKind) => [...merged[kind].values()];
  return {
    format: 'net-trials/vocabulary@1',
    conditions: entries('conditions').map((c) => ({
      id: c.id,
      name: c.name,
      synonyms: c.synonyms,
      codes: c.codes,
      curation: c.curation,
      kind: c.kind ?? 'DISEASE',
      broader: c.broader,
    })),
    interventions: entries('interventions').map((c) => ({
      id: c.id,
      name: c.name,
      synonyms: c.synonyms,
      codes: c.codes,
      curation: c.curation,
      kind: c.kind ?? 'OTHER',
      broader: c.broader,
    })),
    outcomeConcepts: entries('outcomeConcepts').map((c) => ({
      id: c.id,
      name: c.name,
      synonyms: c.synonyms,
      codes: c.codes,
      curation: c.curation,
      abbreviation: c.abbreviation ?? null,
      broader: c.broader,
    })),
    predictors: [],
  };
}

/**
 * The MeSH codes the records give stored concepts, by kind: per concept, the codes it does not
 * hold yet (`SYSTEM:code` with name and source), to be appended to it (ADD_CODES), not written
 * over it, so that two imports adding codes to one concept at once both keep theirs.
 */
export function codesGainedOf(
  translations: RecordTranslation[],
  catalog: Catalog,
): Record<ConceptKind, { id: string; codes: { code: string; display: string; source: string }[] }[]> {
  const created = new Set(translations.flatMap((t) => t.created));
  const out = { conditions: [], interventions: [], outcomeConcepts: [] } as Record<
    ConceptKind,
    { id: string; codes: { code: string; display: string; source: string }[] }[]
  >;
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
          if (!gained.get(e.id)!.has(code))
            gained.get(e.id)!.set(code, { code, display: k.display ?? '', source: k.source ?? '' });
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
  const parts = [...seedPath.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[1] !== undefined ? m[1] : Number(m[2]),
  );
  let node: Json = study;
  let found: string | null = null;
  for (const part of parts) {
    if (node === null || node === undefined) break;
    node = node[part as keyof typeof node];
    const section = isObject(node)
      ? (node.evidence?.section ?? (Array.isArray(node.evidence) ? node.evidence[0]?.section : undefined))
      : undefined;
    if (typeof section === 'string') found = section;
  }
  return found ? `$.${found}` : '$';
}

/** Translates one record (see the file's comment). */
export function translateRecord(
  source: string,
  record: unknown,
  catalog: Catalog,
  options: TranslateOptions = {},
  bytes?: number,
): RecordTranslation {
  const checked = checkRecord(record, bytes);
  const base: RecordTranslation = {
    source,
    nctId: checked.nctId,
    studyId: null,
    issues: checked.issues,
    study: null,
    attach: null,
    concepts: emptyChanges(),
    created: [],
    leftOut: [],
  };
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

/**
 * The result groups of one record (src/ctgov/ctgov.groups.ts): each module's groups found by
 * title and description, or added with their tie to an arm, in the order the record first
 * defines them.
 */
class GroupRegistry {
  private readonly byText = new Map<string, Json>();
  private readonly byId = new Map<string, Json>();

  constructor(
    private readonly arms: ArmGroup[],
    private readonly key: (text: string, fallback: string) => string,
    private readonly evidence: (path: string, raw: Json) => Json,
  ) {}

  /** The result groups of a module's `groups`, by the module's ids (ids without a group object stay undefined). */
  module(defined: Json[], path: string): Map<string, string> {
    const ids = new Map<string, string>();
    defined.forEach((g, i) => {
      if (typeof g?.id !== 'string') return;
      const title = text(g.title) ?? g.id;
      const description = text(g.description);
      const known = `${plain(title)}|${description ? plain(description) : ''}`;
      let entry = this.byText.get(known);
      if (!entry) {
        const tie = tieToArm({ title, description }, this.arms);
        entry = {
          id: this.key(`g-${title}`, 'group'),
          title,
          description: description?.slice(0, 4000) ?? null,
          arm: tie?.arm ?? null,
          armTie: tie?.tie ?? null,
          adverseEventTotals: null,
          evidence: [
            this.evidence(`${path}.${path.endsWith('adverseEventsModule') ? 'eventGroups' : 'groups'}[${i}]`, g),
          ],
        };
        this.byText.set(known, entry);
        this.byId.set(entry.id, entry);
      }
      ids.set(g.id, entry.id);
    });
    return ids;
  }

  armOf(group: string): string | null {
    return this.find(group)?.arm ?? null;
  }

  setTotals(group: string, totals: Json) {
    const entry = this.find(group);
    if (entry && Object.values(totals).some((v) => v !== null)) entry.adverseEventTotals = totals;
  }

  list(): Json[] {
    return [...this.byText.values()];
  }

  private find(group: string): Json | undefined {
    return this.byId.get(group);
  }
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
    this.concepts = {
      conditions: [...catalog.conditions],
      interventions: [...catalog.interventions],
      outcomeConcepts: [...catalog.outcomeConcepts],
    };
  }

  private evidence(section: string, raw: Json, keys?: string[]) {
    return {
      document: this.document.id,
      section,
      quote: quoteOf(raw, keys),
      verification: 'REGISTRY_REPORTED',
      note: null,
    };
  }

  private localKey(text: string, fallback: string, max = 60): string {
    const key = uniqueKey(slugify(text, max) || fallback, this.localKeys);
    this.localKeys.add(key);
    return key;
  }

  /** Where a MeSH code of the record was read. */
  private codeSource(path: string) {
    return `${REGISTRY_CODE_SOURCE}${this.nctId} ${path}`;
  }

  /**
   * The concept an imported item joins (ctgov.match.ts), or a new IMPORTED_UNREVIEWED one; the
   * item's MeSH codes are added to the concept when absent. `create: false` matches only.
   */
  private concept(
    kind: ConceptKind,
    item: { texts: string[]; codes: CatalogCode[]; words?: boolean; kind?: string; create?: boolean },
  ): string | null {
    const list = this.concepts[kind];
    const match = matchConcept(list, {
      texts: item.texts,
      codes: item.codes.map((c) => `${c.system}:${c.code}`),
      words: item.words,
    });
    if (match) {
      const missing = item.codes.filter(
        (c) => !match.concept.codes.some((k) => k.system === c.system && k.code === c.code),
      );
      if (missing.length > 0) this.replace(kind, { ...match.concept, codes: [...match.concept.codes, ...missing] });
      return match.concept.id;
    }
    if (item.create === false) return null;
    const taken = new Set(
      [
        ...this.catalog.conditions,
        ...this.catalog.interventions,
        ...this.catalog.outcomeConcepts,
        ...Object.values(this.concepts).flat(),
      ].map((c) => c.id),
    );
    const name = item.texts[0].trim().replace(/\s+/g, ' ');
    const entry: CatalogConcept = {
      id: newConceptKey(name, taken, this.prefix),
      name,
      synonyms: [
        ...new Set(
          item.texts
            .slice(1)
            .map((t) => t.trim())
            .filter((t) => t && normalise(t) !== normalise(name)),
        ),
      ],
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
    if (title === null)
      this.issues.push({
        path: '$.protocolSection.identificationModule.briefTitle',
        rule: 'ctgov.no-title',
        message: 'the record has neither officialTitle nor briefTitle',
      });

    const study = this.study(title ?? '');
    const population = this.population();
    const arms = this.arms();
    const cohorts = this.cohorts(arms);
    const groups = new GroupRegistry(
      arms.list,
      (t, f) => this.localKey(t, f),
      (path, raw) => this.evidence(path, raw, ['id', 'title', 'description']),
    );
    const participantFlow = this.participantFlow(groups);
    const randomized = this.randomized(arms.list, participantFlow, groups);
    const baseline = this.baseline(groups);
    const outcomes = this.outcomes(groups);
    const adverseEvents = this.adverseEvents(groups);
    const publications = this.publications();
    study.adverseEventReporting = this.adverseEventReporting();
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
        arms: arms.list.map(({ id, label, role, receives, evidence }) => {
          const started = randomized.get(id);
          return {
            id,
            label,
            role,
            randomized: started?.count ?? null,
            receives,
            evidence: started ? [...evidence, started.evidence] : evidence,
          };
        }),
        cohorts,
        groups: groups.list(),
        participantFlow,
        baseline,
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
    if (phases.length > 1)
      this.leftOut.push(`Phases ${phases.join(', ')}: the model holds one phase; left null (designText keeps them).`);
    const overall = text(status.overallStatus);
    if (overall && !STATUSES[overall])
      this.leftOut.push(`overallStatus ${overall} has no study status in the model; left null.`);
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
    const enrolmentType =
      design.enrollmentInfo?.type === 'ACTUAL' || design.enrollmentInfo?.type === 'ESTIMATED'
        ? design.enrollmentInfo.type
        : null;
    const registryIds: Json[] = [{ registry: 'CLINICALTRIALS_GOV', id: this.nctId, domain: null }];
    const org = text(id.orgStudyIdInfo?.id);
    if (org)
      registryIds.push({ registry: 'SPONSOR', id: org, domain: text(p.sponsorCollaboratorsModule?.leadSponsor?.name) });
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
  private conceptsOf(
    kind: 'conditions' | 'interventions',
    items: { texts: string[]; kind?: string }[],
    module: 'conditionBrowseModule' | 'interventionBrowseModule',
  ): string[] {
    const meshes = this.meshes(module);
    // MeSH writes many terms inverted ("Dermatitis, Atopic"): a text equal to either form names the term.
    const own = items.map((item) =>
      meshes.filter((m) => item.texts.some((t) => sameText(t, m.term) || sameText(t, uninverted(m.term)))),
    );
    const keys = items.map((item, i) =>
      this.concept(kind, { texts: item.texts, codes: own[i].map((m) => this.meshCode(m)), kind: item.kind })!,
    );
    for (const m of meshes) {
      if (this.usedMeshes.has(m.path)) continue;
      const key = keys.find((k) => {
        const c = this.concepts[kind].find((x) => x.id === k)!;
        return sameText(c.name, m.term) || c.synonyms.some((s) => sameText(s, m.term));
      });
      if (key) {
        const c = this.concepts[kind].find((x) => x.id === key)!;
        if (!c.codes.some((k) => k.system === 'MESH' && k.code === m.id))
          this.replace(kind, { ...c, codes: [...c.codes, this.meshCode(m)] });
        else this.usedMeshes.add(m.path);
      }
    }
    return keys;
  }

  private population(): Json {
    const module = this.p.conditionsModule ?? {};
    const names = list(module.conditions)
      .map(text)
      .filter((c): c is string => c !== null);
    if (names.length === 0) {
      this.issues.push({
        path: '$.protocolSection.conditionsModule.conditions',
        rule: 'ctgov.no-condition',
        message: 'the record lists no condition: a study needs at least one',
      });
      return null;
    }
    const max = BOUNDS.conditionsPerPopulation;
    if (names.length > max) this.leftOut.push(`Conditions after the first ${max}: ${names.slice(max).join('; ')}.`);
    const keys = this.conceptsOf(
      'conditions',
      names.slice(0, max).map((n) => ({ texts: [n], kind: 'DISEASE' })),
      'conditionBrowseModule',
    );
    // A keyword joins only a stored condition it names exactly: keywords create no concept.
    const keywords = list(module.keywords)
      .map(text)
      .filter((k): k is string => k !== null);
    const fromKeywords = keywords
      .map((k) => this.concept('conditions', { texts: [k], codes: [], create: false }))
      .filter((k): k is string => k !== null);
    const conditions = [...new Set([...keys, ...fromKeywords])].slice(0, max);
    const e = this.p.eligibilityModule;
    return {
      id: this.localKey('population', 'population'),
      description: names.join('; '),
      conditions,
      eligibility: isObject(e)
        ? {
            criteria: text(e.eligibilityCriteria)?.slice(0, 50000) ?? null,
            sex: text(e.sex),
            minimumAge: text(e.minimumAge),
            maximumAge: text(e.maximumAge),
            healthyVolunteers: typeof e.healthyVolunteers === 'boolean' ? e.healthyVolunteers : null,
            ageGroups: list(e.stdAges)
              .map(text)
              .filter((a): a is string => a !== null),
            evidence: this.evidence('protocolSection.eligibilityModule', e, [
              'sex',
              'minimumAge',
              'maximumAge',
              'healthyVolunteers',
              'stdAges',
              'eligibilityCriteria',
            ]),
          }
        : null,
      evidence: [this.evidence('protocolSection.conditionsModule', module, ['conditions', 'keywords'])],
    };
  }

  private arms() {
    const module = this.p.armsInterventionsModule ?? {};
    const interventions = list(module.interventions);
    const conceptKeys = this.conceptsOf(
      'interventions',
      interventions.map((iv) => ({
        texts: [
          ...namesOf(text(iv?.name) ?? 'intervention'),
          ...list(iv?.otherNames)
            .map(text)
            .filter((t): t is string => t !== null),
        ],
        kind: INTERVENTION_KINDS[iv?.type] ?? 'OTHER',
      })),
      'interventionBrowseModule',
    );
    const groups = list(module.armGroups);
    const armList: {
      id: string;
      label: string;
      description: string | null;
      role: string;
      receives: Json[];
      evidence: Json[];
      index: number;
    }[] = [];
    groups.forEach((g, index) => {
      const label = text(g?.label);
      if (!label) return;
      const names = list(g.interventionNames)
        .filter((n) => typeof n === 'string')
        .map(normalise);
      const receives = [
        ...new Set(
          interventions
            .map((iv, j) => ({ iv, key: conceptKeys[j] }))
            .filter(({ iv }) => {
              const name = typeof iv?.name === 'string' ? normalise(iv.name) : null;
              return (
                list(iv?.armGroupLabels).some((l) => sameText(l, label)) ||
                (name !== null && names.some((n) => n === name || n.endsWith(`: ${name}`)))
              );
            })
            .map(({ key }) => key),
        ),
      ];
      // Its results stay on their result groups (tied to no arm).
      if (receives.length === 0) {
        this.leftOut.push(
          `Arm group "${label}" names no intervention of the record: not an arm of the model (its results are kept on their result groups).`,
        );
        return;
      }
      if (armList.length >= BOUNDS.armsPerStudy) {
        this.leftOut.push(
          `Arm group "${label}": beyond the ${BOUNDS.armsPerStudy} arms a study may have: not an arm of the model (its results are kept on their result groups).`,
        );
        return;
      }
      armList.push({
        id: this.localKey(label, `arm-${index + 1}`),
        label,
        description: text(g.description),
        role: ARM_ROLES[g.type] ?? 'OTHER',
        receives: receives
          .slice(0, BOUNDS.interventionsPerArm)
          .map((intervention) => ({ intervention, dose: null, route: null, schedule: null })),
        evidence: [
          this.evidence(`protocolSection.armsInterventionsModule.armGroups[${index}]`, g, [
            'label',
            'type',
            'interventionNames',
          ]),
        ],
        index,
      });
    });
    return { list: armList };
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

  private outcomes(groups: GroupRegistry): Json[] {
    const measures = list(this.r.resultsSection?.outcomeMeasuresModule?.outcomeMeasures);
    const outcomes: Json[] = measures.map((om, k) => this.measure(om, k, groups));
    // Outcomes the protocol lists that have no results: name, role and time frame only.
    const module = this.p.outcomesModule ?? {};
    const planned = [
      ...list(module.primaryOutcomes).map((o) => ({ o, role: 'PRIMARY' })),
      ...list(module.secondaryOutcomes).map((o) => ({ o, role: 'SECONDARY' })),
      ...list(module.otherOutcomes).map((o) => ({ o, role: 'EXPLORATORY' })),
    ];
    for (const { o, role } of planned) {
      const name = text(o?.measure);
      if (!name || measures.some((m) => sameText(m?.title, name))) continue;
      outcomes.push(this.outcome(name, role, text(o.description), text(o.timeFrame)));
    }
    if (outcomes.length > WINDOWS.outcomesPerStudy.max) {
      this.leftOut.push(
        `Outcomes after the first ${WINDOWS.outcomesPerStudy.max} (${outcomes.length - WINDOWS.outcomesPerStudy.max}) left out.`,
      );
    }
    return outcomes.slice(0, WINDOWS.outcomesPerStudy.max);
  }

  private outcome(name: string, role: string, definition: string | null, timeFrame: string | null): Json {
    const concept = this.concept('outcomeConcepts', { texts: [name], codes: [], words: true })!;
    return {
      id: this.localKey(`o-${name}`, 'outcome', 48),
      name,
      concept,
      role,
      definition,
      timeFrame,
      analysisPopulation: null,
      measurements: [],
      comparisons: [],
    };
  }

  /** The groups a results module defines (its `groups`), as result groups by the module's ids, and a check of the ids its values use. */
  private moduleGroups(groups: GroupRegistry, defined: unknown, path: string, what: string) {
    const ids = groups.module(list(defined), path);
    const known = (groupId: unknown, at: string) => {
      if (typeof groupId === 'string' && ids.has(groupId)) return true;
      this.issues.push({
        path: `$.${at}`,
        rule: 'ctgov.unknown-group',
        message: `group "${String(groupId)}" is not among the groups of ${what} (${[...ids.keys()].join(', ') || 'none'})`,
      });
      return false;
    };
    return { ids, known };
  }

  /**
   * The values of a measure (an outcome measure or a baseline characteristic): one per class,
   * category and group, in the record's order, with the number analysed (the class's denoms,
   * else the measure's, else `fallback`) and the measure's dispersion read in either form.
   */
  private valuesOf(
    om: Json,
    base: string,
    name: string,
    module: ReturnType<RecordMapper['moduleGroups']>,
    fallback: Map<string, number | null> = new Map(),
  ) {
    const denomsOf = (denoms: Json, path: string) => {
      const counts = new Map<string, number | null>();
      list(list(denoms)[0]?.counts).forEach((c, i) => {
        if (module.known(c?.groupId, `${path}.denoms[0].counts[${i}].groupId`)) counts.set(c.groupId, countOf(c.value));
      });
      return counts;
    };
    const measureDenoms = denomsOf(om?.denoms, base);
    const spread = dispersionKindOf(om?.dispersionType);
    if (spread.kind === 'unknown')
      this.leftOut.push(
        `"${name}": dispersion "${spread.text}" has no counterpart in the model; its limits are left out.`,
      );
    const values: Json[] = [];
    let empty = 0;
    list(om?.classes).forEach((cls, c) => {
      const classPath = `${base}.classes[${c}]`;
      const classDenoms = denomsOf(cls?.denoms, classPath);
      list(cls?.categories).forEach((cat, d) => {
        list(cat?.measurements).forEach((m, j) => {
          const path = `${classPath}.categories[${d}].measurements[${j}]`;
          if (!module.known(m?.groupId, `${path}.groupId`)) return;
          const value = numberOf(m.value);
          const raw = typeof m.value === 'number' ? String(m.value) : text(m.value);
          if (value === null && raw === null) return void (empty += 1);
          const lower = numberOf(m.lowerLimit);
          const upper = numberOf(m.upperLimit);
          const spreadValue = numberOf(m.spread);
          values.push({
            path,
            raw: m,
            group: module.ids.get(m.groupId)!,
            value,
            valueText: value === null ? raw : null,
            ci:
              spread.kind === 'ci' && (lower !== null || upper !== null)
                ? { level: spread.level, lower, upper, sided: null }
                : null,
            dispersion:
              spread.kind === 'value'
                ? spreadValue === null
                  ? null
                  : { type: spread.type, value: spreadValue, lower: null, upper: null }
                : spread.kind === 'limits' && (lower !== null || upper !== null)
                  ? { type: spread.type, value: null, lower, upper }
                  : null,
            analysed: classDenoms.get(m.groupId) ?? measureDenoms.get(m.groupId) ?? fallback.get(m.groupId) ?? null,
            row: text(cls?.title),
            category: text(cat?.title),
            comment: text(m.comment),
          });
        });
      });
    });
    if (empty > 0)
      this.leftOut.push(`"${name}": ${empty} value(s) with neither a number nor a text (only a group id) left out.`);
    return values;
  }

  /** One outcome measure of the results: its values by result group, row and category, and its analyses. */
  private measure(om: Json, k: number, groups: GroupRegistry): Json {
    const base = `resultsSection.outcomeMeasuresModule.outcomeMeasures[${k}]`;
    const name = text(om?.title) ?? `Outcome measure ${k + 1}`;
    const outcome = {
      ...this.outcome(name, OUTCOME_ROLES[om?.type] ?? 'SECONDARY', text(om?.description), text(om?.timeFrame)),
      analysisPopulation: text(om?.populationDescription),
    };
    const module = this.moduleGroups(groups, om?.groups, base, `outcome measure ${k}`);
    const statistic = this.statisticOf(om?.paramType, `Outcome "${name}"`);
    const unit = unitOf(om?.unitOfMeasure);
    const unitText = text(om?.unitOfMeasure);
    const values = this.valuesOf(om, base, `Outcome "${name}"`, module);
    if (values.length > WINDOWS.measurementsPerOutcome.max)
      this.leftOut.push(
        `Outcome "${name}": ${values.length - WINDOWS.measurementsPerOutcome.max} value(s) after the first ${WINDOWS.measurementsPerOutcome.max} left out.`,
      );
    const measurements = values.slice(0, WINDOWS.measurementsPerOutcome.max).map((v, n) => ({
      id: `${outcome.id}-m${n + 1}`,
      arm: groups.armOf(v.group),
      group: v.group,
      statistic,
      value: v.value,
      valueText: v.valueText,
      range: null,
      unit,
      unitText,
      timePoint: null,
      ci: v.ci,
      dispersion: v.dispersion,
      analysed: v.analysed,
      subgroup: null,
      category: v.category,
      row: v.row,
      comment: v.comment,
      evidence: this.evidence(v.path, v.raw),
    }));

    const titles = new Map(list(om?.groups).map((g) => [g?.id, text(g?.title) ?? String(g?.id)]));
    const comparisons: Json[] = [];
    list(om?.analyses).forEach((a, i) => {
      const path = `${base}.analyses[${i}]`;
      const ids = list(a?.groupIds);
      if (!ids.map((g, j) => module.known(g, `${path}.groupIds[${j}]`)).every((x) => x)) return;
      if (comparisons.length >= WINDOWS.comparisonsPerOutcome.max)
        return void this.leftOut.push(
          `Outcome "${name}": analysis ${i} is beyond the ${WINDOWS.comparisonsPerOutcome.max} comparisons an outcome may hold; left out.`,
        );
      const compared = ids.map((g) => module.ids.get(g)!);
      // Which group is the treatment: only as the record's words say it, never from arm types.
      const direction = directionOf(
        [text(a.estimateComment), text(a.groupDescription)],
        ids.map((g) => ({ title: titles.get(g) ?? String(g) })),
      );
      const treatmentGroup = direction ? compared[direction.treatment] : null;
      const referenceGroup = direction ? compared[direction.reference] : null;
      const treatmentArm = treatmentGroup ? groups.armOf(treatmentGroup) : null;
      const referenceArm = referenceGroup ? groups.armOf(referenceGroup) : null;
      const sameArm = treatmentArm !== null && treatmentArm === referenceArm;
      const estimate = numberOf(a.paramValue);
      const lower = numberOf(a.ciLowerLimit);
      const upper = numberOf(a.ciUpperLimit);
      const hypothesis = text(a.nonInferiorityType) ? (HYPOTHESES[a.nonInferiorityType] ?? null) : null;
      const estimateSpread = dispersionKindOf(a.dispersionType);
      const spreadValue = numberOf(a.dispersionValue);
      comparisons.push({
        id: `${outcome.id}-c${comparisons.length + 1}`,
        treatmentArm: sameArm ? null : treatmentArm,
        referenceArm: sameArm ? null : referenceArm,
        groups: [...new Set(compared)],
        treatmentGroup,
        referenceGroup,
        effectMeasure: effectMeasureOf(a.paramType),
        estimate,
        estimateText:
          estimate === null ? (typeof a.paramValue === 'number' ? String(a.paramValue) : text(a.paramValue)) : null,
        estimateType: text(a.paramType),
        dispersion:
          estimateSpread.kind === 'value' && spreadValue !== null
            ? { type: estimateSpread.type, value: spreadValue, lower: null, upper: null }
            : null,
        ci:
          lower !== null || upper !== null
            ? {
                level: numberOf(a.ciPctValue),
                lower,
                upper,
                sided: a.ciNumSides === 'ONE_SIDED' ? 'ONE_SIDED' : a.ciNumSides === 'TWO_SIDED' ? 'TWO_SIDED' : null,
              }
            : null,
        p: pValueOf(a.pValue, a.pValueComment),
        method: text(a.statisticalMethod),
        hypothesis,
        hypothesisText: hypothesis ? text(a.nonInferiorityComment) : null,
        subgroup: null,
        comments: ANALYSIS_COMMENTS.flatMap((field) => {
          const words = text(a[field]);
          return words === null ? [] : [{ field, text: words.slice(0, 4000) }];
        }),
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
          'dispersionType',
          'dispersionValue',
          'estimateComment',
          'groupDescription',
          'statisticalComment',
        ]),
      });
    });
    return { ...outcome, measurements, comparisons };
  }

  /** A measure's statistic: every paramType of the v2 format has one; a measure without paramType is NOT_STATED. */
  private statisticOf(paramType: unknown, what: string): string {
    const t = text(paramType);
    if (t === null) return 'NOT_STATED';
    if (STATISTICS[t]) return STATISTICS[t];
    this.leftOut.push(`${what}: paramType ${t} has no statistic in the model; its values are kept as NOT_STATED.`);
    return 'NOT_STATED';
  }

  private participantFlow(groups: GroupRegistry): Json[] {
    const module = this.r.resultsSection?.participantFlowModule;
    if (!isObject(module)) return [];
    const base = 'resultsSection.participantFlowModule';
    const flow = this.moduleGroups(groups, module.groups, base, 'the participant flow');
    const counts: Json[] = [];
    list(module.periods).forEach((period, p) => {
      const title = text(period?.title) ?? `Period ${p + 1}`;
      const parts = [
        ['milestones', 'achievements', 'MILESTONE'],
        ['dropWithdraws', 'reasons', 'NOT_COMPLETED_REASON'],
      ] as const;
      for (const [listName, itemName, kind] of parts) {
        list(period?.[listName]).forEach((entry, m) => {
          list(entry?.[itemName]).forEach((item, j) => {
            const path = `${base}.periods[${p}].${listName}[${m}].${itemName}[${j}]`;
            if (!flow.known(item?.groupId, `${path}.groupId`)) return;
            if (counts.length >= BOUNDS.flowCountsPerStudy) return;
            counts.push({
              id: this.localKey(`flow-${counts.length + 1}`, 'flow'),
              period: title,
              kind,
              type: text(entry.type) ?? (kind === 'MILESTONE' ? 'milestone' : 'reason'),
              group: flow.ids.get(item.groupId)!,
              count: countOf(item.numSubjects),
              comment: text(item.comment) ?? text(entry.comment),
              evidence: {
                ...this.evidence(path, item),
                quote: quoteOf({ period: period.title, type: entry.type, ...item }),
              },
            });
          });
        });
      }
    });
    const total = list(module.periods).reduce(
      (n, period) =>
        n +
        list(period?.milestones).reduce((s, e) => s + list(e?.achievements).length, 0) +
        list(period?.dropWithdraws).reduce((s, e) => s + list(e?.reasons).length, 0),
      0,
    );
    if (total > BOUNDS.flowCountsPerStudy)
      this.leftOut.push(
        `Participant flow: counts after the first ${BOUNDS.flowCountsPerStudy} (${total - BOUNDS.flowCountsPerStudy}) left out.`,
      );
    return counts;
  }

  /** The number randomized of an arm: the first period's STARTED count of the one flow group tied to it. */
  private randomized(
    arms: { id: string }[],
    flow: Json[],
    groups: GroupRegistry,
  ): Map<string, { count: number; evidence: Json }> {
    const firstPeriod = flow[0]?.period;
    const out = new Map<string, { count: number; evidence: Json }>();
    for (const arm of arms) {
      const started = flow.filter(
        (f) =>
          f.period === firstPeriod &&
          f.kind === 'MILESTONE' &&
          normalise(f.type) === 'started' &&
          groups.armOf(f.group) === arm.id,
      );
      if (started.length === 1 && started[0].count !== null)
        out.set(arm.id, { count: started[0].count, evidence: started[0].evidence });
    }
    return out;
  }

  private baseline(groups: GroupRegistry): Json[] {
    const module = this.r.resultsSection?.baselineCharacteristicsModule;
    if (!isObject(module)) return [];
    const base = 'resultsSection.baselineCharacteristicsModule';
    const ids = this.moduleGroups(groups, module.groups, base, 'the baseline characteristics');
    const overall = new Map<string, number | null>();
    list(list(module.denoms)[0]?.counts).forEach((c, i) => {
      if (ids.known(c?.groupId, `${base}.denoms[0].counts[${i}].groupId`)) overall.set(c.groupId, countOf(c.value));
    });
    const measures = list(module.measures);
    if (measures.length > BOUNDS.baselineMeasuresPerStudy)
      this.leftOut.push(
        `Baseline measures after the first ${BOUNDS.baselineMeasuresPerStudy} (${measures.length - BOUNDS.baselineMeasuresPerStudy}) left out.`,
      );
    return measures.slice(0, BOUNDS.baselineMeasuresPerStudy).map((bm, k) => {
      const path = `${base}.measures[${k}]`;
      const title = text(bm?.title) ?? `Baseline measure ${k + 1}`;
      const id = this.localKey(`b-${title}`, 'baseline', 48);
      const values = this.valuesOf(bm, path, `Baseline "${title}"`, ids, overall);
      if (values.length > BOUNDS.valuesPerBaselineMeasure)
        this.leftOut.push(
          `Baseline "${title}": ${values.length - BOUNDS.valuesPerBaselineMeasure} value(s) after the first ${BOUNDS.valuesPerBaselineMeasure} left out.`,
        );
      return {
        id,
        title,
        description: text(bm?.description)?.slice(0, 4000) ?? null,
        analysisPopulation:
          (text(bm?.populationDescription) ?? text(module.populationDescription))?.slice(0, 4000) ?? null,
        statistic: this.statisticOf(bm?.paramType, `Baseline "${title}"`),
        unitText: text(bm?.unitOfMeasure),
        values: values.slice(0, BOUNDS.valuesPerBaselineMeasure).map((v, n) => ({
          id: `${id}-v${n + 1}`,
          group: v.group,
          value: v.value,
          valueText: v.valueText,
          ci: v.ci,
          dispersion: v.dispersion,
          analysed: v.analysed,
          row: v.row,
          category: v.category,
          comment: v.comment,
          evidence: this.evidence(v.path, v.raw),
        })),
      };
    });
  }

  private adverseEventReporting(): Json {
    const module = this.r.resultsSection?.adverseEventsModule;
    if (!isObject(module)) return null;
    const reporting = {
      timeFrame: text(module.timeFrame)?.slice(0, 4000) ?? null,
      description: text(module.description)?.slice(0, 4000) ?? null,
      frequencyThreshold:
        typeof module.frequencyThreshold === 'number'
          ? String(module.frequencyThreshold)
          : text(module.frequencyThreshold),
    };
    return Object.values(reporting).every((v) => v === null) ? null : reporting;
  }

  private adverseEvents(groups: GroupRegistry): Json[] {
    const module = this.r.resultsSection?.adverseEventsModule;
    if (!isObject(module)) return [];
    const base = 'resultsSection.adverseEventsModule';
    const events = this.moduleGroups(groups, module.eventGroups, base, 'the event groups');
    list(module.eventGroups).forEach((g) => {
      const key = typeof g?.id === 'string' ? events.ids.get(g.id) : undefined;
      if (!key) return;
      groups.setTotals(key, {
        seriousAffected: countOf(g.seriousNumAffected),
        seriousAtRisk: countOf(g.seriousNumAtRisk),
        otherAffected: countOf(g.otherNumAffected),
        otherAtRisk: countOf(g.otherNumAtRisk),
        deathsAffected: countOf(g.deathsNumAffected),
        deathsAtRisk: countOf(g.deathsNumAtRisk),
      });
    });
    const results: Json[] = [];
    let noCount = 0;
    for (const [kind, seriousness] of [
      ['seriousEvents', 'SERIOUS'],
      ['otherEvents', 'OTHER'],
    ] as const) {
      list(module[kind]).forEach((event, e) => {
        const term = text(event?.term);
        list(event?.stats).forEach((s, j) => {
          const path = `${base}.${kind}[${e}].stats[${j}]`;
          if (!events.known(s?.groupId, `${path}.groupId`)) return;
          const patients = countOf(s.numAffected);
          if (!term || patients === null) return void (noCount += 1);
          if (results.length >= WINDOWS.adverseEventsPerStudy.max) return;
          const group = events.ids.get(s.groupId)!;
          results.push({
            id: this.localKey(`ae-${results.length + 1}`, 'ae'),
            term,
            gradeMin: null,
            gradeMax: null,
            arm: groups.armOf(group),
            group,
            patients,
            events: countOf(s.numEvents),
            percent: null,
            analysed: countOf(s.numAtRisk),
            armDifference: null,
            seriousness,
            organSystem: text(event.organSystem),
            assessmentType: text(event.assessmentType) ?? text(module.assessmentType),
            vocabulary: text(event.sourceVocabulary) ?? text(module.sourceVocabulary),
            evidence: {
              ...this.evidence(path, s),
              quote: quoteOf({ term: event.term, organSystem: event.organSystem, ...s }),
            },
          });
        });
      });
    }
    const rows = ['seriousEvents', 'otherEvents'].reduce(
      (n, kind) => n + list(module[kind]).reduce((s, e) => s + list(e?.stats).length, 0),
      0,
    );
    if (rows - noCount > WINDOWS.adverseEventsPerStudy.max)
      this.leftOut.push(`Adverse events: results after the first ${WINDOWS.adverseEventsPerStudy.max} left out.`);
    if (noCount > 0)
      this.leftOut.push(
        `Adverse events: ${noCount} result(s) without a term or a number of affected participants left out.`,
      );
    return results;
  }

  private publications(): Json[] {
    const refs = list(this.p.referencesModule?.references);
    const pubs: Json[] = [];
    refs.forEach((ref, i) => {
      const pmid = typeof ref?.pmid === 'string' && /^\d{1,9}$/.test(ref.pmid.trim()) ? ref.pmid.trim() : null;
      const citation = text(ref?.citation);
      if (!pmid && !citation) return;
      if (pubs.length >= BOUNDS.publicationsPerStudy)
        return void this.leftOut.push(
          `Reference ${i} (${pmid ? `PMID ${pmid}` : 'no PMID'}): beyond the ${BOUNDS.publicationsPerStudy} publications a study may have; left out.`,
        );
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
      if (!REFERENCE_ROLES[ref.type])
        this.leftOut.push(
          `Reference ${i}: type ${String(ref.type)} is not RESULT, BACKGROUND or DERIVED; loaded as BACKGROUND.`,
        );
    });
    return pubs;
  }

  private meshLeftOut() {
    const unused = [...this.meshes('conditionBrowseModule'), ...this.meshes('interventionBrowseModule')].filter(
      (m) => !this.usedMeshes.has(m.path),
    );
    if (unused.length > 0)
      this.leftOut.push(
        `MeSH terms of derivedSection that name no condition or intervention of the record (not added as codes): ${unused.map((m) => `${m.id} ${m.term}`).join('; ')}.`,
      );
  }

  private modulesLeftOut() {
    const present = (section: string, names: string[]) =>
      names.filter((n) => this.r[section]?.[n] !== undefined).map((n) => `${section}.${n}`);
    const modules = [
      ...present('protocolSection', ['descriptionModule', 'ipdSharingStatementModule', 'oversightModule']),
      ...present('resultsSection', ['moreInfoModule']),
      ...present('derivedSection', ['miscInfoModule']),
      ...present('documentSection', ['largeDocumentModule']),
    ];
    if (modules.length > 0) this.leftOut.push(`Not imported: ${modules.join(', ')}.`);
  }
}
