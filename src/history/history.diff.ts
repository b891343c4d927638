/**
 * What changed between two versions of a study's source document (a registry record's JSON, or
 * a curated study file), field by field, in words a reader understands: "overall status
 * RECRUITING → COMPLETED", "results first posted", "PFS median, arm A: 11.0 → 11.4 months".
 * Pure: the writer stores the result beside the new version.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** One changed field: its JSON path, the values before and after (as JSON text; null when absent), and the change in words. */
export interface FieldChange {
  path: string;
  before: string | null;
  after: string | null;
  text: string;
}

/** The changes kept per version; past it, the version says how many more there were. */
export const MAX_CHANGES = 200;

/** Longest value text kept in `before`/`after` (a whole added module is summarised, not copied). */
const MAX_VALUE = 300;

type Step = string | number;

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const valueText = (v: unknown): string | null => {
  if (v === undefined) return null;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
};
const pathText = (steps: Step[]) =>
  steps.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
/** "overallStatus" → "overall status". */
const words = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
const shown = (v: unknown) =>
  v === undefined || v === null ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);

/** The name of an element of a list, for words: its title, name, label, term, measure or id. */
function nameOf(node: Json): string | null {
  if (!isObject(node)) return null;
  for (const key of ['title', 'name', 'label', 'term', 'measure', 'id'])
    if (typeof node[key] === 'string' && node[key].trim() !== '') return node[key].trim();
  return null;
}

/** The nodes along `steps` from `root` (the root first). */
function nodesAlong(root: Json, steps: Step[]): Json[] {
  const nodes = [root];
  let node = root;
  for (const step of steps) {
    node = node == null ? undefined : node[step];
    nodes.push(node);
  }
  return nodes;
}

/** Words for a change that no rule below describes: the named parents of the field, then the field. */
function genericText(root: Json, steps: Step[], before: unknown, after: unknown): string {
  const nodes = nodesAlong(root, steps);
  const names = steps.flatMap((step, i) =>
    typeof step === 'number' ? [nameOf(nodes[i + 1]) ?? `item ${step + 1}`] : [],
  );
  const last = steps.filter((s): s is string => typeof s === 'string').pop() ?? 'value';
  const where = [...names, words(last)].join(', ');
  if (before === undefined)
    return `${where} added${isObject(after) || Array.isArray(after) ? '' : `: ${shown(after)}`}`;
  if (after === undefined)
    return `${where} removed${isObject(before) || Array.isArray(before) ? '' : ` (was ${shown(before)})`}`;
  return `${where}: ${shown(before)} → ${shown(after)}`;
}

/** The title of the group `groupId` in the measure at `measure`, for words. */
const groupTitle = (measure: Json, groupId: unknown) =>
  (Array.isArray(measure?.groups) ? measure.groups.find((g: Json) => g?.id === groupId)?.title : undefined) ??
  String(groupId ?? 'a group');

/**
 * Words for the fields of a ClinicalTrials.gov v2 record that readers follow; null for the others
 * (then the generic words apply). `root` is the version the field is read in (the new one, or the
 * old one for a removed field).
 */
export function describeRecordChange(root: Json, steps: Step[], before: unknown, after: unknown): string | null {
  const p = pathText(steps);
  if (p === 'resultsSection')
    return before === undefined ? 'results first posted' : after === undefined ? 'results removed' : null;
  if (p === 'hasResults') return after === true ? 'results first posted' : 'results removed';
  if (p === 'protocolSection.statusModule.overallStatus') return `overall status ${shown(before)} → ${shown(after)}`;
  if (p === 'protocolSection.statusModule.lastUpdatePostDateStruct.date')
    return `last update posted ${shown(before)} → ${shown(after)}`;
  if (p === 'protocolSection.designModule.enrollmentInfo.count') return `enrolment ${shown(before)} → ${shown(after)}`;
  const value =
    /^resultsSection\.outcomeMeasuresModule\.outcomeMeasures\[(\d+)\]\.classes\[(\d+)\]\.categories\[(\d+)\]\.measurements\[(\d+)\]\.(value|lowerLimit|upperLimit|spread)$/.exec(
      p,
    );
  if (value) {
    const measure = root?.resultsSection?.outcomeMeasuresModule?.outcomeMeasures?.[Number(value[1])];
    const cls = measure?.classes?.[Number(value[2])];
    const cat = cls?.categories?.[Number(value[3])];
    const m = cat?.measurements?.[Number(value[4])];
    const what = { value: '', lowerLimit: ' lower limit', upperLimit: ' upper limit', spread: ' dispersion' }[
      value[5] as 'value'
    ];
    const label = [
      measure?.title ?? `outcome measure ${Number(value[1]) + 1}`,
      cls?.title,
      cat?.title,
      groupTitle(measure, m?.groupId),
    ]
      .filter((x) => typeof x === 'string' && x.trim() !== '')
      .join(', ');
    const unit = typeof measure?.unitOfMeasure === 'string' ? ` ${measure.unitOfMeasure}` : '';
    return `${label}${what}: ${shown(before)} → ${shown(after)}${unit}`;
  }
  return null;
}

/** Words for the fields of a curated study file (src/seeds/seed.schema.ts) that readers follow; null for the others. */
export function describeStudyFileChange(root: Json, steps: Step[], before: unknown, after: unknown): string | null {
  const p = pathText(steps);
  const measurement = /^outcomes\[(\d+)\]\.measurements\[(\d+)\]\.(value|valueText)$/.exec(p);
  if (measurement) {
    const outcome = root?.outcomes?.[Number(measurement[1])];
    const m = outcome?.measurements?.[Number(measurement[2])];
    const arm = root?.arms?.find((a: Json) => a?.id === m?.arm)?.label ?? (m?.arm === null ? 'whole cohort' : m?.arm);
    const unit =
      m?.unit === 'PERCENT'
        ? ' %'
        : typeof m?.unit === 'string' && m.unit !== 'OTHER'
          ? ` ${m.unit.toLowerCase()}`
          : '';
    return `${outcome?.name ?? 'an outcome'}, ${arm ?? 'a measurement'}: ${shown(before)} → ${shown(after)}${measurement[3] === 'value' ? unit : ''}`;
  }
  const study = /^study\.(status|phase|enrolment|title)$/.exec(p);
  if (study) return `${words(study[1])} ${shown(before)} → ${shown(after)}`;
  return null;
}

export type Describer = (root: Json, steps: Step[], before: unknown, after: unknown) => string | null;

/**
 * The changes from `before` to `after`, in document order: leaves that differ, and subtrees
 * added or removed as one change each (a module first posted is one change, not hundreds). At
 * most MAX_CHANGES are listed; `more` counts the rest.
 */
export function changesOf(before: Json, after: Json, describe: Describer): { changes: FieldChange[]; more: number } {
  const changes: FieldChange[] = [];
  let more = 0;
  const record = (steps: Step[], b: unknown, a: unknown) => {
    if (changes.length >= MAX_CHANGES) return void (more += 1);
    const root = a === undefined ? before : after;
    changes.push({
      path: pathText(steps),
      before: valueText(b),
      after: valueText(a),
      text: describe(root, steps, b, a) ?? genericText(root, steps, b, a),
    });
  };
  const walk = (b: Json, a: Json, steps: Step[]) => {
    if (b === undefined && a === undefined) return;
    if (b === undefined || a === undefined) return record(steps, b, a);
    if (isObject(b) && isObject(a)) {
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) walk(b[key], a[key], [...steps, key]);
      return;
    }
    if (Array.isArray(b) && Array.isArray(a)) {
      for (let i = 0; i < Math.max(b.length, a.length); i += 1) walk(b[i], a[i], [...steps, i]);
      return;
    }
    if (JSON.stringify(b) !== JSON.stringify(a)) record(steps, b, a);
  };
  walk(before, after, []);
  // A rule may give one change several paths' words (the results module and hasResults): each text once.
  const seen = new Set<string>();
  return { changes: changes.filter((c) => (seen.has(c.text) ? false : (seen.add(c.text), true))), more };
}
