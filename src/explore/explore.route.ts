// GET /explore?study=ID: the visual explorer of a study's neighbourhood, and its assets under
// /explore-assets/. The page and its script come from this project and its npm dependencies
// (cytoscape); in the browser it reads through POST /graphql only, and its forest tab shows
// GET /plots/forest.svg. `exploreRoute` serves what `exploreAnswer` returns.
import { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { assetHeaders, notModified } from '../assets/asset';
import { ErrorCode } from '../errors';
import { refusal } from '../http/errors';
import { refuseOtherMethods } from '../http/routing';
import { GRAPHQL_PATH } from '../http/routes/graphql.route';
import { FOREST_PATH } from '../pooling/forest.route';
import { Key } from '../seeds/seed.schema';
import { EXPLORE_ASSET_PREFIX, exploreAsset } from './explore.assets';
import { EXPLORE_CSP, renderExplorePage } from './explore.page';

export { EXPLORE_ASSET_PREFIX } from './explore.assets';

export const EXPLORE_PATH = '/explore';

/** The explorer of the seed trial, which the playground links to. */
export const SEED_EXPLORE_URL = `${EXPLORE_PATH}?study=hae-vs-hace-midgut`;

/** What to send: a page or an asset, or a refusal (status, stable code, message) with the methods allowed. */
export type ExploreAnswer =
  | { status: 200; headers: Record<string, string>; body: string | Buffer }
  | { refusal: [status: number, code: string, message: string]; allow?: string };

/** Where the page links and posts to. */
export interface ExploreLinks {
  /** The GraphQL endpoint the page POSTs to. */
  endpoint: string;
  /** The playground's address (GET of the endpoint in a browser). */
  playground: string;
}

/**
 * The answer to a request for EXPLORE_PATH or an asset: GET only (405 otherwise); the page needs
 * exactly one `study` parameter holding a study key (400 BAD_USER_INPUT otherwise); an unknown
 * asset is 404. Whether the study exists is the page's question to the API (it says so when
 * `study` answers null). Pure apart from reading an asset file once.
 */
export function exploreAnswer(method: string | undefined, url: URL, links: ExploreLinks): ExploreAnswer {
  if (method !== 'GET') return { refusal: [405, ErrorCode.METHOD_NOT_ALLOWED, 'Use GET.'], allow: 'GET' };
  if (url.pathname !== EXPLORE_PATH) {
    const asset = exploreAsset(url.pathname.slice(EXPLORE_ASSET_PREFIX.length));
    if (!asset) return { refusal: [404, ErrorCode.NOT_FOUND, `No explorer asset at ${url.pathname}.`] };
    return { status: 200, headers: assetHeaders(asset), body: asset.body };
  }
  const study = studyOf(url.searchParams);
  if ('message' in study) return { refusal: [400, ErrorCode.BAD_USER_INPUT, study.message] };
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': EXPLORE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
    body: renderExplorePage({
      study: study.key,
      endpoint: links.endpoint,
      playground: links.playground,
      forest: FOREST_PATH,
    }),
  };
}

/** The study key of the query string, or what is wrong with it. */
function studyOf(params: URLSearchParams): { key: string } | { message: string } {
  for (const name of params.keys())
    if (name !== 'study')
      return { message: `Parameter "${name}": unknown; the explorer takes only "study" (e.g. ${SEED_EXPLORE_URL}).` };
  const values = params.getAll('study');
  if (values.length === 0 || values[0] === '')
    return { message: `Parameter "study" is required: the key of a study (e.g. ${SEED_EXPLORE_URL}).` };
  if (values.length > 1) return { message: 'Parameter "study": give it once.' };
  const key = Key.safeParse(values[0]);
  if (!key.success)
    return {
      message: `Parameter "study": ${key.error.issues[0].message} (got ${JSON.stringify(values[0].slice(0, 130))}).`,
    };
  return { key: key.data };
}

/** The explorer's routes: the page and its assets, GET only; an asset the browser holds (its ETag) is 304. */
export const exploreRoute: FastifyPluginAsync = async (fastify) => {
  const links: ExploreLinks = { endpoint: GRAPHQL_PATH, playground: GRAPHQL_PATH };
  const send = async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = exploreAnswer(request.method, new URL(request.url, 'http://localhost'), links);
    if ('refusal' in answer)
      throw refusal(
        answer.refusal[1],
        answer.refusal[2],
        answer.refusal[0],
        answer.allow ? { allow: answer.allow } : {},
      );
    const etag = answer.headers.etag;
    if (etag && notModified(request.headers['if-none-match'], etag))
      return reply.code(304).headers({ etag, 'cache-control': answer.headers['cache-control'] }).send();
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  };
  for (const url of [EXPLORE_PATH, `${EXPLORE_ASSET_PREFIX}*`]) {
    fastify.get(url, send);
    refuseOtherMethods(fastify, url, ['GET']);
  }
};
