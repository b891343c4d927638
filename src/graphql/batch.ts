import DataLoader from 'dataloader';
import { Executor, Params, QueryCounter } from '../db/executor';

type Row = Record<string, unknown>;

/**
 * A loader of the children of many parents in one round trip. `cypher` receives `$ids` and
 * returns rows `{ key, node }` (key = parent id), already in display order.
 */
export function listLoader<T>(executor: Executor, counter: QueryCounter, cypher: string, map: (node: Row) => T): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await executor.read<{ key: string; node: Row }>(cypher, { ids: [...ids] }, counter);
    const byKey = new Map<string, T[]>();
    for (const row of rows) {
      const list = byKey.get(row.key) ?? [];
      list.push(map(row.node));
      byKey.set(row.key, list);
    }
    return ids.map((id) => byKey.get(id) ?? []);
  });
}

/** A loader of nodes by key in one round trip; `cypher` receives `$ids` and returns rows `{ key, node }`. */
export function nodeLoader<T>(executor: Executor, counter: QueryCounter, cypher: string, map: (node: Row) => T): DataLoader<string, T | null> {
  const list = listLoader(executor, counter, cypher, map);
  return new DataLoader<string, T | null>(async (ids) => (await list.loadMany(ids)).map((r) => (Array.isArray(r) ? (r[0] ?? null) : r)));
}

/** A request for one page of the studies of a concept. */
export interface PagedKey {
  id: string;
  offset: number;
  limit: number;
  /** For conditions: include studies of narrower conditions (IS_A). */
  narrower?: boolean;
}

/** One page of a parent's children, with the total count. */
export interface PagedResult<T> {
  nodes: T[];
  total: number;
}

/**
 * A loader of one page of children for many parents. Keys with the same page arguments share
 * one round trip; `cypher` receives `$ids`, `$offset`, `$limit`, `$narrower` and returns
 * `{ key, total, nodes }`.
 */
export function pagedLoader<T>(executor: Executor, counter: QueryCounter, cypher: string, map: (node: Row) => T): DataLoader<PagedKey, PagedResult<T>, string> {
  return new DataLoader<PagedKey, PagedResult<T>, string>(
    async (keys) => {
      const groups = new Map<string, PagedKey[]>();
      for (const key of keys) {
        const group = `${key.offset}|${key.limit}|${key.narrower ?? false}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<string, PagedResult<T>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { offset, limit, narrower } = group[0];
          const params: Params = { ids: group.map((k) => k.id), offset, limit, narrower: narrower ?? false };
          const rows = await executor.read<{ key: string; total: number; nodes: Row[] }>(cypher, params, counter);
          const byId = new Map(rows.map((row) => [row.key, { total: row.total, nodes: row.nodes.map(map) }]));
          for (const key of group) results.set(JSON.stringify(key), byId.get(key.id) ?? { nodes: [], total: 0 });
        }),
      );
      return keys.map((key) => results.get(JSON.stringify(key))!);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}
