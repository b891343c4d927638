/**
 * What kind of change an event records, and its summary in words: pure, from what the writer
 * knows (the version written and its field changes, src/history/history.diff.ts).
 */

/** The kinds of change, most specific first: an event's `kind` is the first of its `kinds` in this order. */
export const CHANGE_KINDS = [
  'DELETED',
  'NO_LONGER_MATCHED',
  'NEW_STUDY',
  'RESULTS_POSTED',
  'STATUS_CHANGED',
  'CURATED_EDIT',
  'NEW_VERSION',
] as const;
export type ChangeKindValue = (typeof CHANGE_KINDS)[number];

const REGISTRY_SOURCES: ReadonlySet<string> = new Set(['REGISTRY_IMPORT', 'REGISTRY_SYNC']);

/** The paths of a registry record and of a study file whose change is a status change. */
const STATUS_PATHS: ReadonlySet<string> = new Set(['protocolSection.statusModule.overallStatus', 'study.status']);

/** Field changes listed on an event (the version keeps all of them). */
export const CHANGES_PER_EVENT = 20;

/** A version as the history writes it: the facts its event is made of. */
export interface VersionFacts {
  studyId: string;
  studyTitle: string | null;
  studyAcronym: string | null;
  version: number;
  versionId: string;
  source: string;
  changedBy: string | null;
  reason: string | null;
  syncRun: string | null;
  recordLastUpdated: string | null;
  changePaths: string[];
  changeTexts: string[];
  moreChanges: number;
}

/** Sorts kinds in CHANGE_KINDS order, each once. */
export const ordered = (kinds: Iterable<ChangeKindValue>): ChangeKindValue[] => {
  const set = new Set(kinds);
  return CHANGE_KINDS.filter((k) => set.has(k));
};

/**
 * The kinds of a new version: NEW_STUDY for a first version; otherwise NEW_VERSION (a registry
 * record's new version) or CURATED_EDIT (a curated study changed through importStudies or the
 * seed loader), with RESULTS_POSTED when results were first posted and STATUS_CHANGED when the
 * overall status changed.
 */
export function kindsOfVersion(v: Pick<VersionFacts, 'version' | 'source' | 'changePaths' | 'changeTexts'>) {
  if (v.version === 1) return ['NEW_STUDY'] as ChangeKindValue[];
  const kinds: ChangeKindValue[] = [REGISTRY_SOURCES.has(v.source) ? 'NEW_VERSION' : 'CURATED_EDIT'];
  if (v.changeTexts.includes('results first posted')) kinds.push('RESULTS_POSTED');
  if (v.changePaths.some((p) => STATUS_PATHS.has(p))) kinds.push('STATUS_CHANGED');
  return ordered(kinds);
}

const named = (title: string | null, acronym: string | null, id: string) =>
  acronym ? `${acronym} (${title ?? id})` : (title ?? id);

/** The summary of a version's event: what happened, in a line. */
export function versionSummary(v: VersionFacts, kinds: readonly ChangeKindValue[]): string {
  const study = named(v.studyTitle, v.studyAcronym, v.studyId);
  if (kinds.includes('NEW_STUDY'))
    return REGISTRY_SOURCES.has(v.source)
      ? `New study from the registry: ${study}`
      : `New study: ${study}${v.changedBy ? ` (by ${v.changedBy})` : ''}`;
  const shown = v.changeTexts.slice(0, 3);
  const rest = v.changeTexts.length - shown.length + v.moreChanges;
  const what =
    shown.length === 0
      ? REGISTRY_SOURCES.has(v.source)
        ? `new registry record${v.recordLastUpdated ? ` of ${v.recordLastUpdated}` : ''}`
        : 'new study file'
      : `${shown.join('; ')}${rest > 0 ? `; and ${rest} more change${rest === 1 ? '' : 's'}` : ''}`;
  const by = kinds.includes('CURATED_EDIT') && v.changedBy ? ` (curated edit by ${v.changedBy})` : '';
  return `${study}, version ${v.version}: ${what}${by}`;
}

/** The summary of a deletion. */
export const deletedSummary = (id: string, title: string | null, acronym: string | null) =>
  `${named(title, acronym, id)}: deleted`;

/** The summary of a registry study that a full sync no longer listed. */
export const noLongerMatchedSummary = (id: string, since: string) =>
  `${id}: no longer matched by the registry query (since ${since})`;
