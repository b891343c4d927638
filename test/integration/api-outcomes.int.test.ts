import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { startTestServer, TestServer } from '../support/server';

// compareOutcome and predictorEvidence over HTTP, checked against the seed files.

// The machine running the tests may be slow and busy: generous time for each test and hook.
jest.setTimeout(180_000);

type Json = any;
const STUDY_FILES: Json[] = fs
  .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'studies', f), 'utf8')));

/** Every measurement of an outcome of `concept` in the seed files, as "<study>/<measurement>". */
function measurementsOf(concept: string, keep: (m: Json) => boolean = () => true): string[] {
  return STUDY_FILES.flatMap((file) =>
    file.outcomes
      .filter((o: Json) => o.concept === concept)
      .flatMap((o: Json) => o.measurements.filter(keep).map((m: Json) => `${file.study.id}/${m.id}`)),
  ).sort();
}

const SEED_PROGNOSTIC_QUOTE =
  'Age, gender, previous resection of the primary tumor or liver metastases, extent of liver involvement, and concomitant treatment with somatostatin analogues were not associated with changes in PFS, whereas elevated baseline urinary 5-HIAA and serum chromogranin A levels were associated with shorter PFS.';

const COMPARE = `
query Compare($concept: ID!, $condition: ID, $includeNarrower: Boolean, $statistic: Statistic, $timePoint: TimePointInput, $first: Int, $after: String) {
  compareOutcome(outcomeConcept: $concept, condition: $condition, includeNarrower: $includeNarrower, statistic: $statistic, timePoint: $timePoint, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      study { id year }
      outcome { id concept { id } }
      arm { id label }
      measurement { id statistic value unit timePoint { value unit } evidence { quote } }
      comparisons { id p { value text } estimate treatmentArm { id } referenceArm { id } }
    } }
  }
}`;

describe('compareOutcome and predictorEvidence over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** The whole table in one page (40 rows hold the largest table, PFS, within the request cost limit). */
  async function compare(variables: Record<string, unknown>): Promise<Json> {
    const { status, body } = await server.graphql(COMPARE, { first: 40, ...variables });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const result = body.data.compareOutcome;
    expect(result.totalCount).toBe(result.edges.length);
    return result.edges.map((e: Json) => e.node);
  }
  const ids = (rows: Json[]) => rows.map((r) => r.measurement.id).sort();
  const studies = (rows: Json[]) => [...new Set(rows.map((r) => r.study.id))].sort();

  describe('compareOutcome', () => {
    it('compares progression-free survival across the eight trials that measure it, one row per measurement', async () => {
      const rows = await compare({ concept: 'progression-free-survival' });
      expect(ids(rows)).toEqual(measurementsOf('progression-free-survival'));
      expect(studies(rows).length).toBeGreaterThanOrEqual(5);
      expect(studies(rows)).toEqual([
        'clarinet',
        'hae-vs-hace-midgut',
        'netter-1',
        'netter-2',
        'radiant-2',
        'radiant-3',
        'radiant-4',
        'sunitinib-pnet-a6181111',
      ]);
      for (const row of rows) {
        expect(row.outcome.concept.id).toBe('progression-free-survival');
        expect(row.measurement.evidence.length).toBeGreaterThan(0);
      }
    });

    it('orders rows by study year (the undated seed trial last), then study', async () => {
      const rows = await compare({ concept: 'progression-free-survival' });
      const order = [...new Set(rows.map((r: Json) => r.study.id))];
      expect(order).toEqual([
        'radiant-2',
        'radiant-3',
        'sunitinib-pnet-a6181111',
        'clarinet',
        'radiant-4',
        'netter-1',
        'netter-2',
        'hae-vs-hace-midgut',
      ]);
    });

    it('gives the seed trial rows 38% (HACE) and 44% (HAE) at 2 years, each with the comparison p = 0.90', async () => {
      const rows = (await compare({ concept: 'progression-free-survival' })).filter(
        (r: Json) => r.study.id === 'hae-vs-hace-midgut',
      );
      expect(
        rows.map((r: Json) => [
          r.arm.label.split(' ')[0],
          r.measurement.value,
          r.measurement.unit,
          r.measurement.timePoint,
        ]),
      ).toEqual([
        ['HACE', 38, 'PERCENT', { value: 2, unit: 'YEARS' }],
        ['HAE', 44, 'PERCENT', { value: 2, unit: 'YEARS' }],
      ]);
      for (const row of rows) {
        expect(row.comparisons).toEqual([
          {
            id: 'hae-vs-hace-midgut/pfs-2y-hace-vs-hae',
            p: { value: 0.9, text: 'p = 0.90' },
            estimate: null,
            treatmentArm: { id: 'hae-vs-hace-midgut/hace' },
            referenceArm: { id: 'hae-vs-hace-midgut/hae' },
          },
        ]);
        expect(row.measurement.evidence[0].quote).toBe(
          'The 2-year PFS rates were 38 and 44% in the HACE and HAE arms, respectively (p = 0.90).',
        );
      }
    });

    it('gives NETTER-1 its hazard ratio 0.21 on every row of both arms (rate at month 20, median, events)', async () => {
      const rows = (await compare({ concept: 'progression-free-survival' })).filter(
        (r: Json) => r.study.id === 'netter-1',
      );
      expect(rows.length).toBe(6);
      expect(
        rows
          .filter((r: Json) => r.measurement.unit === 'EVENTS')
          .map((r: Json) => [r.measurement.id, r.measurement.value])
          .sort(),
      ).toEqual([
        ['netter-1/pfs-events-control', 68],
        ['netter-1/pfs-events-lutetium', 23],
      ]);
      for (const row of rows) expect(row.comparisons.map((c: Json) => c.estimate)).toEqual([0.21]);
    });

    it('narrows to a statistic and to a time point, 2 years being 24 months', async () => {
      const medians = await compare({ concept: 'progression-free-survival', statistic: 'MEDIAN' });
      expect(ids(medians)).toEqual(measurementsOf('progression-free-survival', (m) => m.statistic === 'MEDIAN'));
      const twoYears = await compare({ concept: 'progression-free-survival', timePoint: { value: 2, unit: 'YEARS' } });
      const months24 = await compare({
        concept: 'progression-free-survival',
        timePoint: { value: 24, unit: 'MONTHS' },
      });
      expect(ids(twoYears)).toEqual([
        'clarinet/pfs-24m-lanreotide',
        'clarinet/pfs-24m-placebo',
        'hae-vs-hace-midgut/pfs-2y-hace',
        'hae-vs-hace-midgut/pfs-2y-hae',
      ]);
      expect(ids(months24)).toEqual(ids(twoYears));
      expect(twoYears.map((r: Json) => r.measurement.value).sort((a: number, b: number) => a - b)).toEqual([
        33, 38, 44, 65.1,
      ]);
      expect(
        ids(await compare({ concept: 'progression-free-survival', timePoint: { value: 20, unit: 'MONTHS' } })),
      ).toEqual(['netter-1/pfs-20m-control', 'netter-1/pfs-20m-lutetium']);
      const months18 = await compare({
        concept: 'progression-free-survival',
        timePoint: { value: 18, unit: 'MONTHS' },
      });
      expect(months18.map((r: Json) => [r.measurement.id, r.measurement.value]).sort()).toEqual([
        ['radiant-3/pfs-18m-everolimus', 34],
        ['radiant-3/pfs-18m-placebo', 9],
      ]);
    });

    it('narrows to a condition, with or without its narrower conditions', async () => {
      expect(studies(await compare({ concept: 'progression-free-survival', condition: 'midgut-net' }))).toEqual([
        'clarinet',
        'hae-vs-hace-midgut',
        'netter-1',
      ]);
      expect(
        studies(
          await compare({ concept: 'progression-free-survival', condition: 'midgut-net', includeNarrower: false }),
        ),
      ).toEqual(['clarinet', 'netter-1']);
      expect(studies(await compare({ concept: 'overall-survival', condition: 'pancreatic-net' }))).toEqual([
        'radiant-3',
        'sunitinib-pnet-a6181111',
      ]);
    });

    it('gives a whole-cohort row without an arm (disease control 95% in the seed trial)', async () => {
      const rows = await compare({ concept: 'disease-control-rate' });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        study: { id: 'hae-vs-hace-midgut' },
        arm: null,
        measurement: { value: 95, unit: 'PERCENT' },
        comparisons: [],
      });
    });

    it('pages the table without gaps or repeats', async () => {
      const all = ids(await compare({ concept: 'progression-free-survival' }));
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 30; i += 1) {
        const { body }: Json = await server.graphql(COMPARE, { concept: 'progression-free-survival', first: 5, after });
        expect(body.errors).toBeUndefined();
        const page = body.data.compareOutcome;
        expect(page.totalCount).toBe(all.length);
        seen.push(...page.edges.map((e: Json) => e.node.measurement.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen.length).toBe(all.length);
      expect([...seen].sort()).toEqual(all);
    });

    it('gives the same rows in the same order whichever plan reads the page (small pages walk studies in year-key order)', async () => {
      // With first: 1 the statement walks the studies in yearKey index order ((outcomes of PFS)² >
      // (skip + 2) × 9 studies) until later pages pass the threshold; first: 40 reads every row from the concept.
      const whole = (await compare({ concept: 'progression-free-survival' })).map((r: Json) => r.measurement.id);
      const walked: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 60; i += 1) {
        const { body }: Json = await server.graphql(COMPARE, { concept: 'progression-free-survival', first: 1, after });
        expect(body.errors).toBeUndefined();
        walked.push(...body.data.compareOutcome.edges.map((e: Json) => e.node.measurement.id));
        if (!body.data.compareOutcome.pageInfo.hasNextPage) break;
        after = body.data.compareOutcome.pageInfo.endCursor;
      }
      expect(walked).toEqual(whole);
    });

    it('gives an empty table, not an error, for a known concept without measurements', async () => {
      const { body } = await server.graphql(COMPARE, { concept: 'adverse-events' });
      expect(body.errors).toBeUndefined();
      expect(body.data.compareOutcome).toMatchObject({ totalCount: 0, edges: [] });
    });
  });

  describe('predictorEvidence', () => {
    const EVIDENCE = `
    query E($predictor: ID!, $associated: Boolean) {
      predictorEvidence(predictor: $predictor, associated: $associated) {
        predictor { id name kind }
        associatedCount notAssociatedCount studyCount
        findings { totalCount edges { node {
          id associated direction directionText contrast analysisType effectMeasure estimate ci { lower upper } p { text }
          study { id } outcome { id name } outcomeConcept { id } predictor { id }
          evidence { quote document { id } }
        } } }
      }
    }`;
    async function evidence(predictor: string, associated?: boolean): Promise<Json> {
      const { status, body } = await server.graphql(EVIDENCE, { predictor, associated });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      return body.data.predictorEvidence;
    }

    it('finds urinary 5-HIAA associated with shorter PFS in the seed trial, with its quote', async () => {
      const result = await evidence('urinary-5-hiaa');
      expect(result).toMatchObject({
        predictor: { id: 'urinary-5-hiaa', name: 'Urinary 5-HIAA', kind: 'BIOMARKER' },
        associatedCount: 1,
        notAssociatedCount: 0,
        studyCount: 1,
        findings: { totalCount: 1 },
      });
      expect(result.findings.edges[0].node).toEqual({
        id: 'hae-vs-hace-midgut/urinary-5-hiaa-pfs',
        associated: true,
        direction: 'WORSE_OUTCOME',
        directionText: 'shorter PFS',
        contrast: 'elevated baseline',
        analysisType: 'NOT_REPORTED',
        effectMeasure: null,
        estimate: null,
        ci: null,
        p: null,
        study: { id: 'hae-vs-hace-midgut' },
        // "associated with shorter PFS": about PFS over time, not one end point of the study.
        outcome: null,
        outcomeConcept: { id: 'progression-free-survival' },
        predictor: { id: 'urinary-5-hiaa' },
        evidence: [{ quote: SEED_PROGNOSTIC_QUOTE, document: { id: 'seed-abstract' } }],
      });
    });

    it('finds chromogranin A associated and age not associated, in the seed trial', async () => {
      const cga = await evidence('serum-chromogranin-a');
      expect(cga).toMatchObject({ associatedCount: 1, notAssociatedCount: 0, studyCount: 1 });
      expect(cga.findings.edges[0].node).toMatchObject({
        associated: true,
        direction: 'WORSE_OUTCOME',
        directionText: 'shorter PFS',
      });
      const age = await evidence('age');
      expect(age).toMatchObject({ associatedCount: 0, notAssociatedCount: 1, studyCount: 1 });
      expect(age.findings.edges[0].node).toMatchObject({
        associated: false,
        direction: null,
        evidence: [{ quote: SEED_PROGNOSTIC_QUOTE }],
      });
    });

    it('gathers both findings about hepatic tumour burden: not associated with PFS (seed), shorter OS with HR 2.49 (PROMID)', async () => {
      const all = await evidence('hepatic-tumour-burden');
      expect(all).toMatchObject({
        associatedCount: 1,
        notAssociatedCount: 1,
        studyCount: 2,
        findings: { totalCount: 2 },
      });
      const notAssociated = await evidence('hepatic-tumour-burden', false);
      expect(notAssociated.findings.edges.map((e: Json) => [e.node.study.id, e.node.associated])).toEqual([
        ['hae-vs-hace-midgut', false],
      ]);
      expect(notAssociated).toMatchObject({
        associatedCount: 1,
        notAssociatedCount: 1,
        studyCount: 2,
        findings: { totalCount: 1 },
      });
      const associated = await evidence('hepatic-tumour-burden', true);
      expect(associated.findings.edges.map((e: Json) => e.node)).toEqual([
        expect.objectContaining({
          study: { id: 'promid' },
          associated: true,
          direction: 'WORSE_OUTCOME',
          effectMeasure: 'HAZARD_RATIO',
          estimate: 2.49,
          ci: { lower: 1.36, upper: 4.55 },
          p: { text: 'p = 0.002' },
        }),
      ]);
    });
  });
});
