import { parse } from 'csv-parse/sync';
import {
  COMPARE_OUTCOME_COLUMNS,
  csvOf,
  EXPORT_MAX_ROWS,
  exportAt,
  exportPageOf,
  exportRequestOf,
  listCell,
  PREDICTOR_EVIDENCE_COLUMNS,
  tooLarge,
} from '../../src/export/export.route';

// The CSV exports' pure parts (no database): the row writer, the flattening of a row, the
// parsing of the query parameters and the reading of a page. Rows here are made up.

const compare = exportAt('/export/compare-outcome.csv')!;
const predictor = exportAt('/export/predictor-evidence.csv')!;

const evidence = (over: Record<string, unknown> = {}) => ({
  quote: 'quote one',
  section: 'Results',
  note: null,
  verification: 'VERIFIED',
  document: { id: 'doc-1', title: 'Abstract', url: null, publication: { pmid: '1', doi: null } },
  ...over,
});

/** A made-up row of compareOutcome: a whole-cohort measurement with two evidence entries and two comparisons. */
const row = {
  study: { id: 's1', acronym: null, title: 'A trial, "randomised"', year: 2020 },
  outcome: {
    id: 's1/pfs',
    name: 'PFS',
    role: 'PRIMARY',
    timeFrame: null,
    concept: { id: 'progression-free-survival', name: 'Progression-free survival' },
  },
  arm: null,
  measurement: {
    id: 's1/m1',
    statistic: 'MEDIAN',
    value: 0.1 + 0.2,
    valueText: null,
    unit: 'MONTHS',
    timePoint: null,
    ci: { level: null, lower: -1.5, upper: null },
    analysed: 0,
    evidence: [
      evidence(),
      evidence({
        quote: 'quote\ntwo',
        document: { id: 'doc-2', title: 'Fact sheet', url: 'https://example.org/a,b', publication: null },
      }),
    ],
  },
  comparisons: [
    {
      id: 'c1',
      effectMeasure: 'HAZARD_RATIO',
      estimate: 0.5,
      ci: { level: 95, lower: 0.25, upper: 1 },
      p: { text: 'p = 0.04', operator: '=', value: 0.04, sided: null },
      method: null,
      treatmentArm: { label: 'A' },
      referenceArm: { label: 'B' },
      groups: [{ title: 'A (FAS)' }, { title: 'B\n(FAS)' }],
      treatmentGroup: { title: 'A (FAS)' },
      comments: [{ field: 'estimateComment', text: 'A vs. B' }],
      evidence: [{ quote: 'x' }, { quote: 'y' }],
    },
    {
      id: 'c2',
      effectMeasure: 'HAZARD_RATIO',
      estimate: null,
      ci: null,
      p: null,
      method: 'Cox',
      treatmentArm: null,
      referenceArm: null,
      groups: [],
      treatmentGroup: null,
      comments: [],
      evidence: [],
    },
  ],
};

const byName = (columns: typeof COMPARE_OUTCOME_COLUMNS, r: unknown) =>
  Object.fromEntries(columns.map((c) => [c.name, c.cell(r)]));

describe('csvOf (the row writer)', () => {
  const columns = [
    { name: 'text', cell: (r: any) => r.text },
    { name: 'number', cell: (r: any) => r.number },
    { name: 'flag', cell: (r: any) => r.flag },
  ];

  it('quotes by RFC 4180: a field with a comma, a double quote or a line break is enclosed in quotes, its quotes doubled; records end in CRLF', () => {
    const text = csvOf(
      columns,
      [
        { text: 'a, "b"\nc', number: 1.5, flag: true },
        { text: 'cr\ronly', number: null, flag: false },
        { text: 'crlf\r\nend', number: -0.25 },
      ],
      true,
    );
    expect(text).toBe('text,number,flag\r\n"a, ""b""\nc",1.5,true\r\n"cr\ronly",,false\r\n"crlf\r\nend",-0.25,\r\n');
    // A parser gives back every value as its text: numbers exactly, nulls as empty cells.
    expect(parse(text, { record_delimiter: '\r\n' })).toEqual([
      ['text', 'number', 'flag'],
      ['a, "b"\nc', '1.5', 'true'],
      ['cr\ronly', '', 'false'],
      ['crlf\r\nend', '-0.25', ''],
    ]);
  });

  it('leaves plain fields unquoted, writes the header only when asked, and the header alone for no row', () => {
    expect(csvOf(columns, [{ text: 'plain text', number: 0.30000000000000004, flag: false }], false)).toBe(
      'plain text,0.30000000000000004,false\r\n',
    );
    expect(csvOf(columns, [], true)).toBe('text,number,flag\r\n');
    expect(csvOf(columns, [], false)).toBe('');
  });
});

describe('the columns of a row', () => {
  it('flatten a compareOutcome row: one line per evidence entry and per comparison, nulls empty', () => {
    const cells = byName(COMPARE_OUTCOME_COLUMNS, row);
    expect(cells).toMatchObject({
      studyId: 's1',
      studyAcronym: null,
      studyYear: 2020,
      armId: undefined,
      value: 0.30000000000000004,
      ciLower: -1.5,
      ciUpper: null,
      analysed: 0,
      evidenceCount: 2,
      // The line break inside the second quote becomes a space: one line per entry.
      evidenceQuote: 'quote one\nquote two',
      evidenceNote: '\n',
      documentId: 'doc-1\ndoc-2',
      documentUrl: '\nhttps://example.org/a,b',
      publicationPmid: '1\n',
      comparisonCount: 2,
      comparisonId: 'c1\nc2',
      // A comparison whose direction the source does not state has no arms: empty lines.
      comparisonReferenceArm: 'B\n',
      comparisonGroups: 'A (FAS) | B (FAS)\n',
      comparisonTreatmentGroup: 'A (FAS)\n',
      comparisonComments: 'estimateComment: A vs. B\n',
      comparisonEstimate: '0.5\n',
      comparisonCiLevel: '95\n',
      comparisonPText: 'p = 0.04\n',
      comparisonMethod: '\nCox',
      comparisonQuote: 'x || y\n',
    });
    const [header, line] = parse(csvOf(COMPARE_OUTCOME_COLUMNS, [row], true), { record_delimiter: '\r\n' });
    expect(header).toEqual(COMPARE_OUTCOME_COLUMNS.map((c) => c.name));
    expect(line[header.indexOf('studyTitle')]).toBe('A trial, "randomised"');
    expect(line[header.indexOf('value')]).toBe('0.30000000000000004');
    expect(line[header.indexOf('documentUrl')].split('\n')).toEqual(['', 'https://example.org/a,b']);
  });

  it('leave the list columns empty for a row with no comparison, and write booleans of a finding as true/false', () => {
    expect(byName(COMPARE_OUTCOME_COLUMNS, { ...row, comparisons: [] })).toMatchObject({
      comparisonCount: 0,
      comparisonId: null,
      comparisonQuote: null,
    });
    expect(listCell([])).toBeNull();
    expect(listCell([null])).toBe('');
    const finding = {
      id: 'f1',
      study: row.study,
      predictor: { id: 'age', name: 'Age', kind: 'DEMOGRAPHIC' },
      // A finding about the outcome concept alone (no end point of the study): the outcome columns stay empty.
      outcomeConcept: row.outcome.concept,
      outcome: null,
      contrast: null,
      associated: false,
      direction: null,
      directionText: null,
      analysisType: 'MULTIVARIATE',
      effectMeasure: null,
      estimate: null,
      ci: null,
      p: { text: 'p = 0.5', operator: '=', value: 0.5, sided: null },
      evidence: [evidence()],
    };
    const [header, line] = parse(csvOf(PREDICTOR_EVIDENCE_COLUMNS, [finding], true), { record_delimiter: '\r\n' });
    const cells = Object.fromEntries(header.map((name: string, i: number) => [name, line[i]]));
    expect(cells).toMatchObject({
      findingId: 'f1',
      outcomeConceptId: 'progression-free-survival',
      outcomeId: '',
      outcomeName: '',
      associated: 'false',
      estimate: '',
      pValue: '0.5',
      evidenceCount: '1',
      evidenceQuote: 'quote one',
      publicationDoi: '',
    });
  });
});

describe('exportRequestOf (the query parameters)', () => {
  const of = (spec: typeof compare, query: string) => exportRequestOf(spec, new URLSearchParams(query));

  it('maps the field arguments to variables, `first` to the rows per page and `after` to the start', () => {
    expect(
      of(
        compare,
        'outcomeConcept=pfs&condition=pancreatic-net&includeNarrower=false&statistic=MEDIAN&timePoint={"value":2,"unit":"YEARS"}&first=7&after=abc',
      ),
    ).toEqual({
      variables: {
        outcomeConcept: 'pfs',
        condition: 'pancreatic-net',
        includeNarrower: false,
        statistic: 'MEDIAN',
        timePoint: { value: 2, unit: 'YEARS' },
      },
      pageSize: 7,
      after: 'abc',
    });
    expect(of(predictor, 'predictor=age&associated=true')).toEqual({
      variables: { predictor: 'age', associated: true },
      pageSize: 100,
      after: null,
    });
  });

  it('names the parameter that is unknown, repeated, missing or of the wrong form', () => {
    expect(of(compare, 'outcomeConcept=pfs&where={}')).toMatchObject({
      argument: 'where',
      message: expect.stringMatching(/^unknown parameter; the parameters are outcomeConcept, condition/),
    });
    expect(of(compare, 'outcomeConcept=pfs&statistic=MEDIAN&statistic=MEAN')).toMatchObject({
      argument: 'statistic',
      message: 'is given more than once.',
    });
    expect(of(compare, 'statistic=MEDIAN')).toMatchObject({ argument: 'outcomeConcept', message: 'is required.' });
    expect(of(compare, 'outcomeConcept=')).toMatchObject({ argument: 'outcomeConcept' });
    expect(of(predictor, 'predictor=age&associated=1')).toMatchObject({ argument: 'associated' });
    expect(of(compare, 'outcomeConcept=pfs&timePoint={value:2}')).toMatchObject({ argument: 'timePoint' });
    for (const first of ['0', '101', '2.5', 'ten', ''])
      expect(of(compare, `outcomeConcept=pfs&first=${first}`)).toMatchObject({ argument: 'first' });
  });
});

describe('exportPageOf and tooLarge', () => {
  it('reads a page, and gives the status of an error by its code unless Apollo set one', () => {
    const data = {
      compareOutcome: {
        totalCount: 3,
        pageInfo: { hasNextPage: true, endCursor: 'c2' },
        edges: [{ node: { a: 1 } }, { node: { a: 2 } }],
      },
    };
    expect(exportPageOf(compare, 200, { data })).toEqual({
      page: { rows: [{ a: 1 }, { a: 2 }], totalCount: 3, endCursor: 'c2', hasNextPage: true },
    });
    const error = (code: string) => ({ data: null, errors: [{ message: 'm', extensions: { code } }] });
    expect(exportPageOf(compare, 200, error('NOT_FOUND'))).toMatchObject({ status: 404 });
    expect(exportPageOf(predictor, 200, error('BAD_USER_INPUT'))).toMatchObject({ status: 400 });
    expect(exportPageOf(compare, 400, error('GRAPHQL_VALIDATION_FAILED'))).toMatchObject({ status: 400 });
    expect(exportPageOf(compare, 504, error('TIMEOUT'))).toMatchObject({ status: 504 });
    expect(exportPageOf(compare, 200, {})).toMatchObject({
      status: 500,
      errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  it('refuses a table above the row cap, and not one at it', () => {
    expect(tooLarge(EXPORT_MAX_ROWS)).toBeNull();
    expect(tooLarge(EXPORT_MAX_ROWS + 1)).toMatch(
      `${EXPORT_MAX_ROWS + 1} rows; an export holds at most ${EXPORT_MAX_ROWS}`,
    );
  });
});
