import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { Catalog, CatalogConcept } from '../../src/ctgov/ctgov.match';

export const CTGOV_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'ctgov');

/** A constructed v2 record of test/fixtures/ctgov/ (a fresh copy each time). */
export function ctgovFixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(CTGOV_FIXTURES, name), 'utf8'));
}

/** The catalog the curated seeds make: seeds/vocabulary.json and the NCT ids of seeds/studies/. */
export function seedCatalog(): Catalog {
  const v = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'vocabulary.json'), 'utf8'));
  const concept = (c: any): CatalogConcept => ({
    id: c.id,
    name: c.name,
    synonyms: c.synonyms ?? [],
    codes: (c.codes ?? []).map((k: any) => ({ display: null, source: null, ...k })),
    curation: c.curation ?? 'CURATED',
    broader: c.broader ?? [],
    ...(c.kind !== undefined ? { kind: c.kind } : {}),
    ...('abbreviation' in c ? { abbreviation: c.abbreviation } : {}),
  });
  const dir = path.join(REPO_ROOT, 'seeds', 'studies');
  const studies = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).study);
  return {
    conditions: v.conditions.map(concept),
    interventions: v.interventions.map(concept),
    outcomeConcepts: v.outcomeConcepts.map(concept),
    studies: studies.map((s: any) => ({
      id: s.id,
      origin: s.origin ?? 'CURATED',
      nctIds: s.registryIds.filter((r: any) => r.registry === 'CLINICALTRIALS_GOV').map((r: any) => r.id),
    })),
  };
}

export const REAL_RECORDS = ['NCT02552212', 'NCT02210780', 'NCT05594173'] as const;

/** A real v2 record of test/fixtures/ctgov-real/ (saved unchanged from ClinicalTrials.gov; a fresh copy each time). */
export function realRecord(nctId: string): any {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'ctgov-real', `${nctId}.json`), 'utf8'));
}

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const hasValue = (m: any) => typeof m?.value === 'number' || (typeof m?.value === 'string' && m.value.trim() !== '');

/**
 * What a record holds, counted by walking its JSON (independently of the importer): the counts
 * the graph must hold after an import.
 */
export function recordCounts(record: any) {
  const results = record.resultsSection ?? {};
  const measures = list(results.outcomeMeasuresModule?.outcomeMeasures);
  const valuesOf = (m: any) =>
    list(m.classes).flatMap((c: any) => list(c.categories).flatMap((k: any) => list(k.measurements).filter(hasValue)));
  const ae = results.adverseEventsModule ?? {};
  const flow = results.participantFlowModule ?? {};
  const baseline = results.baselineCharacteristicsModule ?? {};
  const protocolOutcomes = ['primaryOutcomes', 'secondaryOutcomes', 'otherOutcomes'].flatMap((k) =>
    list(record.protocolSection.outcomesModule?.[k]),
  );
  const titles = new Set(measures.map((m: any) => String(m.title).trim().toLowerCase()));
  return {
    outcomes:
      measures.length + protocolOutcomes.filter((o: any) => !titles.has(String(o.measure).trim().toLowerCase())).length,
    outcomeMeasures: measures.length,
    measurements: measures.reduce((n: number, m: any) => n + valuesOf(m).length, 0),
    perMeasure: measures.map((m: any) => valuesOf(m).length),
    analyses: measures.reduce((n: number, m: any) => n + list(m.analyses).length, 0),
    adverseEvents: [...list(ae.seriousEvents), ...list(ae.otherEvents)].reduce(
      (n: number, e: any) => n + list(e.stats).filter((s: any) => s.numAffected !== undefined).length,
      0,
    ),
    flowCounts: list(flow.periods).reduce(
      (n: number, p: any) =>
        n +
        list(p.milestones).reduce((s: number, m: any) => s + list(m.achievements).length, 0) +
        list(p.dropWithdraws).reduce((s: number, d: any) => s + list(d.reasons).length, 0),
      0,
    ),
    baselineMeasures: list(baseline.measures).length,
    baselineValues: list(baseline.measures).reduce((n: number, m: any) => n + valuesOf(m).length, 0),
    eventGroups: list(ae.eventGroups).length,
  };
}
