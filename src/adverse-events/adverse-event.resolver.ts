import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { Evidence } from '../evidence/evidence.type';
import { Context } from '../graphql/context';
import { Study } from '../studies/study.type';
import { AdverseEventResult } from './adverse-event.type';

@Resolver(() => AdverseEventResult)
export class AdverseEventResultResolver {
  @FieldResolver(() => Arm, { nullable: true, description: 'The arm; null for the whole cohort.' })
  arm(@Root() a: AdverseEventResult, @Ctx() ctx: Context) {
    return ctx.loaders.armOfPart.load(a.id);
  }

  @FieldResolver(() => Study, { description: 'The study.' })
  study(@Root() a: AdverseEventResult, @Ctx() ctx: Context) {
    return ctx.loaders.study.load(a.studyId);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted source of the result.' })
  evidence(@Root() a: AdverseEventResult, @Ctx() ctx: Context) {
    return ctx.loaders.evidenceOfPart.load(a.id);
  }
}
