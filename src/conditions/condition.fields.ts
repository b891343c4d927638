import { EVIDENCE } from '../evidence/evidence.fields';
import { CONCEPT_FIELD_PROPERTIES } from '../graphql/concept';
import { declareType } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { studiesOfConcept } from '../studies/study.fields';
import { ELIGIBILITY_PROPERTIES, toCondition, toPopulation } from './condition.type';

declareType('Condition', {
  fieldProperties: CONCEPT_FIELD_PROPERTIES,
  map: toCondition,
  relations: {
    broader: {
      type: 'Condition',
      cardinality: 'list',
      max: BOUNDS.broaderPerCondition,
      match: ({ from, to }) => `(${from})-[:IS_A]->(${to}:Condition)`,
      sortBy: ['name'],
    },
    narrower: {
      type: 'Condition',
      cardinality: 'list',
      max: BOUNDS.narrowerPerCondition,
      match: ({ from, to }) => `(${from})<-[:IS_A]-(${to}:Condition)`,
      sortBy: ['name'],
    },
    // Nearest first: by the shortest IS_A path to each ancestor (not an aggregate, which Neo4j
    // 5.26 refuses in a subquery inside a map projection).
    ancestors: {
      type: 'Condition',
      cardinality: 'list',
      max: BOUNDS.ancestorsPerCondition,
      clauses: true,
      match: ({ from, to, aux }) =>
        `(${from})-[:IS_A*1..]->(${to}:Condition) WITH DISTINCT ${to} MATCH ${aux}p = shortestPath((${from})-[:IS_A*1..]->(${to}))`,
      extra: ({ aux }) => ({ distance: `length(${aux}p)` }),
      sortBy: ['distance', 'name'],
    },
    // With those of its narrower conditions (IS_A) unless `includeNarrower` is false.
    studies: studiesOfConcept('Condition'),
  },
});

declareType('Population', {
  fieldProperties: { eligibility: ELIGIBILITY_PROPERTIES },
  map: toPopulation,
  relations: {
    study: { type: 'Study', cardinality: 'one', match: ({ from, to }) => `(${from})<-[:HAS_POPULATION]-(${to}:Study)` },
    conditions: {
      type: 'Condition',
      cardinality: 'list',
      max: BOUNDS.conditionsPerPopulation,
      match: ({ from, to }) => `(${from})-[:HAS_CONDITION]->(${to}:Condition)`,
      sortBy: ['name'],
    },
    evidence: EVIDENCE,
  },
});
