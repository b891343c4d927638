import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { Params } from '../../../src/db/executor';
import { buildAppSchema } from '../../../src/schema';

/** One statement the translator sent: its Cypher text and parameters. */
export interface Recorded {
  cypher: string;
  params: Params;
}

/**
 * Runs `query` against the real schema with an executor that records each statement and
 * answers no rows, so the statements of each root field can be read without a database
 * (the translator is pure; integration tests run the same statements on Neo4j).
 */
export async function statementsOf(query: string, variables: Record<string, unknown> = {}): Promise<Recorded[]> {
  const schema = await buildAppSchema();
  const recorded: Recorded[] = [];
  const executor = {
    read: async (cypher: string, params: Params) => {
      recorded.push({ cypher, params });
      return [];
    },
  };
  const result = await execute({
    schema,
    document: parse(query),
    variableValues: variables,
    contextValue: { executor, counter: { roundTrips: 0 }, requestId: 'test', access: 'DISABLED' },
  });
  // Roots that expect a row fail on the empty answer after recording; only a failure before any statement is a translator error.
  if (recorded.length === 0 && result.errors) throw result.errors[0];
  return recorded;
}
