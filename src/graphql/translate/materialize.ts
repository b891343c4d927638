import { GraphQLResolveInfo, GraphQLSchema, isObjectType, isUnionType } from 'graphql';
import { toConnection } from '../pagination';
import { Row, SortKey, typeDecl } from './model';
import { ChildValue, CHILD_PREFIX, Shape } from './translate';

/** Where a materialized object keeps its relation fields, by response key (read by `projected`). */
const CHILDREN = Symbol('projected children');

/**
 * Turns one projected value into GraphQL objects: each object through its type's `map`, with
 * its relation fields attached by response key and its computed values by field name.
 * Pure; the inverse of the projection the same `shape` came from.
 */
export function materialize(shape: Shape, row: Row | null | undefined): object | null {
  if (row === null || row === undefined) return null;
  if (shape.kind === 'union') {
    const typeName = row.__typename as string;
    const member = materialize(shape.members.get(typeName)!, row);
    return member && Object.assign(member, { __typename: typeName });
  }
  const object = typeDecl(shape.typeName).map(row) as Record<string | symbol, unknown>;
  const children: Record<string, unknown> = {};
  for (const child of shape.children) {
    const value = row[CHILD_PREFIX + child.key];
    if (child.kind === 'value') object[child.field] = value;
    else children[child.key] = materializeChild(child, value);
  }
  // Enumerable, so that it survives type-graphql's copy of a root into an instance of its class
  // (Object.assign copies enumerable symbols); a symbol, so that it never reaches a response.
  object[CHILDREN] = children;
  return object;
}

/** The GraphQL value of one projected relation: an object or null, a list, or a connection. */
export function materializeChild(child: ChildValue, value: unknown): unknown {
  switch (child.kind) {
    case 'one':
    case 'self':
      return materialize(child.shape, value as Row | null);
    case 'list':
      return (child.sortBy ? sortRows(value as Row[], child.sortBy) : (value as Row[])).map((item) => materialize(child.shape, item));
    case 'connection': {
      const { nodes, total } = value as { nodes: Row[]; total?: number };
      return connectionOf(nodes.map((item) => materialize(child.shape, item)!), child.page, total);
    }
  }
}

/**
 * Rows in the order of `keys`, compared as Cypher's ORDER BY compares them: numbers by value,
 * strings by code point, booleans false first, and null after every value ascending (before
 * every value descending). Stable, so equal rows keep the order they came in.
 */
export function sortRows(rows: Row[], keys: SortKey[]): Row[] {
  const compare = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return (a as number | string) < (b as number | string) ? -1 : 1;
  };
  const specs = keys.map((k) => (typeof k === 'string' ? { key: k, sign: 1 } : { key: k.key, sign: -1 }));
  return [...rows].sort((x, y) => {
    for (const { key, sign } of specs) {
      const c = compare(x[key], y[key]);
      if (c !== 0) return sign * c;
    }
    return 0;
  });
}

/**
 * A connection from a page fetched with one extra node: the extra one only tells that more
 * follow. `total` is absent when `totalCount` was not selected (so never read).
 */
export function connectionOf<T>(nodes: T[], page: { offset: number; limit: number }, total?: number) {
  const hasNextPage = nodes.length > page.limit;
  const shown = nodes.slice(0, page.limit);
  const connection = toConnection(shown, total ?? -1, page);
  connection.pageInfo.hasNextPage = hasNextPage;
  return connection;
}

/**
 * The value of a relation field of `parent`, as projected by the root field's statement: what
 * every relation field resolver returns. An object not made by `materialize` is a programming
 * error (a root that did not go through the translator).
 */
export function projected(parent: object, info: Pick<GraphQLResolveInfo, 'path' | 'parentType' | 'fieldName'>): any {
  const children = (parent as Record<symbol, Record<string, unknown> | undefined>)[CHILDREN];
  if (!children || !(info.path.key in children)) {
    throw new Error(`${info.parentType.name}.${info.fieldName} was not projected by its root field.`);
  }
  return children[info.path.key as string];
}

/**
 * Gives every field below the root types its plain resolver: a declared relation reads what
 * its root field projected (`projected`), any other field the property of the same name
 * (graphql-js's default). The resolver classes declare the relation fields (type, description,
 * arguments) with a body that does the same; type-graphql wraps every field, even a plain
 * property, in its middleware machinery and copies the parent into an instance of its class
 * for each call, which is pure overhead for values that are already there.
 */
export function bindFieldResolvers(schema: GraphQLSchema, isDeclared: (typeName: string, fieldName: string) => boolean): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    // A union member comes out of `materialize` with its __typename. type-graphql wraps each
    // union's resolveType in an async function, which graphql-js awaits once per value and
    // graphql-jit (src/graphql/compiled-execution.ts) cannot await at all.
    if (isUnionType(type)) type.resolveType = (value) => (value as { __typename?: string }).__typename;
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = isDeclared(type.name, field.name) ? (parent, _args, _ctx, info) => projected(parent, info) : undefined;
    }
  }
  return schema;
}
