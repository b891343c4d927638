// GET /fhir/Evidence?study=ID (a searchset Bundle) and GET /fhir/Evidence/{id} (one Evidence): the
// route runs FHIR_QUERY through the GraphQL pipeline (limits, deadline, error codes), and this
// module reads the request and turns the answer into FHIR R5 JSON (src/fhir/evidence.fhir.ts),
// errors into OperationOutcome.
import { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { FormattedExecutionResult } from 'graphql';
import { ErrorCode } from '../errors';
import { LimitCode } from '../graphql/limits';
import { errorAnswerOf } from '../http/errors';
import { GraphQLPipeline } from '../http/pipeline';
import { refuseOtherMethods } from '../http/routing';
import { evidenceById, evidenceBundle, operationOutcome, FhirResource, StudyAnswer } from './evidence.fhir';
import { IssueType } from './fhir.codes';
import { parseFhirId } from './fhir.id';

/** Every path under this prefix is answered as FHIR. */
export const FHIR_BASE = '/fhir';
const EVIDENCE_PATH = `${FHIR_BASE}/Evidence`;
export const FHIR_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';

/** One study with everything its comparisons' Evidence resources say, in one round trip. */
export const FHIR_QUERY = `query FhirEvidence($study: ID!) {
  study(id: $study) {
    id acronym title
    publications { id title journal year volume issue pages pmid doi firstAuthor role identifierVerification }
    population { description conditions { id name } }
    outcomes {
      id name role definition timeFrame concept { id name abbreviation }
      comparisons {
        id effectMeasure estimate method subgroup { label criterion n }
        ci { level lower upper }
        p { operator value text sided }
        estimateType
        treatmentArm { ...FhirArm }
        referenceArm { ...FhirArm }
        groups { title description }
        treatmentGroup { title description }
        referenceGroup { title description }
        evidence { id quote section verification note document { id title url localCopy publication { id title journal year volume issue pages pmid doi firstAuthor } } }
      }
    }
  }
}
fragment FhirArm on Arm { id label role randomized interventions { dose route schedule intervention { id name kind } } }`;

/** A FHIR response: status, body, and the Allow header of a 405. */
export interface FhirResponse {
  status: number;
  body: FhirResource;
  allow?: string;
}

/** What a FHIR request asks: the study to read, and the Evidence id for a read of one resource. */
export interface FhirRequest {
  study: string;
  evidenceId: string | null;
}

const STUDY_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const failure = (status: number, issueType: IssueType, code: string, message: string): FhirResponse => ({
  status,
  body: operationOutcome(issueType, code, message),
});

/** The request of a method and URL under FHIR_BASE, or the OperationOutcome that refuses it. */
export function fhirRequestOf(method: string, url: URL): FhirRequest | FhirResponse {
  if (method !== 'GET')
    return { ...failure(405, 'not-supported', ErrorCode.METHOD_NOT_ALLOWED, 'Use GET.'), allow: 'GET' };
  const params = [...url.searchParams.keys()];
  if (url.pathname === EVIDENCE_PATH) {
    const unknown = params.find((name) => name !== 'study');
    if (unknown !== undefined)
      return failure(
        400,
        'not-supported',
        ErrorCode.BAD_USER_INPUT,
        `Parameter "${unknown}" is not supported; search Evidence by "study" (a study key, e.g. netter-1).`,
      );
    const studies = url.searchParams.getAll('study');
    if (studies.length === 0 || studies[0] === '')
      return failure(
        400,
        'required',
        ErrorCode.BAD_USER_INPUT,
        'Parameter "study" is required: a study key, e.g. /fhir/Evidence?study=netter-1.',
      );
    if (studies.length > 1)
      return failure(400, 'value', ErrorCode.BAD_USER_INPUT, 'Parameter "study" takes one study key.');
    if (!STUDY_KEY.test(studies[0]) || studies[0].length > 120) {
      return failure(
        400,
        'value',
        ErrorCode.BAD_USER_INPUT,
        `Parameter "study": "${studies[0].slice(0, 130)}" is not a study key (lower-case letters and digits joined by hyphens, e.g. netter-1).`,
      );
    }
    return { study: studies[0], evidenceId: null };
  }
  if (url.pathname.startsWith(`${EVIDENCE_PATH}/`)) {
    if (params.length > 0)
      return failure(
        400,
        'not-supported',
        ErrorCode.BAD_USER_INPUT,
        `Parameter "${params[0]}" is not supported on a read of one Evidence.`,
      );
    const id = decodeURIComponentOrNull(url.pathname.slice(EVIDENCE_PATH.length + 1));
    const parsed = id === null ? null : parseFhirId(id);
    if (!parsed)
      return failure(
        404,
        'not-found',
        ErrorCode.NOT_FOUND,
        `No Evidence has the id "${(id ?? '').slice(0, 80)}": ids are <study>.<comparison>, e.g. netter-1.pfs-lutetium-vs-control.`,
      );
    return { study: parsed.study, evidenceId: id };
  }
  return failure(
    404,
    'not-supported',
    ErrorCode.NOT_FOUND,
    `Not found: ${FHIR_BASE} serves Evidence only (${EVIDENCE_PATH}?study=ID, ${EVIDENCE_PATH}/{id}).`,
  );
}

function decodeURIComponentOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The FHIR issue type of each of our codes that can end a request (src/errors.ts, src/graphql/limits.ts). */
const ISSUE_TYPE_OF: Readonly<Record<string, IssueType>> = {
  [ErrorCode.BAD_USER_INPUT]: 'invalid',
  [ErrorCode.BAD_REQUEST]: 'invalid',
  [ErrorCode.INVALID_BOOKMARKS]: 'value',
  [ErrorCode.NOT_FOUND]: 'not-found',
  [ErrorCode.METHOD_NOT_ALLOWED]: 'not-supported',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'not-supported',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'too-long',
  ...Object.fromEntries(Object.values(LimitCode).map((code) => [code, 'too-costly' as const])),
  [ErrorCode.DATABASE_UNAVAILABLE]: 'no-store',
  [ErrorCode.TIMEOUT]: 'timeout',
};
const STATUS_OF: Readonly<Record<string, number>> = { [ErrorCode.BAD_USER_INPUT]: 400, [ErrorCode.NOT_FOUND]: 404 };

/** A refusal of the pipeline (the request deadline, an outage, a limit) as an OperationOutcome with its status. */
export function fhirRefusal(status: number, code: string, message: string): FhirResponse {
  return failure(status, ISSUE_TYPE_OF[code] ?? 'exception', code, message);
}

/**
 * The FHIR answer of a request from the pipeline's answer to FHIR_QUERY (its HTTP status and
 * result): the Bundle or the one Evidence, 404 for an unknown study or id, an error of the
 * pipeline with its code and status.
 */
export function fhirAnswerOf(
  request: FhirRequest,
  status: number | undefined,
  answer: FormattedExecutionResult,
  base: string,
): FhirResponse {
  const error = answer.errors?.[0];
  if (error) {
    const code = String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    return fhirRefusal(status && status !== 200 ? status : (STATUS_OF[code] ?? 500), code, error.message);
  }
  const study = (answer.data as { study?: StudyAnswer | null } | null | undefined)?.study;
  if (!study) return failure(404, 'not-found', ErrorCode.NOT_FOUND, `No study has the key "${request.study}".`);
  if (request.evidenceId === null) return { status: 200, body: evidenceBundle(study, base) };
  const evidence = evidenceById(study, request.evidenceId);
  return evidence
    ? { status: 200, body: evidence }
    : failure(
        404,
        'not-found',
        ErrorCode.NOT_FOUND,
        `Study "${study.id}" has no comparison with the Evidence id "${request.evidenceId}".`,
      );
}

/** The server's address as the client named it, for Bundle links and fullUrl (loopback when the Host header is missing or malformed). */
export function baseUrlOf(host: string | undefined, forwardedProto: string | undefined): string {
  const name =
    host && /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host) ? host : 'localhost';
  return `${forwardedProto === 'https' ? 'https' : 'http'}://${name}`;
}

/**
 * The FHIR routes: every path under FHIR_BASE, GET only, answered by `fhirRequestOf` and
 * `fhirAnswerOf`; every refusal (of the method, of the pipeline) as an OperationOutcome.
 */
export const fhirRoute: FastifyPluginAsync<{ pipeline: GraphQLPipeline }> = async (fastify, { pipeline }) => {
  fastify.setErrorHandler((error, _request, reply) => {
    const { status, code, message, headers } = errorAnswerOf(error);
    return sendFhir(reply.headers(headers), fhirRefusal(status, code, message));
  });
  for (const url of [FHIR_BASE, `${FHIR_BASE}/*`]) {
    fastify.get(url, async (request, reply) => sendFhir(reply, await fhirAnswer(request, pipeline)));
    refuseOtherMethods(fastify, url, ['GET']);
  }
};

async function fhirAnswer(request: FastifyRequest, pipeline: GraphQLPipeline): Promise<FhirResponse> {
  const fhirRequest = fhirRequestOf(request.method, new URL(request.url, 'http://localhost'));
  if ('status' in fhirRequest) return fhirRequest;
  const { status, result } = await pipeline.execute(request, {
    query: FHIR_QUERY,
    variables: { study: fhirRequest.study },
  });
  const forwardedProto = request.headers['x-forwarded-proto'];
  return fhirAnswerOf(
    fhirRequest,
    status,
    result,
    baseUrlOf(request.headers.host, typeof forwardedProto === 'string' ? forwardedProto : undefined),
  );
}

function sendFhir(reply: FastifyReply, { status, body, allow }: FhirResponse): FastifyReply {
  if (allow) reply.header('allow', allow);
  return reply.code(status).type(FHIR_CONTENT_TYPE).send(JSON.stringify(body));
}
