// Inverse-variance pooling of effect estimates across studies: the fixed-effect model and the
// random-effects model with the DerSimonian–Laird estimate of τ², Cochran's Q, I² and the
// prediction interval. Pure: numbers in, numbers out. Ratios (HR, OR, RR) are pooled on the
// log scale and given back on the ratio scale; differences on their own scale. Distribution
// functions come from stdlib (@stdlib/stats-base-dists-*, and the upper regularized incomplete
// gamma function for the χ² tail); test/unit/pooling.test.ts checks every
// figure against statsmodels' combine_effects (test/fixtures/pooling-reference.json).
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** How an effect measure is pooled: ratios on the log scale, differences as they are. */
export type EffectScale = 'RATIO' | 'DIFFERENCE';

export type PoolingModel = 'FIXED' | 'RANDOM_DERSIMONIAN_LAIRD';

/** One study's estimate with a two-sided confidence interval at `level` (0 < level < 1, e.g. 0.95). */
export interface IntervalEstimate {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
}

/** An estimate on the pooling scale (log for ratios) with its standard error. */
export interface ScaledEstimate {
  y: number;
  se: number;
}

const toScale = (scale: EffectScale, value: number) => (scale === 'RATIO' ? Math.log(value) : value);
const fromScale = (scale: EffectScale, value: number) => (scale === 'RATIO' ? Math.exp(value) : value);
/** The two-sided standard normal quantile for confidence `level`: 1.959964 for 0.95. */
const zFor = (level: number) => normalQuantile(1 - (1 - level) / 2, 0, 1);

/**
 * The estimate on the pooling scale and its standard error from its two-sided confidence
 * interval: SE = (g(upper) − g(lower)) / (2 z), g the log for ratios. The interval's width is
 * used rather than the distance from the estimate to one bound, so that a rounded estimate
 * does not skew it. Throws on an interval that cannot be one (a bound on the wrong side, a ratio
 * not above 0, a level outside (0, 1)).
 */
export function scaledEstimate(scale: EffectScale, e: IntervalEstimate): ScaledEstimate {
  if (!(e.level > 0 && e.level < 1)) throw new RangeError(`confidence level ${e.level} is not between 0 and 1`);
  if (scale === 'RATIO' && !(e.lower > 0 && e.estimate > 0 && e.upper > 0))
    throw new RangeError('a ratio and its interval must be above 0');
  if (!(e.lower <= e.estimate && e.estimate <= e.upper && e.lower < e.upper))
    throw new RangeError(`interval ${e.lower}–${e.upper} does not hold ${e.estimate}`);
  return {
    y: toScale(scale, e.estimate),
    se: (toScale(scale, e.upper) - toScale(scale, e.lower)) / (2 * zFor(e.level)),
  };
}

export interface PooledEstimate {
  model: PoolingModel;
  k: number;
  /** The pooled estimate and its confidence interval at `level`, on the measure's scale (ratios back from the log). */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  /** On the pooling scale: the estimate, its standard error, z and the two-sided p of "no effect" (y = 0). */
  y: number;
  se: number;
  z: number;
  p: number;
  /** Cochran's Q of the fixed-effect fit, its degrees of freedom (k − 1) and the χ² p-value (null when k = 1). */
  q: number;
  df: number;
  pQ: number | null;
  /** Between-study variance (DerSimonian–Laird; 0 for the fixed model's figures too, which ignore it) and I² = max(0, (Q − df) / Q). */
  tau2: number;
  i2: number;
  /** The prediction interval of a new study's effect, random model with k ≥ 3 only: y ± t(k − 2) √(τ² + SE²) (Higgins, Thompson & Spiegelhalter 2009). */
  prediction: { lower: number; upper: number } | null;
  /** Each study's share of the total weight, in input order (sums to 1). */
  weights: number[];
}

/**
 * Pools `studies` (on the pooling scale) by inverse variance. The fixed model weighs each by
 * 1/SE²; the random model by 1/(SE² + τ²), τ² by DerSimonian–Laird: max(0, (Q − df) / (Σw −
 * Σw²/Σw)). Q, df, τ² and I² are reported for both models.
 */
export function pool(
  scale: EffectScale,
  studies: readonly ScaledEstimate[],
  model: PoolingModel,
  level = 0.95,
): PooledEstimate {
  const k = studies.length;
  if (k === 0) throw new RangeError('nothing to pool');
  for (const s of studies)
    if (!(s.se > 0) || !Number.isFinite(s.y))
      throw new RangeError(`an estimate needs a finite value and a standard error above 0 (got ${s.y}, ${s.se})`);
  const w = studies.map((s) => 1 / (s.se * s.se));
  const sumW = w.reduce((a, b) => a + b, 0);
  const yFixed = studies.reduce((a, s, i) => a + w[i] * s.y, 0) / sumW;
  const q = studies.reduce((a, s, i) => a + w[i] * (s.y - yFixed) ** 2, 0);
  const df = k - 1;
  const c = sumW - w.reduce((a, b) => a + b * b, 0) / sumW;
  const tau2 = df > 0 && c > 0 ? Math.max(0, (q - df) / c) : 0;
  const i2 = q > 0 ? Math.max(0, (q - df) / q) : 0;
  const weights = model === 'FIXED' ? w : studies.map((s) => 1 / (s.se * s.se + tau2));
  const total = weights.reduce((a, b) => a + b, 0);
  const y = studies.reduce((a, s, i) => a + weights[i] * s.y, 0) / total;
  const se = Math.sqrt(1 / total);
  const z = y / se;
  const half = zFor(level) * se;
  const t =
    model === 'RANDOM_DERSIMONIAN_LAIRD' && k >= 3
      ? tQuantile(1 - (1 - level) / 2, k - 2) * Math.sqrt(tau2 + se * se)
      : null;
  return {
    model,
    k,
    estimate: fromScale(scale, y),
    lower: fromScale(scale, y - half),
    upper: fromScale(scale, y + half),
    level,
    y,
    se,
    z,
    p: 2 * normalCdf(-Math.abs(z), 0, 1),
    q,
    df,
    // P(χ²(df) ≥ Q) = Q(df/2, Q/2), the upper regularized incomplete gamma function: exact in the far tail, where 1 − cdf is not.
    pQ: df > 0 ? gammainc(q / 2, df / 2, true, true) : null,
    tau2,
    i2,
    prediction: t === null ? null : { lower: fromScale(scale, y - t), upper: fromScale(scale, y + t) },
    weights: weights.map((x) => x / total),
  };
}
