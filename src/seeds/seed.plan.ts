import { createHash } from 'node:crypto';
import { NodeLabel, NODES, Relationship, RELATIONSHIPS } from '../model/graph';
import { EvidenceInput, StudyInput, VocabularyInput } from './seed.schema';

/** Node labels the loader writes (the graph model's, src/model/graph.ts); the only labels that ever reach query text. */
export const NODE_LABELS = Object.keys(NODES) as NodeLabel[];
export type { NodeLabel };

/** Labels of nodes owned by one study (they also get the label StudyPart and `studyId`). */
export const OWNED_LABELS: ReadonlySet<NodeLabel> = new Set(NODE_LABELS.filter((label) => NODES[label].owned));

type Shapes<T extends readonly Relationship[]> = { readonly [K in keyof T]: readonly [T[K]['type'], T[K]['from'], T[K]['to']] };

/** Relationship shapes the loader writes (the graph model's relationships): type, start label, end label. */
export const REL_SHAPES = RELATIONSHIPS.map((r) => [r.type, r.from, r.to] as const) as unknown as Shapes<typeof RELATIONSHIPS>;
export type RelShape = (typeof REL_SHAPES)[number];
export type RelShapeKey = `${RelShape[1]}-${RelShape[0]}->${RelShape[2]}`;
export const relShapeKey = (shape: RelShape): RelShapeKey => `${shape[1]}-${shape[0]}->${shape[2]}` as RelShapeKey;
/** The start and end labels of each relationship shape. */
export const REL_ENDS = Object.fromEntries(REL_SHAPES.map((shape) => [relShapeKey(shape), [shape[1], shape[2]]])) as Readonly<Record<string, readonly [NodeLabel, NodeLabel]>>;

export type Props = Record<string, string | number | boolean | null | string[] | number[]>;
export interface PlannedNode {
  id: string;
  props: Props;
}
export interface PlannedRel {
  from: string;
  to: string;
  props: Props;
}

/** The nodes and relationships that represent one input, grouped for batched UNWIND writes. */
export interface GraphPlan {
  nodes: Partial<Record<NodeLabel, PlannedNode[]>>;
  rels: Partial<Record<RelShapeKey, PlannedRel[]>>;
}

export interface StudyPlan extends GraphPlan {
  studyId: string;
  /** Hash of the validated input: an unchanged study is not rewritten. */
  contentHash: string;
  /** The validated study file (the document of its curated versions). */
  input: StudyInput;
}

class PlanBuilder {
  readonly plan: GraphPlan = { nodes: {}, rels: {} };
  constructor(private readonly studyId: string | null) {}

  node(label: NodeLabel, id: string, props: Props): string {
    const owned: Props = OWNED_LABELS.has(label) && this.studyId !== null ? { studyId: this.studyId } : {};
    (this.plan.nodes[label] ??= []).push({ id, props: { ...props, ...owned } });
    return id;
  }

  rel(shape: RelShape, from: string, to: string, props: Props = {}): void {
    (this.plan.rels[relShapeKey(shape)] ??= []).push({ from, to, props });
  }
}

const shape = (type: RelShape[0], from: RelShape[1], to: RelShape[2]): RelShape => {
  const found = REL_SHAPES.find((s) => s[0] === type && s[1] === from && s[2] === to);
  if (!found) throw new Error(`No relationship shape (:${from})-[:${type}]->(:${to})`);
  return found;
};

const conceptProps = (c: { name: string; synonyms: string[]; codes: { system: string; code: string; display?: string | null; source?: string | null }[]; curation?: string }): Props => ({
  name: c.name,
  synonyms: c.synonyms,
  // Full-text indexes read strings, not lists: synonyms are indexed through this joined copy.
  synonymText: c.synonyms.join(' | '),
  // Codes as `SYSTEM:code`, with their names and sources in parallel lists ('' when none: lists hold no null).
  codes: c.codes.map((code) => `${code.system}:${code.code}`),
  codeDisplays: c.codes.map((code) => code.display ?? ''),
  codeSources: c.codes.map((code) => code.source ?? ''),
  curation: c.curation ?? 'CURATED',
});

/** Plans the shared concepts of a vocabulary file and their IS_A links. */
export function planVocabulary(v: VocabularyInput): GraphPlan {
  const b = new PlanBuilder(null);
  for (const c of v.conditions) {
    b.node('Condition', c.id, { ...conceptProps(c), kind: c.kind });
    for (const broader of c.broader) b.rel(shape('IS_A', 'Condition', 'Condition'), c.id, broader);
  }
  for (const i of v.interventions) {
    b.node('Intervention', i.id, { ...conceptProps(i), kind: i.kind });
    for (const broader of i.broader ?? []) b.rel(shape('IS_A', 'Intervention', 'Intervention'), i.id, broader);
  }
  for (const o of v.outcomeConcepts) {
    b.node('OutcomeConcept', o.id, { ...conceptProps(o), abbreviation: o.abbreviation });
    for (const broader of o.broader ?? []) b.rel(shape('IS_A', 'OutcomeConcept', 'OutcomeConcept'), o.id, broader);
  }
  for (const p of v.predictors) {
    b.node('Predictor', p.id, { ...conceptProps(p), kind: p.kind });
    if (p.intervention != null) b.rel(shape('CONCERNS', 'Predictor', 'Intervention'), p.id, p.intervention);
  }
  return b.plan;
}

/**
 * A study's place in year order, as one indexed string: the year (4 digits; 9999 when unknown,
 * so that those come last) and the key. Ordering by it is ordering by year then key, and the
 * range index on it hands studies over in that order (schema/005_study_sort_keys.cypher has the
 * same formula for studies stored before it).
 */
export const studyYearKey = (year: number | null, id: string): string => `${String(year ?? 9999).padStart(4, '0')}|${id}`;

/** The title sort key of a study: its title without case, as Cypher's toLower gives it. */
export const studyTitleKey = (title: string): string => title.toLowerCase();

const ciProps = (ci: { level: number | null; lower: number | null; upper: number | null; sided: string | null } | null): Props => ({
  ciLevel: ci?.level ?? null,
  ciLower: ci?.lower ?? null,
  ciUpper: ci?.upper ?? null,
  ciSided: ci?.sided ?? null,
});

const pProps = (p: { operator: string | null; value: number | null; text: string; sided: string | null } | null): Props => ({
  pOperator: p?.operator ?? null,
  pValue: p?.value ?? null,
  pText: p?.text ?? null,
  pSided: p?.sided ?? null,
});

const dispersionProps = (d: { type: string; value: number | null; lower: number | null; upper: number | null } | null | undefined): Props => ({
  dispersionType: d?.type ?? null,
  dispersionValue: d?.value ?? null,
  dispersionLower: d?.lower ?? null,
  dispersionUpper: d?.upper ?? null,
});

const subgroupProps = (g: { label: string; criterion: string | null; n: number | null } | null): Props => ({
  subgroupLabel: g?.label ?? null,
  subgroupCriterion: g?.criterion ?? null,
  subgroupN: g?.n ?? null,
});

const MONTHS_PER: Record<string, number> = { DAYS: 12 / 365.25, WEEKS: 12 / 52.1775, MONTHS: 1, YEARS: 12 };

/** A time point in months, rounded to 0.01 so that equal durations compare equal. */
export function toMonths(value: number, unit: string): number {
  return Math.round(value * MONTHS_PER[unit] * 100) / 100;
}

/** Plans one study: owned nodes get the key `<study>/<local key>`; shared nodes keep their keys. */
export function planStudy(input: StudyInput): StudyPlan {
  const s = input.study;
  const b = new PlanBuilder(s.id);
  const key = (local: string) => `${s.id}/${local}`;
  const evidence = (owner: RelShape[1], ownerId: string, list: EvidenceInput[]) =>
    list.forEach((e, index) => {
      const id = b.node('Evidence', `${ownerId}/evidence-${index + 1}`, {
        quote: e.quote,
        section: e.section,
        verification: e.verification,
        note: e.note,
        position: index,
      });
      b.rel(shape('SUPPORTED_BY', owner as 'Arm', 'Evidence'), ownerId, id);
      b.rel(shape('QUOTED_FROM', 'Evidence', 'Document'), id, e.document);
    });

  const primary = input.publications.find((p) => p.role === 'PRIMARY_REPORT') ?? null;
  b.node('Study', s.id, {
    title: s.title,
    acronym: s.acronym,
    origin: s.origin ?? 'CURATED',
    phase: s.phase,
    allocation: s.allocation,
    masking: s.masking,
    status: s.status,
    designFeatures: s.designFeatures,
    designText: s.designText,
    enrolment: s.enrolment,
    enrolmentType: s.enrolmentType ?? null,
    startYear: s.startYear,
    countries: s.countries,
    siteCount: s.siteCount,
    countryCount: s.countryCount,
    registryIds: s.registryIds.map((r) => r.id),
    registries: s.registryIds.map((r) => r.registry),
    registryDomains: s.registryIds.map((r) => r.domain ?? ''),
    notes: s.notes,
    aeTimeFrame: s.adverseEventReporting?.timeFrame ?? null,
    aeDescription: s.adverseEventReporting?.description ?? null,
    aeFrequencyThreshold: s.adverseEventReporting?.frequencyThreshold ?? null,
    // Denormalised for sorting and filtering: the year of the primary report, when sourced.
    year: primary?.year ?? null,
    yearKey: studyYearKey(primary?.year ?? null, s.id),
    // The title sort key (schema/006_study_title_key.cypher indexes it).
    titleKey: studyTitleKey(s.title),
  });

  for (const p of input.publications) {
    b.node('Publication', p.id, {
      title: p.title,
      journal: p.journal,
      year: p.year,
      volume: p.volume,
      issue: p.issue,
      pages: p.pages,
      pmid: p.pmid,
      pmcid: p.pmcid ?? null,
      citation: p.citation ?? null,
      doi: p.doi,
      authors: p.authors,
      firstAuthor: p.firstAuthor ?? p.authors[0] ?? null,
      identifierVerification: p.identifierVerification,
    });
    b.rel(shape('REPORTED_IN', 'Study', 'Publication'), s.id, p.id, { role: p.role });
  }
  for (const d of input.documents) {
    const record = d.registryRecord ?? null;
    b.node('Document', d.id, {
      title: d.title,
      url: d.url,
      localCopy: d.localCopy,
      registry: record?.registry ?? null,
      recordId: record?.id ?? null,
      recordLastUpdated: record?.lastUpdated ?? null,
    });
    if (d.publication !== null) b.rel(shape('REPRODUCES', 'Document', 'Publication'), d.id, d.publication);
    // A registry record is a source of the whole study, quoted or not (a curated study keeps its record beside its publications).
    if (record !== null) b.rel(shape('HAS_RECORD', 'Study', 'Document'), s.id, d.id);
  }
  // Inputs planned without validation (the benchmark's corpus) may lack the newer optional parts: absent is null.
  if (s.planned != null) {
    const plan = b.node('DesignPlan', key('planned'), {
      enrolment: s.planned.enrolment,
      effectMeasure: s.planned.effectMeasure,
      effect: s.planned.effect,
      description: s.planned.description,
    });
    b.rel(shape('PLANNED_AS', 'Study', 'DesignPlan'), s.id, plan);
    evidence('DesignPlan', plan, s.planned.evidence);
  }

  const eligibility = input.population.eligibility ?? null;
  const population = b.node('Population', key(input.population.id), {
    description: input.population.description,
    criteria: eligibility?.criteria ?? null,
    sex: eligibility?.sex ?? null,
    minimumAge: eligibility?.minimumAge ?? null,
    maximumAge: eligibility?.maximumAge ?? null,
    healthyVolunteers: eligibility?.healthyVolunteers ?? null,
    ageGroups: eligibility?.ageGroups ?? [],
  });
  b.rel(shape('HAS_POPULATION', 'Study', 'Population'), s.id, population);
  for (const c of input.population.conditions) b.rel(shape('HAS_CONDITION', 'Population', 'Condition'), population, c);
  // The eligibility module is a source of the population beside the conditions.
  evidence('Population', population, [...input.population.evidence, ...(eligibility ? [eligibility.evidence] : [])]);

  input.arms.forEach((arm, index) => {
    const id = b.node('Arm', key(arm.id), { label: arm.label, role: arm.role, randomized: arm.randomized, position: index });
    b.rel(shape('HAS_ARM', 'Study', 'Arm'), s.id, id);
    for (const r of arm.receives) {
      b.rel(shape('RECEIVES', 'Arm', 'Intervention'), id, r.intervention, { dose: r.dose, route: r.route, schedule: r.schedule });
    }
    evidence('Arm', id, arm.evidence);
  });

  (input.groups ?? []).forEach((g, index) => {
    const t = g.adverseEventTotals;
    const id = b.node('ResultGroup', key(g.id), {
      title: g.title,
      description: g.description,
      armTie: g.armTie,
      aeSeriousAffected: t?.seriousAffected ?? null,
      aeSeriousAtRisk: t?.seriousAtRisk ?? null,
      aeOtherAffected: t?.otherAffected ?? null,
      aeOtherAtRisk: t?.otherAtRisk ?? null,
      aeDeathsAffected: t?.deathsAffected ?? null,
      aeDeathsAtRisk: t?.deathsAtRisk ?? null,
      position: index,
    });
    b.rel(shape('HAS_GROUP', 'Study', 'ResultGroup'), s.id, id);
    if (g.arm !== null) b.rel(shape('OF_ARM', 'ResultGroup', 'Arm'), id, key(g.arm));
    evidence('ResultGroup', id, g.evidence);
  });
  (input.participantFlow ?? []).forEach((f, position) => {
    const id = b.node('FlowCount', key(f.id), { period: f.period, kind: f.kind, type: f.type, count: f.count, comment: f.comment, position });
    b.rel(shape('HAS_FLOW_COUNT', 'Study', 'FlowCount'), s.id, id);
    b.rel(shape('OF_GROUP', 'FlowCount', 'ResultGroup'), id, key(f.group));
    evidence('FlowCount', id, [f.evidence]);
  });
  (input.baseline ?? []).forEach((m, index) => {
    const measure = b.node('BaselineMeasure', key(m.id), {
      title: m.title,
      description: m.description,
      analysisPopulation: m.analysisPopulation,
      statistic: m.statistic,
      unitText: m.unitText,
      position: index,
    });
    b.rel(shape('HAS_BASELINE_MEASURE', 'Study', 'BaselineMeasure'), s.id, measure);
    m.values.forEach((v, position) => {
      const id = b.node('BaselineValue', key(v.id), {
        value: v.value,
        valueText: v.valueText,
        ...ciProps(v.ci),
        ...dispersionProps(v.dispersion),
        analysed: v.analysed,
        row: v.row,
        category: v.category,
        comment: v.comment,
        position,
      });
      b.rel(shape('HAS_VALUE', 'BaselineMeasure', 'BaselineValue'), measure, id);
      b.rel(shape('OF_GROUP', 'BaselineValue', 'ResultGroup'), id, key(v.group));
      evidence('BaselineValue', id, [v.evidence]);
    });
  });

  (input.cohorts ?? []).forEach((c, index) => {
    const id = b.node('Cohort', key(c.id), { label: c.label, description: c.description, n: c.n, position: index });
    b.rel(shape('HAS_COHORT', 'Study', 'Cohort'), s.id, id);
    for (const condition of c.conditions) b.rel(shape('HAS_CONDITION', 'Cohort', 'Condition'), id, condition);
    for (const arm of c.arms) b.rel(shape('INCLUDES_ARM', 'Cohort', 'Arm'), id, key(arm));
    evidence('Cohort', id, c.evidence);
  });

  input.outcomes.forEach((o, index) => {
    const outcome = b.node('Outcome', key(o.id), {
      name: o.name,
      role: o.role,
      definition: o.definition,
      timeFrame: o.timeFrame,
      analysisPopulation: o.analysisPopulation ?? null,
      position: index,
    });
    b.rel(shape('HAS_OUTCOME', 'Study', 'Outcome'), s.id, outcome);
    b.rel(shape('MEASURES', 'Outcome', 'OutcomeConcept'), outcome, o.concept);
    o.measurements.forEach((m, position) => {
      const id = b.node('Measurement', key(m.id), {
        statistic: m.statistic,
        value: m.value,
        valueText: m.valueText,
        rangeLow: m.range?.low ?? null,
        rangeHigh: m.range?.high ?? null,
        unit: m.unit,
        unitText: m.unitText ?? null,
        timePointValue: m.timePoint?.value ?? null,
        timePointUnit: m.timePoint?.unit ?? null,
        // Normalised for filtering across studies that state the same time point differently (2 years = 24 months).
        timePointMonths: m.timePoint ? toMonths(m.timePoint.value, m.timePoint.unit) : null,
        ...ciProps(m.ci),
        ...dispersionProps(m.dispersion),
        analysed: m.analysed,
        ...subgroupProps(m.subgroup),
        category: m.category ?? null,
        row: m.row ?? null,
        comment: m.comment ?? null,
        position,
      });
      b.rel(shape('HAS_MEASUREMENT', 'Outcome', 'Measurement'), outcome, id);
      // The concept of the measurement's outcome, linked directly: the measurements of a concept are then its OF_CONCEPT degree, read from the count store of a dense node (compareOutcome's totalCount).
      b.rel(shape('OF_CONCEPT', 'Measurement', 'OutcomeConcept'), id, o.concept);
      if (m.arm !== null) b.rel(shape('OF_ARM', 'Measurement', 'Arm'), id, key(m.arm));
      if (m.group != null) b.rel(shape('OF_GROUP', 'Measurement', 'ResultGroup'), id, key(m.group));
      evidence('Measurement', id, [m.evidence]);
    });
    o.comparisons.forEach((c, position) => {
      const id = b.node('Comparison', key(c.id), {
        effectMeasure: c.effectMeasure,
        estimate: c.estimate,
        estimateText: c.estimateText ?? null,
        estimateType: c.estimateType ?? null,
        ...dispersionProps(c.dispersion),
        ...ciProps(c.ci),
        ...pProps(c.p),
        method: c.method,
        hypothesis: c.hypothesis ?? null,
        hypothesisText: c.hypothesisText ?? null,
        ...subgroupProps(c.subgroup),
        // The comments as parallel lists (the field each is in, its words): lists hold no maps.
        commentFields: (c.comments ?? []).map((k) => k.field),
        commentTexts: (c.comments ?? []).map((k) => k.text),
        position,
      });
      b.rel(shape('HAS_COMPARISON', 'Outcome', 'Comparison'), outcome, id);
      if (c.treatmentArm != null) b.rel(shape('TREATMENT_ARM', 'Comparison', 'Arm'), id, key(c.treatmentArm));
      if (c.referenceArm != null) b.rel(shape('REFERENCE_ARM', 'Comparison', 'Arm'), id, key(c.referenceArm));
      (c.groups ?? []).forEach((g, groupPosition) => b.rel(shape('COMPARES', 'Comparison', 'ResultGroup'), id, key(g), { position: groupPosition }));
      if (c.treatmentGroup != null) b.rel(shape('TREATMENT_GROUP', 'Comparison', 'ResultGroup'), id, key(c.treatmentGroup));
      if (c.referenceGroup != null) b.rel(shape('REFERENCE_GROUP', 'Comparison', 'ResultGroup'), id, key(c.referenceGroup));
      evidence('Comparison', id, [c.evidence]);
    });
  });

  input.predictorFindings.forEach((f, position) => {
    const id = b.node('PredictorFinding', key(f.id), {
      associated: f.associated,
      direction: f.direction,
      directionText: f.directionText,
      contrast: f.contrast,
      analysisType: f.analysisType,
      effectMeasure: f.effectMeasure,
      estimate: f.estimate,
      ...ciProps(f.ci),
      ...pProps(f.p),
      position,
    });
    b.rel(shape('HAS_FINDING', 'Study', 'PredictorFinding'), s.id, id);
    b.rel(shape('OF_PREDICTOR', 'PredictorFinding', 'Predictor'), id, f.predictor);
    // Beside OF_PREDICTOR when the finding reports an association: a predictor's associated findings are then its ASSOCIATED_WITH degree, read from the count store of a dense node (predictorEvidence's counts).
    if (f.associated) b.rel(shape('ASSOCIATED_WITH', 'PredictorFinding', 'Predictor'), id, f.predictor);
    if (f.outcome != null) b.rel(shape('FOR_OUTCOME', 'PredictorFinding', 'Outcome'), id, key(f.outcome));
    // A finding about an outcome concept, not one outcome of the study ("shorter PFS": PFS over time).
    if (f.outcomeConcept != null) b.rel(shape('FOR_CONCEPT', 'PredictorFinding', 'OutcomeConcept'), id, f.outcomeConcept);
    evidence('PredictorFinding', id, [f.evidence]);
  });

  input.adverseEvents.forEach((a, position) => {
    const id = b.node('AdverseEventResult', key(a.id), {
      term: a.term,
      gradeMin: a.gradeMin,
      gradeMax: a.gradeMax,
      patients: a.patients,
      percent: a.percent,
      analysed: a.analysed,
      armDifference: a.armDifference,
      seriousness: a.seriousness ?? null,
      organSystem: a.organSystem ?? null,
      events: a.events ?? null,
      assessmentType: a.assessmentType ?? null,
      vocabulary: a.vocabulary ?? null,
      position,
    });
    b.rel(shape('HAS_ADVERSE_EVENT', 'Study', 'AdverseEventResult'), s.id, id);
    if (a.arm !== null) b.rel(shape('OF_ARM', 'AdverseEventResult', 'Arm'), id, key(a.arm));
    if (a.group != null) b.rel(shape('OF_GROUP', 'AdverseEventResult', 'ResultGroup'), id, key(a.group));
    evidence('AdverseEventResult', id, [a.evidence]);
  });

  const contentHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  return { ...b.plan, studyId: s.id, contentHash, input };
}

/** Concatenates plans so that a batch of studies is written with one UNWIND per label and shape. */
export function mergePlans(plans: GraphPlan[]): GraphPlan {
  const merged: GraphPlan = { nodes: {}, rels: {} };
  for (const plan of plans) {
    for (const [label, nodes] of Object.entries(plan.nodes) as [NodeLabel, PlannedNode[]][]) {
      (merged.nodes[label] ??= []).push(...nodes);
    }
    for (const [k, rels] of Object.entries(plan.rels) as [RelShapeKey, PlannedRel[]][]) (merged.rels[k] ??= []).push(...rels);
  }
  return merged;
}
