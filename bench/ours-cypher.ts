/**
 * Our server's own Cypher for a benchmark operation: the operation is executed once in this
 * process through the app's schema (the same translator, src/graphql/translate) with an executor
 * that records each statement it runs, so that the benchmark can run that statement bare (with
 * the floor's driver code) and PROFILE it beside the floor's.
 */
import 'reflect-metadata';
import { execute, GraphQLSchema, parse } from 'graphql';
import { Driver } from 'neo4j-driver';
import { Executor, Params, QueryCounter } from '../src/db/executor';
import { Context } from '../src/graphql/context';
import { buildAppSchema } from '../src/schema';

/** One Cypher statement with its parameters (SKIP/LIMIT as driver integers). */
export interface Recorded {
  cypher: string;
  params: Params;
}

/** Runs reads as the app does, and keeps every statement with its parameters. */
class RecordingExecutor extends Executor {
  readonly recorded: Recorded[] = [];

  override read<T extends Record<string, unknown>>(
    cypher: string,
    params: Params,
    counter?: QueryCounter,
  ): Promise<T[]> {
    this.recorded.push({ cypher, params });
    return super.read<T>(cypher, params, counter);
  }
}

let schema: Promise<GraphQLSchema> | null = null;

/**
 * The statements our server runs for `query` with `variables` (one per root field; the benchmark's
 * operations have one), read by executing the operation against `driver`'s database.
 */
export async function oursStatements(
  driver: Driver,
  query: string,
  variables: Record<string, unknown>,
): Promise<Recorded[]> {
  return (await oursExecuted(driver, query, variables)).statements;
}

/** Our operation executed in this process: its answer's `data` and the statements it ran. */
export async function oursExecuted(
  driver: Driver,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data: unknown; statements: Recorded[] }> {
  schema ??= buildAppSchema();
  const executor = new RecordingExecutor(driver, { database: 'neo4j', readTimeoutMs: 600_000 });
  const contextValue: Context = {
    requestId: 'bench',
    executor,
    counter: { roundTrips: 0 },
    access: 'DISABLED',
    writer: null,
  };
  const result = await execute({
    schema: await schema,
    document: parse(query),
    variableValues: variables,
    contextValue,
  });
  if (result.errors?.length) throw new Error(`our operation failed: ${result.errors[0].message}`);
  // A plain object, as a JSON response would carry it.
  return { data: JSON.parse(JSON.stringify(result.data)), statements: executor.recorded };
}
