import { encodeCursor, toConnection } from '../../src/graphql/pagination';
import { connectionOf, materialize, projected, sortRows } from '../../src/graphql/translate/materialize';
import { declareType, Row } from '../../src/graphql/translate/model';
import { Shape } from '../../src/graphql/translate/translate';

// Types of this test only: the registry is global, so their names are its own.
declareType('MaterializeTestShelf', {
  map: (row: Row) => ({ label: row.label }),
  relations: {
    books: {
      returns: () => [String],
      description: 'Books.',
      cardinality: 'list',
      max: 10,
      match: ({ from, to }) => `(${from})-[:HOLDS]->(${to})`,
    },
    newest: {
      returns: () => String,
      description: 'The newest book.',
      cardinality: 'one',
      match: ({ from, to }) => `(${from})-[:NEWEST]->(${to})`,
    },
  },
});
declareType('MaterializeTestBook', { map: (row: Row) => ({ title: row.title, year: row.year }) });

const book: Shape = { kind: 'object', typeName: 'MaterializeTestBook', children: [] };
const shelf: Shape = {
  kind: 'object',
  typeName: 'MaterializeTestShelf',
  children: [
    { key: 'bookCount', kind: 'value', field: 'bookCount' },
    { key: 'books', kind: 'list', shape: book, sortBy: ['year', { key: 'title', desc: true }] },
    { key: 'newest', kind: 'one', shape: book },
    { key: 'label', kind: 'one', shape: book },
    { key: 'page', kind: 'connection', shape: book, page: { offset: 2, limit: 2 } },
  ],
};
const infoOf = (key: string) =>
  ({
    path: { key, prev: undefined, typename: 'MaterializeTestShelf' },
    parentType: { name: 'MaterializeTestShelf' },
    fieldName: key,
  }) as never;

describe('materialize', () => {
  const row = {
    label: 'A',
    '@bookCount': 3,
    '@books': [
      { title: 'b', year: 2001 },
      { title: 'a', year: null },
      { title: 'c', year: 2001 },
    ],
    '@newest': null,
    '@label': { title: 'l' },
    '@page': { nodes: [{ title: 'x' }, { title: 'y' }, { title: 'z' }], total: 7 },
  };

  it('maps each object by its type, computed values by field name and relations by response key', () => {
    const shelfObject = materialize(shelf, row)!;
    expect(shelfObject).toMatchObject({ label: 'A', bookCount: 3 });
    expect(projected(shelfObject, infoOf('books'))).toMatchObject([
      { title: 'c', year: 2001 },
      { title: 'b', year: 2001 },
      { title: 'a', year: null },
    ]);
    expect(projected(shelfObject, infoOf('newest'))).toBeNull();
    const page = projected(shelfObject, infoOf('page')) as { edges: { node: unknown }[]; totalCount: number };
    expect(page.edges.map((e: { node: unknown }) => e.node)).toMatchObject([{ title: 'x' }, { title: 'y' }]);
    expect(page.totalCount).toBe(7);
  });

  it('writes a relation selected under its own name as a property of that name, one under another alias aside', () => {
    const shelfObject = materialize(shelf, row)! as Record<string, unknown>;
    expect(Object.keys(shelfObject).sort()).toEqual(['bookCount', 'books', 'label', 'newest']);
    expect(shelfObject.books).toBe(projected(shelfObject, infoOf('books')));
    // `label: <a relation>` leaves the label property as its type's map made it.
    expect(shelfObject.label).toBe('A');
    expect(projected(shelfObject, infoOf('label'))).toMatchObject({ title: 'l' });
  });

  it('gives the same result for every row of a shape it has already seen, each object its own', () => {
    const first = materialize(shelf, row)!;
    const second = materialize(shelf, { ...row, label: 'B', '@books': [] })!;
    expect(second).toMatchObject({ label: 'B', bookCount: 3 });
    expect(projected(second, infoOf('books'))).toEqual([]);
    expect(projected(first, infoOf('books'))).toHaveLength(3);
  });

  it('refuses a relation that was not projected', () => {
    expect(() => projected({}, infoOf('books'))).toThrow(
      'MaterializeTestShelf.books was not projected by its root field.',
    );
  });
});

describe('sortRows', () => {
  it('orders as Cypher: nulls last ascending and first descending, stable, the input left as it was', () => {
    const rows = [
      { k: 2, n: 'a' },
      { k: null, n: 'b' },
      { k: 1, n: 'c' },
      { k: 2, n: 'd' },
    ];
    expect(sortRows(rows, ['k']).map((r) => r.n)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, [{ key: 'k', desc: true }]).map((r) => r.n)).toEqual(['b', 'a', 'd', 'c']);
    expect(rows.map((r) => r.n)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('returns a copy of rows already in order', () => {
    const rows = [{ k: 1 }, { k: 2 }];
    const sorted = sortRows(rows, ['k']);
    expect(sorted).toEqual(rows);
    expect(sorted).not.toBe(rows);
  });
});

describe('connectionOf', () => {
  it('is the connection toConnection gives, with the extra node telling that more follow', () => {
    const page = { offset: 3, limit: 2 };
    const connection = connectionOf(['c', 'd', 'e'], page, 9);
    const expected = toConnection(['c', 'd'], 9, page);
    expect(connection.edges.map((e) => ({ cursor: e.cursor, node: e.node }))).toEqual(expected.edges);
    expect(connection.edges[1].cursor).toBe(encodeCursor(4));
    expect({ ...connection.pageInfo }).toEqual({ ...expected.pageInfo, hasNextPage: true });
    expect(connection.totalCount).toBe(9);
  });

  it('has no next page without the extra node, null cursors when empty, and -1 for a total not read', () => {
    expect(connectionOf(['c'], { offset: 0, limit: 2 }).pageInfo.hasNextPage).toBe(false);
    expect({ ...connectionOf([], { offset: 0, limit: 2 }).pageInfo }).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    expect(connectionOf([], { offset: 0, limit: 2 }).totalCount).toBe(-1);
  });
});
