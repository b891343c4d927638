import { ZodIssue } from 'zod';
import { SeedFile, StudyInput, VocabularyInput } from './seed.schema';

/** One problem of a seed input, with where it is and the rule it breaks. */
export interface SeedIssue {
  file: string;
  /** JSON path inside the file, e.g. `$.outcomes[0].measurements[1].arm`. */
  path: string;
  rule: string;
  message: string;
}

/** Concept keys already in the database, which study files may reference without declaring. */
export interface KnownConcepts {
  conditions: Set<string>;
  interventions: Set<string>;
  outcomeConcepts: Set<string>;
  predictors: Set<string>;
}

export interface ValidSeeds {
  vocabularies: { file: string; data: VocabularyInput }[];
  studies: { file: string; data: StudyInput }[];
}

export const emptyKnownConcepts = (): KnownConcepts => ({
  conditions: new Set(),
  interventions: new Set(),
  outcomeConcepts: new Set(),
  predictors: new Set(),
});

export function formatPath(path: (string | number)[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

export function formatIssue(issue: SeedIssue): string {
  return `${issue.file}: ${issue.path}: ${issue.message} [${issue.rule}]`;
}

/** Parses JSON text, reporting a syntax error with its file and position. */
export function parseJson(file: string, text: string): { data?: unknown; issues: SeedIssue[] } {
  try {
    return { data: JSON.parse(text), issues: [] };
  } catch (error) {
    return { issues: [{ file, path: '$', rule: 'json', message: `malformed JSON: ${(error as Error).message}` }] };
  }
}

function zodIssue(file: string, issue: ZodIssue): SeedIssue {
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.received === 'undefined') message = `required field is missing (expected ${issue.expected})`;
  return { file, path: formatPath(issue.path), rule: `schema.${issue.code}`, message };
}

/** Parses JSON texts and validates them together (`validateSeeds`); syntax errors are issues too. */
export function validateTexts(
  inputs: { file: string; text: string }[],
  known: KnownConcepts = emptyKnownConcepts(),
): { seeds?: ValidSeeds; issues: SeedIssue[] } {
  const issues: SeedIssue[] = [];
  const parsed: { file: string; data: unknown }[] = [];
  for (const input of inputs) {
    const result = parseJson(input.file, input.text);
    issues.push(...result.issues);
    if (result.data !== undefined) parsed.push({ file: input.file, data: result.data });
  }
  const validated = validateSeeds(parsed, known);
  issues.push(...validated.issues);
  return issues.length === 0 ? validated : { issues };
}

/**
 * Checks every input against the seed format and then across records: references to arms,
 * outcomes, documents and publications resolve inside the study; concept references resolve
 * to a vocabulary of this load or to `known`; keys are unique; IS_A has no cycle; a study key
 * appears in one file only. Returns the typed seeds only when there is no issue at all.
 */
export function validateSeeds(
  inputs: { file: string; data: unknown }[],
  known: KnownConcepts = emptyKnownConcepts(),
): { seeds?: ValidSeeds; issues: SeedIssue[] } {
  const issues: SeedIssue[] = [];
  const seeds: ValidSeeds = { vocabularies: [], studies: [] };
  for (const { file, data } of inputs) {
    const parsed = SeedFile.safeParse(data);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((i) => zodIssue(file, i)));
      continue;
    }
    if (parsed.data.format === 'net-trials/vocabulary@1') seeds.vocabularies.push({ file, data: parsed.data });
    else seeds.studies.push({ file, data: parsed.data });
  }

  const concepts: KnownConcepts = {
    conditions: new Set(known.conditions),
    interventions: new Set(known.interventions),
    outcomeConcepts: new Set(known.outcomeConcepts),
    predictors: new Set(known.predictors),
  };
  for (const { file, data } of seeds.vocabularies) checkVocabulary(file, data, concepts, issues);
  checkCycles(seeds.vocabularies, issues);

  const studyFiles = new Map<string, string>();
  for (const { file, data } of seeds.studies) {
    const previous = studyFiles.get(data.study.id);
    if (previous !== undefined) {
      issues.push({ file, path: '$.study.id', rule: 'duplicate-key', message: `study "${data.study.id}" is also defined in ${previous}` });
    }
    studyFiles.set(data.study.id, file);
    checkStudy(file, data, concepts, issues);
  }
  return issues.length === 0 ? { seeds, issues } : { issues };
}

function checkVocabulary(file: string, vocabulary: VocabularyInput, concepts: KnownConcepts, issues: SeedIssue[]): void {
  const groups = [
    ['conditions', vocabulary.conditions, concepts.conditions],
    ['interventions', vocabulary.interventions, concepts.interventions],
    ['outcomeConcepts', vocabulary.outcomeConcepts, concepts.outcomeConcepts],
    ['predictors', vocabulary.predictors, concepts.predictors],
  ] as const;
  for (const [name, list, known] of groups) {
    const seen = new Set<string>();
    list.forEach((concept, index) => {
      if (seen.has(concept.id)) {
        issues.push({ file, path: `$.${name}[${index}].id`, rule: 'duplicate-key', message: `"${concept.id}" is declared twice` });
      }
      seen.add(concept.id);
      known.add(concept.id);
    });
  }
  const hierarchies = [
    ['conditions', 'condition', vocabulary.conditions, concepts.conditions],
    ['interventions', 'intervention', vocabulary.interventions, concepts.interventions],
    ['outcomeConcepts', 'outcome concept', vocabulary.outcomeConcepts, concepts.outcomeConcepts],
  ] as const;
  for (const [name, kind, list, known] of hierarchies) {
    list.forEach((concept, index) =>
      concept.broader.forEach((broader, j) => {
        if (!known.has(broader)) {
          issues.push({ file, path: `$.${name}[${index}].broader[${j}]`, rule: 'unknown-concept', message: `${kind} "${broader}" is not declared in a vocabulary` });
        }
      }),
    );
  }
  vocabulary.predictors.forEach((predictor, index) => {
    if (predictor.intervention !== null && !concepts.interventions.has(predictor.intervention)) {
      issues.push({ file, path: `$.predictors[${index}].intervention`, rule: 'unknown-concept', message: `intervention "${predictor.intervention}" is not declared in a vocabulary` });
    }
  });
}

/** IS_A has no cycle, in each of the three hierarchies (conditions, interventions, outcome concepts). */
function checkCycles(vocabularies: ValidSeeds['vocabularies'], issues: SeedIssue[]): void {
  for (const name of ['conditions', 'interventions', 'outcomeConcepts'] as const) {
    const broader = new Map<string, string[]>();
    for (const { data } of vocabularies) for (const c of data[name]) broader.set(c.id, c.broader);
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, trail: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        const { file } = vocabularies.find(({ data }) => data[name].some((c) => c.id === id))!;
        issues.push({ file, path: `$.${name}`, rule: 'is-a-cycle', message: `IS_A cycle: ${[...trail, id].join(' → ')}` });
        return;
      }
      state.set(id, 'visiting');
      for (const parent of broader.get(id) ?? []) visit(parent, [...trail, id]);
      state.set(id, 'done');
    };
    for (const id of broader.keys()) visit(id, []);
  }
}

function checkStudy(file: string, s: StudyInput, concepts: KnownConcepts, issues: SeedIssue[]): void {
  const issue = (path: string, rule: string, message: string) => issues.push({ file, path, rule, message });

  // Local keys are unique within the study across all kinds: the graph key is `<study>/<local>`.
  const localKeys = new Map<string, string>();
  const declare = (key: string, path: string) => {
    const previous = localKeys.get(key);
    if (previous !== undefined) issue(path, 'duplicate-key', `key "${key}" is already used at ${previous}`);
    else localKeys.set(key, path);
  };
  const documents = new Set<string>();
  s.documents.forEach((d, i) => {
    if (documents.has(d.id)) issue(`$.documents[${i}].id`, 'duplicate-key', `document "${d.id}" is declared twice`);
    documents.add(d.id);
  });
  const publications = new Set<string>();
  s.publications.forEach((p, i) => {
    if (publications.has(p.id)) issue(`$.publications[${i}].id`, 'duplicate-key', `publication "${p.id}" is declared twice`);
    publications.add(p.id);
  });
  s.documents.forEach((d, i) => {
    if (d.publication !== null && !publications.has(d.publication)) {
      issue(`$.documents[${i}].publication`, 'unknown-publication', `publication "${d.publication}" is not declared in $.publications`);
    }
  });

  const arms = new Set<string>();
  s.arms.forEach((arm, i) => {
    declare(arm.id, `$.arms[${i}]`);
    arms.add(arm.id);
  });
  declare(s.population.id, '$.population');
  s.cohorts.forEach((c, i) => declare(c.id, `$.cohorts[${i}]`));
  const groups = new Set<string>();
  s.groups.forEach((g, i) => {
    declare(g.id, `$.groups[${i}]`);
    groups.add(g.id);
  });
  s.participantFlow.forEach((f, i) => declare(f.id, `$.participantFlow[${i}]`));
  s.baseline.forEach((b, i) => {
    declare(b.id, `$.baseline[${i}]`);
    b.values.forEach((v, j) => declare(v.id, `$.baseline[${i}].values[${j}]`));
  });
  const outcomes = new Set<string>();
  s.outcomes.forEach((o, i) => {
    declare(o.id, `$.outcomes[${i}]`);
    outcomes.add(o.id);
    o.measurements.forEach((m, j) => declare(m.id, `$.outcomes[${i}].measurements[${j}]`));
    o.comparisons.forEach((c, j) => declare(c.id, `$.outcomes[${i}].comparisons[${j}]`));
  });
  s.predictorFindings.forEach((f, i) => declare(f.id, `$.predictorFindings[${i}]`));
  s.adverseEvents.forEach((a, i) => declare(a.id, `$.adverseEvents[${i}]`));

  const armRef = (arm: string | null, path: string) => {
    if (arm !== null && !arms.has(arm)) issue(path, 'unknown-arm', `arm "${arm}" is not declared in $.arms`);
  };
  const groupRef = (group: string | null, path: string) => {
    if (group !== null && !groups.has(group)) issue(path, 'unknown-group', `group "${group}" is not declared in $.groups`);
  };
  const conceptRef = (set: Set<string>, kind: string, id: string, path: string) => {
    if (!set.has(id)) issue(path, 'unknown-concept', `${kind} "${id}" is not declared in a vocabulary`);
  };
  const evidenceRef = (document: string, path: string) => {
    if (!documents.has(document)) issue(`${path}.document`, 'unknown-document', `document "${document}" is not declared in $.documents`);
  };

  s.population.conditions.forEach((c, i) => conceptRef(concepts.conditions, 'condition', c, `$.population.conditions[${i}]`));
  s.population.evidence.forEach((e, i) => evidenceRef(e.document, `$.population.evidence[${i}]`));
  s.cohorts.forEach((cohort, i) => {
    cohort.conditions.forEach((c, j) => conceptRef(concepts.conditions, 'condition', c, `$.cohorts[${i}].conditions[${j}]`));
    cohort.arms.forEach((a, j) => armRef(a, `$.cohorts[${i}].arms[${j}]`));
    cohort.evidence.forEach((e, j) => evidenceRef(e.document, `$.cohorts[${i}].evidence[${j}]`));
  });
  s.study.planned?.evidence.forEach((e, j) => evidenceRef(e.document, `$.study.planned.evidence[${j}]`));
  s.arms.forEach((arm, i) => {
    arm.receives.forEach((r, j) => conceptRef(concepts.interventions, 'intervention', r.intervention, `$.arms[${i}].receives[${j}].intervention`));
    arm.evidence.forEach((e, j) => evidenceRef(e.document, `$.arms[${i}].evidence[${j}]`));
  });
  s.groups.forEach((g, i) => {
    armRef(g.arm, `$.groups[${i}].arm`);
    g.evidence.forEach((e, j) => evidenceRef(e.document, `$.groups[${i}].evidence[${j}]`));
  });
  s.participantFlow.forEach((f, i) => {
    groupRef(f.group, `$.participantFlow[${i}].group`);
    evidenceRef(f.evidence.document, `$.participantFlow[${i}].evidence`);
  });
  s.baseline.forEach((b, i) =>
    b.values.forEach((v, j) => {
      groupRef(v.group, `$.baseline[${i}].values[${j}].group`);
      evidenceRef(v.evidence.document, `$.baseline[${i}].values[${j}].evidence`);
    }),
  );
  if (s.population.eligibility) evidenceRef(s.population.eligibility.evidence.document, '$.population.eligibility.evidence');
  s.outcomes.forEach((o, i) => {
    conceptRef(concepts.outcomeConcepts, 'outcome concept', o.concept, `$.outcomes[${i}].concept`);
    o.measurements.forEach((m, j) => {
      armRef(m.arm, `$.outcomes[${i}].measurements[${j}].arm`);
      groupRef(m.group, `$.outcomes[${i}].measurements[${j}].group`);
      evidenceRef(m.evidence.document, `$.outcomes[${i}].measurements[${j}].evidence`);
    });
    o.comparisons.forEach((c, j) => {
      armRef(c.treatmentArm, `$.outcomes[${i}].comparisons[${j}].treatmentArm`);
      armRef(c.referenceArm, `$.outcomes[${i}].comparisons[${j}].referenceArm`);
      c.groups.forEach((g, k) => groupRef(g, `$.outcomes[${i}].comparisons[${j}].groups[${k}]`));
      for (const side of ['treatmentGroup', 'referenceGroup'] as const) {
        const g = c[side];
        if (g !== null && !c.groups.includes(g)) issue(`$.outcomes[${i}].comparisons[${j}].${side}`, 'unknown-group', `group "${g}" is not among the groups the comparison compares`);
      }
      evidenceRef(c.evidence.document, `$.outcomes[${i}].comparisons[${j}].evidence`);
    });
  });
  s.predictorFindings.forEach((f, i) => {
    conceptRef(concepts.predictors, 'predictor', f.predictor, `$.predictorFindings[${i}].predictor`);
    if (f.outcome !== null && !outcomes.has(f.outcome)) issue(`$.predictorFindings[${i}].outcome`, 'unknown-outcome', `outcome "${f.outcome}" is not declared in $.outcomes`);
    if (f.outcomeConcept !== null) conceptRef(concepts.outcomeConcepts, 'outcome concept', f.outcomeConcept, `$.predictorFindings[${i}].outcomeConcept`);
    evidenceRef(f.evidence.document, `$.predictorFindings[${i}].evidence`);
  });
  s.adverseEvents.forEach((a, i) => {
    armRef(a.arm, `$.adverseEvents[${i}].arm`);
    groupRef(a.group, `$.adverseEvents[${i}].group`);
    evidenceRef(a.evidence.document, `$.adverseEvents[${i}].evidence`);
  });
}
