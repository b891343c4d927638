// The forest plot of a pooled estimate, drawn as SVG text on the server: one row per pooled
// comparison (label, estimate with its interval, weight as the size of its box), the pooled
// diamond, the line of no effect, a log axis for ratios, and the heterogeneity under it. Pure and
// self-contained: no script, no font or image from another host; every text is escaped.
import { EffectScale } from './pooling.math';

export interface ForestRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  /** Share of the total weight, in percent. */
  weight: number;
  /** The interval's level was assumed, not stated (drawn with a dagger and a note). */
  ciLevelAssumed: boolean;
}

export interface ForestPlot {
  title: string;
  /** The measure as the axis names it ("Hazard ratio"). */
  measure: string;
  scale: EffectScale;
  rows: ForestRow[];
  pooled: { estimate: number; lower: number; upper: number; level: number; label: string };
  prediction: { lower: number; upper: number } | null;
  /** One line under the plot: heterogeneity and the model. */
  footnote: string;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
/** A number as a reader reads it in a forest plot: 2 decimals (3 below 0.1). */
const fmt = (x: number) => (Math.abs(x) < 0.1 && x !== 0 ? x.toFixed(3) : x.toFixed(2));

const WIDTH = 860;
const LABEL_W = 230;
const PLOT_X0 = LABEL_W + 20;
const PLOT_W = 380;
const TEXT_X = PLOT_X0 + PLOT_W + 20;
const ROW_H = 26;
const TOP = 56;

/** Axis ticks within [lo, hi]: 1-2-5 steps on a log axis (finer when that gives fewer than 4), round steps on a linear one. */
function ticks(scale: EffectScale, lo: number, hi: number): number[] {
  if (scale === 'RATIO') {
    const within = (mantissas: number[]) => {
      const out: number[] = [];
      for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e += 1)
        for (const m of mantissas) out.push(Number((m * 10 ** e).toPrecision(3)));
      return out.filter((t) => t >= lo && t <= hi);
    };
    const coarse = within([1, 2, 5]);
    return coarse.length >= 4 ? coarse : within([1, 1.5, 2, 3, 4, 5, 6, 7, 8]);
  }
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4 || 1));
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toFixed(10)));
  return out;
}

export function forestSvg(plot: ForestPlot): string {
  const isRatio = plot.scale === 'RATIO';
  const nullValue = isRatio ? 1 : 0;
  const g = (x: number) => (isRatio ? Math.log(x) : x);
  // The axis spans every interval, the null line and the pooled one, padded by 5 %.
  const values = [...plot.rows.flatMap((r) => [r.lower, r.upper]), plot.pooled.lower, plot.pooled.upper, nullValue].map(
    g,
  );
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const pad = (max - min) * 0.05 || 0.5;
  const [lo, hi] = [min - pad, max + pad];
  const x = (v: number) => PLOT_X0 + ((g(v) - lo) / (hi - lo)) * PLOT_W;
  // A value beyond the axis (a wide prediction interval) is drawn at its edge.
  const clamped = (v: number) => Math.min(PLOT_X0 + PLOT_W, Math.max(PLOT_X0, x(v)));
  const maxWeight = Math.max(...plot.rows.map((r) => r.weight));
  const pooledY = TOP + plot.rows.length * ROW_H + ROW_H;
  const axisY = pooledY + ROW_H;
  const height = axisY + 80;
  const unscale = (t: number) => (isRatio ? Math.exp(t) : t);
  const parts: string[] = [];

  parts.push(`<text x="16" y="24" font-size="15" font-weight="bold">${escapeXml(plot.title)}</text>`);
  parts.push(`<text x="16" y="${TOP - 12}" font-size="12" font-weight="bold">Study</text>`);
  parts.push(
    `<text x="${TEXT_X}" y="${TOP - 12}" font-size="12" font-weight="bold">${escapeXml(plot.measure)} (${plot.pooled.level} % CI)</text>`,
  );
  parts.push(
    `<text x="${WIDTH - 16}" y="${TOP - 12}" font-size="12" font-weight="bold" text-anchor="end">Weight</text>`,
  );
  // The line of no effect.
  parts.push(
    `<line x1="${x(nullValue).toFixed(1)}" y1="${TOP - 6}" x2="${x(nullValue).toFixed(1)}" y2="${axisY}" stroke="#555" stroke-dasharray="4 3"/>`,
  );
  plot.rows.forEach((r, i) => {
    const y = TOP + i * ROW_H + ROW_H / 2;
    // Box area in proportion to the weight: side ∝ √weight, the largest 14 px.
    const side = 4 + 10 * Math.sqrt(r.weight / maxWeight);
    parts.push(
      `<g class="study"><title>${escapeXml(`${r.label}: ${fmt(r.estimate)} (${fmt(r.lower)}–${fmt(r.upper)}), weight ${r.weight.toFixed(1)} %`)}</title>`,
    );
    parts.push(`<text x="16" y="${y + 4}" font-size="12">${escapeXml(r.label)}${r.ciLevelAssumed ? ' †' : ''}</text>`);
    parts.push(`<line x1="${x(r.lower).toFixed(1)}" y1="${y}" x2="${x(r.upper).toFixed(1)}" y2="${y}" stroke="#000"/>`);
    parts.push(
      `<rect x="${(x(r.estimate) - side / 2).toFixed(1)}" y="${(y - side / 2).toFixed(1)}" width="${side.toFixed(1)}" height="${side.toFixed(1)}" fill="#1f4e79"/>`,
    );
    parts.push(
      `<text x="${TEXT_X}" y="${y + 4}" font-size="12">${fmt(r.estimate)} (${fmt(r.lower)}–${fmt(r.upper)})</text>`,
    );
    parts.push(
      `<text x="${WIDTH - 16}" y="${y + 4}" font-size="12" text-anchor="end">${r.weight.toFixed(1)} %</text></g>`,
    );
  });
  // The pooled estimate: a diamond from its lower to its upper limit, and the prediction interval as a line through it.
  const p = plot.pooled;
  if (plot.prediction) {
    parts.push(
      `<line class="prediction" x1="${clamped(plot.prediction.lower).toFixed(1)}" y1="${pooledY}" x2="${clamped(plot.prediction.upper).toFixed(1)}" y2="${pooledY}" stroke="#b00" stroke-width="2"/>`,
    );
    // An end beyond the axis gets an arrowhead at the edge, so that the line is not read as ending there.
    const [left, right] = [PLOT_X0, PLOT_X0 + PLOT_W];
    if (x(plot.prediction.lower) < left)
      parts.push(
        `<polygon class="prediction-beyond" points="${left},${pooledY} ${left + 8},${pooledY - 4} ${left + 8},${pooledY + 4}" fill="#b00"/>`,
      );
    if (x(plot.prediction.upper) > right)
      parts.push(
        `<polygon class="prediction-beyond" points="${right},${pooledY} ${right - 8},${pooledY - 4} ${right - 8},${pooledY + 4}" fill="#b00"/>`,
      );
  }
  parts.push(
    `<polygon class="pooled" points="${x(p.lower).toFixed(1)},${pooledY} ${x(p.estimate).toFixed(1)},${pooledY - 7} ${x(p.upper).toFixed(1)},${pooledY} ${x(p.estimate).toFixed(1)},${pooledY + 7}" fill="#b00"><title>${escapeXml(`${p.label}: ${fmt(p.estimate)} (${fmt(p.lower)}–${fmt(p.upper)})`)}</title></polygon>`,
  );
  parts.push(`<text x="16" y="${pooledY + 4}" font-size="12" font-weight="bold">${escapeXml(p.label)}</text>`);
  parts.push(
    `<text x="${TEXT_X}" y="${pooledY + 4}" font-size="12" font-weight="bold">${fmt(p.estimate)} (${fmt(p.lower)}–${fmt(p.upper)})</text>`,
  );
  // The axis.
  parts.push(`<line x1="${PLOT_X0}" y1="${axisY}" x2="${PLOT_X0 + PLOT_W}" y2="${axisY}" stroke="#000"/>`);
  for (const t of ticks(plot.scale, unscale(lo), unscale(hi))) {
    parts.push(
      `<line x1="${x(t).toFixed(1)}" y1="${axisY}" x2="${x(t).toFixed(1)}" y2="${axisY + 5}" stroke="#000"/><text x="${x(t).toFixed(1)}" y="${axisY + 18}" font-size="11" text-anchor="middle">${t}</text>`,
    );
  }
  parts.push(
    `<text x="${PLOT_X0 + PLOT_W / 2}" y="${axisY + 36}" font-size="12" text-anchor="middle">${escapeXml(plot.measure)}${isRatio ? ' (log scale)' : ''}</text>`,
  );
  parts.push(`<text x="16" y="${axisY + 56}" font-size="11">${escapeXml(plot.footnote)}</text>`);
  if (plot.rows.some((r) => r.ciLevelAssumed))
    parts.push(
      `<text x="16" y="${axisY + 72}" font-size="11">† The source states no confidence level; the level asked for was assumed.</text>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" role="img"><title>${escapeXml(plot.title)}</title><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`;
}
