// GET /plots/forest.svg: the forest plot of poolEstimates, from the same arguments as query
// parameters. The route runs FOREST_QUERY through the GraphQL pipeline (limits, deadline, error
// codes) and turns its answer into SVG.
import { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '../errors';
import { refusal } from '../http/errors';
import { GraphQLPipeline } from '../http/pipeline';
import { refuseOtherMethods } from '../http/routing';
import { forestSvg, ForestPlot } from './forest.svg';
import { SCALE_OF_MEASURE } from './pooling.service';

export const FOREST_PATH = '/plots/forest.svg';

export const FOREST_QUERY = `query ForestPlot($outcomeConcept: ID!, $effectMeasure: EffectMeasure!, $studies: [ID!], $where: StudyWhere, $model: PoolingModel, $comparisons: [ID!], $assumedCiLevel: Float, $level: Float) {
  poolEstimates(outcomeConcept: $outcomeConcept, effectMeasure: $effectMeasure, studies: $studies, where: $where, model: $model, comparisons: $comparisons, assumedCiLevel: $assumedCiLevel, level: $level) {
    model effectMeasure k estimate ci { level lower upper }
    heterogeneity { q df p tau2 i2 }
    predictionInterval { lower upper }
    included { study { id acronym } comparison { estimate ci { lower upper } outcome { concept { name } } } ciLevelAssumed weight }
  }
}`;

const LISTS = ['studies', 'comparisons'] as const;
const NUMBERS = ['assumedCiLevel', 'level'] as const;
const TEXTS = ['outcomeConcept', 'effectMeasure', 'model'] as const;
const KNOWN = new Set<string>([...LISTS, ...NUMBERS, ...TEXTS, 'where']);

/** The variables of FOREST_QUERY from the query parameters (lists comma-separated, `where` as JSON), or the parameter that is wrong. */
export function forestVariables(
  params: URLSearchParams,
): { variables: Record<string, unknown> } | { argument: string; message: string } {
  for (const name of params.keys())
    if (!KNOWN.has(name))
      return { argument: name, message: `unknown parameter; the parameters are ${[...KNOWN].join(', ')}.` };
  const variables: Record<string, unknown> = {};
  for (const name of TEXTS) if (params.has(name)) variables[name] = params.get(name);
  for (const name of ['outcomeConcept', 'effectMeasure'])
    if (!variables[name]) return { argument: name, message: 'is required.' };
  for (const name of LISTS)
    if (params.has(name))
      variables[name] = params
        .get(name)!
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
  for (const name of NUMBERS) {
    if (!params.has(name)) continue;
    const value = Number(params.get(name));
    if (params.get(name)!.trim() === '' || !Number.isFinite(value))
      return { argument: name, message: `must be a number (got "${params.get(name)}").` };
    variables[name] = value;
  }
  if (params.has('where')) {
    try {
      variables.where = JSON.parse(params.get('where')!);
    } catch {
      return { argument: 'where', message: 'must be a StudyWhere as JSON, e.g. {"conditionIds":["pancreatic-net"]}.' };
    }
  }
  return { variables };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const MEASURE_NAMES: Record<string, string> = {
  HAZARD_RATIO: 'Hazard ratio',
  ODDS_RATIO: 'Odds ratio',
  RISK_RATIO: 'Risk ratio',
  RATE_DIFFERENCE: 'Rate difference',
};
const MODEL_NAMES: Record<string, string> = {
  FIXED: 'fixed effect',
  RANDOM_DERSIMONIAN_LAIRD: 'random effects, DerSimonian–Laird',
};
/** The pooled row's label, short enough for the label column. */
const MODEL_LABELS: Record<string, string> = { FIXED: 'Pooled (fixed)', RANDOM_DERSIMONIAN_LAIRD: 'Pooled (random)' };
/** A limit of the prediction interval, to 2 significant digits (they span orders of magnitude when k is small). */
const fmtLimit = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(2)).toString());
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** The SVG of a poolEstimates answer (its FOREST_QUERY selection). */
export function forestOf(pooled: Json): string {
  const h = pooled.heterogeneity;
  const concept = pooled.included[0]?.comparison.outcome.concept.name ?? '';
  const plot: ForestPlot = {
    title: `${concept}: ${MEASURE_NAMES[pooled.effectMeasure]}, ${pooled.k} studies`,
    measure: MEASURE_NAMES[pooled.effectMeasure],
    scale: SCALE_OF_MEASURE[pooled.effectMeasure],
    rows: pooled.included.map((c: Json) => ({
      label: c.study.acronym ?? c.study.id,
      estimate: c.comparison.estimate,
      lower: c.comparison.ci.lower,
      upper: c.comparison.ci.upper,
      weight: c.weight,
      ciLevelAssumed: c.ciLevelAssumed,
    })),
    pooled: {
      estimate: pooled.estimate,
      lower: pooled.ci.lower,
      upper: pooled.ci.upper,
      level: pooled.ci.level,
      label: MODEL_LABELS[pooled.model],
    },
    prediction: pooled.predictionInterval,
    footnote: `Inverse-variance pooling, ${MODEL_NAMES[pooled.model]}. Heterogeneity: Q = ${h.q.toFixed(2)} (df = ${h.df}), ${pText(h.p)}; τ² = ${h.tau2.toFixed(3)}; I² = ${h.i2.toFixed(1)} %.${pooled.predictionInterval ? ` Red line: ${pooled.ci.level} % prediction interval, ${fmtLimit(pooled.predictionInterval.lower)}–${fmtLimit(pooled.predictionInterval.upper)} (an arrow: it goes on beyond the axis).` : ''}`,
  };
  return forestSvg(plot);
}

/** The status of a forest plot that poolEstimates refused, by the code of its error (the field errors that leave /graphql at 200). */
const FOREST_STATUS: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.TOO_FEW_COMPARISONS]: 422,
};

/**
 * GET /plots/forest.svg: a wrong parameter or an error of poolEstimates is answered as JSON with
 * its code (400 for bad input, 404 for an unknown concept, 422 for too few comparisons).
 */
export const forestRoute: FastifyPluginAsync<{ pipeline: GraphQLPipeline }> = async (fastify, { pipeline }) => {
  fastify.get(FOREST_PATH, async (request, reply) => {
    const parsed = forestVariables(new URL(request.url, 'http://localhost').searchParams);
    if ('argument' in parsed)
      throw refusal(ErrorCode.BAD_USER_INPUT, `Parameter "${parsed.argument}": ${parsed.message}`, 400);
    const { status, result } = await pipeline.execute(request, { query: FOREST_QUERY, variables: parsed.variables });
    const pooled = (result.data as { poolEstimates?: unknown } | null | undefined)?.poolEstimates;
    if (result.errors?.length || !pooled) {
      const code = String(result.errors?.[0]?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
      const errors = (result.errors ?? []).map((error) => ({
        ...error,
        extensions: { ...error.extensions, requestId: request.id },
      }));
      return reply.code(status !== 200 ? status : (FOREST_STATUS[code] ?? 500)).send({ errors });
    }
    return reply
      .type('image/svg+xml; charset=utf-8')
      .headers({
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'x-content-type-options': 'nosniff',
      })
      .send(forestOf(pooled));
  });
  refuseOtherMethods(fastify, FOREST_PATH, ['GET']);
};
