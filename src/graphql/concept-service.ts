import { GraphQLResolveInfo } from 'graphql';
import { badInput } from '../errors';
import { ConceptLabel, ConceptsArgs } from './concept-args';
import { Context } from './context';
import { readConnection } from './translate/read';

/** One page of a concept list, by name, optionally filtered by a text in the name or a synonym: one round trip. */
export async function findConcepts(ctx: Context, info: GraphQLResolveInfo, label: ConceptLabel, args: ConceptsArgs) {
  const text = args.nameContains?.trim().toLowerCase() || null;
  if (text !== null && text.length > 200) throw badInput('nameContains', 'must be at most 200 characters.');
  const { connection } = await readConnection(ctx, info, (stmt) => ({
    decl: {
      cardinality: 'connection',
      // `label` is one of the four concept labels (a type, never request text).
      match: ({ to }) => {
        if (text === null) return `(${to}:${label})`;
        const t = stmt.param(text);
        return `(${to}:${label}) WHERE toLower(${to}.name) CONTAINS ${t} OR any(s IN ${to}.synonyms WHERE toLower(s) CONTAINS ${t})`;
      },
      order: ({ to }) => `toLower(${to}.name), ${to}.id`,
    },
    args: { first: args.first, after: args.after },
  }));
  return connection;
}
