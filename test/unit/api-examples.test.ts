import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { REPO_ROOT } from '../../src/config';
import { buildAppSchema } from '../../src/schema';
import { exampleTabs } from '../../src/playground/example-tabs';

const EXAMPLES_FILE = path.join(REPO_ROOT, 'schema', 'examples.graphql');

/** The operations that the issue asks the examples to show. */
const REQUIRED = ['SeedTrialResults', 'SeedRelatedTrials', 'PfsAcrossTrials', 'Hiaa5Evidence'];

describe('schema/examples.graphql', () => {
  let schema: GraphQLSchema;
  let text: string;
  let document: DocumentNode;
  let operations: OperationDefinitionNode[];

  beforeAll(async () => {
    schema = await buildAppSchema();
    text = fs.readFileSync(EXAMPLES_FILE, 'utf8');
    document = parse(text);
    operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  });

  it('holds the required operations and a few more, each named once', () => {
    const names = operations.map((op) => op.name?.value);
    expect(names).not.toContain(undefined);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(REQUIRED));
    expect(names.length).toBeGreaterThanOrEqual(REQUIRED.length + 2);
    expect(names).toEqual(expect.arrayContaining(['MidgutTrials', 'SearchOctreotide']));
  });

  it('opens on the seed trial: the playground shows the first operation first', () => {
    expect(operations[0].name?.value).toBe('SeedTrialResults');
  });

  it('is valid against the schema the server builds, as a whole', () => {
    const errors = validate(schema, document);
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('is valid tab by tab, as the playground splits it (each operation with the fragments it uses)', () => {
    const tabs = exampleTabs(text);
    expect(tabs.map((tab) => tab.operationName)).toEqual(operations.map((op) => op.name?.value));
    for (const tab of tabs) {
      const errors = validate(schema, parse(tab.query));
      expect({ tab: tab.operationName, errors: errors.map((e) => e.message) }).toEqual({
        tab: tab.operationName,
        errors: [],
      });
    }
  });

  it('runs without variables: every variable has a default or is nullable', () => {
    for (const op of operations) {
      for (const v of op.variableDefinitions ?? []) {
        const runnable = v.defaultValue !== undefined || v.type.kind !== Kind.NON_NULL_TYPE;
        expect({ operation: op.name?.value, variable: v.variable.name.value, runnable }).toEqual({
          operation: op.name?.value,
          variable: v.variable.name.value,
          runnable: true,
        });
      }
    }
  });

  it('puts a comment line right above each operation', () => {
    const lines = text.split('\n');
    for (const op of operations) {
      const line = op.loc!.startToken.line; // 1-based
      expect({ operation: op.name?.value, above: lines[line - 2]?.trim().startsWith('#') }).toEqual({
        operation: op.name?.value,
        above: true,
      });
    }
  });

  it('asks the seed trial for what the issue names: arms, interventions, measurements, p-values, findings, adverse events, quotes and documents', () => {
    const seed = exampleTabs(text).find((tab) => tab.operationName === 'SeedTrialResults')!.query;
    for (const field of [
      'randomized',
      'interventions',
      'measurements',
      'comparisons',
      'p {',
      'predictorFindings',
      'adverseEvents',
      'quote',
      'document',
    ]) {
      expect(seed).toContain(field);
    }
    expect(seed).toContain('"hae-vs-hace-midgut"');
  });
});
