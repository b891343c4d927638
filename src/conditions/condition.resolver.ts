import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { ConceptsArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { readByKey } from '../graphql/translate/read';
import { Condition, ConditionConnection, Population } from './condition.type';

@Resolver(() => Condition)
export class ConditionResolver {
  @Query(() => ConditionConnection, { description: 'The shared conditions, by name.' })
  conditions(@Args() args: ConceptsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findConcepts(ctx, info, 'Condition', args);
  }

  @Query(() => Condition, { nullable: true, description: 'One condition by key; null when unknown.' })
  condition(
    @Arg('id', () => ID, { description: 'Key of the condition.' }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return readByKey(ctx, info, 'Condition', 'Condition', id);
  }
}

@Resolver(() => Population)
export class PopulationResolver {}
