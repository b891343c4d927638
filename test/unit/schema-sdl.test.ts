import fs from 'node:fs';
import path from 'node:path';
import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { REPO_ROOT } from '../../src/config';
import { buildAppSchema, printAppSchema } from '../../src/schema';

const SDL_FILE = path.join(REPO_ROOT, 'schema', 'schema.graphql');
const EMIT_COMMAND = 'npx tsc -p tsconfig.build.json && node dist/src/graphql/emit-schema-cli.js';

/** The first lines where two texts differ, with two lines of context, for a readable failure. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < Math.max(a.length, b.length) && a[i] === b[i]) i += 1;
  const from = Math.max(0, i - 2);
  const show = (lines: string[]) =>
    lines
      .slice(from, i + 3)
      .map((line, k) => `${String(from + k + 1).padStart(5)}  ${line}`)
      .join('\n');
  return `first difference at line ${i + 1}\n--- committed schema/schema.graphql\n${show(a)}\n+++ schema built from the code\n${show(b)}`;
}

/** Every element of the schema that clients see and that has no description. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const has = (description: string | null | undefined) =>
    typeof description === 'string' && description.trim().length > 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!has(type.description)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!has(field.description)) missing.push(`field ${type.name}.${field.name}`);
        for (const arg of field.args)
          if (!has(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        if (!has(field.description)) missing.push(`input field ${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues())
        if (!has(value.description)) missing.push(`enum value ${type.name}.${value.name}`);
    } else if (isUnionType(type)) {
      // A union has no members of its own to describe; its own description is checked above.
    }
  }
  return missing;
}

describe('the GraphQL schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('is the SDL committed at schema/schema.graphql', () => {
    const built = printAppSchema(schema);
    const committed = fs.existsSync(SDL_FILE) ? fs.readFileSync(SDL_FILE, 'utf8') : '';
    if (built !== committed) {
      throw new Error(
        `schema/schema.graphql is out of date with the code: run \`${EMIT_COMMAND}\` (or npm run schema:emit) and commit it.\n${firstDifference(committed, built)}`,
      );
    }
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing = undocumented(schema);
    if (missing.length > 0)
      throw new Error(`${missing.length} schema elements have no description:\n  ${missing.join('\n  ')}`);
  });

  it('walks the whole schema (the check above is not vacuous)', () => {
    const types = Object.values(schema.getTypeMap()).filter(
      (t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t),
    );
    expect(types.length).toBeGreaterThan(40);
    const query = schema.getQueryType()!;
    const roots = Object.keys(query.getFields()).sort();
    expect(roots).toEqual(
      expect.arrayContaining([
        'compareOutcome',
        'condition',
        'conditions',
        'intervention',
        'interventions',
        'outcomeConcepts',
        'predictorEvidence',
        'predictors',
        'relatedStudies',
        'search',
        'studies',
        'study',
      ]),
    );
    // A schema element without a description is reported, naming it.
    const [first] = types.filter(isObjectType);
    const saved = first.description;
    first.description = '  ';
    try {
      expect(undocumented(schema)).toContain(`type ${first.name}`);
    } finally {
      first.description = saved;
    }
  });
});
