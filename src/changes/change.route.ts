// GET /feeds/changes.atom: the latest changes of the change log as an Atom 1.0 feed, for feed
// readers, with the filter of `changes` as query parameters (?relatedTo=hae-vs-hace-midgut,
// ?conditionIds=midgut-net,lung-net&kinds=RESULTS_POSTED). The route runs FEED_QUERY through the
// GraphQL pipeline (limits, deadline, error codes) and writes the answer as Atom (change.atom.ts).
import { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../errors';
import { errorAnswerOf, refusal } from '../http/errors';
import { GraphQLPipeline } from '../http/pipeline';
import { refuseOtherMethods } from '../http/routing';
import { ATOM_CONTENT_TYPE, atomFeed, FEED_SIZE } from './change.atom';
import { CHANGE_KINDS } from './change.kinds';

export const FEED_PATH = '/feeds/changes.atom';

/** A refusal of the feed's parameters: 400 BAD_USER_INPUT. */
const refusal400 = (message: string) => refusal(ErrorCode.BAD_USER_INPUT, message, 400);

/** The newest FEED_SIZE changes of the filter, with what an entry shows and links to. */
export const FEED_QUERY = `query ChangesFeed($where: ChangeFilter, $last: Int!) {
  changes(where: $where, last: $last) {
    edges { node {
      sequence at studyId kind kinds summary changes moreChanges changedBy reason
      study { registryIds { id registry } }
    } }
  }
}`;

/** The feed's parameters: the fields of ChangeFilter, lists comma-separated. */
const LIST_PARAMETERS = ['studyIds', 'conditionIds', 'interventionIds', 'kinds'] as const;
const PARAMETERS: ReadonlySet<string> = new Set([...LIST_PARAMETERS, 'relatedTo']);

/** The filter of a feed request; an unknown, repeated or empty parameter or an unknown kind is BAD_USER_INPUT. */
export function feedFilter(query: Record<string, unknown>): Record<string, string | string[]> {
  const where: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!PARAMETERS.has(name))
      throw refusal400(`Unknown parameter "${name}": a feed takes ${[...PARAMETERS].join(', ')}.`);
    if (typeof value !== 'string' || value.trim() === '')
      throw refusal400(`Parameter "${name}" must be given once, with a value.`);
    if (name === 'relatedTo') where.relatedTo = value.trim();
    else
      where[name] = value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
  }
  for (const kind of (where.kinds as string[] | undefined) ?? [])
    if (!(CHANGE_KINDS as readonly string[]).includes(kind))
      throw refusal400(`Parameter "kinds": ${kind} is none of ${CHANGE_KINDS.join(', ')}.`);
  return where;
}

/** The filter in words, for the feed's title. */
function about(where: Record<string, string | string[]>): string | null {
  const parts: string[] = [];
  if (where.relatedTo) parts.push(`related to ${where.relatedTo}`);
  if (where.studyIds) parts.push(`of ${(where.studyIds as string[]).join(', ')}`);
  if (where.conditionIds) parts.push(`in ${(where.conditionIds as string[]).join(', ')}`);
  if (where.interventionIds) parts.push(`with ${(where.interventionIds as string[]).join(', ')}`);
  if (where.kinds) parts.push(`(${(where.kinds as string[]).join(', ')})`);
  return parts.length > 0 ? parts.join(' ') : null;
}

export const changesFeedRoute: FastifyPluginAsync<{ pipeline: GraphQLPipeline }> = async (fastify, { pipeline }) => {
  fastify.get(FEED_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const where = feedFilter(request.query as Record<string, unknown>);
      const answer = await pipeline.execute(request, {
        query: FEED_QUERY,
        variables: { where, last: FEED_SIZE },
      });
      const error = answer.result.errors?.[0];
      if (error || !answer.result.data) {
        const code = (error?.extensions?.code as string | undefined) ?? ErrorCode.INTERNAL_SERVER_ERROR;
        const status = answer.status !== 200 ? answer.status : code === ErrorCode.BAD_USER_INPUT ? 400 : 500;
        return reply
          .code(status)
          .type('application/json; charset=utf-8')
          .send({ errors: [{ message: error?.message ?? 'No answer.', extensions: { code, requestId: request.id } }] });
      }
      const base = `${request.protocol}://${request.host}`;
      const query = new URLSearchParams(
        Object.entries(where).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
      ).toString();
      const study =
        (where.relatedTo as string | undefined) ?? (where.studyIds?.length === 1 ? where.studyIds[0] : null);
      const feed = atomFeed(
        {
          selfUrl: `${base}${FEED_PATH}${query ? `?${query}` : ''}`,
          query,
          base,
          about: about(where),
          explore: study ? `${base}/explore?study=${encodeURIComponent(study)}` : null,
        },
        (answer.result.data as { changes: { edges: { node: unknown }[] } }).changes.edges,
        new Date(),
      );
      return reply.type(ATOM_CONTENT_TYPE).send(feed);
    } catch (error) {
      const { status, code, message } = errorAnswerOf(error);
      return reply
        .code(status)
        .type('application/json; charset=utf-8')
        .send({ errors: [{ message, extensions: { code, requestId: request.id } }] });
    }
  });
  refuseOtherMethods(fastify, FEED_PATH, ['GET']);
};
