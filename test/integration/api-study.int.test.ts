import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { startTestServer, TestServer } from '../support/server';

// `study` over HTTP: the seed trial's results come back exactly as its abstract states them,
// each with a quote that is in the abstract word for word; every study's numbers are those of
// its seed file.

// The machine running the tests may be slow and busy: generous time for each test and hook.
jest.setTimeout(180_000);

const SEED = 'hae-vs-hace-midgut';
const ABSTRACT = fs
  .readFileSync(path.join(REPO_ROOT, 'seeds', 'reference', 'seed-abstract.txt'), 'utf8')
  .replace(/\s+/g, ' ');
const PROGNOSTIC_QUOTE =
  'Age, gender, previous resection of the primary tumor or liver metastases, extent of liver involvement, and concomitant treatment with somatostatin analogues were not associated with changes in PFS, whereas elevated baseline urinary 5-HIAA and serum chromogranin A levels were associated with shorter PFS.';

type Json = any;
const STUDY_FILES: Json[] = fs
  .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'studies', f), 'utf8')));

const SOURCE = `quote section verification document { id title localCopy publication { pmid } }`;

const SEED_QUERY = `
query Seed($id: ID!) {
  study(id: $id) {
    id acronym title phase allocation masking enrolment year designFeatures registryIds { registry id }
    publications { id journal volume issue pages pmid doi year role }
    population { description conditions { id ancestors { id } } evidence { ${SOURCE} } }
    arms {
      id label role randomized
      interventions { dose route schedule intervention { id name kind } }
      evidence { ${SOURCE} }
    }
    outcomes {
      id name role concept { id }
      measurements { id statistic value valueText unit timePoint { value unit } arm { label } evidence { ${SOURCE} } }
      comparisons { treatmentArm { label } referenceArm { label } effectMeasure estimate p { operator value text } evidence { ${SOURCE} } }
    }
    predictorFindings { predictor { id } outcome { id } outcomeConcept { id } associated direction directionText contrast evidence { ${SOURCE} } }
    adverseEvents { term gradeMin gradeMax patients percent armDifference arm { label } evidence { ${SOURCE} } }
  }
}`;

const HACE = 'HACE (hepatic arterial chemoembolization)';
const HAE = 'HAE (hepatic arterial embolization)';

describe('study(id) over HTTP', () => {
  let server: TestServer;
  let seed: Json;

  beforeAll(async () => {
    server = await startTestServer();
    const { status, body } = await server.graphql(SEED_QUERY, { id: SEED });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    seed = body.data.study;
  });
  afterAll(() => server.close());

  /** The outcome of the seed trial with this local key. */
  const outcome = (key: string) => seed.outcomes.find((o: Json) => o.id === `${SEED}/${key}`);

  it('describes the seed trial: a randomized multicentre study of 26 patients with no registry ID, published in Neuroendocrinology', () => {
    expect(seed).toMatchObject({
      id: SEED,
      acronym: null,
      phase: null,
      allocation: 'RANDOMIZED',
      masking: null,
      enrolment: 26,
      year: null,
      designFeatures: ['PROSPECTIVE', 'MULTICENTRE'],
      registryIds: [],
    });
    expect(seed.title).toMatch(/^Hepatic arterial embolization versus chemoembolization/);
    expect(seed.publications).toEqual([
      {
        id: 'hae-vs-hace-neuroendocrinology',
        journal: 'Neuroendocrinology',
        volume: '96',
        issue: '4',
        pages: '294',
        pmid: '22507901',
        doi: null,
        year: null,
        role: 'PRIMARY_REPORT',
      },
    ]);
  });

  it('has a HACE arm of 12 patients and a HAE arm of 14, two procedures at 3-month interval, with the quote', () => {
    expect(
      seed.arms.map((a: Json) => [
        a.label,
        a.role,
        a.randomized,
        a.interventions.map((i: Json) => [i.intervention.id, i.route, i.schedule]),
      ]),
    ).toEqual([
      [
        HACE,
        'EXPERIMENTAL',
        12,
        [['hepatic-arterial-chemoembolization', 'hepatic arterial', 'two procedures at 3-month interval']],
      ],
      [
        HAE,
        'ACTIVE_COMPARATOR',
        14,
        [['hepatic-arterial-embolization', 'hepatic arterial', 'two procedures at 3-month interval']],
      ],
    ]);
    for (const arm of seed.arms) {
      expect(arm.evidence.map((e: Json) => e.quote)).toContain(
        'Twelve patients were assigned to receive HACE and 14 to receive HAE.',
      );
    }
  });

  it('gives the 2-year PFS rates 38% (HACE) and 44% (HAE), p = 0.90, as the primary end point', () => {
    const pfs = outcome('pfs-2y');
    expect(pfs).toMatchObject({ role: 'PRIMARY', concept: { id: 'progression-free-survival' } });
    expect(pfs.measurements.map((m: Json) => [m.arm.label, m.statistic, m.value, m.unit, m.timePoint])).toEqual([
      [HACE, 'LANDMARK_RATE', 38, 'PERCENT', { value: 2, unit: 'YEARS' }],
      [HAE, 'LANDMARK_RATE', 44, 'PERCENT', { value: 2, unit: 'YEARS' }],
    ]);
    expect(pfs.comparisons).toHaveLength(1);
    expect(pfs.comparisons[0]).toMatchObject({
      treatmentArm: { label: HACE },
      referenceArm: { label: HAE },
      effectMeasure: null,
      estimate: null,
      p: { operator: '=', value: 0.9, text: 'p = 0.90' },
    });
    const quote = 'The 2-year PFS rates were 38 and 44% in the HACE and HAE arms, respectively (p = 0.90).';
    for (const part of [...pfs.measurements, ...pfs.comparisons])
      expect(part.evidence.map((e: Json) => e.quote)).toEqual([quote]);
  });

  it('gives the 2-year overall survival rates 80% and 100%, p = 0.16', () => {
    const os = outcome('os-2y');
    expect(os.concept.id).toBe('overall-survival');
    expect(os.measurements.map((m: Json) => [m.arm.label, m.value, m.unit, m.timePoint])).toEqual([
      [HACE, 80, 'PERCENT', { value: 2, unit: 'YEARS' }],
      [HAE, 100, 'PERCENT', { value: 2, unit: 'YEARS' }],
    ]);
    expect(os.comparisons.map((c: Json) => c.p)).toEqual([{ operator: '=', value: 0.16, text: 'p = 0.16' }]);
    const quote =
      'The 2-year overall survival rates were 80 and 100% in the HACE and HAE arms, respectively (p = 0.16).';
    for (const part of [...os.measurements, ...os.comparisons])
      expect(part.evidence.map((e: Json) => e.quote)).toEqual([quote]);
  });

  it('gives a disease control rate of 95% for the whole cohort (no arm)', () => {
    const dcr = outcome('dcr-ct');
    expect(dcr.measurements).toHaveLength(1);
    expect(dcr.measurements[0]).toMatchObject({ statistic: 'PROPORTION', value: 95, unit: 'PERCENT', arm: null });
    expect(dcr.measurements[0].evidence.map((e: Json) => e.quote)).toEqual([
      'The disease control rate on CT scan was 95%.',
    ]);
  });

  it('declares response rates and safety as end points without inventing values for them', () => {
    expect(outcome('response-rate')).toMatchObject({
      concept: { id: 'objective-response-rate' },
      measurements: [],
      comparisons: [],
    });
    expect(outcome('safety')).toMatchObject({ role: 'SAFETY', measurements: [], comparisons: [] });
  });

  it('gives grade 3 toxicity in 19% of patients and no treatment-related death, whole cohort', () => {
    expect(seed.adverseEvents.map((a: Json) => [a.term, a.gradeMin, a.gradeMax, a.patients, a.percent, a.arm])).toEqual(
      [
        ['any toxicity', 3, 3, null, 19, null],
        ['treatment-related death', 5, 5, 0, null, null],
      ],
    );
    expect(seed.adverseEvents[0].armDifference).toBe('no differences in the treatment arms');
    const quote =
      'Grade 3 toxicity occurred in 19% of patients, with no treatment-related deaths and no differences in the treatment arms.';
    for (const ae of seed.adverseEvents) expect(ae.evidence.map((e: Json) => e.quote)).toEqual([quote]);
  });

  it('finds urinary 5-HIAA and chromogranin A associated with shorter PFS, and the five other factors not', () => {
    const byPredictor = Object.fromEntries(seed.predictorFindings.map((f: Json) => [f.predictor.id, f]));
    expect(Object.keys(byPredictor).sort()).toEqual(
      [
        'age',
        'gender',
        'hepatic-tumour-burden',
        'previous-resection',
        'serum-chromogranin-a',
        'somatostatin-analogue-treatment',
        'urinary-5-hiaa',
      ].sort(),
    );
    for (const id of ['urinary-5-hiaa', 'serum-chromogranin-a']) {
      expect(byPredictor[id]).toMatchObject({
        associated: true,
        direction: 'WORSE_OUTCOME',
        directionText: 'shorter PFS',
        contrast: 'elevated baseline',
      });
    }
    for (const id of [
      'age',
      'gender',
      'previous-resection',
      'hepatic-tumour-burden',
      'somatostatin-analogue-treatment',
    ]) {
      expect(byPredictor[id]).toMatchObject({ associated: false, direction: null, directionText: null });
    }
    for (const finding of seed.predictorFindings) {
      // "associated with shorter PFS": PFS over time, not the 2-year rate the study reports.
      expect(finding.outcome).toBeNull();
      expect(finding.outcomeConcept.id).toBe('progression-free-survival');
      expect(finding.evidence.map((e: Json) => e.quote)).toEqual([PROGNOSTIC_QUOTE]);
    }
  });

  it('has a population with liver metastases of midgut NET, whose ancestors come nearest first', () => {
    expect(seed.population.conditions).toEqual([
      {
        id: 'midgut-net-liver-metastases',
        ancestors: [
          { id: 'midgut-net' },
          { id: 'gastrointestinal-net' },
          { id: 'gastroenteropancreatic-net' },
          { id: 'neuroendocrine-tumour' },
        ],
      },
    ]);
  });

  it('quotes only words that are in the abstract, from the abstract document of PMID 22507901, verified', () => {
    const evidence: Json[] = [
      ...seed.population.evidence,
      ...seed.arms.flatMap((a: Json) => a.evidence),
      ...seed.outcomes.flatMap((o: Json) => [...o.measurements, ...o.comparisons].flatMap((p: Json) => p.evidence)),
      ...seed.predictorFindings.flatMap((f: Json) => f.evidence),
      ...seed.adverseEvents.flatMap((a: Json) => a.evidence),
    ];
    expect(evidence.length).toBeGreaterThanOrEqual(20);
    for (const e of evidence) {
      expect(ABSTRACT).toContain(e.quote.replace(/\s+/g, ' '));
      expect(e).toMatchObject({
        verification: 'VERIFIED',
        document: {
          id: 'seed-abstract',
          localCopy: 'seeds/reference/seed-abstract.txt',
          publication: { pmid: '22507901' },
        },
      });
    }
  });

  it('returns for every seeded study the arm sizes, measured values and comparisons of its seed file', async () => {
    const query = `query S($id: ID!) { study(id: $id) {
      id enrolment registryIds { registry id }
      arms { id randomized }
      outcomes { id measurements { id value valueText unit arm { id } } comparisons { id estimate p { value text } treatmentArm { id } referenceArm { id } } }
    } }`;
    expect(STUDY_FILES).toHaveLength(9);
    for (const file of STUDY_FILES) {
      const s = file.study;
      const key = (local: string | null) => (local === null ? null : `${s.id}/${local}`);
      const { body } = await server.graphql(query, { id: s.id });
      expect(body.errors).toBeUndefined();
      expect(body.data.study).toEqual({
        id: s.id,
        enrolment: s.enrolment,
        registryIds: s.registryIds,
        arms: file.arms.map((a: Json) => ({ id: key(a.id), randomized: a.randomized })),
        outcomes: file.outcomes.map((o: Json) => ({
          id: key(o.id),
          measurements: o.measurements.map((m: Json) => ({
            id: key(m.id),
            value: m.value,
            valueText: m.valueText,
            unit: m.unit,
            arm: m.arm === null ? null : { id: key(m.arm) },
          })),
          comparisons: o.comparisons.map((c: Json) => ({
            id: key(c.id),
            estimate: c.estimate,
            p: c.p === null ? null : { value: c.p.value, text: c.p.text },
            treatmentArm: { id: key(c.treatmentArm) },
            referenceArm: { id: key(c.referenceArm) },
          })),
        })),
      });
    }
  });

  it('gives NETTER-1 its registry ID and the year of its primary report (2017)', async () => {
    const { body } = await server.graphql(
      `{ study(id: "netter-1") { acronym year phase masking registryIds { registry id } publications { id role year } } }`,
    );
    expect(body.data.study).toEqual({
      acronym: 'NETTER-1',
      year: 2017,
      phase: 'PHASE_3',
      masking: 'OPEN_LABEL',
      registryIds: [{ registry: 'CLINICALTRIALS_GOV', id: 'NCT01578239' }],
      publications: [
        { id: 'netter-1-nejm-2017', role: 'PRIMARY_REPORT', year: 2017 },
        { id: 'netter-1-lancet-oncol-2021', role: 'FOLLOW_UP_REPORT', year: 2021 },
      ],
    });
  });

  it('answers null, without an error, for an unknown study', async () => {
    for (const id of ['no-such-study', '', 'hae-vs-hace-midgut/hace', '\u0000', 'x'.repeat(10_000)]) {
      const { status, body } = await server.graphql(`query S($id: ID!) { study(id: $id) { id } }`, { id });
      expect(status).toBe(200);
      expect(body).toMatchObject({ data: { study: null } });
      expect(body.errors).toBeUndefined();
    }
  });
});
