import { Arm } from '../arms/arm.type';
import { Condition } from '../conditions/condition.type';
import { evidenceOf } from '../evidence/evidence.fields';
import { declareType } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { inbound, outbound } from '../model/graph';
import { Study } from '../studies/study.type';
import { Cohort, toCohort } from './cohort.type';

declareType(Cohort, {
  map: toCohort,
  relations: {
    study: {
      returns: () => Study,
      description: 'The study of the cohort.',
      cardinality: 'one',
      follow: inbound('Cohort', 'HAS_COHORT', 'Study'),
    },
    conditions: {
      returns: () => [Condition],
      description: "Conditions of the cohort's patients (the study population may hold several).",
      cardinality: 'list',
      max: BOUNDS.conditionsPerPopulation,
      follow: outbound('Cohort', 'HAS_CONDITION', 'Condition'),
      sortBy: ['name'],
    },
    arms: {
      returns: () => [Arm],
      description: 'The arms of the cohort.',
      cardinality: 'list',
      max: BOUNDS.armsPerStudy,
      follow: outbound('Cohort', 'INCLUDES_ARM', 'Arm'),
      sortBy: ['position'],
    },
    evidence: { ...evidenceOf('Cohort'), description: 'Sources of the cohort.' },
  },
});
