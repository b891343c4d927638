import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { getNamedType, GraphQLObjectType, GraphQLSchema, isListType, isNonNullType } from 'graphql';
import { isRelationField } from '../../src/graphql/translate/materialize';
import { declaredClasses, declareType } from '../../src/graphql/translate/model';
import { arrow, nodeOf, path as pathOf } from '../../src/graphql/translate/pattern';
import { Hop, inbound, NODES, outbound, RELATIONSHIPS } from '../../src/model/graph';
import { buildAppSchema } from '../../src/schema';
import { NODE_LABELS, OWNED_LABELS, REL_SHAPES } from '../../src/seeds/seed.plan';

// Each relation field is declared once, in its type's *.fields.ts: these tests hold the schema,
// the translator's patterns and the loader's shapes to that one declaration.

describe('a relation declared once', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('every declared relation is the field of its type, with the declared description, nullability and arguments, read from the projection', () => {
    let fields = 0;
    for (const [objectType, decl] of declaredClasses()) {
      const type = schema.getType(objectType.name) as GraphQLObjectType;
      expect(type).toBeInstanceOf(GraphQLObjectType);
      for (const [name, relation] of Object.entries(decl.relations ?? {})) {
        const field = type.getFields()[name];
        expect({ field: `${type.name}.${name}`, description: field?.description }).toEqual({
          field: `${type.name}.${name}`,
          description: relation.description,
        });
        expect(isNonNullType(field.type)).toBe(!relation.nullable);
        // A list field is a GraphQL list exactly when its declaration reads a list.
        const declared = relation.returns();
        expect(isListType(isNonNullType(field.type) ? field.type.ofType : field.type)).toBe(Array.isArray(declared));
        expect(getNamedType(field.type).name).toBe((Array.isArray(declared) ? declared[0] : declared).name);
        expect(field.args.length > 0).toBe(relation.args !== undefined);
        expect(isRelationField(field)).toBe(true);
        fields += 1;
      }
    }
    expect(fields).toBeGreaterThan(80);
  });

  it('no resolver class repeats a relation field: the only @FieldResolver is the one that makes them from the declarations', () => {
    const src = path.join(__dirname, '../../src');
    const withFieldResolvers = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) return withFieldResolvers(file);
        return e.name.endsWith('.ts') && /@FieldResolver\(|\bFieldResolver\(/.test(fs.readFileSync(file, 'utf8'))
          ? [path.relative(src, file)]
          : [];
      });
    expect(withFieldResolvers(src)).toEqual([path.join('graphql', 'translate', 'fields.ts')]);
  });
});

describe('patterns derived from the graph model', () => {
  it('writes a step, a chain of steps and the arrows of a pattern builder from relationships of the model', () => {
    // Labels only where the relationship type does not say them.
    expect(pathOf([outbound('Study', 'HAS_ARM', 'Arm')], 'this', 'this1')).toBe('(this)-[:HAS_ARM]->(this1)');
    expect(
      pathOf(
        [inbound('Measurement', 'HAS_MEASUREMENT', 'Outcome'), inbound('Outcome', 'HAS_OUTCOME', 'Study')],
        'm',
        's',
      ),
    ).toBe('(m)<-[:HAS_MEASUREMENT]-()<-[:HAS_OUTCOME]-(s)');
    expect(pathOf([outbound('Comparison', 'COMPARES', 'ResultGroup')], 'c', 'g', 'r')).toBe('(c)-[r:COMPARES]->(g)');
    // OF_ARM reaches an arm from measurements, adverse-event results and result groups: from the arm, the label says which.
    expect(pathOf([inbound('Arm', 'OF_ARM', 'Measurement')], 'a', 'm')).toBe('(a)<-[:OF_ARM]-(m:Measurement)');
    expect(pathOf([outbound('Condition', 'IS_A', 'Condition')], 'c', 'b')).toBe('(c)-[:IS_A]->(b)');
    const isA = outbound('Condition', 'IS_A', 'Condition');
    expect(`(c)${arrow(isA, { length: '*1..' })}${nodeOf(isA, 'a')}`).toBe('(c)-[:IS_A*1..]->(a:Condition)');
    expect(arrow([inbound('Arm', 'TREATMENT_ARM', 'Comparison'), inbound('Arm', 'REFERENCE_ARM', 'Comparison')])).toBe(
      '<-[:TREATMENT_ARM|REFERENCE_ARM]-',
    );
  });

  it('says whether a step reaches one node, from the cardinality of its relationship', () => {
    expect(outbound('Measurement', 'OF_ARM', 'Arm').single).toBe(true);
    expect(inbound('Arm', 'HAS_ARM', 'Study').single).toBe(true);
    expect(outbound('Study', 'HAS_ARM', 'Arm').single).toBe(false);
    expect(outbound('Arm', 'RECEIVES', 'Intervention').single).toBe(false);
  });

  it('refuses at load a field of one target over a step that reaches several, and a chain that does not join', () => {
    const many = outbound('Study', 'HAS_ARM', 'Arm') as unknown as Hop & { single: true };
    expect(() =>
      declareType('RelationsTestOne', {
        map: () => ({}),
        relations: { arm: { returns: () => String, description: 'x', cardinality: 'one', follow: many } },
      }),
    ).toThrow('RelationsTestOne.arm is one target, but (:Study)-[:HAS_ARM]- reaches several.');
    const broken = [outbound('Study', 'HAS_ARM', 'Arm'), outbound('Outcome', 'MEASURES', 'OutcomeConcept')];
    expect(() =>
      declareType('RelationsTestChain', {
        map: () => ({}),
        relations: { c: { returns: () => [String], description: 'x', cardinality: 'list', max: 1, follow: broken } },
      }),
    ).toThrow('RelationsTestChain.c: step 2 starts at Outcome, not where step 1 ends (Arm).');
  });

  it('is what the loader writes: its labels, owned labels and relationship shapes', () => {
    expect(NODE_LABELS).toEqual(Object.keys(NODES));
    expect([...OWNED_LABELS]).toEqual(
      Object.entries(NODES)
        .filter(([, n]) => n.owned)
        .map(([label]) => label),
    );
    expect(REL_SHAPES.map(([type, from, to]) => ({ type, from, to }))).toEqual(
      RELATIONSHIPS.map(({ type, from, to }) => ({ type, from, to })),
    );
  });
});
