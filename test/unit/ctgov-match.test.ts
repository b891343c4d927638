import { CatalogConcept, containsWords, matchConcept, newConceptKey, slugify } from '../../src/ctgov/ctgov.match';

const concept = (id: string, name: string, extra: Partial<CatalogConcept> = {}): CatalogConcept => ({
  id,
  name,
  synonyms: [],
  codes: [],
  curation: 'CURATED',
  broader: [],
  ...extra,
});

describe('ClinicalTrials.gov concept matching (src/ctgov/ctgov.match.ts)', () => {
  const concepts = [
    concept('octreotide-lar', 'Octreotide LAR', {
      synonyms: ['octreotide'],
      codes: [{ system: 'MESH', code: 'D015282', display: 'Octreotide', source: null }],
    }),
    concept('lanreotide-autogel', 'Lanreotide Autogel', { synonyms: ['lanreotide'] }),
    concept('placebo', 'Placebo'),
    concept('b-sandostatin', 'Sandostatin'),
  ];

  it('matches by code first, then by name, then by synonym, case-insensitively and trimmed', () => {
    expect(matchConcept(concepts, { texts: ['Sandostatin'], codes: ['MESH:D015282'] })).toMatchObject({
      concept: { id: 'octreotide-lar' },
      rule: 'code',
    });
    expect(matchConcept(concepts, { texts: ['  PLACEBO '] })).toMatchObject({
      concept: { id: 'placebo' },
      rule: 'name',
    });
    expect(matchConcept(concepts, { texts: ['Lanreotide'] })).toMatchObject({
      concept: { id: 'lanreotide-autogel' },
      rule: 'synonym',
    });
    // A name match of any text beats a synonym match of the first.
    expect(matchConcept(concepts, { texts: ['octreotide', 'Sandostatin'] })).toMatchObject({
      concept: { id: 'b-sandostatin' },
      rule: 'name',
    });
  });

  it('matches texts exactly otherwise: no partial or plural match, and no whole-word match outside outcomes', () => {
    expect(matchConcept(concepts, { texts: ['Lanreotides'] })).toBeNull();
    expect(matchConcept(concepts, { texts: ['Octreotide LAR 30 mg'] })).toBeNull();
    expect(matchConcept(concepts, { texts: [] })).toBeNull();
  });

  it('matches an outcome title by the longest name, abbreviation or synonym it holds as whole words', () => {
    const outcomes = [
      concept('progression-free-survival', 'Progression-free survival', { abbreviation: 'PFS' }),
      concept('hepatic-progression-free-survival', 'Hepatic progression-free survival', { abbreviation: 'hPFS' }),
      concept('overall-survival', 'Overall survival', { abbreviation: 'OS' }),
      concept('adverse-events', 'Adverse events', { abbreviation: 'AE' }),
    ];
    const words = (title: string) => matchConcept(outcomes, { texts: [title], words: true })?.concept.id ?? null;
    expect(words('Progression-Free Survival (PFS)')).toBe('progression-free-survival');
    expect(words('Hepatic Progression-Free Survival')).toBe('hepatic-progression-free-survival');
    expect(words('PFS and Overall Survival')).toBe('overall-survival');
    expect(words('Duration of PFS')).toBe('progression-free-survival');
    expect(words('Number of Participants With Adverse Events')).toBe('adverse-events');
    // Whole words only: "OS" inside "DOSE" and "AE" inside "AEs" do not count.
    expect(words('Dose Intensity')).toBeNull();
    expect(words('Serious AEs')).toBeNull();
  });

  it('tells whole words apart', () => {
    expect(containsWords('median pfs (months)', 'pfs')).toBe(true);
    expect(containsWords('hpfs', 'pfs')).toBe(false);
    expect(containsWords('pfs-2', 'pfs')).toBe(true);
  });

  it('makes new keys from the name, unique and prefixed', () => {
    expect(slugify('Cohort I (pNET): Testinib')).toBe('cohort-i-pnet-testinib');
    expect(slugify('Lutetium-177 Dotatate ± Octreotide')).toBe('lutetium-177-dotatate-octreotide');
    expect(slugify('a'.repeat(30) + ' ' + 'b'.repeat(40), 60)).toBe('a'.repeat(30));
    expect(newConceptKey('Testinib', new Set(['testinib']))).toBe('testinib-2');
    expect(newConceptKey('Testinib', new Set(['testinib', 'testinib-2']))).toBe('testinib-3');
    expect(newConceptKey('Testinib', new Set(), 'test-x')).toBe('test-x-testinib');
  });
});
