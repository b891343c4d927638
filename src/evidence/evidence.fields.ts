import { declareType, ReadDecl } from '../graphql/translate/model';
import { BOUNDS } from '../model/bounds';
import { inbound, outbound, Relationship } from '../model/graph';
import { Study } from '../studies/study.type';
import { Document, Evidence, Publication, toDocument, toEvidence, toPublication } from './evidence.type';

/**
 * The `evidence` field of a study part of label `owner` (arm, population, measurement,
 * comparison, finding, adverse event…): its quoted sources, in their order. Each owner adds the
 * field's description.
 */
export const evidenceOf = (
  owner: Extract<Relationship, { type: 'SUPPORTED_BY' }>['from'],
): ReadDecl & { returns: () => unknown } => ({
  returns: () => [Evidence],
  cardinality: 'list',
  max: BOUNDS.evidencePerFact,
  follow: outbound(owner, 'SUPPORTED_BY', 'Evidence'),
  sortBy: ['position'],
});

declareType(Evidence, {
  map: toEvidence,
  relations: {
    document: {
      returns: () => Document,
      description: 'The document the quote is taken from.',
      cardinality: 'one',
      follow: outbound('Evidence', 'QUOTED_FROM', 'Document'),
    },
  },
});

declareType(Document, {
  fieldProperties: { registryRecord: ['registry', 'recordId', 'recordLastUpdated'] },
  map: toDocument,
  relations: {
    publication: {
      returns: () => Publication,
      nullable: true,
      description: 'The publication the document reproduces (e.g. the abstract of an article); null for a fact sheet.',
      cardinality: 'one',
      follow: outbound('Document', 'REPRODUCES', 'Publication'),
    },
  },
});

declareType(Publication, {
  map: toPublication,
  relations: {
    studies: {
      returns: () => [Study],
      description: 'Studies this publication reports.',
      cardinality: 'list',
      max: BOUNDS.studiesPerPublication,
      follow: inbound('Publication', 'REPORTED_IN', 'Study'),
      sortBy: ['id'],
    },
  },
});
