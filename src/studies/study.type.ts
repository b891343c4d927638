import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../graphql/connection';
import { Allocation, DesignFeature, Masking, Phase, Registry, StudyStatus } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({ description: 'An identifier of a study in a trial registry.' })
export class RegistryId {
  @Field(() => Registry, { description: 'The registry.' })
  registry: string;

  @Field({ description: 'The identifier in that registry (e.g. "NCT01578239").' })
  id: string;
}

@ObjectType({ description: 'A clinical trial: its design, arms, population, outcomes and results, each result with its source.' })
export class Study {
  @Field(() => ID, { description: 'Stable key of the study (e.g. "netter-1").' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Acronym (e.g. "NETTER-1"); null when the trial has none.' })
  acronym: string | null;

  @Field({ description: 'Title of the primary report.' })
  title: string;

  @Field(() => Phase, { nullable: true, description: 'Trial phase; null when no source states it.' })
  phase: string | null;

  @Field(() => Allocation, { nullable: true, description: 'How patients were assigned to arms.' })
  allocation: string | null;

  @Field(() => Masking, { nullable: true, description: 'Masking (open label, double blind); null when not stated.' })
  masking: string | null;

  @Field(() => StudyStatus, { nullable: true, description: 'Recruitment status; null when not stated.' })
  status: string | null;

  @Field(() => [DesignFeature], { description: 'Design features stated by the sources.' })
  designFeatures: string[];

  @Field(() => String, { nullable: true, description: 'The design as the sources describe it.' })
  designText: string | null;

  @Field(() => Int, { nullable: true, description: 'Patients randomized in total.' })
  enrolment: number | null;

  @Field(() => Int, { nullable: true, description: 'Year enrolment started; null when not stated.' })
  startYear: number | null;

  @Field(() => Int, { nullable: true, description: 'Publication year of the primary report; null when not sourced.' })
  year: number | null;

  @Field(() => [String], { description: 'Countries of the trial sites, when stated (empty when unknown).' })
  countries: string[];

  @Field(() => Int, { nullable: true, description: 'Number of sites, when stated.' })
  siteCount: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of countries, when stated.' })
  countryCount: number | null;

  @Field(() => [RegistryId], { description: 'Registry identifiers; empty when none is known.' })
  registryIds: RegistryId[];

  @Field(() => [String], { description: 'Gaps and caveats of the record (e.g. values left null because no source gives them).' })
  notes: string[];
}

/** Maps a stored Study node to the GraphQL type. */
export function toStudy(row: Row): Study {
  const ids = (row.registryIds as string[] | undefined) ?? [];
  const registries = (row.registries as string[] | undefined) ?? [];
  return {
    id: row.id as string,
    acronym: (row.acronym as string) ?? null,
    title: row.title as string,
    phase: (row.phase as string) ?? null,
    allocation: (row.allocation as string) ?? null,
    masking: (row.masking as string) ?? null,
    status: (row.status as string) ?? null,
    designFeatures: (row.designFeatures as string[]) ?? [],
    designText: (row.designText as string) ?? null,
    enrolment: (row.enrolment as number) ?? null,
    startYear: (row.startYear as number) ?? null,
    year: (row.year as number) ?? null,
    countries: (row.countries as string[]) ?? [],
    siteCount: (row.siteCount as number) ?? null,
    countryCount: (row.countryCount as number) ?? null,
    registryIds: ids.map((id, i) => ({ id, registry: registries[i] })),
    notes: (row.notes as string[]) ?? [],
  };
}

@ObjectType({ description: 'A page of studies.' })
export class StudyConnection extends Connection(Study, 'studies') {}
