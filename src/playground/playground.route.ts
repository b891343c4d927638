// The playground: GET /graphql from a browser (a GET accepting text/html, without a query
// string; the `page` route constraint of src/http/routing.ts tells it from an API call) answers
// the GraphiQL page, and GET /playground-assets/* its scripts and styles (304 for an asset the
// browser holds, by its ETag).
import { FastifyPluginAsync } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { assetHeaders, notModified } from '../assets/asset';
import { REPO_ROOT } from '../config';
import { SEED_EXPLORE_URL } from '../explore/explore.route';
import { PAGE } from '../http/routing';
import { GRAPHQL_PATH } from '../http/routes/graphql.route';
import { PLAYGROUND_ASSET_PREFIX, playgroundAsset, renderPlaygroundPage } from './playground';

const EXAMPLES_FILE = path.join(REPO_ROOT, 'schema', 'examples.graphql');

export const playgroundRoute: FastifyPluginAsync = async (fastify) => {
  const examples = fs.existsSync(EXAMPLES_FILE) ? fs.readFileSync(EXAMPLES_FILE, 'utf8') : '{ __typename }';
  const page = renderPlaygroundPage({
    endpoint: GRAPHQL_PATH,
    examples,
    title: 'NET Trials Knowledge Graph',
    explorerUrl: SEED_EXPLORE_URL,
  });
  fastify.get(GRAPHQL_PATH, { constraints: { page: PAGE } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  fastify.get(`${PLAYGROUND_ASSET_PREFIX}*`, async (request, reply) => {
    const asset = playgroundAsset(
      new URL(request.url, 'http://localhost').pathname.slice(PLAYGROUND_ASSET_PREFIX.length),
    );
    if (!asset) return reply.code(404).send({ error: 'not found' });
    const headers = assetHeaders(asset);
    if (notModified(request.headers['if-none-match'], asset.etag))
      return reply.code(304).headers({ etag: asset.etag, 'cache-control': headers['cache-control'] }).send();
    return reply.headers(headers).send(asset.body);
  });
};
