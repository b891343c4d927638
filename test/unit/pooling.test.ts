import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { EffectScale, pool, PoolingModel, scaledEstimate } from '../../src/pooling/pooling.math';

// Every figure of src/pooling/pooling.math.ts against statsmodels' combine_effects: the reference
// is test/fixtures/pooling-reference.json, written by test/fixtures/pooling-reference.py (see its
// header for how), not by this code. The seeded cases read their estimates from seeds/studies.

type Json = any;
const reference: Json = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'pooling-reference.json'), 'utf8'),
);

/** `actual` equals `expected` to `digits` significant digits (p-values span many orders of magnitude). */
const expectSame = (actual: number | null, expected: number | null, digits = 9) => {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  // Near 0 (Q of identical estimates: 0 here, 4e-15 in floating point there), absolutely.
  if (Math.abs(expected) < 1e-9) return expect(Math.abs(actual!)).toBeLessThan(1e-9);
  expect(Math.abs(actual! - expected) / Math.abs(expected)).toBeLessThan(10 ** -digits);
};

describe('pooling against statsmodels combine_effects', () => {
  it('has the cases the reference was made for', () => {
    expect(reference.generatedBy).toMatch(/statsmodels/);
    expect(reference.cases.map((c: Json) => c.name)).toEqual(
      expect.arrayContaining(['one study (k = 1)', 'identical estimates (tau2 = 0)', 'high heterogeneity']),
    );
  });

  for (const c of reference.cases as Json[])
    describe(c.name, () => {
      const scale = c.scale as EffectScale;
      const studies = c.studies.map((s: Json) =>
        scaledEstimate(scale, { estimate: s.estimate, lower: s.lower, upper: s.upper, level: s.level }),
      );

      it('derives each standard error from its interval at its level', () => {
        studies.forEach((s: { se: number }, i: number) => expectSame(s.se, c.se[i]));
      });

      for (const r of c.results as Json[])
        it(`${r.model}: estimate, interval, z, p, heterogeneity, prediction interval and weights`, () => {
          const pooled = pool(scale, studies, r.model as PoolingModel);
          expect(pooled.k).toBe(r.k);
          for (const key of ['y', 'se', 'estimate', 'lower', 'upper', 'z', 'q', 'tau2', 'i2'])
            expectSame(pooled[key as keyof typeof pooled] as number, r[key]);
          // p of the pooled effect and of Q, to 9 significant digits too (scipy's tails against stdlib's).
          expectSame(pooled.p, r.p, 9);
          expectSame(pooled.pQ, r.pQ ?? null, 9);
          expect(pooled.df).toBe(r.df);
          if (r.prediction) {
            expectSame(pooled.prediction!.lower, r.prediction.lower);
            expectSame(pooled.prediction!.upper, r.prediction.upper);
          } else expect(pooled.prediction).toBeNull();
          pooled.weights.forEach((w, i) => expectSame(w, r.weights[i]));
          // The figure a reader sees: 3 decimals on the ratio scale.
          expect(pooled.estimate.toFixed(3)).toBe(r.estimate.toFixed(3));
        });
    });
});

describe('standard errors from confidence intervals', () => {
  it('uses the width of the interval on the log scale for ratios, at the stated level', () => {
    // ln(0.67 / 0.35) / (2 × 1.959964) for RADIANT-4's 0.48 (0.35–0.67).
    expect(scaledEstimate('RATIO', { estimate: 0.48, lower: 0.35, upper: 0.67, level: 0.95 }).se).toBeCloseTo(
      Math.log(0.67 / 0.35) / (2 * 1.959963984540054),
      12,
    );
    // A 90 % interval of the same width means a smaller standard error (z = 1.644854).
    expect(scaledEstimate('RATIO', { estimate: 0.48, lower: 0.35, upper: 0.67, level: 0.9 }).se).toBeCloseTo(
      Math.log(0.67 / 0.35) / (2 * 1.6448536269514722),
      12,
    );
    expect(scaledEstimate('DIFFERENCE', { estimate: -2, lower: -3, upper: -1, level: 0.95 })).toEqual({
      y: -2,
      se: expect.closeTo(1 / 1.959963984540054, 12),
    });
  });

  it('refuses intervals that cannot be one', () => {
    expect(() => scaledEstimate('RATIO', { estimate: 0.5, lower: 0.6, upper: 0.9, level: 0.95 })).toThrow(
      /does not hold/,
    );
    expect(() => scaledEstimate('RATIO', { estimate: 0.5, lower: 0, upper: 0.9, level: 0.95 })).toThrow(/above 0/);
    expect(() => scaledEstimate('RATIO', { estimate: 0.5, lower: 0.3, upper: 0.9, level: 95 })).toThrow(
      /between 0 and 1/,
    );
    expect(() => scaledEstimate('DIFFERENCE', { estimate: 1, lower: 1, upper: 1, level: 0.95 })).toThrow(
      /does not hold/,
    );
    expect(() => pool('RATIO', [], 'FIXED')).toThrow(/nothing to pool/);
  });
});
