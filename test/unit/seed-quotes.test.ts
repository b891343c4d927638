import fs from 'node:fs';
import path from 'node:path';
import { collapse, conceptNamed, readAbstractFacts } from '../fixtures/seed-abstract-facts';
import {
  forEachEvidence,
  Json,
  readJson,
  REPO_ROOT,
  SEED_STUDY_FILE,
  studyFiles,
  VOCABULARY_FILE,
} from '../fixtures/seed-inputs';

describe('seed quotes: every evidence quote appears word for word in the local copy of its document', () => {
  const files = studyFiles();

  it.each(files.map(({ file, data }) => [path.relative(REPO_ROOT, file), data] as const))(
    '%s',
    (_file, study: Json) => {
      const copies = new Map<string, string>();
      for (const d of study.documents) {
        expect(d.localCopy).toEqual(expect.any(String));
        const file = path.join(REPO_ROOT, d.localCopy);
        expect(fs.existsSync(file)).toBe(true);
        copies.set(d.id, collapse(fs.readFileSync(file, 'utf8')));
      }
      const missing: string[] = [];
      let quotes = 0;
      forEachEvidence(study, (e, jsonPath) => {
        quotes += 1;
        const copy = copies.get(e.document);
        if (copy === undefined) missing.push(`${jsonPath}: document "${e.document}" has no local copy`);
        else if (!copy.includes(collapse(e.quote))) missing.push(`${jsonPath}: "${e.quote}" is not in ${e.document}`);
      });
      expect(quotes).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    },
  );
});

describe('seed quotes: every number of the seed trial abstract is in the seed file', () => {
  const facts = readAbstractFacts();
  const seed: Json = readJson(SEED_STUDY_FILE);
  const vocabulary: Json = readJson(VOCABULARY_FILE);
  const intervention = (words: string) => conceptNamed(vocabulary.interventions, words);
  const armOf = (abbreviation: string) => {
    const id = intervention(abbreviation);
    const arms = seed.arms.filter((a: Json) => a.receives.some((r: Json) => r.intervention === id));
    expect(arms).toHaveLength(1);
    return arms[0];
  };
  const outcomesOf = (words: string) => {
    const concept = conceptNamed(vocabulary.outcomeConcepts, words);
    return seed.outcomes.filter((o: Json) => o.concept === concept);
  };
  const seedQuotes = () => {
    const quotes: string[] = [];
    forEachEvidence(seed, (e) => quotes.push(e.quote));
    return quotes;
  };

  it('every number of the abstract is one of the facts checked below (none is left unchecked)', () => {
    const unexplained = facts.numbers.filter(
      (n) => !facts.spans.some((s) => n.start >= s.start && n.start + n.written.length <= s.end),
    );
    expect(unexplained).toEqual([]);
    // The numbers of the abstract in reading order (a sanity check of the tokenizer).
    expect(facts.numbers.map((n) => n.written)).toEqual([
      'two',
      '3',
      '2',
      'Twelve',
      '14',
      '2',
      '38',
      '44',
      '0.90',
      '5',
      '2',
      '80',
      '100',
      '0.16',
      '95',
      '3',
      '19',
      '95',
      '2',
    ]);
  });

  it('arm sizes: 12 randomized to HACE and 14 to HAE, each with the sentence as its quote', () => {
    expect(facts.arms.map((a) => [a.arm, a.value])).toEqual([
      ['HACE', 12],
      ['HAE', 14],
    ]);
    for (const fact of facts.arms) {
      const arm = armOf(fact.arm);
      expect(arm.randomized).toBe(fact.value);
      expect(arm.evidence.map((e: Json) => e.quote)).toContain(facts.armsSentence);
    }
    expect(seed.study.enrolment).toBe(facts.arms.reduce((n, a) => n + a.value, 0));
  });

  it('schedule: two procedures at 3-month interval in both arms', () => {
    expect(facts.schedule).toMatchObject({ procedures: 2, intervalMonths: 3 });
    for (const fact of facts.arms) {
      expect(armOf(fact.arm).receives.map((r: Json) => r.schedule)).toEqual([facts.schedule.text]);
    }
  });

  it('primary end point: the 2-year PFS rate', () => {
    const [pfs] = outcomesOf(facts.primaryEndPoint.outcome);
    expect(pfs.role).toBe('PRIMARY');
    expect(pfs.definition).toBe(facts.primaryEndPoint.sentence);
    for (const m of pfs.measurements) expect(m.timePoint).toEqual(facts.primaryEndPoint.timePoint);
  });

  it.each([0, 1])(
    'landmark rates and p-value of sentence %#: 38/44% 2-year PFS (p = 0.90), 80/100% 2-year OS (p = 0.16)',
    (index) => {
      const fact = facts.landmarks[index];
      const outcomes = outcomesOf(fact.outcome);
      expect(outcomes).toHaveLength(1);
      const [outcome] = outcomes;
      for (const rate of fact.rates) {
        const arm = armOf(rate.arm);
        const measurements = outcome.measurements.filter((m: Json) => m.arm === arm.id);
        expect(measurements).toHaveLength(1);
        expect(measurements[0]).toMatchObject({
          statistic: 'LANDMARK_RATE',
          value: rate.value,
          unit: 'PERCENT',
          timePoint: fact.timePoint,
        });
        expect(measurements[0].evidence.quote).toBe(fact.sentence);
        expect(measurements[0].evidence.quote).toContain(rate.written);
      }
      expect(outcome.comparisons).toHaveLength(1);
      const [comparison] = outcome.comparisons;
      expect(comparison.treatmentArm).toBe(armOf('HACE').id);
      expect(comparison.referenceArm).toBe(armOf('HAE').id);
      expect(comparison.p).toMatchObject({ operator: '=', value: fact.p.value, text: fact.p.text });
      expect(comparison.evidence.quote).toContain(fact.p.text);
      expect([fact.rates.map((r) => r.value), fact.p.value]).toEqual(index === 0 ? [[38, 44], 0.9] : [[80, 100], 0.16]);
    },
  );

  it('disease control rate on CT: 95% of the whole cohort', () => {
    expect(facts.diseaseControl.value).toBe(95);
    const [dcr] = outcomesOf('disease control rate');
    expect(dcr.measurements).toHaveLength(1);
    expect(dcr.measurements[0]).toMatchObject({ arm: null, value: facts.diseaseControl.value, unit: 'PERCENT' });
    expect(dcr.measurements[0].evidence.quote).toBe(facts.diseaseControl.sentence);
  });

  it('grade 3 toxicity in 19% and no treatment-related deaths', () => {
    expect([facts.toxicity.grade, facts.toxicity.percent, facts.treatmentRelatedDeaths.patients]).toEqual([3, 19, 0]);
    const toxicity = seed.adverseEvents.filter(
      (a: Json) => a.gradeMin === facts.toxicity.grade && a.gradeMax === facts.toxicity.grade,
    );
    expect(toxicity).toHaveLength(1);
    expect(toxicity[0]).toMatchObject({ arm: null, percent: facts.toxicity.percent });
    expect(toxicity[0].evidence.quote).toContain(facts.toxicity.written);
    const deaths = seed.adverseEvents.filter((a: Json) => a.term === 'treatment-related death');
    expect(deaths).toHaveLength(1);
    expect(deaths[0]).toMatchObject({ arm: null, patients: facts.treatmentRelatedDeaths.patients });
    expect(deaths[0].evidence.quote).toContain(facts.treatmentRelatedDeaths.written);
  });

  it('prognostic factors: 5-HIAA and chromogranin A associated with shorter PFS (WORSE_OUTCOME); five factors not associated', () => {
    // "associated with shorter PFS": PFS over time (the outcome concept), not the 2-year PFS rate.
    const pfs = conceptNamed(vocabulary.outcomeConcepts, 'PFS');
    const found = facts.factors.map((fact) => {
      const predictor = conceptNamed(vocabulary.predictors, fact.factor);
      const findings = seed.predictorFindings.filter((f: Json) => f.predictor === predictor);
      expect(findings).toHaveLength(1);
      const [f] = findings;
      expect(f.outcomeConcept).toBe(pfs);
      expect(f.outcome).toBeUndefined();
      expect(f.associated).toBe(fact.associated);
      expect(f.direction).toBe(fact.associated ? 'WORSE_OUTCOME' : null);
      expect(f.directionText).toBe(fact.directionText);
      expect(f.evidence.quote).toBe(fact.sentence);
      return [predictor, f.associated];
    });
    expect(Object.fromEntries(found)).toEqual({
      'urinary-5-hiaa': true,
      'serum-chromogranin-a': true,
      age: false,
      gender: false,
      'previous-resection': false,
      'hepatic-tumour-burden': false,
      'somatostatin-analogue-treatment': false,
    });
    expect(seed.predictorFindings).toHaveLength(facts.factors.length);
  });

  it('every quote of the seed file is a sentence or part of a sentence of the abstract', () => {
    for (const quote of seedQuotes()) expect(facts.text).toContain(collapse(quote));
  });
});
