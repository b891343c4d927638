import { Arg, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from '../errors';
import { PageInfo } from './pagination';

/** The field of every connection that counts its items no further than a bound. */
export const COUNT_UP_TO = 'totalCountUpTo';

/** The largest bound of `totalCountUpTo`. */
export const MAX_COUNT_UP_TO = 10_000;

@ObjectType({
  description:
    'A count that stops at a bound: the items matching, counted no further than `limit` (as a search engine gives "1,000+").',
})
export class CountUpTo {
  @Field(() => Int, { description: 'The number of items, or `limit` when more match.' })
  count: number;

  @Field({ description: 'True when `count` is the exact total; false when more than `limit` match.' })
  exact: boolean;
}

/** Checks the bound of `totalCountUpTo`; an invalid one is BAD_USER_INPUT naming the argument. */
export function countLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_COUNT_UP_TO)
    throw badInput('limit', `must be between 1 and ${MAX_COUNT_UP_TO} (got ${String(limit)}).`);
  return limit;
}

/** `totalCountUpTo` from a count `n` that stopped at `limit + 1` or earlier. */
export const countUpTo = (n: number, limit: number): CountUpTo => ({ count: Math.min(n, limit), exact: n <= limit });

/**
 * Builds the Relay connection types of a node type: `<Name>Edge { cursor node }` and an
 * abstract `{ edges pageInfo totalCount }` base for `<Name>Connection` to extend.
 */
export function Connection<T extends object>(node: ClassType<T>, plural: string) {
  @ObjectType(`${node.name}Edge`, { description: `One ${node.name} of a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor: string;

    @Field(() => node, { description: `The ${node.name}.` })
    node: T;
  }

  @ObjectType()
  abstract class ConnectionBase {
    @Field(() => [Edge], { description: `The ${plural} of this page, in order.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: `Number of ${plural} matching, over all pages.` })
    totalCount: number;

    // Bound to the relation resolver (bindFieldResolvers, src/graphql/translate/materialize.ts):
    // the value is what the root field's statement counted, found by response key.
    @Field(() => CountUpTo, {
      description: `Number of ${plural} matching, counted no further than \`limit\`. Where a stored count gives \`totalCount\` it costs the same; where the matches must be counted (several filters at once), counting stops at the bound, so its cost does not grow with the graph as \`totalCount\`'s does.`,
    })
    totalCountUpTo(
      @Arg('limit', () => Int, { description: `The bound, 1 to ${MAX_COUNT_UP_TO}.` }) _limit: number,
    ): CountUpTo {
      throw new Error(`${COUNT_UP_TO} is read from the projection of its root field.`);
    }
  }
  return ConnectionBase;
}
