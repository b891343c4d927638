import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { VersionSource } from '../graphql/enums';
import { PageInfo } from '../graphql/pagination';
import { CHANGE_KINDS, ChangeKindValue } from './change.kinds';

type Row = Record<string, unknown>;

export const ChangeKind = Object.fromEntries(CHANGE_KINDS.map((k) => [k, k])) as { [K in ChangeKindValue]: K };
registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'What kind of change an event records.',
  valuesConfig: {
    DELETED: { description: 'The study was deleted (deleteStudy).' },
    NO_LONGER_MATCHED: {
      description: 'A full registry sync no longer lists the record: the study is kept, marked `noLongerMatchedSince`.',
    },
    NEW_STUDY: { description: 'The study entered the graph (its first version).' },
    RESULTS_POSTED: { description: "A registry record's new version that first posts results." },
    STATUS_CHANGED: { description: 'The overall status changed (e.g. ACTIVE_NOT_RECRUITING → COMPLETED).' },
    CURATED_EDIT: { description: 'A curated study changed, through importStudies or the seed loader.' },
    NEW_VERSION: { description: "A registry record's new version (import or sync)." },
  },
});

@ObjectType({
  description:
    'One committed change to a study, from the durable change log: written in the transaction of the change, numbered in commit order.',
})
export class ChangeEvent {
  @Field(() => Int, {
    description:
      'Position in the change log: strictly increasing in commit order, never reused; its text is the cursor (`after`).',
  })
  sequence: number;

  @Field({ description: 'The sequence as a cursor: pass it as `after` to get the events that follow.' })
  cursor: string;

  @Field(() => GraphQLDateTime, { description: 'When the change was made (the time of its transaction, UTC).' })
  at: string;

  @Field(() => ID, { description: 'Key of the study changed (kept when the study is deleted).' })
  studyId: string;

  @Field(() => String, { nullable: true, description: "The study's title when the change was made." })
  studyTitle: string | null;

  @Field(() => String, { nullable: true, description: "The study's acronym when the change was made." })
  studyAcronym: string | null;

  @Field(() => ChangeKind, { description: 'The most specific kind of the change (the first of `kinds`).' })
  kind: ChangeKindValue;

  @Field(() => [ChangeKind], {
    description:
      'Every kind the change is, most specific first: a new registry version that posts results is RESULTS_POSTED and NEW_VERSION.',
  })
  kinds: ChangeKindValue[];

  @Field({
    description:
      'The change in a line: "NETTER-1 (…), version 3: overall status ACTIVE_NOT_RECRUITING → COMPLETED; results first posted".',
  })
  summary: string;

  @Field(() => [String], {
    description: "The version's field changes in words, at most 20 (see `moreChanges`; the version lists them all).",
  })
  changes: string[];

  @Field(() => Int, { description: 'Field changes past those listed in `changes`.' })
  moreChanges: number;

  @Field(() => VersionSource, {
    nullable: true,
    description: 'What wrote the change; null for a deletion through deleteStudy.',
  })
  source: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who made the change: the name of the API key, or the command; null when not known.',
  })
  changedBy: string | null;

  @Field(() => String, { nullable: true, description: 'Why, as the person who made the change said it.' })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'The registry sync run that made the change, when one did.' })
  syncRun: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The number of the study's version this change wrote; null for a deletion or a no-longer-matched mark.",
  })
  versionNumber: number | null;
}

export function toChangeEvent(row: Row): ChangeEvent {
  const seq = row.seq as number;
  return {
    sequence: seq,
    cursor: String(seq),
    at: row.at as string,
    studyId: row.studyId as string,
    studyTitle: (row.studyTitle as string) ?? null,
    studyAcronym: (row.studyAcronym as string) ?? null,
    kind: row.kind as ChangeKindValue,
    kinds: (row.kinds as ChangeKindValue[]) ?? [],
    summary: row.summary as string,
    changes: (row.changes as string[]) ?? [],
    moreChanges: (row.moreChanges as number) ?? 0,
    source: (row.source as string) ?? null,
    changedBy: (row.changedBy as string) ?? null,
    reason: (row.reason as string) ?? null,
    syncRun: (row.syncRun as string) ?? null,
    versionNumber: (row.version as number) ?? null,
  };
}

/** The stored properties each field is made from, where not the one of its name. */
export const CHANGE_FIELD_PROPERTIES = {
  sequence: ['seq'],
  cursor: ['seq'],
  versionNumber: ['version'],
} as const;

@InputType({
  description:
    'Which changes to follow; all given filters must hold (AND), a list matches any of its values (OR). Concepts match with their narrower ones, as the study held them when the change was made.',
})
export class ChangeFilter {
  @Field(() => [ID], { nullable: true, description: 'Study keys: changes to these studies.' })
  studyIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A study key: changes to that study and to the studies in its related list now (relatedStudies), a new study included once it enters the list, and the deletion of a study its list held.',
  })
  relatedTo?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Condition keys: changes to studies whose population has one of them or a narrower one ("gastroenteropancreatic-net" follows the midgut NET trials).',
  })
  conditionIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Intervention keys: changes to studies with an arm receiving one of them or a narrower one (a class such as "somatostatin-analogue" follows its agents).',
  })
  interventionIds?: string[] | null;

  @Field(() => [ChangeKind], { nullable: true, description: 'Kinds: changes that are one of them (any of `kinds`).' })
  kinds?: ChangeKindValue[] | null;
}

@ObjectType({ description: 'One change of a page, with its cursor.' })
export class ChangeEdge {
  @Field({ description: 'The sequence of the change: pass it as `after` to continue after it.' })
  cursor: string;

  @Field(() => ChangeEvent, { description: 'The change.' })
  node: ChangeEvent;
}

@ObjectType({
  description:
    'A page of the change log in sequence order (no total count: the log only grows, and a client resumes from its cursor).',
})
export class ChangeConnection {
  @Field(() => [ChangeEdge], { description: 'The changes of this page, oldest first.' })
  edges: ChangeEdge[];

  @Field(() => PageInfo, {
    description: 'Where this page sits: keep `endCursor` (or, for an empty page, the `after` you gave) to resume from.',
  })
  pageInfo: PageInfo;
}
