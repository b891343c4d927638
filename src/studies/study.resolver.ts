import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { Context } from '../graphql/context';
import { DEFAULT_PAGE_SIZE } from '../graphql/pagination';
import { readByKey } from '../graphql/translate/read';
import { RelatedStudy } from './related';
import { StudiesArgs } from './study.args';
import { findRelatedStudies, findStudies } from './study.service';
import { DesignPlan, Study, StudyConnection } from './study.type';

@Resolver(() => Study)
export class StudyResolver {
  @Query(() => Study, { nullable: true, description: 'One study by key (e.g. "netter-1"); null when no study has it.' })
  study(
    @Arg('id', () => ID, { description: 'Key of the study.' }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return readByKey(ctx, info, 'Study', 'Study', id);
  }

  @Query(() => StudyConnection, { description: 'Studies, filtered, sorted and paginated (Relay connection).' })
  studies(@Args() args: StudiesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findStudies(ctx, info, args);
  }

  @Query(() => [RelatedStudy], {
    description:
      'The other studies ranked by what they share with this one (conditions with their ancestors, interventions, comparators, outcome concepts, predictors), each shared concept weighted by its kind and its rarity, best first, each with the list of shared things. Read from the up to 100 related studies stored for this study when studies are imported or deleted: the best of the studies that share at least one rare concept with it (one held by at most 500 studies); a study that shares only common concepts (PFS, a broad condition) is not listed. NOT_FOUND for an unknown key.',
  })
  relatedStudies(
    @Arg('id', () => ID, { description: 'Key of the study.' }) id: string,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: 'Number of related studies, 1 to 100.' })
    first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findRelatedStudies(ctx, info, id, first);
  }
}

@Resolver(() => DesignPlan)
export class DesignPlanResolver {}
