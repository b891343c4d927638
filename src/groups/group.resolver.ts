import { GraphQLResolveInfo } from 'graphql';
import { FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { Evidence } from '../evidence/evidence.type';
import { projected } from '../graphql/translate/materialize';
import { Study } from '../studies/study.type';
import { FlowCount, ResultGroup } from './group.type';

@Resolver(() => ResultGroup)
export class ResultGroupResolver {
  @FieldResolver(() => Study, { description: 'The study.' })
  study(@Root() g: ResultGroup, @Info() info: GraphQLResolveInfo) {
    return projected(g, info);
  }

  @FieldResolver(() => Arm, { nullable: true, description: 'The arm this group is, when the tie is unambiguous (see `armTie`); null for a group of its own.' })
  arm(@Root() g: ResultGroup, @Info() info: GraphQLResolveInfo) {
    return projected(g, info);
  }

  @FieldResolver(() => [Evidence], { description: "The record's definition of the group, quoted." })
  evidence(@Root() g: ResultGroup, @Info() info: GraphQLResolveInfo) {
    return projected(g, info);
  }
}

@Resolver(() => FlowCount)
export class FlowCountResolver {
  @FieldResolver(() => ResultGroup, { description: 'The group counted.' })
  group(@Root() f: FlowCount, @Info() info: GraphQLResolveInfo) {
    return projected(f, info);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted count.' })
  evidence(@Root() f: FlowCount, @Info() info: GraphQLResolveInfo) {
    return projected(f, info);
  }
}
