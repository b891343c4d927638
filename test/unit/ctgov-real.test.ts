import { dispersionKindOf, namesOf, translateRecords, vocabularyOf } from '../../src/ctgov/ctgov.mapper';
import { directionOf, tieToArm } from '../../src/ctgov/ctgov.groups';
import { validateSeeds } from '../../src/seeds/seed.validate';
import { REAL_RECORDS, realRecord, recordCounts, seedCatalog } from '../support/ctgov';

// The three real ClinicalTrials.gov v2 records of test/fixtures/ctgov-real/, translated against the curated catalog.
const translated = () => {
  const catalog = seedCatalog();
  const { translations } = translateRecords(
    REAL_RECORDS.map((id) => ({ source: id, record: realRecord(id) })),
    catalog,
  );
  return { translations, catalog };
};
const byId = (translations: any[], nctId: string) => translations.find((t) => t.nctId === nctId)!;
const outcomeNamed = (s: any, start: string) => s.outcomes.find((o: any) => o.name.startsWith(start));

describe('real ClinicalTrials.gov records → seed format', () => {
  const { translations, catalog } = translated();

  it('translates all three with no refusal, into files the seed format accepts', () => {
    expect(translations.map((t) => [t.nctId, t.issues])).toEqual(REAL_RECORDS.map((id) => [id, []]));
    const known = {
      conditions: new Set(catalog.conditions.map((c) => c.id)),
      interventions: new Set(catalog.interventions.map((c) => c.id)),
      outcomeConcepts: new Set(catalog.outcomeConcepts.map((c) => c.id)),
      predictors: new Set<string>(),
    };
    const files = [
      { file: 'vocabulary', data: vocabularyOf(translations) },
      ...translations.map((t) => ({ file: t.source, data: t.study })),
    ];
    expect(validateSeeds(files, known).issues).toEqual([]);
  });

  it.each(REAL_RECORDS)(
    '%s: every outcome measure, value, analysis, adverse-event row, flow count and baseline value of the record is kept',
    (nctId) => {
      const record = realRecord(nctId);
      const counts = recordCounts(record);
      const s = byId(translations, nctId).study;
      expect(s.outcomes).toHaveLength(counts.outcomes);
      const fromResults = s.outcomes.slice(0, counts.outcomeMeasures);
      expect(fromResults.map((o: any) => o.measurements.length)).toEqual(counts.perMeasure);
      expect(fromResults.reduce((n: number, o: any) => n + o.comparisons.length, 0)).toBe(counts.analyses);
      expect(s.adverseEvents).toHaveLength(counts.adverseEvents);
      expect(s.participantFlow).toHaveLength(counts.flowCounts);
      expect(s.baseline).toHaveLength(counts.baselineMeasures);
      expect(s.baseline.reduce((n: number, b: any) => n + b.values.length, 0)).toBe(counts.baselineValues);
      expect(s.groups.filter((g: any) => g.adverseEventTotals !== null)).toHaveLength(counts.eventGroups);
      // Every value keeps its provenance: the record's document, the JSON path of the value, REGISTRY_REPORTED.
      for (const o of fromResults)
        for (const m of o.measurements)
          expect(m.evidence).toMatchObject({
            document: `ctgov-${nctId.toLowerCase()}`,
            verification: 'REGISTRY_REPORTED',
            section: expect.stringMatching(/^resultsSection\.outcomeMeasuresModule\.outcomeMeasures\[\d+\]\.classes/),
          });
      expect(s.population.eligibility).toMatchObject({
        sex: record.protocolSection.eligibilityModule.sex,
        criteria: record.protocolSection.eligibilityModule.eligibilityCriteria.trim(),
      });
    },
  );

  it('NCT02552212: result groups named by analysis population are tied to their arms, subsets that switched treatment are not', () => {
    const s = byId(translations, 'NCT02552212').study;
    const tie = (title: string) => {
      const g = s.groups.find((x: any) => x.title === title);
      return [g.arm, g.armTie];
    };
    expect(tie('Placebo (FAS)')).toEqual(['placebo', 'TITLE_WITH_QUALIFIER']);
    expect(tie('CZP 200 mg Q2W (FAS)')).toEqual(['certolizumab-pegol-200-mg-q2w', 'DESCRIPTION']);
    expect(tie('Placebo->OL CZP (SS)')).toEqual([null, null]);
    expect(tie('SFE OL CZP 200 mg Q2W (SS)')).toEqual([null, null]);
    // The arms' numbers randomized come from the flow's first STARTED milestone.
    expect(s.arms.map((a: any) => [a.id, a.randomized])).toEqual([
      ['certolizumab-pegol-200-mg-q2w', 159],
      ['placebo', 158],
    ]);
    // The primary result: OR 15.2 (95% CI 7.3-31.6), p<0.001, CZP against placebo as the record's words say ("CZP/Placebo").
    const primary = outcomeNamed(
      s,
      'Percentage of Subjects With Ankylosing Spondylitis Disease Activity Score Major Improvement',
    );
    expect(primary.comparisons[0]).toMatchObject({
      treatmentArm: 'certolizumab-pegol-200-mg-q2w',
      referenceArm: 'placebo',
      treatmentGroup: 'g-czp-200-mg-q2w-fas',
      referenceGroup: 'g-placebo-fas',
      effectMeasure: 'ODDS_RATIO',
      estimate: 15.231,
      ci: { level: 95, lower: 7.336, upper: 31.623, sided: 'TWO_SIDED' },
      p: { operator: '<', value: 0.001, text: '<0.001' },
    });
    // A negative change from baseline, with its standard error ("Standard Error" in words).
    const basdai = outcomeNamed(
      s,
      'Change From Baseline to Week 12 in the Bath Ankylosing Spondylitis Disease Activity Index',
    );
    expect(basdai.measurements[0].value).toBeLessThan(0);
    expect(basdai.measurements[0].dispersion).toMatchObject({ type: 'STANDARD_ERROR', value: expect.any(Number) });
    // A difference whose direction the record does not state: the groups in the record's order, no arms.
    expect(basdai.comparisons[0]).toMatchObject({
      treatmentArm: null,
      referenceArm: null,
      groups: ['g-placebo-fas', 'g-czp-200-mg-q2w-fas'],
      estimate: -1.819,
      estimateType: 'Difference',
      effectMeasure: null,
    });
    // A geometric mean with its 95% CI ("95% Confidence Interval" in words).
    const geometric = s.outcomes
      .flatMap((o: any) => o.measurements)
      .find((m: any) => m.statistic === 'GEOMETRIC_MEAN' && m.ci);
    expect(geometric.ci.level).toBe(95);
  });

  it('NCT02210780: both arms typed EXPERIMENTAL; the analyses kept with their 90% CIs, direction from "Dupilumab … vs. Placebo …"; score components are rows, not subgroups', () => {
    const s = byId(translations, 'NCT02210780').study;
    expect(s.arms.map((a: any) => a.role)).toEqual(['EXPERIMENTAL', 'EXPERIMENTAL']);
    const iga = outcomeNamed(s, "Percentage of Participants Achieving an Investigator's Global Assessment");
    expect(iga.comparisons[0]).toMatchObject({
      treatmentArm: 'dupilumab-300-mg-qw',
      referenceArm: 'placebo-qw',
      estimate: 34,
      estimateType: 'Percentage Difference',
      ci: { level: 90, lower: 24.29, upper: 43.75 },
      p: { operator: '<', value: 0.0001 },
      hypothesis: 'SUPERIORITY',
      comments: expect.arrayContaining([{ field: 'estimateComment', text: 'Dupilumab 300 mg qw vs. Placebo qw' }]),
    });
    const giss = outcomeNamed(s, 'Change From Baseline in Global Individual Signs Score (GISS) Components');
    expect(giss.measurements.every((m: any) => m.subgroup === null)).toBe(true);
    expect([...new Set(giss.measurements.map((m: any) => m.row))]).toEqual(expect.arrayContaining(['Erythema']));
    // The LS mean difference's standard error (STANDARD_ERROR_OF_MEAN, a code) is the estimate's dispersion.
    const pruritus = outcomeNamed(s, 'Change From Baseline in Peak Weekly Averaged Pruritis');
    expect(pruritus.comparisons[0]).toMatchObject({
      estimate: -2.13,
      dispersion: { type: 'STANDARD_ERROR', value: 0.354 },
    });
    // An adverse event with zero participants affected is a value, kept.
    expect(s.adverseEvents.find((a: any) => a.term === 'Injection site reaction' && a.patients === 0)).toMatchObject({
      analysed: 97,
      arm: 'placebo-qw',
      seriousness: 'OTHER',
      vocabulary: 'MedDRA (18.0)',
      assessmentType: 'SYSTEMATIC_ASSESSMENT',
    });
  });

  it('NCT05594173: an observational study without arm groups keeps its food-texture groups and their means with SDs', () => {
    const s = byId(translations, 'NCT05594173').study;
    expect(s.arms).toEqual([]);
    const values = s.outcomes[0].measurements;
    expect(values.map((m: any) => s.groups.find((g: any) => g.id === m.group).title)).toEqual(
      expect.arrayContaining(['Healthy Participants: Carrot']),
    );
    expect(values.every((m: any) => m.arm === null && m.dispersion?.type === 'STANDARD_DEVIATION')).toBe(true);
    expect(s.baseline[0]).toMatchObject({ title: 'Age, Continuous', statistic: 'MEDIAN' });
    expect(s.baseline[0].values[0].dispersion.type).toBe('FULL_RANGE');
  });
});

describe('the rules the importer reads real records by', () => {
  it('reads a dispersion in words and in codes', () => {
    expect(dispersionKindOf('95% Confidence Interval')).toEqual({ kind: 'ci', level: 95 });
    expect(dispersionKindOf('97.5% Confidence Interval')).toEqual({ kind: 'ci', level: 97.5 });
    expect(dispersionKindOf('CONFIDENCE_INTERVAL_80')).toEqual({ kind: 'ci', level: 80 });
    expect(dispersionKindOf('Standard Deviation')).toEqual({ kind: 'value', type: 'STANDARD_DEVIATION' });
    expect(dispersionKindOf('STANDARD_ERROR_OF_MEAN')).toEqual({ kind: 'value', type: 'STANDARD_ERROR' });
    expect(dispersionKindOf('Inter-Quartile Range')).toEqual({ kind: 'limits', type: 'INTER_QUARTILE_RANGE' });
    expect(dispersionKindOf('Geometric Coefficient of Variation')).toEqual({
      kind: 'value',
      type: 'GEOMETRIC_COEFFICIENT_OF_VARIATION',
    });
    expect(dispersionKindOf('NA')).toEqual({ kind: 'none' });
  });

  it('ties a result group to an arm only when one rule names exactly one arm', () => {
    const arms = [
      { id: 'a', label: 'Drug 10 mg', description: 'Drug 10 mg daily.' },
      { id: 'b', label: 'Placebo', description: 'Matching placebo.' },
    ];
    expect(tieToArm({ title: 'placebo', description: null }, arms)).toEqual({ arm: 'b', tie: 'TITLE' });
    expect(tieToArm({ title: 'Drug 10 mg (Per Protocol Set)', description: null }, arms)).toEqual({
      arm: 'a',
      tie: 'TITLE_WITH_QUALIFIER',
    });
    expect(tieToArm({ title: 'D10', description: 'Drug 10 mg daily. Subjects formed the FAS.' }, arms)).toEqual({
      arm: 'a',
      tie: 'DESCRIPTION',
    });
    expect(tieToArm({ title: 'Placebo->Drug (SS)', description: 'Subset of the placebo group.' }, arms)).toBeNull();
    expect(
      tieToArm({ title: 'Both', description: null }, [
        ...arms,
        { id: 'c', label: 'Both', description: null },
        { id: 'd', label: 'both', description: null },
      ]),
    ).toBeNull();
  });

  it("takes the direction of an analysis from the record's words only", () => {
    const groups = [{ title: 'Placebo (FAS)' }, { title: 'CZP 200 mg Q2W (FAS)' }];
    expect(directionOf(['Odds ratio: CZP/Placebo and p-value were calculated…'], groups)).toEqual({
      treatment: 1,
      reference: 0,
    });
    expect(directionOf([null, 'Placebo versus CZP 200 mg Q2W'], groups)).toEqual({ treatment: 0, reference: 1 });
    expect(directionOf(['From an ANCOVA model including scores at Baseline.'], groups)).toBeNull();
    expect(directionOf(['CZP 200 mg Q2W (FAS) vs. Placebo (FAS)'], groups)).toEqual({ treatment: 1, reference: 0 });
    expect(
      directionOf(
        ['Cohort I (pNET): Testinib vs. Cohort I (pNET): Placebo'],
        [{ title: 'Cohort I (pNET): Placebo' }, { title: 'Cohort I (pNET): Testinib' }],
      ),
    ).toEqual({ treatment: 1, reference: 0 });
    // Words that name one group twice, or none of the analysis, say nothing.
    expect(directionOf(['Placebo vs placebo'], groups)).toBeNull();
  });

  it('reads the parenthesised brand names and codes of an intervention as its other names', () => {
    expect(namesOf('Agent (Brand, CODE-123)')).toEqual(['Agent', 'Agent (Brand, CODE-123)', 'Brand', 'CODE-123']);
    expect(namesOf('Octreotide LAR')).toEqual(['Octreotide LAR']);
  });
});
