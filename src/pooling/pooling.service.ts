// The choice of one comparison per study and the pooling of poolEstimates: pure, over the rows
// of poolCandidates (src/pooling/pooling.repository.ts).
import { EffectScale, pool, PooledEstimate as Pooled, scaledEstimate } from './pooling.math';
import { ExclusionReason, PoolingModel } from './pooling.type';

/** One comparison of the concept, as poolCandidates reads it. */
export interface Candidate {
  studyId: string;
  outcomeRole: string;
  outcomePosition: number;
  id: string;
  position: number;
  effectMeasure: string | null;
  estimate: number | null;
  ciLevel: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  /** Whether the source says which arm or group is the treatment (always, for a curated comparison). */
  directed: boolean;
}

export const SCALE_OF_MEASURE: Record<string, EffectScale> = {
  HAZARD_RATIO: 'RATIO',
  ODDS_RATIO: 'RATIO',
  RISK_RATIO: 'RATIO',
  RATE_DIFFERENCE: 'DIFFERENCE',
};

export interface Choice<C extends Candidate> {
  included: { candidate: C; y: number; se: number; ciLevelAssumed: boolean }[];
  excluded: { candidate: C; reason: ExclusionReason }[];
}

/** Why `c` cannot be pooled as `measure`, or its estimate on the pooling scale. */
function usable(
  c: Candidate,
  measure: string,
  assumedLevel: number | null,
): { reason: ExclusionReason } | { y: number; se: number; ciLevelAssumed: boolean } {
  if (c.effectMeasure !== measure) return { reason: ExclusionReason.DIFFERENT_MEASURE };
  if (c.estimate === null) return { reason: ExclusionReason.NO_ESTIMATE };
  if (c.ciLower === null || c.ciUpper === null) return { reason: ExclusionReason.NO_CI };
  if (!c.directed) return { reason: ExclusionReason.DIRECTION_UNKNOWN };
  const level = c.ciLevel ?? assumedLevel;
  if (level === null) return { reason: ExclusionReason.CI_LEVEL_UNKNOWN };
  try {
    return {
      ...scaledEstimate(SCALE_OF_MEASURE[measure], {
        estimate: c.estimate,
        lower: c.ciLower,
        upper: c.ciUpper,
        level: level / 100,
      }),
      ciLevelAssumed: c.ciLevel === null,
    };
  } catch {
    return { reason: ExclusionReason.INVALID_CI };
  }
}

/**
 * One comparison per study. A comparison named in `named` is its study's; otherwise the study's
 * usable comparisons are ordered by outcome (the primary outcome first, then as listed) and by
 * position, and the first is pooled. Every other comparison is excluded with its reason: the
 * first that applies of DIFFERENT_MEASURE, NO_ESTIMATE, NO_CI, DIRECTION_UNKNOWN, CI_LEVEL_UNKNOWN, INVALID_CI, or
 * NOT_CHOSEN_FOR_STUDY. A named comparison that cannot be pooled is excluded with its reason and
 * its study gives none.
 */
export function choose<C extends Candidate>(
  candidates: readonly C[],
  measure: string,
  assumedLevel: number | null,
  named: ReadonlySet<string>,
): Choice<C> {
  const order = (a: C, b: C) =>
    Number(b.outcomeRole === 'PRIMARY') - Number(a.outcomeRole === 'PRIMARY') ||
    a.outcomePosition - b.outcomePosition ||
    a.position - b.position ||
    a.id.localeCompare(b.id);
  const byStudy = new Map<string, C[]>();
  for (const c of [...candidates].sort((a, b) => a.studyId.localeCompare(b.studyId) || order(a, b)))
    byStudy.set(c.studyId, [...(byStudy.get(c.studyId) ?? []), c]);
  const choice: Choice<C> = { included: [], excluded: [] };
  for (const list of byStudy.values()) {
    const pinned = list.filter((c) => named.has(c.id));
    let taken: C | null = null;
    for (const c of list) {
      const u = usable(c, measure, assumedLevel);
      const eligible = pinned.length > 0 ? pinned.includes(c) : true;
      if ('reason' in u) choice.excluded.push({ candidate: c, reason: u.reason });
      else if (eligible && taken === null) {
        taken = c;
        choice.included.push({ candidate: c, ...u });
      } else choice.excluded.push({ candidate: c, reason: ExclusionReason.NOT_CHOSEN_FOR_STUDY });
    }
  }
  return choice;
}

/** Pools the chosen comparisons (at least one) by `model`, the interval at `level` percent. */
export function poolChosen<C extends Candidate>(
  choice: Choice<C>,
  measure: string,
  model: PoolingModel,
  level: number,
): Pooled {
  return pool(SCALE_OF_MEASURE[measure], choice.included, model, level / 100);
}
