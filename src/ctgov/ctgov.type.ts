import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ImportIssue, WRITE_STATUS } from '../imports/import.type';

export const CtgovImportStatus = {
  CREATED: WRITE_STATUS.created,
  UPDATED: WRITE_STATUS.updated,
  UNCHANGED: WRITE_STATUS.unchanged,
  ATTACHED_TO_CURATED: 'ATTACHED_TO_CURATED',
  REJECTED: 'REJECTED',
  NOT_WRITTEN: 'NOT_WRITTEN',
} as const;
export type CtgovImportStatus = (typeof CtgovImportStatus)[keyof typeof CtgovImportStatus];
registerEnumType(CtgovImportStatus, {
  name: 'CtgovImportStatus',
  description: 'What an import of ClinicalTrials.gov records did with one record.',
  valuesConfig: {
    CREATED: { description: 'A new study (origin REGISTRY_IMPORT) was written from the record.' },
    UPDATED: { description: 'The study of an earlier import of the record had other content and was replaced whole.' },
    UNCHANGED: {
      description:
        'Nothing was written: the study has the same content, or the record is already attached, as it is, to its curated study.',
    },
    ATTACHED_TO_CURATED: {
      description:
        "A curated study has the record's NCT id: the curated study was kept as it is and the record attached to it as a second source (its Document, linked by HAS_RECORD).",
    },
    REJECTED: {
      description: 'The record is invalid (see `issues`); it was not written. The valid records of the import were.',
    },
    NOT_WRITTEN: {
      description:
        'The record is valid but was not written: the import gave up after leaving out refused records three times (their concepts kept refusing others).',
    },
  },
});

@ObjectType({ description: 'What the import did with one ClinicalTrials.gov record.' })
export class CtgovImportResult {
  @Field(() => Int, { description: 'Position of the record in `records`.' })
  record: number;

  @Field(() => String, {
    nullable: true,
    description: "The record's NCT id (protocolSection.identificationModule.nctId); null when it has none.",
  })
  nctId: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Key of the study written (the NCT id in lower case), or of the curated study the record was attached to.',
  })
  studyId: string | null;

  @Field(() => CtgovImportStatus, { description: 'Outcome for this record.' })
  status: CtgovImportStatus;

  @Field(() => [ImportIssue], {
    description:
      'Problems of the record, each at its JSON path in the record (e.g. "$.resultsSection.outcomeMeasuresModule.outcomeMeasures[0].analyses[0].groupIds[1]"); empty unless REJECTED.',
  })
  issues: ImportIssue[];

  @Field(() => [ID], {
    description:
      'Keys of the concepts (conditions, interventions, outcome concepts) the record created, marked IMPORTED_UNREVIEWED: no stored concept matched.',
  })
  createdConcepts: string[];

  @Field(() => [String], { description: "What of the record was left out, in words (also kept in the study's notes)." })
  leftOut: string[];
}

@ObjectType({ description: 'Result of `importClinicalTrialsGov`.' })
export class ImportClinicalTrialsGovPayload {
  @Field(() => [CtgovImportResult], { description: 'One result per record, in input order.' })
  results: CtgovImportResult[];

  @Field({
    description: 'True when the valid records were written (REJECTED ones are not); false when no record was valid.',
  })
  written: boolean;
}
