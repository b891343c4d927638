import { matchedFields } from '../../src/search/search.resolver';
import { MAX_SEARCH_TERMS, queryWords, toLuceneQuery } from '../../src/search/search.query';

describe('toLuceneQuery', () => {
  it('searches each word as itself or, from 3 characters, as a prefix', () => {
    expect(toLuceneQuery('octreo')).toBe('(octreo OR octreo*)');
    expect(toLuceneQuery('NET lu')).toBe('(NET OR NET*) lu');
  });

  it('makes the operator words plain words', () => {
    // Lower-case "or" is a plain word to Lucene; only the generated upper-case OR is an operator.
    expect(toLuceneQuery('AND OR NOT TO')).toBe('(and OR and*) or (not OR not*) to');
    expect(toLuceneQuery('x OR y')).toBe('x or y');
  });

  it('escapes every special character, so user text is never query syntax', () => {
    expect(toLuceneQuery('"unbalanced')).toBe('(\\"unbalanced OR \\"unbalanced*)');
    expect(toLuceneQuery('*~(AND')).toBe('(\\*\\~\\(AND OR \\*\\~\\(AND*)');
    // The length that decides on a prefix is that of the escaped term.
    expect(toLuceneQuery('[x TO y]')).toBe('(\\[x OR \\[x*) to (y\\] OR y\\]*)');
    expect(toLuceneQuery('a\\b')).toBe('(a\\\\b OR a\\\\b*)');
    expect(toLuceneQuery('title:x')).toBe('(title\\:x OR title\\:x*)');
  });

  it('drops control characters, terms that are only syntax, and terms beyond the limit', () => {
    expect(toLuceneQuery('a\u0000b')).toBe('a b');
    expect(toLuceneQuery('\\ * ? "')).toBeNull();
    expect(toLuceneQuery('   ')).toBeNull();
    expect(toLuceneQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))!.split(/ (?![^(]*\))/)).toHaveLength(
      MAX_SEARCH_TERMS,
    );
  });
});

describe('matchedFields', () => {
  const netter1 = { acronym: 'NETTER-1', title: 'Phase 3 Trial of 177Lu-Dotatate for Midgut Neuroendocrine Tumors' };
  const radiant4 = {
    acronym: 'RADIANT-4',
    title:
      'Everolimus for the treatment of advanced, non-functional neuroendocrine tumours of the lung or gastrointestinal tract (RADIANT-4): a randomised, placebo-controlled, phase 3 study',
  };
  const octreotide = {
    name: 'Octreotide LAR',
    synonyms: ['octreotide long-acting repeatable', 'long-acting octreotide', 'octreotide'],
  };

  it('names the fields holding a word of the query, any case', () => {
    expect(matchedFields(netter1, queryWords('NETTER'))).toEqual(['acronym']);
    expect(matchedFields(octreotide, queryWords('Octreotide'))).toEqual(['name', 'synonyms']);
    expect(matchedFields(octreotide, queryWords('repeatable'))).toEqual(['synonyms']);
  });

  it('counts a word starting with a query word of 3 characters or more (prefix search)', () => {
    expect(matchedFields(octreotide, queryWords('octreo'))).toEqual(['name', 'synonyms']);
    expect(matchedFields(netter1, queryWords('dotat'))).toEqual(['title']);
  });

  it('matches whole words, not letters inside other words', () => {
    // "a" is a word of the RADIANT-4 title, but only a letter of its acronym.
    expect(matchedFields(radiant4, queryWords('a'))).toEqual(['title']);
    // "1" is the number of NETTER-1, not a word of its title ("177Lu" only contains it).
    expect(matchedFields(netter1, queryWords('netter 1'))).toEqual(['acronym']);
    // Short words are not prefixes: "lu" is not "lung".
    expect(matchedFields(radiant4, queryWords('lu'))).toEqual([]);
    expect(matchedFields(octreotide, queryWords('treotide'))).toEqual([]);
  });

  it('ignores missing fields', () => {
    expect(matchedFields({ title: null, synonyms: [] }, queryWords('anything'))).toEqual([]);
  });
});
