import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { ConceptsArgs, conceptPage } from '../graphql/concept-args';
import { findConcepts, pagedConnection } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { PageArgs, toPage } from '../graphql/pagination';
import { StudyConnection } from '../studies/study.type';
import { Intervention, InterventionConnection, toIntervention } from './intervention.type';

const INTERVENTIONS_PAGE = conceptPage('Intervention');

@Resolver(() => Intervention)
export class InterventionResolver {
  @Query(() => InterventionConnection, { description: 'The shared interventions, by name.' })
  interventions(@Args() args: ConceptsArgs, @Ctx() ctx: Context) {
    return findConcepts(ctx, INTERVENTIONS_PAGE, args, toIntervention);
  }

  @Query(() => Intervention, { nullable: true, description: 'One intervention by key; null when unknown.' })
  intervention(@Arg('id', () => ID, { description: 'Key of the intervention.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.intervention.load(id);
  }

  @FieldResolver(() => [Arm], { description: 'Every arm, in any study, that receives this intervention.' })
  arms(@Root() i: Intervention, @Ctx() ctx: Context) {
    return ctx.loaders.armsOfIntervention.load(i.id);
  }

  @FieldResolver(() => StudyConnection, { description: 'Studies with an arm receiving this intervention.' })
  async studies(@Root() i: Intervention, @Args() args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args.first, args.after);
    return pagedConnection(await ctx.loaders.studiesOfIntervention.load({ id: i.id, offset: page.offset, limit: page.limit }), page);
  }
}
