import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { AppError, badInput, ErrorCode } from '../errors';
import { Context } from '../graphql/context';
import { UNDECLARED_LIST_SIZE } from '../graphql/limits';
import { materialize } from '../graphql/translate/materialize';
import { runStatement } from '../graphql/translate/read';
import { Statement } from '../graphql/translate/translate';
import { Comparison } from '../outcomes/outcome.type';
import { studyWhereTests } from '../studies/study.repository';
import { Study } from '../studies/study.type';
import { FOREST_PATH } from './forest.route';
import { poolCandidates } from './pooling.repository';
import { Candidate, choose, poolChosen } from './pooling.service';
import { PooledEstimate, PoolEstimatesArgs } from './pooling.type';

/** At most this many study or comparison keys in one request. */
const MAX_KEYS = 100;
/** At most this many comparisons of the concept in the studies asked: the size the cost limit assumes for `included` and `excluded`. */
const MAX_CANDIDATES = UNDECLARED_LIST_SIZE;

type Row = Candidate & { study: Record<string, unknown>; comparison: Record<string, unknown> };

@Resolver(() => PooledEstimate)
export class PoolingResolver {
  @Query(() => PooledEstimate, {
    description:
      "Pools one effect measure of one outcome concept across studies, on request (never stored): inverse-variance weights, ratios (HR, OR, RR) on the log scale, the random model by DerSimonian–Laird. Standard errors come from each comparison's confidence interval at its stated level (or `assumedCiLevel`). One comparison per study: the one named in `comparisons`, else that of the primary outcome (then the first outcome and comparison listed); every other comparison of the concept is listed in `excluded` with its reason. NOT_FOUND for an unknown concept; TOO_FEW_COMPARISONS, with the exclusions, when fewer than 2 can be pooled; BAD_USER_INPUT when the studies asked hold more than 100 comparisons of the concept.",
  })
  async poolEstimates(
    @Args() args: PoolEstimatesArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PooledEstimate> {
    if ((args.studies?.length ?? 0) > MAX_KEYS)
      throw badInput('studies', `at most ${MAX_KEYS} study keys (got ${args.studies!.length}).`);
    if ((args.comparisons?.length ?? 0) > MAX_KEYS)
      throw badInput('comparisons', `at most ${MAX_KEYS} comparison keys (got ${args.comparisons!.length}).`);
    if (args.assumedCiLevel != null) checkLevel('assumedCiLevel', args.assumedCiLevel);
    checkLevel('level', args.level);

    const stmt = new Statement(info);
    // One projection of Study and one of Comparison serve `included` and `excluded` alike.
    const under = (type: string, field: string, sub: string) =>
      stmt.subfieldNodes(type, stmt.subfieldNodes('PooledEstimate', info.fieldNodes, field), sub);
    const study = stmt.project('Study', 's', [
      ...under('PooledComparison', 'included', 'study'),
      ...under('ExcludedComparison', 'excluded', 'study'),
    ]);
    const comparison = stmt.project('Comparison', 'c', [
      ...under('PooledComparison', 'included', 'comparison'),
      ...under('ExcludedComparison', 'excluded', 'comparison'),
    ]);
    const tests = [
      ...(args.studies ? [`s.id IN ${stmt.param(args.studies)}`] : []),
      ...studyWhereTests(stmt, args.where, 's', 'w'),
    ];
    const row = await runStatement(
      ctx,
      stmt,
      poolCandidates(stmt.param(args.outcomeConcept), tests, study.cypher, comparison.cypher),
    );
    if (!row)
      throw new AppError(ErrorCode.NOT_FOUND, `No outcome concept has the id "${args.outcomeConcept}".`, {
        argument: 'outcomeConcept',
      });

    const rows = row.rows as Row[];
    if (rows.length > MAX_CANDIDATES) {
      throw badInput(
        'studies',
        `the studies asked hold ${rows.length} comparisons of "${args.outcomeConcept}", more than ${MAX_CANDIDATES}: name fewer studies or narrow them with \`where\`.`,
      );
    }
    const named = new Set(args.comparisons ?? []);
    const unknown = [...named].filter((id) => !rows.some((r) => r.id === id));
    if (unknown.length > 0)
      throw badInput(
        'comparisons',
        `not comparisons of "${args.outcomeConcept}" in the studies asked: ${unknown.join(', ')}.`,
      );
    const seen = new Map<string, string>();
    for (const r of rows.filter((x) => named.has(x.id))) {
      if (seen.has(r.studyId))
        throw badInput(
          'comparisons',
          `${seen.get(r.studyId)} and ${r.id} are both of study ${r.studyId}: name one comparison per study.`,
        );
      seen.set(r.studyId, r.id);
    }

    const choice = choose(rows, args.effectMeasure, args.assumedCiLevel ?? null, named);
    const excluded = choice.excluded
      .sort(
        (a, b) =>
          a.candidate.studyId.localeCompare(b.candidate.studyId) || a.candidate.id.localeCompare(b.candidate.id),
      )
      .map((e) => ({
        study: materialize(study.shape, e.candidate.study) as Study,
        comparison: materialize(comparison.shape, e.candidate.comparison) as Comparison,
        reason: e.reason,
      }));
    if (choice.included.length < 2) {
      throw new AppError(
        ErrorCode.TOO_FEW_COMPARISONS,
        `${choice.included.length} comparison(s) of "${args.outcomeConcept}" can be pooled as ${args.effectMeasure}; at least 2 are needed. Excluded: ${
          choice.excluded.map((e) => `${e.candidate.id} (${e.reason})`).join(', ') || 'none'
        }.`,
        {
          pooled: choice.included.map((c) => c.candidate.id),
          excluded: choice.excluded.map((e) => ({
            comparison: e.candidate.id,
            study: e.candidate.studyId,
            reason: e.reason,
          })),
        },
      );
    }
    const pooled = poolChosen(choice, args.effectMeasure, args.model, args.level);
    return {
      model: args.model,
      effectMeasure: args.effectMeasure,
      k: pooled.k,
      estimate: pooled.estimate,
      ci: { level: args.level, lower: pooled.lower, upper: pooled.upper },
      z: pooled.z,
      p: pooled.p,
      heterogeneity: { q: pooled.q, df: pooled.df, p: pooled.pQ!, tau2: pooled.tau2, i2: pooled.i2 * 100 },
      predictionInterval: pooled.prediction && { level: args.level, ...pooled.prediction },
      included: choice.included
        .map((c, i) => ({
          study: materialize(study.shape, c.candidate.study) as Study,
          comparison: materialize(comparison.shape, c.candidate.comparison) as Comparison,
          standardError: c.se,
          ciLevelAssumed: c.ciLevelAssumed,
          weight: pooled.weights[i] * 100,
        }))
        .sort((a, b) => b.weight - a.weight),
      excluded,
      plotUrl: plotUrlOf(args),
    };
  }
}

/** The forest plot's path for these arguments (src/pooling/forest.route.ts reads them back). */
function plotUrlOf(args: PoolEstimatesArgs): string {
  const params = new URLSearchParams({
    outcomeConcept: args.outcomeConcept,
    effectMeasure: args.effectMeasure,
    model: args.model,
  });
  if (args.studies) params.set('studies', args.studies.join(','));
  if (args.comparisons) params.set('comparisons', args.comparisons.join(','));
  if (args.where) params.set('where', JSON.stringify(args.where));
  if (args.assumedCiLevel != null) params.set('assumedCiLevel', String(args.assumedCiLevel));
  if (args.level !== 95) params.set('level', String(args.level));
  return `${FOREST_PATH}?${params}`;
}

/**
 * A confidence level is a percent between 1 and 100 (95). A number up to 1 is the other common
 * way to write it, a fraction (0.95): refused by name rather than read as 0.95 %, which would
 * give an interval of nonsense width.
 */
function checkLevel(argument: string, level: number): void {
  const percent = Math.round(level * 100_000) / 1000;
  if (level > 0 && level <= 1)
    throw badInput(argument, `is a percent: give ${percent} for a ${percent} % level, not the fraction ${level}.`);
  if (!(level > 1 && level < 100)) throw badInput(argument, 'must be a percent above 1 and below 100 (e.g. 95).');
}
