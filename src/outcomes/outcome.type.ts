import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConceptBase, conceptFields } from '../graphql/concept';
import { Connection } from '../graphql/connection';
import { EffectMeasure, Hypothesis, MeasurementUnit, OutcomeRole, Statistic } from '../graphql/enums';
import {
  ciOf,
  commentsOf,
  ConfidenceInterval,
  Dispersion,
  dispersionOf,
  pOf,
  PValue,
  rangeOf,
  SourceComment,
  Subgroup,
  subgroupOf,
  TimePoint,
  timePointOf,
  ValueRange,
} from '../graphql/values';

type Row = Record<string, unknown>;

@ObjectType({
  description:
    'An outcome concept shared across studies (progression-free survival, overall survival, response rate…).',
})
export class OutcomeConcept extends ConceptBase {
  @Field(() => String, { nullable: true, description: 'Usual abbreviation (e.g. "PFS").' })
  abbreviation: string | null;
}

@ObjectType({ description: 'An outcome of one study (its end point), linked to a shared outcome concept.' })
export class Outcome {
  @Field(() => ID, { description: 'Stable key of the outcome ("<study>/<outcome>").' })
  id: string;

  @Field({ description: 'Name as the study reports it (e.g. "2-year progression-free survival rate").' })
  name: string;

  @Field(() => OutcomeRole, { description: 'Role of the outcome in the study.' })
  role: string;

  @Field(() => String, { nullable: true, description: 'Definition as reported (e.g. "RECIST 1.1, central review").' })
  definition: string | null;

  @Field(() => String, { nullable: true, description: 'Time frame as reported.' })
  timeFrame: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Who was analysed, in the source's words (a registry's populationDescription, e.g. the full analysis set).",
  })
  analysisPopulation: string | null;
}

@ObjectType({ description: 'A measured value of an outcome, for one arm or for the whole cohort.' })
export class Measurement {
  @Field(() => ID, { description: 'Stable key of the measurement.' })
  id: string;

  @Field(() => Statistic, { description: 'What kind of number `value` is.' })
  statistic: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'The value in `unit` exactly as reported (38 means 38 %); null when the source reports none (see `valueText`).',
  })
  value: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The value in words when it is not a plain number (e.g. "not reached", "62–65", "NA").',
  })
  valueText: string | null;

  @Field(() => ValueRange, {
    nullable: true,
    description: 'A value the source states as a range ("62–65 %"); `value` is null then.',
  })
  range: ValueRange | null;

  @Field(() => MeasurementUnit, { description: 'Unit of `value` and of the confidence limits.' })
  unit: string;

  @Field(() => String, {
    nullable: true,
    description: "The unit in the source's words (a registry's unitOfMeasure), the only unit when `unit` is OTHER.",
  })
  unitText: string | null;

  @Field(() => TimePoint, { nullable: true, description: 'Time point of a landmark rate (e.g. 2 years).' })
  timePoint: TimePoint | null;

  @Field(() => ConfidenceInterval, { nullable: true, description: 'Confidence interval of `value`, when reported.' })
  ci: ConfidenceInterval | null;

  @Field(() => Dispersion, {
    nullable: true,
    description: 'The dispersion a registry reports beside the value (standard deviation, range).',
  })
  dispersion: Dispersion | null;

  @Field(() => Int, { nullable: true, description: 'Patients analysed, when reported.' })
  analysed: number | null;

  @Field(() => Subgroup, {
    nullable: true,
    description:
      'The subgroup measured, when the value is not of the whole arm or cohort (e.g. the pNET patients of an arm).',
  })
  subgroup: Subgroup | null;

  @Field(() => String, {
    nullable: true,
    description: 'The category counted, for a categorical outcome (e.g. "Partial response").',
  })
  category: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The titled row of the measure the value belongs to, as a registry titles it (a class: a score component, an analyte, a time point, or a subgroup; the record does not say which). A subgroup of patients that the source names as such is in `subgroup`.',
  })
  row: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The source\'s comment on the value ("NA: can\'t be estimated due to censored data").',
  })
  comment: string | null;
}

@ObjectType({ description: 'A between-arm comparison of an outcome: the treatment arm against the reference arm.' })
export class Comparison {
  @Field(() => ID, { description: 'Stable key of the comparison.' })
  id: string;

  @Field(() => EffectMeasure, {
    nullable: true,
    description: 'Effect measure of `estimate`; null when only a p-value is reported.',
  })
  effectMeasure: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Effect estimate of the treatment arm versus the reference arm (for a hazard ratio, below 1 favours treatment); null when not reported.',
  })
  estimate: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The estimate as printed when it is not a number ("NA", "not estimable").',
  })
  estimateText: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What the estimate is, in the source\'s words ("Odds Ratio (OR)", "LS Mean Difference"); kept whether or not it maps to `effectMeasure`.',
  })
  estimateType: string | null;

  @Field(() => Dispersion, {
    nullable: true,
    description: 'The dispersion reported beside the estimate (its standard error).',
  })
  dispersion: Dispersion | null;

  @Field(() => ConfidenceInterval, { nullable: true, description: 'Confidence interval of `estimate`, when reported.' })
  ci: ConfidenceInterval | null;

  @Field(() => PValue, { nullable: true, description: 'p-value of the comparison, when reported.' })
  p: PValue | null;

  @Field(() => Hypothesis, {
    nullable: true,
    description: 'The hypothesis tested, when the source states it (e.g. NON_INFERIORITY).',
  })
  hypothesis: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The hypothesis in the source's words (the non-inferiority margin).",
  })
  hypothesisText: string | null;

  @Field(() => Subgroup, { nullable: true, description: 'The subgroup compared, when not the whole arms.' })
  subgroup: Subgroup | null;

  @Field(() => String, { nullable: true, description: 'Statistical method as reported (e.g. "stratified log-rank").' })
  method: string | null;

  @Field(() => [SourceComment], {
    description:
      "The comments that qualify the analysis, word for word (a registry's groupDescription, statisticalComment, estimateComment, pValueComment…).",
  })
  comments: SourceComment[];
}

export function toOutcomeConcept(row: Row): OutcomeConcept {
  return { ...conceptFields(row), abbreviation: (row.abbreviation as string) ?? null };
}

export function toOutcome(row: Row): Outcome {
  return {
    id: row.id as string,
    name: row.name as string,
    role: row.role as string,
    definition: (row.definition as string) ?? null,
    timeFrame: (row.timeFrame as string) ?? null,
    analysisPopulation: (row.analysisPopulation as string) ?? null,
  };
}

export function toMeasurement(row: Row): Measurement {
  return {
    id: row.id as string,
    statistic: row.statistic as string,
    value: (row.value as number) ?? null,
    valueText: (row.valueText as string) ?? null,
    range: rangeOf(row),
    unit: row.unit as string,
    unitText: (row.unitText as string) ?? null,
    timePoint: timePointOf(row),
    ci: ciOf(row),
    dispersion: dispersionOf(row),
    analysed: (row.analysed as number) ?? null,
    subgroup: subgroupOf(row),
    category: (row.category as string) ?? null,
    row: (row.row as string) ?? null,
    comment: (row.comment as string) ?? null,
  };
}

export function toComparison(row: Row): Comparison {
  return {
    id: row.id as string,
    effectMeasure: (row.effectMeasure as string) ?? null,
    estimate: (row.estimate as number) ?? null,
    estimateText: (row.estimateText as string) ?? null,
    estimateType: (row.estimateType as string) ?? null,
    dispersion: dispersionOf(row),
    ci: ciOf(row),
    p: pOf(row),
    method: (row.method as string) ?? null,
    hypothesis: (row.hypothesis as string) ?? null,
    hypothesisText: (row.hypothesisText as string) ?? null,
    subgroup: subgroupOf(row),
    comments: commentsOf(row),
  };
}

@ObjectType({ description: 'A page of outcome concepts.' })
export class OutcomeConceptConnection extends Connection(OutcomeConcept, 'outcome concepts') {}

@ObjectType({ description: "A page of the outcomes of a study, in the study's order." })
export class OutcomeConnection extends Connection(Outcome, 'outcomes') {}

@ObjectType({ description: "A page of the measurements of an outcome, in the source's order." })
export class MeasurementConnection extends Connection(Measurement, 'measurements') {}

@ObjectType({ description: "A page of the comparisons of an outcome, in the source's order." })
export class ComparisonConnection extends Connection(Comparison, 'comparisons') {}
