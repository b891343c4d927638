import {
  GraphQLField,
  GraphQLFieldResolver,
  GraphQLResolveInfo,
  GraphQLSchema,
  isObjectType,
  isUnionType,
} from 'graphql';
import { COUNT_UP_TO, countUpTo } from '../connection';
import { encodeCursor } from '../pagination';
import { Row, SortKey, typeDecl } from './model';
import { ChildValue, CHILD_PREFIX, Shape } from './translate';

/**
 * Where a materialized object keeps the relation fields selected under an alias, by response
 * key (read by `projected`); a relation selected under its own name is a property of that name.
 */
const CHILDREN = Symbol('projected children');

/** Turns one projected value of a shape into its GraphQL value. */
type Materializer = (value: unknown) => unknown;

/**
 * Where a shape keeps its materializer, made on first use. A shape belongs to a plan (kept per
 * query document) or to one request, and a list applies its item's materializer to every row:
 * the declarations, the prefixed keys and the sort order are looked up once per shape instead
 * of once per row. A property of the shape rather than a WeakMap entry: weak maps with a key
 * per request made garbage collection cost more than the lookups saved.
 */
const MATERIALIZER = Symbol('materializer');

function materializerOf(shape: Shape): Materializer {
  const holder = shape as Shape & { [MATERIALIZER]?: Materializer };
  return (holder[MATERIALIZER] ??= shape.kind === 'union' ? unionMaterializer(shape) : objectMaterializer(shape));
}

/** The materializer of a nested shape, made when a value first needs it (an empty list never does). */
function lazily(make: () => Materializer): Materializer {
  let materializer: Materializer | undefined;
  return (value) => (materializer ??= make())(value);
}

function unionMaterializer(shape: Shape & { kind: 'union' }): Materializer {
  const members = new Map<string, Materializer>();
  return (value) => {
    if (value === null || value === undefined) return null;
    const typeName = (value as Row).__typename as string;
    let member = members.get(typeName);
    if (!member) members.set(typeName, (member = materializerOf(shape.members.get(typeName)!)));
    const object = member(value);
    return object && Object.assign(object, { __typename: typeName });
  };
}

function objectMaterializer(shape: Shape & { kind: 'object' }): Materializer {
  const { map, relations: declared = {} } = typeDecl(shape.typeName);
  const values: { from: string; field: string }[] = [];
  // A relation under its own name (or under the name of another relation) becomes a property of
  // that name, which no other field of the type reads; under any other alias it could shadow a
  // property that a field of that name reads, so it is kept aside, by response key.
  const properties: { from: string; key: string; value: Materializer }[] = [];
  const aliased: { from: string; key: string; value: Materializer }[] = [];
  for (const child of shape.children) {
    if (child.kind === 'value') values.push({ from: CHILD_PREFIX + child.key, field: child.field });
    else
      (Object.hasOwn(declared, child.key) ? properties : aliased).push({
        from: CHILD_PREFIX + child.key,
        key: child.key,
        value: childMaterializer(child),
      });
  }
  return (value) => {
    if (value === null || value === undefined) return null;
    const row = value as Row;
    const object = map(row) as Record<string | symbol, unknown>;
    for (const { from, field } of values) object[field] = row[from];
    for (const { from, key, value: child } of properties) object[key] = child(row[from]);
    if (aliased.length > 0) {
      const children: Record<string, unknown> = Object.create(null);
      for (const { from, key, value: child } of aliased) children[key] = child(row[from]);
      // Enumerable, so that it survives type-graphql's copy of a root into an instance of its class
      // (Object.assign copies enumerable symbols); a symbol, so that it never reaches a response.
      object[CHILDREN] = children;
    }
    return object;
  };
}

function childMaterializer(child: ChildValue): Materializer {
  const item = lazily(() => materializerOf(child.shape));
  switch (child.kind) {
    case 'one':
    case 'self':
      return item;
    case 'list': {
      const order = child.sortBy ? rowOrder(child.sortBy) : null;
      return (value) => {
        const rows = value as Row[];
        return (order ? inOrder(rows, order) : rows).map(item);
      };
    }
    case 'connection':
      return (value) => {
        const { nodes, total, upTo } = value as { nodes: Row[]; total?: number; upTo?: Record<string, number> };
        const connection = connectionOf(nodes.map(item), child.page, total);
        if (upTo && child.upTo) {
          // Under its own name a plain property (as graphql-jit reads it), under an alias by key.
          const children: Record<string, unknown> = Object.create(null);
          for (const [key, limit] of Object.entries(child.upTo)) {
            const counted = countUpTo(upTo[key], limit);
            if (key === COUNT_UP_TO) Object.assign(connection, { [COUNT_UP_TO]: counted });
            else children[key] = counted;
          }
          Object.assign(connection, { [CHILDREN]: children });
        }
        return connection;
      };
  }
}

/**
 * Turns one projected value into GraphQL objects: each object through its type's `map`, with
 * its relation fields attached by response key and its computed values by field name.
 * Pure; the inverse of the projection the same `shape` came from.
 */
export function materialize(shape: Shape, row: Row | null | undefined): object | null {
  return materializerOf(shape)(row) as object | null;
}

/** The GraphQL value of one projected relation: an object or null, a list, or a connection. */
export function materializeChild(child: ChildValue, value: unknown): unknown {
  return childMaterializer(child)(value);
}

type RowOrder = (x: Row, y: Row) => number;

/** The comparison of each list of sort keys; the keys are those of a declaration, so few and long-lived. */
const rowOrders = new WeakMap<SortKey[], RowOrder>();

/**
 * Compares rows as Cypher's ORDER BY does on `keys`: numbers by value, strings by code point,
 * booleans false first, and null after every value ascending (before every value descending).
 */
function rowOrder(keys: SortKey[]): RowOrder {
  let order = rowOrders.get(keys);
  if (order) return order;
  const compare = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return (a as number | string) < (b as number | string) ? -1 : 1;
  };
  const specs = keys.map((k) => (typeof k === 'string' ? { key: k, sign: 1 } : { key: k.key, sign: -1 }));
  order = (x, y) => {
    for (const { key, sign } of specs) {
      const c = compare(x[key], y[key]);
      if (c !== 0) return sign * c;
    }
    return 0;
  };
  rowOrders.set(keys, order);
  return order;
}

/** `rows` sorted stably by `order`: the same array when it is already in order (as most lists come from Neo4j), else a sorted copy. */
function inOrder(rows: Row[], order: RowOrder): Row[] {
  for (let i = 1; i < rows.length; i += 1) {
    if (order(rows[i - 1], rows[i]) > 0) return [...rows].sort(order);
  }
  return rows;
}

/**
 * Rows in the order of `keys`, compared as Cypher's ORDER BY compares them: numbers by value,
 * strings by code point, booleans false first, and null after every value ascending (before
 * every value descending). Stable, so equal rows keep the order they came in.
 */
export function sortRows(rows: Row[], keys: SortKey[]): Row[] {
  return [...inOrder(rows, rowOrder(keys))];
}

/** An edge whose cursor is encoded only when read: most queries select the nodes alone. */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly offset: number,
  ) {}

  get cursor(): string {
    return encodeCursor(this.offset);
  }
}

/**
 * A connection from a page fetched with one extra node: the extra one only tells that more
 * follow. `total` is absent when `totalCount` was not selected (so never read). The same
 * connection as `toConnection` (src/graphql/pagination.ts) gives, its cursors encoded when read.
 */
export function connectionOf<T>(nodes: T[], page: { offset: number; limit: number }, total?: number) {
  const shown = nodes.length > page.limit ? nodes.slice(0, page.limit) : nodes;
  const edges = shown.map((node, index) => new Edge(node, page.offset + index));
  return {
    edges,
    totalCount: total ?? -1,
    pageInfo: {
      hasNextPage: nodes.length > page.limit,
      hasPreviousPage: page.offset > 0,
      get startCursor(): string | null {
        return edges[0]?.cursor ?? null;
      },
      get endCursor(): string | null {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
  };
}

/**
 * The value of a relation field of `parent`, as projected by the root field's statement: what
 * every relation field resolver returns. An object not made by `materialize` is a programming
 * error (a root that did not go through the translator).
 */
export function projected(
  parent: object,
  info: Pick<GraphQLResolveInfo, 'path' | 'parentType' | 'fieldName'>,
): unknown {
  const key = info.path.key as string;
  const children = (parent as Record<symbol, Record<string, unknown> | undefined>)[CHILDREN];
  if (children && key in children) return children[key];
  if (Object.hasOwn(parent, key)) return (parent as Record<string, unknown>)[key];
  throw new Error(`${info.parentType.name}.${info.fieldName} was not projected by its root field.`);
}

/** The resolver of every declared relation field (see `bindFieldResolvers`). */
const relationResolver: GraphQLFieldResolver<unknown, unknown> = (parent, _args, _ctx, info) =>
  projected(parent as object, info);

/** True for a field that `bindFieldResolvers` made a declared relation, read from the projection. */
export function isRelationField(field: GraphQLField<unknown, unknown>): boolean {
  return field.resolve === relationResolver;
}

/** The relation fields of each schema, found once. */
const relationFields = new WeakMap<GraphQLSchema, GraphQLField<unknown, unknown>[]>();

/**
 * Runs `compile` with every relation field of `schema` read as the plain property of its name,
 * which `materialize` writes for a relation selected under its own name: for graphql-jit
 * (src/graphql/compiled-execution.ts), which reads each field's resolver once, while it
 * compiles an operation that selects no relation under an alias. Compiled so, a relation costs
 * a property read instead of a resolver call with a resolve info and a path made for every
 * value. The resolvers are back before `compile` returns (compiling is synchronous), so
 * nothing else ever sees the schema without them.
 */
export function withRelationsAsProperties<T>(schema: GraphQLSchema, compile: () => T): T {
  let fields = relationFields.get(schema);
  if (!fields) {
    fields = Object.values(schema.getTypeMap()).flatMap((type) =>
      isObjectType(type) ? Object.values(type.getFields()).filter(isRelationField) : [],
    );
    relationFields.set(schema, fields);
  }
  for (const field of fields) field.resolve = undefined;
  try {
    return compile();
  } finally {
    for (const field of fields) field.resolve = relationResolver;
  }
}

/**
 * Gives every field below the root types its plain resolver: a declared relation reads what
 * its root field projected (`projected`), any other field the property of the same name
 * (graphql-js's default). The resolver classes made from the declarations (./fields.ts)
 * declare the relation fields (type, description, arguments) with a body that does the same;
 * type-graphql wraps every field, even a plain property, in its middleware machinery and copies
 * the parent into an instance of its class for each call, which is pure overhead for values
 * that are already there.
 */
export function bindFieldResolvers(
  schema: GraphQLSchema,
  isDeclared: (typeName: string, fieldName: string) => boolean,
): GraphQLSchema {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    // A union member comes out of `materialize` with its __typename. type-graphql wraps each
    // union's resolveType in an async function, which graphql-js awaits once per value and
    // graphql-jit (src/graphql/compiled-execution.ts) cannot await at all.
    if (isUnionType(type)) type.resolveType = (value) => (value as { __typename?: string }).__typename;
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = isDeclared(type.name, field.name) || field.name === COUNT_UP_TO ? relationResolver : undefined;
    }
  }
  return schema;
}
