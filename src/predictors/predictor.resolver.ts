import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Evidence } from '../evidence/evidence.type';
import { AppError, ErrorCode } from '../errors';
import { ConceptsArgs, conceptPage } from '../graphql/concept-args';
import { findConcepts, pagedConnection } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { PageArgs, toConnection, toPage } from '../graphql/pagination';
import { Outcome } from '../outcomes/outcome.type';
import { Study, StudyConnection } from '../studies/study.type';
import { PREDICTOR_EVIDENCE } from './predictor.repository';
import { Predictor, PredictorConnection, PredictorEvidence, PredictorFinding, toPredictor, toPredictorFinding } from './predictor.type';

const PREDICTORS_PAGE = conceptPage('Predictor');

@ArgsType()
class PredictorEvidenceArgs extends PageArgs {
  @Field(() => ID, { description: 'Key of the predictor (e.g. "urinary-5-hiaa").' })
  predictor: string;

  @Field({ nullable: true, description: 'Only findings of an association (true) or of none (false); all when omitted.' })
  associated?: boolean;
}

@Resolver(() => Predictor)
export class PredictorResolver {
  @Query(() => PredictorConnection, { description: 'The shared predictors (prognostic factors), by name.' })
  predictors(@Args() args: ConceptsArgs, @Ctx() ctx: Context) {
    return findConcepts(ctx, PREDICTORS_PAGE, args, toPredictor);
  }

  @Query(() => PredictorEvidence, {
    description: 'Every finding about one predictor across studies: associated or not, direction, outcome and study. NOT_FOUND for an unknown predictor.',
  })
  async predictorEvidence(@Args() args: PredictorEvidenceArgs, @Ctx() ctx: Context): Promise<PredictorEvidence> {
    const page = toPage(args.first, args.after);
    type Row = { predictor: Record<string, unknown>; associatedCount: number; notAssociatedCount: number; studyCount: number; total: number; nodes: Record<string, unknown>[] };
    const rows = await ctx.executor.read<Row>(
      PREDICTOR_EVIDENCE,
      { id: args.predictor, associated: args.associated ?? null, offset: page.offset, limit: page.limit },
      ctx.counter,
    );
    if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `No predictor has the id "${args.predictor}".`, { argument: 'predictor' });
    const [row] = rows;
    return {
      predictor: toPredictor(row.predictor),
      associatedCount: row.associatedCount,
      notAssociatedCount: row.notAssociatedCount,
      studyCount: row.studyCount,
      findings: toConnection(row.nodes.map(toPredictorFinding), row.total, page),
    };
  }

  @FieldResolver(() => [PredictorFinding], {
    description: 'Every finding about this predictor, in any study, associated or not (by study, then position in the study); `predictorEvidence` pages them with counts.',
  })
  findings(@Root() p: Predictor, @Ctx() ctx: Context) {
    return ctx.loaders.findingsOfPredictor.load(p.id);
  }

  @FieldResolver(() => StudyConnection, { description: 'Studies with a finding about this predictor.' })
  async studies(@Root() p: Predictor, @Args() args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args.first, args.after);
    return pagedConnection(await ctx.loaders.studiesOfPredictor.load({ id: p.id, offset: page.offset, limit: page.limit }), page);
  }
}

@Resolver(() => PredictorFinding)
export class PredictorFindingResolver {
  @FieldResolver(() => Predictor, { description: 'The predictor evaluated.' })
  async predictor(@Root() f: PredictorFinding, @Ctx() ctx: Context) {
    return ctx.loaders.predictorOfFinding.load(f.id);
  }

  @FieldResolver(() => Outcome, { description: 'The outcome the predictor was evaluated for.' })
  outcome(@Root() f: PredictorFinding, @Ctx() ctx: Context) {
    return ctx.loaders.outcomeOfFinding.load(f.id);
  }

  @FieldResolver(() => Study, { description: 'The study that reports the finding.' })
  study(@Root() f: PredictorFinding, @Ctx() ctx: Context) {
    return ctx.loaders.study.load(f.studyId);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted source of the finding.' })
  evidence(@Root() f: PredictorFinding, @Ctx() ctx: Context) {
    return ctx.loaders.evidenceOfPart.load(f.id);
  }
}
