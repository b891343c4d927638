import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EffectMeasure } from '../graphql/enums';
import { Comparison } from '../outcomes/outcome.type';
import { StudyWhere } from '../studies/study.args';
import { Study } from '../studies/study.type';

export enum PoolingModel {
  FIXED = 'FIXED',
  RANDOM_DERSIMONIAN_LAIRD = 'RANDOM_DERSIMONIAN_LAIRD',
}
registerEnumType(PoolingModel, {
  name: 'PoolingModel',
  description: 'How estimates are pooled: inverse-variance weights, on the log scale for ratios.',
  valuesConfig: {
    FIXED: { description: 'Fixed effect: one common effect, each study weighed by 1/SE².' },
    RANDOM_DERSIMONIAN_LAIRD: {
      description:
        'Random effects: study effects vary around a mean, each study weighed by 1/(SE² + τ²), τ² by DerSimonian and Laird (truncated at 0).',
    },
  },
});

export enum ExclusionReason {
  DIFFERENT_MEASURE = 'DIFFERENT_MEASURE',
  NO_ESTIMATE = 'NO_ESTIMATE',
  NO_CI = 'NO_CI',
  CI_LEVEL_UNKNOWN = 'CI_LEVEL_UNKNOWN',
  INVALID_CI = 'INVALID_CI',
  DIRECTION_UNKNOWN = 'DIRECTION_UNKNOWN',
  NOT_CHOSEN_FOR_STUDY = 'NOT_CHOSEN_FOR_STUDY',
}
registerEnumType(ExclusionReason, {
  name: 'ExclusionReason',
  description: 'Why a comparison of the outcome concept is not in a pooled estimate.',
  valuesConfig: {
    DIFFERENT_MEASURE: {
      description: 'Its effect measure is another than the one pooled (or it has none: a p-value only).',
    },
    NO_ESTIMATE: { description: 'The source gives no estimate.' },
    NO_CI: {
      description: 'The source gives no confidence interval, or only one limit: no standard error can be derived.',
    },
    CI_LEVEL_UNKNOWN: {
      description: 'The source does not state the level of the interval, and `assumedCiLevel` was not given.',
    },
    INVALID_CI: { description: 'The interval does not hold the estimate, or a ratio is not above 0.' },
    DIRECTION_UNKNOWN: {
      description:
        'The source does not say which group is the treatment (a registry analysis whose words name no direction): its estimate could be the inverse of the others.',
    },
    NOT_CHOSEN_FOR_STUDY: {
      description: 'Another comparison of the same study is pooled (one per study: see `poolEstimates`).',
    },
  },
});

@ArgsType()
export class PoolEstimatesArgs {
  @Field(() => ID, { description: 'Key of the outcome concept (e.g. "progression-free-survival").' })
  outcomeConcept: string;

  @Field(() => EffectMeasure, {
    description: 'The effect measure pooled (e.g. HAZARD_RATIO); comparisons of other measures are excluded.',
  })
  effectMeasure: string;

  @Field(() => [ID], { nullable: true, description: 'Only these studies (at most 100 keys).' })
  studies?: string[];

  @Field(() => StudyWhere, { nullable: true, description: 'Only the studies these filters match, as in `studies`.' })
  where?: StudyWhere;

  @Field(() => PoolingModel, {
    defaultValue: PoolingModel.RANDOM_DERSIMONIAN_LAIRD,
    description: 'Fixed or random effects.',
  })
  model: PoolingModel = PoolingModel.RANDOM_DERSIMONIAN_LAIRD;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Comparison keys that override the choice for their studies: each named comparison is the one pooled for its study (at most 100 keys). Without it, each study gives the comparison of its primary outcome, then of its first outcome listed, then its first comparison listed.',
  })
  comparisons?: string[];

  @Field(() => Float, {
    nullable: true,
    description:
      'A confidence level in percent (e.g. 95; above 1 and below 100, a fraction such as 0.95 is refused) assumed for intervals whose source states none. Without it such comparisons are excluded (CI_LEVEL_UNKNOWN); with it they are pooled and marked `ciLevelAssumed`.',
  })
  assumedCiLevel?: number;

  @Field(() => Float, {
    defaultValue: 95,
    description:
      'Level in percent of the pooled confidence and prediction intervals (above 1 and below 100; a fraction such as 0.95 is refused).',
  })
  level: number = 95;
}

@ObjectType({ description: 'An interval at a level in percent.' })
export class PooledInterval {
  @Field(() => Float, { description: 'Level in percent.' })
  level: number;

  @Field(() => Float, { description: 'Lower limit, on the scale of the measure (a ratio for HR, OR, RR).' })
  lower: number;

  @Field(() => Float, { description: 'Upper limit, on the scale of the measure.' })
  upper: number;
}

@ObjectType({ description: 'Between-study heterogeneity of the fixed-effect fit.' })
export class Heterogeneity {
  @Field(() => Float, {
    description:
      "Cochran's Q: the weighted sum of squared deviations from the fixed-effect estimate, on the pooling scale.",
  })
  q: number;

  @Field(() => Int, { description: 'Degrees of freedom of Q: k − 1.' })
  df: number;

  @Field(() => Float, { description: 'p-value of Q against χ²(df).' })
  p: number;

  @Field(() => Float, {
    description: 'τ², the between-study variance on the pooling scale (DerSimonian–Laird, truncated at 0).',
  })
  tau2: number;

  @Field(() => Float, {
    description:
      'I² = max(0, (Q − df) / Q), in percent: the share of the variation due to heterogeneity rather than chance.',
  })
  i2: number;
}

@ObjectType({ description: 'One comparison in a pooled estimate.' })
export class PooledComparison {
  @Field(() => Study, { description: 'Its study.' })
  study: Study;

  @Field(() => Comparison, {
    description: 'The comparison: arms, estimate, interval, p-value and the quoted evidence of each number.',
  })
  comparison: Comparison;

  @Field(() => Float, {
    description:
      'Standard error on the pooling scale (log for ratios), from the interval: (g(upper) − g(lower)) / (2 z), z the normal quantile of the level.',
  })
  standardError: number;

  @Field({ description: "True when the interval's level is `assumedCiLevel`, the source stating none." })
  ciLevelAssumed: boolean;

  @Field(() => Float, { description: 'Share of the total weight, in percent.' })
  weight: number;
}

@ObjectType({ description: 'A comparison of the outcome concept left out of a pooled estimate, and why.' })
export class ExcludedComparison {
  @Field(() => Study, { description: 'Its study.' })
  study: Study;

  @Field(() => Comparison, { description: 'The comparison.' })
  comparison: Comparison;

  @Field(() => ExclusionReason, { description: 'Why it is left out.' })
  reason: ExclusionReason;
}

@ObjectType({
  description:
    'Estimates of one outcome concept and effect measure pooled across studies by inverse variance, computed on request from the stored comparisons (never stored). Ratios are pooled on the log scale.',
})
export class PooledEstimate {
  @Field(() => PoolingModel, { description: 'The model.' })
  model: PoolingModel;

  @Field(() => EffectMeasure, { description: 'The effect measure pooled.' })
  effectMeasure: string;

  @Field(() => Int, { description: 'Number of comparisons pooled (one per study).' })
  k: number;

  @Field(() => Float, { description: 'The pooled estimate, on the scale of the measure.' })
  estimate: number;

  @Field(() => PooledInterval, { description: 'Its confidence interval at `level`.' })
  ci: PooledInterval;

  @Field(() => Float, { description: 'z of the pooled effect against no effect (estimate / SE on the pooling scale).' })
  z: number;

  @Field(() => Float, { description: 'Two-sided p-value of z.' })
  p: number;

  @Field(() => Heterogeneity, { description: "Cochran's Q, τ² and I²." })
  heterogeneity: Heterogeneity;

  @Field(() => PooledInterval, {
    nullable: true,
    description:
      'Where the effect of a new study would lie: random model with k ≥ 3 only (estimate ± t(k − 2) √(τ² + SE²)); null otherwise.',
  })
  predictionInterval: PooledInterval | null;

  @Field(() => [PooledComparison], { description: 'The comparisons pooled, by weight, largest first.' })
  included: PooledComparison[];

  @Field(() => [ExcludedComparison], {
    description: 'The comparisons of the concept in the studies asked that are left out, each with its reason.',
  })
  excluded: ExcludedComparison[];

  @Field({
    description:
      'Path of the forest plot of this estimate on this server: GET it for an SVG (same arguments as query parameters).',
  })
  plotUrl: string;
}
