import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isObjectType,
  isUnionType,
} from 'graphql';
import { int } from 'neo4j-driver';
import { collectSubfields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';
import { COUNT_UP_TO, countLimit } from '../connection';
import { Page, toPage } from '../pagination';
import { Hop } from '../../model/graph';
import { countLimitClause, FieldArgs, PatternVars, ReadDecl, SortKey, typeDecl } from './model';
import { path } from './pattern';

/**
 * What the result of a projection looks like, so that `materialize` can turn the rows into
 * GraphQL objects: per type, its relation fields by response key and its computed values.
 */
export type Shape =
  { kind: 'object'; typeName: string; children: ChildShape[] } | { kind: 'union'; members: Map<string, Shape> };

export type ChildShape = { key: string; kind: 'value'; field: string } | ({ key: string } & ChildValue);

/** A child shape before it is given its response key; a list read unordered carries the keys to sort it by. */
export type ChildValue =
  | { kind: 'one' | 'self'; shape: Shape }
  | { kind: 'list'; shape: Shape; sortBy?: SortKey[] }
  | { kind: 'connection'; shape: Shape; page: Page; upTo?: Record<string, number> };

/** A projection: a Cypher expression over a bound variable, and the shape of its value. */
export interface Projection {
  cypher: string;
  shape: Shape;
}

/** The parts of a resolve info the translator reads: the operation's schema, fragments and variables. */
export type SelectionContext = Pick<GraphQLResolveInfo, 'schema' | 'fragments' | 'variableValues'>;

/**
 * Prefix of the keys under which a projected map carries its relation fields and computed
 * values, beside the properties (`@arms`): no property or GraphQL name starts with it. Flat, so
 * that a node without relations costs no extra map for Neo4j and the driver.
 */
export const CHILD_PREFIX = '@';

const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/**
 * The pattern of a relation from `v.from` to `v.to`: its steps of the graph model, written as a
 * path (the relationship bound as `${v.aux}r` for the `extra` entries of a one-step path), with
 * its `where`; or its own `match`.
 */
function matchOf(decl: ReadDecl, v: PatternVars, args: FieldArgs): string {
  if (decl.match) return decl.match(v, args);
  const hops: readonly Hop[] = 'relationship' in decl.follow! ? [decl.follow as Hop] : (decl.follow as readonly Hop[]);
  const where = decl.where?.(v, args);
  // A target that `where` tests with a pattern keeps its label: Neo4j plans that test from
  // either end, and the label is what it estimates the target's side by.
  const pattern = path(
    hops,
    v.from,
    v.to,
    decl.extra && hops.length === 1 ? `${v.aux}r` : undefined,
    where?.includes(`(${v.to})`),
  );
  return where ? `${pattern} WHERE ${where}` : pattern;
}

/**
 * One Cypher statement being built for one root field: it hands out parameter and variable
 * names and compiles GraphQL selections into nested map projections with COLLECT and COUNT
 * subqueries. Pure: it never touches the database; the same operation gives the same text.
 * Every client value becomes a parameter; the only identifiers in the text come from the
 * declarations (src/<concept>/<concept>.fields.ts) and from generated variable names.
 */
export class Statement {
  readonly params: Record<string, unknown> = {};
  private paramCount = 0;
  private variableCount = 0;
  private readonly schema: GraphQLSchema;
  private readonly fragments: Record<string, FragmentDefinitionNode>;
  private readonly variables: Record<string, unknown>;

  constructor(selection: SelectionContext) {
    this.schema = selection.schema;
    this.fragments = selection.fragments;
    this.variables = selection.variableValues;
  }

  /** A parameter holding `value`; returns its reference (`$p0`). */
  param(value: unknown): string {
    const name = `p${this.paramCount++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /**
   * Arguments that a field takes from its root field rather than from the selection (a page of
   * findings sized by predictorEvidence's `first`): merged under the field's own.
   */
  inherit(typeName: string, fieldName: string, args: FieldArgs): void {
    this.inherited.set(`${typeName}.${fieldName}`, args);
  }

  private readonly inherited = new Map<string, FieldArgs>();

  /** An integer parameter (SKIP and LIMIT take Cypher integers; a JS number is sent as a float). */
  intParam(value: number): string {
    return this.param(int(value));
  }

  /** A parameter of a fixed name, for Cypher constants that refer to it (`$id`); returns its reference. */
  bind(name: string, value: unknown): string {
    if (/^p\d+$/.test(name) || name in this.params)
      throw new Error(`Parameter $${name} is bound twice or clashes with generated names.`);
    this.params[name] = value;
    return `$${name}`;
  }

  /**
   * The field nodes, under every response key, of field `fieldName` of the wrapper object type
   * `typeName` selected by `fieldNodes`: for a root whose result wraps a node (a related study,
   * a search hit), so that the node is projected once for all of them.
   */
  subfieldNodes(typeName: string, fieldNodes: readonly FieldNode[], fieldName: string): FieldNode[] {
    const type = this.schema.getType(typeName) as GraphQLObjectType;
    return [...collectSubfields(this.schema, this.fragments, this.variables, type, fieldNodes).values()]
      .flat()
      .filter((node) => node.name.value === fieldName);
  }

  /** A fresh variable name (`this0`, `this1`…). */
  variable(): string {
    return `this${this.variableCount++}`;
  }

  /**
   * The projection of `variable`, seen as `typeName`, for the sub-selections of `fieldNodes`
   * (the field nodes of one response key whose value is that object).
   */
  project(
    typeName: string,
    variable: string,
    fieldNodes: readonly FieldNode[],
    extra?: string,
    sortBy: readonly SortKey[] = [],
    bound: Record<string, string> = {},
  ): Projection {
    const type = this.schema.getType(typeName);
    if (isUnionType(type)) return this.projectUnion(type.getTypes(), variable, fieldNodes);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type.`);
    const decl = typeDecl(typeName);
    const entries: string[] = [];
    const children: ChildShape[] = [];
    // Only the properties the selection reads (and the keys a list is sorted by), as the
    // hand-written statement would: every other property is work for Neo4j and the driver.
    const properties = new Set<string>(sortBy.map((k) => (typeof k === 'string' ? k : k.key)));
    for (const [key, nodes] of collectSubfields(this.schema, this.fragments, this.variables, type, fieldNodes)) {
      const name = nodes[0].name.value;
      const relation = decl.relations?.[name];
      const value = decl.values?.[name];
      if (!relation && !value) {
        if (name !== '__typename')
          for (const property of decl.fieldProperties?.[name] ?? [name]) properties.add(property);
        continue;
      }
      const args = {
        ...this.inherited.get(`${typeName}.${name}`),
        ...this.argumentsOf(type.getFields()[name], nodes[0]),
      };
      if (value) {
        entries.push(`${quote(CHILD_PREFIX + key)}: ${value(variable, args)}`);
        children.push({ key, kind: 'value', field: name });
      } else if (name in bound && relation!.cardinality === 'one') {
        // Bound by the rows' own pattern: its projection (null for a null variable), no walk.
        const target = this.project(getNamedType(type.getFields()[name].type).name, bound[name], nodes);
        entries.push(`${quote(CHILD_PREFIX + key)}: ${target.cypher}`);
        children.push({ key, kind: 'one', shape: target.shape });
      } else {
        const child = this.relation(relation!, variable, nodes, args, type.getFields()[name].type, bound);
        entries.push(`${quote(CHILD_PREFIX + key)}: ${child.cypher}`);
        children.push({ key, ...child.child });
      }
    }
    // Property names are GraphQL field names or declared ones: plain identifiers, safe unquoted.
    const selected = decl.properties === 'none' ? [] : [...properties].map((property) => `.${property}`);
    const parts = [...selected, ...(extra ? [extra] : []), ...entries];
    return { cypher: `${variable} {${parts.join(', ')}}`, shape: { kind: 'object', typeName, children } };
  }

  /**
   * The value of a relation field from `from`, for the field nodes of one response key, with
   * the variables `bound` by the rows' pattern when `from` is a connection's row.
   * Roots use it too, with a declaration whose pattern ignores `from`.
   */
  relation(
    decl: ReadDecl,
    from: string,
    nodes: readonly FieldNode[],
    args: FieldArgs,
    fieldType: GraphQLOutputType,
    bound: Readonly<Record<string, string>> = {},
  ): { cypher: string; child: ChildValue } {
    if (decl.cardinality === 'self') {
      const self = this.project(getNamedType(fieldType).name, from, nodes);
      return { cypher: self.cypher, child: { kind: 'self', shape: self.shape } };
    }
    const v: PatternVars = { from, to: this.variable(), aux: this.variable(), bound };
    const match = matchOf(decl, v, args);
    const extraEntries = decl.extra?.(v) ?? {};
    const extra = decl.extra
      ? Object.entries(extraEntries)
          .map(([key, expression]) => `${quote(key)}: ${expression}`)
          .join(', ')
      : undefined;
    // Sort keys that are properties of the target (not `extra` entries) must be projected.
    const sortProperties =
      decl.cardinality === 'list'
        ? (decl.sortBy ?? []).filter((k) => !((typeof k === 'string' ? k : k.key) in extraEntries))
        : [];
    if (decl.cardinality === 'connection') {
      return this.connection(
        decl,
        v,
        match,
        (upTo?: string) =>
          decl.count?.(v, args, upTo) ??
          `COUNT { MATCH ${match} RETURN ${decl.distinct ? 'DISTINCT ' : ''}${v.to}${countLimitClause(upTo)} }`,
        extra,
        nodes,
        fieldType,
        toPage(args.first as number | undefined, args.after as string | undefined),
        args,
      );
    }
    const target = this.project(getNamedType(fieldType).name, v.to, nodes, extra, sortProperties);
    if (decl.cardinality === 'one') {
      return {
        cypher: `head(${this.all(decl, v, match, target.cypher)})`,
        child: { kind: 'one', shape: target.shape },
      };
    }
    if (typeof args.first === 'number') {
      // A long list (the arms of a common intervention): ordered and cut in Cypher.
      const limit = this.intParam(toPage(args.first, null).limit);
      return {
        cypher: `COLLECT { ${this.ordered(decl, v, match, target.cypher, decl.order!(v), '', limit)} }`,
        child: { kind: 'list', shape: target.shape },
      };
    }
    return {
      cypher: this.all(decl, v, match, target.cypher),
      child: { kind: 'list', shape: target.shape, sortBy: decl.sortBy },
    };
  }

  /** Every target, in no order: a pattern comprehension, or a subquery for clauses and distinct targets. */
  private all(decl: ReadDecl, v: PatternVars, match: string, projection: string): string {
    if (decl.clauses || decl.distinct)
      return `COLLECT { MATCH ${match}${decl.distinct ? ` WITH DISTINCT ${v.to}` : ''} RETURN ${projection} }`;
    return `[${match} | ${projection}]`;
  }

  /** `MATCH … RETURN … ORDER BY … SKIP … LIMIT …`, one row per target when `distinct`. */
  private ordered(
    decl: ReadDecl,
    v: PatternVars,
    match: string,
    projection: string,
    order: string,
    skip: string,
    limit: string,
  ): string {
    const page = ` ORDER BY ${order}${skip ? ` SKIP ${skip}` : ''} LIMIT ${limit}`;
    // Ordered before the projection (RETURN … ORDER BY could resolve a name to the projected
    // map). DISTINCT keeps only `to`, so the order and extras of a distinct relation may use only `to`.
    return `MATCH ${match} WITH ${decl.distinct ? `DISTINCT ${v.to}` : '*'}${page} RETURN ${projection}`;
  }

  /** A Relay connection: the page, one more node when pageInfo is selected (for `hasNextPage`), and, only when selected, the total count. */
  private connection(
    decl: ReadDecl & { cardinality: 'connection' },
    v: PatternVars,
    match: string,
    total: (upTo?: string) => string,
    extra: string | undefined,
    nodes: readonly FieldNode[],
    fieldType: GraphQLOutputType,
    page: Page,
    args: FieldArgs,
  ) {
    const connectionType = getNamedType(fieldType) as GraphQLObjectType;
    const fields = collectSubfields(this.schema, this.fragments, this.variables, connectionType, nodes);
    const edgeNodes = [...fields.values()].flat().filter((n) => n.name.value === 'edges');
    const edgeType = getNamedType(connectionType.getFields().edges.type) as GraphQLObjectType;
    const nodeNodes =
      edgeNodes.length === 0
        ? []
        : [...collectSubfields(this.schema, this.fragments, this.variables, edgeType, edgeNodes).values()]
            .flat()
            .filter((n) => n.name.value === 'node');
    if (decl.bound && decl.distinct)
      throw new Error('A distinct connection keeps only its rows: it binds nothing else.');
    const target = this.project(
      getNamedType(edgeType.getFields().node.type).name,
      v.to,
      nodeNodes,
      extra,
      [],
      decl.bound?.(v),
    );
    const skip = this.intParam(page.offset);
    // One node more than the page tells `hasNextPage`; without pageInfo the page is all that is read.
    const selected = [...fields.values()].flat();
    const limit = this.intParam(page.limit + (selected.some((n) => n.name.value === 'pageInfo') ? 1 : 0));
    const pageBy = (rows: string) =>
      `COLLECT { ${this.ordered(decl, v, rows, target.cypher, decl.order(v), skip, limit)} }`;
    const byIndex = decl.byIndex;
    // A walk of an index that holds only some rows: its rows up to the page's end, then, only
    // when those do not fill it, the others in their order; the page is cut from both.
    const walked = (b: NonNullable<typeof byIndex>) => {
      if (!b.tail) return pageBy(b.match(v, args));
      const end = `${skip} + ${limit}`;
      const part = (rows: string, order: string) =>
        `COLLECT { ${this.ordered(decl, v, rows, target.cypher, order, '', end)} }`;
      const head = `${v.aux}head`;
      return `[${head} IN [${part(b.match(v, args), (b.order ?? decl.order)(v))}] | CASE WHEN size(${head}) < ${end} THEN ${head} + ${part(b.tail.match(v, args), b.tail.order(v))} ELSE ${head} END][0][${skip}..${end}]`;
    };
    // The ways of reading the page, each for its case, the declaration's `match` last: a CASE
    // evaluates only the branch it chooses.
    const ways = [
      ...(byIndex ? [{ when: byIndex.when(v, { skip, limit }), rows: walked(byIndex) }] : []),
      ...(decl.anchors ?? []).map((a) => ({ when: a.when(v), rows: pageBy(a.match(v, args)) })),
    ];
    const rows =
      ways.length > 0
        ? `CASE ${ways.map((w) => `WHEN ${w.when} THEN ${w.rows} `).join('')}ELSE ${pageBy(match)} END`
        : pageBy(match);
    const entries = [`nodes: ${rows}`];
    if (selected.some((n) => n.name.value === 'totalCount')) {
      entries.push(`total: ${total()}`);
    }
    // Each totalCountUpTo by its response key: the count stops one past its bound, which tells
    // whether more match.
    const upTo: Record<string, number> = {};
    for (const [key, countNodes] of fields) {
      if (countNodes[0].name.value !== COUNT_UP_TO) continue;
      upTo[key] = countLimit(this.argumentsOf(connectionType.getFields()[COUNT_UP_TO], countNodes[0]).limit);
    }
    const counted = Object.entries(upTo);
    if (counted.length > 0) {
      entries.push(
        `upTo: {${counted.map(([key, limit]) => `${quote(key)}: ${total(this.intParam(limit + 1))}`).join(', ')}}`,
      );
    }
    return {
      cypher: `{${entries.join(', ')}}`,
      child: { kind: 'connection' as const, shape: target.shape, page, ...(counted.length > 0 ? { upTo } : {}) },
    };
  }

  /** A union: the projection of whichever member type the node's label names, with `__typename`. */
  private projectUnion(
    members: readonly GraphQLObjectType[],
    variable: string,
    fieldNodes: readonly FieldNode[],
  ): Projection {
    const shapes = new Map<string, Shape>();
    const cases = members.map((member) => {
      // Member names are schema identifiers, safe as literals.
      const projection = this.project(member.name, variable, fieldNodes, `__typename: '${member.name}'`);
      shapes.set(member.name, projection.shape);
      return `WHEN ${variable}:${quote(member.name)} THEN ${projection.cypher}`;
    });
    return { cypher: `CASE ${cases.join(' ')} END`, shape: { kind: 'union', members: shapes } };
  }

  /** The coerced arguments of a field node (variables and defaults applied, as graphql-js executes them). */
  argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode): FieldArgs {
    return getArgumentValues(field, node, this.variables);
  }
}
