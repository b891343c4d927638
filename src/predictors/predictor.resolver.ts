import { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { AppError, ErrorCode } from '../errors';
import { Evidence } from '../evidence/evidence.type';
import { ConceptsArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { FirstArgs, PageArgs } from '../graphql/pagination';
import { materialize, projected } from '../graphql/translate/materialize';
import { runStatement } from '../graphql/translate/read';
import { Statement } from '../graphql/translate/translate';
import { Intervention } from '../interventions/intervention.type';
import { Outcome, OutcomeConcept } from '../outcomes/outcome.type';
import { Study, StudyConnection } from '../studies/study.type';
import { Predictor, PredictorConnection, PredictorEvidence, PredictorFinding, PredictorFindingConnection } from './predictor.type';

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
  predictors(@Args() args: ConceptsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findConcepts(ctx, info, 'Predictor', args);
  }

  @Query(() => PredictorEvidence, {
    description: 'Every finding about one predictor across studies: associated or not, direction, outcome and study. NOT_FOUND for an unknown predictor.',
  })
  async predictorEvidence(@Args() args: PredictorEvidenceArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<PredictorEvidence> {
    const stmt = new Statement(info);
    // Read by the `findings` declaration of PredictorEvidence (src/predictors/predictor.fields.ts).
    stmt.bind('associated', args.associated ?? null);
    stmt.inherit('PredictorEvidence', 'findings', { first: args.first, after: args.after });
    const evidence = stmt.project('PredictorEvidence', 'this', info.fieldNodes);
    const row = await runStatement(ctx, stmt, `MATCH (this:Predictor {id: ${stmt.param(args.predictor)}})\nRETURN ${evidence.cypher} AS evidence`);
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No predictor has the id "${args.predictor}".`, { argument: 'predictor' });
    return materialize(evidence.shape, row.evidence as Record<string, unknown>) as PredictorEvidence;
  }

  @FieldResolver(() => [PredictorFinding], {
    description: 'Findings about this predictor, in any study, associated or not (by study, then position in the study), the first `first` of them; `predictorEvidence` pages them with counts.',
  })
  findings(@Root() p: Predictor, @Args() _args: FirstArgs, @Info() info: GraphQLResolveInfo) {
    return projected(p, info);
  }

  @FieldResolver(() => Intervention, { nullable: true, description: 'The intervention or class a treatment factor is about (concomitant somatostatin analogues → somatostatin analogue): through it, the trials of that treatment (`intervention { studies }`).' })
  intervention(@Root() p: Predictor, @Info() info: GraphQLResolveInfo) {
    return projected(p, info);
  }

  @FieldResolver(() => StudyConnection, { description: 'Studies with a finding about this predictor, by title (without case), then key.' })
  studies(@Root() p: Predictor, @Args() _args: PageArgs, @Info() info: GraphQLResolveInfo) {
    return projected(p, info);
  }
}

@Resolver(() => PredictorEvidence)
export class PredictorEvidenceResolver {
  @FieldResolver(() => Predictor, { description: 'The predictor.' })
  predictor(@Root() e: PredictorEvidence, @Info() info: GraphQLResolveInfo) {
    return projected(e, info);
  }

  @FieldResolver(() => PredictorFindingConnection, { description: 'The findings, ordered by study then position in the study; paged by `first` and `after` of predictorEvidence.' })
  findings(@Root() e: PredictorEvidence, @Info() info: GraphQLResolveInfo) {
    return projected(e, info);
  }
}

@Resolver(() => PredictorFinding)
export class PredictorFindingResolver {
  @FieldResolver(() => Predictor, { description: 'The predictor evaluated.' })
  predictor(@Root() f: PredictorFinding, @Info() info: GraphQLResolveInfo) {
    return projected(f, info);
  }

  @FieldResolver(() => Outcome, { nullable: true, description: 'The outcome of the study the predictor was evaluated for; null when the source names only the outcome concept (see `outcomeConcept`).' })
  outcome(@Root() f: PredictorFinding, @Info() info: GraphQLResolveInfo) {
    return projected(f, info);
  }

  @FieldResolver(() => OutcomeConcept, { description: 'The outcome concept the predictor was evaluated for: the one the source names ("shorter PFS": PFS over time), else that of `outcome`.' })
  outcomeConcept(@Root() f: PredictorFinding, @Info() info: GraphQLResolveInfo) {
    return projected(f, info);
  }

  @FieldResolver(() => Study, { description: 'The study that reports the finding.' })
  study(@Root() f: PredictorFinding, @Info() info: GraphQLResolveInfo) {
    return projected(f, info);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted source of the finding.' })
  evidence(@Root() f: PredictorFinding, @Info() info: GraphQLResolveInfo) {
    return projected(f, info);
  }
}
