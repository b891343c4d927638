import { forestVariables } from '../../src/pooling/forest.route';
import { forestSvg, ForestPlot } from '../../src/pooling/forest.svg';

// The forest plot's SVG and the parsing of its query parameters (no database).

const plot = (over: Partial<ForestPlot> = {}): ForestPlot => ({
  title: 'Progression-free survival: Hazard ratio, 3 studies',
  measure: 'Hazard ratio',
  scale: 'RATIO',
  rows: [
    { label: 'RADIANT-2', estimate: 0.77, lower: 0.59, upper: 1, weight: 33.9, ciLevelAssumed: true },
    { label: 'RADIANT-3', estimate: 0.35, lower: 0.27, upper: 0.45, weight: 34.4, ciLevelAssumed: true },
    { label: 'RADIANT-4', estimate: 0.48, lower: 0.35, upper: 0.67, weight: 31.7, ciLevelAssumed: false },
  ],
  pooled: { estimate: 0.506, lower: 0.312, upper: 0.819, level: 95, label: 'Pooled, random effects' },
  prediction: { lower: 0.0013, upper: 199.6 },
  footnote: 'Heterogeneity: Q = 17.82 (df = 2), p < 0.001; τ² = 0.161; I² = 88.8 %.',
  ...over,
});

const xs = (svg: string, re: RegExp) => [...svg.matchAll(re)].map((m) => Number(m[1]));

describe('forestSvg', () => {
  const svg = forestSvg(plot());

  it('draws one row per study with its estimate and interval, the pooled diamond, the null line and the footnote', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="study">/g)).toHaveLength(3);
    expect(svg).toContain('0.35 (0.27–0.45)');
    expect(svg).toContain('<polygon class="pooled"');
    expect(svg).toContain('0.51 (0.31–0.82)');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('I² = 88.8 %');
    expect(svg).toContain('<line class="prediction"');
    // Assumed levels are marked and explained.
    expect(svg).toContain('RADIANT-2 †');
    expect(svg).not.toContain('RADIANT-4 †');
    expect(svg).toContain('states no confidence level');
  });

  it('puts ratios on a log axis: 1 is where the null line is, and distances go by the logarithm', () => {
    expect(svg).toContain('Hazard ratio (log scale)');
    const ticks = [
      ...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" font-size="11" text-anchor="middle">([\d.]+)<\/text>/g),
    ].map((m) => ({ x: Number(m[1]), t: Number(m[2]) }));
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    const nullX = Number(
      /<line x1="([\d.]+)" y1="\d+" x2="[\d.]+" y2="\d+" stroke="#555" stroke-dasharray/.exec(svg)![1],
    );
    expect(Math.abs(ticks.find((k) => k.t === 1)!.x - nullX)).toBeLessThan(0.2);
    // Pixels per unit of ln(ratio) are the same between any two ticks.
    const perLog = ticks.slice(1).map((k, i) => (k.x - ticks[i].x) / Math.log(k.t / ticks[i].t));
    for (const p of perLog) expect(p / perLog[0]).toBeCloseTo(1, 2);
    // The prediction interval (0.0013–199.6) is drawn to the edges of the axis, not beyond.
    const [from, to] = /<line class="prediction" x1="([\d.]+)" y1="\d+" x2="([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    const [axisFrom, axisTo] = /<line x1="([\d.]+)" y1="\d+" x2="([\d.]+)" y2="\d+" stroke="#000"\/><line x1/
      .exec(svg)!
      .slice(1)
      .map(Number);
    expect(from).toBeCloseTo(axisFrom, 1);
    expect(to).toBeCloseTo(axisTo, 1);
    // Both ends go on beyond the axis: an arrowhead at each edge says so.
    expect(svg.match(/class="prediction-beyond"/g)).toHaveLength(2);
  });

  it('sizes each box by its weight', () => {
    const sides = xs(svg, /<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g);
    expect(sides).toHaveLength(3);
    // RADIANT-3 has the largest weight, RADIANT-4 the smallest.
    expect(sides[1]).toBeGreaterThan(sides[0]);
    expect(sides[0]).toBeGreaterThan(sides[2]);
  });

  it('escapes every text and refers to no other host', () => {
    const evil = forestSvg(
      plot({
        title: '<script>alert(1)</script>',
        rows: [{ label: 'A & B "x" <img>', estimate: 0.5, lower: 0.3, upper: 0.8, weight: 100, ciLevelAssumed: false }],
      }),
    );
    expect(evil).not.toContain('<script');
    expect(evil).not.toContain('<img');
    expect(evil).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evil).toContain('A &amp; B &quot;x&quot; &lt;img&gt;');
    expect(evil.match(/https?:\/\//g)).toEqual(['http://']);
    expect(evil).not.toMatch(/href|xlink|url\(/);
  });

  it('puts differences on a linear axis with the null line at 0', () => {
    const d = forestSvg(
      plot({
        measure: 'Rate difference',
        scale: 'DIFFERENCE',
        rows: [
          { label: 'a', estimate: -2, lower: -3.5, upper: -0.5, weight: 60, ciLevelAssumed: false },
          { label: 'b', estimate: 1, lower: -1, upper: 3, weight: 40, ciLevelAssumed: false },
        ],
        pooled: { estimate: -0.8, lower: -2.1, upper: 0.5, level: 95, label: 'Pooled, fixed effect' },
        prediction: null,
      }),
    );
    expect(d).toContain('Rate difference</text>');
    expect(d).not.toContain('log scale');
    expect(d).not.toContain('class="prediction"');
    expect(d).toMatch(/text-anchor="middle">0<\/text>/);
  });
});

describe('forestVariables', () => {
  const parse = (query: string) => forestVariables(new URLSearchParams(query));

  it('reads lists, numbers and a where filter', () => {
    expect(
      parse(
        'outcomeConcept=progression-free-survival&effectMeasure=HAZARD_RATIO&studies=radiant-2, radiant-3&assumedCiLevel=95&model=FIXED&where={"phases":["PHASE_3"]}',
      ),
    ).toEqual({
      variables: {
        outcomeConcept: 'progression-free-survival',
        effectMeasure: 'HAZARD_RATIO',
        model: 'FIXED',
        studies: ['radiant-2', 'radiant-3'],
        assumedCiLevel: 95,
        where: { phases: ['PHASE_3'] },
      },
    });
  });

  it('names the parameter that is wrong', () => {
    expect(parse('effectMeasure=HAZARD_RATIO')).toMatchObject({ argument: 'outcomeConcept', message: 'is required.' });
    expect(parse('outcomeConcept=x&effectMeasure=HAZARD_RATIO&level=high')).toMatchObject({ argument: 'level' });
    expect(parse('outcomeConcept=x&effectMeasure=HAZARD_RATIO&assumedCiLevel=')).toMatchObject({
      argument: 'assumedCiLevel',
    });
    expect(parse('outcomeConcept=x&effectMeasure=HAZARD_RATIO&where={nope')).toMatchObject({ argument: 'where' });
    expect(parse('outcomeConcept=x&effectMeasure=HAZARD_RATIO&colour=red')).toMatchObject({ argument: 'colour' });
  });
});
