import { changesOf, describeRecordChange, describeStudyFileChange, MAX_CHANGES } from '../../src/history/history.diff';
import { realRecord } from '../support/ctgov';

describe('what changed between two versions of a study, in words', () => {
  it("words a registry record's status, its results first posted and a corrected value", () => {
    const after = realRecord('NCT02210780');
    const before = realRecord('NCT02210780');
    before.protocolSection.statusModule.overallStatus = 'ACTIVE_NOT_RECRUITING';
    delete before.resultsSection;
    before.hasResults = false;
    const first = changesOf(before, after, describeRecordChange);
    expect(first.changes.map((c) => c.text)).toEqual([
      'overall status ACTIVE_NOT_RECRUITING → COMPLETED',
      'results first posted',
    ]);
    expect(first.changes[0]).toMatchObject({
      path: 'protocolSection.statusModule.overallStatus',
      before: 'ACTIVE_NOT_RECRUITING',
      after: 'COMPLETED',
    });

    const corrected = realRecord('NCT02210780');
    const m =
      corrected.resultsSection.outcomeMeasuresModule.outcomeMeasures[6].classes[0].categories[0].measurements[1];
    const was = m.value;
    m.value = '-3.50';
    const second = changesOf(after, corrected, describeRecordChange);
    expect(second.changes).toEqual([
      {
        path: 'resultsSection.outcomeMeasuresModule.outcomeMeasures[6].classes[0].categories[0].measurements[1].value',
        before: was,
        after: '-3.50',
        text: `Change From Baseline in Peak Weekly Averaged Pruritis Numerical Rating Scale (NRS) Scores at Week 16, Dupilumab 300 mg qw: ${was} → -3.50 ${corrected.resultsSection.outcomeMeasuresModule.outcomeMeasures[6].unitOfMeasure}`,
      },
    ]);
    expect(changesOf(after, realRecord('NCT02210780'), describeRecordChange)).toEqual({ changes: [], more: 0 });
  });

  it("words a curated study file's edited value with its outcome and arm, and anything else by its named parents", () => {
    const before = {
      study: { status: null },
      arms: [{ id: 'a', label: 'Lutetium' }],
      outcomes: [{ name: 'PFS', measurements: [{ arm: 'a', value: 11, unit: 'MONTHS' }] }],
    };
    const after = {
      study: { status: 'COMPLETED' },
      arms: [{ id: 'a', label: 'Lutetium' }],
      outcomes: [{ name: 'PFS', measurements: [{ arm: 'a', value: 11.4, unit: 'MONTHS', comment: 'corrected' }] }],
    };
    expect(changesOf(before, after, describeStudyFileChange).changes.map((c) => c.text)).toEqual([
      'status (none) → COMPLETED',
      'PFS, Lutetium: 11 → 11.4 months',
      'PFS, item 1, comment added: corrected',
    ]);
  });

  it('lists at most MAX_CHANGES changes and counts the others', () => {
    const before = { values: Array.from({ length: MAX_CHANGES + 5 }, (_, i) => i) };
    const after = { values: before.values.map((v) => v + 1) };
    const { changes, more } = changesOf(before, after, describeStudyFileChange);
    expect(changes).toHaveLength(MAX_CHANGES);
    expect(more).toBe(5);
  });
});
