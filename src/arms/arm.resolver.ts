import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AdverseEventResult } from '../adverse-events/adverse-event.type';
import { Evidence } from '../evidence/evidence.type';
import { Context } from '../graphql/context';
import { Measurement } from '../outcomes/outcome.type';
import { Study } from '../studies/study.type';
import { Arm, ArmIntervention } from './arm.type';

@Resolver(() => Arm)
export class ArmResolver {
  @FieldResolver(() => Study, { description: 'The study of the arm.' })
  study(@Root() arm: Arm, @Ctx() ctx: Context) {
    return ctx.loaders.study.load(arm.studyId);
  }

  @FieldResolver(() => [ArmIntervention], { description: 'What the arm receives: each shared intervention with this arm\'s dose, route and schedule.' })
  interventions(@Root() arm: Arm, @Ctx() ctx: Context) {
    return ctx.loaders.interventionsOfArm.load(arm.id);
  }

  @FieldResolver(() => [Measurement], { description: 'Measurements of any outcome for this arm.' })
  measurements(@Root() arm: Arm, @Ctx() ctx: Context) {
    return ctx.loaders.measurementsOfArm.load(arm.id);
  }

  @FieldResolver(() => [AdverseEventResult], { description: 'Adverse-event results of this arm.' })
  adverseEvents(@Root() arm: Arm, @Ctx() ctx: Context) {
    return ctx.loaders.adverseEventsOfArm.load(arm.id);
  }

  @FieldResolver(() => [Evidence], { description: 'Sources of the arm\'s size and regimen.' })
  evidence(@Root() arm: Arm, @Ctx() ctx: Context) {
    return ctx.loaders.evidenceOfPart.load(arm.id);
  }
}
