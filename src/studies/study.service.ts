import { Context } from '../graphql/context';
import { toConnection, toPage } from '../graphql/pagination';
import { RELATED_STUDIES, STUDIES_PAGE, STUDY_EXISTS } from './study.repository';
import { StudiesArgs, SortDirection, StudySortField } from './study.args';
import { toStudy } from './study.type';
import { rankRelated, RelatedStudy, SharedRow } from './related';
import { AppError, badInput, ErrorCode } from '../errors';

type Row = Record<string, unknown>;

/** Reads a page of studies matching the filters, in one round trip. */
export async function findStudies(ctx: Context, args: StudiesArgs) {
  const page = toPage(args.first, args.after);
  const w = args.where;
  if (w?.yearFrom != null && w?.yearTo != null && w.yearFrom > w.yearTo) throw badInput('where.yearFrom', 'must not be after where.yearTo.');
  const field = args.sort?.field ?? StudySortField.TITLE;
  const direction = args.sort?.direction ?? SortDirection.ASC;
  const params = {
    registryId: w?.registryId ?? null,
    phases: w?.phases ?? null,
    allocation: w?.allocation ?? null,
    masking: w?.masking ?? null,
    designFeatures: w?.designFeatures ?? null,
    yearFrom: w?.yearFrom ?? null,
    yearTo: w?.yearTo ?? null,
    conditions: w?.conditionIds ?? null,
    includeNarrower: w?.includeNarrowerConditions ?? true,
    interventions: w?.interventionIds ?? null,
    outcomeConcepts: w?.outcomeConceptIds ?? null,
    predictors: w?.predictorIds ?? null,
    offset: page.offset,
    limit: page.limit,
  };
  const [row] = await ctx.executor.read<{ total: number; nodes: Row[] }>(STUDIES_PAGE[field][direction], params, ctx.counter);
  return toConnection(row.nodes.map(toStudy), row.total, page);
}

/** The studies that share something with `id`, best first; NOT_FOUND when `id` is unknown. */
export async function findRelatedStudies(ctx: Context, id: string, first: number): Promise<RelatedStudy[]> {
  const { limit } = toPage(first, null);
  const rows = await ctx.executor.read<{ study: Row; shared: SharedRow[] }>(RELATED_STUDIES, { id }, ctx.counter);
  if (rows.length === 0) {
    const exists = await ctx.executor.read(STUDY_EXISTS, { id }, ctx.counter);
    if (exists.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `No study has the id "${id}".`, { argument: 'id' });
  }
  return rankRelated(rows.map((r) => ({ study: toStudy(r.study), shared: r.shared }))).slice(0, limit);
}
