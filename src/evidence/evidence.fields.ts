import { declareType } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { toDocument, toEvidence, toPublication } from './evidence.type';

declareType('Evidence', {
  map: toEvidence,
  relations: {
    document: { type: 'Document', cardinality: 'one', match: ({ from, to }) => `(${from})-[:QUOTED_FROM]->(${to}:Document)` },
  },
});

declareType('Document', {
  map: toDocument,
  relations: {
    publication: { type: 'Publication', cardinality: 'one', match: ({ from, to }) => `(${from})-[:REPRODUCES]->(${to}:Publication)` },
  },
});

declareType('Publication', {
  map: toPublication,
  relations: {
    studies: {
      type: 'Study',
      cardinality: 'list',
      max: BOUNDS.studiesPerPublication,
      match: ({ from, to }) => `(${from})<-[:REPORTED_IN]-(${to}:Study)`,
      sortBy: ['id'],
    },
  },
});
