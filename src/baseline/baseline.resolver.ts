import { GraphQLResolveInfo } from 'graphql';
import { FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Evidence } from '../evidence/evidence.type';
import { projected } from '../graphql/translate/materialize';
import { ResultGroup } from '../groups/group.type';
import { BaselineMeasure, BaselineValue } from './baseline.type';

@Resolver(() => BaselineMeasure)
export class BaselineMeasureResolver {
  @FieldResolver(() => [BaselineValue], { description: 'The values per result group, row and category, in the record\'s order.' })
  values(@Root() m: BaselineMeasure, @Info() info: GraphQLResolveInfo) {
    return projected(m, info);
  }
}

@Resolver(() => BaselineValue)
export class BaselineValueResolver {
  @FieldResolver(() => ResultGroup, { description: 'The result group the value is of.' })
  group(@Root() v: BaselineValue, @Info() info: GraphQLResolveInfo) {
    return projected(v, info);
  }

  @FieldResolver(() => [Evidence], { description: 'The quoted value.' })
  evidence(@Root() v: BaselineValue, @Info() info: GraphQLResolveInfo) {
    return projected(v, info);
  }
}
