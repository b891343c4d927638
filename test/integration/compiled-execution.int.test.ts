import fs from 'node:fs';
import path from 'node:path';
import { execute, ExecutionResult, getOperationAST, GraphQLSchema, parse } from 'graphql';
import { REPO_ROOT } from '../../src/config';
import {
  compiledExecutionGateway,
  compiledOperation,
  selectsRelationUnderAlias,
} from '../../src/graphql/compiled-execution';
import { createContext } from '../../src/graphql/context';
import { exampleTabs } from '../../src/playground/example-tabs';
import { buildAppSchema } from '../../src/schema';
import { connectTestDb, TestDb } from '../support/db';

// Reads run compiled (src/graphql/compiled-execution.ts); graphql-js is the reference. Each
// operation below runs both ways over the seeded Neo4j and must give the same data and errors.

jest.setTimeout(120_000);

type Json = any;
// The queries and mutations of the examples: a subscription is not executed but subscribed to, on the socket
// (test/integration/api-examples.int.test.ts and test/e2e/playground-subscription.e2e.test.ts run it).
const TABS = exampleTabs(fs.readFileSync(path.join(REPO_ROOT, 'schema', 'examples.graphql'), 'utf8')).filter(
  (tab) => getOperationAST(parse(tab.query), tab.operationName)?.operation !== 'subscription',
);

/** Operations whose variables or shapes graphql-jit handles differently unless the executor steps in. */
const CASES: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'an input object with an omitted non-null field that has a default (includeNarrowerConditions)',
    query: 'query($where: StudyWhere) { studies(first: 20, where: $where) { totalCount edges { node { id } } } }',
    variables: { where: { conditionIds: ['midgut-net'] } },
  },
  {
    name: 'an enum inside an input object, and its default direction',
    query: 'query($sort: StudySort) { studies(first: 5, sort: $sort) { edges { node { id year } } } }',
    variables: { sort: { field: 'YEAR' } },
  },
  {
    name: 'a union (search hits), told apart by __typename',
    query:
      'query($q: String!) { search(query: $q, first: 5) { kind node { __typename ... on Study { id acronym } ... on Intervention { id name } } } }',
    variables: { q: 'everolimus' },
  },
  {
    name: '@include and @skip with variables',
    query:
      'query($a: Boolean!, $b: Boolean = true) { study(id: "netter-1") { id acronym @include(if: $a) title @skip(if: $b) arms { label } } }',
    variables: { a: false },
  },
  {
    name: 'relations under aliases: twice with other selections, and under the name of a scalar field and of another relation',
    query:
      '{ study(id: "netter-1") { id arms { label } control: arms { role } title: outcomes { name } arms2: arms { label } population { conditions { id } } outcomes: adverseEvents { term } } }',
  },
  {
    name: 'a relation under an alias in a fragment, and a union member',
    query:
      'query($q: String!) { search(query: $q, first: 3) { node { ... on Study { ...S } } } } fragment S on Study { id treatment: arms { label } }',
    variables: { q: 'everolimus' },
  },
  {
    name: 'a resolver error with a code (first above the page limit)',
    query: '{ studies(first: 101) { totalCount } }',
  },
  {
    name: 'a variable of the wrong type',
    query: 'query($first: Int) { studies(first: $first) { totalCount } }',
    variables: { first: 'ten' },
  },
  {
    name: 'a missing required variable',
    query: 'query($id: String!) { study(id: $id) { id } }',
  },
  {
    name: 'an unknown key: null, not an error; an unknown concept: NOT_FOUND beside the other field',
    query:
      '{ study(id: "no-such-study") { id } netter: study(id: "netter-1") { id } compareOutcome(outcomeConcept: "no-such-concept", first: 3) { totalCount } }',
  },
];

/** What a client sees of a result: data, and each error's message, path, locations and code. */
function seen(result: ExecutionResult): Json {
  return JSON.parse(
    JSON.stringify({
      data: result.data,
      errors: result.errors?.map((e) => ({
        message: e.message,
        path: e.path,
        locations: e.locations,
        code: e.extensions?.code,
      })),
    }),
  );
}

describe('compiled execution gives what graphql-js gives', () => {
  let db: TestDb;
  let schema: GraphQLSchema;
  let run: (
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<{ compiled: Json; reference: Json; wasCompiled: boolean }>;

  beforeAll(async () => {
    db = connectTestDb();
    schema = await buildAppSchema();
    const { executor } = await compiledExecutionGateway(schema).load({ apollo: {} });
    run = async (query, variables = {}) => {
      const document = parse(query);
      const operation = getOperationAST(document)!;
      const context = () => createContext(db.executor, 'compiled-execution-test');
      const compiled = await executor!({
        document,
        operation,
        operationName: null,
        request: { variables },
        context: context(),
      } as never);
      const reference = await execute({ schema, document, variableValues: variables, contextValue: context() });
      return {
        compiled: seen(compiled),
        reference: seen(reference),
        wasCompiled: compiledOperation(schema, document, operation, null) !== null,
      };
    };
  });
  afterAll(() => db.close());

  it.each(TABS.map((tab) => [tab.operationName!, tab.query]))('example %s', async (_name, query) => {
    const { compiled, reference, wasCompiled } = await run(query);
    expect(reference.errors).toBeUndefined();
    expect(compiled).toEqual(reference);
    expect(wasCompiled).toBe(!/^\s*mutation\b/.test(query));
  });

  it('compiles relations as property reads only for a document that selects none under an alias', () => {
    expect(selectsRelationUnderAlias(schema, parse('{ study(id: "x") { arms { label } a: acronym } }'))).toBe(false);
    expect(selectsRelationUnderAlias(schema, parse('{ s: study(id: "x") { arms { label } } }'))).toBe(false);
    expect(selectsRelationUnderAlias(schema, parse('{ study(id: "x") { control: arms { label } } }'))).toBe(true);
    expect(
      selectsRelationUnderAlias(
        schema,
        parse('{ study(id: "x") { ...F } } fragment F on Study { title: outcomes { name } }'),
      ),
    ).toBe(true);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { compiled, reference, wasCompiled } = await run(c.query, c.variables);
    expect(compiled).toEqual(reference);
    expect(wasCompiled).toBe(true);
  });

  it('the cases above do what they say: data where expected, coded errors where expected', async () => {
    const results = await Promise.all(CASES.map((c) => run(c.query, c.variables).then((r) => r.compiled)));
    const byName = new Map(CASES.map((c, i) => [c.name, results[i]]));
    expect(byName.get(CASES[0].name).data.studies.totalCount).toBeGreaterThan(0);
    expect(byName.get(CASES[2].name).data.search.map((h: Json) => h.node.__typename)).toContain('Intervention');
    expect(byName.get(CASES[3].name).data.study).toEqual({ id: 'netter-1', arms: expect.any(Array) });
    const aliased = byName.get(CASES[4].name).data.study;
    expect(aliased.arms.length).toBeGreaterThan(0);
    expect(aliased.control.map((a: Json) => Object.keys(a))).toEqual(aliased.arms.map(() => ['role']));
    expect(aliased.title[0]).toEqual({ name: expect.any(String) });
    expect(aliased.outcomes[0]).toEqual({ term: expect.any(String) });
    expect(byName.get(CASES[5].name).data.search.some((h: Json) => h.node.treatment?.length > 0)).toBe(true);
    expect(byName.get(CASES[6].name).errors.map((e: Json) => e.code)).toEqual(['BAD_USER_INPUT']);
    expect(byName.get(CASES[7].name).errors[0].message).toMatch(/^Variable "\$first" got invalid value "ten"/);
    expect(byName.get(CASES[8].name).errors[0].message).toMatch(
      /^Variable "\$id" of required type "String!" was not provided/,
    );
    expect(byName.get(CASES[9].name).errors.map((e: Json) => [e.path, e.code])).toEqual([
      [['compareOutcome'], 'NOT_FOUND'],
    ]);
  });
});
