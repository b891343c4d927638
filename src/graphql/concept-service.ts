import { Context } from './context';
import { ConceptsArgs } from './concept-args';
import { Page, toConnection, toPage } from './pagination';
import { PagedResult } from './batch';
import { badInput } from '../errors';

type Row = Record<string, unknown>;

/** Reads one page of a concept list (one round trip). */
export async function findConcepts<T>(ctx: Context, cypher: string, args: ConceptsArgs, map: (row: Row) => T) {
  const page = toPage(args.first, args.after);
  const text = args.nameContains?.trim().toLowerCase() || null;
  if (text !== null && text.length > 200) throw badInput('nameContains', 'must be at most 200 characters.');
  const [row] = await ctx.executor.read<{ total: number; nodes: Row[] }>(cypher, { text, offset: page.offset, limit: page.limit }, ctx.counter);
  return toConnection(row.nodes.map(map), row.total, page);
}

/** Turns a page loaded by a paged loader into a connection. */
export function pagedConnection<T>(result: PagedResult<T>, page: Page) {
  return toConnection(result.nodes, result.total, page);
}
