import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../graphql/connection';
import { VersionSource } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({ description: 'One field that changed from one version of a study to the next.' })
export class FieldChange {
  @Field({
    description: 'The JSON path of the field in the source document (the registry record, or the curated study file).',
  })
  path: string;

  @Field(() => String, {
    nullable: true,
    description: 'The value before, as JSON text (a long one cut at 300 characters); null when the field was added.',
  })
  before: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The value after, as JSON text; null when the field was removed.',
  })
  after: string | null;

  @Field({
    description:
      'The change in words ("overall status RECRUITING → COMPLETED", "results first posted", "PFS median, arm A: 11.0 → 11.4 months").',
  })
  text: string;
}

@ObjectType({
  description:
    'A version of a study: each registry record version the graph has seen, or each change to a curated study through importStudies or the seed loader, with the source document as it was and what changed from the version before.',
})
export class StudyVersion {
  @Field(() => ID, { description: 'Stable key of the version ("<study>/version-<n>").' })
  id: string;

  @Field(() => Int, {
    description: 'The version number: 1 for the first the graph saw, then one more for each change.',
  })
  version: number;

  @Field(() => GraphQLDateTime, { description: 'When the graph took this version (UTC).' })
  at: string;

  @Field(() => VersionSource, { description: 'What wrote it.' })
  source: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Who made the change: the name of the API key (API_KEYS), or the command that wrote it ("seed loader", "import:ctgov"); null when not known.',
  })
  changedBy: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why, as the person who made the change said it (the `reason` of importStudies).',
  })
  reason: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The registry's last-update date of the record version (YYYY-MM-DD); null for a curated change.",
  })
  recordLastUpdated: string | null;

  @Field(() => String, { nullable: true, description: 'The sync run that brought this version, when a sync did.' })
  syncRun: string | null;

  @Field({ description: 'SHA-256 of the study as written (the same content gives the same hash).' })
  contentHash: string;

  @Field(() => [FieldChange], {
    description:
      'What changed from the version before, field by field, in document order (at most 200; see `moreChanges`); empty for the first version.',
  })
  changes: FieldChange[];

  @Field(() => Int, { description: 'Changes past the 200 listed.' })
  moreChanges: number;

  @Field({
    description: "The source document as it was: the registry record's JSON, or the curated study file, as JSON text.",
  })
  document: string;
}

export function toStudyVersion(row: Row): StudyVersion {
  const paths = (row.changePaths as string[] | null) ?? [];
  const before = (row.changeBefore as string[] | null) ?? [];
  const after = (row.changeAfter as string[] | null) ?? [];
  const texts = (row.changeTexts as string[] | null) ?? [];
  return {
    id: row.id as string,
    version: row.version as number,
    at: row.at as string,
    source: row.source as string,
    changedBy: (row.changedBy as string) ?? null,
    reason: (row.reason as string) ?? null,
    recordLastUpdated: (row.recordLastUpdated as string) ?? null,
    syncRun: (row.syncRun as string) ?? null,
    contentHash: row.contentHash as string,
    // Lists hold no null: '' stands for an absent value.
    changes: paths.map((path, i) => ({
      path,
      before: before[i] === '' ? null : before[i],
      after: after[i] === '' ? null : after[i],
      text: texts[i],
    })),
    moreChanges: (row.moreChanges as number) ?? 0,
    document: row.document as string,
  };
}

/** The stored properties of a version's changes. */
export const CHANGE_PROPERTIES = ['changePaths', 'changeBefore', 'changeAfter', 'changeTexts'] as const;

@ObjectType({ description: 'A page of the versions of a study, newest first.' })
export class StudyVersionConnection extends Connection(StudyVersion, 'versions') {}
