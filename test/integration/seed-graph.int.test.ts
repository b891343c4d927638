import fs from 'node:fs';
import path from 'node:path';
import { NODE_LABELS, OWNED_LABELS, REL_SHAPES } from '../../src/seeds/seed.plan';
import { collapse, conceptNamed, readAbstractFacts } from '../fixtures/seed-abstract-facts';
import { Json, readJson, REPO_ROOT, SEED_STUDY_FILE, studyFiles, VOCABULARY_FILE } from '../fixtures/seed-inputs';
import { connectTestDb, TestDb } from '../support/db';

/**
 * The seeded graph, read back with Cypher only: the facts of the seed abstract with their quotes,
 * the links between trials through shared concepts, and the graph model itself (labels,
 * relationship shapes, constraints). Read-only: other test files run on the same database.
 */

jest.setTimeout(120_000);

const SEED = readJson(SEED_STUDY_FILE).study.id as string;
const facts = readAbstractFacts();
const vocabulary: Json = readJson(VOCABULARY_FILE);
const interventionId = (words: string) => conceptNamed(vocabulary.interventions, words);
const outcomeConceptId = (words: string) => conceptNamed(vocabulary.outcomeConcepts, words);

let db: TestDb;
beforeAll(() => {
  db = connectTestDb();
});
afterAll(() => db.close());

/** The text of a document's local copy, collapsed, so that a quote read from the graph can be found in it. */
const localCopy = (file: string) => collapse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));

/** What the model writes only for registry records, cohorts and planned designs, which no seed trial has (no value is invented to fill them). */
const NOT_IN_SEEDS = {
  labels: new Set(['Cohort', 'DesignPlan', 'ResultGroup', 'FlowCount', 'BaselineMeasure', 'BaselineValue']),
  types: new Set([
    'HAS_RECORD',
    'HAS_COHORT',
    'INCLUDES_ARM',
    'PLANNED_AS',
    'HAS_GROUP',
    'OF_GROUP',
    'COMPARES',
    'TREATMENT_GROUP',
    'REFERENCE_GROUP',
    'HAS_FLOW_COUNT',
    'HAS_BASELINE_MEASURE',
    'HAS_VALUE',
  ]),
};

describe('the seed trial, fact by fact, with the quote that states it', () => {
  it('the study is stored once, with its document and publication', async () => {
    const rows = await db.query<{ n: number; docs: string[]; pmid: string }>(
      `MATCH (s:Study {id: $id})
       OPTIONAL MATCH (s)-[:REPORTED_IN]->(p:Publication)<-[:REPRODUCES]-(d:Document)
       RETURN count(DISTINCT s) AS n, collect(DISTINCT d.localCopy) AS docs, collect(DISTINCT p.pmid)[0] AS pmid`,
      { id: SEED },
    );
    expect(rows).toEqual([{ n: 1, docs: ['seeds/reference/seed-abstract.txt'], pmid: '22507901' }]);
  });

  it('arm sizes 12 (HACE) and 14 (HAE), each supported by the sentence of the abstract', async () => {
    for (const fact of facts.arms) {
      const rows = await db.query<{ randomized: number; quote: string; localCopy: string }>(
        `MATCH (:Study {id: $id})-[:HAS_ARM]->(a:Arm)-[:RECEIVES]->(:Intervention {id: $intervention}),
               (a)-[:SUPPORTED_BY]->(e:Evidence)-[:QUOTED_FROM]->(d:Document)
         WHERE e.quote CONTAINS $written
         RETURN a.randomized AS randomized, e.quote AS quote, d.localCopy AS localCopy`,
        { id: SEED, intervention: interventionId(fact.arm), written: `${fact.written} ` },
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].randomized).toBe(fact.value);
      expect(rows[0].quote).toBe(facts.armsSentence);
      expect(localCopy(rows[0].localCopy)).toContain(collapse(rows[0].quote));
    }
    const [{ enrolment }] = await db.query<{ enrolment: number }>(
      'MATCH (s:Study {id: $id}) RETURN s.enrolment AS enrolment',
      { id: SEED },
    );
    expect(enrolment).toBe(12 + 14);
  });

  it.each(facts.landmarks.map((f) => [f.outcome, f] as const))(
    '2-year %s rate per arm and the p-value, each with its quote',
    async (_name, fact) => {
      const concept = outcomeConceptId(fact.outcome);
      for (const rate of fact.rates) {
        const rows = await db.query<Json>(
          `MATCH (:Study {id: $id})-[:HAS_OUTCOME]->(o:Outcome)-[:MEASURES]->(:OutcomeConcept {id: $concept}),
               (o)-[:HAS_MEASUREMENT]->(m:Measurement)-[:OF_ARM]->(a:Arm)-[:RECEIVES]->(:Intervention {id: $intervention}),
               (m)-[:SUPPORTED_BY]->(e:Evidence)-[:QUOTED_FROM]->(d:Document)
         RETURN m.value AS value, m.unit AS unit, m.statistic AS statistic, m.timePointMonths AS months, e.quote AS quote, e.verification AS verification, d.localCopy AS localCopy`,
          { id: SEED, concept, intervention: interventionId(rate.arm) },
        );
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          value: rate.value,
          unit: 'PERCENT',
          statistic: 'LANDMARK_RATE',
          months: fact.timePoint.value * 12,
          verification: 'VERIFIED',
        });
        expect(rows[0].quote).toContain(`${rate.written} `);
        expect(rows[0].quote).toContain(`${fact.timePoint.value}-year`);
        expect(localCopy(rows[0].localCopy)).toContain(collapse(rows[0].quote));
      }
      const comparisons = await db.query<Json>(
        `MATCH (:Study {id: $id})-[:HAS_OUTCOME]->(o:Outcome)-[:MEASURES]->(:OutcomeConcept {id: $concept}),
             (o)-[:HAS_COMPARISON]->(c:Comparison),
             (c)-[:TREATMENT_ARM]->(:Arm)-[:RECEIVES]->(t:Intervention),
             (c)-[:REFERENCE_ARM]->(:Arm)-[:RECEIVES]->(r:Intervention),
             (c)-[:SUPPORTED_BY]->(e:Evidence)-[:QUOTED_FROM]->(d:Document)
       RETURN t.id AS treatment, r.id AS reference, c.pValue AS p, c.pOperator AS operator, c.pText AS pText, e.quote AS quote, d.localCopy AS localCopy`,
        { id: SEED, concept },
      );
      expect(comparisons).toHaveLength(1);
      expect(comparisons[0]).toMatchObject({
        treatment: interventionId('HACE'),
        reference: interventionId('HAE'),
        p: fact.p.value,
        operator: '=',
        pText: fact.p.text,
      });
      expect(comparisons[0].quote).toContain(fact.p.text);
      expect(localCopy(comparisons[0].localCopy)).toContain(collapse(comparisons[0].quote));
    },
  );

  it('disease control rate on CT 95%, whole cohort (no arm), with its quote', async () => {
    const rows = await db.query<Json>(
      `MATCH (:Study {id: $id})-[:HAS_OUTCOME]->(o:Outcome)-[:MEASURES]->(:OutcomeConcept {id: $concept}),
             (o)-[:HAS_MEASUREMENT]->(m:Measurement)-[:SUPPORTED_BY]->(e:Evidence)-[:QUOTED_FROM]->(d:Document)
       RETURN m.value AS value, m.unit AS unit, EXISTS { (m)-[:OF_ARM]->() } AS hasArm, e.quote AS quote, d.localCopy AS localCopy`,
      { id: SEED, concept: outcomeConceptId('disease control rate') },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: facts.diseaseControl.value, unit: 'PERCENT', hasArm: false });
    expect(rows[0].quote).toContain(facts.diseaseControl.written);
    expect(localCopy(rows[0].localCopy)).toContain(collapse(rows[0].quote));
  });

  it('grade 3 toxicity 19% and 0 treatment-related deaths, whole cohort, with their quote', async () => {
    const rows = await db.query<Json>(
      `MATCH (:Study {id: $id})-[:HAS_ADVERSE_EVENT]->(ae:AdverseEventResult)-[:SUPPORTED_BY]->(e:Evidence)-[:QUOTED_FROM]->(d:Document)
       WHERE NOT (ae)-[:OF_ARM]->()
       RETURN ae.term AS term, ae.gradeMin AS gradeMin, ae.gradeMax AS gradeMax, ae.percent AS percent, ae.patients AS patients, e.quote AS quote, d.localCopy AS localCopy
       ORDER BY ae.gradeMin`,
      { id: SEED },
    );
    const toxicity = rows.filter((r) => r.gradeMin === facts.toxicity.grade && r.gradeMax === facts.toxicity.grade);
    expect(toxicity).toHaveLength(1);
    expect(toxicity[0].percent).toBe(facts.toxicity.percent);
    expect(toxicity[0].quote).toContain(facts.toxicity.written);
    expect(toxicity[0].quote).toContain(`Grade ${facts.toxicity.grade} toxicity`);
    const deaths = rows.filter((r) => r.term === 'treatment-related death');
    expect(deaths).toHaveLength(1);
    expect(deaths[0].patients).toBe(facts.treatmentRelatedDeaths.patients);
    expect(deaths[0].quote).toContain(facts.treatmentRelatedDeaths.written);
    for (const r of rows) expect(localCopy(r.localCopy)).toContain(collapse(r.quote));
  });

  it('prognostic factors for PFS: 2 associated with a worse outcome, 5 not associated, each with its quote', async () => {
    const rows = await db.query<Json>(
      `MATCH (:Study {id: $id})-[:HAS_FINDING]->(f:PredictorFinding)-[:OF_PREDICTOR]->(p:Predictor),
             (f)-[:FOR_CONCEPT]->(:OutcomeConcept {id: $pfs}),
             (f)-[:SUPPORTED_BY]->(e:Evidence)-[:QUOTED_FROM]->(d:Document)
       RETURN p.id AS predictor, f.associated AS associated, f.direction AS direction, f.directionText AS directionText, e.quote AS quote, d.localCopy AS localCopy`,
      { id: SEED, pfs: outcomeConceptId('PFS') },
    );
    expect(rows).toHaveLength(facts.factors.length);
    for (const fact of facts.factors) {
      const row = rows.find((r) => r.predictor === conceptNamed(vocabulary.predictors, fact.factor));
      expect(row).toBeDefined();
      expect(row).toMatchObject({
        associated: fact.associated,
        direction: fact.associated ? 'WORSE_OUTCOME' : null,
        directionText: fact.directionText,
      });
      expect(row.quote).toContain(fact.factor);
      expect(localCopy(row.localCopy)).toContain(collapse(row.quote));
    }
    const associated = rows
      .filter((r) => r.associated)
      .map((r) => r.predictor)
      .sort();
    const notAssociated = rows
      .filter((r) => !r.associated)
      .map((r) => r.predictor)
      .sort();
    expect(associated).toEqual(['serum-chromogranin-a', 'urinary-5-hiaa']);
    expect(notAssociated).toEqual([
      'age',
      'gender',
      'hepatic-tumour-burden',
      'previous-resection',
      'somatostatin-analogue-treatment',
    ]);
  });

  it('every Evidence node of the seed study quotes its document word for word', async () => {
    const rows = await db.query<{ quote: string; localCopy: string }>(
      `MATCH (e:Evidence {studyId: $id})-[:QUOTED_FROM]->(d:Document) RETURN e.quote AS quote, d.localCopy AS localCopy`,
      { id: SEED },
    );
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const r of rows) expect(localCopy(r.localCopy)).toContain(collapse(r.quote));
  });
});

describe('links between trials through shared concepts', () => {
  const studiesWithCondition = `
    MATCH (s:Study)-[:HAS_POPULATION]->(:Population)-[:HAS_CONDITION]->(c:Condition)
    RETURN s.id AS study, collect(c.id) AS conditions`;

  it('the seed trial, PROMID and NETTER-1 meet at midgut NET (the seed condition IS_A* midgut-net)', async () => {
    const isA = await db.query<{ hops: number }>(
      `MATCH (:Study {id: $id})-[:HAS_POPULATION]->()-[:HAS_CONDITION]->(c:Condition),
             p = (c)-[:IS_A*]->(:Condition {id: 'midgut-net'})
       RETURN length(p) AS hops`,
      { id: SEED },
    );
    expect(isA.length).toBeGreaterThanOrEqual(1);
    const direct = await db.query<{ study: string; conditions: string[] }>(studiesWithCondition);
    const byStudy = new Map(direct.map((r) => [r.study, r.conditions]));
    expect(byStudy.get('promid')).toContain('midgut-net');
    expect(byStudy.get('netter-1')).toContain('midgut-net');
    const linked = await db.query<{ other: string }>(
      `MATCH (:Study {id: $id})-[:HAS_POPULATION]->()-[:HAS_CONDITION]->(:Condition)-[:IS_A*0..]->(m:Condition {id: 'midgut-net'}),
             (other:Study)-[:HAS_POPULATION]->()-[:HAS_CONDITION]->(:Condition)-[:IS_A*0..]->(m)
       WHERE other.id <> $id
       RETURN DISTINCT other.id AS other`,
      { id: SEED },
    );
    expect(linked.map((r) => r.other)).toEqual(expect.arrayContaining(['promid', 'netter-1']));
  });

  it.each([
    ['netter-1', 'netter-2', 'lutetium-177-dotatate'],
    ['promid', 'radiant-2', 'octreotide-lar'],
    ['radiant-2', 'radiant-3', 'everolimus'],
    ['radiant-2', 'radiant-4', 'everolimus'],
    ['radiant-3', 'radiant-4', 'everolimus'],
  ])('%s and %s share %s', async (a, b, intervention) => {
    const rows = await db.query<{ n: number }>(
      `MATCH (:Study {id: $a})-[:HAS_ARM]->(:Arm)-[:RECEIVES]->(i:Intervention {id: $intervention})<-[:RECEIVES]-(:Arm)<-[:HAS_ARM]-(:Study {id: $b})
       RETURN count(DISTINCT i) AS n`,
      { a, b, intervention },
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('RADIANT-2, -3 and -4 are the seeded studies with an everolimus arm', async () => {
    const rows = await db.query<{ study: string }>(
      `MATCH (s:Study)-[:HAS_ARM]->(:Arm)-[:RECEIVES]->(:Intervention {id: 'everolimus'}) RETURN DISTINCT s.id AS study`,
    );
    const seeded = new Set(studyFiles().map((f) => f.data.study.id));
    expect(
      rows
        .map((r) => r.study)
        .filter((s) => seeded.has(s))
        .sort(),
    ).toEqual(['radiant-2', 'radiant-3', 'radiant-4']);
  });

  it('progression-free survival is measured by every seeded study whose file reports it (at least 5)', async () => {
    const pfs = outcomeConceptId('PFS');
    const reporting = studyFiles()
      .filter(({ data }) => data.outcomes.some((o: Json) => o.concept === pfs && o.measurements.length > 0))
      .map(({ data }) => data.study.id as string)
      .sort();
    expect(reporting.length).toBeGreaterThanOrEqual(5);
    expect(reporting).toContain(SEED);
    const rows = await db.query<{ study: string; measurements: number }>(
      `MATCH (s:Study)-[:HAS_OUTCOME]->(o:Outcome)-[:MEASURES]->(:OutcomeConcept {id: $pfs}), (o)-[:HAS_MEASUREMENT]->(m:Measurement)
       RETURN s.id AS study, count(m) AS measurements`,
      { pfs },
    );
    const seeded = new Set(studyFiles().map((f) => f.data.study.id));
    expect(
      rows
        .map((r) => r.study)
        .filter((s) => seeded.has(s))
        .sort(),
    ).toEqual(reporting);
    for (const { data } of studyFiles().filter(({ data }) => reporting.includes(data.study.id))) {
      const expected = data.outcomes
        .filter((o: Json) => o.concept === pfs)
        .reduce((n: number, o: Json) => n + o.measurements.length, 0);
      expect(rows.find((r) => r.study === data.study.id)!.measurements).toBe(expected);
    }
  });
});

describe('the graph model', () => {
  it('every node carries one label of NODE_LABELS (plus StudyPart exactly on owned labels), or is a SchemaMigration or of the change log', async () => {
    const rows = await db.query<{ labels: string[]; n: number }>('MATCH (n) RETURN labels(n) AS labels, count(*) AS n');
    const allowed = new Set<string>(NODE_LABELS);
    // Kept beside the model, not written by the loader's plan: the migrations, and the change log (schema/013).
    const beside = new Set(['SchemaMigration', 'ChangeEvent', 'ChangeKey', 'ChangeLog']);
    const problems: string[] = [];
    for (const { labels } of rows) {
      if (labels.length === 1 && beside.has(labels[0])) continue;
      const model = labels.filter((l) => l !== 'StudyPart');
      if (model.length !== 1 || !allowed.has(model[0])) problems.push(`unexpected labels ${labels.join(':')}`);
      else if (OWNED_LABELS.has(model[0] as (typeof NODE_LABELS)[number]) !== labels.includes('StudyPart')) {
        problems.push(`${model[0]} ${labels.includes('StudyPart') ? 'has' : 'lacks'} the StudyPart label`);
      }
    }
    expect(problems).toEqual([]);
    const present = new Set(rows.flatMap((r) => r.labels));
    // The seeds use every label of the model but those of designs and sources they do not have (test/integration/ctgov-import.int.test.ts writes them).
    for (const label of [...NODE_LABELS, 'StudyPart', 'SchemaMigration'].filter((l) => !NOT_IN_SEEDS.labels.has(l)))
      expect(present).toContain(label);
  });

  it('every relationship has one of the shapes of REL_SHAPES (or is a derived (:Study)-[:RELATED]->(:Study))', async () => {
    const rows = await db.query<{ from: string[]; type: string; to: string[] }>(
      `MATCH (a)-[r]->(b) WHERE NOT (r:RELATED AND a:Study AND b:Study)
       RETURN DISTINCT [l IN labels(a) WHERE l <> 'StudyPart'] AS from, type(r) AS type, [l IN labels(b) WHERE l <> 'StudyPart'] AS to`,
    );
    const shapes = new Set(REL_SHAPES.map(([type, from, to]) => `(:${from})-[:${type}]->(:${to})`));
    const found = rows.map((r) => `(:${r.from.join(':')})-[:${r.type}]->(:${r.to.join(':')})`);
    expect(found.filter((s) => !shapes.has(s))).toEqual([]);
    const types = new Set(rows.map((r) => r.type));
    for (const [type] of REL_SHAPES.filter(([t]) => !NOT_IN_SEEDS.types.has(t))) expect(types).toContain(type);
  });

  it('every constraint of the migrations (001_constraints.cypher, 009, 010 and 011) exists (SHOW CONSTRAINTS)', async () => {
    const ddl = [
      '001_constraints.cypher',
      '009_cohort_plan_keys.cypher',
      '010_result_group_keys.cypher',
      '011_study_versions.cypher',
    ]
      .map((f) => fs.readFileSync(path.join(REPO_ROOT, 'schema', f), 'utf8'))
      .join('\n');
    const declared = [
      ...ddl.matchAll(/CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \(\w+:(\w+)\) REQUIRE \w+\.(\w+) IS UNIQUE/g),
    ].map((m) => ({
      name: m[1],
      label: m[2],
      property: m[3],
    }));
    expect(declared.length).toBe((ddl.match(/CREATE CONSTRAINT/g) ?? []).length);
    const rows = await db.query<{ name: string; type: string; labelsOrTypes: string[]; properties: string[] }>(
      'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties',
    );
    for (const c of declared) {
      expect(rows).toContainEqual({
        name: c.name,
        type: 'UNIQUENESS',
        labelsOrTypes: [c.label],
        properties: [c.property],
      });
    }
    // Every node label of the model has its key constraint.
    for (const label of NODE_LABELS) expect(declared.map((c) => `${c.label}.${c.property}`)).toContain(`${label}.id`);
  });

  it('every index the files of schema/ create exists and is online, and every index they drop is gone', async () => {
    const rows = await db.query<{ name: string; state: string; type: string }>('SHOW INDEXES YIELD name, state, type');
    const ddl = fs
      .readdirSync(path.join(REPO_ROOT, 'schema'))
      .filter((f) => /^\d{3}_.*\.cypher$/.test(f))
      .sort()
      .map((f) => fs.readFileSync(path.join(REPO_ROOT, 'schema', f), 'utf8'))
      .join('\n');
    const dropped = new Set([...ddl.matchAll(/DROP INDEX (\w+)/g)].map((m) => m[1]));
    const names = [...ddl.matchAll(/CREATE (?:FULLTEXT |RANGE |TEXT )?INDEX (\w+) IF NOT EXISTS/g)]
      .map((m) => m[1])
      .filter((name) => !dropped.has(name));
    expect(names.length).toBeGreaterThan(0);
    expect(dropped).toContain('study_part_id');
    for (const name of dropped) expect(rows.find((r) => r.name === name)).toBeUndefined();
    for (const name of names) expect(rows.find((r) => r.name === name)?.state).toBe('ONLINE');
  });

  const schemaPage = path.join(REPO_ROOT, 'schema', 'README.md');
  (fs.existsSync(schemaPage) ? it : it.skip)(
    'schema/README.md names every label and relationship type of the model',
    () => {
      const page = fs.readFileSync(schemaPage, 'utf8');
      for (const label of NODE_LABELS) expect(page).toContain(label);
      for (const [type] of REL_SHAPES) expect(page).toContain(type);
    },
  );
});
