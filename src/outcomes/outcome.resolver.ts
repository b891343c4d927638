import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { AppError, badInput, ErrorCode } from '../errors';
import { Evidence } from '../evidence/evidence.type';
import { ConceptsArgs, ConceptStudiesArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { PageArgs } from '../graphql/pagination';
import { projected } from '../graphql/translate/materialize';
import { readConnection } from '../graphql/translate/read';
import { Statement } from '../graphql/translate/translate';
import { PredictorFinding } from '../predictors/predictor.type';
import { toMonths } from '../seeds/seed.plan';
import { Study, StudyConnection } from '../studies/study.type';
import { CompareOutcomeArgs, OutcomeComparisonRow, OutcomeComparisonRowConnection } from './compare.type';
import { compareOutcomeDecl } from './outcome.repository';
import { Comparison, ComparisonConnection, Measurement, MeasurementConnection, Outcome, OutcomeConcept, OutcomeConceptConnection } from './outcome.type';
import { ResultGroup } from '../groups/group.type';
import { WINDOWS } from '../model/bounds';

@Resolver(() => OutcomeConcept)
export class OutcomeConceptResolver {
  @Query(() => OutcomeConceptConnection, { description: 'The shared outcome concepts (PFS, OS, response rate…), by name.' })
  outcomeConcepts(@Args() args: ConceptsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findConcepts(ctx, info, 'OutcomeConcept', args);
  }

  @Query(() => OutcomeComparisonRowConnection, {
    description: 'A cross-study table for one outcome concept: one row per study, arm and measurement, with the between-arm comparisons. NOT_FOUND for an unknown concept.',
  })
  async compareOutcome(@Args() args: CompareOutcomeArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (args.timePoint && !(args.timePoint.value > 0)) throw badInput('timePoint.value', 'must be positive.');
    const stmt = new Statement(info);
    const decl = compareOutcomeDecl(stmt, {
      concept: args.outcomeConcept,
      condition: args.condition ?? null,
      includeNarrower: args.includeNarrower,
      statistic: args.statistic ?? null,
      timePointMonths: args.timePoint ? toMonths(args.timePoint.value, args.timePoint.unit) : null,
    });
    const { connection, found } = await readConnection(
      ctx,
      info,
      decl,
      { first: args.first, after: args.after },
      { stmt, found: `EXISTS { (:OutcomeConcept {id: ${stmt.param(args.outcomeConcept)}}) }` },
    );
    if (!found) throw new AppError(ErrorCode.NOT_FOUND, `No outcome concept has the id "${args.outcomeConcept}".`, { argument: 'outcomeConcept' });
    return connection;
  }

  @FieldResolver(() => StudyConnection, { description: 'Studies with an outcome of this concept (or of a narrower one; see `includeNarrower`), by title (without case), then key.' })
  studies(@Root() c: OutcomeConcept, @Args() _args: ConceptStudiesArgs, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => [OutcomeConcept], { description: 'Broader outcome concepts (IS_A, one step up): hepatic PFS → PFS.' })
  broader(@Root() c: OutcomeConcept, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => [OutcomeConcept], { description: 'Narrower outcome concepts (one step down).' })
  narrower(@Root() c: OutcomeConcept, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }
}

@Resolver(() => OutcomeComparisonRow)
export class OutcomeComparisonRowResolver {
  @FieldResolver(() => Study, { description: 'The study.' })
  study(@Root() row: OutcomeComparisonRow, @Info() info: GraphQLResolveInfo) {
    return projected(row, info);
  }

  @FieldResolver(() => Outcome, { description: 'The study\'s outcome.' })
  outcome(@Root() row: OutcomeComparisonRow, @Info() info: GraphQLResolveInfo) {
    return projected(row, info);
  }

  @FieldResolver(() => Arm, { nullable: true, description: 'The arm measured; null for the whole cohort, or for a registry result group that is no arm (see `group`).' })
  arm(@Root() row: OutcomeComparisonRow, @Info() info: GraphQLResolveInfo) {
    return projected(row, info);
  }

  @FieldResolver(() => ResultGroup, { nullable: true, description: 'The registry result group measured (an analysis population, a period…), when the source reports by result group.' })
  group(@Root() row: OutcomeComparisonRow, @Info() info: GraphQLResolveInfo) {
    return projected(row, info);
  }

  @FieldResolver(() => Measurement, { description: 'The measurement (value, unit, time point, patients analysed, evidence).' })
  measurement(@Root() row: OutcomeComparisonRow, @Info() info: GraphQLResolveInfo) {
    return projected(row, info);
  }

  @FieldResolver(() => [Comparison], {
    description:
      'Comparisons of the outcome that involve this row: those that compare its result group (a registry value), else those in which its arm is the treatment or the reference arm, else all comparisons of the outcome (a whole-cohort row).',
  })
  comparisons(@Root() row: OutcomeComparisonRow, @Info() info: GraphQLResolveInfo) {
    return projected(row, info);
  }
}

@Resolver(() => Outcome)
export class OutcomeResolver {
  @FieldResolver(() => Study, { description: 'The study.' })
  study(@Root() o: Outcome, @Info() info: GraphQLResolveInfo) {
    return projected(o, info);
  }

  @FieldResolver(() => OutcomeConcept, { description: 'The shared outcome concept this outcome measures.' })
  concept(@Root() o: Outcome, @Info() info: GraphQLResolveInfo) {
    return projected(o, info);
  }

  @FieldResolver(() => [Measurement], {
    description: `Measured values, per arm, result group or for the whole cohort, in the source's order: the first ${WINDOWS.measurementsPerOutcome.window}; page through \`measurementsConnection\` for all.`,
  })
  measurements(@Root() o: Outcome, @Info() info: GraphQLResolveInfo) {
    return projected(o, info);
  }

  @FieldResolver(() => MeasurementConnection, { description: 'Every measured value of this outcome, paged, in the order of `measurements`.' })
  measurementsConnection(@Root() o: Outcome, @Args() _args: PageArgs, @Info() info: GraphQLResolveInfo) {
    return projected(o, info);
  }

  @FieldResolver(() => [Comparison], { description: `Between-arm (or between-group) comparisons of this outcome, in the source's order: the first ${WINDOWS.comparisonsPerOutcome.window}; page through \`comparisonsConnection\` for all.` })
  comparisons(@Root() o: Outcome, @Info() info: GraphQLResolveInfo) {
    return projected(o, info);
  }

  @FieldResolver(() => ComparisonConnection, { description: 'Every comparison of this outcome, paged, in the order of `comparisons`.' })
  comparisonsConnection(@Root() o: Outcome, @Args() _args: PageArgs, @Info() info: GraphQLResolveInfo) {
    return projected(o, info);
  }

  @FieldResolver(() => [PredictorFinding], { description: 'Predictors evaluated for this outcome.' })
  predictorFindings(@Root() o: Outcome, @Info() info: GraphQLResolveInfo) {
    return projected(o, info);
  }
}

@Resolver(() => Measurement)
export class MeasurementResolver {
  @FieldResolver(() => Arm, { nullable: true, description: 'The arm measured; null for the whole cohort, or for a result group that is no arm (see `group`).' })
  arm(@Root() m: Measurement, @Info() info: GraphQLResolveInfo) {
    return projected(m, info);
  }

  @FieldResolver(() => ResultGroup, { nullable: true, description: 'The registry result group measured, when the source reports by result group; null for a curated value.' })
  group(@Root() m: Measurement, @Info() info: GraphQLResolveInfo) {
    return projected(m, info);
  }

  @FieldResolver(() => Outcome, { description: 'The outcome measured.' })
  outcome(@Root() m: Measurement, @Info() info: GraphQLResolveInfo) {
    return projected(m, info);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted source of the value.' })
  evidence(@Root() m: Measurement, @Info() info: GraphQLResolveInfo) {
    return projected(m, info);
  }
}

@Resolver(() => Comparison)
export class ComparisonResolver {
  @FieldResolver(() => Arm, {
    nullable: true,
    description: 'The treatment arm (numerator of a hazard ratio); null where the source does not say which group is which, or compares groups that are no arms (see `groups`).',
  })
  treatmentArm(@Root() c: Comparison, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => Arm, { nullable: true, description: 'The reference arm (denominator of a hazard ratio); null as for `treatmentArm`.' })
  referenceArm(@Root() c: Comparison, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => [ResultGroup], { description: 'The registry result groups the analysis compares, in the record\'s order; empty for a curated comparison.' })
  groups(@Root() c: Comparison, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => ResultGroup, { nullable: true, description: 'Of `groups`, the one whose effect is estimated, when the record\'s words say so ("CZP/Placebo", "Dupilumab vs. Placebo"); null otherwise.' })
  treatmentGroup(@Root() c: Comparison, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => ResultGroup, { nullable: true, description: 'Of `groups`, the one the treatment group is compared with, when the record\'s words say so.' })
  referenceGroup(@Root() c: Comparison, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => Outcome, { description: 'The outcome compared.' })
  outcome(@Root() c: Comparison, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted source of the comparison.' })
  evidence(@Root() c: Comparison, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }
}
