import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { AppError, badInput, ErrorCode } from '../errors';
import { ConceptsArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { readConnection } from '../graphql/translate/read';
import { toMonths } from '../seeds/seed.plan';
import { CompareOutcomeArgs, OutcomeComparisonRow, OutcomeComparisonRowConnection } from './compare.type';
import { compareOutcomeDecl } from './outcome.repository';
import { Comparison, Measurement, Outcome, OutcomeConcept, OutcomeConceptConnection } from './outcome.type';

@Resolver(() => OutcomeConcept)
export class OutcomeConceptResolver {
  @Query(() => OutcomeConceptConnection, {
    description: 'The shared outcome concepts (PFS, OS, response rate…), by name.',
  })
  outcomeConcepts(@Args() args: ConceptsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findConcepts(ctx, info, 'OutcomeConcept', args);
  }

  @Query(() => OutcomeComparisonRowConnection, {
    description:
      'A cross-study table for one outcome concept: one row per study, arm and measurement, with the between-arm comparisons. NOT_FOUND for an unknown concept.',
  })
  async compareOutcome(@Args() args: CompareOutcomeArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (args.timePoint && !(args.timePoint.value > 0)) throw badInput('timePoint.value', 'must be positive.');
    const { connection, found } = await readConnection(ctx, info, (stmt) => ({
      ...compareOutcomeDecl(stmt, {
        concept: args.outcomeConcept,
        condition: args.condition ?? null,
        includeNarrower: args.includeNarrower,
        statistic: args.statistic ?? null,
        timePointMonths: args.timePoint ? toMonths(args.timePoint.value, args.timePoint.unit) : null,
      }),
      args: { first: args.first, after: args.after },
    }));
    if (!found)
      throw new AppError(ErrorCode.NOT_FOUND, `No outcome concept has the id "${args.outcomeConcept}".`, {
        argument: 'outcomeConcept',
      });
    return connection;
  }
}

@Resolver(() => OutcomeComparisonRow)
export class OutcomeComparisonRowResolver {}

@Resolver(() => Outcome)
export class OutcomeResolver {}

@Resolver(() => Measurement)
export class MeasurementResolver {}

@Resolver(() => Comparison)
export class ComparisonResolver {}
