import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireWriteAccess } from '../auth';
import { badInput } from '../errors';
import { Context } from '../graphql/context';
import { deleteStudy, importStudies } from './import.service';
import { DeleteStudyPayload, ImportStudiesInput, ImportStudiesPayload } from './import.type';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportStudiesPayload, {
    description:
      'Imports studies (and vocabularies) in the seed format. All documents are validated first; if any is invalid nothing is written and each document says why. Each study is written atomically; re-importing the same content changes nothing. Needs the API key.',
  })
  importStudies(
    @Arg('input', () => ImportStudiesInput, { description: 'The documents to import.' }) input: ImportStudiesInput,
    @Ctx() ctx: Context,
  ) {
    requireWriteAccess(ctx.access);
    if (input.reason != null && (input.reason.trim() === '' || input.reason.length > 2000))
      throw badInput('input.reason', 'must be 1 to 2000 characters of text when given');
    return importStudies(ctx, input.documents, input.reason?.trim() ?? null);
  }

  @Mutation(() => DeleteStudyPayload, {
    description: 'Deletes one study and everything it owns. NOT_FOUND for an unknown key. Needs the API key.',
  })
  deleteStudy(@Arg('id', () => ID, { description: 'Key of the study.' }) id: string, @Ctx() ctx: Context) {
    requireWriteAccess(ctx.access);
    return deleteStudy(ctx, id);
  }
}
