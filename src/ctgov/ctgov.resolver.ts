import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireWriteAccess } from '../auth';
import { badInput } from '../errors';
import { Context } from '../graphql/context';
import { refusedWrite } from '../imports/import.service';
import { importRecords } from './ctgov.service';
import { ImportClinicalTrialsGovPayload } from './ctgov.type';

/** Records per call: each is translated and validated before anything is written. */
const MAX_RECORDS = 50;

@Resolver()
export class CtgovResolver {
  @Mutation(() => ImportClinicalTrialsGovPayload, {
    description:
      "Imports ClinicalTrials.gov API v2 study records (each as `GET /api/v2/studies/{nctId}` returns it, at most 2 MB of JSON). Each becomes a study keyed by its NCT id in lower case (origin REGISTRY_IMPORT), every value citing the record (JSON path, the record's words, REGISTRY_REPORTED); a curated study with the same NCT id is kept and the record attached to it. All records are validated first; the valid ones are written and each invalid one is REJECTED with its issues at their JSON paths (one record's problem is its own). Each study is written atomically; re-importing the same record changes nothing. Needs the API key.",
  })
  async importClinicalTrialsGov(
    @Arg('records', () => [GraphQLJSONObject], { description: 'The v2 study records (at most 50).' })
    records: Record<string, unknown>[],
    @Ctx() ctx: Context,
    @Arg('keyPrefix', () => String, {
      nullable: true,
      description:
        'Prefix of every key the import creates (the study, its record document and publications, new concepts), joined with a hyphen: to try an import beside a curated graph. Such an import joins curated concepts and those created under its prefix, never those of the imports under another prefix. Lower-case letters and digits joined by single hyphens.',
    })
    keyPrefix?: string | null,
  ): Promise<ImportClinicalTrialsGovPayload> {
    requireWriteAccess(ctx.access);
    if (records.length === 0 || records.length > MAX_RECORDS)
      throw badInput('records', `give 1 to ${MAX_RECORDS} records (got ${records.length})`);
    if (keyPrefix != null && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(keyPrefix))
      throw badInput('keyPrefix', 'must be lower-case letters and digits joined by single hyphens');
    const outcome = await importRecords(
      ctx.executor,
      records.map((record, index) => ({ source: `records[${index}]`, record })),
      { counter: ctx.counter, keyPrefix: keyPrefix ?? undefined, changedBy: ctx.writer },
    ).catch(refusedWrite);
    return {
      written: outcome.written,
      results: outcome.results.map((r, index) => ({
        record: index,
        nctId: r.nctId,
        studyId: r.studyId,
        status: r.status,
        issues: r.issues,
        createdConcepts: r.createdConcepts,
        leftOut: r.leftOut,
      })),
    };
  }
}
