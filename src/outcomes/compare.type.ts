import { ArgsType, Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../graphql/connection';
import { Statistic, TimeUnit } from '../graphql/enums';
import { PageArgs } from '../graphql/pagination';

@InputType({ description: 'A time point after randomization, e.g. { value: 2, unit: YEARS } (equal to 24 months).' })
export class TimePointInput {
  @Field(() => Float, { description: 'Amount of time, in `unit`; positive.' })
  value: number;

  @Field(() => TimeUnit, { description: 'Unit of `value`.' })
  unit: string;
}

@ArgsType()
export class CompareOutcomeArgs extends PageArgs {
  @Field(() => ID, { description: 'Key of the outcome concept (e.g. "progression-free-survival").' })
  outcomeConcept: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only studies whose population has this condition (or a narrower one, see `includeNarrower`).',
  })
  condition?: string;

  @Field({ defaultValue: true, description: 'With `condition`: also studies of narrower conditions.' })
  includeNarrower: boolean = true;

  @Field(() => Statistic, { nullable: true, description: 'Only measurements of this kind (e.g. MEDIAN).' })
  statistic?: string;

  @Field(() => TimePointInput, {
    nullable: true,
    description: 'Only landmark measurements at this time point (compared in months: 2 years = 24 months).',
  })
  timePoint?: TimePointInput;
}

@ObjectType({
  description:
    'One row of a cross-study outcome table: a measurement of one arm (or of the whole cohort) and the between-arm comparisons of its outcome that involve that arm.',
})
export class OutcomeComparisonRow {
  // Every field is a relation of the row's measurement: see OutcomeComparisonRowResolver and src/outcomes/outcome.fields.ts.
}

@ObjectType({ description: 'A page of a cross-study outcome table.' })
export class OutcomeComparisonRowConnection extends Connection(OutcomeComparisonRow, 'rows') {}
