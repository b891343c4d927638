import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { startTestServer, TestServer } from '../support/server';

// poolEstimates over HTTP on the seeded trials, against the figures statsmodels gives for the
// same comparisons (test/fixtures/pooling-reference.json, written by pooling-reference.py).

jest.setTimeout(120_000);

type Json = any;
const reference: Json = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'pooling-reference.json'), 'utf8'),
);
const referenceCase = (name: string) => reference.cases.find((c: Json) => c.name.startsWith(name));

const POOL = `
query Pool($concept: ID!, $measure: EffectMeasure!, $studies: [ID!], $where: StudyWhere, $model: PoolingModel, $comparisons: [ID!], $assumed: Float) {
  poolEstimates(outcomeConcept: $concept, effectMeasure: $measure, studies: $studies, where: $where, model: $model, comparisons: $comparisons, assumedCiLevel: $assumed) {
    model effectMeasure k estimate ci { level lower upper } z p
    heterogeneity { q df p tau2 i2 }
    predictionInterval { level lower upper }
    included { study { id acronym } comparison { id estimate ci { level lower upper } evidence { quote } } standardError ciLevelAssumed weight }
    excluded { study { id } comparison { id effectMeasure } reason }
  }
}`;

describe('poolEstimates', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const pool = async (variables: Record<string, unknown>) => {
    const { status, body } = await server.graphql(POOL, {
      concept: 'progression-free-survival',
      measure: 'HAZARD_RATIO',
      ...variables,
    });
    expect(status).toBe(200);
    return body as Json;
  };

  it('pools the everolimus PFS hazard ratios (RADIANT-2, -3, -4) as statsmodels does, in one round trip, at the 95 % level their publications state', async () => {
    const ref = referenceCase('everolimus PFS');
    expect(ref.studies.map((s: Json) => [s.label, s.level, s.levelAssumed])).toEqual([
      ['radiant-2/pfs-everolimus-vs-placebo', 0.95, false],
      ['radiant-3/pfs-everolimus-vs-placebo', 0.95, false],
      ['radiant-4/pfs-everolimus-vs-placebo', 0.95, false],
    ]);
    for (const r of ref.results) {
      // No assumedCiLevel: each of the three publications states the level of its interval.
      const body = await pool({ studies: ['radiant-2', 'radiant-3', 'radiant-4'], model: r.model });
      expect(body.errors).toBeUndefined();
      expect(body.extensions.cost.dbRoundTrips).toBe(1);
      const p = body.data.poolEstimates;
      expect(p).toMatchObject({ model: r.model, effectMeasure: 'HAZARD_RATIO', k: 3 });
      expect(p.estimate).toBeCloseTo(r.estimate, 6);
      expect(p.ci.lower).toBeCloseTo(r.lower, 6);
      expect(p.ci.upper).toBeCloseTo(r.upper, 6);
      expect(p.z).toBeCloseTo(r.z, 6);
      expect(p.heterogeneity.q).toBeCloseTo(r.q, 6);
      expect(p.heterogeneity.tau2).toBeCloseTo(r.tau2, 6);
      expect(p.heterogeneity.i2).toBeCloseTo(r.i2 * 100, 4);
      if (r.prediction) {
        expect(p.predictionInterval.lower).toBeCloseTo(r.prediction.lower, 6);
        expect(p.predictionInterval.upper).toBeCloseTo(r.prediction.upper, 6);
      } else expect(p.predictionInterval).toBeNull();
      // Every comparison pooled keeps its numbers and their quoted source, which states the 95 % level: none is assumed.
      expect(p.included.map((c: Json) => c.study.id).sort()).toEqual(['radiant-2', 'radiant-3', 'radiant-4']);
      expect(p.excluded).toEqual([]);
      for (const c of p.included) {
        expect(c.ciLevelAssumed).toBe(false);
        expect(c.comparison.ci.level).toBe(95);
        expect(c.comparison.evidence.length).toBeGreaterThan(0);
        expect(c.comparison.evidence[0].quote).toContain('**95 % CI**');
      }
      expect(p.included.reduce((n: number, c: Json) => n + c.weight, 0)).toBeCloseTo(100, 9);
      const weightOf = (id: string) => p.included.find((c: Json) => c.study.id === id).weight;
      ref.studies.forEach((s: Json, i: number) =>
        expect(weightOf(s.label.split('/')[0])).toBeCloseTo(r.weights[i] * 100, 6),
      );
    }
  });

  it('pools the 177Lu-Dotatate PFS hazard ratios (NETTER-1, NETTER-2): the stated 95 % level is used, the missing one assumed and marked', async () => {
    const ref = referenceCase('177Lu-Dotatate PFS');
    const body = await pool({ studies: ['netter-1', 'netter-2'], model: 'FIXED', assumed: 95 });
    expect(body.errors).toBeUndefined();
    const p = body.data.poolEstimates;
    expect(p.estimate).toBeCloseTo(ref.results[0].estimate, 6);
    expect(Object.fromEntries(p.included.map((c: Json) => [c.study.id, c.ciLevelAssumed]))).toEqual({
      'netter-1': false,
      'netter-2': true,
    });
    // Two studies: no prediction interval.
    expect(p.predictionInterval).toBeNull();
  });

  it('refuses to pool when fewer than 2 comparisons are usable, listing every exclusion', async () => {
    // The overall-survival hazard ratios of RADIANT-2 (final analysis, crude and covariate-adjusted) and
    // RADIANT-4 (first interim analysis): no source states the level of their intervals, so without
    // assumedCiLevel none is usable.
    const body = await pool({ concept: 'overall-survival', studies: ['radiant-2', 'radiant-4'] });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('TOO_FEW_COMPARISONS');
    expect(body.errors[0].extensions.excluded).toEqual([
      { comparison: 'radiant-2/os-final-everolimus-vs-placebo', study: 'radiant-2', reason: 'CI_LEVEL_UNKNOWN' },
      {
        comparison: 'radiant-2/os-final-everolimus-vs-placebo-adjusted',
        study: 'radiant-2',
        reason: 'CI_LEVEL_UNKNOWN',
      },
      { comparison: 'radiant-4/os-interim-everolimus-vs-placebo', study: 'radiant-4', reason: 'CI_LEVEL_UNKNOWN' },
    ]);
    expect(body.errors[0].message).toMatch(/0 comparison\(s\).*at least 2/);
    // The everolimus PFS hazard ratios, whose level is stated, pool without it.
    expect((await pool({ studies: ['radiant-2', 'radiant-3', 'radiant-4'] })).data.poolEstimates.k).toBe(3);
  });

  it('takes one comparison per study: the first of the outcome by default, the one named in `comparisons` otherwise', async () => {
    const ask = (comparisons?: string[]) =>
      server
        .graphql(POOL, {
          concept: 'overall-survival',
          measure: 'HAZARD_RATIO',
          studies: ['radiant-2', 'radiant-3'],
          assumed: 95,
          comparisons,
        })
        .then((r) => r.body as Json);
    const byDefault = await ask();
    expect(byDefault.errors).toBeUndefined();
    expect(byDefault.data.poolEstimates.included.map((c: Json) => c.comparison.id).sort()).toEqual([
      'radiant-2/os-final-everolimus-vs-placebo',
      'radiant-3/os-final-everolimus-vs-placebo',
    ]);
    expect(byDefault.data.poolEstimates.excluded).toEqual([
      {
        study: { id: 'radiant-2' },
        comparison: { id: 'radiant-2/os-final-everolimus-vs-placebo-adjusted', effectMeasure: 'HAZARD_RATIO' },
        reason: 'NOT_CHOSEN_FOR_STUDY',
      },
    ]);
    const adjusted = await ask(['radiant-2/os-final-everolimus-vs-placebo-adjusted']);
    expect(adjusted.data.poolEstimates.included.map((c: Json) => c.comparison.id).sort()).toEqual([
      'radiant-2/os-final-everolimus-vs-placebo-adjusted',
      'radiant-3/os-final-everolimus-vs-placebo',
    ]);
    expect(adjusted.data.poolEstimates.estimate).not.toBeCloseTo(byDefault.data.poolEstimates.estimate, 6);
    const both = await ask([
      'radiant-2/os-final-everolimus-vs-placebo',
      'radiant-2/os-final-everolimus-vs-placebo-adjusted',
    ]);
    expect(both.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'comparisons' });
    const unknown = await ask(['radiant-3/pfs-everolimus-vs-placebo']);
    expect(unknown.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'comparisons' });
  });

  it("leaves out a hazard ratio given without an interval (NETTER-1 interim OS 0.40, P = 0.004) as NO_CI and pools the study's next one", async () => {
    const body = await pool({ concept: 'overall-survival', studies: ['netter-1', 'radiant-3'], assumed: 95 });
    expect(body.errors).toBeUndefined();
    const p = body.data.poolEstimates;
    expect(p.included.map((c: Json) => [c.comparison.id, c.comparison.estimate, c.ciLevelAssumed]).sort()).toEqual([
      ['netter-1/os-final-lutetium-vs-control', 0.84, true],
      ['radiant-3/os-final-everolimus-vs-placebo', 0.94, false],
    ]);
    expect(p.excluded).toEqual([
      {
        study: { id: 'netter-1' },
        comparison: { id: 'netter-1/os-interim-lutetium-vs-control', effectMeasure: 'HAZARD_RATIO' },
        reason: 'NO_CI',
      },
    ]);
  });

  it('filters studies with `where` as `studies` does', async () => {
    // The seeded PFS hazard ratios of pancreatic NET studies: CLARINET, RADIANT-3 and the sunitinib trial (RADIANT-4 is of lung and GI NETs).
    const body = await pool({ where: { conditionIds: ['pancreatic-net'] }, assumed: 95 });
    expect(body.errors).toBeUndefined();
    expect(body.data.poolEstimates.included.map((c: Json) => c.study.id).sort()).toEqual([
      'clarinet',
      'radiant-3',
      'sunitinib-pnet-a6181111',
    ]);
  });

  it('answers NOT_FOUND for an unknown concept and BAD_USER_INPUT for a huge list of studies', async () => {
    const missing = await pool({ concept: 'no-such-concept' });
    expect(missing.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'outcomeConcept' });
    const huge = await pool({ studies: Array.from({ length: 101 }, (_, i) => `s${i}`) });
    expect(huge.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'studies' });
    const level = await pool({ assumed: 950 });
    expect(level.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'assumedCiLevel' });
    // A level written as a fraction is refused by name, not read as 0.95 % (an interval of nonsense width).
    const fraction = await pool({ assumed: 0.95 });
    expect(fraction.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'assumedCiLevel' });
    expect(fraction.errors[0].message).toContain('give 95 for a 95 % level, not the fraction 0.95');
  });

  describe('the forest plot', () => {
    const get = async (query: string) => {
      const res = await fetch(`${server.url.replace(/\/graphql$/, '')}/plots/forest.svg?${query}`);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };

    it('is the SVG of poolEstimates at its plotUrl, one row per pooled study', async () => {
      const body = await pool({ studies: ['radiant-2', 'radiant-3', 'radiant-4'] });
      const { plotUrl, estimate } = (
        await server.graphql(
          'query($s: [ID!]) { poolEstimates(outcomeConcept: "progression-free-survival", effectMeasure: HAZARD_RATIO, studies: $s) { plotUrl estimate } }',
          { s: ['radiant-2', 'radiant-3', 'radiant-4'] },
        )
      ).body.data.poolEstimates;
      expect(estimate).toBeCloseTo(body.data.poolEstimates.estimate, 12);
      expect(plotUrl).toBe(
        '/plots/forest.svg?outcomeConcept=progression-free-survival&effectMeasure=HAZARD_RATIO&model=RANDOM_DERSIMONIAN_LAIRD&studies=radiant-2%2Cradiant-3%2Cradiant-4',
      );
      const svg = await get(plotUrl.split('?')[1]);
      expect(svg.status).toBe(200);
      expect(svg.type).toMatch(/^image\/svg\+xml/);
      expect(svg.text.match(/<g class="study">/g)).toHaveLength(3);
      // Each level is stated: no row carries the mark of an assumed level.
      for (const acronym of ['RADIANT-2', 'RADIANT-3', 'RADIANT-4']) {
        expect(svg.text).toContain(acronym);
        expect(svg.text).not.toContain(`${acronym} †`);
      }
      expect(svg.text).not.toContain('The source states no confidence level');
      expect(svg.text).toContain(`${estimate.toFixed(2)} (`);
      expect(svg.text).toContain('Progression-free survival: Hazard ratio, 3 studies');
    });

    it('answers bad parameters with 400, an unknown concept with 404 and too few comparisons with 422, each with its code', async () => {
      const missing = await get('effectMeasure=HAZARD_RATIO');
      expect(missing.status).toBe(400);
      expect(JSON.parse(missing.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const badEnum = await get('outcomeConcept=progression-free-survival&effectMeasure=MEDIAN_RATIO');
      expect(badEnum.status).toBe(400);
      expect(JSON.parse(badEnum.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const unknown = await get('outcomeConcept=no-such-concept&effectMeasure=HAZARD_RATIO');
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.text).errors[0].extensions.code).toBe('NOT_FOUND');
      const few = await get('outcomeConcept=overall-survival&effectMeasure=HAZARD_RATIO&studies=radiant-2,radiant-4');
      expect(few.status).toBe(422);
      expect(JSON.parse(few.text).errors[0].extensions).toMatchObject({
        code: 'TOO_FEW_COMPARISONS',
        excluded: expect.any(Array),
      });
    });
  });
});
