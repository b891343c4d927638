import { int } from 'neo4j-driver';
import { GraphQLResolveInfo } from 'graphql';
import { AppError, badInput, ErrorCode } from '../errors';
import { Context } from '../graphql/context';
import { toPage } from '../graphql/pagination';
import { materialize } from '../graphql/translate/materialize';
import { readConnection, runStatement } from '../graphql/translate/read';
import { Statement } from '../graphql/translate/translate';
import { RelatedStudy, SharedConcept } from './related';
import { RANKED_RELATED, studiesDecl } from './study.repository';
import { SortDirection, StudiesArgs, StudySortField } from './study.args';
import { Study } from './study.type';

/** A page of studies matching the filters, with what the selection asks of them: one round trip. */
export async function findStudies(ctx: Context, info: GraphQLResolveInfo, args: StudiesArgs) {
  const w = args.where;
  if (w?.yearFrom != null && w?.yearTo != null && w.yearFrom > w.yearTo)
    throw badInput('where.yearFrom', 'must not be after where.yearTo.');
  const { connection } = await readConnection(ctx, info, (stmt) => ({
    ...studiesDecl(stmt, w, args.sort?.field ?? StudySortField.TITLE, args.sort?.direction ?? SortDirection.ASC),
    args: { first: args.first, after: args.after },
  }));
  return connection;
}

/** The studies that share something with `id`, best first, each projected for the selection; NOT_FOUND when `id` is unknown. */
export async function findRelatedStudies(
  ctx: Context,
  info: GraphQLResolveInfo,
  id: string,
  first: number,
): Promise<RelatedStudy[]> {
  const { limit } = toPage(first, null);
  const stmt = new Statement(info);
  stmt.bind('id', id);
  stmt.bind('first', int(limit));
  const study = stmt.project('Study', 'other', stmt.subfieldNodes('RelatedStudy', info.fieldNodes, 'study'));
  // The study's existence rides along, so an unknown key costs no second round trip.
  const row = await runStatement(
    ctx,
    stmt,
    `OPTIONAL MATCH (known:Study {id: $id})
CALL (known) {
  ${RANKED_RELATED.trim().replace(/\n/g, '\n  ')}
  RETURN collect({score: score, shared: concepts, study: ${study.cypher}}) AS related
}
RETURN known IS NOT NULL AS found, related`,
  );
  if (!row?.found) throw new AppError(ErrorCode.NOT_FOUND, `No study has the id "${id}".`, { argument: 'id' });
  return (row.related as { score: number; shared: SharedConcept[]; study: Record<string, unknown> }[]).map((r) => ({
    score: r.score,
    shared: [...r.shared].sort(
      (a, b) => b.weight - a.weight || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
    ),
    study: materialize(study.shape, r.study) as Study,
  }));
}
