import { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, GraphQLNamedType, GraphQLSchema, getNamedType, getNullableType, isListType, isObjectType, isUnionType } from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { ErrorCode } from '../errors';
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

/** graphql-armor's rejection messages, which Apollo reports as validation or parse failures, and the code each maps to. */
const ARMOR_MESSAGES: [RegExp, string][] = [
  [/Query depth limit of \d+ exceeded/, LimitCode.depth],
  [/Aliases limit of \d+ exceeded/, LimitCode.aliases],
  [/Token limit of \d+ exceeded/, LimitCode.tokens],
  // graphql-js's own token limit (parseOptions below), reported as a parse failure.
  [/Document contains more tha[nt] \d+ tokens/, LimitCode.tokens],
  [/Directives limit of \d+ exceeded/, LimitCode.directives],
];

/** The stable code of a graphql-armor rejection, or null for any other message. */
export function limitCodeOf(message: string): string | null {
  return ARMOR_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

/** graphql-armor's depth, alias, directive and token limits (its messages name the limit; `limitCodeOf` maps them to codes). */
export function armorProtection(limits: Limits, production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    // The token limit is graphql-js's own (see parseOptions): armor's runs a second parser in a
    // plugin hook, which turned every syntax error into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
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
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : null;
  if (isListType(getNullableType(field.type)) && isObjectType(named) && !named.name.endsWith('Edge')) {
    return (first ?? declaredMax(type.name, field.name) ?? UNDECLARED_LIST_SIZE) * (own + childComplexity);
  }
  if (isListType(getNullableType(field.type)) && isUnionType(named)) return (first ?? UNDECLARED_LIST_SIZE) * (own + childComplexity);
  // A connection: `first` edges, each with its node (counted by the node field).
  if (first !== null) return first * childComplexity;
  return own + childComplexity;
};

/** Computes the cost of each operation once it is resolved, and rejects it above `maxCost` before execution. */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [nodeCountEstimator],
            });
          } catch (error) {
            throw costFailure(error);
          }
          if (contextValue) contextValue.cost = cost;
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost} (the number of graph nodes the response could hold); ask for fewer items (smaller \`first\`) or fewer nested fields.`, {
              extensions: { code: LimitCode.cost, cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * What getComplexity throws, as a client error: it coerces the variables first, so a variable
 * of the wrong type fails here (BAD_USER_INPUT, as Apollo reports it when it executes); it stops
 * after visiting 10,000 fields, which only a document whose fragments multiply (a fragment bomb)
 * reaches within the token limit (QUERY_TOO_COMPLEX). Anything else is rethrown unchanged.
 */
function costFailure(error: unknown): unknown {
  if (error instanceof GraphQLError && /^Query exceeds the maximum allowed number of nodes/.test(error.message)) {
    return new GraphQLError('Query too complex: its fragments expand to more than 10000 fields; ask for fewer nested fields.', {
      extensions: { code: LimitCode.cost, http: { status: 400 } },
    });
  }
  if (error instanceof GraphQLError && /^Variable "\$[^"]+" (got invalid value|has invalid value|of required type|of non-null type)/.test(error.message)) {
    return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
  }
  return error;
}
