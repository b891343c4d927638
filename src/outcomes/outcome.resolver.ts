import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { toArm } from '../arms/arm.type';
import { badInput, AppError, ErrorCode } from '../errors';
import { Evidence } from '../evidence/evidence.type';
import { ConceptsArgs, conceptPage } from '../graphql/concept-args';
import { findConcepts, pagedConnection } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { PageArgs, toConnection, toPage } from '../graphql/pagination';
import { PredictorFinding } from '../predictors/predictor.type';
import { toMonths } from '../seeds/seed.plan';
import { Study, StudyConnection, toStudy } from '../studies/study.type';
import { CompareOutcomeArgs, OutcomeComparisonRow, OutcomeComparisonRowConnection } from './compare.type';
import { COMPARE_OUTCOME, OUTCOME_CONCEPT_EXISTS } from './outcome.repository';
import { Comparison, Measurement, Outcome, OutcomeConcept, OutcomeConceptConnection, toMeasurement, toOutcome, toOutcomeConcept } from './outcome.type';

const OUTCOME_CONCEPTS_PAGE = conceptPage('OutcomeConcept');
type Row = Record<string, unknown>;

@Resolver(() => OutcomeConcept)
export class OutcomeConceptResolver {
  @Query(() => OutcomeConceptConnection, { description: 'The shared outcome concepts (PFS, OS, response rate…), by name.' })
  outcomeConcepts(@Args() args: ConceptsArgs, @Ctx() ctx: Context) {
    return findConcepts(ctx, OUTCOME_CONCEPTS_PAGE, args, toOutcomeConcept);
  }

  @Query(() => OutcomeComparisonRowConnection, {
    description: 'A cross-study table for one outcome concept: one row per study, arm and measurement, with the between-arm comparisons. NOT_FOUND for an unknown concept.',
  })
  async compareOutcome(@Args() args: CompareOutcomeArgs, @Ctx() ctx: Context) {
    const page = toPage(args.first, args.after);
    if (args.timePoint && !(args.timePoint.value > 0)) throw badInput('timePoint.value', 'must be positive.');
    const params = {
      concept: args.outcomeConcept,
      condition: args.condition ?? null,
      includeNarrower: args.includeNarrower,
      statistic: args.statistic ?? null,
      timePointMonths: args.timePoint ? toMonths(args.timePoint.value, args.timePoint.unit) : null,
      offset: page.offset,
      limit: page.limit,
    };
    const [row] = await ctx.executor.read<{ total: number; page: Row[] }>(COMPARE_OUTCOME, params, ctx.counter);
    if (row.total === 0) {
      const exists = await ctx.executor.read(OUTCOME_CONCEPT_EXISTS, { id: args.outcomeConcept }, ctx.counter);
      if (exists.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `No outcome concept has the id "${args.outcomeConcept}".`, { argument: 'outcomeConcept' });
    }
    const rows: OutcomeComparisonRow[] = row.page.map((r) => ({
      study: toStudy(r.study as Row),
      outcome: toOutcome(r.outcome as Row),
      arm: r.arm ? toArm(r.arm as Row) : null,
      measurement: toMeasurement(r.measurement as Row),
    }));
    return toConnection(rows, row.total, page);
  }

  @FieldResolver(() => StudyConnection, { description: 'Studies with an outcome of this concept.' })
  async studies(@Root() c: OutcomeConcept, @Args() args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args.first, args.after);
    return pagedConnection(await ctx.loaders.studiesOfOutcomeConcept.load({ id: c.id, offset: page.offset, limit: page.limit }), page);
  }
}

@Resolver(() => OutcomeComparisonRow)
export class OutcomeComparisonRowResolver {
  @FieldResolver(() => [Comparison], { description: 'Comparisons of the outcome in which this arm is the treatment or the reference arm (all comparisons of the outcome for a whole-cohort row).' })
  async comparisons(@Root() row: OutcomeComparisonRow, @Ctx() ctx: Context) {
    const all = await ctx.loaders.comparisonsOfOutcome.load(row.outcome.id);
    return row.arm === null ? all : all.filter((c) => c.treatmentArmId === row.arm!.id || c.referenceArmId === row.arm!.id);
  }
}

@Resolver(() => Outcome)
export class OutcomeResolver {
  @FieldResolver(() => Study, { description: 'The study.' })
  study(@Root() o: Outcome, @Ctx() ctx: Context) {
    return ctx.loaders.study.load(o.studyId);
  }

  @FieldResolver(() => OutcomeConcept, { description: 'The shared outcome concept this outcome measures.' })
  concept(@Root() o: Outcome, @Ctx() ctx: Context) {
    return ctx.loaders.conceptOfOutcome.load(o.id);
  }

  @FieldResolver(() => [Measurement], { description: 'Measured values, per arm or for the whole cohort.' })
  measurements(@Root() o: Outcome, @Ctx() ctx: Context) {
    return ctx.loaders.measurementsOfOutcome.load(o.id);
  }

  @FieldResolver(() => [Comparison], { description: 'Between-arm comparisons of this outcome.' })
  comparisons(@Root() o: Outcome, @Ctx() ctx: Context) {
    return ctx.loaders.comparisonsOfOutcome.load(o.id);
  }

  @FieldResolver(() => [PredictorFinding], { description: 'Predictors evaluated for this outcome.' })
  predictorFindings(@Root() o: Outcome, @Ctx() ctx: Context) {
    return ctx.loaders.findingsOfOutcome.load(o.id);
  }
}

@Resolver(() => Measurement)
export class MeasurementResolver {
  @FieldResolver(() => Arm, { nullable: true, description: 'The arm measured; null for the whole cohort.' })
  arm(@Root() m: Measurement, @Ctx() ctx: Context) {
    return ctx.loaders.armOfPart.load(m.id);
  }

  @FieldResolver(() => Outcome, { description: 'The outcome measured.' })
  outcome(@Root() m: Measurement, @Ctx() ctx: Context) {
    return ctx.loaders.outcomeOfPart.load(m.id);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted source of the value.' })
  evidence(@Root() m: Measurement, @Ctx() ctx: Context) {
    return ctx.loaders.evidenceOfPart.load(m.id);
  }
}

@Resolver(() => Comparison)
export class ComparisonResolver {
  @FieldResolver(() => Arm, { description: 'The treatment arm (numerator of a hazard ratio).' })
  treatmentArm(@Root() c: Comparison, @Ctx() ctx: Context) {
    return ctx.loaders.arm.load(c.treatmentArmId!);
  }

  @FieldResolver(() => Arm, { description: 'The reference arm (denominator of a hazard ratio).' })
  referenceArm(@Root() c: Comparison, @Ctx() ctx: Context) {
    return ctx.loaders.arm.load(c.referenceArmId!);
  }

  @FieldResolver(() => Outcome, { description: 'The outcome compared.' })
  outcome(@Root() c: Comparison, @Ctx() ctx: Context) {
    return ctx.loaders.outcomeOfPart.load(c.id);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted source of the comparison.' })
  evidence(@Root() c: Comparison, @Ctx() ctx: Context) {
    return ctx.loaders.evidenceOfPart.load(c.id);
  }
}
