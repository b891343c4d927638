import { Hop, RELATIONSHIPS } from '../../model/graph';

// Cypher patterns written from steps of the graph model (src/model/graph.ts): the only place
// where a read declaration's relationship types and labels become query text. Variable names
// come from the translator (`this3`), lengths and conditions from the declarations.

/**
 * The arrow of a step, `-[v:TYPE]->` or `<-[v:TYPE]-`, seen from its start: with several steps
 * of one direction, the alternatives `TYPE_A|TYPE_B`; with a `length`, a variable-length one
 * (`*1..`, `*0..1`).
 */
export function arrow(hops: Hop | readonly Hop[], options: { variable?: string; length?: string } = {}): string {
  const steps: readonly Hop[] = 'relationship' in hops ? [hops] : hops;
  if (steps.some((h) => h.direction !== steps[0].direction))
    throw new Error('The alternatives of one arrow must point the same way.');
  const inner = `[${options.variable ?? ''}:${[...new Set(steps.map((h) => h.relationship.type))].join('|')}${options.length ?? ''}]`;
  return steps[0].direction === 'out' ? `-${inner}->` : `<-${inner}-`;
}

/**
 * True when every relationship of the model of the step's type, from a node of the step's start
 * label, ends at the step's target label: the type says the label, so a pattern need not test
 * it (each test reads the node). `<-[:OF_ARM]-` from an arm reaches measurements, adverse-event
 * results and result groups: there the label says which.
 */
export function typeSaysTarget(hop: Hop): boolean {
  const ends = RELATIONSHIPS.filter(
    (r) => r.type === hop.relationship.type && (hop.direction === 'out' ? r.from : r.to) === hop.start,
  ).map((r) => (hop.direction === 'out' ? r.to : r.from));
  return ends.every((end) => end === hop.target);
}

/**
 * The path of `hops` from the bound variable `from` to the new variable `to`:
 * `(from)-[:A]->()<-[:B]-(to)`; the nodes between are anonymous. A node is labelled with its
 * step's target only where the relationship type does not say it (typeSaysTarget), or, for `to`,
 * with `labelTarget`. `relationship` names the relationship of a one-step path.
 */
export function path(
  hops: readonly Hop[],
  from: string,
  to: string,
  relationship?: string,
  labelTarget = false,
): string {
  let text = `(${from})`;
  hops.forEach((hop, i) => {
    const last = i === hops.length - 1;
    const label = typeSaysTarget(hop) && !(last && labelTarget) ? '' : `:${hop.target}`;
    text += arrow(hop, { variable: last && hops.length === 1 ? relationship : undefined });
    text += last ? `(${to}${label})` : `(${label})`;
  });
  return text;
}

/** `(variable:Label)`, the node a step leads to, with a variable of its own. */
export const nodeOf = (hop: Hop, variable = ''): string => `(${variable}:${hop.target})`;
