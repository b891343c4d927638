/** Lucene's special characters; each is escaped with a backslash in user text. */
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'TO']);
export const MAX_SEARCH_LENGTH = 200;
export const MAX_SEARCH_TERMS = 12;

/**
 * Turns user text into a safe full-text query: every Lucene special character is escaped,
 * the operator words (AND, OR, NOT, TO) are lower-cased so they are plain words, control
 * characters are dropped, and each term is searched as itself or as a prefix (`term*`).
 * Returns null when nothing searchable is left.
 */
export function toLuceneQuery(text: string): string | null {
  const terms = text
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .split(/\s+/)
    .map((t) => (OPERATORS.has(t) ? t.toLowerCase() : t))
    .map((t) => t.replace(SPECIAL, (c) => `\\${c}`))
    // A term made only of escaped characters matches nothing useful.
    .filter((t) => t.replace(/\\./g, '').length > 0)
    .slice(0, MAX_SEARCH_TERMS);
  if (terms.length === 0) return null;
  return terms.map((t) => (t.length >= 3 ? `(${t} OR ${t}*)` : t)).join(' ');
}

/** The plain words of the query, lower-cased, for telling which fields matched. */
export function queryWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
