// GET /health/live (the process answers) and GET /health/ready (Neo4j answers and the
// migrations are applied; 503 with the reason otherwise). Neither goes through GraphQL.
import { FastifyPluginAsync } from 'fastify';
import { DatabaseState } from '../pipeline';

export const healthRoute: FastifyPluginAsync<{ db: DatabaseState }> = async (fastify, { db }) => {
  // HEAD too: probes and load balancers use either.
  fastify.route({ method: ['GET', 'HEAD'], url: '/health/live', handler: async () => ({ status: 'ok' }) });
  fastify.route({
    method: ['GET', 'HEAD'],
    url: '/health/ready',
    handler: async (_request, reply) => {
      const reason = await db.notReadyReason();
      return reason === null ? { status: 'ready' } : reply.code(503).send({ status: 'not ready', reason });
    },
  });
};
