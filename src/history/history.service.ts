import { ManagedTransaction } from 'neo4j-driver';
import { changesOf, describeRecordChange, describeStudyFileChange } from './history.diff';
import { LATEST_VERSIONS, WRITE_VERSIONS } from './history.repository';
import { noteVersions } from '../changes/change.service';

/**
 * Where a version of a study comes from: what wrote it, who and why, and the source document as
 * it was (a registry record's JSON; by default the study file written).
 */
export interface Provenance {
  source: 'SEED_LOADER' | 'IMPORT_STUDIES' | 'REGISTRY_IMPORT' | 'REGISTRY_SYNC';
  changedBy: string | null;
  reason?: string | null;
  /** The registry record as JSON text, for a registry study. */
  record?: string | null;
  recordLastUpdated?: string | null;
  syncRun?: string | null;
}

const REGISTRY_SOURCES: ReadonlySet<string> = new Set(['REGISTRY_IMPORT', 'REGISTRY_SYNC']);

/**
 * Writes a version of each study given (one whose content changed), in the write's transaction:
 * its number, provenance, content hash and document, and the changes from the version before in
 * words (only between documents of one kind: two registry records, or two study files).
 */
export async function writeVersions(
  tx: ManagedTransaction,
  studies: { id: string; contentHash: string; studyFile: unknown; provenance: Provenance }[],
): Promise<void> {
  if (studies.length === 0) return;
  const latest = new Map(
    (await tx.run(LATEST_VERSIONS, { ids: studies.map((s) => s.id) })).records.map((r) => [
      r.get('id') as string,
      {
        version: (r.get('version') as number | null) ?? 0,
        document: r.get('document') as string | null,
        source: r.get('source') as string | null,
      },
    ]),
  );
  const rows = studies.map(({ id, contentHash, studyFile, provenance: p }) => {
    const registry = REGISTRY_SOURCES.has(p.source);
    const document = registry && p.record ? p.record : JSON.stringify(studyFile);
    const previous = latest.get(id) ?? { version: 0, document: null, source: null };
    const comparable = previous.document !== null && REGISTRY_SOURCES.has(previous.source ?? '') === registry;
    const { changes, more } = comparable
      ? changesOf(
          JSON.parse(previous.document!),
          JSON.parse(document),
          registry ? describeRecordChange : describeStudyFileChange,
        )
      : { changes: [], more: 0 };
    const version = previous.version + 1;
    return {
      studyId: id,
      props: {
        id: `${id}/version-${version}`,
        studyId: id,
        version,
        source: p.source,
        changedBy: p.changedBy,
        reason: p.reason ?? null,
        recordLastUpdated: p.recordLastUpdated ?? null,
        syncRun: p.syncRun ?? null,
        contentHash,
        document,
        // Parallel lists ('' for an absent value: lists hold no null).
        changePaths: changes.map((c) => c.path),
        changeBefore: changes.map((c) => c.before ?? ''),
        changeAfter: changes.map((c) => c.after ?? ''),
        changeTexts: changes.map((c) => c.text),
        moreChanges: more,
      },
    };
  });
  await tx.run(WRITE_VERSIONS, { rows });
  // Each version is a change of the change log, written in the same transaction (src/changes/).
  noteVersions(
    tx,
    rows.map(({ props }, i) => {
      const study = (studies[i].studyFile as { study?: { title?: string; acronym?: string | null } }).study;
      return {
        ...props,
        versionId: props.id,
        studyTitle: study?.title ?? null,
        studyAcronym: study?.acronym ?? null,
      };
    }),
  );
}
