import 'reflect-metadata';
import { parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { loadConfig } from '../../src/config';
import { nodeCountEstimator } from '../../src/graphql/limits';
import { BOUNDS } from '../../src/model/bounds';
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
    expect(await costOf('{ study(id: "x") { arms { id } outcomes { comparisons { ci { lower } p { text } } } } }')).toBe(
      1 + BOUNDS.armsPerStudy + BOUNDS.outcomesPerStudy * (1 + BOUNDS.comparisonsPerOutcome),
    );
  });

  it('multiplies a connection by `first`, edges and page info adding nothing', async () => {
    expect(await costOf('{ studies(first: 7) { totalCount pageInfo { hasNextPage } edges { cursor node { id } } } }')).toBe(7);
    expect(await costOf('{ studies(first: 7) { edges { node { arms { id } } } } }')).toBe(7 * (1 + BOUNDS.armsPerStudy));
    expect(await costOf('query($n: Int!) { search(query: "x", first: $n) { score node { ... on Study { id } } } }', { n: 9 })).toBe(9);
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
    const explosive = '{ studies(first: 100) { edges { node { outcomes { measurements { evidence { document { publication { studies { id } } } } } } } } } }';
    expect(await costOf(explosive)).toBeGreaterThan(MAX_COST);
    expect(await costOf('{ studies(first: 1000000000) { edges { node { id } } } }')).toBeGreaterThan(MAX_COST);
  });
});
