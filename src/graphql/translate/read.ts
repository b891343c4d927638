import { FieldNode, GraphQLResolveInfo, Kind, OperationDefinitionNode, VariableNode, visit } from 'graphql';
import { Executor, QueryCounter } from '../../db/executor';
import { FieldArgs, ReadDecl, Row } from './model';
import { materialize, materializeChild } from './materialize';
import { ChildValue, Shape, Statement } from './translate';

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

/** The statement of a root field read by key, without the key: its text, other parameters and result shape. */
interface KeyPlan {
  cypher: string;
  params: Record<string, unknown>;
  shape: Shape;
}

/**
 * Plans of root fields (readByKey, readConnection, search) by root field node (one per query
 * document, which Apollo keeps while it caches the document), then by the values of the operation's variables
 * other than those that only fill parameters (the key): the same operation for another study
 * reuses its statement, as a prepared statement would. Translation (walking the selection,
 * building the Cypher text) was the largest part of our own CPU per study-detail request.
 */
const fieldPlans = new WeakMap<FieldNode, Map<string, unknown>>();
/** Plans kept per field node: different values of a `first` or an @include make different plans. */
const PLANS_PER_FIELD = 32;

/** How many times each variable is used in `info`'s operation and fragments (computed once per operation). */
const variableUses = new WeakMap<OperationDefinitionNode, Map<string, number>>();

function usesOf(info: GraphQLResolveInfo): Map<string, number> {
  let uses = variableUses.get(info.operation);
  if (!uses) {
    const counted = new Map<string, number>();
    const count = {
      Variable: (node: VariableNode) => void counted.set(node.name.value, (counted.get(node.name.value) ?? 0) + 1),
    };
    // The definitions name each variable once more; only uses in the selection are counted.
    visit(info.operation.selectionSet, count);
    for (const fragment of Object.values(info.fragments)) visit(fragment.selectionSet, count);
    variableUses.set(info.operation, (uses = counted));
  }
  return uses;
}

/**
 * The key under which a plan of this root field is kept: the values of every variable of the
 * operation, except those given to the `parameterArguments` of the root field when used nowhere
 * else (their values are then only parameters of the statement, set per request).
 */
function planKey(info: GraphQLResolveInfo, parameterArguments: readonly string[]): string {
  if (info.fieldNodes.length !== 1) return JSON.stringify(info.variableValues);
  const own = new Set<string>();
  for (const a of info.fieldNodes[0].arguments ?? []) {
    if (
      parameterArguments.includes(a.name.value) &&
      a.value.kind === Kind.VARIABLE &&
      usesOf(info).get(a.value.name.value) === 1
    )
      own.add(a.value.name.value);
  }
  return JSON.stringify(Object.fromEntries(Object.entries(info.variableValues).filter(([name]) => !own.has(name))));
}

/**
 * The plan of this root field for this operation and these variable values (but those of
 * `parameterArguments`), built by `build` the first time: its statement text, parameters and
 * result shape do not depend on the values of `parameterArguments`, which the caller passes as
 * parameters of each request.
 */
export function planFor<P>(info: GraphQLResolveInfo, parameterArguments: readonly string[], build: () => P): P {
  let plans = fieldPlans.get(info.fieldNodes[0]);
  if (!plans) fieldPlans.set(info.fieldNodes[0], (plans = new Map()));
  const key = planKey(info, parameterArguments);
  let plan = plans.get(key) as P | undefined;
  if (plan === undefined) {
    plan = build();
    if (plans.size >= PLANS_PER_FIELD) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

/** One node of `label` by key, projected for the root field's selection; null when no node has the key. */
export async function readByKey(
  ctx: ReadContext,
  info: GraphQLResolveInfo,
  label: string,
  typeName: string,
  id: string,
): Promise<unknown> {
  const plan = planFor<KeyPlan>(info, ['id'], () => {
    const stmt = new Statement(info);
    const node = stmt.project(typeName, 'this', info.fieldNodes);
    // `label` comes from the caller's code (a constant), never from the request.
    return {
      cypher: `MATCH (this:${label} {id: ${stmt.bind('key', null)}})\nRETURN ${node.cypher} AS node`,
      params: stmt.params,
      shape: node.shape,
    };
  });
  const [row] = await ctx.executor.read(plan.cypher, { ...plan.params, key: id }, ctx.counter);
  return row ? materialize(plan.shape, row.node as Row) : null;
}

/** What a root connection's statement is made of, built on `stmt` from the request's arguments. */
export interface ConnectionParts {
  /** The MATCH (it ignores `from`), order and distinctness. */
  decl: ReadDecl;
  /** The page (first, after). */
  args: FieldArgs;
  /** Statement text before the page, which may bind more (its parameters through `stmt`). */
  before?: string;
  /** An expression returned beside the page, to tell an empty page from an unknown key in the same round trip. */
  found?: string;
}

/** The statement of a root connection: its text, parameters and the shape of its page. */
interface ConnectionPlan {
  cypher: string;
  params: Record<string, unknown>;
  child: ChildValue;
}

/**
 * A root connection, read in one round trip. `build` makes its parts from the request's
 * arguments; its plan (statement text, parameters, page shape) is kept per operation and
 * variable values (planFor), so that the same request again skips translation.
 */
export async function readConnection(
  ctx: ReadContext,
  info: GraphQLResolveInfo,
  build: (stmt: Statement) => ConnectionParts,
): Promise<{ connection: unknown; found: boolean }> {
  const plan = planFor<ConnectionPlan>(info, [], () => {
    const stmt = new Statement(info);
    const { decl, args, before, found } = build(stmt);
    const page = stmt.relation(decl, '', info.fieldNodes, args, info.returnType);
    return {
      cypher: `${before ?? ''}\nRETURN ${found ?? 'true'} AS found, ${page.cypher} AS result`.trimStart(),
      params: stmt.params,
      child: page.child,
    };
  });
  const [row] = await ctx.executor.read(plan.cypher, plan.params, ctx.counter);
  return { connection: materializeChild(plan.child, row!.result), found: row!.found === true };
}
