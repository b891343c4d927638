import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { ConceptsArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { FirstArgs, PageArgs } from '../graphql/pagination';
import { projected } from '../graphql/translate/materialize';
import { readByKey } from '../graphql/translate/read';
import { StudyConnection } from '../studies/study.type';
import { Intervention, InterventionConnection } from './intervention.type';

@Resolver(() => Intervention)
export class InterventionResolver {
  @Query(() => InterventionConnection, { description: 'The shared interventions, by name.' })
  interventions(@Args() args: ConceptsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findConcepts(ctx, info, 'Intervention', args);
  }

  @Query(() => Intervention, { nullable: true, description: 'One intervention by key; null when unknown.' })
  intervention(@Arg('id', () => ID, { description: 'Key of the intervention.' }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readByKey(ctx, info, 'Intervention', 'Intervention', id);
  }

  @FieldResolver(() => [Arm], { description: 'Arms, in any study, that receive this intervention, by study key then position; the first `first` of them.' })
  arms(@Root() i: Intervention, @Args() _args: FirstArgs, @Info() info: GraphQLResolveInfo) {
    return projected(i, info);
  }

  @FieldResolver(() => StudyConnection, { description: 'Studies with an arm receiving this intervention, by title (without case), then key.' })
  studies(@Root() i: Intervention, @Args() _args: PageArgs, @Info() info: GraphQLResolveInfo) {
    return projected(i, info);
  }
}
