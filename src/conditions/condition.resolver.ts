import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Evidence } from '../evidence/evidence.type';
import { ConceptsArgs, ConceptStudiesArgs } from '../graphql/concept-args';
import { findConcepts } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { projected } from '../graphql/translate/materialize';
import { readByKey } from '../graphql/translate/read';
import { Study, StudyConnection } from '../studies/study.type';
import { Condition, ConditionConnection, Population } from './condition.type';


@Resolver(() => Condition)
export class ConditionResolver {
  @Query(() => ConditionConnection, { description: 'The shared conditions, by name.' })
  conditions(@Args() args: ConceptsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findConcepts(ctx, info, 'Condition', args);
  }

  @Query(() => Condition, { nullable: true, description: 'One condition by key; null when unknown.' })
  condition(@Arg('id', () => ID, { description: 'Key of the condition.' }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readByKey(ctx, info, 'Condition', 'Condition', id);
  }

  @FieldResolver(() => [Condition], { description: 'Conditions this one IS_A (one step up).' })
  broader(@Root() c: Condition, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => [Condition], { description: 'Conditions that are a kind of this one (one step down).' })
  narrower(@Root() c: Condition, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => [Condition], { description: 'All broader conditions up to the root, nearest first.' })
  ancestors(@Root() c: Condition, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }

  @FieldResolver(() => StudyConnection, { description: 'Studies whose population has this condition (or a narrower one), by title (without case), then key.' })
  // The arguments are read by the translator from the selection; declared here for the schema.
  studies(@Root() c: Condition, @Args() _args: ConceptStudiesArgs, @Info() info: GraphQLResolveInfo) {
    return projected(c, info);
  }
}

@Resolver(() => Population)
export class PopulationResolver {
  @FieldResolver(() => Study, { description: 'The study.' })
  study(@Root() p: Population, @Info() info: GraphQLResolveInfo) {
    return projected(p, info);
  }

  @FieldResolver(() => [Condition], { description: 'Conditions of the population (shared across studies).' })
  conditions(@Root() p: Population, @Info() info: GraphQLResolveInfo) {
    return projected(p, info);
  }

  @FieldResolver(() => [Evidence], { description: 'Sources of the eligibility statement.' })
  evidence(@Root() p: Population, @Info() info: GraphQLResolveInfo) {
    return projected(p, info);
  }
}
