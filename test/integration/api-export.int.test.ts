import { parse } from 'csv-parse/sync';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { exportAt } from '../../src/export/export.route';
import { App, createApp } from '../../src/server';
import { connectTestDb, TestDb } from '../support/db';
import { startTestServer, TestServer } from '../support/server';

// The CSV exports over HTTP on the seeded trials: each file parsed back with csv-parse equals,
// row for row and cell for cell, the answer of the GraphQL field for the same arguments.

jest.setTimeout(120_000);

type Json = any;

const EVIDENCE = 'evidence { quote section note verification document { id title url publication { pmid doi } } }';

const COMPARE = `query($concept: ID!, $statistic: Statistic, $first: Int!, $after: String) {
  compareOutcome(outcomeConcept: $concept, statistic: $statistic, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node {
      study { id acronym title year }
      outcome { id name role timeFrame concept { id name } }
      arm { id label role }
      measurement { id statistic value valueText range { low high } unit unitText timePoint { value unit } ci { level lower upper } dispersion { type value lower upper } analysed subgroup { label criterion n } category row comment group { title } ${EVIDENCE} }
      comparisons { id effectMeasure estimate estimateText estimateType ci { level lower upper sided } p { text operator value sided } method hypothesis subgroup { label } treatmentArm { label } referenceArm { label } groups { title } treatmentGroup { title } comments { field text } evidence { quote } }
    } }
  }
}`;

const PREDICTOR = `query($predictor: ID!, $associated: Boolean, $first: Int!, $after: String) {
  predictorEvidence(predictor: $predictor, associated: $associated, first: $first, after: $after) {
    findings {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node {
        id study { id acronym title year } predictor { id name kind } outcomeConcept { id name } outcome { id name }
        contrast associated direction directionText analysisType effectMeasure estimate ci { level lower upper } p { text operator value sided } ${EVIDENCE}
      } }
    }
  }
}`;

/** A value as its CSV cell: empty for null, numbers as JavaScript prints them, booleans as true/false. */
const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
/** The cell of a list: one line per entry. */
const lines = (values: unknown[]): string => values.map(cell).join('\n');

const evidenceCells = (evidence: Json[]) => ({
  evidenceCount: String(evidence.length),
  evidenceQuote: lines(evidence.map((e) => e.quote)),
  evidenceSection: lines(evidence.map((e) => e.section)),
  evidenceNote: lines(evidence.map((e) => e.note)),
  evidenceVerification: lines(evidence.map((e) => e.verification)),
  documentId: lines(evidence.map((e) => e.document.id)),
  documentTitle: lines(evidence.map((e) => e.document.title)),
  documentUrl: lines(evidence.map((e) => e.document.url)),
  publicationPmid: lines(evidence.map((e) => e.document.publication?.pmid)),
  publicationDoi: lines(evidence.map((e) => e.document.publication?.doi)),
});

const studyCells = (s: Json) => ({
  studyId: s.id,
  studyAcronym: cell(s.acronym),
  studyTitle: s.title,
  studyYear: cell(s.year),
});

/** The CSV row expected for one row of compareOutcome. */
const compareRow = (n: Json) => ({
  ...studyCells(n.study),
  outcomeConceptId: n.outcome.concept.id,
  outcomeConceptName: n.outcome.concept.name,
  outcomeId: n.outcome.id,
  outcomeName: n.outcome.name,
  outcomeRole: n.outcome.role,
  outcomeTimeFrame: cell(n.outcome.timeFrame),
  armId: cell(n.arm?.id),
  armLabel: cell(n.arm?.label),
  armRole: cell(n.arm?.role),
  measurementId: n.measurement.id,
  statistic: n.measurement.statistic,
  value: cell(n.measurement.value),
  valueText: cell(n.measurement.valueText),
  rangeLow: cell(n.measurement.range?.low),
  rangeHigh: cell(n.measurement.range?.high),
  unit: n.measurement.unit,
  unitText: cell(n.measurement.unitText),
  timePointValue: cell(n.measurement.timePoint?.value),
  timePointUnit: cell(n.measurement.timePoint?.unit),
  ciLevel: cell(n.measurement.ci?.level),
  ciLower: cell(n.measurement.ci?.lower),
  ciUpper: cell(n.measurement.ci?.upper),
  dispersionType: cell(n.measurement.dispersion?.type),
  dispersionValue: cell(n.measurement.dispersion?.value),
  dispersionLower: cell(n.measurement.dispersion?.lower),
  dispersionUpper: cell(n.measurement.dispersion?.upper),
  analysed: cell(n.measurement.analysed),
  subgroupLabel: cell(n.measurement.subgroup?.label),
  subgroupCriterion: cell(n.measurement.subgroup?.criterion),
  subgroupN: cell(n.measurement.subgroup?.n),
  category: cell(n.measurement.category),
  groupTitle: cell(n.measurement.group?.title),
  row: cell(n.measurement.row),
  comment: cell(n.measurement.comment),
  ...evidenceCells(n.measurement.evidence),
  comparisonCount: String(n.comparisons.length),
  comparisonId: lines(n.comparisons.map((c: Json) => c.id)),
  comparisonTreatmentArm: lines(n.comparisons.map((c: Json) => c.treatmentArm?.label)),
  comparisonReferenceArm: lines(n.comparisons.map((c: Json) => c.referenceArm?.label)),
  comparisonGroups: lines(n.comparisons.map((c: Json) => c.groups.map((g: Json) => g.title).join(' | '))),
  comparisonTreatmentGroup: lines(n.comparisons.map((c: Json) => c.treatmentGroup?.title)),
  comparisonEffectMeasure: lines(n.comparisons.map((c: Json) => c.effectMeasure)),
  comparisonEstimate: lines(n.comparisons.map((c: Json) => c.estimate)),
  comparisonEstimateText: lines(n.comparisons.map((c: Json) => c.estimateText)),
  comparisonEstimateType: lines(n.comparisons.map((c: Json) => c.estimateType)),
  comparisonCiLevel: lines(n.comparisons.map((c: Json) => c.ci?.level)),
  comparisonCiLower: lines(n.comparisons.map((c: Json) => c.ci?.lower)),
  comparisonCiUpper: lines(n.comparisons.map((c: Json) => c.ci?.upper)),
  comparisonCiSided: lines(n.comparisons.map((c: Json) => c.ci?.sided)),
  comparisonPText: lines(n.comparisons.map((c: Json) => c.p?.text)),
  comparisonPOperator: lines(n.comparisons.map((c: Json) => c.p?.operator)),
  comparisonPValue: lines(n.comparisons.map((c: Json) => c.p?.value)),
  comparisonPSided: lines(n.comparisons.map((c: Json) => c.p?.sided)),
  comparisonMethod: lines(n.comparisons.map((c: Json) => c.method)),
  comparisonHypothesis: lines(n.comparisons.map((c: Json) => c.hypothesis)),
  comparisonSubgroup: lines(n.comparisons.map((c: Json) => c.subgroup?.label)),
  comparisonComments: lines(
    n.comparisons.map((c: Json) => c.comments.map((k: Json) => `${k.field}: ${k.text}`).join(' | ')),
  ),
  comparisonQuote: lines(n.comparisons.map((c: Json) => c.evidence.map((e: Json) => e.quote).join(' || '))),
});

/** The CSV row expected for one finding of predictorEvidence. */
const findingRow = (f: Json) => ({
  findingId: f.id,
  ...studyCells(f.study),
  predictorId: f.predictor.id,
  predictorName: f.predictor.name,
  predictorKind: f.predictor.kind,
  outcomeConceptId: f.outcomeConcept.id,
  outcomeConceptName: f.outcomeConcept.name,
  outcomeId: f.outcome?.id ?? '',
  outcomeName: f.outcome?.name ?? '',
  contrast: cell(f.contrast),
  associated: String(f.associated),
  direction: cell(f.direction),
  directionText: cell(f.directionText),
  analysisType: f.analysisType,
  effectMeasure: cell(f.effectMeasure),
  estimate: cell(f.estimate),
  ciLevel: cell(f.ci?.level),
  ciLower: cell(f.ci?.lower),
  ciUpper: cell(f.ci?.upper),
  pText: cell(f.p?.text),
  pOperator: cell(f.p?.operator),
  pValue: cell(f.p?.value),
  pSided: cell(f.p?.sided),
  ...evidenceCells(f.evidence),
});

describe('CSV exports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${server.url}${path}`, init);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  /** Every node of a connection, read from /graphql page by page. */
  const allNodes = async (query: string, variables: Record<string, unknown>, connectionOf: (data: Json) => Json) => {
    const nodes: Json[] = [];
    let after: string | null = null;
    let totalCount: number;
    for (;;) {
      const { status, body } = await server.graphql(query, { ...variables, first: 100, after });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const connection = connectionOf(body.data);
      totalCount = connection.totalCount;
      nodes.push(...connection.edges.map((e: Json) => e.node));
      if (!connection.pageInfo.hasNextPage) return { nodes, totalCount };
      after = connection.pageInfo.endCursor;
    }
  };

  /** Parses a CSV file as RFC 4180 (CRLF records, quoted fields); the header row names the columns. */
  const records = (text: string) => {
    expect(text.endsWith('\r\n')).toBe(true);
    const rows: string[][] = parse(text, { record_delimiter: '\r\n', relax_column_count: false });
    return {
      header: rows[0],
      rows: rows.slice(1).map((r) => Object.fromEntries(rows[0].map((name, i) => [name, r[i]]))),
    };
  };

  it('exports compareOutcome for PFS, fetched 5 rows a page, equal row for row to the GraphQL table', async () => {
    const { nodes, totalCount } = await allNodes(
      COMPARE,
      { concept: 'progression-free-survival' },
      (d) => d.compareOutcome,
    );
    // Enough rows for the export below to take several pages.
    expect(totalCount).toBeGreaterThan(10);
    expect(nodes).toHaveLength(totalCount);
    const file = await get('/export/compare-outcome.csv?outcomeConcept=progression-free-survival&first=5');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="compare-outcome.csv"');
    const { header, rows } = records(file.text);
    const expected = nodes.map(compareRow);
    expect(header).toEqual(Object.keys(expected[0]));
    expect(rows).toEqual(expected);
    // Every number parses back to the value GraphQL gave; nulls are empty cells.
    nodes.forEach((n, i) => {
      if (n.measurement.value === null) expect(rows[i].value).toBe('');
      else expect(Number(rows[i].value)).toBe(n.measurement.value);
    });
    expect(
      nodes.some((n) => n.measurement.value === null) &&
        nodes.some((n) => n.comparisons.length > 0) &&
        nodes.some((n) => n.arm === null || n.measurement.ci === null),
    ).toBe(true);
    // The same file, whatever the page size.
    expect((await get('/export/compare-outcome.csv?outcomeConcept=progression-free-survival')).text).toBe(file.text);
  });

  it('passes the filters of compareOutcome', async () => {
    const { nodes } = await allNodes(
      COMPARE,
      { concept: 'progression-free-survival', statistic: 'MEDIAN' },
      (d) => d.compareOutcome,
    );
    const file = await get(
      '/export/compare-outcome.csv?outcomeConcept=progression-free-survival&statistic=MEDIAN&first=3',
    );
    expect(file.status).toBe(200);
    const { rows } = records(file.text);
    expect(rows).toEqual(nodes.map(compareRow));
    expect(new Set(rows.map((r) => r.statistic))).toEqual(new Set(['MEDIAN']));
    // NETTER-1's 177Lu-Dotatate arm: median not reached, upper limit not estimable, the hazard ratio 0.21 (P < 0.001).
    const netter = rows.find((r) => r.studyId === 'netter-1' && r.valueText === 'not reached')!;
    expect(netter).toMatchObject({
      value: '',
      ciLevel: '95',
      ciLower: '18.4',
      ciUpper: '',
      comparisonEstimate: '0.21',
      comparisonPText: 'P < 0.001',
      comparisonPOperator: '<',
      comparisonPValue: '0.001',
    });
    // Its control arm: 8.4 months with the 95 % CI 5.8-9.1 the article states.
    const control = rows.find((r) => r.studyId === 'netter-1' && r.value === '8.4')!;
    expect(control).toMatchObject({ ciLevel: '95', ciLower: '5.8', ciUpper: '9.1', comparisonPText: 'P < 0.001' });
  });

  it('exports predictorEvidence, one finding a page, equal row for row to the GraphQL findings', async () => {
    const { nodes, totalCount } = await allNodes(
      PREDICTOR,
      { predictor: 'hepatic-tumour-burden' },
      (d) => d.predictorEvidence.findings,
    );
    expect(totalCount).toBeGreaterThanOrEqual(2);
    const file = await get('/export/predictor-evidence.csv?predictor=hepatic-tumour-burden&first=1');
    expect(file.status).toBe(200);
    const { header, rows } = records(file.text);
    const expected = nodes.map(findingRow);
    expect(header).toEqual(Object.keys(expected[0]));
    expect(rows).toEqual(expected);
    expect((await get('/export/predictor-evidence.csv?predictor=hepatic-tumour-burden')).text).toBe(file.text);
    // `associated` narrows the findings as in GraphQL.
    const associated = await allNodes(
      PREDICTOR,
      { predictor: 'hepatic-tumour-burden', associated: true },
      (d) => d.predictorEvidence.findings,
    );
    const narrowed = await get('/export/predictor-evidence.csv?predictor=hepatic-tumour-burden&associated=true');
    expect(records(narrowed.text).rows).toEqual(associated.nodes.map(findingRow));
  });

  it('writes the header alone for an empty table', async () => {
    // Urinary 5-HIAA: the seeded finding reports an association, so none is of no association.
    const { totalCount } = await allNodes(
      PREDICTOR,
      { predictor: 'urinary-5-hiaa', associated: false },
      (d) => d.predictorEvidence.findings,
    );
    expect(totalCount).toBe(0);
    const file = await get('/export/predictor-evidence.csv?predictor=urinary-5-hiaa&associated=false');
    expect(file.status).toBe(200);
    expect(file.text).toBe(
      `${records((await get('/export/predictor-evidence.csv?predictor=urinary-5-hiaa')).text).header.join(',')}\r\n`,
    );
  });

  it('refuses bad parameters with 400, an unknown key with 404 and other methods with 405, as JSON with the code', async () => {
    const refused = async (path: string, status: number, code: string, init?: RequestInit) => {
      const res = await get(path, init);
      expect([res.status, res.headers.get('content-type')]).toEqual([status, 'application/json; charset=utf-8']);
      const error = JSON.parse(res.text).errors[0];
      expect(error.extensions).toMatchObject({ code, requestId: expect.any(String) });
      return error.message as string;
    };
    expect(await refused('/export/compare-outcome.csv', 400, 'BAD_USER_INPUT')).toMatch(
      /"outcomeConcept": is required/,
    );
    expect(
      await refused(
        '/export/compare-outcome.csv?outcomeConcept=progression-free-survival&effectMeasure=HAZARD_RATIO',
        400,
        'BAD_USER_INPUT',
      ),
    ).toMatch(/"effectMeasure": unknown parameter/);
    expect(
      await refused(
        '/export/compare-outcome.csv?outcomeConcept=progression-free-survival&first=0',
        400,
        'BAD_USER_INPUT',
      ),
    ).toMatch(/"first"/);
    expect(
      await refused(
        '/export/compare-outcome.csv?outcomeConcept=progression-free-survival&timePoint=2y',
        400,
        'BAD_USER_INPUT',
      ),
    ).toMatch(/"timePoint": must be JSON/);
    expect(
      await refused(
        '/export/compare-outcome.csv?outcomeConcept=progression-free-survival&statistic=MEAN_OF_MEDIANS',
        400,
        'BAD_USER_INPUT',
      ),
    ).toMatch(/statistic/);
    expect(
      await refused(
        '/export/compare-outcome.csv?outcomeConcept=progression-free-survival&after=nonsense',
        400,
        'BAD_USER_INPUT',
      ),
    ).toMatch(/"after"/);
    expect(await refused('/export/predictor-evidence.csv?predictor=age&associated=yes', 400, 'BAD_USER_INPUT')).toMatch(
      /"associated": must be true or false/,
    );
    expect(await refused('/export/compare-outcome.csv?outcomeConcept=no-such-concept', 404, 'NOT_FOUND')).toMatch(
      /no-such-concept/,
    );
    expect(await refused('/export/predictor-evidence.csv?predictor=no-such-predictor', 404, 'NOT_FOUND')).toMatch(
      /no-such-predictor/,
    );
    await refused('/export/compare-outcome.csv?outcomeConcept=progression-free-survival', 405, 'METHOD_NOT_ALLOWED', {
      method: 'POST',
    });
    expect((await get('/export/other.csv')).status).toBe(404);
  });

  it('refuses a table above the row cap before any row, with EXPORT_TOO_LARGE', async () => {
    const { totalCount } = await allNodes(COMPARE, { concept: 'progression-free-survival' }, (d) => d.compareOutcome);
    // The cap of the export (10,000 rows) lowered under the seeded table's size for this test.
    jest.replaceProperty(exportAt('/export/compare-outcome.csv')!, 'maxRows', totalCount - 1);
    try {
      const res = await get('/export/compare-outcome.csv?outcomeConcept=progression-free-survival&first=2');
      expect(res.status).toBe(422);
      expect(JSON.parse(res.text).errors[0]).toMatchObject({
        message: expect.stringContaining(`${totalCount} rows`),
        extensions: { code: 'EXPORT_TOO_LARGE' },
      });
    } finally {
      jest.restoreAllMocks();
    }
    expect((await get('/export/compare-outcome.csv?outcomeConcept=progression-free-survival&first=2')).status).toBe(
      200,
    );
  });
});

describe('a CSV export whose page fails after the header was sent', () => {
  let db: TestDb;
  let app: App;
  let server: http.Server;
  let url: string;
  /** The request (counted from 1) at which Neo4j is reported unreachable; 0 for none. */
  let failAt = 0;
  let requests = 0;

  beforeAll(async () => {
    db = connectTestDb();
    app = await createApp(
      { ...loadConfig({}), requestTimeoutMs: 60_000 },
      {
        executor: db.executor,
        notReadyReason: async () => null,
        // The outage signal of the database state, raised for one chosen request (Neo4j itself stays up).
        onceUnavailable: (listener) => {
          requests += 1;
          if (requests === failAt) listener();
          return () => {};
        },
      },
    );
    server = http.createServer(app.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.apollo.stop();
    await db.close();
  });

  it('ends the response abnormally, so a cut file cannot be read as whole', async () => {
    requests = 0;
    failAt = 2;
    // The first page (its header and 2 rows) is sent; the second fails: the client's read of the body fails too.
    const read = fetch(`${url}/export/compare-outcome.csv?outcomeConcept=progression-free-survival&first=2`).then(
      (res) => res.text(),
    );
    await expect(read).rejects.toThrow();
    expect(requests).toBe(2);
  });

  it('answers the same failure on the first page as JSON with its code', async () => {
    requests = 0;
    failAt = 1;
    const res = await fetch(`${url}/export/compare-outcome.csv?outcomeConcept=progression-free-survival&first=2`);
    expect(res.status).toBe(503);
    expect(JSON.parse(await res.text()).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
  });
});
