/**
 * How each GraphQL object type of the graph is read from Neo4j, with its relation fields:
 * declared once per concept (src/<concept>/<concept>.fields.ts), read by the translator and by
 * ./fields.ts, which makes the GraphQL fields. The kernel imports no
 * concept: concepts register their declarations here, the composition root imports them.
 */

import { ClassType } from 'type-graphql';
import { Hop } from '../../model/graph';

export type Row = Record<string, unknown>;

/** Field arguments as graphql-js coerced them. */
export type FieldArgs = Record<string, unknown>;

/** Names of the Cypher variables a relationship pattern links: `from` is bound, `to` is new, `aux` is a fresh prefix for any other variable. */
export interface PatternVars {
  from: string;
  to: string;
  aux: string;
  /**
   * For a relation of a connection's row: the variables its rows' pattern binds already, by
   * relation name (the connection's `bound`), which the relation's own pattern may start from
   * instead of walking to them again (the outcome and arm of a compareOutcome row).
   */
  bound?: Readonly<Record<string, string>>;
}

/** A step of the graph model that reaches at most one node: the only steps a field of one target may follow. */
export type SingleHop = Hop & { readonly single: true };

/**
 * How a field that follows relationships to another object type is read (the target type is
 * the field's GraphQL type, or the node type of its connection).
 * - `one`: at most one target (null when none);
 * - `list`: every target, at most `max` (a bound the seed format enforces, so it never cuts a
 *   list short; the cost limit counts it), sorted by `sortBy`; or, when the field takes `first`,
 *   the first `first` in Cypher `order`;
 * - `connection`: a Relay connection (`first`/`after`) in Cypher `order`, with `totalCount`
 *   counted only when asked;
 * - `self`: the same variable seen as another type (a row type anchored on a node).
 *
 * The pattern is `follow`, one or more steps along relationships of the graph model
 * (src/model/graph.ts), from which the translator writes it (`(from)-[:TYPE]->(to:Label)`), with
 * `where` added; or, for a pattern no chain of steps says (a closure, alternatives, a target
 * between two steps), `match`, written with the pattern builders of ./pattern.ts.
 *
 * One and bounded-list fields compile to pattern comprehensions, which Neo4j plans in a
 * fraction of the time of ordered subqueries (seconds for a deep study query); their order is
 * applied to the few rows after the read.
 */
export type ReadDecl = {
  /** A condition on the targets of `follow`, given the field's arguments (the window of a long list). */
  where?: (v: PatternVars, args: FieldArgs) => string;
  /** The pattern (and WHERE, if any) from `from` to `to`, given the field's arguments, where `follow` cannot say it. */
  match?: (v: PatternVars, args: FieldArgs) => string;
  /** The match is a clause sequence (MATCH … WITH … MATCH …), not one pattern: read it with a subquery. */
  clauses?: boolean;
  /**
   * Map entries added to the target's properties, by key: e.g. a property of the relationship.
   * With `follow` (one step), the relationship is bound as `${aux}r` (`role: ${aux}r.role`).
   */
  extra?: (v: PatternVars) => Record<string, string>;
  /** The pattern can reach one target by several paths: keep one row per target. */
  distinct?: boolean;
} & (
  | { cardinality: 'one'; follow?: SingleHop | readonly SingleHop[] }
  | { cardinality: 'self'; follow?: never }
  | {
      cardinality: 'list';
      follow?: Hop | readonly Hop[];
      max: number;
      sortBy?: SortKey[];
      order?: (v: PatternVars) => string;
    }
  | {
      cardinality: 'connection';
      follow?: Hop | readonly Hop[];
      order: (v: PatternVars) => string;
      /**
       * A Cypher expression equal to the number of rows of `match`, cheaper than counting them
       * (`totalCount`); by default `COUNT { MATCH <match> … }`. With `upTo` (a Cypher integer,
       * for `totalCountUpTo`) a count that reads the rows may stop there (LIMIT); a stored count
       * ignores it.
       */
      count?: (v: PatternVars, args: FieldArgs, upTo?: string) => string;
      /**
       * A second way to read a page, for an anchor that many rows share: when `when` holds (a
       * Cypher predicate, given the page's SKIP and LIMIT parameters), the page is read by
       * `match` here, a walk in index order that stops once the page is full, instead of
       * collecting and sorting every row of the anchor. Both ways give the same rows in the same
       * order; the choice is made in the statement (a CASE evaluates only its chosen branch).
       */
      byIndex?: {
        when: (v: PatternVars, page: { skip: string; limit: string }) => string;
        match: (v: PatternVars, args: FieldArgs) => string;
        /** The walk's own order, where the index hands rows over in one that equals `order` on them only (`year DESC, id`, not `year IS NULL, …`). */
        order?: (v: PatternVars) => string;
        /**
         * The rows the index does not hold (studies without the sort's value), which `order`
         * puts after the walk's: read in their own order, only when the walk does not fill the page.
         */
        tail?: { match: (v: PatternVars, args: FieldArgs) => string; order: (v: PatternVars) => string };
      };
      /**
       * Other ways to read the page when the walk does not pay, each for the case its `when`
       * states (a Cypher predicate): the first that holds reads the page by its `match`, and
       * `match` above is the last resort (a page of several filters anchored at the rarest one).
       */
      anchors?: { when: (v: PatternVars) => string; match: (v: PatternVars, args: FieldArgs) => string }[];
      /**
       * `one` relations of the row type whose target every way of reading the page binds already
       * (the study and arm of a compareOutcome row): each row reads them from that variable
       * (null where an OPTIONAL MATCH found none) instead of walking to them again. Not for a
       * `distinct` connection, whose rows keep only `to`. The row's other relations find them
       * in `PatternVars.bound`.
       */
      bound?: (v: PatternVars) => Record<string, string>;
    }
);

/** ` WHERE a AND b …` for the given tests, or nothing when there is none. */
export const whereAll = (tests: string[]): string => (tests.length > 0 ? ` WHERE ${tests.join(' AND ')}` : '');

/**
 * The plan choice of `byIndex`, one formula for every anchor. Walking the studies in index order
 * reads about (skip + limit) × studies / matches of them; collecting reads every match. The walk
 * is chosen when it reads fewer, the matches estimated from the holders of each filter as if the
 * filters were independent, h₀ × Π (hᵢ / studies): h₀² > (skip + limit) × studies for one filter,
 * h₀ × Π hᵢ > (skip + limit) × studiesᵏ for k (multiplied out by studiesᵏ⁻¹). `holders`: a Cypher
 * expression of each filter's holders, the most selective first, or with `anchor` the holders of
 * the filter the other plan starts from (the fewest).
 */
export function indexWalkPays(
  holders: string[],
  { skip, limit }: { skip: string; limit: string },
  anchor: string = holders[0],
): string {
  if (holders.length === 1) return `${holders[0]} ^ 2 > (${skip} + ${limit}) * COUNT { (:Study) }`;
  return `toFloat(${anchor}) * ${holders.join(' * ')} > (${skip} + ${limit}) * toFloat(COUNT { (:Study) }) ^ ${holders.length}`;
}

/**
 * The GraphQL side of a relation field, declared with its read: type-graphql declares the field
 * from it (./fields.ts), so no resolver class repeats it.
 */
export interface FieldSpec {
  /** The field's GraphQL type as type-graphql takes it: `() => Study`, `() => [Arm]`, `() => StudyConnection`. */
  returns: () => unknown;
  description: string;
  /** The field may be null (a `one` field whose target may be missing). */
  nullable?: boolean;
  /** The field's arguments: an @ArgsType class (PageArgs, FirstArgs…), read by the translator from the selection. */
  args?: ClassType;
}

/** One relation field of an object type: its GraphQL field and how it is read, declared once. */
export type RelationDecl = ReadDecl & FieldSpec;

/** A key of the projected target map (a property or an `extra` entry), ascending unless `desc`; nulls sort last ascending and first descending, as in Cypher. */
export type SortKey = string | { key: string; desc: true };

/** A scalar field computed in Cypher from the bound variable (e.g. a count). */
export type ValueDecl = (v: string, args: FieldArgs) => string;

/** How one object type is read, and its relation fields. */
export interface TypeDecl<T = unknown> {
  /**
   * The properties projected for `map`: those of the selected fields (default), or none (a row
   * type). A field is read from the property of its name unless `fieldProperties` names others.
   */
  properties?: 'selected' | 'none';
  /** The properties a field is made from, where not the one of its name (a confidence interval from ciLevel, ciLower, ciUpper). */
  fieldProperties?: Record<string, readonly string[]>;
  /** Maps the projected properties (with `extra` entries and computed values) to the GraphQL object. */
  map: (row: Row) => T;
  /** Fields that follow relationships, by GraphQL field name. */
  relations?: Record<string, RelationDecl>;
  /** Scalar fields computed in Cypher, by GraphQL field name; absent from the projection unless selected. */
  values?: Record<string, ValueDecl>;
}

const registry = new Map<string, TypeDecl>();
/** The type-graphql class of each type declared by class, by GraphQL name (the class name: no declared type renames its class). */
const classes = new Map<string, ClassType>();

/**
 * Declares how the GraphQL object type `objectType` (its type-graphql class; a name only for a
 * type of no schema, in tests) is read, and its relation fields; once per type.
 */
export function declareType<T>(objectType: ClassType | string, decl: TypeDecl<T>): void {
  const typeName = typeof objectType === 'string' ? objectType : objectType.name;
  if (registry.has(typeName)) throw new Error(`Type ${typeName} is declared twice.`);
  for (const [name, relation] of Object.entries(decl.relations ?? {})) checkRelation(typeName, name, relation);
  registry.set(typeName, decl as TypeDecl);
  if (typeof objectType !== 'string') classes.set(typeName, objectType);
}

/** The declared types with their classes, for the field resolvers made from them (./fields.ts). */
export function declaredClasses(): [ClassType, TypeDecl][] {
  return [...classes].map(([name, objectType]) => [objectType, registry.get(name)!]);
}

/** Refuses at load what the types cannot: a chain of steps that does not join, a field of one target that may reach several. */
function checkRelation(typeName: string, name: string, decl: RelationDecl): void {
  const hops: readonly Hop[] =
    decl.follow === undefined ? [] : 'relationship' in decl.follow ? [decl.follow] : decl.follow;
  hops.forEach((hop, i) => {
    if (i > 0 && hops[i - 1].target !== hop.start)
      throw new Error(
        `${typeName}.${name}: step ${i + 1} starts at ${hop.start}, not where step ${i} ends (${hops[i - 1].target}).`,
      );
    if (decl.cardinality === 'one' && !hop.single)
      throw new Error(
        `${typeName}.${name} is one target, but (:${hop.start})-[:${hop.relationship.type}]- reaches several.`,
      );
  });
  if ((decl.follow === undefined) === (decl.match === undefined) && decl.cardinality !== 'self')
    throw new Error(`${typeName}.${name} needs either \`follow\` or \`match\`.`);
}

/** The LIMIT of a count that may stop at `upTo` (a connection's `count`); empty without one. */
export const countLimitClause = (upTo?: string): string => (upTo ? ` LIMIT ${upTo}` : '');

/** The declaration of a type; throws for a type nobody declared (a programming error). */
export function typeDecl(typeName: string): TypeDecl {
  const decl = registry.get(typeName);
  if (!decl) throw new Error(`No read declaration for type ${typeName}.`);
  return decl;
}

/** The declared bound of a list field, for the cost limit; undefined for any other field. */
export function declaredMax(typeName: string, fieldName: string): number | undefined {
  const relation = registry.get(typeName)?.relations?.[fieldName];
  return relation?.cardinality === 'list' ? relation.max : undefined;
}

/** True when `fieldName` of `typeName` is a declared relation (read from the projection). */
export function isRelation(typeName: string, fieldName: string): boolean {
  return registry.get(typeName)?.relations?.[fieldName] !== undefined;
}

/** True when values of `typeName` are read from a node or relationship of the graph (not a row or wrapper type). */
export function isGraphType(typeName: string): boolean {
  const decl = registry.get(typeName);
  return decl !== undefined && decl.properties !== 'none';
}

/**
 * A list of a study part that real records make long (src/model/bounds.ts, WINDOWS), read two
 * ways along one step: `list` gives the first `window` targets by their stored `position` (a
 * pattern comprehension filtered on it, as cheap as any bounded list, and whole for every list
 * within its window), `connection` pages through all of them in position order. Each field adds
 * its GraphQL side (`{ ...OUTCOMES.list, returns, description }`).
 */
export function windowed(follow: Hop, window: number): { list: ReadDecl; connection: ReadDecl } {
  return {
    list: {
      cardinality: 'list',
      max: window,
      follow,
      where: (v) => `${v.to}.position < ${window}`,
      sortBy: ['position'],
    },
    connection: { cardinality: 'connection', follow, order: ({ to }) => `${to}.position` },
  };
}
