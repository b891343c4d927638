import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { ErrorCode } from '../../src/errors';
import { LimitCode } from '../../src/graphql/limits';
import { startTestServer, TestServer } from '../support/server';

// Every argument of the schema, read from the schema as served, is sent out-of-range values
// (negative, zero and huge numbers, a fraction where a percent goes, empty and huge texts, unknown
// keys), one argument at a time, the others valid. Each answer is a clear error (a stable code;
// BAD_USER_INPUT names the argument) or a sensible answer (finite numbers of a sane size), never
// a 5xx or an internal error. A field with arguments on a type the sweep cannot reach fails the
// test, so a new argument is swept as soon as it is in the schema.

jest.setTimeout(600_000);

type Json = any;

/** How the sweep reaches a field of each type that has fields with arguments: `inner` placed inside a selection of a seeded object. */
const ROUTES: Record<string, (inner: string) => string> = {
  Query: (inner) => inner,
  Condition: (inner) => `condition(id: "midgut-net") { ${inner} }`,
  Intervention: (inner) => `intervention(id: "everolimus") { ${inner} }`,
  OutcomeConcept: (inner) =>
    `outcomeConcepts(first: 1, nameContains: "progression-free survival") { edges { node { ${inner} } } }`,
  Predictor: (inner) => `predictorEvidence(predictor: "urinary-5-hiaa", first: 1) { predictor { ${inner} } }`,
  Study: (inner) => `study(id: "promid") { ${inner} }`,
  Outcome: (inner) => `study(id: "promid") { outcomes { ${inner} } }`,
  // Every connection: its totalCountUpTo(limit).
  StudyConnection: (inner) => `studies(first: 1) { ${inner} }`,
  ConditionConnection: (inner) => `conditions(first: 1) { ${inner} }`,
  InterventionConnection: (inner) => `interventions(first: 1) { ${inner} }`,
  OutcomeConceptConnection: (inner) => `outcomeConcepts(first: 1) { ${inner} }`,
  PredictorConnection: (inner) => `predictors(first: 1) { ${inner} }`,
  PredictorFindingConnection: (inner) =>
    `predictorEvidence(predictor: "urinary-5-hiaa", first: 1) { findings { ${inner} } }`,
  OutcomeComparisonRowConnection: (inner) =>
    `compareOutcome(outcomeConcept: "progression-free-survival", first: 1) { ${inner} }`,
  OutcomeConnection: (inner) => `study(id: "promid") { outcomesConnection(first: 1) { ${inner} } }`,
  MeasurementConnection: (inner) =>
    `study(id: "promid") { outcomes { measurementsConnection(first: 1) { ${inner} } } }`,
  ComparisonConnection: (inner) => `study(id: "promid") { outcomes { comparisonsConnection(first: 1) { ${inner} } } }`,
  AdverseEventResultConnection: (inner) => `study(id: "promid") { adverseEventsConnection(first: 1) { ${inner} } }`,
  StudyVersionConnection: (inner) => `study(id: "promid") { versions(first: 1) { ${inner} } }`,
};

/** A valid value of each required argument (by field, then by argument name), written as GraphQL. */
const VALID: Record<string, string> = {
  'compareOutcome.outcomeConcept': '"progression-free-survival"',
  'poolEstimates.outcomeConcept': '"progression-free-survival"',
  'poolEstimates.effectMeasure': 'HAZARD_RATIO',
  'poolEstimates.level': '95',
  'poolEstimates.model': 'RANDOM_DERSIMONIAN_LAIRD',
  'predictorEvidence.predictor': '"urinary-5-hiaa"',
  'condition.id': '"midgut-net"',
  'intervention.id': '"everolimus"',
  'study.id': '"promid"',
  'relatedStudies.id': '"promid"',
  'search.query': '"octreotide"',
  first: '5',
  includeNarrower: 'true',
};

/** The operations that write are swept where their arguments are checked before any write: not here (they need the API key; test/integration/mutations.int.test.ts). */
const SWEPT_ROOTS = ['Query'];

const HUGE_TEXT = 'x'.repeat(20_000);
/** Out-of-range values per scalar type, sent as the variable $v (so that a huge text reaches the resolver, not the query-length limit). */
const BAD: Record<string, unknown[]> = {
  Int: [-1, 0, 2147483647, -2147483648],
  Float: [-1, 0, 0.95, 1e-9, 1e9, 1e300],
  String: ['', '   ', HUGE_TEXT, "') DETACH DELETE n //"],
  ID: ['', 'no-such-key', HUGE_TEXT],
};

/** The codes a refusal may carry: each names what the client did wrong. */
const CLEAR_CODES: string[] = [
  ErrorCode.BAD_USER_INPUT,
  'GRAPHQL_VALIDATION_FAILED',
  ErrorCode.NOT_FOUND,
  ErrorCode.TOO_FEW_COMPARISONS,
  ...Object.values(LimitCode),
];

interface Case {
  /** Type.field(argument[.leaf]) = value */
  name: string;
  /** The argument (or input field) swept, which a BAD_USER_INPUT message names. */
  argument: string;
  query: string;
  variables: { v: unknown };
}

/** The scalar leaves of each input object (path from the argument), for one-at-a-time sweeping. */
function leavesOf(
  type: GraphQLInputType,
  path: string[] = [],
): { path: string[]; scalar: string; list: boolean; type: GraphQLInputType }[] {
  const named = getNamedType(type);
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  if (isInputObjectType(named))
    return Object.values(named.getFields()).flatMap((f) => leavesOf(f.type, [...path, f.name]));
  if (isScalarType(named) && BAD[named.name]) return [{ path, scalar: named.name, list, type }];
  return [];
}

/** A valid literal for a required input-object field (its default when it has one, else a value of its type). */
function requiredInputLiteral(type: GraphQLInputType): string | null {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].name;
  if (named.name === 'Boolean') return 'true';
  if (named.name === 'Float' || named.name === 'Int') return '1';
  return null;
}

/** An input object literal with `leaf` set to `value`, and every other required field valid. */
function inputLiteral(type: GraphQLInputType, leaf: string[], value: string): string {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || leaf.length === 0) return value;
  const parts: string[] = [];
  for (const f of Object.values(named.getFields())) {
    if (f.name === leaf[0]) parts.push(`${f.name}: ${inputLiteral(f.type, leaf.slice(1), value)}`);
    else if (isNonNullType(f.type) && f.defaultValue === undefined)
      parts.push(`${f.name}: ${requiredInputLiteral(f.type)}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/** The scalar fields without arguments of the returned type: what the answer's numbers are read from. */
function selectionOf(type: GraphQLNamedType): string {
  if (!isObjectType(type)) return '';
  const scalars = Object.values(type.getFields())
    .filter((f) => f.args.length === 0 && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))))
    .map((f) => f.name);
  const nested = Object.values(type.getFields())
    .filter(
      (f) =>
        f.args.length === 0 &&
        isObjectType(getNamedType(f.type)) &&
        ['edges', 'node', 'pageInfo', 'estimate', 'ci', 'heterogeneity'].includes(f.name),
    )
    .map((f) => `${f.name} { ${selectionOf(getNamedType(f.type)) || '__typename'} }`);
  return ['__typename', ...scalars, ...nested].join(' ');
}

function casesOf(schema: GraphQLSchema): { cases: Case[]; unreachable: string[] } {
  const cases: Case[] = [];
  const unreachable: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    // The subscription runs over the WebSocket only: test/integration/changes.int.test.ts sends its arguments bad values there.
    if (type === schema.getSubscriptionType()) continue;
    if (type === schema.getMutationType() || (type.name === 'Query' && !SWEPT_ROOTS.includes('Query'))) continue;
    for (const field of Object.values(type.getFields()).filter((f) => f.args.length > 0)) {
      const route = ROUTES[type.name];
      if (!route) {
        unreachable.push(`${type.name}.${field.name}`);
        continue;
      }
      for (const arg of field.args) {
        for (const leaf of leavesOf(arg.type)) {
          const values: unknown[] = BAD[leaf.scalar].map((v) => (leaf.list ? [v] : v));
          if (leaf.list) values.push([]);
          for (const value of values) {
            const args = argumentsOf(field, arg, inputLiteral(arg.type, leaf.path, '$v'));
            if (args === null) continue;
            const inner = `${field.name}(${args}) { ${selectionOf(getNamedType(field.type))} }`;
            const swept = [arg.name, ...leaf.path].join('.');
            const shown = JSON.stringify(value);
            cases.push({
              name: `${type.name}.${field.name}(${swept}: ${shown.length > 40 ? `${shown.slice(0, 20)}…(${shown.length} chars)` : shown})`,
              argument: leaf.path.at(-1) ?? arg.name,
              query: `query Sweep($v: ${leaf.type.toString()}) { ${route(inner)} }`,
              variables: { v: value },
            });
          }
        }
      }
    }
  }
  return { cases, unreachable };
}

/** The field's arguments as GraphQL: `swept` set to `literal`, the other required ones valid; null when one has no known valid value. */
function argumentsOf(field: GraphQLField<unknown, unknown>, swept: GraphQLArgument, literal: string): string | null {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (arg === swept) parts.push(`${arg.name}: ${literal}`);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      const valid = VALID[`${field.name}.${arg.name}`] ?? VALID[arg.name];
      if (valid === undefined) return null;
      parts.push(`${arg.name}: ${valid}`);
    }
  }
  return parts.join(', ');
}

/** Every number in an answer, with its path. */
function numbersIn(value: Json, path = '$'): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => numbersIn(v, `${path}.${k}`));
  return [];
}

let server: TestServer;
let schema: GraphQLSchema;
beforeAll(async () => {
  server = await startTestServer();
  const { body } = await server.graphql(getIntrospectionQuery());
  schema = buildClientSchema(body.data);
});
afterAll(async () => {
  await server?.close();
});

describe('every argument of the schema, swept with out-of-range values', () => {
  it('reaches every field that takes arguments', () => {
    const { cases, unreachable } = casesOf(schema);
    expect(unreachable).toEqual([]);
    // The sweep is not empty: levels, years, time points, page sizes, keys and texts are in it.
    for (const name of [
      'poolEstimates(level: 0.95)',
      'studies(where.yearFrom: -1)',
      'compareOutcome(timePoint.value: -1)',
      'studies(first: -1)',
      'search(query: "")',
      'StudyConnection.totalCountUpTo(limit: 0)',
      'StudyVersionConnection.totalCountUpTo(limit: 2147483647)',
    ]) {
      expect(cases.map((c) => c.name)).toContainEqual(expect.stringContaining(name));
    }
  });

  it('answers each with a clear error or a sensible answer, never a 5xx, an internal error or a nonsense number', async () => {
    const { cases } = casesOf(schema);
    const problems: string[] = [];
    for (const c of cases) {
      const { status, body } = await server.graphql(c.query, c.variables);
      const errors: Json[] = body?.errors ?? [];
      if (status >= 500) problems.push(`${c.name}: HTTP ${status}`);
      for (const e of errors) {
        const code = e.extensions?.code;
        if (!CLEAR_CODES.includes(code))
          problems.push(`${c.name}: ${code ?? 'no code'} "${String(e.message).slice(0, 160)}"`);
        else if (code === 'BAD_USER_INPUT' && !String(e.message).includes(c.argument))
          problems.push(
            `${c.name}: BAD_USER_INPUT that does not name "${c.argument}": "${String(e.message).slice(0, 160)}"`,
          );
      }
      for (const [path, n] of numbersIn(body?.data ?? null)) {
        if (!Number.isFinite(n) || Math.abs(n) > 1e9) problems.push(`${c.name}: ${path} = ${n}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
