import { GraphQLError } from 'graphql';
import { encodeCursor, MAX_PAGE_SIZE, toConnection, toPage } from '../../src/graphql/pagination';

/** The error toPage throws, as { code, argument }. */
function failure(run: () => unknown): { code: unknown; argument: unknown } | null {
  try {
    run();
    return null;
  } catch (error) {
    const e = error as GraphQLError;
    return { code: e.extensions?.code, argument: e.extensions?.argument };
  }
}

const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('toPage', () => {
  it('reads first and after: the page after a cursor starts at the next item', () => {
    expect(toPage(undefined, undefined)).toEqual({ offset: 0, limit: 20 });
    expect(toPage(2, null)).toEqual({ offset: 0, limit: 2 });
    expect(toPage(2, encodeCursor(0))).toEqual({ offset: 1, limit: 2 });
    expect(toPage(MAX_PAGE_SIZE, encodeCursor(41))).toEqual({ offset: 42, limit: MAX_PAGE_SIZE });
  });

  it.each([0, -1, -100, MAX_PAGE_SIZE + 1, 1.5])('rejects first = %p as BAD_USER_INPUT naming "first"', (first) => {
    expect(failure(() => toPage(first, null))).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['empty', ''],
    ['another prefix', raw('page:3')],
    ['no number', raw('offset:')],
    ['a negative offset', raw('offset:-1')],
    ['a fraction', raw('offset:1.5')],
    ['an exponent', raw('offset:1e3')],
    ['padding the API never writes', raw('offset:1') + '='],
    ['an offset past what Cypher can slice (2^31 - 1)', encodeCursor(2 ** 31 - 1)],
    ['an offset near 2^53', encodeCursor(9007199254740990)],
  ])('rejects a cursor that is %s as BAD_USER_INPUT naming "after"', (_what, after) => {
    expect(failure(() => toPage(10, after))).toEqual({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('accepts any cursor the API can have written', () => {
    expect(toPage(100, encodeCursor(1_000_000))).toEqual({ offset: 1_000_001, limit: 100 });
  });
});

describe('toConnection', () => {
  it('numbers cursors from the page offset and tells whether items follow or precede', () => {
    const page = toPage(2, encodeCursor(1));
    const connection = toConnection(['c', 'd'], 5, page);
    expect(connection.edges).toEqual([
      { cursor: encodeCursor(2), node: 'c' },
      { cursor: encodeCursor(3), node: 'd' },
    ]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: encodeCursor(2),
      endCursor: encodeCursor(3),
    });
    expect(toConnection(['e'], 5, toPage(2, encodeCursor(3))).pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], 0, toPage(2, null)).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
