import 'reflect-metadata';
import { OperationDefinitionNode, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { loadConfig } from '../../src/config';
import { costLimitPlugin, costVariables, nodeCountEstimator } from '../../src/graphql/limits';
import { BOUNDS, WINDOWS } from '../../src/model/bounds';
import { buildAppSchema } from '../../src/schema';

// The cost model: the number of graph nodes a response can hold, lists counted by `first` or
// by the bound their declaration promises.

const costOf = async (query: string, variables: Record<string, unknown> = {}) =>
  getComplexity({ schema: await buildAppSchema(), query: parse(query), variables, estimators: [nodeCountEstimator] });

const MAX_COST = loadConfig({}).limits.maxCost;

describe('the cost of an operation', () => {
  it('counts nodes, not fields or value objects', async () => {
    expect(await costOf('{ study(id: "x") { id title acronym registryIds { id } } }')).toBe(1);
    expect(await costOf('{ study(id: "x") { id population { id } } }')).toBe(2);
    // Arms of a study: at most BOUNDS.armsPerStudy; a confidence interval or p-value is no node.
    expect(
      await costOf('{ study(id: "x") { arms { id } outcomes { comparisons { ci { lower } p { text } } } } }'),
    ).toBe(1 + BOUNDS.armsPerStudy + WINDOWS.outcomesPerStudy.window * (1 + WINDOWS.comparisonsPerOutcome.window));
  });

  it('multiplies a connection by `first`, edges and page info adding nothing', async () => {
    expect(
      await costOf('{ studies(first: 7) { totalCount pageInfo { hasNextPage } edges { cursor node { id } } } }'),
    ).toBe(7);
    expect(await costOf('{ studies(first: 7) { edges { node { arms { id } } } } }')).toBe(
      7 * (1 + BOUNDS.armsPerStudy),
    );
    expect(
      await costOf('query($n: Int!) { search(query: "x", first: $n) { score node { ... on Study { id } } } }', {
        n: 9,
      }),
    ).toBe(9);
  });

  it('admits what research tools ask for', async () => {
    const realistic = [
      '{ studies(first: 50) { edges { node { acronym outcomes { name concept { name } measurements { value unit statistic arm { label } } } } } } }',
      '{ studies(first: 100) { edges { node { id arms { label } outcomes { name measurements { value unit arm { label } } comparisons { estimate ci { level lower upper } p { text } } } } } } }',
      `{ compareOutcome(outcomeConcept: "progression-free-survival", statistic: MEDIAN, first: 100) {
          totalCount edges { node { study { acronym } arm { label } measurement { value valueText unit ci { level } }
                                    comparisons { effectMeasure estimate ci { level lower upper } p { text } } } } } }`,
    ];
    for (const query of realistic) expect(await costOf(query)).toBeLessThanOrEqual(MAX_COST);
  });

  it('refuses a response that could hold millions of nodes', async () => {
    const explosive =
      '{ studies(first: 100) { edges { node { outcomes { measurements { evidence { document { publication { studies { id } } } } } } } } } }';
    expect(await costOf(explosive)).toBeGreaterThan(MAX_COST);
    expect(await costOf('{ studies(first: 1000000000) { edges { node { id } } } }')).toBeGreaterThan(MAX_COST);
  });
});

describe('the cost limit plugin computes a cost once per document and cost variables', () => {
  /** The cost the plugin sets on the context for `document` with `variables`. */
  async function costSet(
    plugin: ReturnType<typeof costLimitPlugin>,
    document: ReturnType<typeof parse>,
    variables: Record<string, unknown>,
  ) {
    const contextValue: { cost?: number } = {};
    const hooks = (await plugin.requestDidStart!({} as never)) as {
      didResolveOperation: (c: unknown) => Promise<void>;
    };
    const operation = document.definitions[0] as OperationDefinitionNode;
    await hooks.didResolveOperation({ request: { variables }, document, operation, contextValue });
    return contextValue.cost;
  }

  it('finds the variables of `first` arguments and @include/@skip conditions only', () => {
    const document = parse(`query($id: ID!, $n: Int, $arms: Boolean!, $m: Int) {
      study(id: $id) { arms @include(if: $arms) { id } }
      studies(first: $n, where: { conditionIds: [$id] }) { edges { node { outcomes @skip(if: false) { id } } } }
      search(query: "x", first: $m) { score }
    }`);
    expect([...costVariables(document)].sort()).toEqual(['arms', 'm', 'n']);
  });

  it('gives the cost of each value of a cost variable, the same for any other variable', async () => {
    const plugin = costLimitPlugin(await buildAppSchema(), MAX_COST);
    const document = parse(
      'query($id: ID!, $n: Int!) { studies(first: $n, where: { conditionIds: [$id] }) { edges { node { arms { id } } } } }',
    );
    const expected = async (n: number) =>
      costOf(
        'query($id: ID!, $n: Int!) { studies(first: $n, where: { conditionIds: [$id] }) { edges { node { arms { id } } } } }',
        { id: 'a', n },
      );
    expect(await costSet(plugin, document, { id: 'a', n: 3 })).toBe(await expected(3));
    expect(await costSet(plugin, document, { id: 'b', n: 3 })).toBe(await expected(3));
    expect(await costSet(plugin, document, { id: 'b', n: 40 })).toBe(await expected(40));
    expect(await costSet(plugin, document, { id: 'a', n: 3 })).toBe(await expected(3));
    expect(await expected(40)).not.toBe(await expected(3));
  });

  it('leaves variables that do not fit their types to execution, whether the cost is known or not', async () => {
    const plugin = costLimitPlugin(await buildAppSchema(), BOUNDS.armsPerStudy);
    const document = parse('query($id: ID!) { study(id: $id) { id arms { id } } }');
    // A missing required variable: no cost is computed, nothing refused (execution answers BAD_USER_INPUT).
    await expect(costSet(plugin, document, {})).resolves.toBeUndefined();
    await expect(costSet(plugin, document, { id: 'a' })).rejects.toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    // The cost is known now; the request with a wrong variable is still not refused for it.
    await costSet(plugin, document, { id: { not: 'an id' } });
    await expect(costSet(plugin, document, { id: 'b' })).rejects.toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('follows @include conditions given by variables', async () => {
    const plugin = costLimitPlugin(await buildAppSchema(), MAX_COST);
    const document = parse('query($with: Boolean!) { study(id: "x") { id arms @include(if: $with) { id } } }');
    expect(await costSet(plugin, document, { with: true })).toBe(1 + BOUNDS.armsPerStudy);
    expect(await costSet(plugin, document, { with: false })).toBe(1);
    expect(await costSet(plugin, document, { with: true })).toBe(1 + BOUNDS.armsPerStudy);
  });
});
