/**
 * Compiled execution of reads: each query operation is compiled once by graphql-jit into a
 * function that resolves and completes its fields, instead of graphql-js walking the schema for
 * every value of every request. A study detail request through Apollo costs about 30 % less CPU
 * (measured in process; schema/README.md, the read path). graphql-js stays the reference:
 * - variables are coerced by graphql-js first (graphql-jit 0.8 does not apply the default of an
 *   omitted non-null input field, e.g. StudyWhere.includeNarrowerConditions, and its errors lack
 *   the variable's node that Apollo reads to answer BAD_USER_INPUT); graphql-jit is then given
 *   the coerced values written back in their external form, which it coerces to the same values;
 * - mutations, and any operation graphql-jit cannot compile or whose variables cannot be written
 *   back (a JSON object scalar), run on graphql-js.
 * An operation that selects no relation under an alias is compiled with its relations read as
 * the properties `materialize` writes under their names (`withRelationsAsProperties`): no
 * resolver call, resolve info or path per value; about a fifth less CPU again per study detail.
 *
 * Apollo Server 5 has no executor option; its gateway interface is the one way to run another
 * executor, with parsing, validation, plugins and error formatting left to Apollo.
 */
import { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  astFromValue,
  DocumentNode,
  execute,
  ExecutionResult,
  GraphQLError,
  GraphQLInputType,
  GraphQLSchema,
  OperationDefinitionNode,
  printSchema,
  Source,
  typeFromAST,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { Context } from './context';
import { OperationCosts } from './limits';
import { isRelationField, withRelationsAsProperties } from './translate/materialize';

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];
type Variables = Record<string, unknown>;
/** A compiled query, or null where graphql-js runs the operation. */
type Compiled = CompiledQuery<Variables, Variables> | null;

/**
 * Operations compiled so far, by document and operation name. Apollo keeps one DocumentNode per
 * query text (its document store, an LRU), so a document that Apollo forgets is collected here too.
 */
const compiledByDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();

/** The compiled form of an operation, compiled on first use; null where graphql-js runs it. */
export function compiledOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  operationName: string | null,
): Compiled {
  let byName = compiledByDocument.get(document);
  if (!byName) compiledByDocument.set(document, (byName = new Map()));
  const key = operationName ?? '';
  if (!byName.has(key)) {
    let entry: Compiled = null;
    if (operation.operation === 'query') {
      // Leaf values are serialized by their scalar, as graphql-js does.
      const compile = () =>
        compileQuery<Variables, Variables>(schema, document, operationName ?? undefined, {
          disableLeafSerialization: false,
        });
      const query = selectsRelationUnderAlias(schema, document)
        ? compile()
        : withRelationsAsProperties(schema, compile);
      entry = isCompiledQuery(query) ? query : null;
    }
    byName.set(key, entry);
  }
  return byName.get(key)!;
}

/**
 * True when `document` selects a relation field (src/graphql/translate/materialize.ts) under an
 * alias other than its name: its value is then only found by its resolver.
 */
export function selectsRelationUnderAlias(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.alias && node.alias.value !== node.name.value) {
          const field = typeInfo.getFieldDef();
          if (field && isRelationField(field)) found = true;
        }
      },
    }),
  );
  return found;
}

/**
 * The coerced variables written back as JSON input (enum names, serialized scalars, the
 * defaults graphql-js filled in), or undefined when one of them has no such form.
 */
export function externalVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  coerced: Variables,
): Variables | undefined {
  const external: Variables = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!(name in coerced)) continue;
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (!type) return undefined;
    try {
      const ast = astFromValue(coerced[name], type);
      if (!ast) return undefined;
      external[name] = valueFromASTUntyped(ast);
    } catch {
      return undefined;
    }
  }
  return external;
}

/**
 * The variables of `operation` as a compiled query takes them: coerced by graphql-js, then
 * written back (`externalVariables`). Their errors where they do not fit; null where one has no
 * external form (graphql-js runs the operation).
 */
function compiledInputs(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Variables,
): { variables: Variables } | { errors: readonly GraphQLError[] } | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (coerced.errors) return { errors: coerced.errors };
  const variables = externalVariables(schema, operation, coerced.coerced);
  return variables ? { variables } : null;
}

/**
 * graphql-jit's errors, rebuilt as graphql-js errors at the same places of the document. Its own
 * have read-only properties (a plugin that masks a message assigns to it) and those it raises
 * itself (a null in a non-null field) lack the `extensions` that Apollo reads.
 */
export function asGraphQLJsError(error: GraphQLError, source: Source | undefined): GraphQLError {
  const positions =
    source && error.locations?.map((location) => positionOf(source.body, location.line, location.column));
  return new GraphQLError(error.message, {
    source,
    positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** The offset in `body` of a 1-based line and column, lines ending as graphql-js counts them (\r\n, \n or \r). */
export function positionOf(body: string, line: number, column: number): number {
  const lineEnd = /\r\n|[\n\r]/g;
  let start = 0;
  for (let current = 1; current < line; current += 1) {
    const match = lineEnd.exec(body);
    if (!match) break;
    start = match.index + match[0].length;
  }
  return start + column - 1;
}

/**
 * A read that Apollo parsed, validated, costed and ran compiled, without errors: the same query
 * text (and operation name) again is a served read, which the /graphql route answers without
 * Apollo's per-request pipeline (src/http/routes/graphql.route.ts). Validation depends on the
 * text alone, so what Apollo accepted once it accepts again.
 */
export interface ServedRead {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | null;
  query: CompiledQuery<Variables, Variables>;
}

/** Query texts kept per schema; past this, the one kept longest is forgotten. */
export const SERVED_READS_MAX = 1000;
const servedBySchema = new WeakMap<GraphQLSchema, Map<string, ServedRead>>();
const servedKey = (text: string, operationName: string | null | undefined) => `${operationName ?? ''}\u0000${text}`;

/** The served read of `text` and `operationName`, if Apollo has run it. */
export function servedRead(
  schema: GraphQLSchema,
  text: string,
  operationName: string | null | undefined,
): ServedRead | undefined {
  return servedBySchema.get(schema)?.get(servedKey(text, operationName));
}

/** Keeps `read` under the text and the operation name the client sent (none, for a document of one operation). */
function rememberServed(text: string, sentName: string | null | undefined, read: ServedRead): void {
  let served = servedBySchema.get(read.schema);
  if (!served) servedBySchema.set(read.schema, (served = new Map()));
  const key = servedKey(text, sentName);
  if (served.has(key)) return;
  if (served.size >= SERVED_READS_MAX) served.delete(served.keys().next().value!);
  served.set(key, read);
}

/**
 * Runs a served read for `variables` as Apollo would (the cost limit, the variables coerced as
 * the gateway coerces them, the compiled query) and returns the response body Apollo writes for a
 * result without errors: its data, and the request id and round trips of responseExtensionsPlugin
 * (src/http/apollo.ts). Returns null wherever Apollo must answer instead: variables that do not
 * fit, a cost above `maxCost`, or a result with errors (a read, run again by Apollo to format
 * them; errors are the rare path).
 */
export async function runServedRead(
  read: ServedRead,
  variables: Variables,
  context: Context,
  costs: OperationCosts,
  maxCost: number,
): Promise<string | null> {
  const { schema, document, operation, operationName } = read;
  const cost = costs.cost(document, operation, operationName ?? undefined, variables);
  if (cost === null || cost > maxCost) return null;
  context.cost = cost;
  const inputs = compiledInputs(schema, operation, variables);
  if (!inputs || 'errors' in inputs) return null;
  const result = await read.query.query(undefined, context, inputs.variables);
  if (result.errors) return null;
  const extensions = { requestId: context.requestId, cost: { dbRoundTrips: context.counter.roundTrips } };
  // Apollo's own serialization: its fields in Apollo's order, and a final newline.
  return `${JSON.stringify({ data: result.data, extensions })}\n`;
}

/** An Apollo "gateway" that serves `schema` and executes each read by its compiled form. */
export function compiledExecutionGateway(schema: GraphQLSchema): Gateway {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        async executor({ document, operation, operationName, request, context }): Promise<ExecutionResult> {
          const inputs = request.variables ?? {};
          const viaGraphqlJs = () =>
            execute({ schema, document, operationName, variableValues: inputs, contextValue: context });
          // No operation to run (several in the document and no operationName, or an unknown one): graphql-js says so, a request error.
          if (!operation) return viaGraphqlJs();
          const query = compiledOperation(schema, document, operation, operationName);
          if (!query) return viaGraphqlJs();
          const compiled = compiledInputs(schema, operation, inputs);
          if (!compiled) return viaGraphqlJs();
          if ('errors' in compiled) return { errors: compiled.errors };
          const result = await query.query(undefined, context, compiled.variables);
          if (!result.errors && operation.operation === 'query' && typeof request.query === 'string')
            rememberServed(request.query, request.operationName, { schema, document, operation, operationName, query });
          return result.errors
            ? { ...result, errors: result.errors.map((error) => asGraphQLJsError(error, document.loc?.source)) }
            : result;
        },
      };
    },
    async stop() {},
  };
}
