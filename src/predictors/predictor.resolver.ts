import { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, ID, Info, Query, Resolver } from 'type-graphql';
import { AppError, ErrorCode } from '../errors';
import { ConceptsArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { PageArgs } from '../graphql/pagination';
import { materialize } from '../graphql/translate/materialize';
import { runStatement } from '../graphql/translate/read';
import { Statement } from '../graphql/translate/translate';
import { Predictor, PredictorConnection, PredictorEvidence, PredictorFinding } from './predictor.type';

@ArgsType()
class PredictorEvidenceArgs extends PageArgs {
  @Field(() => ID, { description: 'Key of the predictor (e.g. "urinary-5-hiaa").' })
  predictor: string;

  @Field({
    nullable: true,
    description: 'Only findings of an association (true) or of none (false); all when omitted.',
  })
  associated?: boolean;
}

@Resolver(() => Predictor)
export class PredictorResolver {
  @Query(() => PredictorConnection, { description: 'The shared predictors (prognostic factors), by name.' })
  predictors(@Args() args: ConceptsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findConcepts(ctx, info, 'Predictor', args);
  }

  @Query(() => PredictorEvidence, {
    description:
      'Every finding about one predictor across studies: associated or not, direction, outcome and study. NOT_FOUND for an unknown predictor.',
  })
  async predictorEvidence(
    @Args() args: PredictorEvidenceArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PredictorEvidence> {
    const stmt = new Statement(info);
    // Read by the `findings` declaration of PredictorEvidence (src/predictors/predictor.fields.ts).
    stmt.bind('associated', args.associated ?? null);
    stmt.inherit('PredictorEvidence', 'findings', { first: args.first, after: args.after });
    const evidence = stmt.project('PredictorEvidence', 'this', info.fieldNodes);
    const row = await runStatement(
      ctx,
      stmt,
      `MATCH (this:Predictor {id: ${stmt.param(args.predictor)}})\nRETURN ${evidence.cypher} AS evidence`,
    );
    if (!row)
      throw new AppError(ErrorCode.NOT_FOUND, `No predictor has the id "${args.predictor}".`, {
        argument: 'predictor',
      });
    return materialize(evidence.shape, row.evidence as Record<string, unknown>) as PredictorEvidence;
  }
}

@Resolver(() => PredictorEvidence)
export class PredictorEvidenceResolver {}

@Resolver(() => PredictorFinding)
export class PredictorFindingResolver {}
