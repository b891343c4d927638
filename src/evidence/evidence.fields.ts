import { declareType, RelationDecl } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { toDocument, toEvidence, toPublication } from './evidence.type';

/** The quoted sources of a study part (arm, population, measurement, comparison, finding, adverse event), in their order. */
export const EVIDENCE: RelationDecl = {
  type: 'Evidence',
  cardinality: 'list',
  max: BOUNDS.evidencePerFact,
  match: ({ from, to }) => `(${from})-[:SUPPORTED_BY]->(${to}:Evidence)`,
  sortBy: ['position'],
};

declareType('Evidence', {
  map: toEvidence,
  relations: {
    document: { type: 'Document', cardinality: 'one', match: ({ from, to }) => `(${from})-[:QUOTED_FROM]->(${to}:Document)` },
  },
});

declareType('Document', {
  fieldProperties: { registryRecord: ['registry', 'recordId', 'recordLastUpdated'] },
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
