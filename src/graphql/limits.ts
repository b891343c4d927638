import { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, GraphQLSchema, getNamedType, getNullableType, isListType } from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { ErrorCode } from '../errors';
import { Context } from './context';

/** Request limits; each is enforced before any Cypher runs. Set from the environment (see README). */
export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Characters of query text. */
  maxQueryLength: number;
  /** Estimated cost: 1 per field; a list field multiplies its children by `first`, or by LIST_FACTOR when it takes no `first`. */
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

/** Assumed size of a list field that has no `first` argument (arms, outcomes, measurements of one parent). */
export const LIST_FACTOR = 5;

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

/** Cost of a field: itself plus its children, times `first` (or LIST_FACTOR) for list fields. `edges` and introspection cost nothing extra. */
export const firstArgumentEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : null;
  if (first !== null) return 1 + childComplexity * first;
  const isList = isListType(getNullableType(field.type));
  if (isList && field.name !== 'edges' && getNamedType(field.type).name !== 'String') return 1 + childComplexity * LIST_FACTOR;
  return 1 + childComplexity;
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
              estimators: [firstArgumentEstimator],
            });
          } catch (error) {
            throw costFailure(error);
          }
          if (contextValue) contextValue.cost = cost;
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}; ask for fewer items (smaller \`first\`) or fewer nested fields.`, {
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
