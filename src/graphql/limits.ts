import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  ASTNode,
  ASTVisitor,
  DocumentNode,
  GraphQLError,
  GraphQLNamedType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  isObjectType,
  isUnionType,
  visit,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { Context } from './context';
import { declaredMax, isGraphType } from './translate/model';

/** Request limits; each is enforced before any Cypher runs. Set from the environment (see README). */
export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Characters of query text. */
  maxQueryLength: number;
  /** Estimated cost: the number of graph nodes a response can hold (see `nodeCountEstimator`). */
  maxCost: number;
}

/** The error code of each limit, returned in `extensions.code` with HTTP 400. */
export const LimitCode = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  tokens: 'TOO_MANY_TOKENS',
  directives: 'TOO_MANY_DIRECTIVES',
  length: 'QUERY_TOO_LONG',
  cost: 'QUERY_TOO_COMPLEX',
} as const;

/** Assumed size of a list of nodes that has neither `first` nor a declared bound (none in today's schema; a safe default). */
export const UNDECLARED_LIST_SIZE = 100;

export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/** A request refused by one of the limits, with the limit's code; raised where the limit is checked. */
export class LimitError extends GraphQLError {
  constructor(
    readonly code: LimitCode,
    message: string,
    options: { nodes?: ASTNode | readonly ASTNode[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(message, { nodes: options.nodes, extensions: { ...options.extensions, code } });
  }
}

/** The limit error an error stands for, following `originalError` (Apollo wraps validation errors), or null. */
export function limitErrorOf(error: unknown): LimitError | null {
  for (let e = error; e instanceof Error; e = (e as GraphQLError).originalError) {
    if (e instanceof LimitError) return e;
    if (!(e instanceof GraphQLError)) break;
  }
  return null;
}

/**
 * graphql-js's parser reports its own token limit (see parseOptions) as a plain syntax error: a
 * GraphQLError with no code or type of its own, so its text is all that tells it from other
 * syntax errors. The one place a limit is recognised by its message.
 */
const TOKEN_LIMIT_SYNTAX_ERROR = /^Syntax Error: Document contains more tha[nt] \d+ tokens/;

/** True for the syntax error graphql-js's parser raises at the token limit. */
export function isTokenLimitSyntaxError(message: string): boolean {
  return TOKEN_LIMIT_SYNTAX_ERROR.test(message);
}

/**
 * Makes a graphql-armor rule report its rejection as a LimitError with the limit's code, and
 * validation go on, instead of throwing a plain GraphQLError. Armor prefixes its messages with
 * "Syntax Error: " although they are validation errors; the prefix is dropped.
 */
const rejectWith = (code: LimitCode) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      const limit = new LimitError(code, error.message.replace(/^Syntax Error: /, ''));
      if (!context) throw limit;
      context.reportError(limit);
    },
  ],
});

/** graphql-armor's depth, alias and directive limits, each reporting a LimitError with its code. */
export function armorProtection(limits: Limits, production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...rejectWith(LimitCode.depth) },
    maxAliases: { n: limits.maxAliases, ...rejectWith(LimitCode.aliases) },
    // The token limit is graphql-js's own (see parseOptions): armor's runs a second parser in a
    // plugin hook, which turned every syntax error into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, ...rejectWith(LimitCode.directives) },
    // Cost is computed by graphql-query-complexity below, with `first` as multiplier.
    costLimit: { enabled: false },
    // "Did you mean" suggestions help people in the playground; hidden in production.
    blockFieldSuggestion: { enabled: production },
  });
  return armor.protect();
}

/** Options of graphql-js's parser: it stops after `maxTokens` tokens, failing with a syntax error (400). */
export function parseOptions(limits: Limits) {
  return { maxTokens: limits.maxTokens };
}

/** True for a type whose values are graph nodes (or relationships): a type read from the graph, or a union of such types. */
function isNodeType(type: GraphQLNamedType): boolean {
  if (isUnionType(type)) return type.getTypes().every(isNodeType);
  return isGraphType(type.name);
}

/**
 * The cost of a field: the number of graph nodes its value can hold (GitHub's model). A field
 * whose type is read from a node counts 1, plus its children; a list multiplies that by
 * `first`, or by the bound its declaration promises (arms of a study ≤ 12, see
 * src/model/bounds.ts); a connection multiplies its edges by `first`. Scalars, value objects
 * (confidence intervals, p-values, page info), edges and rows count nothing themselves.
 */
export const nodeCountEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  const named = getNamedType(field.type);
  const own = isNodeType(named) ? 1 : 0;
  // `last` sizes a page as `first` does (the newest changes of `changes`).
  const size = typeof args.first === 'number' ? args.first : args.last;
  const first = typeof size === 'number' && size > 0 ? size : null;
  if (isListType(getNullableType(field.type)) && isObjectType(named) && !named.name.endsWith('Edge')) {
    return (first ?? declaredMax(type.name, field.name) ?? UNDECLARED_LIST_SIZE) * (own + childComplexity);
  }
  if (isListType(getNullableType(field.type)) && isUnionType(named))
    return (first ?? UNDECLARED_LIST_SIZE) * (own + childComplexity);
  // A connection: `first` edges, each with its node (counted by the node field).
  if (first !== null) return first * childComplexity;
  return own + childComplexity;
};

/**
 * Selections an operation may expand to once its fragments are spread. Only a document whose
 * fragments multiply (a fragment bomb) comes near it within the token limit; graphql-query-complexity
 * visits each expanded selection, so the bound is checked first, in one pass over the document.
 */
export const MAX_EXPANDED_SELECTIONS = 10_000;

/**
 * A validation rule that refuses, with QUERY_TOO_COMPLEX, an operation whose selections expand
 * to more than `max` once fragments are spread (each fragment is sized once, so a bomb costs no
 * more to check than to read). Fragment cycles count 0 here: graphql-js's NoFragmentCyclesRule
 * refuses them.
 */
export function maxExpandedSelectionsRule(max = MAX_EXPANDED_SELECTIONS) {
  return (context: ValidationContext): ASTVisitor => {
    const fragmentSizes = new Map<string, number>();
    const sizing = new Set<string>();
    const sizeOf = (set: SelectionSetNode | undefined): number => {
      let size = 0;
      for (const selection of set?.selections ?? []) {
        size += 1;
        if (selection.kind !== Kind.FRAGMENT_SPREAD) {
          size += sizeOf(selection.selectionSet);
          continue;
        }
        const name = selection.name.value;
        if (!fragmentSizes.has(name) && !sizing.has(name)) {
          sizing.add(name);
          fragmentSizes.set(name, sizeOf(context.getFragment(name)?.selectionSet));
          sizing.delete(name);
        }
        size += fragmentSizes.get(name) ?? 0;
      }
      return size;
    };
    return {
      OperationDefinition(operation) {
        if (sizeOf(operation.selectionSet) <= max) return;
        context.reportError(
          new LimitError(
            LimitCode.cost,
            `Query too complex: its fragments expand to more than ${max} fields; ask for fewer nested fields.`,
            { nodes: operation },
          ),
        );
      },
    };
  };
}

/**
 * The variables a cost can depend on: those inside a `first` argument (the only argument
 * `nodeCountEstimator` reads) or an @include/@skip condition. Every other variable (a key, a
 * filter) leaves the cost as it is.
 */
export function costVariables(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  const collect = (node: ASTNode) => visit(node, { Variable: (v) => void names.add(v.name.value) });
  visit(document, {
    Argument: (argument) => void (argument.name.value === 'first' && collect(argument.value)),
    Directive: (directive) =>
      void (
        (directive.name.value === 'include' || directive.name.value === 'skip') &&
        directive.arguments?.forEach((a) => collect(a.value))
      ),
  });
  return names;
}

/** Costs kept per operation document, by operation name and the values of its cost variables. */
const COSTS_PER_DOCUMENT = 64;

/** The cost of operations (see `nodeCountEstimator`), kept per document; shared by the cost limit and the served reads of the /graphql route. */
export interface OperationCosts {
  /**
   * The cost of `operation` of `document` for `variables`, or null when its variables were coerced
   * and do not fit their types (execution refuses them, BAD_USER_INPUT, so there is nothing to cost).
   */
  cost(
    document: DocumentNode,
    operation: OperationDefinitionNode | null | undefined,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): number | null;
  /** Whether `variables` fit the variable types of `operation`. */
  variablesFit(operation: OperationDefinitionNode | null | undefined, variables: Record<string, unknown>): boolean;
}

/**
 * Operation costs computed once per document, operation and values of `costVariables`: Apollo
 * hands the same parsed document to every request with the same text, so a research tool asking
 * the same query for 200 study keys pays for one. Variables are coerced only where the cost
 * depends on them or where the cost is not known yet.
 */
export function operationCosts(schema: GraphQLSchema): OperationCosts {
  const cache = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();
  const coerce = (operation: OperationDefinitionNode | null | undefined, variables: Record<string, unknown>) => {
    const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables);
    return coerced.errors ? null : coerced.coerced;
  };
  return {
    cost(document, operation, operationName, variables) {
      let entry = cache.get(document);
      if (!entry) cache.set(document, (entry = { variables: [...costVariables(document)], costs: new Map() }));
      let coerced = entry.variables.length > 0 ? coerce(operation, variables) : undefined;
      if (coerced === null) return null;
      const key = JSON.stringify([operationName ?? null, ...entry.variables.map((name) => coerced?.[name] ?? null)]);
      let cost = entry.costs.get(key);
      if (cost === undefined) {
        if (coerced === undefined && (coerced = coerce(operation, variables)) === null) return null;
        // maxExpandedSelectionsRule has refused every document that could reach this.
        cost = getComplexity({
          schema,
          query: document,
          operationName,
          variables,
          estimators: [nodeCountEstimator],
          maxQueryNodes: MAX_EXPANDED_SELECTIONS + 1,
        });
        if (entry.costs.size >= COSTS_PER_DOCUMENT) entry.costs.clear();
        entry.costs.set(key, cost);
      }
      return cost;
    },
    variablesFit: (operation, variables) => coerce(operation, variables) !== null,
  };
}

/** The refusal of an operation whose cost is above `maxCost`. */
export const costRefusal = (cost: number, maxCost: number) =>
  new LimitError(
    LimitCode.cost,
    `Query cost ${cost} exceeds the limit of ${maxCost} (the number of graph nodes the response could hold); ask for fewer items (smaller \`first\`) or fewer nested fields.`,
    { extensions: { cost, maxCost } },
  );

/**
 * Computes the cost of each operation once it is resolved (`operationCosts`), and rejects it
 * above `maxCost` before execution. An operation whose variables do not fit their types is
 * answered BAD_USER_INPUT by execution, never refused for its cost.
 */
export function costLimitPlugin(
  schema: GraphQLSchema,
  maxCost: number,
  costs: OperationCosts = operationCosts(schema),
): ApolloServerPlugin<Context> {
  // One listener for every request: its state is the cache of `costs`.
  const listener: GraphQLRequestListener<Context> = {
    async didResolveOperation({ request, document, operation, contextValue }) {
      const variables = request.variables ?? {};
      const cost = costs.cost(document, operation, request.operationName ?? undefined, variables);
      if (cost === null) return;
      if (contextValue) contextValue.cost = cost;
      if (cost > maxCost && costs.variablesFit(operation, variables)) throw costRefusal(cost, maxCost);
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}

/**
 * Refuses an operation whose kind the schema has no root type for as a validation error
 * (graphql-js validates such a document and fails only when executing it, which would answer as
 * an internal error), and a subscription sent over HTTP: subscriptions are served over the
 * WebSocket of /graphql only (src/http/routes/graphql.socket.ts, which validates without this
 * rule).
 */
export function servedOperationsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root =
        node.operation === 'subscription'
          ? schema.getSubscriptionType()
          : node.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getQueryType();
      if (!root)
        context.reportError(
          new GraphQLError(
            `This API serves no ${node.operation} operations: send a query${schema.getMutationType() ? ' or a mutation' : ''}.`,
            { nodes: node },
          ),
        );
      else if (node.operation === 'subscription')
        context.reportError(
          new GraphQLError(
            'Subscriptions are served over the WebSocket of /graphql (graphql-ws, protocol graphql-transport-ws), not over HTTP: connect to ws://<host>/graphql.',
            { nodes: node },
          ),
        );
    },
  };
}
