import { GraphQLResolveInfo } from 'graphql';
import { Args, ClassType, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { projected } from './materialize';
import { declaredClasses, RelationDecl } from './model';

/**
 * The GraphQL fields of the declared relations, made from their declarations
 * (src/<concept>/<concept>.fields.ts): one type-graphql resolver class per declared type, with a
 * field resolver per relation carrying the declaration's type, nullability, description and
 * arguments, as a hand-written `@FieldResolver` would. The composition root (src/schema.ts)
 * passes them to buildSchema beside the hand-written resolvers of the root fields.
 *
 * Each resolver returns what the root field's statement projected (`projected`); the built
 * schema then gives every relation field that plain resolver directly (`bindFieldResolvers`),
 * without type-graphql's wrapping.
 */
let made: ClassType[] | null = null;

/** The resolver classes of every declared type with relations; made once (type-graphql keeps their metadata for the process). */
export function relationResolvers(): ClassType[] {
  made ??= declaredClasses()
    .filter(([, decl]) => decl.relations !== undefined && Object.keys(decl.relations).length > 0)
    .map(([objectType, decl]) => resolverOf(objectType, decl.relations!));
  return made;
}

function resolverOf(objectType: ClassType, relations: Record<string, RelationDecl>): ClassType {
  const name = `${objectType.name}Relations`;
  // A class of that name, so that type-graphql's messages name it.
  const resolver = { [name]: class {} }[name];
  for (const [field, decl] of Object.entries(relations)) {
    Object.defineProperty(resolver.prototype, field, {
      value: (root: object, info: GraphQLResolveInfo) => projected(root, info),
      writable: true,
      configurable: true,
    });
    Root()(resolver.prototype, field, 0);
    Info()(resolver.prototype, field, 1);
    // Read by the translator from the selection; declared for the schema.
    if (decl.args) Args(() => decl.args!)(resolver.prototype, field, 2);
    const options = { description: decl.description, ...(decl.nullable ? { nullable: true } : {}) };
    FieldResolver(decl.returns as Parameters<typeof FieldResolver>[0] & (() => unknown), options)(
      resolver.prototype,
      field,
      Object.getOwnPropertyDescriptor(resolver.prototype, field)!,
    );
  }
  Resolver(() => objectType)(resolver);
  return resolver;
}
