/**
 * How each GraphQL object type of the graph is read from Neo4j: declared once per concept
 * (src/<concept>/<concept>.fields.ts) and read by the translator. The kernel imports no
 * concept: concepts register their declarations here, the composition root imports them.
 */

export type Row = Record<string, unknown>;

/** Field arguments as graphql-js coerced them. */
export type FieldArgs = Record<string, unknown>;

/** Names of the Cypher variables a relationship pattern links: `from` is bound, `to` is new, `aux` is a fresh prefix for any other variable. */
export interface PatternVars {
  from: string;
  to: string;
  aux: string;
}

/**
 * A field that follows relationships to another object type.
 * - `one`: at most one target (null when none);
 * - `list`: every target, at most `max` (a bound the seed format enforces, so it never cuts a
 *   list short; the cost limit counts it), sorted by `sortBy`; or, when the field takes `first`,
 *   the first `first` in Cypher `order`;
 * - `connection`: a Relay connection (`first`/`after`) in Cypher `order`, with `totalCount`
 *   counted only when asked;
 * - `self`: the same variable seen as another type (a row type anchored on a node).
 *
 * One and bounded-list fields compile to pattern comprehensions, which Neo4j plans in a
 * fraction of the time of ordered subqueries (seconds for a deep study query); their order is
 * applied to the few rows after the read.
 */
export type RelationDecl = {
  /** GraphQL name of the target type. */
  type: string;
  /** The pattern (and WHERE, if any) from `from` to `to`, given the field's arguments. */
  match?: (v: PatternVars, args: FieldArgs) => string;
  /** The match is a clause sequence (MATCH … WITH … MATCH …), not one pattern: read it with a subquery. */
  clauses?: boolean;
  /** Map entries added to the target's properties, by key: e.g. a property of the relationship (`role: ${aux}r.role`). */
  extra?: (v: PatternVars) => Record<string, string>;
  /** The pattern can reach one target by several paths: keep one row per target. */
  distinct?: boolean;
} & (
  | { cardinality: 'one' }
  | { cardinality: 'self' }
  | { cardinality: 'list'; max: number; sortBy?: SortKey[]; order?: (v: PatternVars) => string }
  | {
      cardinality: 'connection';
      order: (v: PatternVars) => string;
      /** A Cypher expression equal to the number of rows of `match`, cheaper than counting them (`totalCount`); by default `COUNT { MATCH <match> … }`. */
      count?: (v: PatternVars, args: FieldArgs) => string;
      /**
       * A second way to read a page, for an anchor that many rows share: when `when` holds (a
       * Cypher predicate, given the page's SKIP and LIMIT parameters), the page is read by
       * `match` here, a walk in index order that stops once the page is full, instead of
       * collecting and sorting every row of the anchor. Both ways give the same rows in the same
       * order; the choice is made in the statement (a CASE evaluates only its chosen branch).
       */
      byIndex?: { when: (v: PatternVars, page: { skip: string; limit: string }) => string; match: (v: PatternVars, args: FieldArgs) => string };
    }
);

/** A key of the projected target map (a property or an `extra` entry), ascending unless `desc`; nulls sort last ascending and first descending, as in Cypher. */
export type SortKey = string | { key: string; desc: true };

/** A scalar field computed in Cypher from the bound variable (e.g. a count). */
export type ValueDecl = (v: string, args: FieldArgs) => string;

/** How one object type is read. */
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

/** Declares how the GraphQL object type `typeName` is read; once per type. */
export function declareType<T>(typeName: string, decl: TypeDecl<T>): void {
  if (registry.has(typeName)) throw new Error(`Type ${typeName} is declared twice.`);
  registry.set(typeName, decl as TypeDecl);
}

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
 * ways from one pattern: `list` gives the first `window` targets by their stored `position` (a
 * pattern comprehension filtered on it, as cheap as any bounded list, and whole for every list
 * within its window), `connection` pages through all of them in position order.
 */
export function windowed(type: string, pattern: (v: PatternVars) => string, window: number): { list: RelationDecl; connection: RelationDecl } {
  return {
    list: { type, cardinality: 'list', max: window, match: (v) => `${pattern(v)} WHERE ${v.to}.position < ${window}`, sortBy: ['position'] },
    connection: { type, cardinality: 'connection', match: (v) => pattern(v), order: ({ to }) => `${to}.position` },
  };
}
