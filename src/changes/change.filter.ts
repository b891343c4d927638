import { badInput } from '../errors';
import { ChangeKindValue } from './change.kinds';

/** A filter as given (ChangeFilter, or the feed's query parameters). */
export interface ChangeWhere {
  studyIds?: readonly string[] | null;
  relatedTo?: string | null;
  conditionIds?: readonly string[] | null;
  interventionIds?: readonly string[] | null;
  kinds?: readonly ChangeKindValue[] | null;
}

/** The keys of each filter field (null: not given), as the log's ChangeKey nodes and `keys` lists hold them. */
export interface FilterKeys {
  studies: string[] | null;
  relatedTo: string | null;
  interventions: string[] | null;
  conditions: string[] | null;
  kinds: string[] | null;
}

/** Values a list of the filter may hold. */
export const MAX_FILTER_VALUES = 100;

const keysOf = (prefix: string, argument: string, values: readonly string[] | null | undefined) => {
  if (values === null || values === undefined) return null;
  if (values.length > MAX_FILTER_VALUES)
    throw badInput(argument, `holds at most ${MAX_FILTER_VALUES} values (got ${values.length}).`);
  return [...new Set(values)].map((v) => `${prefix}:${v}`);
};

/** The keys of a filter; a list over MAX_FILTER_VALUES is BAD_USER_INPUT. */
export function filterKeys(where: ChangeWhere | null | undefined): FilterKeys {
  return {
    studies: keysOf('study', 'where.studyIds', where?.studyIds),
    relatedTo: where?.relatedTo ?? null,
    interventions: keysOf('intervention', 'where.interventionIds', where?.interventionIds),
    conditions: keysOf('condition', 'where.conditionIds', where?.conditionIds),
    kinds: keysOf('kind', 'where.kinds', where?.kinds),
  };
}

/** True when the filter gives no field: every change matches. */
export const isEmpty = (f: FilterKeys) =>
  f.studies === null && f.relatedTo === null && f.interventions === null && f.conditions === null && f.kinds === null;

/** The keys of `relatedTo: x` given x's related list now: the study, the studies of the list, the deletions its list saw. */
export const relatedKeys = (x: string, related: readonly string[]) => [
  `study:${x}`,
  `related:${x}`,
  ...related.map((r) => `study:${r}`),
];

/**
 * Whether an event with `keys` matches the filter, as the Cypher of a filtered page decides it
 * (src/changes/change.repository.ts, PAGE_FILTERED): every given field shares a key with the
 * event. `related` is the current related list of the filter's `relatedTo`.
 */
export function matches(f: FilterKeys, keys: readonly string[], related: readonly string[] = []): boolean {
  const held = new Set(keys);
  const fields = [
    f.studies,
    f.relatedTo === null ? null : relatedKeys(f.relatedTo, related),
    f.interventions,
    f.conditions,
    f.kinds,
  ];
  return fields.every((field) => field === null || field.some((k) => held.has(k)));
}

/** Largest sequence a cursor may name (2^53 − 1: beyond it JavaScript numbers are not exact). */
const MAX_SEQUENCE = Number.MAX_SAFE_INTEGER;

/** The sequence a cursor names: a change's `cursor` (its sequence in decimal); anything else is BAD_USER_INPUT. */
export function sequenceOf(cursor: string | null | undefined, argument = 'after'): number | null {
  if (cursor === null || cursor === undefined) return null;
  const seq = /^(0|[1-9][0-9]{0,15})$/.test(cursor) ? Number(cursor) : NaN;
  if (!Number.isSafeInteger(seq) || seq > MAX_SEQUENCE)
    throw badInput(argument, 'is not a cursor of the change log (the `cursor` of a change, a whole number).');
  return seq;
}
