import { Field, ID, ObjectType } from 'type-graphql';
import { CodeSystem, Curation } from './enums';

type Row = Record<string, unknown>;

@ObjectType({ description: 'An ontology code of a concept, with the name and the source that give it.' })
export class Code {
  @Field(() => CodeSystem, { description: 'The ontology or terminology.' })
  system: string;

  @Field({ description: 'The code in that system (e.g. a MeSH descriptor id "D018358").' })
  code: string;

  @Field(() => String, { nullable: true, description: 'The name the source gives the code (a MeSH term).' })
  display: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Where the code was read, e.g. a registry record's derivedSection; codes come only from a source, never guessed.",
  })
  source: string | null;
}

/** The fields every shared concept has (condition, intervention, outcome concept, predictor). */
@ObjectType()
export abstract class ConceptBase {
  @Field(() => ID, { description: 'Stable key of the concept, shared by every study that refers to it.' })
  id: string;

  @Field({ description: 'Preferred name.' })
  name: string;

  @Field(() => [String], { description: 'Other names used by the sources; searched by `search`.' })
  synonyms: string[];

  @Field(() => [Code], {
    description:
      "Ontology codes, each with its source (a registry record's MeSH terms, a cited vocabulary); empty rather than guessed.",
  })
  codes: Code[];

  @Field(() => Curation, {
    description:
      'CURATED, or IMPORTED_UNREVIEWED for a concept an import created because it matched none (waiting for curation).',
  })
  curation: string;
}

/** The stored properties of the concept fields made from several (`codes`), for `fieldProperties`. */
export const CONCEPT_FIELD_PROPERTIES = {
  codes: ['codes', 'codeDisplays', 'codeSources'],
  curation: ['curation'],
} as const;

/** Codes from their parallel lists (`SYSTEM:code`, names and sources; '' for none). */
function codesOf(row: Row): Code[] {
  const codes = (row.codes as string[]) ?? [];
  const displays = (row.codeDisplays as string[]) ?? [];
  const sources = (row.codeSources as string[]) ?? [];
  return codes.map((text, i) => {
    const at = text.indexOf(':');
    return {
      system: text.slice(0, at),
      code: text.slice(at + 1),
      display: displays[i] || null,
      source: sources[i] || null,
    };
  });
}

export function conceptFields(row: Row): ConceptBase {
  return {
    id: row.id as string,
    name: row.name as string,
    synonyms: (row.synonyms as string[]) ?? [],
    codes: codesOf(row),
    // Concepts stored before curation was recorded were all written from a vocabulary.
    curation: (row.curation as string) ?? 'CURATED',
  };
}
