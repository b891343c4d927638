/**
 * The ClinicalTrials.gov importer against a real Neo4j: the constructed v2 records of
 * test/fixtures/ctgov/ through the CLI (the built command, as `npm run import:ctgov` runs it) and
 * through the mutation, read back through GraphQL with their numbers and provenance; re-import,
 * update, the record of a curated study, bad input, the body limit with the key, and --fetch
 * against local HTTP servers. Every key the tests create starts with the test's prefix
 * (--key-prefix / keyPrefix), so the seeded graph is never changed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import {
  buildPrivateDist,
  deleteStudiesUnder,
  freePort,
  Json,
  postGraphQL,
  PrivateBuild,
  request,
  seededCounts,
  studyShape,
  testPrefix,
} from '../security/helpers';
import { TestDb, useWriteDatabase } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { CTGOV_FIXTURES, ctgovFixture } from '../support/ctgov';
import { codesOutsidePackage, fhirValidator, FhirValidator } from '../support/fhir';
import { readJson, rekeyStudy, SEEDS_DIR, VOCABULARY_FILE } from '../fixtures/seed-inputs';
import { loadSeedTexts } from '../../src/seeds/seed.loader';
import { readCatalog } from '../../src/ctgov/ctgov.service';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

const KEY = 'ctgov-test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}` };
const IMPORT = `mutation($r: [JSONObject!]!, $p: String) {
  importClinicalTrialsGov(records: $r, keyPrefix: $p) { written results { record nctId studyId status issues { path rule message } createdConcepts leftOut } }
}`;
const TWO_COHORTS = path.join(CTGOV_FIXTURES, 'nct09900001-two-cohorts.json');
const SUBGROUPS = path.join(CTGOV_FIXTURES, 'nct09900002-subgroups.json');

/** Nodes and relationships keyed under `prefix` (studies, parts, documents, publications, concepts). */
async function countsUnder(db: TestDb, prefix: string) {
  const mine = `(coalesce(n.id, '') STARTS WITH $prefix OR coalesce(n.studyId, '') STARTS WITH $prefix)`;
  const [row] = await db.query<{ nodes: number; relationships: number }>(
    `CALL { MATCH (n) WHERE ${mine} RETURN count(n) AS nodes }
     CALL { MATCH (n)-[r:!RELATED]-() WHERE ${mine} RETURN count(DISTINCT r) AS relationships }
     RETURN nodes, relationships`,
    { prefix },
  );
  return row;
}

/** Removes the MeSH codes the constructed records gave stored concepts (their sources name an NCT0990000x record). */
async function removeFixtureCodes(db: TestDb) {
  await db.query(
    `MATCH (c) WHERE (c:Condition OR c:Intervention OR c:OutcomeConcept) AND any(s IN coalesce(c.codeSources, []) WHERE s CONTAINS 'NCT0990000')
     WITH c, [i IN range(0, size(c.codes) - 1) WHERE NOT c.codeSources[i] CONTAINS 'NCT0990000'] AS keep
     SET c.codes = [i IN keep | c.codes[i]], c.codeDisplays = [i IN keep | c.codeDisplays[i]], c.codeSources = [i IN keep | c.codeSources[i]]`,
  );
}

describe('ClinicalTrials.gov importer: CLI and mutation on a real Neo4j', () => {
  let server: TestServer;
  let build: PrivateBuild;
  const prefix = testPrefix('ctgov');
  const id = (nct: string) => `${prefix}-${nct.toLowerCase()}`;

  /** Runs the built import command; resolves with its exit code and output. */
  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(build.outDir, 'src', 'ctgov', 'ctgov-cli.js'), ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, NEO4J_URI: process.env.NEO4J_URI, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (c) => (stdout += c));
      child.stderr!.on('data', (c) => (stderr += c));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  const importRecords = async (records: Json[]) => {
    const res = await postGraphQL(server.url, IMPORT, { r: records, p: prefix }, auth);
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    return res.json.data.importClinicalTrialsGov;
  };

  let validator: FhirValidator;

  beforeAll(async () => {
    // The FHIR schema compiles synchronously for seconds: before any request, so that no
    // keep-alive connection of an earlier request sits idle past the server's timeout meanwhile
    // (the next request on it would meet the server closing it: ECONNRESET).
    validator = fhirValidator();
    [server, build] = await Promise.all([startTestServer({ apiKey: KEY }), buildPrivateDist('ctgov')]);
  });
  afterAll(async () => {
    if (server) {
      await deleteStudiesUnder(server.db, prefix);
      await removeFixtureCodes(server.db);
      await server.close();
    }
    build?.remove();
  });

  it('imports records through the CLI, reads them back with their numbers and provenance, and a re-import changes nothing', async () => {
    const seeded = await seededCounts(server.db);
    const run = await cli([TWO_COHORTS, SUBGROUPS, '--key-prefix', prefix]);
    expect(run.stderr).not.toMatch(/invalid|nothing was written/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`NCT09900001 CREATED ${id('NCT09900001')}`);
    expect(run.stdout).toContain(`NCT09900002 CREATED ${id('NCT09900002')}`);

    const { json } = await postGraphQL(
      server.url,
      `query($id: ID!) { study(id: $id) {
        title phase masking status enrolment registryIds { registry id } notes
        population { conditions { id } }
        arms { label role interventions { intervention { id } } }
        outcomes { name role timeFrame concept { id }
          measurements { arm { label } statistic value valueText unit analysed ci { level lower upper }
                         evidence { quote section verification document { id title url } } }
          comparisons { treatmentArm { label } referenceArm { label } effectMeasure estimate ci { level lower upper sided } p { text operator value sided } method } }
        adverseEvents { term arm { label } patients analysed }
        publications { pmid role }
      } }`,
      { id: id('NCT09900001') },
    );
    const study = json.data.study;
    expect(study).toMatchObject({
      phase: 'PHASE_3',
      masking: 'DOUBLE_BLIND',
      status: 'ACTIVE_NOT_RECRUITING',
      enrolment: 300,
    });
    expect(study.registryIds[0]).toEqual({ registry: 'CLINICALTRIALS_GOV', id: 'NCT09900001' });
    expect(study.population.conditions.map((c: Json) => c.id).sort()).toEqual(
      ['gastroenteropancreatic-net', 'pancreatic-net', `${prefix}-extrapancreatic-neuroendocrine-tumor`].sort(),
    );
    expect(study.arms.map((a: Json) => [a.label, a.role, a.interventions.map((i: Json) => i.intervention.id)])).toEqual(
      [
        ['Cohort I (pNET): Testinib', 'EXPERIMENTAL', [`${prefix}-testinib`]],
        ['Cohort I (pNET): Placebo', 'PLACEBO_COMPARATOR', ['placebo']],
        ['Cohort II (epNET): Testinib', 'EXPERIMENTAL', [`${prefix}-testinib`]],
        ['Cohort II (epNET): Placebo', 'PLACEBO_COMPARATOR', ['placebo']],
      ],
    );
    const pfs = study.outcomes.find((o: Json) => o.concept.id === 'progression-free-survival');
    expect(pfs.measurements[0]).toEqual({
      arm: { label: 'Cohort I (pNET): Testinib' },
      statistic: 'MEDIAN',
      value: 11.1,
      valueText: null,
      unit: 'MONTHS',
      analysed: 60,
      ci: { level: 95, lower: 8.2, upper: null },
      evidence: [
        {
          quote:
            '{"groupId":"OG000","value":"11.1","lowerLimit":"8.2","upperLimit":"NA","comment":"Constructed: upper limit not estimable."}',
          section: 'resultsSection.outcomeMeasuresModule.outcomeMeasures[0].classes[0].categories[0].measurements[0]',
          verification: 'REGISTRY_REPORTED',
          document: {
            id: `${prefix}-ctgov-nct09900001`,
            title: 'ClinicalTrials.gov record NCT09900001',
            url: 'https://clinicaltrials.gov/study/NCT09900001',
          },
        },
      ],
    });
    expect(pfs.comparisons[1]).toEqual({
      treatmentArm: { label: 'Cohort II (epNET): Testinib' },
      referenceArm: { label: 'Cohort II (epNET): Placebo' },
      effectMeasure: 'HAZARD_RATIO',
      estimate: 0.55,
      ci: { level: 95, lower: 0.4, upper: 0.77, sided: 'TWO_SIDED' },
      p: { text: '0.012', operator: '=', value: 0.012, sided: null },
      method: 'Log Rank',
    });
    expect(study.adverseEvents[2]).toEqual({
      term: 'Constructed other event',
      arm: { label: 'Cohort II (epNET): Testinib' },
      patients: 25,
      analysed: 120,
    });
    expect(study.publications).toEqual(
      expect.arrayContaining([
        { pmid: '99900001', role: 'RESULT_REPORT' },
        { pmid: null, role: 'BACKGROUND' },
      ]),
    );
    expect(study.notes[0]).toContain('Imported from ClinicalTrials.gov record NCT09900001 (last updated 2099-01-15)');

    // The second record: NA values, one-sided CI and p, and its MeSH code on the stored octreotide LAR.
    const second = (
      await postGraphQL(
        server.url,
        `query($id: ID!) { study(id: $id) { outcomes { name measurements { value valueText ci { level lower upper } } comparisons { estimate ci { sided upper } p { text value sided } } } }
           intervention(id: "octreotide-lar") { curation codes { system code display source } }
           created: intervention(id: "${prefix}-testinib") { curation codes { system code } } }`,
        { id: id('NCT09900002') },
      )
    ).json.data;
    const ttp = second.study.outcomes.find((o: Json) => o.name === 'Time to Tumor Progression');
    expect(ttp.measurements[0]).toEqual({ value: null, valueText: 'NA', ci: { level: 90, lower: 10, upper: null } });
    expect(ttp.comparisons).toEqual([
      {
        estimate: 0.44,
        ci: { sided: 'ONE_SIDED', upper: 0.7 },
        p: { text: '0.004', value: 0.004, sided: 'ONE_SIDED' },
      },
      { estimate: null, ci: null, p: { text: 'NA', value: null, sided: null } },
    ]);
    expect(second.intervention).toEqual({
      curation: 'CURATED',
      codes: [
        {
          system: 'MESH',
          code: 'D015282',
          display: 'Octreotide',
          source: 'ClinicalTrials.gov NCT09900002 derivedSection.interventionBrowseModule.meshes[0]',
        },
      ],
    });
    expect(second.created).toEqual({ curation: 'IMPORTED_UNREVIEWED', codes: [{ system: 'MESH', code: 'D999901' }] });
    // Loading the curated vocabulary again (npm run seed) gives octreotide LAR its file's properties and keeps the code the record gave it.
    await loadSeedTexts(server.db.executor, [
      { file: 'vocabulary.json', text: fs.readFileSync(VOCABULARY_FILE, 'utf8') },
    ]);
    const reseeded = (await postGraphQL(server.url, '{ intervention(id: "octreotide-lar") { codes { code source } } }'))
      .json.data.intervention;
    expect(reseeded.codes).toEqual([
      { code: 'D015282', source: 'ClinicalTrials.gov NCT09900002 derivedSection.interventionBrowseModule.meshes[0]' },
    ]);

    // The octreotide arm makes the study one of the somatostatin-analogue studies (IS_A).
    const ssa = await postGraphQL(
      server.url,
      `{ studies(where: { interventionIds: ["somatostatin-analogue"] }, first: 100) { edges { node { id } } } }`,
    );
    expect(ssa.json.data.studies.edges.map((e: Json) => e.node.id)).toEqual(
      expect.arrayContaining([id('NCT09900002'), 'clarinet', 'promid']),
    );
    // And related to the octreotide LAR trial PROMID, for the shared agent.
    const related = await postGraphQL(
      server.url,
      `{ relatedStudies(id: "${id('NCT09900002')}", first: 10) { study { id } shared { kind name } } }`,
    );
    const promid = related.json.data.relatedStudies.find((r: Json) => r.study.id === 'promid');
    // The record's condition "Midgut Neuroendocrine Tumor" joined the curated midgut NET (a synonym), its octreotide the curated
    // octreotide LAR, which now carries the record's MeSH code D015282: the reasons relatedStudies names.
    expect(promid.shared).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'INTERVENTION', name: 'Octreotide LAR' }),
        expect.objectContaining({ kind: 'CONDITION', name: 'Midgut neuroendocrine tumour' }),
      ]),
    );
    // And to the lanreotide trial CLARINET through the class both agents belong to (octreotide LAR and lanreotide IS_A somatostatin analogue).
    const clarinet = related.json.data.relatedStudies.find((r: Json) => r.study.id === 'clarinet');
    expect(clarinet.shared).toEqual(
      expect.arrayContaining([{ kind: 'INTERVENTION_CLASS', name: 'Somatostatin analogue' }]),
    );

    // The same records again: unchanged, nothing moves.
    const mine = await countsUnder(server.db, prefix);
    const again = await cli([TWO_COHORTS, SUBGROUPS, '--key-prefix', prefix]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('NCT09900001 UNCHANGED');
    expect(again.stdout).toContain('NCT09900002 UNCHANGED');
    expect(again.stdout).toContain('nodes +0/-0, relationships +0/-0');
    expect(await countsUnder(server.db, prefix)).toEqual(mine);
    expect(await seededCounts(server.db)).toEqual(seeded);
  });

  it('reads back cohorts, origin, the record document, rows, categories and non-inferiority', async () => {
    const { json } = await postGraphQL(
      server.url,
      `query($a: ID!, $b: ID!) {
        a: study(id: $a) { origin registryRecords { id url registryRecord { registry id lastUpdated } } cohorts { label n conditions { id } arms { label } evidence { section } } }
        b: study(id: $b) { outcomes { name measurements { unitText category row analysed subgroup { label criterion n } } comparisons { estimateText hypothesis } } }
      }`,
      { a: id('NCT09900001'), b: id('NCT09900002') },
    );
    expect(json.errors).toBeUndefined();
    expect(json.data.a.origin).toBe('REGISTRY_IMPORT');
    expect(json.data.a.registryRecords).toEqual([
      {
        id: `${prefix}-ctgov-nct09900001`,
        url: 'https://clinicaltrials.gov/study/NCT09900001',
        registryRecord: { registry: 'CLINICALTRIALS_GOV', id: 'NCT09900001', lastUpdated: '2099-01-15' },
      },
    ]);
    expect(
      json.data.a.cohorts.map((c: Json) => [
        c.label,
        c.conditions.map((x: Json) => x.id),
        c.arms.map((x: Json) => x.label),
      ]),
    ).toEqual([
      ['Cohort I (pNET)', ['pancreatic-net'], ['Cohort I (pNET): Testinib', 'Cohort I (pNET): Placebo']],
      ['Cohort II (epNET)', [], ['Cohort II (epNET): Testinib', 'Cohort II (epNET): Placebo']],
    ]);
    expect(json.data.a.cohorts[0].evidence[0].section).toBe('protocolSection.armsInterventionsModule.armGroups[0]');
    const [ttp, response] = json.data.b.outcomes;
    // A class is a titled row of the measure, not a subgroup the record names as such; its denoms are the number analysed.
    expect(ttp.measurements[0]).toEqual({
      unitText: 'Months',
      category: null,
      row: 'Ki-67 up to 2% (constructed)',
      analysed: 30,
      subgroup: null,
    });
    expect(ttp.comparisons[1]).toEqual({ estimateText: 'NA', hypothesis: 'NON_INFERIORITY' });
    expect(response.measurements.map((m: Json) => m.category)).toEqual([
      'Partial response',
      'Partial response',
      'Stable disease',
      'Stable disease',
    ]);
  });

  it('exports an imported study (subgroups, NA values, one-sided intervals) as FHIR that validates, and as CSV with its subgroups', async () => {
    for (const nct of ['NCT09900001', 'NCT09900002']) {
      const fhir = await request(`${server.url}/fhir/Evidence?study=${id(nct)}`, { method: 'GET' });
      expect(fhir.status).toBe(200);
      expect(fhir.json.entry.length).toBeGreaterThan(0);
      expect(validator.errorsOf(fhir.json)).toEqual([]);
      expect(codesOutsidePackage(fhir.json)).toEqual([]);
    }
    const csv = await request(`${server.url}/export/compare-outcome.csv?outcomeConcept=time-to-progression`, {
      method: 'GET',
    });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Ki-67 up to 2% (constructed)');
  });

  it('replaces a study from an updated record through the mutation, and leaves a curated study as it is while attaching its record', async () => {
    const updated = ctgovFixture('nct09900002-subgroups.json');
    updated.protocolSection.statusModule.lastUpdatePostDateStruct.date = '2099-06-01';
    updated.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].classes[1].categories[0].measurements[0].value =
      '10.5';
    updated.resultsSection.outcomeMeasuresModule.outcomeMeasures.pop();
    // A curated study of the test's own (NETTER-1's file under a test key and a constructed NCT id) and a record of it:
    // no seeded study is touched while other test files read the seeded graph.
    const curatedId = `${prefix}-curated-netter`;
    const curatedFile = rekeyStudy(readJson(path.join(SEEDS_DIR, 'studies', 'netter-1.json')), curatedId, null);
    curatedFile.study.registryIds = [{ registry: 'CLINICALTRIALS_GOV', id: 'NCT09900004' }];
    const seeded = await postGraphQL(
      server.url,
      'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }',
      { d: [curatedFile] },
      auth,
    );
    expect(seeded.json.data.importStudies.written).toBe(true);
    const curatedRecord = ctgovFixture('nct01578239-curated-copy.json');
    curatedRecord.protocolSection.identificationModule.nctId = 'NCT09900004';
    const netter = await studyShape(server.db, curatedId);
    const NETTER = `{ study(id: "${curatedId}") { title enrolment origin outcomes { name } registryRecords { id registryRecord { id lastUpdated } } } }`;
    const netterRead = (await postGraphQL(server.url, NETTER)).json.data.study;

    const result = await importRecords([updated, curatedRecord]);
    expect(result.written).toBe(true);
    expect(result.results.map((r: Json) => [r.nctId, r.studyId, r.status])).toEqual([
      ['NCT09900002', id('NCT09900002'), 'UPDATED'],
      ['NCT09900004', curatedId, 'ATTACHED_TO_CURATED'],
    ]);
    const read = (
      await postGraphQL(
        server.url,
        `{ study(id: "${id('NCT09900002')}") { notes outcomes { name measurements { value } } } }`,
      )
    ).json.data.study;
    expect(read.outcomes.map((o: Json) => o.name)).toEqual(['Time to Tumor Progression']);
    expect(read.outcomes[0].measurements.map((m: Json) => m.value)).toEqual([null, 6.6, 10.5, 5.5]);
    expect(read.notes[0]).toContain('(last updated 2099-06-01)');
    const [{ n }] = await server.db.query<{ n: number }>(`MATCH (o:Outcome {studyId: $id}) RETURN count(o) AS n`, {
      id: id('NCT09900002'),
    });
    expect(n).toBe(1);

    // The curated study: untouched (its parts, their links), with the record as a second source: one HAS_RECORD more.
    expect(await studyShape(server.db, curatedId)).toEqual({ ...netter, relationships: netter.relationships + 1 });
    expect((await postGraphQL(server.url, NETTER)).json.data.study).toEqual({
      ...netterRead,
      registryRecords: [
        ...netterRead.registryRecords,
        { id: `${prefix}-ctgov-nct09900004`, registryRecord: { id: 'NCT09900004', lastUpdated: '2099-03-01' } },
      ],
    });
    expect(netterRead.origin).toBe('CURATED');
    const records = await server.db.query<{ id: string; recordId: string; lastUpdated: string }>(
      `MATCH (:Study {id: $curatedId})-[:HAS_RECORD]->(d:Document) WHERE d.id STARTS WITH $prefix RETURN d.id AS id, d.recordId AS recordId, d.recordLastUpdated AS lastUpdated`,
      { prefix, curatedId },
    );
    expect(records).toEqual([
      { id: `${prefix}-ctgov-nct09900004`, recordId: 'NCT09900004', lastUpdated: '2099-03-01' },
    ]);
    const again = await importRecords([updated, curatedRecord]);
    expect(again.results.map((r: Json) => r.status)).toEqual(['UNCHANGED', 'UNCHANGED']);
  });

  it('keeps an import under a key prefix to its own sandbox: it joins curated concepts, never those another prefix created', async () => {
    // Prefixes of their own (not under this file's, whose imports would join them), deleted at the end.
    const sandbox = testPrefix('ctsandbox');
    const underPrefix = async (p: string) => {
      const res = await postGraphQL(server.url, IMPORT, { r: [ctgovFixture('nct09900001-two-cohorts.json')], p }, auth);
      expect(res.json.errors).toBeUndefined();
      return res.json.data.importClinicalTrialsGov.results[0] as { status: string; createdConcepts: string[] };
    };
    try {
      const a = await underPrefix(`${sandbox}-a`);
      const b = await underPrefix(`${sandbox}-b`);
      expect(a.status).toBe('CREATED');
      expect(b.status).toBe('CREATED');
      expect(a.createdConcepts.length).toBeGreaterThan(0);
      expect(a.createdConcepts.every((c) => c.startsWith(`${sandbox}-a-`))).toBe(true);
      // The same names again under another prefix: concepts of its own, the same number.
      expect(b.createdConcepts).toEqual(a.createdConcepts.map((c) => c.replace(`${sandbox}-a-`, `${sandbox}-b-`)));
    } finally {
      await deleteStudiesUnder(server.db, sandbox);
    }
  });

  it('refuses bad records each at its JSON path and writes the good ones; a 10 MB record gets its own error', async () => {
    const before = await countsUnder(server.db, prefix);
    const good = ctgovFixture('nct09900001-two-cohorts.json');
    good.protocolSection.identificationModule.nctId = 'NCT09900005';
    const noId = ctgovFixture('nct09900002-subgroups.json');
    delete noId.protocolSection.identificationModule.nctId;
    const badGroup = ctgovFixture('nct09900001-two-cohorts.json');
    badGroup.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[0].groupIds = ['OG000', 'OG404'];
    const badP = ctgovFixture('nct09900001-two-cohorts.json');
    badP.protocolSection.identificationModule.nctId = 'NCT09900003';
    badP.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[1].pValue = '1.7';
    const result = await importRecords([good, { studies: [] }, noId, badGroup, badP]);
    expect(result.written).toBe(true);
    expect(result.results.map((r: Json) => [r.status, r.issues.map((i: Json) => `${i.path} ${i.rule}`)])).toEqual([
      ['CREATED', []],
      ['REJECTED', ['$ ctgov.not-a-study']],
      ['REJECTED', ['$.protocolSection.identificationModule.nctId ctgov.no-nct-id']],
      [
        'REJECTED',
        ['$.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[0].groupIds[1] ctgov.unknown-group'],
      ],
      // A value the seed format refuses, at the path of the record's analysis.
      ['REJECTED', ['$.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[1] schema.too_big']],
    ]);
    // Only the good record was written: the refused ones left nothing, not even the concepts they would have made.
    expect((await studyShape(server.db, id('NCT09900005'))).studies).toBe(1);
    await deleteStudiesUnder(server.db, id('NCT09900005'));
    await deleteStudiesUnder(server.db, `${prefix}-ctgov-nct09900005`);
    expect(await countsUnder(server.db, prefix)).toEqual(before);
    const after = before;

    // Through the CLI, a 10 MB record is refused on its own, with the limit named.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctgov-'));
    try {
      const big = ctgovFixture('nct09900002-subgroups.json');
      big.protocolSection.descriptionModule = { detailedDescription: 'x'.repeat(10 * 1024 * 1024) };
      fs.writeFileSync(path.join(dir, 'big.json'), JSON.stringify(big));
      const run = await cli([TWO_COHORTS, path.join(dir, 'big.json'), '--key-prefix', prefix]);
      expect(run.code).toBe(1);
      // The good record is written (unchanged: the first test imported it), the 10 MB one refused.
      expect(run.stdout).toContain('NCT09900001 UNCHANGED');
      expect(run.stderr).toContain('1 of 2 record(s) are invalid and were not written');
      expect(run.stderr).toMatch(
        /big\.json: \$: the record is 10\.0 MB of JSON, more than the 2 MB a record may have \[ctgov\.too-large\]/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await countsUnder(server.db, prefix)).toEqual(after);
  });

  it('takes a body above 100 KB with the API key (up to 4 MB), not without it', async () => {
    const padded = ctgovFixture('nct09900002-subgroups.json');
    delete padded.protocolSection.identificationModule.nctId;
    padded.protocolSection.descriptionModule = { detailedDescription: 'x'.repeat(150 * 1024) };
    const body = JSON.stringify({ query: IMPORT, variables: { r: [padded], p: prefix } });
    const headers = { 'content-type': 'application/json' };
    expect((await request(`${server.url}/graphql`, { headers, body })).status).toBe(413);
    const small = await postGraphQL(server.url, IMPORT, {
      r: [ctgovFixture('nct09900001-two-cohorts.json')],
      p: `${prefix}-nokey`,
    });
    expect(small.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const withKey = await request(`${server.url}/graphql`, { headers: { ...headers, ...auth }, body });
    expect(withKey.status).toBe(200);
    expect(withKey.json.data.importClinicalTrialsGov.results[0].issues[0].rule).toBe('ctgov.no-nct-id');
    const huge = JSON.stringify({ query: IMPORT, variables: { r: [{ x: 'x'.repeat(5 * 1024 * 1024) }] } });
    const refused = await request(`${server.url}/graphql`, { headers: { ...headers, ...auth }, body: huge });
    expect(refused.status).toBe(413);
    expect(refused.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads a catalog without the concepts another transaction deletes while it reads', async () => {
    // A read sees what other transactions commit while it runs: a concept deleted after the scan
    // found it has no properties left, and an import used to fail on its missing name
    // (normalise(null) in matchConcept). Concepts are created and deleted meanwhile, in batches.
    const racing = `${prefix}-racing`;
    let stop = false;
    const churn = (async () => {
      for (let round = 0; !stop; round += 1) {
        await server.db.query(
          'UNWIND range(1, 50) AS k CREATE (:Condition {id: $racing + "-" + $round + "-" + k, name: "Racing condition " + k, synonyms: []})',
          { racing, round },
        );
        await server.db.query('MATCH (c:Condition) WHERE c.id STARTS WITH $racing DETACH DELETE c', { racing });
      }
    })();
    let nameless = 0;
    try {
      for (let read = 0; read < 300; read += 1) {
        const catalog = await readCatalog(server.db.executor, [], prefix);
        nameless += catalog.conditions.filter((c) => typeof c.id !== 'string' || typeof c.name !== 'string').length;
      }
    } finally {
      stop = true;
      await churn;
    }
    expect(nameless).toBe(0);
  });

  describe('--fetch', () => {
    /** A local stand-in for the registry's API: `answer` decides each request's fate in turn. */
    const registry = async (answer: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void) => {
      const seen: string[] = [];
      const srv = http.createServer((req, res) => {
        seen.push(req.url ?? '');
        answer(seen.length, req, res);
      });
      await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
      return {
        base: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
        seen,
        close: () => {
          srv.closeAllConnections();
          return new Promise((resolve) => srv.close(resolve));
        },
      };
    };
    const fixtureText = fs.readFileSync(SUBGROUPS, 'utf8');

    it('fetches a record, retrying on 503 and on a timeout with backoff, with progress on stderr', async () => {
      const api = await registry((n, _req, res) => {
        if (n === 1) return void res.writeHead(503).end();
        if (n === 2) return; // never answers: the client's timeout
        res.writeHead(200, { 'content-type': 'application/json' }).end(fixtureText);
      });
      try {
        const run = await cli(['--fetch', 'NCT09900002', '--key-prefix', prefix], {
          CTGOV_BASE_URL: api.base,
          CTGOV_TIMEOUT_MS: '1000',
          CTGOV_BACKOFF_MS: '50',
        });
        expect(run.code).toBe(0);
        expect(api.seen).toEqual([
          '/api/v2/studies/NCT09900002',
          '/api/v2/studies/NCT09900002',
          '/api/v2/studies/NCT09900002',
        ]);
        expect(run.stderr).toContain(`GET ${api.base}/api/v2/studies/NCT09900002`);
        expect(run.stderr).toContain('NCT09900002: HTTP 503; retrying in 50 ms');
        expect(run.stderr).toContain('NCT09900002: no answer within 1000 ms; retrying in 100 ms');
        expect(run.stderr).toContain('(attempt 3 of 4)');
        // The file's version of the record, which the test before replaced by an updated one: the fetch replaces it again.
        expect(run.stdout).toContain(
          `${api.base}/api/v2/studies/NCT09900002: NCT09900002 UPDATED ${id('NCT09900002')}`,
        );
      } finally {
        await api.close();
      }
    });

    it('fails at once, naming the host, when the host cannot be reached', async () => {
      const port = await freePort();
      const refused = await cli(['--fetch', 'NCT09900002'], {
        CTGOV_BASE_URL: `http://127.0.0.1:${port}`,
        CTGOV_BACKOFF_MS: '60000',
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`Cannot reach 127.0.0.1:${port} (ECONNREFUSED)`);
      expect(refused.stderr).not.toContain('retrying');
      const unknownHost = await cli(['--fetch', 'NCT09900002'], {
        CTGOV_BASE_URL: 'http://registry.invalid',
        CTGOV_BACKOFF_MS: '60000',
      });
      expect(unknownHost.code).toBe(1);
      expect(unknownHost.stderr).toMatch(/Cannot reach registry\.invalid \((ENOTFOUND|EAI_AGAIN)\)/);
      expect(unknownHost.stderr).not.toContain('retrying');
    });

    it('says so when the registry has no such study', async () => {
      const api = await registry((_n, _req, res) => void res.writeHead(404).end());
      try {
        const run = await cli(['--fetch', 'NCT09900008'], { CTGOV_BASE_URL: api.base });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(`NCT09900008: no such study at ${api.base.slice('http://'.length)} (HTTP 404).`);
        expect(api.seen).toHaveLength(1);
      } finally {
        await api.close();
      }
    });
  });
});
