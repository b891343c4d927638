import { GraphQLResolveInfo } from 'graphql';
import { FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { Evidence } from '../evidence/evidence.type';
import { projected } from '../graphql/translate/materialize';
import { Study } from '../studies/study.type';
import { ResultGroup } from '../groups/group.type';
import { AdverseEventResult } from './adverse-event.type';

@Resolver(() => AdverseEventResult)
export class AdverseEventResultResolver {
  @FieldResolver(() => Arm, { nullable: true, description: 'The arm; null for the whole cohort, or for a registry event group that is no arm (see `group`).' })
  arm(@Root() a: AdverseEventResult, @Info() info: GraphQLResolveInfo) {
    return projected(a, info);
  }

  @FieldResolver(() => ResultGroup, { nullable: true, description: 'The registry event group, when the source reports by result group; null for a curated result.' })
  group(@Root() a: AdverseEventResult, @Info() info: GraphQLResolveInfo) {
    return projected(a, info);
  }

  @FieldResolver(() => Study, { description: 'The study.' })
  study(@Root() a: AdverseEventResult, @Info() info: GraphQLResolveInfo) {
    return projected(a, info);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted source of the result.' })
  evidence(@Root() a: AdverseEventResult, @Info() info: GraphQLResolveInfo) {
    return projected(a, info);
  }
}
