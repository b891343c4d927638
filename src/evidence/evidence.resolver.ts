import { GraphQLResolveInfo } from 'graphql';
import { FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { projected } from '../graphql/translate/materialize';
import { Study } from '../studies/study.type';
import { Document, Evidence, Publication } from './evidence.type';

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Document, { description: 'The document the quote is taken from.' })
  document(@Root() e: Evidence, @Info() info: GraphQLResolveInfo) {
    return projected(e, info);
  }
}

@Resolver(() => Document)
export class DocumentResolver {
  @FieldResolver(() => Publication, { nullable: true, description: 'The publication the document reproduces (e.g. the abstract of an article); null for a fact sheet.' })
  publication(@Root() d: Document, @Info() info: GraphQLResolveInfo) {
    return projected(d, info);
  }
}

@Resolver(() => Publication)
export class PublicationResolver {
  @FieldResolver(() => [Study], { description: 'Studies this publication reports.' })
  studies(@Root() p: Publication, @Info() info: GraphQLResolveInfo) {
    return projected(p, info);
  }
}
