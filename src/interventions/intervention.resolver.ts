import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { ConceptsArgs, ConceptStudiesArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { FirstArgs } from '../graphql/pagination';
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

  @FieldResolver(() => StudyConnection, { description: 'Studies with an arm receiving this intervention (or, for a class, one of its agents; see `includeNarrower`), by title (without case), then key.' })
  studies(@Root() i: Intervention, @Args() _args: ConceptStudiesArgs, @Info() info: GraphQLResolveInfo) {
    return projected(i, info);
  }

  @FieldResolver(() => [Intervention], { description: 'The classes this intervention is a kind of (IS_A, one step up): octreotide LAR → somatostatin analogue.' })
  broader(@Root() i: Intervention, @Info() info: GraphQLResolveInfo) {
    return projected(i, info);
  }

  @FieldResolver(() => [Intervention], { description: 'The interventions that are a kind of this class (one step down).' })
  narrower(@Root() i: Intervention, @Info() info: GraphQLResolveInfo) {
    return projected(i, info);
  }
}
