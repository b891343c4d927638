import { GraphQLResolveInfo } from 'graphql';
import { FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Arm } from '../arms/arm.type';
import { Condition } from '../conditions/condition.type';
import { Evidence } from '../evidence/evidence.type';
import { projected } from '../graphql/translate/materialize';
import { Study } from '../studies/study.type';
import { Cohort } from './cohort.type';

@Resolver(() => Cohort)
export class CohortResolver {
  @FieldResolver(() => Study, { description: 'The study of the cohort.' })
  study(@Root() cohort: Cohort, @Info() info: GraphQLResolveInfo) {
    return projected(cohort, info);
  }

  @FieldResolver(() => [Condition], { description: 'Conditions of the cohort\'s patients (the study population may hold several).' })
  conditions(@Root() cohort: Cohort, @Info() info: GraphQLResolveInfo) {
    return projected(cohort, info);
  }

  @FieldResolver(() => [Arm], { description: 'The arms of the cohort.' })
  arms(@Root() cohort: Cohort, @Info() info: GraphQLResolveInfo) {
    return projected(cohort, info);
  }

  @FieldResolver(() => [Evidence], { description: 'Sources of the cohort.' })
  evidence(@Root() cohort: Cohort, @Info() info: GraphQLResolveInfo) {
    return projected(cohort, info);
  }
}
