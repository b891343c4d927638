import { execute, GraphQLSchema, parse } from 'graphql';
import { createContext } from '../../src/graphql/context';
import { Statement } from '../../src/graphql/translate/translate';
import { buildAppSchema } from '../../src/schema';
import { connectTestDb, TestDb } from '../support/db';

// A root field read by key is translated once per operation and values of its other variables
// (src/graphql/translate/read.ts): the same document for another key reuses the statement. A root
// connection is translated once per operation and values of all its variables.

jest.setTimeout(60_000);

type Json = any;

describe('plans of reads by key', () => {
  let db: TestDb;
  let schema: GraphQLSchema;
  let projections: jest.SpyInstance;
  const run = async (document: ReturnType<typeof parse>, variableValues: Record<string, unknown>): Promise<Json> => {
    const result = await execute({
      schema,
      document,
      variableValues,
      contextValue: createContext(db.executor, 'read-plans-test'),
    });
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  beforeAll(async () => {
    db = connectTestDb();
    schema = await buildAppSchema();
    projections = jest.spyOn(Statement.prototype, 'project');
  });
  afterAll(async () => {
    projections.mockRestore();
    await db.close();
  });
  beforeEach(() => projections.mockClear());

  it('translates the same document once for every key, and answers each key with its own study', async () => {
    const document = parse('query($id: ID!) { study(id: $id) { id acronym arms { label } } }');
    const netter = await run(document, { id: 'netter-1' });
    const afterFirst = projections.mock.calls.length;
    const promid = await run(document, { id: 'promid' });
    const missing = await run(document, { id: 'no-such-study' });
    expect(afterFirst).toBeGreaterThan(0);
    expect(projections.mock.calls.length).toBe(afterFirst);
    expect(netter.study).toMatchObject({ id: 'netter-1', acronym: 'NETTER-1' });
    expect(promid.study).toMatchObject({ id: 'promid', acronym: 'PROMID' });
    expect(promid.study.arms).not.toEqual(netter.study.arms);
    expect(missing.study).toBeNull();
  });

  it('plans again when another variable changes the statement, and keeps both plans', async () => {
    const document = parse(
      'query($id: ID!, $withArms: Boolean!) { study(id: $id) { id arms @include(if: $withArms) { label } } }',
    );
    const withArms = await run(document, { id: 'netter-1', withArms: true });
    const planned = projections.mock.calls.length;
    const without = await run(document, { id: 'netter-1', withArms: false });
    expect(projections.mock.calls.length).toBeGreaterThan(planned);
    const again = projections.mock.calls.length;
    expect(await run(document, { id: 'promid', withArms: true })).toMatchObject({
      study: { id: 'promid', arms: expect.any(Array) },
    });
    expect(projections.mock.calls.length).toBe(again);
    expect(withArms.study.arms.length).toBeGreaterThan(0);
    expect(without.study).toEqual({ id: 'netter-1' });
  });

  it('keeps the key in the plan key when its variable is used elsewhere too', async () => {
    // $id is also the id of relatedStudies: its value shapes more than the $key parameter.
    const document = parse(
      'query($id: ID!) { study(id: $id) { id } relatedStudies(id: $id, first: 1) { study { id } } }',
    );
    const netter = await run(document, { id: 'netter-1' });
    const promid = await run(document, { id: 'promid' });
    expect(netter.study.id).toBe('netter-1');
    expect(promid.study.id).toBe('promid');
    expect(promid.relatedStudies[0].study.id).not.toBe('promid');
  });

  it('translates a search once for every text and page size, and answers each with its own hits', async () => {
    const document = parse(
      'query($text: String!, $first: Int!) { search(query: $text, first: $first) { kind matchedFields node { ... on Intervention { id } ... on Study { id } } } }',
    );
    const everolimus = await run(document, { text: 'everolimus', first: 5 });
    const afterFirst = projections.mock.calls.length;
    const octreotide = await run(document, { text: 'octreotide', first: 2 });
    expect(afterFirst).toBeGreaterThan(0);
    expect(projections.mock.calls.length).toBe(afterFirst);
    expect(everolimus.search.map((h: Json) => h.node.id)).toContain('everolimus');
    expect(octreotide.search).toHaveLength(2);
    expect(octreotide.search[0].matchedFields.length).toBeGreaterThan(0);
    expect(octreotide.search.map((h: Json) => h.node.id)).not.toContain('everolimus');
  });

  it('keeps the plan of a root connection per operation and variable values: the same request again is not translated, another is, with its own answer', async () => {
    const relations = jest.spyOn(Statement.prototype, 'relation');
    try {
      const document = parse(
        'query($condition: ID!, $first: Int) { studies(where: { conditionIds: [$condition] }, first: $first) { totalCount edges { node { id } } } }',
      );
      const midgut = await run(document, { condition: 'midgut-net', first: 3 });
      const planned = relations.mock.calls.length;
      expect(planned).toBeGreaterThan(0);
      expect(await run(document, { condition: 'midgut-net', first: 3 })).toEqual(midgut);
      expect(relations.mock.calls.length).toBe(planned);
      const pnet = await run(document, { condition: 'pancreatic-net', first: 3 });
      expect(relations.mock.calls.length).toBeGreaterThan(planned);
      expect(pnet.studies.edges.map((e: Json) => e.node.id)).not.toEqual(
        midgut.studies.edges.map((e: Json) => e.node.id),
      );
      expect(midgut.studies.edges).toHaveLength(3);
    } finally {
      relations.mockRestore();
    }
  });
});
