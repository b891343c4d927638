import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from '../errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when items follow this page: pass `endCursor` as `after` to get them.' })
  hasNextPage: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first item of the page; null when the page is empty.',
  })
  startCursor: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of the page; null when the page is empty.',
  })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (an `endCursor` of a previous page).',
  })
  after?: string | null;
}

/** The size of an unpaged list that can be long (the arms of a common intervention). */
@ArgsType()
export class FirstArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Number of items, 1 to ${MAX_PAGE_SIZE}.` })
  first: number = DEFAULT_PAGE_SIZE;
}

/** A page request resolved to plain numbers. */
export interface Page {
  offset: number;
  limit: number;
}

const CURSOR_PREFIX = 'offset:';

/** Cypher list slices (`list[$offset..($offset + $limit)]`) take 32-bit integers. */
const MAX_CYPHER_INDEX = 2 ** 31 - 1;

export const encodeCursor = (offset: number): string =>
  Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');

/** Checks `first` and decodes `after`; invalid values are BAD_USER_INPUT naming the argument. */
export function toPage(first: number | undefined | null, after: string | undefined | null, max = MAX_PAGE_SIZE): Page {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw badInput('first', `must be between 1 and ${max} (got ${limit}).`);
  if (after === undefined || after === null) return { offset: 0, limit };
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  const offset = Number(decoded.slice(CURSOR_PREFIX.length));
  if (
    !decoded.startsWith(CURSOR_PREFIX) ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    // No list holds that many items, and Cypher could not slice past it: not a cursor of this API.
    offset + 1 + limit > MAX_CYPHER_INDEX ||
    encodeCursor(offset) !== after
  ) {
    throw badInput('after', 'is not a cursor returned by this API (use `pageInfo.endCursor` of a previous page).');
  }
  return { offset: offset + 1, limit };
}

/** Builds a connection from one page of nodes and the total count. */
export function toConnection<T>(nodes: T[], totalCount: number, page: Page) {
  const edges = nodes.map((node, index) => ({ cursor: encodeCursor(page.offset + index), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.offset + nodes.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
