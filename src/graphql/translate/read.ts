import { GraphQLResolveInfo } from 'graphql';
import { Executor, QueryCounter } from '../../db/executor';
import { FieldArgs, RelationDecl, Row } from './model';
import { materialize, materializeChild } from './materialize';
import { Statement } from './translate';

/** What a root field needs to read: the executor and the request's round-trip counter. */
export interface ReadContext {
  executor: Executor;
  counter: QueryCounter;
}

/** Runs the one statement of a root field and returns its single row (undefined when it returns none). */
export async function runStatement(ctx: ReadContext, stmt: Statement, cypher: string): Promise<Row | undefined> {
  const [row] = await ctx.executor.read(cypher, stmt.params, ctx.counter);
  return row;
}

/** One node of `label` by key, projected for the root field's selection; null when no node has the key. */
export async function readByKey(ctx: ReadContext, info: GraphQLResolveInfo, label: string, typeName: string, id: string): Promise<unknown> {
  const stmt = new Statement(info);
  const node = stmt.project(typeName, 'this', info.fieldNodes);
  // `label` comes from the caller's code (a constant), never from the request.
  const row = await runStatement(ctx, stmt, `MATCH (this:${label} {id: ${stmt.param(id)}})\nRETURN ${node.cypher} AS node`);
  return row ? materialize(node.shape, row.node as Row) : null;
}

/**
 * A root connection: `decl` gives the MATCH (it ignores `from`), order and distinctness; the
 * page comes from `args`. `before` may bind more (its parameters through `stmt`) and `found`
 * is returned beside it, to tell an empty page from an unknown key in the same round trip.
 */
export async function readConnection(
  ctx: ReadContext,
  info: GraphQLResolveInfo,
  decl: RelationDecl,
  args: FieldArgs,
  options: { stmt?: Statement; before?: string; found?: string } = {},
): Promise<{ connection: unknown; found: boolean }> {
  const stmt = options.stmt ?? new Statement(info);
  const page = stmt.relation(decl, '', info.fieldNodes, args, info.returnType);
  const found = options.found ?? 'true';
  const row = await runStatement(ctx, stmt, `${options.before ?? ''}\nRETURN ${found} AS found, ${page.cypher} AS result`.trimStart());
  return { connection: materializeChild(page.child, row!.result), found: row!.found === true };
}
