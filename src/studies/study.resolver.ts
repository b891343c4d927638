import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { AdverseEventResult, AdverseEventResultConnection } from '../adverse-events/adverse-event.type';
import { BaselineMeasure } from '../baseline/baseline.type';
import { FlowCount, ResultGroup } from '../groups/group.type';
import { WINDOWS } from '../model/bounds';
import { StudyVersionConnection } from '../history/history.type';
import { Arm } from '../arms/arm.type';
import { Population } from '../conditions/condition.type';
import { Cohort } from '../cohorts/cohort.type';
import { Document, Evidence, Publication } from '../evidence/evidence.type';
import { Context } from '../graphql/context';
import { DEFAULT_PAGE_SIZE, PageArgs } from '../graphql/pagination';
import { projected } from '../graphql/translate/materialize';
import { readByKey } from '../graphql/translate/read';
import { Outcome, OutcomeConnection } from '../outcomes/outcome.type';
import { PredictorFinding } from '../predictors/predictor.type';
import { RelatedStudy } from './related';
import { StudiesArgs } from './study.args';
import { findRelatedStudies, findStudies } from './study.service';
import { DesignPlan, Study, StudyConnection } from './study.type';

@Resolver(() => Study)
export class StudyResolver {
  @Query(() => Study, { nullable: true, description: 'One study by key (e.g. "netter-1"); null when no study has it.' })
  study(@Arg('id', () => ID, { description: 'Key of the study.' }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
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
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: 'Number of related studies, 1 to 100.' }) first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findRelatedStudies(ctx, info, id, first);
  }

  @FieldResolver(() => [Publication], { description: 'Publications reporting the study, primary report first.' })
  publications(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [Arm], { description: 'Arms of the study, in the order the study lists them.' })
  arms(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => Population, { nullable: true, description: 'Population of the study and its conditions.' })
  population(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [Cohort], { description: 'Separate cohorts of the trial, each with its own conditions, n and arms (e.g. pancreatic and extrapancreatic); empty for a trial of one cohort.' })
  cohorts(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => DesignPlan, { nullable: true, description: 'The design values planned before results (sample size, the effect powered for), with their source; null when none is sourced.' })
  planned(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [Document], { description: 'The registry records of the study (a ClinicalTrials.gov record): the source of an imported study, a second source beside the publications of a curated one.' })
  registryRecords(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [Outcome], {
    description: `Outcomes (end points) of the study, primary first as the study lists them: the first ${WINDOWS.outcomesPerStudy.window} (every outcome of a curated study; a registry record may report more: page through \`outcomesConnection\`).`,
  })
  outcomes(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => OutcomeConnection, { description: 'Every outcome of the study, paged, in the order of `outcomes`.' })
  outcomesConnection(@Root() study: Study, @Args() _args: PageArgs, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [ResultGroup], { description: 'The result groups of a registry record (arms, analysis populations, periods, cohorts), in the record\'s order; empty for a curated study.' })
  groups(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [FlowCount], { description: 'The participant flow of a registry record: per period and group, the milestones (started, completed…) and the reasons for not completing, in the record\'s order.' })
  participantFlow(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [BaselineMeasure], { description: 'The baseline characteristics of a registry record, each with its values per group.' })
  baseline(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [PredictorFinding], { description: 'Prognostic-factor findings of the study, associated or not.' })
  predictorFindings(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => [AdverseEventResult], {
    description: `Adverse-event results of the study, in the source's order (a registry's serious events, then other events): the first ${WINDOWS.adverseEventsPerStudy.window}; page through \`adverseEventsConnection\` for all.`,
  })
  adverseEvents(@Root() study: Study, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => StudyVersionConnection, {
    description:
      'The versions of the study, newest first: each registry record version seen (with the changes from the one before, field by field, in words), or each change made to a curated study through importStudies or the seed loader (who, why). Today\'s fields always read the current version.',
  })
  versions(@Root() study: Study, @Args() _args: PageArgs, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }

  @FieldResolver(() => AdverseEventResultConnection, { description: 'Every adverse-event result of the study, paged, in the order of `adverseEvents`.' })
  adverseEventsConnection(@Root() study: Study, @Args() _args: PageArgs, @Info() info: GraphQLResolveInfo) {
    return projected(study, info);
  }
}

@Resolver(() => DesignPlan)
export class DesignPlanResolver {
  @FieldResolver(() => [Evidence], { description: 'Sources of the planned values.' })
  evidence(@Root() plan: DesignPlan, @Info() info: GraphQLResolveInfo) {
    return projected(plan, info);
  }
}
