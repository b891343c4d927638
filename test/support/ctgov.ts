import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { Catalog, CatalogConcept } from '../../src/ctgov/ctgov.match';

/* eslint-disable @typescript-eslint/no-explicit-any */
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
    studies: studies.map((s: any) => ({ id: s.id, origin: s.origin ?? 'CURATED', nctIds: s.registryIds.filter((r: any) => r.registry === 'CLINICALTRIALS_GOV').map((r: any) => r.id) })),
  };
}
