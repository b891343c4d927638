import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { ConceptsArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { readByKey } from '../graphql/translate/read';
import { Intervention, InterventionConnection } from './intervention.type';

@Resolver(() => Intervention)
export class InterventionResolver {
  @Query(() => InterventionConnection, { description: 'The shared interventions, by name.' })
  interventions(@Args() args: ConceptsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findConcepts(ctx, info, 'Intervention', args);
  }

  @Query(() => Intervention, { nullable: true, description: 'One intervention by key; null when unknown.' })
  intervention(
    @Arg('id', () => ID, { description: 'Key of the intervention.' }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return readByKey(ctx, info, 'Intervention', 'Intervention', id);
  }
}
