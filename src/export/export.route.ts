// GET /export/compare-outcome.csv and GET /export/predictor-evidence.csv: the tables of
// compareOutcome and predictorEvidence as CSV, from the fields' arguments as query parameters.
// The route runs each export's query through the GraphQL pipeline page by page (limits,
// deadline, error codes; each page one Cypher statement with SKIP/LIMIT) and streams each page
// as it arrives; this module also holds the queries, the parameter parsing, the columns and the
// flattening of a row.
import { stringify } from 'csv-stringify/sync';
import { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ErrorCode } from '../errors';
import { MAX_PAGE_SIZE } from '../graphql/pagination';
import { RequestLog } from '../http/edge';
import { errorAnswerOf, refusal } from '../http/errors';
import { GraphQLPipeline } from '../http/pipeline';
import { refuseOtherMethods } from '../http/routing';

export const EXPORT_PATH_PREFIX = '/export/';

/** Rows an export may hold: a table whose totalCount is above it is refused (EXPORT_TOO_LARGE) before any row is sent. */
export const EXPORT_MAX_ROWS = 10_000;

/** Rows fetched per page (one GraphQL request, one Cypher statement) unless `first` says otherwise. */
export const EXPORT_PAGE_SIZE = MAX_PAGE_SIZE;

/**
 * The values of a list (the evidence entries of a row, the comparisons of a measurement) share
 * one cell, one line per entry in order (LF between them); the k-th line of each column of the
 * list belongs to the k-th entry, and an entry without that value leaves its line empty. A line
 * break inside a value becomes a space (quotes match their source after collapsing whitespace).
 */
export const LIST_SEPARATOR = '\n';

/** The quotes of one comparison, when it has several, on its line of `comparisonQuote`. */
export const NESTED_SEPARATOR = ' || ';

const EVIDENCE = `fragment ExportEvidence on Evidence {
  quote section note verification
  document { id title url publication { pmid doi } }
}`;

export const COMPARE_OUTCOME_EXPORT_QUERY = `query CompareOutcomeExport($outcomeConcept: ID!, $condition: ID, $includeNarrower: Boolean! = true, $statistic: Statistic, $timePoint: TimePointInput, $first: Int!, $after: String) {
  compareOutcome(outcomeConcept: $outcomeConcept, condition: $condition, includeNarrower: $includeNarrower, statistic: $statistic, timePoint: $timePoint, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      study { id acronym title year }
      outcome { id name role timeFrame concept { id name } }
      arm { id label role }
      measurement { id statistic value valueText range { low high } unit unitText timePoint { value unit } ci { level lower upper } dispersion { type value lower upper } analysed subgroup { label criterion n } category row comment group { title } evidence { ...ExportEvidence } }
      comparisons { id effectMeasure estimate estimateText estimateType ci { level lower upper sided } p { text operator value sided } method hypothesis subgroup { label } treatmentArm { label } referenceArm { label } groups { title } treatmentGroup { title } comments { field text } evidence { quote } }
    } }
  }
}
${EVIDENCE}`;

export const PREDICTOR_EVIDENCE_EXPORT_QUERY = `query PredictorEvidenceExport($predictor: ID!, $associated: Boolean, $first: Int!, $after: String) {
  predictorEvidence(predictor: $predictor, associated: $associated, first: $first, after: $after) {
    findings {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node {
        id
        study { id acronym title year }
        predictor { id name kind }
        outcomeConcept { id name }
        outcome { id name }
        contrast associated direction directionText analysisType effectMeasure estimate
        ci { level lower upper }
        p { text operator value sided }
        evidence { ...ExportEvidence }
      } }
    }
  }
}
${EVIDENCE}`;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
type Cell = string | number | boolean | null | undefined;

/** One column: its header and its cell of a row (a node of the export's query). */
export interface Column {
  name: string;
  cell(row: Json): Cell;
}

/** How a query parameter becomes a variable: as text, `true`/`false`, JSON (an input object) or an integer. */
type ParamKind = 'text' | 'boolean' | 'json' | 'int';

export interface CsvExport {
  path: string;
  /** The file name offered to the client. */
  filename: string;
  query: string;
  /** The parameters besides `first` (rows per page) and `after` (start after this cursor). */
  params: Readonly<Record<string, ParamKind>>;
  required: string;
  columns: readonly Column[];
  /** The most rows a file of this export holds: EXPORT_MAX_ROWS. */
  maxRows: number;
  /** The connection of the answer's data: where totalCount, pageInfo and edges are. */
  connectionOf(data: Json): Json;
}

/** A value as one line of a list cell. */
const line = (value: Cell): string =>
  value === null || value === undefined ? '' : String(value).replace(/\r\n|[\r\n]/g, ' ');

/** The cell of a list: its values one per line (see LIST_SEPARATOR); empty for no entry. */
export const listCell = (values: readonly Cell[]): string | null =>
  values.length === 0 ? null : values.map(line).join(LIST_SEPARATOR);

/** The columns of a list of evidence entries: their count, quotes, verification and source. */
const evidenceColumns = (evidenceOf: (row: Json) => Json[]): Column[] => {
  const each = (name: string, value: (e: Json) => Cell): Column => ({
    name,
    cell: (row) => listCell(evidenceOf(row).map(value)),
  });
  return [
    { name: 'evidenceCount', cell: (row) => evidenceOf(row).length },
    each('evidenceQuote', (e) => e.quote),
    each('evidenceSection', (e) => e.section),
    each('evidenceNote', (e) => e.note),
    each('evidenceVerification', (e) => e.verification),
    each('documentId', (e) => e.document.id),
    each('documentTitle', (e) => e.document.title),
    each('documentUrl', (e) => e.document.url),
    each('publicationPmid', (e) => e.document.publication?.pmid),
    each('publicationDoi', (e) => e.document.publication?.doi),
  ];
};

const studyColumns = (studyOf: (row: Json) => Json): Column[] => [
  { name: 'studyId', cell: (row) => studyOf(row).id },
  { name: 'studyAcronym', cell: (row) => studyOf(row).acronym },
  { name: 'studyTitle', cell: (row) => studyOf(row).title },
  { name: 'studyYear', cell: (row) => studyOf(row).year },
];

/** The columns of one row of compareOutcome (a measurement, with the comparisons of its arm as lists). */
export const COMPARE_OUTCOME_COLUMNS: readonly Column[] = (() => {
  const comparison = (name: string, value: (c: Json) => Cell): Column => ({
    name,
    cell: (row) => listCell(row.comparisons.map(value)),
  });
  return [
    ...studyColumns((row) => row.study),
    { name: 'outcomeConceptId', cell: (row) => row.outcome.concept.id },
    { name: 'outcomeConceptName', cell: (row) => row.outcome.concept.name },
    { name: 'outcomeId', cell: (row) => row.outcome.id },
    { name: 'outcomeName', cell: (row) => row.outcome.name },
    { name: 'outcomeRole', cell: (row) => row.outcome.role },
    { name: 'outcomeTimeFrame', cell: (row) => row.outcome.timeFrame },
    { name: 'armId', cell: (row) => row.arm?.id },
    { name: 'armLabel', cell: (row) => row.arm?.label },
    { name: 'armRole', cell: (row) => row.arm?.role },
    { name: 'measurementId', cell: (row) => row.measurement.id },
    { name: 'statistic', cell: (row) => row.measurement.statistic },
    { name: 'value', cell: (row) => row.measurement.value },
    { name: 'valueText', cell: (row) => row.measurement.valueText },
    { name: 'rangeLow', cell: (row) => row.measurement.range?.low },
    { name: 'rangeHigh', cell: (row) => row.measurement.range?.high },
    { name: 'unit', cell: (row) => row.measurement.unit },
    { name: 'unitText', cell: (row) => row.measurement.unitText },
    { name: 'timePointValue', cell: (row) => row.measurement.timePoint?.value },
    { name: 'timePointUnit', cell: (row) => row.measurement.timePoint?.unit },
    { name: 'ciLevel', cell: (row) => row.measurement.ci?.level },
    { name: 'ciLower', cell: (row) => row.measurement.ci?.lower },
    { name: 'ciUpper', cell: (row) => row.measurement.ci?.upper },
    { name: 'dispersionType', cell: (row) => row.measurement.dispersion?.type },
    { name: 'dispersionValue', cell: (row) => row.measurement.dispersion?.value },
    { name: 'dispersionLower', cell: (row) => row.measurement.dispersion?.lower },
    { name: 'dispersionUpper', cell: (row) => row.measurement.dispersion?.upper },
    { name: 'analysed', cell: (row) => row.measurement.analysed },
    // A result of a subgroup of the arm (a registry's class), and the category counted: never to be read as the whole arm's.
    { name: 'subgroupLabel', cell: (row) => row.measurement.subgroup?.label },
    { name: 'subgroupCriterion', cell: (row) => row.measurement.subgroup?.criterion },
    { name: 'subgroupN', cell: (row) => row.measurement.subgroup?.n },
    { name: 'category', cell: (row) => row.measurement.category },
    // A registry's result group (an analysis population, a period…) and the titled row of the measure (a component, an analyte, a time point).
    { name: 'groupTitle', cell: (row) => row.measurement.group?.title },
    { name: 'row', cell: (row) => row.measurement.row },
    { name: 'comment', cell: (row) => row.measurement.comment },
    ...evidenceColumns((row) => row.measurement.evidence),
    { name: 'comparisonCount', cell: (row) => row.comparisons.length },
    comparison('comparisonId', (c) => c.id),
    // Empty where the source does not say which group is the treatment (then see comparisonGroups).
    comparison('comparisonTreatmentArm', (c) => c.treatmentArm?.label),
    comparison('comparisonReferenceArm', (c) => c.referenceArm?.label),
    comparison('comparisonGroups', (c) => c.groups.map((g: Json) => line(g.title)).join(' | ')),
    comparison('comparisonTreatmentGroup', (c) => c.treatmentGroup?.title),
    comparison('comparisonEffectMeasure', (c) => c.effectMeasure),
    comparison('comparisonEstimate', (c) => c.estimate),
    comparison('comparisonEstimateText', (c) => c.estimateText),
    comparison('comparisonEstimateType', (c) => c.estimateType),
    comparison('comparisonCiLevel', (c) => c.ci?.level),
    comparison('comparisonCiLower', (c) => c.ci?.lower),
    comparison('comparisonCiUpper', (c) => c.ci?.upper),
    comparison('comparisonCiSided', (c) => c.ci?.sided),
    comparison('comparisonPText', (c) => c.p?.text),
    comparison('comparisonPOperator', (c) => c.p?.operator),
    comparison('comparisonPValue', (c) => c.p?.value),
    comparison('comparisonPSided', (c) => c.p?.sided),
    comparison('comparisonMethod', (c) => c.method),
    comparison('comparisonHypothesis', (c) => c.hypothesis),
    comparison('comparisonSubgroup', (c) => c.subgroup?.label),
    comparison('comparisonComments', (c) => c.comments.map((k: Json) => line(`${k.field}: ${k.text}`)).join(' | ')),
    comparison('comparisonQuote', (c) => c.evidence.map((e: Json) => line(e.quote)).join(NESTED_SEPARATOR)),
  ];
})();

/** The columns of one finding of predictorEvidence. */
export const PREDICTOR_EVIDENCE_COLUMNS: readonly Column[] = [
  { name: 'findingId', cell: (f) => f.id },
  ...studyColumns((f) => f.study),
  { name: 'predictorId', cell: (f) => f.predictor.id },
  { name: 'predictorName', cell: (f) => f.predictor.name },
  { name: 'predictorKind', cell: (f) => f.predictor.kind },
  { name: 'outcomeConceptId', cell: (f) => f.outcomeConcept.id },
  { name: 'outcomeConceptName', cell: (f) => f.outcomeConcept.name },
  // Empty when the finding names only the outcome concept (PFS over time, not one end point of the study).
  { name: 'outcomeId', cell: (f) => f.outcome?.id ?? null },
  { name: 'outcomeName', cell: (f) => f.outcome?.name ?? null },
  { name: 'contrast', cell: (f) => f.contrast },
  { name: 'associated', cell: (f) => f.associated },
  { name: 'direction', cell: (f) => f.direction },
  { name: 'directionText', cell: (f) => f.directionText },
  { name: 'analysisType', cell: (f) => f.analysisType },
  { name: 'effectMeasure', cell: (f) => f.effectMeasure },
  { name: 'estimate', cell: (f) => f.estimate },
  { name: 'ciLevel', cell: (f) => f.ci?.level },
  { name: 'ciLower', cell: (f) => f.ci?.lower },
  { name: 'ciUpper', cell: (f) => f.ci?.upper },
  { name: 'pText', cell: (f) => f.p?.text },
  { name: 'pOperator', cell: (f) => f.p?.operator },
  { name: 'pValue', cell: (f) => f.p?.value },
  { name: 'pSided', cell: (f) => f.p?.sided },
  ...evidenceColumns((f) => f.evidence),
];

export const EXPORTS: readonly CsvExport[] = [
  {
    path: `${EXPORT_PATH_PREFIX}compare-outcome.csv`,
    filename: 'compare-outcome.csv',
    query: COMPARE_OUTCOME_EXPORT_QUERY,
    params: {
      outcomeConcept: 'text',
      condition: 'text',
      includeNarrower: 'boolean',
      statistic: 'text',
      timePoint: 'json',
    },
    required: 'outcomeConcept',
    columns: COMPARE_OUTCOME_COLUMNS,
    maxRows: EXPORT_MAX_ROWS,
    connectionOf: (data) => data?.compareOutcome,
  },
  {
    path: `${EXPORT_PATH_PREFIX}predictor-evidence.csv`,
    filename: 'predictor-evidence.csv',
    query: PREDICTOR_EVIDENCE_EXPORT_QUERY,
    params: { predictor: 'text', associated: 'boolean' },
    required: 'predictor',
    columns: PREDICTOR_EVIDENCE_COLUMNS,
    maxRows: EXPORT_MAX_ROWS,
    connectionOf: (data) => data?.predictorEvidence?.findings,
  },
];

/** The export served at `pathname`, if any. */
export const exportAt = (pathname: string): CsvExport | undefined => EXPORTS.find((e) => e.path === pathname);

export interface ExportRequest {
  /** The variables of the export's query but `first` and `after`. */
  variables: Record<string, unknown>;
  pageSize: number;
  /** Where the export starts: after this cursor, or at the first row. */
  after: string | null;
}

/**
 * The request of an export from its query parameters (input objects as JSON, booleans as
 * `true`/`false`, `first` the rows fetched per page, `after` a cursor to start after), or the
 * parameter that is wrong: an unknown or repeated one, a missing key, a value of the wrong form.
 * Values of the right form are checked by the GraphQL field itself (enum values, cursors, an
 * unknown key).
 */
export function exportRequestOf(
  spec: CsvExport,
  params: URLSearchParams,
): ExportRequest | { argument: string; message: string } {
  const known = [...Object.keys(spec.params), 'first', 'after'];
  for (const name of params.keys()) {
    if (!known.includes(name))
      return { argument: name, message: `unknown parameter; the parameters are ${known.join(', ')}.` };
    if (params.getAll(name).length > 1) return { argument: name, message: 'is given more than once.' };
  }
  const variables: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec.params)) {
    const text = params.get(name);
    if (text === null) continue;
    if (kind === 'text') variables[name] = text;
    else if (kind === 'boolean') {
      if (text !== 'true' && text !== 'false')
        return { argument: name, message: `must be true or false (got "${text}").` };
      variables[name] = text === 'true';
    } else if (kind === 'json') {
      try {
        variables[name] = JSON.parse(text);
      } catch {
        return { argument: name, message: 'must be JSON, e.g. {"value":2,"unit":"YEARS"}.' };
      }
    }
  }
  if (!variables[spec.required]) return { argument: spec.required, message: 'is required.' };
  let pageSize = EXPORT_PAGE_SIZE;
  if (params.has('first')) {
    pageSize = Number(params.get('first'));
    if (!/^\d+$/.test(params.get('first')!) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return {
        argument: 'first',
        message: `rows per page: an integer from 1 to ${MAX_PAGE_SIZE} (got "${params.get('first')}").`,
      };
    }
  }
  return { variables, pageSize, after: params.get('after') || null };
}

/** One page of an export's answer: the rows, the table's size and where the next page starts. */
export interface ExportPage {
  rows: Json[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The status of an export refused by its GraphQL field, by the code of its error (field errors leave /graphql at 200). */
export const EXPORT_STATUS: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.EXPORT_TOO_LARGE]: 422,
};

/** A page from the status and result of the export query's answer, or the status and errors to answer. */
export function exportPageOf(
  spec: CsvExport,
  status: number | undefined,
  answer: { data?: Json; errors?: readonly Json[] },
): { page: ExportPage } | { status: number; errors: Json[] } {
  const connection = spec.connectionOf(answer.data);
  if (answer.errors?.length || !connection) {
    const errors: Json[] = answer.errors?.length
      ? [...answer.errors]
      : [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }];
    const code = errors[0].extensions?.code;
    return { status: status && status !== 200 ? status : (EXPORT_STATUS[code] ?? 500), errors };
  }
  return {
    page: {
      rows: connection.edges.map((edge: Json) => edge.node),
      totalCount: connection.totalCount,
      endCursor: connection.pageInfo.endCursor,
      hasNextPage: connection.pageInfo.hasNextPage,
    },
  };
}

/** The refusal of a table above EXPORT_MAX_ROWS, or null when it may be exported. */
export function tooLarge(totalCount: number, maxRows = EXPORT_MAX_ROWS): string | null {
  return totalCount > maxRows
    ? `The table has ${totalCount} rows; an export holds at most ${maxRows}. Narrow it with the field's filters, or read it page by page from /graphql.`
    : null;
}

/**
 * The CSV text of `rows` (RFC 4180: CRLF between records, a field quoted when it holds a
 * comma, a double quote or a line break, its quotes doubled), with the header line when
 * `header`. Booleans are `true`/`false`, numbers as JavaScript prints them (they parse back to
 * the same value), null and absent values empty cells.
 */
export function csvOf(columns: readonly Column[], rows: readonly Json[], header: boolean): string {
  return stringify(
    rows.map((row) => columns.map((c) => c.cell(row))),
    {
      header,
      columns: columns.map((c) => c.name),
      record_delimiter: 'windows',
      // csv-stringify quotes a field holding the record delimiter (CRLF); RFC 4180 also wants a lone CR or LF quoted.
      quoted_match: /[\r\n]/,
      cast: { boolean: (value) => (value ? 'true' : 'false') },
    },
  );
}

/** The exports' routes: each CsvExport at its path, GET only. */
export const exportRoute: FastifyPluginAsync<{ pipeline: GraphQLPipeline; log: RequestLog }> = async (
  fastify,
  { pipeline, log },
) => {
  for (const spec of EXPORTS) {
    fastify.get(spec.path, (request, reply) => exportCsv(spec, request, reply, pipeline, log));
    refuseOtherMethods(fastify, spec.path, ['GET']);
  }
};

/**
 * GET /export/*.csv. Bad parameters, an unknown key and a table above the export's maxRows are
 * refused as JSON before any row is sent; the pages are then streamed as CSV, each fetched when
 * the client has taken the one before. A page that fails after the first destroys the
 * connection, so that a cut file cannot be taken for a whole one.
 */
async function exportCsv(
  spec: CsvExport,
  request: FastifyRequest,
  reply: FastifyReply,
  pipeline: GraphQLPipeline,
  log: RequestLog,
) {
  const parsed = exportRequestOf(spec, new URL(request.url, 'http://localhost').searchParams);
  if ('argument' in parsed)
    throw refusal(ErrorCode.BAD_USER_INPUT, `Parameter "${parsed.argument}": ${parsed.message}`, 400);
  const pageAfter = async (after: string | null) => {
    const { status, result } = await pipeline.execute(request, {
      query: spec.query,
      variables: { ...parsed.variables, first: parsed.pageSize, after },
    });
    return exportPageOf(spec, status, result);
  };
  const first = await pageAfter(parsed.after);
  if ('errors' in first)
    return reply
      .code(first.status)
      .send({ errors: first.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: request.id } })) });
  const refused = tooLarge(first.page.totalCount, spec.maxRows);
  if (refused) throw refusal(ErrorCode.EXPORT_TOO_LARGE, refused, 422);
  async function* pages(): AsyncGenerator<string> {
    let page = first as { page: ExportPage };
    for (let index = 0, rowsSent = 0; ; index += 1) {
      yield csvOf(spec.columns, page.page.rows, index === 0);
      rowsSent += page.page.rows.length;
      if (!page.page.hasNextPage || !page.page.endCursor) return;
      const next = await pageAfter(page.page.endCursor).catch((error: unknown) => ({
        status: 0,
        errors: [{ extensions: { code: errorAnswerOf(error).code } }],
      }));
      if ('errors' in next) {
        log({
          requestId: request.id,
          level: 'error',
          export: spec.path,
          rowsSent,
          error: next.errors[0]?.extensions?.code,
        });
        return void reply.raw.destroy();
      }
      page = next;
    }
  }
  return reply
    .headers({
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${spec.filename}"`,
      'x-content-type-options': 'nosniff',
    })
    .send(Readable.from(pages()));
}
