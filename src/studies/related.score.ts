/**
 * How related two studies are: the concepts they share, each weighted by its kind and by its
 * rarity, summed. Pure code, used when a study is imported or deleted and by the full rebuild
 * (src/studies/related.service.ts); the read (RANKED_RELATED in study.repository.ts) computes the
 * same weights in Cypher from RELATED_WEIGHT_CYPHER below. schema/README.md documents the formula.
 */
import { MAX_PAGE_SIZE } from '../graphql/pagination';

/** Related studies kept per study: as many as `relatedStudies(first:)` can ask for. */
export const RELATED_PER_STUDY = MAX_PAGE_SIZE;

/**
 * A concept held by at most this many studies is **rare**: its holders are the candidates of the
 * related lists of one another. A concept held by more is **common**: it still adds its weight to
 * the score of two studies that share it, but it is not walked to find candidates, so a study is
 * ranked against the holders of its rare concepts alone — at most (its concepts × this bound)
 * studies whatever the size of the graph. schema/README.md (Relatedness) says what this gives.
 */
export const RARE_HOLDERS_MAX = 500;

export type SharedKind =
  'CONDITION' | 'INTERVENTION' | 'COMPARATOR' | 'INTERVENTION_CLASS' | 'OUTCOME_CONCEPT' | 'PREDICTOR';
export type ConceptLabel = 'Condition' | 'Intervention' | 'OutcomeConcept' | 'Predictor';

/** The label of each kind's concept (a comparator is an intervention that only control arms receive). */
export const KIND_LABEL: Record<SharedKind, ConceptLabel> = {
  CONDITION: 'Condition',
  INTERVENTION: 'Intervention',
  COMPARATOR: 'Intervention',
  INTERVENTION_CLASS: 'Intervention',
  OUTCOME_CONCEPT: 'OutcomeConcept',
  PREDICTOR: 'Predictor',
};

/**
 * Weight of a shared concept by kind, before rarity; a condition weighs 1 + its number of
 * ancestors. A class of interventions (somatostatin analogue) weighs less than an agent.
 */
export const KIND_WEIGHT: Record<Exclude<SharedKind, 'CONDITION'>, number> = {
  INTERVENTION: 3,
  COMPARATOR: 2,
  INTERVENTION_CLASS: 1.5,
  PREDICTOR: 2,
  OUTCOME_CONCEPT: 1,
};

/** The kinds in the order the stored lists of a RELATED relationship are named and read. */
export const SHARED_KINDS: readonly SharedKind[] = [
  'CONDITION',
  'INTERVENTION',
  'COMPARATOR',
  'INTERVENTION_CLASS',
  'OUTCOME_CONCEPT',
  'PREDICTOR',
];

/** Property of a RELATED relationship holding the keys of the shared concepts of each kind. */
export const KIND_PROPERTY: Record<SharedKind, string> = {
  CONDITION: 'conditions',
  INTERVENTION: 'interventions',
  COMPARATOR: 'comparators',
  INTERVENTION_CLASS: 'interventionClasses',
  OUTCOME_CONCEPT: 'outcomeConcepts',
  PREDICTOR: 'predictors',
};

export function kindWeight(kind: SharedKind, ancestors: number): number {
  return kind === 'CONDITION' ? 1 + ancestors : KIND_WEIGHT[kind];
}

/**
 * The number of studies a concept's rarity is measured against: a fixed size of the order of the
 * registry's NET trials, not the number of studies in the graph. So a concept's weight moves only
 * when the studies holding it change, and a related list kept up to date by the writes that touch
 * its concepts stays what a rebuild from scratch would give, however many unrelated studies are
 * written meanwhile.
 */
export const REFERENCE_STUDIES = 10_000;

/**
 * The weight of one shared concept in thousandths (integers, so that a score is the same sum in
 * any order): kind weight × ln(1 + REFERENCE_STUDIES / holders), rounded, where `holders` is the
 * number of studies that hold the concept (at least 1).
 */
export function weightMilli(kind: SharedKind, ancestors: number, holders: number): number {
  return Math.round(kindWeight(kind, ancestors) * Math.log(1 + REFERENCE_STUDIES / Math.max(1, holders)) * 1000);
}

/**
 * The same weight as a Cypher expression over the concept's `holders` and (for a condition) its
 * number of `ancestors`: kept beside weightMilli so that the two read alike.
 */
export function weightMilliCypher(kind: SharedKind, ancestors: string, holders: string): string {
  const weight = kind === 'CONDITION' ? `(1 + ${ancestors})` : String(KIND_WEIGHT[kind]);
  return `toInteger(round(${weight} * log(1 + ${REFERENCE_STUDIES}.0 / CASE WHEN ${holders} > 1 THEN ${holders} ELSE 1 END) * 1000))`;
}

/** What a study holds, as read from the graph: its direct conditions, interventions (with whether an experimental arm receives it), outcome concepts and predictors. */
export interface StudyProfile {
  id: string;
  conditions: string[];
  interventions: { id: string; experimental: boolean }[];
  outcomeConcepts: string[];
  predictors: string[];
}

/**
 * A profile closed over IS_A: its conditions with all their ancestors, the classes of its
 * interventions (all the way up), its outcome concepts with their broader ones.
 */
export interface Holdings {
  id: string;
  conditions: Set<string>;
  interventions: Map<string, boolean>;
  /** The classes its interventions are a kind of (IS_A, all the way up), not received directly. */
  classes: Set<string>;
  outcomeConcepts: Set<string>;
  predictors: Set<string>;
}

/**
 * The broader concepts of each concept, all the way up (distinct keys): a condition by its key,
 * an intervention or outcome concept by `Intervention:<key>` or `OutcomeConcept:<key>` (keys hold
 * no colon, so the two never meet).
 */
export type Ancestors = ReadonlyMap<string, readonly string[]>;

export function holdingsOf(profile: StudyProfile, ancestors: Ancestors): Holdings {
  const conditions = new Set<string>();
  for (const c of profile.conditions) {
    conditions.add(c);
    for (const a of ancestors.get(c) ?? []) conditions.add(a);
  }
  const interventions = new Map<string, boolean>();
  for (const i of profile.interventions) interventions.set(i.id, (interventions.get(i.id) ?? false) || i.experimental);
  const classes = new Set<string>();
  for (const i of interventions.keys())
    for (const a of ancestors.get(`Intervention:${i}`) ?? []) if (!interventions.has(a)) classes.add(a);
  const outcomeConcepts = new Set<string>();
  for (const o of profile.outcomeConcepts) {
    outcomeConcepts.add(o);
    for (const a of ancestors.get(`OutcomeConcept:${o}`) ?? []) outcomeConcepts.add(a);
  }
  return {
    id: profile.id,
    conditions,
    interventions,
    classes,
    outcomeConcepts,
    predictors: new Set(profile.predictors),
  };
}

/** Key of a concept in `Frequencies.holders`. */
export const conceptKey = (label: ConceptLabel, id: string) => `${label}:${id}`;

/** Every concept a study holds, by label: what its import adds to the counts and its deletion removes. */
export function heldConcepts(h: Holdings): { label: ConceptLabel; id: string }[] {
  return [
    ...[...h.conditions].map((id) => ({ label: 'Condition' as const, id })),
    ...[...h.interventions.keys(), ...h.classes].map((id) => ({ label: 'Intervention' as const, id })),
    ...[...h.outcomeConcepts].map((id) => ({ label: 'OutcomeConcept' as const, id })),
    ...[...h.predictors].map((id) => ({ label: 'Predictor' as const, id })),
  ];
}

/** How many studies hold each concept (by `conceptKey`); `rareMax`: the bound of a rare concept (default RARE_HOLDERS_MAX). */
export interface Frequencies {
  holders: ReadonlyMap<string, number>;
  rareMax?: number;
}

/** Whether a concept is rare (held by at most `freq.rareMax` studies): walked to find candidates. */
export function isRare(freq: Frequencies, label: ConceptLabel, id: string): boolean {
  return (freq.holders.get(conceptKey(label, id)) ?? 0) <= (freq.rareMax ?? RARE_HOLDERS_MAX);
}

/** The rare concepts a study holds (its conditions with their ancestors): those through which its candidates are found. */
export function rareConcepts(h: Holdings, freq: Frequencies): { label: ConceptLabel; id: string }[] {
  return heldConcepts(h).filter((c) => isRare(freq, c.label, c.id));
}

/**
 * Whether two studies both hold a rare concept (a condition counts when both closed sets hold it):
 * only then is each a candidate of the other's list. Symmetric.
 */
export function sharesRare(a: Holdings, b: Holdings, freq: Frequencies): boolean {
  for (const c of a.conditions) if (b.conditions.has(c) && isRare(freq, 'Condition', c)) return true;
  for (const i of a.interventions.keys()) if (b.interventions.has(i) && isRare(freq, 'Intervention', i)) return true;
  for (const i of a.classes) if (b.classes.has(i) && isRare(freq, 'Intervention', i)) return true;
  for (const o of a.outcomeConcepts) if (b.outcomeConcepts.has(o) && isRare(freq, 'OutcomeConcept', o)) return true;
  for (const p of a.predictors) if (b.predictors.has(p) && isRare(freq, 'Predictor', p)) return true;
  return false;
}

/** Counts of the concepts held by the given studies (what the rebuild stores on the concept nodes). */
export function countHolders(all: readonly Holdings[]): Map<string, number> {
  const holders = new Map<string, number>();
  for (const h of all)
    for (const { label, id } of heldConcepts(h))
      holders.set(conceptKey(label, id), (holders.get(conceptKey(label, id)) ?? 0) + 1);
  return holders;
}

export interface SharedRef {
  kind: SharedKind;
  id: string;
}

/**
 * What two studies share: the most specific shared conditions (a shared condition that is an
 * ancestor of another shared one is dropped), each shared intervention once — a comparator when
 * only arms that are not experimental receive it in both studies — and the shared outcome
 * concepts and predictors (outcome concepts closed over IS_A), and the intervention classes both
 * hold through their interventions (octreotide LAR and lanreotide share somatostatin analogue),
 * which weigh less than a shared agent; a class of an agent both receive is not counted again.
 */
export function sharedBetween(a: Holdings, b: Holdings, ancestors: Ancestors): SharedRef[] {
  const shared: SharedRef[] = mostSpecificShared(a.conditions, b.conditions, ancestors).map((id) => ({
    kind: 'CONDITION',
    id,
  }));
  for (const [i, experimental] of a.interventions) {
    if (b.interventions.has(i))
      shared.push({ kind: experimental || b.interventions.get(i) ? 'INTERVENTION' : 'COMPARATOR', id: i });
  }
  for (const c of sharedClasses(a, b, ancestors)) shared.push({ kind: 'INTERVENTION_CLASS', id: c });
  for (const o of a.outcomeConcepts) if (b.outcomeConcepts.has(o)) shared.push({ kind: 'OUTCOME_CONCEPT', id: o });
  for (const p of a.predictors) if (b.predictors.has(p)) shared.push({ kind: 'PREDICTOR', id: p });
  return shared;
}

export interface WeightedRef extends SharedRef {
  weightMilli: number;
}

/** One related study of a list: its score in thousandths and the weighted shared concepts, heaviest first. */
export interface RelatedEntry {
  id: string;
  scoreMilli: number;
  shared: WeightedRef[];
}

/** Heaviest first, then by kind and key: the order of `RelatedStudy.shared`. */
export const bySharedOrder = (x: WeightedRef, y: WeightedRef) =>
  y.weightMilli - x.weightMilli || cmp(x.kind, y.kind) || cmp(x.id, y.id);

/** Best first, then by study key: the order of a related list. */
export const byRelatedOrder = (x: RelatedEntry, y: RelatedEntry) => y.scoreMilli - x.scoreMilli || cmp(x.id, y.id);

// Code-unit order, as Cypher compares strings.
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export function weigh(shared: SharedRef[], ancestors: Ancestors, freq: Frequencies): WeightedRef[] {
  return shared
    .map((s) => ({
      ...s,
      weightMilli: weightMilli(
        s.kind,
        s.kind === 'CONDITION' ? (ancestors.get(s.id)?.length ?? 0) : 0,
        freq.holders.get(conceptKey(KIND_LABEL[s.kind], s.id)) ?? 0,
      ),
    }))
    .sort(bySharedOrder);
}

/** The relatedness of `b` to `a` (symmetric), or null when they share nothing. */
export function relate(a: Holdings, b: Holdings, ancestors: Ancestors, freq: Frequencies): RelatedEntry | null {
  if (a.id === b.id) return null;
  const shared = weigh(sharedBetween(a, b, ancestors), ancestors, freq);
  if (shared.length === 0) return null;
  return { id: b.id, scoreMilli: shared.reduce((sum, s) => sum + s.weightMilli, 0), shared };
}

/**
 * What a stored list is, plainly: the `k` studies most related to `study` among those of
 * `candidates` that share a rare concept with it, best first (then by key).
 */
export function topRelated(
  study: Holdings,
  candidates: Iterable<Holdings>,
  ancestors: Ancestors,
  freq: Frequencies,
  k = RELATED_PER_STUDY,
): RelatedEntry[] {
  const best = new BoundedBest(k);
  for (const candidate of candidates) {
    if (!sharesRare(study, candidate, freq)) continue;
    const entry = relate(study, candidate, ancestors, freq);
    if (entry) best.offer(entry);
  }
  return best.sorted();
}

/**
 * `topRelated` of every study (or of those in `only`) at once, in time about the sum over rare
 * concepts of holders² (linear in the studies for a bounded `rareMax`) rather than studies²: per
 * study, its candidates are gathered from the posting lists of its rare concepts alone, with the
 * weights of the rare interventions, outcome concepts and predictors summed on the way; each
 * candidate then adds what it shares of the study's common concepts (looked up in its sets) and
 * the condition part (computed once per pair of distinct condition sets); only the `k` best are
 * related concept by concept with `relate` (the same integers in another order, so the same scores).
 */
export function topRelatedOfAll(
  all: readonly Holdings[],
  ancestors: Ancestors,
  freq: Frequencies,
  k = RELATED_PER_STUDY,
  onProgress?: (done: number, total: number) => void,
  only?: ReadonlySet<string>,
): Map<string, RelatedEntry[]> {
  const result = new Map<string, RelatedEntry[]>();
  for (const [id, entries, done, total] of rankEach(all, ancestors, freq, k, only)) {
    result.set(id, entries);
    onProgress?.(done, total);
  }
  return result;
}

/** `topRelatedOfAll` one study at a time (in no particular order), so that a caller can write the lists as they come: [key, list, done, total]. */
export function* rankEach(
  all: readonly Holdings[],
  ancestors: Ancestors,
  freq: Frequencies,
  k = RELATED_PER_STUDY,
  only?: ReadonlySet<string>,
): Generator<[string, RelatedEntry[], number, number]> {
  const n = all.length;
  const ids = all.map((h) => h.id);
  const indexOf = new Map(all.map((x, i) => [x.id, i]));
  // Posting lists of the rare concepts: per concept, the studies that hold it (a condition: those whose closed set holds it).
  const postings = new Map<string, number[]>();
  all.forEach((h, i) => {
    for (const { label, id } of rareConcepts(h, freq)) {
      const key = conceptKey(label, id);
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(i);
    }
  });
  // Studies with the same closed set of conditions share the condition part of every score.
  const signatures = new Map<string, number>();
  const signatureOf = all.map((h) => {
    const key = [...h.conditions].sort().join('\u0000');
    let sig = signatures.get(key);
    if (sig === undefined) signatures.set(key, (sig = signatures.size));
    return sig;
  });
  // Studies in the order of their signatures, so that the memo of condition parts changes only between groups.
  const order = all
    .map((_, i) => i)
    .filter((i) => !only || only.has(ids[i]))
    .sort((x, y) => signatureOf[x] - signatureOf[y]);
  const weightOf = (kind: SharedKind, id: string, anc = 0) =>
    weightMilli(kind, anc, freq.holders.get(conceptKey(KIND_LABEL[kind], id)) ?? 0);

  let done = 0;
  const sums = new Float64Array(n);
  // seen[j] === stamp: study j is a candidate of the study being ranked.
  const seen = new Int32Array(n).fill(-1);
  // Per signature of the other study: the most specific conditions it shares with the study being ranked, weighed.
  let conditionPart = new Map<number, { sum: number; refs: WeightedRef[] }>();
  let partOf = -1;
  for (const i of order) {
    const h = all[i];
    const touched: number[] = [];
    const reach = (j: number) => {
      if (seen[j] !== i) {
        seen[j] = i;
        sums[j] = 0;
        touched.push(j);
      }
    };
    // The study's concepts with their weights; the common ones are looked up in each candidate's sets below.
    const interventions: [string, boolean, number, number][] = [];
    const commonInterventions: [string, boolean, number, number][] = [];
    for (const [id, experimental] of h.interventions) {
      const weighed: [string, boolean, number, number] = [
        id,
        experimental,
        weightOf('INTERVENTION', id),
        weightOf('COMPARATOR', id),
      ];
      interventions.push(weighed);
      if (!isRare(freq, 'Intervention', id)) {
        commonInterventions.push(weighed);
        continue;
      }
      // The posting list of an intervention also holds the studies that hold it as a class only.
      for (const j of postings.get(conceptKey('Intervention', id))!) {
        const theirs = all[j].interventions.get(id);
        if (theirs === undefined) continue;
        reach(j);
        sums[j] += experimental || theirs ? weighed[2] : weighed[3];
      }
    }
    // Outcome concepts and predictors weigh the same in every study that holds them.
    const weighEach = (kind: 'OUTCOME_CONCEPT' | 'PREDICTOR', held: Set<string>) => {
      const every: [string, number][] = [];
      const common: [string, number][] = [];
      const label = KIND_LABEL[kind];
      for (const id of held) {
        const w = weightOf(kind, id);
        every.push([id, w]);
        if (!isRare(freq, label, id)) {
          common.push([id, w]);
          continue;
        }
        for (const j of postings.get(conceptKey(label, id))!) {
          reach(j);
          sums[j] += w;
        }
      }
      return { every, common };
    };
    // Classes: reached through when rare, but weighed per candidate (a class of an agent both receive does not count).
    const classWeight = new Map<string, number>();
    for (const id of h.classes) {
      classWeight.set(id, weightOf('INTERVENTION_CLASS', id));
      if (isRare(freq, 'Intervention', id))
        for (const j of postings.get(conceptKey('Intervention', id))!) if (all[j].classes.has(id)) reach(j);
    }
    const classesWith = (other: Holdings) => (classWeight.size === 0 ? [] : sharedClasses(h, other, ancestors));
    const { every: outcomes, common: commonOutcomes } = weighEach('OUTCOME_CONCEPT', h.outcomeConcepts);
    const { every: predictors, common: commonPredictors } = weighEach('PREDICTOR', h.predictors);
    for (const id of h.conditions)
      if (isRare(freq, 'Condition', id)) for (const j of postings.get(conceptKey('Condition', id))!) reach(j);
    if (partOf !== signatureOf[i]) {
      partOf = signatureOf[i];
      conditionPart = new Map();
    }
    const conditionsWith = (other: Holdings, sig: number) => {
      let part = conditionPart.get(sig);
      if (part === undefined) {
        const refs = mostSpecificShared(h.conditions, other.conditions, ancestors).map((c): WeightedRef => ({
          kind: 'CONDITION',
          id: c,
          weightMilli: weightOf('CONDITION', c, ancestors.get(c)?.length ?? 0),
        }));
        part = { sum: refs.reduce((sum, r) => sum + r.weightMilli, 0), refs };
        conditionPart.set(sig, part);
      }
      return part;
    };
    // The k best by (score, key).
    const best = new BoundedBest(k);
    for (const j of touched) {
      if (j === i) continue;
      const other = all[j];
      let score = sums[j];
      for (let c = 0; c < commonInterventions.length; c += 1) {
        const [id, experimental, asIntervention, asComparator] = commonInterventions[c];
        const theirs = other.interventions.get(id);
        if (theirs !== undefined) score += experimental || theirs ? asIntervention : asComparator;
      }
      for (const id of classesWith(other)) score += classWeight.get(id)!;
      for (let c = 0; c < commonOutcomes.length; c += 1)
        if (other.outcomeConcepts.has(commonOutcomes[c][0])) score += commonOutcomes[c][1];
      for (let c = 0; c < commonPredictors.length; c += 1)
        if (other.predictors.has(commonPredictors[c][0])) score += commonPredictors[c][1];
      score += conditionsWith(other, signatureOf[j]).sum;
      if (score > 0 && best.admits(score, ids[j])) best.offer({ id: ids[j], scoreMilli: score, shared: [] });
    }
    // Then what each of them shares, concept by concept, with the weights above: what `relate` gives.
    const entries = best.sorted().map((e): RelatedEntry => {
      const j = indexOf.get(e.id)!;
      const other = all[j];
      const shared: WeightedRef[] = [...conditionsWith(other, signatureOf[j]).refs];
      for (const [id, experimental, asIntervention, asComparator] of interventions) {
        if (!other.interventions.has(id)) continue;
        const both = experimental || other.interventions.get(id);
        shared.push({
          kind: both ? 'INTERVENTION' : 'COMPARATOR',
          id,
          weightMilli: both ? asIntervention : asComparator,
        });
      }
      for (const id of classesWith(other))
        shared.push({ kind: 'INTERVENTION_CLASS', id, weightMilli: classWeight.get(id)! });
      for (const [id, w] of outcomes)
        if (other.outcomeConcepts.has(id)) shared.push({ kind: 'OUTCOME_CONCEPT', id, weightMilli: w });
      for (const [id, w] of predictors)
        if (other.predictors.has(id)) shared.push({ kind: 'PREDICTOR', id, weightMilli: w });
      return { id: e.id, scoreMilli: e.scoreMilli, shared: shared.sort(bySharedOrder) };
    });
    done += 1;
    yield [h.id, entries, done, order.length];
  }
}

/** The classes both studies hold through their interventions, but not those of an intervention both receive (the agent counts, not its class again). */
function sharedClasses(a: Holdings, b: Holdings, ancestors: Ancestors): string[] {
  const both = [...a.classes].filter((c) => b.classes.has(c));
  if (both.length === 0) return both;
  const covered = new Set<string>();
  for (const i of a.interventions.keys())
    if (b.interventions.has(i)) for (const c of ancestors.get(`Intervention:${i}`) ?? []) covered.add(c);
  return both.filter((c) => !covered.has(c));
}

/** The conditions both closed sets hold that are no ancestor of another condition both hold. */
function mostSpecificShared(a: ReadonlySet<string>, b: ReadonlySet<string>, ancestors: Ancestors): string[] {
  const both = [...a].filter((c) => b.has(c));
  const covered = new Set(both.flatMap((c) => ancestors.get(c) ?? []));
  return both.filter((c) => !covered.has(c));
}

/** The `k` best entries offered so far, by `byRelatedOrder` (a binary heap whose root is the worst kept). */
class BoundedBest {
  private readonly heap: RelatedEntry[] = [];
  constructor(private readonly k: number) {}

  /** Whether an entry of this score and key would be kept. */
  admits(scoreMilli: number, id: string): boolean {
    if (this.heap.length < this.k) return true;
    const worst = this.heap[0];
    return scoreMilli > worst.scoreMilli || (scoreMilli === worst.scoreMilli && id < worst.id);
  }

  offer(entry: RelatedEntry): void {
    if (!this.admits(entry.scoreMilli, entry.id)) return;
    const h = this.heap;
    if (h.length < this.k) {
      h.push(entry);
      this.up(h.length - 1);
    } else {
      h[0] = entry;
      this.down(0);
    }
  }

  sorted(): RelatedEntry[] {
    return [...this.heap].sort(byRelatedOrder);
  }

  // The heap orders worst first: x above y when x comes after y in byRelatedOrder.
  private above(x: RelatedEntry, y: RelatedEntry): boolean {
    return byRelatedOrder(x, y) > 0;
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < h.length && this.above(h[l], h[top])) top = l;
      if (r < h.length && this.above(h[r], h[top])) top = r;
      if (top === i) return;
      [h[i], h[top]] = [h[top], h[i]];
      i = top;
    }
  }
}
