import { GraphQLResolveInfo } from 'graphql';
import { FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { AdverseEventResult } from '../adverse-events/adverse-event.type';
import { Evidence } from '../evidence/evidence.type';
import { projected } from '../graphql/translate/materialize';
import { Intervention } from '../interventions/intervention.type';
import { Measurement } from '../outcomes/outcome.type';
import { Study } from '../studies/study.type';
import { Arm, ArmIntervention } from './arm.type';

@Resolver(() => Arm)
export class ArmResolver {
  @FieldResolver(() => Study, { description: 'The study of the arm.' })
  study(@Root() arm: Arm, @Info() info: GraphQLResolveInfo) {
    return projected(arm, info);
  }

  @FieldResolver(() => [ArmIntervention], { description: 'What the arm receives: each shared intervention with this arm\'s dose, route and schedule.' })
  interventions(@Root() arm: Arm, @Info() info: GraphQLResolveInfo) {
    return projected(arm, info);
  }

  @FieldResolver(() => [Measurement], { description: 'Measurements of any outcome for this arm, within the windows of `Study.outcomes` and `Outcome.measurements` (all of them for a curated study).' })
  measurements(@Root() arm: Arm, @Info() info: GraphQLResolveInfo) {
    return projected(arm, info);
  }

  @FieldResolver(() => [AdverseEventResult], { description: 'Adverse-event results of this arm, among the study\'s `adverseEvents` (all of them for a curated study; `Study.adverseEventsConnection` pages through every one).' })
  adverseEvents(@Root() arm: Arm, @Info() info: GraphQLResolveInfo) {
    return projected(arm, info);
  }

  @FieldResolver(() => [Evidence], { description: 'Sources of the arm\'s size and regimen.' })
  evidence(@Root() arm: Arm, @Info() info: GraphQLResolveInfo) {
    return projected(arm, info);
  }
}

@Resolver(() => ArmIntervention)
export class ArmInterventionResolver {
  @FieldResolver(() => Intervention, { description: 'The shared intervention (the same node for every study that uses it).' })
  intervention(@Root() received: ArmIntervention, @Info() info: GraphQLResolveInfo) {
    return projected(received, info);
  }
}
