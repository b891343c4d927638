import fs from 'node:fs';
import path from 'node:path';
import {
  conceptKey,
  countHolders,
  Frequencies,
  Holdings,
  holdingsOf,
  KIND_LABEL,
  RARE_HOLDERS_MAX,
  rareConcepts,
  relate,
  sharedBetween,
  sharesRare,
  topRelated,
  topRelatedOfAll,
  weightMilli,
  REFERENCE_STUDIES,
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
const FREQ: Frequencies = { holders: countHolders(SEEDS) };
const seed = (id: string) => SEEDS.find((h) => h.id === id)!;

describe('the weight of a shared concept', () => {
  it('is kind weight × ln(1 + 10,000 / holders), in thousandths', () => {
    expect(REFERENCE_STUDIES).toBe(10_000);
    expect(weightMilli('INTERVENTION', 0, 3)).toBe(Math.round(3 * Math.log(1 + 10_000 / 3) * 1000));
    expect(weightMilli('COMPARATOR', 0, 6)).toBe(Math.round(2 * Math.log(1 + 10_000 / 6) * 1000));
    expect(weightMilli('PREDICTOR', 0, 2)).toBe(Math.round(2 * Math.log(1 + 10_000 / 2) * 1000));
    expect(weightMilli('OUTCOME_CONCEPT', 0, 10_000)).toBe(693);
    // midgut NET has 3 ancestors: kind weight 4.
    expect(weightMilli('CONDITION', 3, 4)).toBe(Math.round(4 * Math.log(1 + 10_000 / 4) * 1000));
  });

  it('falls as more studies hold the concept, and stays positive when every study does', () => {
    const weights = [1, 10, 100, 1000, 10000].map((holders) => weightMilli('OUTCOME_CONCEPT', 0, holders));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(weights[4]).toBe(693);
  });
});

describe('what two studies share', () => {
  it('only the most specific shared conditions (the seed trial and NETTER-1 share midgut NET, not its ancestors)', () => {
    const shared = sharedBetween(seed('hae-vs-hace-midgut'), seed('netter-1'), ANCESTORS).filter(
      (s) => s.kind === 'CONDITION',
    );
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
        expect(ab.shared.map((s) => s.weightMilli)).toEqual(
          [...ab.shared.map((s) => s.weightMilli)].sort((x, y) => y - x),
        );
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

  // A random corpus over the seed vocabulary, skewed so that a few concepts are held by most studies.
  function randomCorpus(seedValue: number, size: number): Holdings[] {
    const random = generator(seedValue);
    const skewed = <T>(xs: T[]) => xs[Math.floor(Math.pow(random(), 2) * xs.length)];
    const ids = (group: string) => vocabulary[group].map((c: Json) => c.id) as string[];
    return Array.from({ length: size }, (_, i) =>
      holdingsOf(
        {
          id: `s${String(i).padStart(3, '0')}`,
          conditions: [skewed(ids('conditions'))],
          interventions: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
            id: skewed(ids('interventions')),
            experimental: random() < 0.5,
          })),
          outcomeConcepts: Array.from({ length: Math.floor(random() * 3) }, () => skewed(ids('outcomeConcepts'))),
          predictors: Array.from({ length: Math.floor(random() * 2) }, () => skewed(ids('predictors'))),
        },
        ANCESTORS,
      ),
    );
  }

  it('the rebuild ranks exactly as study-by-study ranking, on a random corpus with ties', () => {
    const all = randomCorpus(7, 300);
    const freq: Frequencies = { holders: countHolders(all) };
    const fast = topRelatedOfAll(all, ANCESTORS, freq, 20);
    for (const h of all) expect(fast.get(h.id)).toEqual(topRelated(h, all, ANCESTORS, freq, 20));
    const some = topRelatedOfAll(all, ANCESTORS, freq, 20, undefined, new Set(['s007', 's123']));
    expect([...some.keys()].sort()).toEqual(['s007', 's123']);
    expect(some.get('s123')).toEqual(fast.get('s123'));
  });

  it('with common concepts: the rebuild ranks as study-by-study ranking among the studies sharing a rare concept, common ones still weighing', () => {
    const all = randomCorpus(11, 300);
    const holders = countHolders(all);
    const freq: Frequencies = { holders, rareMax: 25 };
    const common = [...holders].filter(([, n]) => n > 25);
    // The corpus does have common concepts, and studies that share only common ones.
    expect(common.length).toBeGreaterThan(5);
    const fast = topRelatedOfAll(all, ANCESTORS, freq, 20);
    let commonWeighed = 0;
    let onlyCommonPairs = 0;
    for (const h of all) {
      const list = fast.get(h.id)!;
      expect(list).toEqual(topRelated(h, all, ANCESTORS, freq, 20));
      for (const e of list) {
        const other = all.find((o) => o.id === e.id)!;
        expect(sharesRare(h, other, freq)).toBe(true);
        // The entry's score is the whole relatedness, common concepts included.
        expect(e).toEqual(relate(h, other, ANCESTORS, freq));
        if (e.shared.some((s) => (holders.get(conceptKey(KIND_LABEL[s.kind], s.id)) ?? 0) > 25)) commonWeighed += 1;
      }
      for (const o of all)
        if (o !== h && relate(h, o, ANCESTORS, freq) && !sharesRare(h, o, freq)) onlyCommonPairs += 1;
    }
    expect(commonWeighed).toBeGreaterThan(0);
    expect(onlyCommonPairs).toBeGreaterThan(0);
  });

  it('without a bound, the list is the plain top k of every study that shares anything', () => {
    const all = randomCorpus(3, 200);
    const freq: Frequencies = { holders: countHolders(all), rareMax: Infinity };
    const fast = topRelatedOfAll(all, ANCESTORS, freq, 15);
    for (const h of all) {
      const plain = all
        .map((o) => relate(h, o, ANCESTORS, freq))
        .filter((e) => e !== null)
        .sort((x, y) => y.scoreMilli - x.scoreMilli || (x.id < y.id ? -1 : 1))
        .slice(0, 15);
      expect(fast.get(h.id)).toEqual(plain);
    }
  });
});

describe('rare and common concepts', () => {
  it('a concept is rare when at most rareMax studies hold it; a condition counts through its ancestors', () => {
    const a = seed('hae-vs-hace-midgut');
    const b = seed('netter-1');
    const freq = (rareMax: number): Frequencies => ({ ...FREQ, rareMax });
    // Every seed concept is rare under the default bound.
    expect(RARE_HOLDERS_MAX).toBeGreaterThanOrEqual(SEEDS.length);
    expect(rareConcepts(a, FREQ)).toHaveLength(
      a.conditions.size + a.interventions.size + a.classes.size + a.outcomeConcepts.size + a.predictors.size,
    );
    expect(sharesRare(a, b, FREQ)).toBe(true);
    // midgut NET is held by 4 seed studies: with a bound of 3 the two share only common concepts.
    expect(FREQ.holders.get('Condition:midgut-net')).toBe(4);
    const shared = sharedBetween(a, b, ANCESTORS);
    const maxShared = Math.min(...shared.map((s) => FREQ.holders.get(conceptKey(KIND_LABEL[s.kind], s.id))!));
    expect(sharesRare(a, b, freq(maxShared - 1))).toBe(false);
    expect(sharesRare(b, a, freq(maxShared - 1))).toBe(false);
    expect(sharesRare(a, b, freq(maxShared))).toBe(true);
    expect(topRelated(a, SEEDS, ANCESTORS, freq(maxShared - 1)).map((e) => e.id)).not.toContain('netter-1');
  });
});
