import { GraphQLResolveInfo } from 'graphql';
import { FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { projected } from '../graphql/translate/materialize';
import { Study } from '../studies/study.type';
import { StudyVersion } from './history.type';

@Resolver(() => StudyVersion)
export class StudyVersionResolver {
  @FieldResolver(() => Study, { nullable: true, description: 'The study.' })
  study(@Root() v: StudyVersion, @Info() info: GraphQLResolveInfo) {
    return projected(v, info);
  }
}
