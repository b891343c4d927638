import { int } from 'neo4j-driver';
import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { badInput } from '../errors';
import { Context } from '../graphql/context';
import { DEFAULT_PAGE_SIZE, toPage } from '../graphql/pagination';
import { materialize } from '../graphql/translate/materialize';
import { planFor } from '../graphql/translate/read';
import { Statement } from '../graphql/translate/translate';
import { MAX_SEARCH_LENGTH, queryWords, toLuceneQuery } from './search.query';
import { SEARCH } from './search.repository';
import { SearchHit, SearchKind } from './search.type';

type Row = Record<string, unknown>;

const SEARCHED_FIELDS = ['title', 'acronym', 'name', 'synonyms'] as const;

/**
 * Names the searched fields of `row` that hold one of the query `words` as a word, or, for
 * query words of 3 characters or more (searched as prefixes, see toLuceneQuery), a word that
 * starts with it. Whole words, not substrings: "a" does not match the acronym "RADIANT-4".
 */
export function matchedFields(row: Row, words: string[]): string[] {
  return SEARCHED_FIELDS.filter((field) => {
    const value = row[field];
    const fieldWords = queryWords(Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '');
    return fieldWords.some((fw) => words.some((w) => fw === w || (w.length >= 3 && fw.startsWith(w))));
  });
}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      'Full-text search over study titles and acronyms, interventions, conditions, outcomes and predictors (names and synonyms), best match first. Any text is accepted: full-text syntax in it is treated as plain characters.',
  })
  async search(
    @Arg('query', {
      description: `Words to look for (at most ${MAX_SEARCH_LENGTH} characters); prefixes match too ("octreo" finds octreotide).`,
    })
    query: string,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: 'Number of hits, 1 to 100.' })
    first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SearchHit[]> {
    const { limit } = toPage(first, null);
    if (query.length > MAX_SEARCH_LENGTH)
      throw badInput('query', `must be at most ${MAX_SEARCH_LENGTH} characters (got ${query.length}).`);
    const lucene = toLuceneQuery(query);
    if (lucene === null) throw badInput('query', 'contains no word to search for.');
    // The statement depends on the selection only: the words and the page size are parameters.
    const plan = planFor(info, ['query', 'first'], () => {
      const stmt = new Statement(info);
      stmt.bind('query', null);
      stmt.bind('limit', null);
      const node = stmt.project('SearchResult', 'node', stmt.subfieldNodes('SearchHit', info.fieldNodes, 'node'));
      // The searched fields are read only when matchedFields is asked for (names and synonyms of every hit).
      const withMatches = stmt.subfieldNodes('SearchHit', info.fieldNodes, 'matchedFields').length > 0;
      const searched = withMatches ? `searched: node {${SEARCHED_FIELDS.map((f) => `.${f}`).join(', ')}}, ` : '';
      return {
        cypher: `${SEARCH}\nRETURN collect({kind: kind, score: score, ${searched}node: ${node.cypher}}) AS hits`,
        params: stmt.params,
        shape: node.shape,
        withMatches,
      };
    });
    const [row] = await ctx.executor.read(
      plan.cypher,
      { ...plan.params, query: lucene, limit: int(limit) },
      ctx.counter,
    );
    const words = plan.withMatches ? queryWords(query) : [];
    return (row!.hits as { kind: SearchKind; score: number; searched?: Row; node: Row }[]).map((hit) => ({
      kind: hit.kind,
      score: hit.score,
      matchedFields: hit.searched ? matchedFields(hit.searched, words) : [],
      node: materialize(plan.shape, hit.node) as never,
    }));
  }
}
