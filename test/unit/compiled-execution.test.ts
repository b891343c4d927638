import {
  getOperationAST,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  parse,
  Source,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { asGraphQLJsError, externalVariables, positionOf } from '../../src/graphql/compiled-execution';

// An enum whose internal values differ from its names (only names are input), an input object
// with non-null fields that have defaults, and a scalar whose values are objects.
const Direction = new GraphQLEnumType({ name: 'Direction', values: { ASC: { value: 0 }, DESC: { value: 1 } } });
const Sort = new GraphQLInputObjectType({
  name: 'Sort',
  fields: {
    field: { type: new GraphQLNonNull(GraphQLString) },
    direction: { type: new GraphQLNonNull(Direction), defaultValue: 0 },
    narrower: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: true },
  },
});
const JSONObject = new GraphQLScalarType({
  name: 'JSONObject',
  parseValue: (value) => value,
  serialize: (value) => value,
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      list: { type: new GraphQLList(GraphQLString), args: { sort: { type: Sort }, n: { type: GraphQLInt } } },
      raw: { type: GraphQLString, args: { doc: { type: JSONObject } } },
    },
  }),
});

function coercedThenExternal(query: string, inputs: Record<string, unknown>) {
  const operation = getOperationAST(parse(query))!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (coerced.errors) throw coerced.errors[0];
  return { coerced: coerced.coerced, external: externalVariables(schema, operation, coerced.coerced) };
}

describe('externalVariables', () => {
  it('writes coerced values back as input: enum names, the defaults of omitted fields filled in', () => {
    const { coerced, external } = coercedThenExternal('query($s: Sort, $n: Int) { list(sort: $s, n: $n) }', {
      s: { field: 'year', direction: 'DESC' },
      n: 3,
    });
    expect(coerced).toEqual({ s: { field: 'year', direction: 1, narrower: true }, n: 3 });
    expect(external).toEqual({ s: { field: 'year', direction: 'DESC', narrower: true }, n: 3 });
  });

  it('keeps an explicit null and leaves out a variable that was not given', () => {
    expect(coercedThenExternal('query($s: Sort, $n: Int) { list(sort: $s, n: $n) }', { s: null }).external).toEqual({
      s: null,
    });
  });

  it('gives undefined for a value with no input form (a JSON object scalar), so that graphql-js runs the operation', () => {
    expect(coercedThenExternal('query($d: JSONObject) { raw(doc: $d) }', { d: { a: 1 } }).external).toBeUndefined();
  });
});

describe('positionOf', () => {
  it('counts lines ending in \\n, \\r\\n or \\r, as graphql-js does', () => {
    const body = 'a\nbc\r\ndef\rg';
    expect(positionOf(body, 1, 1)).toBe(0);
    expect(positionOf(body, 2, 2)).toBe(3);
    expect(positionOf(body, 3, 3)).toBe(8);
    expect(positionOf(body, 4, 1)).toBe(10);
  });
});

describe('asGraphQLJsError', () => {
  it('keeps message, path, code and original error, and gives the same locations', () => {
    const source = new Source('{\n  list(n: 1)\n}');
    const original = new Error('boom');
    const jitLike = Object.defineProperties(Object.create(GraphQLError.prototype), {
      message: { value: 'boom', enumerable: true },
      locations: { value: [{ line: 2, column: 3 }], enumerable: true },
      path: { value: ['list'], enumerable: true },
      originalError: { value: original },
      extensions: { value: undefined },
    }) as GraphQLError;
    const error = asGraphQLJsError(jitLike, source);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.toJSON()).toEqual({ message: 'boom', locations: [{ line: 2, column: 3 }], path: ['list'] });
    expect(error.originalError).toBe(original);
    expect(error.extensions).toEqual({});
    error.message = 'masked'; // a plugin may rewrite it
    expect(error.message).toBe('masked');
  });
});
