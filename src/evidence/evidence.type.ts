import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PublicationRole, Registry, Verification } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({ description: 'A document in which a quoted fact appears: an abstract, a fact sheet.' })
export class Document {
  @Field(() => ID, { description: 'Stable key of the document.' })
  id: string;

  @Field({ description: 'Title of the document.' })
  title: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where the document can be read; null for a file kept in the project repository.',
  })
  url: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Path, in the project repository, of the copy against which quotes are checked.',
  })
  localCopy: string | null;

  @Field(() => RegistryRecord, {
    nullable: true,
    description: 'When the document is a registry record: the registry, the record and the version read.',
  })
  registryRecord: RegistryRecord | null;
}

@ObjectType({
  description:
    'The registry record a document is: quotes from it are the values as the record wrote them, their sections JSON paths.',
})
export class RegistryRecord {
  @Field(() => Registry, { description: 'The registry.' })
  registry: string;

  @Field({ description: 'The record (e.g. "NCT01578239").' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: "The record's last-update date (YYYY-MM-DD) as the registry states it: the version read.",
  })
  lastUpdated: string | null;
}

@ObjectType({
  description: 'The provenance of one fact: the exact words of a document and how well the fact is verified.',
})
export class Evidence {
  @Field(() => ID, { description: 'Stable key of the evidence.' })
  id: string;

  @Field({ description: 'The exact words of the document that state the fact.' })
  quote: string;

  @Field(() => String, { nullable: true, description: 'Section of the document (e.g. "RESULTS").' })
  section: string | null;

  @Field(() => Verification, { description: 'How well the fact is verified.' })
  verification: string;

  @Field(() => String, {
    nullable: true,
    description: 'How a derived value was computed, or the original source that a fact sheet cites.',
  })
  note: string | null;
}

@ObjectType({ description: 'A journal publication reporting a study. Each field is set only when sourced.' })
export class Publication {
  @Field(() => ID, { description: 'Stable key of the publication.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Title.' })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Journal name.' })
  journal: string | null;

  @Field(() => Int, { nullable: true, description: 'Publication year; null when not sourced.' })
  year: number | null;

  @Field(() => String, { nullable: true, description: 'Volume.' })
  volume: string | null;

  @Field(() => String, { nullable: true, description: 'Issue.' })
  issue: string | null;

  @Field(() => String, { nullable: true, description: 'Pages, or the first page alone when the last is not sourced.' })
  pages: string | null;

  @Field(() => String, { nullable: true, description: 'PubMed identifier.' })
  pmid: string | null;

  @Field(() => String, { nullable: true, description: 'Digital Object Identifier.' })
  doi: string | null;

  @Field(() => String, { nullable: true, description: 'PubMed Central identifier ("PMC…").' })
  pmcid: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The citation as a registry gives it, word for word, when its parts are not given separately.',
  })
  citation: string | null;

  @Field(() => [String], { description: 'Authors in citation order; empty when not sourced.' })
  authors: string[];

  @Field(() => String, { nullable: true, description: 'First author; null when not sourced.' })
  firstAuthor: string | null;

  @Field(() => Verification, { description: 'Verification of the identifiers (PMID, DOI).' })
  identifierVerification: string;

  @Field(() => PublicationRole, {
    nullable: true,
    description: 'What this publication is for the study it was reached from.',
  })
  role: string | null;
}

export function toDocument(row: Row): Document {
  return {
    id: row.id as string,
    title: row.title as string,
    url: (row.url as string) ?? null,
    localCopy: (row.localCopy as string) ?? null,
    registryRecord:
      row.recordId == null
        ? null
        : {
            registry: row.registry as string,
            id: row.recordId as string,
            lastUpdated: (row.recordLastUpdated as string) ?? null,
          },
  };
}

export function toEvidence(row: Row): Evidence {
  return {
    id: row.id as string,
    quote: row.quote as string,
    section: (row.section as string) ?? null,
    verification: row.verification as string,
    note: (row.note as string) ?? null,
  };
}

export function toPublication(row: Row): Publication {
  return {
    id: row.id as string,
    title: (row.title as string) ?? null,
    journal: (row.journal as string) ?? null,
    year: (row.year as number) ?? null,
    volume: (row.volume as string) ?? null,
    issue: (row.issue as string) ?? null,
    pages: (row.pages as string) ?? null,
    pmid: (row.pmid as string) ?? null,
    doi: (row.doi as string) ?? null,
    pmcid: (row.pmcid as string) ?? null,
    citation: (row.citation as string) ?? null,
    authors: (row.authors as string[]) ?? [],
    firstAuthor: (row.firstAuthor as string) ?? null,
    identifierVerification: row.identifierVerification as string,
    role: (row.role as string) ?? null,
  };
}
