/**
 * The three real ClinicalTrials.gov v2 records of test/fixtures/ctgov-real/ (saved unchanged from
 * the registry) imported on a real Neo4j through the CLI and through the mutation, and read back
 * through GraphQL: every outcome measure, value, analysis, adverse-event row, flow count and
 * baseline value, counted against the record itself (test/support/ctgov.ts walks it), and chosen
 * values of each. Then a record padded to 300 outcome measures and 2,000 adverse-event rows,
 * imported whole and read back page by page within the limits. Every key starts with the test's
 * prefix, so the seeded graph is never changed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { buildPrivateDist, deleteStudiesUnder, Json, postGraphQL, PrivateBuild, testPrefix } from '../security/helpers';
import { useWriteDatabase } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { REAL_RECORDS, realRecord, recordCounts } from '../support/ctgov';

useWriteDatabase();

const KEY = 'ctgov-real-test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}` };
const IMPORT = `mutation($r: [JSONObject!]!, $p: String) {
  importClinicalTrialsGov(records: $r, keyPrefix: $p) { written results { nctId studyId status issues { path rule message } leftOut } }
}`;

/** Everything a study holds, counted through GraphQL (the connections' totals, the lists' lengths). */
const COUNTS = `query($id: ID!, $after: String) { study(id: $id) {
  outcomesConnection(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { name measurementsConnection(first: 100) { totalCount } comparisonsConnection(first: 100) { totalCount } } } }
  adverseEventsConnection(first: 1) { totalCount }
  participantFlow { id }
  baseline { values { id } }
  groups { title adverseEventTotals { seriousAffected seriousAtRisk otherAffected otherAtRisk } }
  population { eligibility { sex minimumAge healthyVolunteers criteria } }
} }`;

describe('real ClinicalTrials.gov records, imported and read back on a real Neo4j', () => {
  let server: TestServer;
  let build: PrivateBuild;
  const prefix = testPrefix('ctreal');
  const viaCli = `${prefix}-cli`;
  const viaMutation = `${prefix}-api`;
  const id = (p: string, nct: string) => `${p}-${nct.toLowerCase()}`;
  const gql = async (query: string, variables: Json = {}) => {
    const res = await postGraphQL(server.url, query, variables);
    expect(res.json.errors).toBeUndefined();
    return res.json.data;
  };

  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(build.outDir, 'src', 'ctgov', 'ctgov-cli.js'), ...args], {
        cwd: REPO_ROOT,
        env: process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (c) => (stdout += c));
      child.stderr!.on('data', (c) => (stderr += c));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  /** What the graph holds of a study, counted through GraphQL, paging through its outcomes. */
  async function countsOf(studyId: string) {
    let after: string | null = null;
    const outcomes: Json[] = [];
    let first: Json = null;
    do {
      const { study } = (await gql(COUNTS, { id: studyId, after })) as Json;
      first ??= study;
      outcomes.push(...study.outcomesConnection.edges.map((e: Json) => e.node));
      after = study.outcomesConnection.pageInfo.hasNextPage ? study.outcomesConnection.pageInfo.endCursor : null;
    } while (after !== null);
    return {
      outcomes: outcomes.length,
      perMeasure: outcomes.map((o) => o.measurementsConnection.totalCount),
      analyses: outcomes.reduce((n, o) => n + o.comparisonsConnection.totalCount, 0),
      adverseEvents: first.adverseEventsConnection.totalCount,
      flowCounts: first.participantFlow.length,
      baselineMeasures: first.baseline.length,
      baselineValues: first.baseline.reduce((n: number, b: Json) => n + b.values.length, 0),
      eventGroups: first.groups.filter((g: Json) => g.adverseEventTotals !== null).length,
      eligibility: first.population.eligibility,
    };
  }

  /** The record's own counts, as the graph must hold them (outcomes of the results first, then the protocol's others, without values). */
  const expected = (nctId: string) => {
    const c = recordCounts(realRecord(nctId));
    return { ...c, perMeasure: [...c.perMeasure, ...Array(c.outcomes - c.outcomeMeasures).fill(0)] };
  };

  beforeAll(async () => {
    [server, build] = await Promise.all([startTestServer({ apiKey: KEY }), buildPrivateDist('ctreal')]);
  });
  afterAll(async () => {
    if (server) {
      await deleteStudiesUnder(server.db, prefix);
      await server.close();
    }
    build?.remove();
  });

  it('imports all three through the CLI with no refusal, and every value of each record reads back', async () => {
    const files = REAL_RECORDS.map((nct) => path.join(REPO_ROOT, 'test', 'fixtures', 'ctgov-real', `${nct}.json`));
    const run = await cli([...files, '--key-prefix', viaCli]);
    expect(run.stderr).not.toMatch(/invalid/);
    expect(run.code).toBe(0);
    for (const nct of REAL_RECORDS) {
      expect(run.stdout).toContain(`${nct} CREATED ${id(viaCli, nct)}`);
      const want = expected(nct);
      const got = await countsOf(id(viaCli, nct));
      expect({ ...got, eligibility: undefined }).toEqual({
        outcomes: want.outcomes,
        perMeasure: want.perMeasure,
        analyses: want.analyses,
        adverseEvents: want.adverseEvents,
        flowCounts: want.flowCounts,
        baselineMeasures: want.baselineMeasures,
        baselineValues: want.baselineValues,
        eventGroups: want.eventGroups,
        eligibility: undefined,
      });
      const e = realRecord(nct).protocolSection.eligibilityModule;
      expect(got.eligibility).toEqual({
        sex: e.sex,
        minimumAge: e.minimumAge,
        healthyVolunteers: e.healthyVolunteers,
        criteria: e.eligibilityCriteria.trim(),
      });
    }
  });

  it('reads back chosen values of each record with their sources', async () => {
    const data = await gql(
      `query($a: ID!, $b: ID!, $c: ID!) {
        a: study(id: $a) {
          arms { label randomized }
          groups { title armTie arm { label } adverseEventTotals { seriousAffected seriousAtRisk } }
          outcomes { name analysisPopulation
            measurements { group { title } arm { label } statistic value unitText ci { level lower upper } dispersion { type value } row category comment
                           evidence { section verification document { id } } }
            comparisons { treatmentArm { label } referenceArm { label } groups { title } treatmentGroup { title } effectMeasure estimateType estimate
                          ci { level lower upper sided } p { text operator value } method comments { field text } } }
        }
        b: study(id: $b) {
          outcomes { name measurements { row subgroup { label } value dispersion { type value } }
                     comparisons { treatmentArm { label } referenceArm { label } estimate estimateType ci { level lower upper } dispersion { type value } hypothesis } }
          adverseEvents { term group { title } arm { label } patients events analysed seriousness organSystem vocabulary assessmentType evidence { section quote } }
          adverseEventReporting { timeFrame frequencyThreshold }
        }
        c: study(id: $c) { arms { id } groups { title arm { label } } outcomes { measurements { group { title } value dispersion { type value } } }
                           participantFlow { period kind type count group { title } } baseline { title statistic unitText values { group { title } value dispersion { type lower upper } } } }
      }`,
      { a: id(viaCli, 'NCT02552212'), b: id(viaCli, 'NCT02210780'), c: id(viaCli, 'NCT05594173') },
    );
    const { a, b, c } = data;
    // NCT02552212: arms with their numbers randomized (the flow's STARTED), groups by analysis population tied to them.
    expect(a.arms).toEqual([
      { label: 'Certolizumab Pegol 200 mg Q2W', randomized: 159 },
      { label: 'Placebo', randomized: 158 },
    ]);
    const group = (title: string) => a.groups.find((g: Json) => g.title === title);
    expect(group('Placebo (FAS)')).toMatchObject({ armTie: 'TITLE_WITH_QUALIFIER', arm: { label: 'Placebo' } });
    expect(group('Placebo->OL CZP (SS)')).toMatchObject({
      armTie: null,
      arm: null,
      adverseEventTotals: { seriousAffected: 3, seriousAtRisk: 96 },
    });
    // The primary result, lost before: OR 15.2 (95% CI 7.3-31.6), p<0.001, CZP against placebo.
    const primary = a.outcomes[0];
    expect(primary.comparisons[0]).toMatchObject({
      treatmentArm: { label: 'Certolizumab Pegol 200 mg Q2W' },
      referenceArm: { label: 'Placebo' },
      groups: [{ title: 'Placebo (FAS)' }, { title: 'CZP 200 mg Q2W (FAS)' }],
      treatmentGroup: { title: 'CZP 200 mg Q2W (FAS)' },
      effectMeasure: 'ODDS_RATIO',
      estimateType: 'Odds Ratio (OR)',
      estimate: 15.231,
      ci: { level: 95, lower: 7.336, upper: 31.623, sided: 'TWO_SIDED' },
      p: { text: '<0.001', operator: '<', value: 0.001 },
      method: 'Regression, Logistic',
    });
    expect(primary.analysisPopulation).toBe(
      'The FAS consisted of all subjects in the RS who have received at least 1 dose of study medication.',
    );
    // A negative change from baseline, its SE, on the result group of its analysis population.
    const basdai = a.outcomes.find((o: Json) =>
      o.name.startsWith('Change From Baseline to Week 12 in the Bath Ankylosing Spondylitis Disease Activity Index'),
    );
    expect(basdai.measurements[0]).toMatchObject({
      group: { title: 'Placebo (FAS)' },
      arm: { label: 'Placebo' },
      statistic: 'LEAST_SQUARES_MEAN',
      dispersion: { type: 'STANDARD_ERROR' },
    });
    expect(basdai.measurements.every((m: Json) => m.value < 0)).toBe(true);
    // A geometric mean with its 95% CI, the record's JSON path as the section.
    const geometric = a.outcomes
      .flatMap((o: Json) => o.measurements)
      .find((m: Json) => m.statistic === 'GEOMETRIC_MEAN' && m.ci);
    expect(geometric.ci.level).toBe(95);
    expect(geometric.evidence[0]).toMatchObject({
      verification: 'REGISTRY_REPORTED',
      document: { id: `${viaCli}-ctgov-nct02552212` },
      section: expect.stringMatching(/^resultsSection\.outcomeMeasuresModule\.outcomeMeasures\[\d+\]\.classes\[0\]/),
    });

    // NCT02210780: both arms EXPERIMENTAL, the analysis kept, direction from the record's words; components are rows.
    const iga = b.outcomes.find((o: Json) =>
      o.name.startsWith("Percentage of Participants Achieving an Investigator's Global Assessment"),
    );
    expect(iga.comparisons[0]).toMatchObject({
      treatmentArm: { label: 'Dupilumab 300 mg qw' },
      referenceArm: { label: 'Placebo qw' },
      estimate: 34,
      estimateType: 'Percentage Difference',
      ci: { level: 90, lower: 24.29, upper: 43.75 },
      hypothesis: 'SUPERIORITY',
    });
    const giss = b.outcomes.find((o: Json) =>
      o.name.startsWith('Change From Baseline in Global Individual Signs Score (GISS) Components'),
    );
    expect(giss.measurements.map((m: Json) => m.row)).toEqual(
      expect.arrayContaining(['Erythema', 'Infiltration/Papulation', 'Excoriations', 'Lichenification']),
    );
    expect(giss.measurements.every((m: Json) => m.subgroup === null)).toBe(true);
    // An adverse event with its counts, its vocabulary, and the record's words as its quote.
    const injection = b.adverseEvents.find(
      (e: Json) => e.term === 'Injection site reaction' && e.group.title === 'Dupilumab 300 mg qw',
    );
    expect(injection).toMatchObject({
      arm: { label: 'Dupilumab 300 mg qw' },
      patients: 5,
      analysed: 97,
      seriousness: 'OTHER',
      organSystem: 'General disorders',
      vocabulary: 'MedDRA (18.0)',
      assessmentType: 'SYSTEMATIC_ASSESSMENT',
    });
    expect(injection.evidence[0].quote).toContain('"numAffected":5');
    expect(b.adverseEventReporting.frequencyThreshold).toBe(
      String(realRecord('NCT02210780').resultsSection.adverseEventsModule.frequencyThreshold),
    );

    // NCT05594173: an observational study without arms, its values on its food-texture groups.
    expect(c.arms).toEqual([]);
    expect(c.outcomes[0].measurements.map((m: Json) => m.group.title)).toEqual(
      expect.arrayContaining(['Healthy Participants: Carrot', 'Healthy Participants: Gummy Candy']),
    );
    expect(c.outcomes[0].measurements.every((m: Json) => m.dispersion.type === 'STANDARD_DEVIATION')).toBe(true);
    expect(c.participantFlow[0]).toMatchObject({
      period: 'Overall Study',
      kind: 'MILESTONE',
      type: 'STARTED',
      group: { title: 'Healthy Participants' },
    });
    expect(c.baseline[0]).toMatchObject({
      title: 'Age, Continuous',
      statistic: 'MEDIAN',
      values: [{ group: { title: 'Healthy Participants' }, dispersion: { type: 'FULL_RANGE' } }],
    });
  });

  it('compares an imported outcome across studies by its result groups: each row with the analyses that compare its group', async () => {
    const { study } = await gql(`query($id: ID!) { study(id: $id) { outcomes { name concept { id } } } }`, {
      id: id(viaCli, 'NCT02552212'),
    });
    const conceptOf = (start: string) => study.outcomes.find((o: Json) => o.name.startsWith(start)).concept.id;
    const rows = async (concept: string) =>
      (
        await gql(
          `query($c: ID!) { compareOutcome(outcomeConcept: $c, first: 20) { edges { node { study { id } group { title } arm { label } comparisons { estimate treatmentArm { label } } } } } }`,
          { c: concept },
        )
      ).compareOutcome.edges
        .map((e: Json) => e.node)
        .filter((n: Json) => n.study.id === id(viaCli, 'NCT02552212'));
    // The primary odds ratio, CZP against placebo: on both groups' rows (in the order of their arms).
    const primary = await rows(
      conceptOf('Percentage of Subjects With Ankylosing Spondylitis Disease Activity Score Major Improvement'),
    );
    expect(primary.map((r: Json) => [r.group.title, r.arm.label, r.comparisons.map((c: Json) => c.estimate)])).toEqual([
      ['CZP 200 mg Q2W (FAS)', 'Certolizumab Pegol 200 mg Q2W', [15.231]],
      ['Placebo (FAS)', 'Placebo', [15.231]],
    ]);
    // A difference whose direction the record does not state has no arms, but still compares the two groups: on both rows.
    const basdai = await rows(
      conceptOf('Change From Baseline to Week 12 in the Bath Ankylosing Spondylitis Disease Activity Index'),
    );
    expect(basdai.map((r: Json) => [r.group.title, r.comparisons])).toEqual([
      ['CZP 200 mg Q2W (FAS)', [{ estimate: -1.819, treatmentArm: null }]],
      ['Placebo (FAS)', [{ estimate: -1.819, treatmentArm: null }]],
    ]);
  });

  it('imports all three through the mutation with the same counts', async () => {
    const res = await postGraphQL(server.url, IMPORT, { r: REAL_RECORDS.map(realRecord), p: viaMutation }, auth);
    expect(res.json.errors).toBeUndefined();
    const result = res.json.data.importClinicalTrialsGov;
    expect(result.written).toBe(true);
    expect(result.results.map((r: Json) => [r.nctId, r.status, r.issues])).toEqual(
      REAL_RECORDS.map((nct) => [nct, 'CREATED', []]),
    );
    for (const nct of REAL_RECORDS)
      expect(await countsOf(id(viaMutation, nct))).toEqual(await countsOf(id(viaCli, nct)));
  });

  it('imports a record padded to 300 outcome measures and 2,000 adverse-event rows whole, and reads it back page by page within the limits', async () => {
    const record = realRecord('NCT02210780');
    record.protocolSection.identificationModule.nctId = 'NCT09900077';
    const measures = record.resultsSection.outcomeMeasuresModule.outcomeMeasures;
    const padded = Array.from({ length: 300 }, (_, i) => ({
      ...measures[i % measures.length],
      title: `${measures[i % measures.length].title} (padded copy ${i + 1})`,
    }));
    record.resultsSection.outcomeMeasuresModule.outcomeMeasures = padded;
    record.protocolSection.outcomesModule = {};
    const event = record.resultsSection.adverseEventsModule.otherEvents[0];
    record.resultsSection.adverseEventsModule.otherEvents = Array.from({ length: 1000 }, (_, i) => ({
      ...event,
      term: `${event.term} (padded ${i + 1})`,
    }));
    record.resultsSection.adverseEventsModule.seriousEvents = [];
    const res = await postGraphQL(server.url, IMPORT, { r: [record], p: viaMutation }, auth);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.importClinicalTrialsGov.results[0]).toMatchObject({ status: 'CREATED', issues: [] });
    const studyId = id(viaMutation, 'NCT09900077');

    const counts = await countsOf(studyId);
    expect(counts.outcomes).toBe(300);
    expect(counts.perMeasure).toEqual(recordCounts(record).perMeasure);
    expect(counts.adverseEvents).toBe(2000);

    // Page by page: 20 pages of 100 adverse-event rows, each one round trip within the cost limit, every row once.
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const res2 = await postGraphQL(
        server.url,
        `query($id: ID!, $after: String) { study(id: $id) { adverseEventsConnection(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id term patients group { title } } } } } }`,
        {
          id: studyId,
          after,
        },
      );
      expect(res2.json.errors).toBeUndefined();
      expect(res2.json.extensions.cost.dbRoundTrips).toBe(1);
      const page = res2.json.data.study.adverseEventsConnection;
      for (const e of page.edges) seen.add(e.node.id);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(20);
    expect(seen.size).toBe(2000);
    // The lists show their windows: the first 40 outcomes and the first 100 adverse-event rows, in the record's order.
    const windows = await gql(`query($id: ID!) { study(id: $id) { outcomes { name } adverseEvents { term } } }`, {
      id: studyId,
    });
    expect(windows.study.outcomes).toHaveLength(40);
    expect(windows.study.outcomes[39].name).toContain('(padded copy 40)');
    expect(windows.study.adverseEvents).toHaveLength(100);
  });
});

describe('the history of a registry study: one version per record version, with the changes in words', () => {
  let server: TestServer;
  const prefix = testPrefix('cthist');
  const KEY_NAME = 'registry-bot';
  const NAMED = 'ctgov-history-named-key-0123456789';
  const importAs = async (record: Json) => {
    const res = await postGraphQL(server.url, IMPORT, { r: [record], p: prefix }, { authorization: `Bearer ${NAMED}` });
    expect(res.json.errors).toBeUndefined();
    return res.json.data.importClinicalTrialsGov.results[0];
  };
  const VERSIONS = `query($id: ID!) { study(id: $id) { status versionCount lastChangedAt
    versions(first: 10) { totalCount edges { node { version at source changedBy recordLastUpdated contentHash moreChanges changes { path before after text } } } }
    outcomes { name measurements { value group { title } } } } }`;

  beforeAll(async () => {
    server = await startTestServer({ apiKey: null, apiKeys: [{ name: KEY_NAME, key: NAMED }] });
  });
  afterAll(async () => {
    if (server) {
      await deleteStudiesUnder(server.db, prefix);
      await server.close();
    }
  });

  it('keeps the first version, adds one with the status change and the corrected value, and none for the same record again', async () => {
    const id = `${prefix}-nct02210780`;
    const first = realRecord('NCT02210780');
    first.protocolSection.statusModule.overallStatus = 'ACTIVE_NOT_RECRUITING';
    expect((await importAs(first)).status).toBe('CREATED');
    const updated = realRecord('NCT02210780');
    const corrected =
      updated.resultsSection.outcomeMeasuresModule.outcomeMeasures[6].classes[0].categories[0].measurements[1];
    const was = corrected.value;
    corrected.value = '-3.50';
    expect((await importAs(updated)).status).toBe('UPDATED');
    expect((await importAs(updated)).status).toBe('UNCHANGED');

    const { json } = await postGraphQL(server.url, VERSIONS, { id });
    expect(json.errors).toBeUndefined();
    const study = json.data.study;
    // Today's fields read the current version.
    expect(study.status).toBe('COMPLETED');
    expect(study.outcomes[6].measurements.find((m: Json) => m.group.title === 'Dupilumab 300 mg qw').value).toBe(-3.5);
    expect(study.versionCount).toBe(2);
    const [latest, oldest] = study.versions.edges.map((e: Json) => e.node);
    expect(study.versions.totalCount).toBe(2);
    expect(study.lastChangedAt).toBe(latest.at);
    expect(oldest).toMatchObject({
      version: 1,
      source: 'REGISTRY_IMPORT',
      changedBy: KEY_NAME,
      recordLastUpdated: updated.protocolSection.statusModule.lastUpdatePostDateStruct.date,
      changes: [],
      moreChanges: 0,
    });
    expect(latest).toMatchObject({ version: 2, source: 'REGISTRY_IMPORT', changedBy: KEY_NAME, moreChanges: 0 });
    expect(latest.changes.map((c: Json) => c.text)).toEqual([
      'overall status ACTIVE_NOT_RECRUITING → COMPLETED',
      `Change From Baseline in Peak Weekly Averaged Pruritis Numerical Rating Scale (NRS) Scores at Week 16, Dupilumab 300 mg qw: ${was} → -3.50 ${updated.resultsSection.outcomeMeasuresModule.outcomeMeasures[6].unitOfMeasure}`,
    ]);
    expect(new Date(latest.at).getTime()).toBeGreaterThanOrEqual(new Date(oldest.at).getTime());
    // The record as it was is kept: the past state stays readable.
    const docs = await postGraphQL(
      server.url,
      `query($id: ID!) { study(id: $id) { versions(first: 2) { edges { node { version document } } } } }`,
      { id },
    );
    const byVersion = new Map(
      docs.json.data.study.versions.edges.map((e: Json) => [e.node.version, JSON.parse(e.node.document)]),
    );
    expect((byVersion.get(1) as Json).protocolSection.statusModule.overallStatus).toBe('ACTIVE_NOT_RECRUITING');
    expect((byVersion.get(2) as Json).protocolSection.statusModule.overallStatus).toBe('COMPLETED');
  });
});
