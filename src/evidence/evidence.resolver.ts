import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../graphql/context';
import { Study } from '../studies/study.type';
import { Document, Evidence, Publication } from './evidence.type';

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Document, { description: 'The document the quote is taken from.' })
  document(@Root() e: Evidence, @Ctx() ctx: Context) {
    return ctx.loaders.documentOfEvidence.load(e.id);
  }
}

@Resolver(() => Document)
export class DocumentResolver {
  @FieldResolver(() => Publication, { nullable: true, description: 'The publication the document reproduces (e.g. the abstract of an article); null for a fact sheet.' })
  publication(@Root() d: Document, @Ctx() ctx: Context) {
    return ctx.loaders.publicationOfDocument.load(d.id);
  }
}

@Resolver(() => Publication)
export class PublicationResolver {
  @FieldResolver(() => [Study], { description: 'Studies this publication reports.' })
  studies(@Root() p: Publication, @Ctx() ctx: Context) {
    return ctx.loaders.studiesOfPublication.load(p.id);
  }
}
