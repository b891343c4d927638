import { Candidate, choose } from '../../src/pooling/pooling.service';
import { ExclusionReason } from '../../src/pooling/pooling.type';

// The choice of poolEstimates (src/pooling/pooling.service.ts): which comparison of each study is pooled, and why the others are not.
const candidate = (over: Partial<Candidate>): Candidate => ({
  studyId: 's',
  outcomeRole: 'PRIMARY',
  outcomePosition: 0,
  id: 's/c',
  position: 0,
  effectMeasure: 'HAZARD_RATIO',
  estimate: 0.5,
  ciLevel: 95,
  ciLower: 0.3,
  ciUpper: 0.8,
  directed: true,
  ...over,
});

describe('the choice of comparisons to pool', () => {
  it('leaves out a registry analysis whose direction the record does not state: its ratio could be the inverse of the others', () => {
    const choice = choose(
      [candidate({ studyId: 'a', id: 'a/c' }), candidate({ studyId: 'b', id: 'b/c', directed: false })],
      'HAZARD_RATIO',
      null,
      new Set(),
    );
    expect(choice.included.map((i) => i.candidate.id)).toEqual(['a/c']);
    expect(choice.excluded.map((e) => [e.candidate.id, e.reason])).toEqual([
      ['b/c', ExclusionReason.DIRECTION_UNKNOWN],
    ]);
  });

  it('gives the first reason that applies', () => {
    const choice = choose(
      [
        candidate({ id: 'x/1', studyId: 'x', effectMeasure: 'ODDS_RATIO', directed: false }),
        candidate({ id: 'y/1', studyId: 'y', ciUpper: null, directed: false }),
        candidate({ id: 'z/1', studyId: 'z', ciLevel: null }),
      ],
      'HAZARD_RATIO',
      null,
      new Set(),
    );
    expect(choice.excluded.map((e) => e.reason)).toEqual([
      ExclusionReason.DIFFERENT_MEASURE,
      ExclusionReason.NO_CI,
      ExclusionReason.CI_LEVEL_UNKNOWN,
    ]);
  });
});
