import { GraphQLResolveInfo } from 'graphql';
import { int, ManagedTransaction } from 'neo4j-driver';
import { beforeCommit } from '../db/executor';
import { badInput } from '../errors';
import { Context } from '../graphql/context';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/pagination';
import { materialize } from '../graphql/translate/materialize';
import { planFor } from '../graphql/translate/read';
import { Shape, Statement } from '../graphql/translate/translate';
import { ChangeWhere, filterKeys, isEmpty, sequenceOf } from './change.filter';
import { ChangeStream, pageParams } from './change.tail';
import { ChangeEvent } from './change.type';
import {
  CHANGES_PER_EVENT,
  ChangeKindValue,
  deletedSummary,
  kindsOfVersion,
  noLongerMatchedSummary,
  versionSummary,
  VersionFacts,
} from './change.kinds';
import { KEYS_BEFORE_DELETE, PAGE_ALL, PAGE_FILTERED, WRITE_CHANGES } from './change.repository';

type Row = Record<string, unknown>;

/** One event waiting for its transaction's end: its properties, and keys known before (a deleted study's). */
interface PendingChange {
  studyId: string;
  keys: string[];
  props: {
    studyId: string;
    kind: ChangeKindValue;
    kinds: ChangeKindValue[];
    summary: string;
    changes: string[];
    moreChanges: number;
    source: string | null;
    changedBy: string | null;
    reason: string | null;
    syncRun: string | null;
    version: number | null;
    versionId: string | null;
    studyTitle: string | null;
    studyAcronym: string | null;
  };
}

/** The events of each running transaction, written by its finisher. */
const pending = new WeakMap<ManagedTransaction, PendingChange[]>();

/**
 * Adds events to the transaction `tx`: they are written as its last statement (beforeCommit), so
 * that the lock of the sequence counter is held from there to the commit only, not during the
 * write's other work (the related lists of an import take up to seconds). An event exists if and
 * only if its transaction commits.
 */
function note(tx: ManagedTransaction, changes: PendingChange[]): void {
  if (changes.length === 0) return;
  let list = pending.get(tx);
  if (!list) {
    pending.set(tx, (list = []));
    beforeCommit(tx, pending, async (t) => {
      const rows = pending.get(t) ?? [];
      if (rows.length > 0) await t.run(WRITE_CHANGES, { rows: rows.map(({ keys, props }) => ({ keys, props })) });
    });
  }
  list.push(...changes);
}

const base = (studyId: string) => ({
  studyId,
  changes: [] as string[],
  moreChanges: 0,
  source: null,
  changedBy: null,
  reason: null,
  syncRun: null,
  version: null,
  versionId: null,
  studyTitle: null,
  studyAcronym: null,
});

/** The events of new versions of studies (src/history/history.service.ts writes them): a new study, a registry record's new version, a curated edit. */
export function noteVersions(tx: ManagedTransaction, versions: VersionFacts[]): void {
  note(
    tx,
    versions.map((v) => {
      const kinds = kindsOfVersion(v);
      return {
        studyId: v.studyId,
        keys: [],
        props: {
          ...base(v.studyId),
          kind: kinds[0],
          kinds,
          summary: versionSummary(v, kinds),
          changes: v.changeTexts.slice(0, CHANGES_PER_EVENT),
          moreChanges: Math.max(0, v.changeTexts.length - CHANGES_PER_EVENT) + v.moreChanges,
          source: v.source,
          changedBy: v.changedBy,
          reason: v.reason,
          syncRun: v.syncRun,
          version: v.version,
          versionId: v.versionId,
          studyTitle: v.studyTitle,
          studyAcronym: v.studyAcronym,
        },
      };
    }),
  );
}

/**
 * The events of studies about to be deleted in `tx`: call it before the deletion, while the study
 * and the related lists that hold it can still be read.
 */
export async function noteDeletions(tx: ManagedTransaction, ids: string[], changedBy: string | null): Promise<void> {
  const found = (await tx.run(KEYS_BEFORE_DELETE, { ids })).records;
  note(
    tx,
    found.map((r) => {
      const [id, title, acronym] = [r.get('id') as string, r.get('title') as string | null, r.get('acronym')];
      return {
        studyId: id,
        keys: r.get('keys') as string[],
        props: {
          ...base(id),
          kind: 'DELETED' as const,
          kinds: ['DELETED' as const],
          summary: deletedSummary(id, title, acronym as string | null),
          changedBy,
          studyTitle: title,
          studyAcronym: acronym as string | null,
        },
      };
    }),
  );
}

/** The events of registry studies a full sync run no longer listed (marked `noLongerMatchedSince` in `tx`). */
export function noteNoLongerMatched(tx: ManagedTransaction, ids: string[], since: string, syncRun: string): void {
  note(
    tx,
    ids.map((id) => ({
      studyId: id,
      keys: [],
      props: {
        ...base(id),
        kind: 'NO_LONGER_MATCHED' as const,
        kinds: ['NO_LONGER_MATCHED' as const],
        summary: noLongerMatchedSummary(id, since),
        source: 'REGISTRY_SYNC',
        syncRun,
      },
    })),
  );
}

// ---- Reading the log: the `changes` page and the subscription's events.

/** What `changes` is asked. */
export interface ChangesArgs {
  after: string | null;
  first: number | null;
  last: number | null;
  where: ChangeWhere | null;
}

/** A plan of `changes` for one operation: the projection of its events and their shape; the statement text per direction and filter. */
interface ChangesPlan {
  params: Record<string, unknown>;
  shape: Shape;
  projection: string;
}

/** Where each projected event carries its sequence for its cursor, whatever the selection. */
const CURSOR_KEY = 'cursorSeq';

/**
 * A page of the change log in one statement: the whole log by the index on ChangeEvent.seq, or a
 * filtered one by the posting lists of the first filter field (ChangeKey(key, seq)); `last` reads
 * the newest in descending order, listed oldest first.
 */
export async function readChanges(ctx: Context, info: GraphQLResolveInfo, given: ChangesArgs) {
  // An argument left out is undefined: the same as null.
  const args = { after: given.after ?? null, first: given.first ?? null, last: given.last ?? null, where: given.where };
  if (args.first !== null && args.last !== null) throw badInput('last', 'cannot be given with `first`.');
  const newest = args.last !== null;
  const limit = newest ? pageSize(args.last, 'last') : pageSize(args.first ?? DEFAULT_PAGE_SIZE, 'first');
  const filter = filterKeys(args.where);
  const after = sequenceOf(args.after) ?? 0;
  const plan = planFor<ChangesPlan>(info, ['after', 'first', 'last', 'where'], () => {
    const stmt = new Statement(info);
    const edges = stmt.subfieldNodes('ChangeConnection', info.fieldNodes, 'edges');
    const node = stmt.project(
      'ChangeEvent',
      'e',
      stmt.subfieldNodes('ChangeEdge', edges, 'node'),
      `${CURSOR_KEY}: e.seq`,
    );
    return { params: stmt.params, shape: node.shape, projection: node.cypher };
  });
  const direction = newest ? 'DESC' : 'ASC';
  const statement = isEmpty(filter) ? PAGE_ALL(direction, plan.projection) : PAGE_FILTERED(direction, plan.projection);
  const [row] = await ctx.executor.read<{ events: Row[] }>(
    statement,
    { ...plan.params, ...pageParams(filter, after, limit + 1) },
    ctx.counter,
  );
  const more = row.events.length > limit;
  const rows = row.events.slice(0, limit);
  if (newest) rows.reverse();
  const edges = rows.map((r) => ({ cursor: String(r[CURSOR_KEY]), node: materialize(plan.shape, r) as ChangeEvent }));
  return {
    edges,
    pageInfo: {
      hasNextPage: !newest && more,
      hasPreviousPage: newest && more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

function pageSize(value: number | null, argument: string): number {
  if (value === null || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE)
    throw badInput(argument, `must be between 1 and ${MAX_PAGE_SIZE} (got ${value}).`);
  return value;
}

/** The events of `studyChanged` (see ChangeStream): validated here, so that a bad argument fails the subscription at once. */
export function subscribeChanges(ctx: Context, where: ChangeWhere | null, after: string | null): Promise<ChangeStream> {
  const filter = filterKeys(where);
  const seq = sequenceOf(after);
  return new ChangeStream(ctx.executor.base, filter, seq).start();
}

/**
 * The value of `studyChanged` for one event, for the operation's selection: from the event as
 * the tail read it when the selection holds no relation (`study`, `version`), else read by its
 * sequence with the relations in one statement.
 */
export async function resolveChange(ctx: Context, info: GraphQLResolveInfo, event: Row): Promise<unknown> {
  const plan = planFor(info, [], () => {
    const stmt = new Statement(info);
    const node = stmt.project('ChangeEvent', 'this', info.fieldNodes);
    return {
      cypher: `MATCH (this:ChangeEvent {seq: $key})\nRETURN ${node.cypher} AS node`,
      params: stmt.params,
      shape: node.shape,
      reads: node.shape.kind === 'object' && node.shape.children.length > 0,
    };
  });
  if (!plan.reads) return materialize(plan.shape, event);
  const [row] = await ctx.executor.read(plan.cypher, { ...plan.params, key: int(event.seq as number) }, ctx.counter);
  return materialize(plan.shape, (row?.node as Row) ?? event);
}
