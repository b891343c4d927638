import { noteDeletions } from '../changes/change.service';
import { AppError, ErrorCode } from '../errors';
import { Context } from '../graphql/context';
import { knownConcepts, SeedValidationError, writeSeeds } from '../seeds/seed.loader';
import { DELETE_STUDY } from '../seeds/seed.repository';
import { validateSeeds } from '../seeds/seed.validate';
import { relatedAfter, relatedBefore } from '../studies/related.service';
import { DeleteStudyPayload, ImportResult, ImportStatus, ImportStudiesPayload, WRITE_STATUS } from './import.type';

const fileName = (index: number) => `input.documents[${index}]`;

const studyIdOf = (document: Record<string, unknown>): string | null => {
  const study = document.study as Record<string, unknown> | undefined;
  return typeof study?.id === 'string' ? study.id : null;
};

/**
 * Rethrows a write's error for the client: a bound that only the graph as a whole can break
 * (src/model/bounds.ts, a SeedValidationError) is BAD_USER_INPUT with its issues; the transaction
 * that would break it was rolled back (those written before it stay). Anything else as it is.
 */
export function refusedWrite(error: unknown): never {
  if (error instanceof SeedValidationError) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `${error.issues.map((i) => `${i.message} [${i.rule}]`).join('; ')}; that transaction was rolled back.`,
      { issues: error.issues },
    );
  }
  throw error;
}

/**
 * Imports seed documents with the loader's rules: everything is validated first and nothing is
 * written if any document is invalid; then each study is written in its own transaction.
 */
export async function importStudies(
  ctx: Context,
  documents: Record<string, unknown>[],
  reason: string | null = null,
): Promise<ImportStudiesPayload> {
  const known = await knownConcepts(ctx.executor);
  ctx.counter.roundTrips += 1;
  const { seeds, issues } = validateSeeds(
    documents.map((data, index) => ({ file: fileName(index), data })),
    known,
  );
  if (!seeds) {
    const results: ImportResult[] = documents.map((document, index) => {
      const own = issues
        .filter((i) => i.file === fileName(index))
        .map(({ path, rule, message }) => ({ path, rule, message }));
      return {
        document: index,
        studyId: studyIdOf(document),
        status: own.length > 0 ? ImportStatus.REJECTED : ImportStatus.NOT_WRITTEN,
        issues: own,
      };
    });
    return { results, written: false };
  }
  // Each study written gets a version naming the key that wrote it and why.
  const provenance = () => ({ source: 'IMPORT_STUDIES' as const, changedBy: ctx.writer, reason });
  const summary = await writeSeeds(ctx.executor, seeds, { provenance }).catch(refusedWrite);
  ctx.counter.roundTrips += summary.transactions;
  const statusOf = new Map(summary.perStudy.map((s) => [s.id, WRITE_STATUS[s.status]]));
  const results = documents.map((document, index) => {
    const studyId = studyIdOf(document);
    return {
      document: index,
      studyId,
      status: studyId ? statusOf.get(studyId)! : ImportStatus.VOCABULARY_MERGED,
      issues: [],
    };
  });
  return { results, written: true };
}

/**
 * Deletes a study with what it owns, and the publications and documents no other study uses;
 * NOT_FOUND when unknown. In the same transaction the concept counts lose what it held and the
 * full related lists that held it are recomputed.
 */
export async function deleteStudy(ctx: Context, id: string): Promise<DeleteStudyPayload> {
  const deleted = await ctx.executor.writeTransaction(async (tx) => {
    const before = await relatedBefore(tx, [id]);
    await noteDeletions(tx, [id], ctx.writer);
    const found = (await tx.run(DELETE_STUDY, { id })).records.length > 0;
    if (found) await relatedAfter(tx, before, []);
    return found;
  }, ctx.counter);
  if (!deleted) throw new AppError(ErrorCode.NOT_FOUND, `No study has the id "${id}".`, { argument: 'id' });
  return { id, deleted: true };
}
