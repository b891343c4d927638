import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Statistic } from '../graphql/enums';
import { ciOf, ConfidenceInterval, Dispersion, dispersionOf } from '../graphql/values';

type Row = Record<string, unknown>;

@ObjectType({
  description:
    'A baseline characteristic of the participants (age, sex, a baseline score) as a registry reports it, with its values per result group.',
})
export class BaselineMeasure {
  @Field(() => ID, { description: 'Stable key of the measure.' })
  id: string;

  @Field({ description: 'Title as the record gives it ("Age, Continuous").' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Description as the record gives it.' })
  description: string | null;

  @Field(() => String, { nullable: true, description: "Who was analysed, in the record's words." })
  analysisPopulation: string | null;

  @Field(() => Statistic, { description: 'What kind of number the values are.' })
  statistic: string;

  @Field(() => String, {
    nullable: true,
    description: 'Unit of the values, in the record\'s words ("years", "Participants").',
  })
  unitText: string | null;
}

@ObjectType({ description: 'A value of a baseline characteristic for one result group.' })
export class BaselineValue {
  @Field(() => ID, { description: 'Stable key of the value.' })
  id: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'The value as reported; null when the record gives none (see `valueText`). May be negative where the quantity allows it.',
  })
  value: number | null;

  @Field(() => String, { nullable: true, description: 'The value in words when it is not a plain number ("NA").' })
  valueText: string | null;

  @Field(() => ConfidenceInterval, { nullable: true, description: 'Confidence interval of the value, when reported.' })
  ci: ConfidenceInterval | null;

  @Field(() => Dispersion, {
    nullable: true,
    description: 'Dispersion reported beside the value (standard deviation, range).',
  })
  dispersion: Dispersion | null;

  @Field(() => Int, { nullable: true, description: 'Participants analysed, when reported.' })
  analysed: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The titled row of the measure the value belongs to (a registry class, e.g. "Asian"), as the record titles it.',
  })
  row: string | null;

  @Field(() => String, { nullable: true, description: 'The category counted (e.g. "Female").' })
  category: string | null;

  @Field(() => String, { nullable: true, description: "The record's comment on the value." })
  comment: string | null;
}

export function toBaselineMeasure(row: Row): BaselineMeasure {
  return {
    id: row.id as string,
    title: row.title as string,
    description: (row.description as string) ?? null,
    analysisPopulation: (row.analysisPopulation as string) ?? null,
    statistic: row.statistic as string,
    unitText: (row.unitText as string) ?? null,
  };
}

export function toBaselineValue(row: Row): BaselineValue {
  return {
    id: row.id as string,
    value: (row.value as number) ?? null,
    valueText: (row.valueText as string) ?? null,
    ci: ciOf(row),
    dispersion: dispersionOf(row),
    analysed: (row.analysed as number) ?? null,
    row: (row.row as string) ?? null,
    category: (row.category as string) ?? null,
    comment: (row.comment as string) ?? null,
  };
}
