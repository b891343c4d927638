/**
 * The names of the operations of a GraphQL document, in order, read by a small scanner that skips
 * comments, strings and block strings and looks only at the top level (outside braces and
 * parentheses). The page script (playground.ts) uses it to correct a stale operation name; it
 * runs in the browser without graphql-js, which the page does not load on its own.
 */
export function operationNamesOf(text: string): string[] {
  const names: string[] = [];
  const word = /[_A-Za-z][_0-9A-Za-z]*/y;
  let depth = 0;
  let i = 0;
  let pending = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text.startsWith('"""', i)) {
      i += 3;
      while (i < text.length && !text.startsWith('"""', i)) i += text.startsWith('\\"""', i) ? 4 : 1;
      i += 3;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
      pending = false;
      i++;
    } else if (c === '}' || c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
      i++;
    } else {
      word.lastIndex = i;
      const match = word.exec(text);
      if (!match) {
        i++;
        continue;
      }
      if (depth === 0) {
        if (pending) names.push(match[0]);
        pending = !pending && (match[0] === 'query' || match[0] === 'mutation' || match[0] === 'subscription');
      }
      i += match[0].length;
    }
  }
  return names;
}
