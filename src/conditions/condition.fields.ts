import { evidenceOf } from '../evidence/evidence.fields';
import { CONCEPT_FIELD_PROPERTIES } from '../graphql/concept';
import { ConceptStudiesArgs } from '../graphql/concept-args';
import { declareType } from '../graphql/translate/model';
import { arrow, nodeOf } from '../graphql/translate/pattern';
import { BOUNDS } from '../model/bounds';
import { inbound, outbound } from '../model/graph';
import { studiesOfConcept } from '../studies/study.fields';
import { Study, StudyConnection } from '../studies/study.type';
import { Condition, ELIGIBILITY_PROPERTIES, Population, toCondition, toPopulation } from './condition.type';

const BROADER = outbound('Condition', 'IS_A', 'Condition');

declareType(Condition, {
  fieldProperties: CONCEPT_FIELD_PROPERTIES,
  map: toCondition,
  relations: {
    broader: {
      returns: () => [Condition],
      description: 'Conditions this one IS_A (one step up).',
      cardinality: 'list',
      max: BOUNDS.broaderPerCondition,
      follow: BROADER,
      sortBy: ['name'],
    },
    narrower: {
      returns: () => [Condition],
      description: 'Conditions that are a kind of this one (one step down).',
      cardinality: 'list',
      max: BOUNDS.narrowerPerCondition,
      follow: inbound('Condition', 'IS_A', 'Condition'),
      sortBy: ['name'],
    },
    // Nearest first: by the shortest IS_A path to each ancestor (not an aggregate, which Neo4j
    // 5.26 refuses in a subquery inside a map projection).
    ancestors: {
      returns: () => [Condition],
      description: 'All broader conditions up to the root, nearest first.',
      cardinality: 'list',
      max: BOUNDS.ancestorsPerCondition,
      clauses: true,
      match: ({ from, to, aux }) =>
        `(${from})${arrow(BROADER, { length: '*1..' })}${nodeOf(BROADER, to)} WITH DISTINCT ${to} MATCH ${aux}p = shortestPath((${from})${arrow(BROADER, { length: '*1..' })}(${to}))`,
      extra: ({ aux }) => ({ distance: `length(${aux}p)` }),
      sortBy: ['distance', 'name'],
    },
    // With those of its narrower conditions (IS_A) unless `includeNarrower` is false.
    studies: {
      ...studiesOfConcept('Condition'),
      returns: () => StudyConnection,
      description:
        'Studies whose population has this condition (or a narrower one), by title (without case), then key.',
      args: ConceptStudiesArgs,
    },
  },
});

declareType(Population, {
  fieldProperties: { eligibility: ELIGIBILITY_PROPERTIES },
  map: toPopulation,
  relations: {
    study: {
      returns: () => Study,
      description: 'The study.',
      cardinality: 'one',
      follow: inbound('Population', 'HAS_POPULATION', 'Study'),
    },
    conditions: {
      returns: () => [Condition],
      description: 'Conditions of the population (shared across studies).',
      cardinality: 'list',
      max: BOUNDS.conditionsPerPopulation,
      follow: outbound('Population', 'HAS_CONDITION', 'Condition'),
      sortBy: ['name'],
    },
    evidence: { ...evidenceOf('Population'), description: 'Sources of the eligibility statement.' },
  },
});
