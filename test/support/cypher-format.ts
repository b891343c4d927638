/**
 * Cypher laid out for review, for the translator's snapshots only (the statements sent to Neo4j
 * are never formatted): each clause (MATCH, OPTIONAL MATCH, WITH, CALL, RETURN, ORDER BY,
 * UNWIND, WHERE, UNION) of a statement or subquery on a line of its own, each subquery
 * (COLLECT, COUNT, EXISTS, CALL { … }) longer than a short pattern indented on lines of its own,
 * and each relation entry of a map projection (`` `@arms`: … ``) on its own line. Only
 * whitespace outside quotes changes, which `formatCypher` checks.
 */

const CLAUSES = ['OPTIONAL MATCH', 'MATCH', 'WITH', 'CALL', 'RETURN', 'ORDER BY', 'UNWIND', 'WHERE', 'UNION'];
/** A subquery this short (characters between its braces) stays on its line: `EXISTS { (a)-[:X]->(b) }`. */
const INLINE = 60;
const INDENT = '  ';

type Open = { kind: 'sub' | 'map' | 'other'; close: number };

/** For each opening bracket outside quotes, the index of its closing one. */
function matches(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      i = text.indexOf(c, i + 1);
      if (i < 0) throw new Error('Unterminated quote in Cypher.');
    } else if (c === '{' || c === '[' || c === '(') stack.push(i);
    else if (c === '}' || c === ']' || c === ')') pairs.set(stack.pop()!, i);
  }
  return pairs;
}

const isWordBoundary = (text: string, i: number) => i < 0 || i >= text.length || !/[A-Za-z0-9_$]/.test(text[i]);

/** The clause keyword starting at `i`, if any (not `WITH` of `STARTS WITH`/`ENDS WITH`). */
function clauseAt(text: string, i: number): string | undefined {
  if (!isWordBoundary(text, i - 1)) return undefined;
  const keyword = CLAUSES.find((k) => text.startsWith(k, i) && isWordBoundary(text, i + k.length));
  if (keyword === 'WITH' && /(STARTS|ENDS)\s+$/.test(text.slice(Math.max(0, i - 8), i))) return undefined;
  return keyword;
}

/** `cypher` laid out on indented lines; throws if anything but whitespace would change. */
export function formatCypher(cypher: string): string {
  const pairs = matches(cypher);
  const lines: string[] = [];
  let line = '';
  const stack: Open[] = [];
  const depth = () => stack.filter((o) => o.kind !== 'other').length;
  const breakLine = () => {
    if (line.trim() !== '') lines.push(INDENT.repeat(lineDepth) + line.trim());
    line = '';
    lineDepth = depth();
  };
  let lineDepth = 0;
  for (let i = 0; i < cypher.length; i += 1) {
    const c = cypher[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = cypher.indexOf(c, i + 1);
      // A relation entry of a map projection starts a line.
      if (c === '`' && cypher[i + 1] === '@' && stack[stack.length - 1]?.kind === 'map') breakLine();
      line += cypher.slice(i, end + 1);
      i = end;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined || top.kind === 'sub') {
      const clause = clauseAt(cypher, i);
      if (clause) breakLine();
    }
    if (c === '{') {
      const close = pairs.get(i)!;
      const sub = /(COLLECT|COUNT|EXISTS|CALL)\s*(\([^()]*\))?\s*$/.test(cypher.slice(Math.max(0, i - 40), i));
      const kind = sub
        ? close - i > INLINE
          ? 'sub'
          : 'other'
        : /[A-Za-z0-9_]\s*$/.test(cypher.slice(Math.max(0, i - 2), i))
          ? 'map'
          : 'other';
      stack.push({ kind, close });
      line += c;
      if (kind === 'sub') breakLine();
      continue;
    }
    if (c === '[' || c === '(') {
      stack.push({ kind: 'other', close: pairs.get(i)! });
      line += c;
      continue;
    }
    if (c === '}' || c === ']' || c === ')') {
      const open = stack.pop()!;
      if (open.kind === 'sub') breakLine();
      line += c;
      continue;
    }
    line += c;
  }
  breakLine();
  const formatted = lines.join('\n');
  if (formatted.replace(/\s+/g, '') !== cypher.replace(/\s+/g, ''))
    throw new Error('Formatting changed more than whitespace.');
  return formatted;
}
