import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Connection } from '../graphql/connection';
import {
  Allocation,
  DesignFeature,
  EffectMeasure,
  EnrolmentType,
  Masking,
  Phase,
  Registry,
  StudyOrigin,
  StudyStatus,
} from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({ description: 'An identifier of a study in a trial registry.' })
export class RegistryId {
  @Field(() => Registry, { description: 'The registry.' })
  registry: string;

  @Field({ description: 'The identifier in that registry (e.g. "NCT01578239").' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'The issuer of an OTHER or SPONSOR identifier, as the registry names it.',
  })
  domain: string | null;
}

@ObjectType({
  description:
    'The design values a study planned before its results (kept apart from results): sample size, the effect it was powered for.',
})
export class DesignPlan {
  @Field(() => Int, { nullable: true, description: 'Planned number of patients.' })
  enrolment: number | null;

  @Field(() => EffectMeasure, { nullable: true, description: 'Measure of the planned effect.' })
  effectMeasure: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The effect the study was powered to detect (e.g. a hazard ratio of 0.6).',
  })
  effect: number | null;

  @Field(() => String, {
    nullable: true,
    description: "The planned design in the source's words (power, alpha, events).",
  })
  description: string | null;
}

export function toDesignPlan(row: Row): DesignPlan {
  return {
    enrolment: (row.enrolment as number) ?? null,
    effectMeasure: (row.effectMeasure as string) ?? null,
    effect: (row.effect as number) ?? null,
    description: (row.description as string) ?? null,
  };
}

@ObjectType({ description: 'How a study collected and reported its adverse events, as a registry states it.' })
export class AdverseEventReporting {
  @Field(() => String, { nullable: true, description: 'The time frame of the collection, word for word.' })
  timeFrame: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The description of the collection (definitions, populations), word for word.',
  })
  description: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The frequency threshold (in percent) above which other (not serious) events are reported, as the registry writes it ("5").',
  })
  frequencyThreshold: string | null;
}

@ObjectType({
  description: 'A clinical trial: its design, arms, population, outcomes and results, each result with its source.',
})
export class Study {
  @Field(() => ID, { description: 'Stable key of the study (e.g. "netter-1").' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Acronym (e.g. "NETTER-1"); null when the trial has none.' })
  acronym: string | null;

  @Field({ description: 'Title of the primary report (of the registry record for an imported study).' })
  title: string;

  @Field(() => StudyOrigin, {
    description: 'CURATED from its sources, or REGISTRY_IMPORT from a ClinicalTrials.gov record.',
  })
  origin: string;

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

  @Field(() => Int, { nullable: true, description: 'Patients randomized in total (enrolled, for a registry record).' })
  enrolment: number | null;

  @Field(() => EnrolmentType, {
    nullable: true,
    description: 'Whether `enrolment` is the actual or the anticipated number, when a registry says.',
  })
  enrolmentType: string | null;

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

  @Field(() => [String], {
    description:
      'Gaps and caveats of the record (e.g. values left null because no source gives them), and what of a registry record was left out.',
  })
  notes: string[];

  @Field(() => AdverseEventReporting, {
    nullable: true,
    description:
      'How adverse events were collected and reported (time frame, threshold), when a registry record says; null otherwise.',
  })
  adverseEventReporting: AdverseEventReporting | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For a registry study kept by a sync: the day (YYYY-MM-DD) a full run of its query first no longer listed its record (withdrawn from the query, or reworded). The study is kept as it was; null while the query lists it.',
  })
  noLongerMatchedSince: string | null;

  @Field(() => Int, {
    description:
      'Versions of the study the graph keeps (see `versions`); 0 for a study written before versions were kept.',
  })
  versionCount: number;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the study last changed (its newest version was written), UTC; null before versions were kept.',
  })
  lastChangedAt: string | null;
}

/** Maps a stored Study node to the GraphQL type. */
export function toStudy(row: Row): Study {
  const ids = (row.registryIds as string[] | undefined) ?? [];
  const registries = (row.registries as string[] | undefined) ?? [];
  const domains = (row.registryDomains as string[] | undefined) ?? [];
  return {
    id: row.id as string,
    acronym: (row.acronym as string) ?? null,
    title: row.title as string,
    // Studies stored before the origin was recorded were all curated.
    origin: (row.origin as string) ?? 'CURATED',
    phase: (row.phase as string) ?? null,
    allocation: (row.allocation as string) ?? null,
    masking: (row.masking as string) ?? null,
    status: (row.status as string) ?? null,
    designFeatures: (row.designFeatures as string[]) ?? [],
    designText: (row.designText as string) ?? null,
    enrolment: (row.enrolment as number) ?? null,
    enrolmentType: (row.enrolmentType as string) ?? null,
    startYear: (row.startYear as number) ?? null,
    year: (row.year as number) ?? null,
    countries: (row.countries as string[]) ?? [],
    siteCount: (row.siteCount as number) ?? null,
    countryCount: (row.countryCount as number) ?? null,
    registryIds: ids.map((id, i) => ({ id, registry: registries[i], domain: domains[i] || null })),
    notes: (row.notes as string[]) ?? [],
    adverseEventReporting:
      row.aeTimeFrame == null && row.aeDescription == null && row.aeFrequencyThreshold == null
        ? null
        : {
            timeFrame: (row.aeTimeFrame as string) ?? null,
            description: (row.aeDescription as string) ?? null,
            frequencyThreshold: (row.aeFrequencyThreshold as string) ?? null,
          },
    noLongerMatchedSince: (row.noLongerMatchedSince as string) ?? null,
    versionCount: (row.versionCount as number) ?? 0,
    lastChangedAt: (row.lastChangedAt as string) ?? null,
  };
}

@ObjectType({ description: 'A page of studies.' })
export class StudyConnection extends Connection(Study, 'studies') {}
