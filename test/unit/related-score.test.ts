import fs from 'node:fs';
import path from 'node:path';
import {
  countHolders,
  Frequencies,
  Holdings,
  holdingsOf,
  relate,
  sharedBetween,
  topRelated,
  topRelatedOfAll,
  weightMilli,
} from '../../src/studies/related.score';
import { generator } from '../../bench/corpus';
import { ancestorsOf, profileOfFile } from '../fixtures/related';

// The relatedness score as pure code: the formula, what counts as shared, and the ranking of the
// rebuild against the plain one. The seeds' example is computed from seeds/ alone.

type Json = any;
const REPO = path.resolve(__dirname, '..', '..');
const vocabulary: Json = JSON.parse(fs.readFileSync(path.join(REPO, 'seeds', 'vocabulary.json'), 'utf8'));
const seedStudies: Json[] = fs
  .readdirSync(path.join(REPO, 'seeds', 'studies'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(REPO, 'seeds', 'studies', f), 'utf8')));

const ANCESTORS = ancestorsOf(vocabulary);
const SEEDS: Holdings[] = seedStudies.map((s) => holdingsOf(profileOfFile(s), ANCESTORS));
const FREQ: Frequencies = { studies: SEEDS.length, holders: countHolders(SEEDS) };
const seed = (id: string) => SEEDS.find((h) => h.id === id)!;

describe('the weight of a shared concept', () => {
  it('is kind weight × ln(1 + studies / holders), in thousandths', () => {
    expect(weightMilli('INTERVENTION', 0, 9, 3)).toBe(Math.round(3 * Math.log(4) * 1000));
    expect(weightMilli('COMPARATOR', 0, 9, 6)).toBe(Math.round(2 * Math.log(2.5) * 1000));
    expect(weightMilli('PREDICTOR', 0, 9, 2)).toBe(Math.round(2 * Math.log(5.5) * 1000));
    expect(weightMilli('OUTCOME_CONCEPT', 0, 9, 9)).toBe(693);
    // midgut NET has 3 ancestors: kind weight 4.
    expect(weightMilli('CONDITION', 3, 9, 4)).toBe(Math.round(4 * Math.log(1 + 9 / 4) * 1000));
  });

  it('falls as more studies hold the concept, and stays positive when every study does', () => {
    const weights = [1, 10, 100, 1000, 10000].map((holders) => weightMilli('OUTCOME_CONCEPT', 0, 10000, holders));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(weights[4]).toBe(693);
  });
});

describe('what two studies share', () => {
  it('only the most specific shared conditions (the seed trial and NETTER-1 share midgut NET, not its ancestors)', () => {
    const shared = sharedBetween(seed('hae-vs-hace-midgut'), seed('netter-1'), ANCESTORS).filter((s) => s.kind === 'CONDITION');
    expect(shared).toEqual([{ kind: 'CONDITION', id: 'midgut-net' }]);
  });

  it('an intervention once: a comparator when only control arms receive it in both (RADIANT-3 and the sunitinib trial)', () => {
    const shared = sharedBetween(seed('radiant-3'), seed('sunitinib-pnet-a6181111'), ANCESTORS);
    expect(shared.filter((s) => s.kind === 'INTERVENTION' || s.kind === 'COMPARATOR')).toEqual([
      { kind: 'INTERVENTION', id: 'best-supportive-care' },
      { kind: 'COMPARATOR', id: 'placebo' },
    ]);
  });

  it('is symmetric, and the score is the sum of the weights', () => {
    for (const a of SEEDS) {
      for (const b of SEEDS) {
        if (a === b) continue;
        const ab = relate(a, b, ANCESTORS, FREQ)!;
        const ba = relate(b, a, ANCESTORS, FREQ)!;
        expect(ab.scoreMilli).toBe(ba.scoreMilli);
        expect(ab.scoreMilli).toBe(ab.shared.reduce((sum, s) => sum + s.weightMilli, 0));
        expect(ab.shared.map((s) => s.weightMilli)).toEqual([...ab.shared.map((s) => s.weightMilli)].sort((x, y) => y - x));
      }
    }
  });
});

describe('ranking', () => {
  it('puts PROMID and NETTER-1 first for the seed trial (midgut NET; PROMID also the hepatic tumour burden predictor)', () => {
    const ranked = topRelated(seed('hae-vs-hace-midgut'), SEEDS, ANCESTORS, FREQ);
    expect(ranked.map((r) => r.id).slice(0, 2)).toEqual(['promid', 'netter-1']);
    expect(ranked).toHaveLength(8);
    expect(ranked[0].shared.map((s) => s.id)).toEqual(['midgut-net', 'hepatic-tumour-burden', 'overall-survival']);
  });

  it('the rebuild ranks exactly as study-by-study ranking, on a random corpus with ties', () => {
    const random = generator(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const ids = (group: string) => vocabulary[group].map((c: Json) => c.id) as string[];
    const all = Array.from({ length: 300 }, (_, i) =>
      holdingsOf(
        {
          id: `s${String(i).padStart(3, '0')}`,
          conditions: [pick(ids('conditions'))],
          interventions: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ id: pick(ids('interventions')), experimental: random() < 0.5 })),
          outcomeConcepts: Array.from({ length: Math.floor(random() * 3) }, () => pick(ids('outcomeConcepts'))),
          predictors: Array.from({ length: Math.floor(random() * 2) }, () => pick(ids('predictors'))),
        },
        ANCESTORS,
      ),
    );
    const freq: Frequencies = { studies: all.length, holders: countHolders(all) };
    const fast = topRelatedOfAll(all, ANCESTORS, freq, 20);
    for (const h of all) expect(fast.get(h.id)).toEqual(topRelated(h, all, ANCESTORS, freq, 20));
    const some = topRelatedOfAll(all, ANCESTORS, freq, 20, undefined, new Set(['s007', 's123']));
    expect([...some.keys()].sort()).toEqual(['s007', 's123']);
    expect(some.get('s123')).toEqual(fast.get('s123'));
  });
});
