import {
  applyChanges,
  codesGainedOf,
  MAX_RECORD_BYTES,
  pValueOf,
  recordPathOf,
  translateRecord,
  translateRecords,
  vocabularyOf,
} from '../../src/ctgov/ctgov.mapper';
import { validateSeeds } from '../../src/seeds/seed.validate';
import { ctgovFixture, seedCatalog } from '../support/ctgov';

const TWO_COHORTS = 'nct09900001-two-cohorts.json';
const SUBGROUPS = 'nct09900002-subgroups.json';
const CURATED = 'nct01578239-curated-copy.json';

const translate = (record: any) => translateRecord('test', record, seedCatalog());
const known = () => {
  const c = seedCatalog();
  return {
    conditions: new Set(c.conditions.map((x) => x.id)),
    interventions: new Set(c.interventions.map((x) => x.id)),
    outcomeConcepts: new Set(c.outcomeConcepts.map((x) => x.id)),
    predictors: new Set<string>(),
  };
};
const outcome = (t: any, concept: string) => t.study.outcomes.find((o: any) => o.concept === concept);

describe('ClinicalTrials.gov v2 record → seed format (src/ctgov/ctgov.mapper.ts)', () => {
  it('translates the two-cohort record into a study file and a vocabulary the seed format accepts', () => {
    const { translations } = translateRecords(
      [
        { source: 'a', record: ctgovFixture(TWO_COHORTS) },
        { source: 'b', record: ctgovFixture(SUBGROUPS) },
      ],
      seedCatalog(),
    );
    expect(translations.map((t) => t.issues)).toEqual([[], []]);
    const vocabulary = vocabularyOf(translations);
    const result = validateSeeds(
      [{ file: 'v', data: vocabulary }, ...translations.map((t, i) => ({ file: `r${i}`, data: t.study }))],
      known(),
    );
    expect(result.issues).toEqual([]);
  });

  it('maps identification, status, design, arms, cohorts and conditions', () => {
    const t = translate(ctgovFixture(TWO_COHORTS));
    const s = t.study;
    expect(t.studyId).toBe('nct09900001');
    expect(s.study).toMatchObject({
      id: 'nct09900001',
      acronym: 'TESTNET-2C',
      origin: 'REGISTRY_IMPORT',
      phase: 'PHASE_3',
      allocation: 'RANDOMIZED',
      masking: 'DOUBLE_BLIND',
      status: 'ACTIVE_NOT_RECRUITING',
      enrolment: 300,
      enrolmentType: 'ACTUAL',
      startYear: 2098,
      countries: ['United States', 'Canada'],
      registryIds: [
        { registry: 'CLINICALTRIALS_GOV', id: 'NCT09900001', domain: null },
        { registry: 'SPONSOR', id: 'TST-CONSTRUCTED-01', domain: 'Constructed Sponsor' },
        { registry: 'NCI_CTRP', id: 'NCI-2099-00001', domain: 'CTRP (Clinical Trial Reporting Program)' },
      ],
    });
    expect(s.study.designText).toContain('masking QUADRUPLE');
    expect(s.documents).toEqual([
      {
        id: 'ctgov-nct09900001',
        title: 'ClinicalTrials.gov record NCT09900001',
        url: 'https://clinicaltrials.gov/study/NCT09900001',
        localCopy: null,
        publication: null,
        registryRecord: { registry: 'CLINICALTRIALS_GOV', id: 'NCT09900001', lastUpdated: '2099-01-15' },
      },
    ]);
    expect(s.arms.map((a: any) => [a.id, a.role, a.receives.map((r: any) => r.intervention)])).toEqual([
      ['cohort-i-pnet-testinib', 'EXPERIMENTAL', ['testinib']],
      ['cohort-i-pnet-placebo', 'PLACEBO_COMPARATOR', ['placebo']],
      ['cohort-ii-epnet-testinib', 'EXPERIMENTAL', ['testinib']],
      ['cohort-ii-epnet-placebo', 'PLACEBO_COMPARATOR', ['placebo']],
    ]);
    // "(pNET)" is a synonym of the stored pancreatic NET; "(epNET)" names no stored condition.
    expect(s.cohorts.map((c: any) => [c.id, c.label, c.conditions, c.arms])).toEqual([
      ['cohort-i-pnet', 'Cohort I (pNET)', ['pancreatic-net'], ['cohort-i-pnet-testinib', 'cohort-i-pnet-placebo']],
      ['cohort-ii-epnet', 'Cohort II (epNET)', [], ['cohort-ii-epnet-testinib', 'cohort-ii-epnet-placebo']],
    ]);
    // Conditions by synonym, a new one, and a keyword naming a stored condition ("GEP-NET").
    expect(s.population.conditions).toEqual([
      'pancreatic-net',
      'extrapancreatic-neuroendocrine-tumor',
      'gastroenteropancreatic-net',
    ]);
    expect(t.created).toEqual([
      'extrapancreatic-neuroendocrine-tumor',
      'testinib',
      'constructed-quality-of-life-score',
    ]);
    expect(t.concepts.interventions).toEqual([
      expect.objectContaining({
        id: 'testinib',
        curation: 'IMPORTED_UNREVIEWED',
        kind: 'DRUG',
        synonyms: ['TST-001'],
        codes: [
          {
            system: 'MESH',
            code: 'D999901',
            display: 'Testinib',
            source: 'ClinicalTrials.gov NCT09900001 derivedSection.interventionBrowseModule.meshes[0]',
          },
        ],
      }),
    ]);
    expect(t.leftOut).toEqual(expect.arrayContaining([expect.stringContaining('D018358 Neuroendocrine Tumors')]));
    // The participant flow, the baseline and the eligibility are imported, not left out.
    expect(t.leftOut.join(' ')).not.toMatch(/participantFlowModule|baselineCharacteristicsModule|eligibilityModule/);
    expect(s.study.notes[0]).toMatch(
      /^Imported from ClinicalTrials.gov record NCT09900001 \(last updated 2099-01-15\)/,
    );
  });

  it('gives every value its provenance: the record, the JSON path, the raw strings, REGISTRY_REPORTED', () => {
    const s = translate(ctgovFixture(TWO_COHORTS)).study;
    const pfs = outcome({ study: s }, 'progression-free-survival');
    expect(pfs).toMatchObject({ name: 'Progression-Free Survival (PFS)', role: 'PRIMARY', timeFrame: 'Up to 4 years' });
    expect(pfs.measurements[0]).toMatchObject({
      arm: 'cohort-i-pnet-testinib',
      statistic: 'MEDIAN',
      value: 11.1,
      unit: 'MONTHS',
      unitText: 'months',
      analysed: 60,
      // The upper limit "NA" is null.
      ci: { level: 95, lower: 8.2, upper: null, sided: null },
      evidence: {
        document: 'ctgov-nct09900001',
        section: 'resultsSection.outcomeMeasuresModule.outcomeMeasures[0].classes[0].categories[0].measurements[0]',
        quote:
          '{"groupId":"OG000","value":"11.1","lowerLimit":"8.2","upperLimit":"NA","comment":"Constructed: upper limit not estimable."}',
        verification: 'REGISTRY_REPORTED',
      },
    });
    // The first analysis does not say in words which group is the treatment: its direction stays null (never taken
    // from the arm types or the order). The second lists placebo first, and its estimateComment names Testinib
    // "versus" Placebo: that is its direction. The groups compared are kept in the record's order.
    expect(
      pfs.comparisons.map((c: any) => [
        c.treatmentArm,
        c.referenceArm,
        c.groups,
        c.effectMeasure,
        c.estimate,
        c.ci,
        c.p,
        c.method,
      ]),
    ).toEqual([
      [
        null,
        null,
        ['g-cohort-i-pnet-testinib', 'g-cohort-i-pnet-placebo'],
        'HAZARD_RATIO',
        0.25,
        { level: 95, lower: 0.15, upper: 0.42, sided: 'TWO_SIDED' },
        { operator: '<', value: 0.001, text: '<0.001', sided: null },
        'Log Rank',
      ],
      [
        'cohort-ii-epnet-testinib',
        'cohort-ii-epnet-placebo',
        ['g-cohort-ii-epnet-placebo', 'g-cohort-ii-epnet-testinib'],
        'HAZARD_RATIO',
        0.55,
        { level: 95, lower: 0.4, upper: 0.77, sided: 'TWO_SIDED' },
        { operator: '=', value: 0.012, text: '0.012', sided: null },
        'Log Rank',
      ],
    ]);
    expect(pfs.comparisons[1].comments).toEqual([
      { field: 'groupDescription', text: 'Constructed: cohort II.' },
      {
        field: 'estimateComment',
        text: 'Constructed: hazard ratio of Cohort II (epNET): Testinib versus Cohort II (epNET): Placebo.',
      },
    ]);
    // Each result group is tied to the arm of its title.
    expect(s.groups.map((g: any) => [g.id, g.arm, g.armTie])).toEqual(
      expect.arrayContaining([['g-cohort-i-pnet-testinib', 'cohort-i-pnet-testinib', 'TITLE']]),
    );
    expect(pfs.comparisons[1].evidence.section).toBe(
      'resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[1]',
    );
    expect(
      s.adverseEvents.map((a: any) => [
        a.term,
        a.arm,
        a.patients,
        a.analysed,
        a.seriousness,
        a.organSystem,
        a.gradeMin,
        a.percent,
      ]),
    ).toEqual([
      ['Constructed serious event', 'cohort-i-pnet-testinib', 3, 60, 'SERIOUS', 'General disorders', null, null],
      ['Constructed serious event', 'cohort-i-pnet-placebo', 1, 40, 'SERIOUS', 'General disorders', null, null],
      [
        'Constructed other event',
        'cohort-ii-epnet-testinib',
        25,
        120,
        'OTHER',
        'Gastrointestinal disorders',
        null,
        null,
      ],
      ['Constructed other event', 'cohort-ii-epnet-placebo', 5, 80, 'OTHER', 'Gastrointestinal disorders', null, null],
    ]);
    expect(s.adverseEvents[0].evidence.section).toBe('resultsSection.adverseEventsModule.seriousEvents[0].stats[0]');
    // Planned outcomes without results keep their name, role and time frame.
    expect(outcome({ study: s }, 'overall-survival')).toMatchObject({
      role: 'SECONDARY',
      timeFrame: 'Up to 6 years',
      measurements: [],
      comparisons: [],
    });
    expect(s.publications.map((p: any) => [p.id, p.pmid, p.role, p.identifierVerification])).toEqual([
      ['nct09900001-pmid-99900001', '99900001', 'RESULT_REPORT', 'REGISTRY_REPORTED'],
      ['nct09900001-ref-2', null, 'BACKGROUND', 'REGISTRY_REPORTED'],
    ]);
    expect(s.publications[1].citation).toBe('Constructed C. A constructed background reference without a PMID.');
  });

  it('maps subgroup classes, categories, missing denoms, NA values, a one-sided CI and p, and non-inferiority', () => {
    const t = translate(ctgovFixture(SUBGROUPS));
    const s = t.study;
    expect(s.study).toMatchObject({
      phase: null,
      masking: 'DOUBLE_BLIND',
      status: 'COMPLETED',
      enrolment: 90,
      enrolmentType: 'ESTIMATED',
      startYear: 2097,
    });
    expect(t.leftOut).toContain('Phases PHASE2, PHASE3: the model holds one phase; left null (designText keeps them).');
    // Result group titles tie to arm groups apart from case.
    expect(s.arms.map((a: any) => [a.id, a.receives[0].intervention])).toEqual([
      ['octreotide-lar-30-mg', 'octreotide-lar'],
      ['placebo', 'placebo'],
    ]);
    const ttp = outcome(t, 'time-to-progression');
    // A class is a titled row of the measure (the record does not say it is a group of patients): `row`, not `subgroup`; its denoms are the number analysed.
    expect(
      ttp.measurements.map((m: any) => [m.arm, m.value, m.valueText, m.row, m.subgroup, m.analysed, m.ci]),
    ).toEqual([
      [
        'octreotide-lar-30-mg',
        null,
        'NA',
        'Ki-67 up to 2% (constructed)',
        null,
        30,
        { level: 90, lower: 10, upper: null, sided: null },
      ],
      [
        'placebo',
        6.6,
        null,
        'Ki-67 up to 2% (constructed)',
        null,
        28,
        { level: 90, lower: 4, upper: 8.8, sided: null },
      ],
      [
        'octreotide-lar-30-mg',
        9.9,
        null,
        'Ki-67 above 2% (constructed)',
        null,
        15,
        { level: 90, lower: 5, upper: 12, sided: null },
      ],
      [
        'placebo',
        5.5,
        null,
        'Ki-67 above 2% (constructed)',
        null,
        17,
        { level: 90, lower: 3.3, upper: 7.1, sided: null },
      ],
    ]);
    const [oneSided, nonInferiority] = ttp.comparisons;
    expect(oneSided).toMatchObject({
      estimate: 0.44,
      ci: { level: 90, lower: null, upper: 0.7, sided: 'ONE_SIDED' },
      p: { operator: '=', value: 0.004, text: '0.004', sided: 'ONE_SIDED' },
      hypothesis: null,
    });
    expect(nonInferiority).toMatchObject({
      estimate: null,
      estimateText: 'NA',
      ci: null,
      p: { operator: null, value: null, text: 'NA', sided: null },
      hypothesis: 'NON_INFERIORITY',
      hypothesisText: 'Constructed non-inferiority margin: hazard ratio 1.25.',
      method: 'Cox Proportional Hazards',
    });
    // A categorical measure without denoms: categories, analysed null.
    const response = s.outcomes.find((o: any) => o.name === 'Best Overall Response');
    expect(response.concept).toBe('best-overall-response');
    expect(
      response.measurements.map((m: any) => [m.arm, m.statistic, m.value, m.unit, m.category, m.analysed, m.subgroup]),
    ).toEqual([
      ['octreotide-lar-30-mg', 'COUNT', 4, 'PATIENTS', 'Partial response', null, null],
      ['placebo', 'COUNT', 1, 'PATIENTS', 'Partial response', null, null],
      ['octreotide-lar-30-mg', 'COUNT', 30, 'PATIENTS', 'Stable disease', null, null],
      ['placebo', 'COUNT', 22, 'PATIENTS', 'Stable disease', null, null],
    ]);
    expect(s.publications.map((p: any) => p.role)).toEqual(['RESULT_REPORT', 'BACKGROUND', 'DERIVED']);
    // The MeSH term "Octreotide" names no intervention of the record, but is a synonym of the stored octreotide LAR: its code is added there.
    expect(t.concepts.interventions).toEqual([
      expect.objectContaining({
        id: 'octreotide-lar',
        curation: 'CURATED',
        broader: ['somatostatin-analogue'],
        codes: [
          {
            system: 'MESH',
            code: 'D015282',
            display: 'Octreotide',
            source: 'ClinicalTrials.gov NCT09900002 derivedSection.interventionBrowseModule.meshes[0]',
          },
        ],
      }),
    ]);
  });

  it('writes only the concepts it created; a stored concept gains its new codes by appending, never by being rewritten', () => {
    const t = translate(ctgovFixture(SUBGROUPS));
    const vocabulary = vocabularyOf([t]);
    expect(vocabulary?.interventions.map((c: any) => c.id) ?? []).not.toContain('octreotide-lar');
    expect(codesGainedOf([t], seedCatalog()).interventions).toEqual([
      {
        id: 'octreotide-lar',
        codes: [
          {
            code: 'MESH:D015282',
            display: 'Octreotide',
            source: 'ClinicalTrials.gov NCT09900002 derivedSection.interventionBrowseModule.meshes[0]',
          },
        ],
      },
    ]);
    // Once stored, the same record gives it nothing more.
    const stored = applyChanges(seedCatalog(), t.concepts);
    expect(codesGainedOf([translateRecord('again', ctgovFixture(SUBGROUPS), stored)], stored).interventions).toEqual(
      [],
    );
  });

  it('attaches the record of a curated study to it instead of making a second study', () => {
    const t = translate(ctgovFixture(CURATED));
    expect(t.issues).toEqual([]);
    expect(t.study).toBeNull();
    expect(t.attach).toEqual({
      studyId: 'netter-1',
      document: expect.objectContaining({
        id: 'ctgov-nct01578239',
        registryRecord: { registry: 'CLINICALTRIALS_GOV', id: 'NCT01578239', lastUpdated: '2099-03-01' },
      }),
    });
  });

  it('translates a record again to the same study and no concept change, once its concepts are stored', () => {
    const first = translateRecords([{ source: 'a', record: ctgovFixture(TWO_COHORTS) }], seedCatalog());
    const again = translateRecords([{ source: 'a', record: ctgovFixture(TWO_COHORTS) }], first.catalog).translations[0];
    expect(again.study).toEqual(first.translations[0].study);
    expect(again.created).toEqual([]);
    expect(vocabularyOf([again])).toBeNull();
    // And a second record naming the same new intervention joins it (here by its MeSH code).
    const other = ctgovFixture(TWO_COHORTS);
    other.protocolSection.identificationModule.nctId = 'NCT09900009';
    other.protocolSection.armsInterventionsModule.interventions[0].name = 'TST 001 tablets';
    other.protocolSection.armsInterventionsModule.interventions[0].otherNames = [];
    other.derivedSection.interventionBrowseModule.meshes = [{ id: 'D999901', term: 'TST 001 tablets' }];
    const joined = translateRecord('c', other, applyChanges(seedCatalog(), first.translations[0].concepts));
    expect(joined.study.arms[0].receives[0].intervention).toBe('testinib');
  });

  it('joins an intervention named with its brand and code in parentheses to a stored concept: by the MeSH code first, then by the names taken apart', () => {
    // "Everolimus (Afinitor, RAD001)": no stored concept has that name, but "Everolimus" is the stored everolimus
    // (D999902 is a constructed id, as in test/fixtures/ctgov/, not a MeSH id).
    const record = ctgovFixture(SUBGROUPS);
    record.protocolSection.armsInterventionsModule.interventions[0] = {
      type: 'DRUG',
      name: 'Everolimus (Afinitor, RAD001)',
      armGroupLabels: ['Octreotide LAR 30 mg'],
    };
    record.derivedSection.interventionBrowseModule.meshes = [{ id: 'D999902', term: 'Everolimus' }];
    const t = translate(record);
    expect(t.issues).toEqual([]);
    expect(t.study.arms[0].receives.map((r: any) => r.intervention)).toEqual(['everolimus']);
    expect(t.created).not.toContain('everolimus-afinitor-rad001');
    // The MeSH term names the plain name: its code goes to the stored concept.
    expect(t.concepts.interventions.find((c: any) => c.id === 'everolimus')?.codes).toEqual([
      {
        system: 'MESH',
        code: 'D999902',
        display: 'Everolimus',
        source: 'ClinicalTrials.gov NCT09900002 derivedSection.interventionBrowseModule.meshes[0]',
      },
    ]);
    // A concept that already holds the code is joined by it, whatever the record's name (here a code name only).
    const coded = applyChanges(seedCatalog(), t.concepts);
    const again = ctgovFixture(SUBGROUPS);
    again.protocolSection.armsInterventionsModule.interventions[0] = {
      type: 'DRUG',
      name: 'RAD-001 tablets',
      armGroupLabels: ['Octreotide LAR 30 mg'],
    };
    again.derivedSection.interventionBrowseModule.meshes = [{ id: 'D999902', term: 'RAD-001 tablets' }];
    expect(translateRecord('again', again, coded).study.arms[0].receives[0].intervention).toBe('everolimus');
  });

  it('prefixes every key it creates with the key prefix', () => {
    const t = translateRecord('a', ctgovFixture(TWO_COHORTS), seedCatalog(), { keyPrefix: 'test-x' });
    expect(t.studyId).toBe('test-x-nct09900001');
    expect(t.study.documents[0].id).toBe('test-x-ctgov-nct09900001');
    expect(t.study.publications[0].id).toBe('test-x-nct09900001-pmid-99900001');
    expect(t.created).toEqual([
      'test-x-extrapancreatic-neuroendocrine-tumor',
      'test-x-testinib',
      'test-x-constructed-quality-of-life-score',
    ]);
  });

  describe('bad input: per record, at its JSON path', () => {
    it('refuses what is not a v2 study, and a record without an NCT id', () => {
      expect(translate({ studies: [] }).issues).toEqual([
        { path: '$', rule: 'ctgov.not-a-study', message: expect.stringContaining('no protocolSection') },
      ]);
      expect(translate([1, 2]).issues[0].rule).toBe('ctgov.not-a-study');
      const record = ctgovFixture(TWO_COHORTS);
      delete record.protocolSection.identificationModule.nctId;
      expect(translate(record).issues).toEqual([
        {
          path: '$.protocolSection.identificationModule.nctId',
          rule: 'ctgov.no-nct-id',
          message: 'the record has no nctId',
        },
      ]);
      record.protocolSection.identificationModule.nctId = 'NCT123';
      expect(translate(record).issues[0].rule).toBe('ctgov.bad-nct-id');
    });

    it('refuses a group id that no group of the measure or of the event groups defines', () => {
      const record = ctgovFixture(TWO_COHORTS);
      record.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].classes[0].categories[0].measurements[1].groupId =
        'OG009';
      record.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[1].groupIds = ['OG003', 'OG077'];
      record.resultsSection.adverseEventsModule.otherEvents[0].stats[0].groupId = 'EG042';
      const t = translate(record);
      expect(t.study).toBeNull();
      expect(t.issues.map((i) => [i.path, i.rule])).toEqual([
        [
          '$.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].classes[0].categories[0].measurements[1].groupId',
          'ctgov.unknown-group',
        ],
        ['$.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[1].groupIds[1]', 'ctgov.unknown-group'],
        ['$.resultsSection.adverseEventsModule.otherEvents[0].stats[0].groupId', 'ctgov.unknown-group'],
      ]);
      expect(t.issues[0].message).toBe(
        'group "OG009" is not among the groups of outcome measure 0 (OG000, OG001, OG002, OG003)',
      );
    });

    it('refuses a record above the size limit with a clear error, without translating it', () => {
      const record = ctgovFixture(TWO_COHORTS);
      record.protocolSection.descriptionModule = { detailedDescription: 'x'.repeat(10 * 1024 * 1024) };
      const t = translate(record);
      expect(MAX_RECORD_BYTES).toBe(2 * 1024 * 1024);
      expect(t.issues).toEqual([
        {
          path: '$',
          rule: 'ctgov.too-large',
          message: 'the record is 10.0 MB of JSON, more than the 2 MB a record may have',
        },
      ]);
      expect(t.nctId).toBeNull();
    });

    it('carries a problem the seed format finds in the study file back to the JSON path of the value', () => {
      const t = translate(ctgovFixture(TWO_COHORTS));
      expect(recordPathOf(t.study, '$.outcomes[0].measurements[2].value')).toBe(
        '$.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].classes[0].categories[0].measurements[2]',
      );
      expect(recordPathOf(t.study, '$.arms[1].receives[0]')).toBe(
        '$.protocolSection.armsInterventionsModule.armGroups[1]',
      );
      expect(recordPathOf(t.study, '$.study.title')).toBe('$');
    });
  });

  it('keeps every adverse-event result, far past the 100 that Study.adverseEvents shows', () => {
    const record = ctgovFixture(TWO_COHORTS);
    record.resultsSection.adverseEventsModule.otherEvents = Array.from({ length: 60 }, (_, i) => ({
      term: `Constructed event ${i}`,
      stats: [
        { groupId: 'EG000', numAffected: 1, numAtRisk: 60 },
        { groupId: 'EG001', numAffected: 2, numAtRisk: 40 },
      ],
    }));
    const t = translate(record);
    expect(t.study.adverseEvents).toHaveLength(2 + 120);
    expect(t.study.adverseEvents[0].seriousness).toBe('SERIOUS');
    expect(t.study.adverseEvents[121]).toMatchObject({
      term: 'Constructed event 59',
      patients: 2,
      analysed: 40,
      seriousness: 'OTHER',
    });
    expect(t.leftOut.join(' ')).not.toMatch(/Adverse events/);
  });

  it('reads p-values as the record writes them', () => {
    expect(pValueOf('<0.001', null)).toEqual({ operator: '<', value: 0.001, text: '<0.001', sided: null });
    expect(pValueOf('≤ 0.05', 'two-sided')).toEqual({
      operator: '<=',
      value: 0.05,
      text: '≤ 0.05',
      sided: 'TWO_SIDED',
    });
    expect(pValueOf('0.2', 'One-sided')).toEqual({ operator: '=', value: 0.2, text: '0.2', sided: 'ONE_SIDED' });
    expect(pValueOf('>0.99', undefined)).toEqual({ operator: '>', value: 0.99, text: '>0.99', sided: null });
    expect(pValueOf('NA', undefined)).toEqual({ operator: null, value: null, text: 'NA', sided: null });
    expect(pValueOf('not estimable', undefined)).toEqual({
      operator: null,
      value: null,
      text: 'not estimable',
      sided: null,
    });
    expect(pValueOf(undefined, undefined)).toBeNull();
  });
});
