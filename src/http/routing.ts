import type { FastifyInstance, FastifyServerOptions, HTTPMethods } from 'fastify';
import type http from 'node:http';
import { ErrorCode } from '../errors';
import { refusal } from './errors';

/** The methods a path of this server can be asked with; those a route does not serve are answered 405 (OPTIONS is CORS's). */
const METHODS: readonly HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Answers every other method on `url` with 405 METHOD_NOT_ALLOWED and the Allow header, before
 * any body is read. The error handler of the calling plugin renders it (FHIR's as an OperationOutcome).
 */
export function refuseOtherMethods(fastify: FastifyInstance, url: string, allowed: readonly HTTPMethods[]): void {
  const allow = allowed.join(', ');
  const message = `Use ${allowed.join(' or ')}.`;
  fastify.route({
    method: METHODS.filter((method) => !allowed.includes(method)),
    url,
    onRequest: async () => {
      throw refusal(ErrorCode.METHOD_NOT_ALLOWED, message, 405, { allow });
    },
    handler: async () => undefined,
  });
}

/** The value of the `page` route constraint for a browser asking for a page. */
export const PAGE = 'html';

/**
 * A route constraint that tells a browser opening an address (a GET that accepts text/html and
 * carries no query string) from an API client: the playground's GET /graphql is constrained to
 * it, the API's GET /graphql is not.
 */
export const pageConstraint: NonNullable<NonNullable<FastifyServerOptions['routerOptions']>['constraints']>[string] = {
  name: 'page',
  mustMatchWhenDerived: false,
  storage() {
    const handlers = new Map<unknown, never>();
    return {
      get: (value) => handlers.get(value) ?? null,
      set: (value, handler) => void handlers.set(value, handler as never),
    };
  },
  validate(value: unknown) {
    if (value !== PAGE) throw new Error(`The page constraint takes "${PAGE}".`);
  },
  deriveConstraint(req: http.IncomingMessage) {
    const wantsPage =
      req.method === 'GET' && !req.url?.includes('?') && (req.headers.accept ?? '').includes('text/html');
    return (wantsPage ? PAGE : undefined) as string;
  },
};
