import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Evidence } from '../evidence/evidence.type';
import { ConceptsArgs, conceptPage } from '../graphql/concept-args';
import { findConcepts, pagedConnection } from '../graphql/concept-service';
import { Context } from '../graphql/context';
import { PageArgs, toPage } from '../graphql/pagination';
import { Study, StudyConnection } from '../studies/study.type';
import { Condition, ConditionConnection, Population, toCondition } from './condition.type';

const CONDITIONS_PAGE = conceptPage('Condition');

@ArgsType()
class ConditionStudiesArgs extends PageArgs {
  @Field({ defaultValue: true, description: 'Also list studies of narrower conditions (IS_A), e.g. midgut NET lists the liver-metastases trial.' })
  includeNarrower: boolean = true;
}

@Resolver(() => Condition)
export class ConditionResolver {
  @Query(() => ConditionConnection, { description: 'The shared conditions, by name.' })
  conditions(@Args() args: ConceptsArgs, @Ctx() ctx: Context) {
    return findConcepts(ctx, CONDITIONS_PAGE, args, toCondition);
  }

  @Query(() => Condition, { nullable: true, description: 'One condition by key; null when unknown.' })
  condition(@Arg('id', () => ID, { description: 'Key of the condition.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.condition.load(id);
  }

  @FieldResolver(() => [Condition], { description: 'Conditions this one IS_A (one step up).' })
  broader(@Root() c: Condition, @Ctx() ctx: Context) {
    return ctx.loaders.broaderConditions.load(c.id);
  }

  @FieldResolver(() => [Condition], { description: 'Conditions that are a kind of this one (one step down).' })
  narrower(@Root() c: Condition, @Ctx() ctx: Context) {
    return ctx.loaders.narrowerConditions.load(c.id);
  }

  @FieldResolver(() => [Condition], { description: 'All broader conditions up to the root, nearest first.' })
  ancestors(@Root() c: Condition, @Ctx() ctx: Context) {
    return ctx.loaders.ancestorConditions.load(c.id);
  }

  @FieldResolver(() => StudyConnection, { description: 'Studies whose population has this condition (or a narrower one).' })
  async studies(@Root() c: Condition, @Args() args: ConditionStudiesArgs, @Ctx() ctx: Context) {
    const page = toPage(args.first, args.after);
    const result = await ctx.loaders.studiesOfCondition.load({ id: c.id, offset: page.offset, limit: page.limit, narrower: args.includeNarrower });
    return pagedConnection(result, page);
  }
}

@Resolver(() => Population)
export class PopulationResolver {
  @FieldResolver(() => Study, { description: 'The study.' })
  study(@Root() p: Population, @Ctx() ctx: Context) {
    return ctx.loaders.study.load(p.studyId);
  }

  @FieldResolver(() => [Condition], { description: 'Conditions of the population (shared across studies).' })
  conditions(@Root() p: Population, @Ctx() ctx: Context) {
    return ctx.loaders.conditionsOfPopulation.load(p.id);
  }

  @FieldResolver(() => [Evidence], { description: 'Sources of the eligibility statement.' })
  evidence(@Root() p: Population, @Ctx() ctx: Context) {
    return ctx.loaders.evidenceOfPart.load(p.id);
  }
}
