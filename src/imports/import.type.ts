import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { StudyStatus } from '../seeds/seed.loader';

/**
 * What a write did with one study (the loader's outcome, src/seeds/seed.loader.ts), as the API
 * names it: the values ImportStatus and CtgovImportStatus share.
 */
export const WRITE_STATUS = {
  created: 'CREATED',
  updated: 'UPDATED',
  unchanged: 'UNCHANGED',
} as const satisfies Record<StudyStatus, string>;

export const ImportStatus = {
  CREATED: WRITE_STATUS.created,
  UPDATED: WRITE_STATUS.updated,
  UNCHANGED: WRITE_STATUS.unchanged,
  REJECTED: 'REJECTED',
  NOT_WRITTEN: 'NOT_WRITTEN',
  VOCABULARY_MERGED: 'VOCABULARY_MERGED',
} as const;
export type ImportStatus = (typeof ImportStatus)[keyof typeof ImportStatus];
registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description: 'What an import did with one document.',
  valuesConfig: {
    CREATED: { description: 'A new study was written.' },
    UPDATED: { description: 'The study existed with other content and was replaced whole.' },
    UNCHANGED: { description: 'The study existed with the same content; nothing was written.' },
    REJECTED: { description: 'The document is invalid (see `issues`); nothing of the import was written.' },
    NOT_WRITTEN: {
      description: 'The document is valid, but another document of the import is not, so nothing was written.',
    },
    VOCABULARY_MERGED: { description: 'A vocabulary document: its concepts were created or updated by key.' },
  },
});

@InputType({
  description: 'Documents to import, in the seed format of seeds/README.md (study files and vocabulary files).',
})
export class ImportStudiesInput {
  @Field(() => [GraphQLJSONObject], {
    description:
      'Each element is the content of one seed file (`format` "net-trials/study@1" or "net-trials/vocabulary@1").',
  })
  documents: Record<string, unknown>[];

  @Field(() => String, {
    nullable: true,
    description:
      'Why the change is made, in words ("PFS median corrected from the full text"): recorded in each new version of the studies written, beside the name of the API key.',
  })
  reason?: string | null;
}

@ObjectType({ description: 'One problem of an imported document.' })
export class ImportIssue {
  @Field({ description: 'JSON path inside the document (e.g. "$.outcomes[0].measurements[1].arm").' })
  path: string;

  @Field({ description: 'The rule broken (e.g. "unknown-arm", "schema.too_big").' })
  rule: string;

  @Field({ description: 'What is wrong, in words.' })
  message: string;
}

@ObjectType({ description: 'What the import did with one document.' })
export class ImportResult {
  @Field(() => Int, { description: 'Position of the document in `input.documents`.' })
  document: number;

  @Field(() => ID, {
    nullable: true,
    description: 'Key of the study, when the document is a study with a readable key; null for a vocabulary.',
  })
  studyId: string | null;

  @Field(() => ImportStatus, { description: 'Outcome for this document.' })
  status: ImportStatus;

  @Field(() => [ImportIssue], { description: 'Problems of the document; empty unless REJECTED.' })
  issues: ImportIssue[];
}

@ObjectType({ description: 'Result of `importStudies`.' })
export class ImportStudiesPayload {
  @Field(() => [ImportResult], { description: 'One result per document, in input order.' })
  results: ImportResult[];

  @Field({ description: 'True when the documents were written (no document was rejected).' })
  written: boolean;
}

@ObjectType({ description: 'Result of `deleteStudy`.' })
export class DeleteStudyPayload {
  @Field(() => ID, { description: 'Key of the deleted study.' })
  id: string;

  @Field({ description: 'Always true: an unknown key gives NOT_FOUND instead.' })
  deleted: boolean;
}
