// The FHIR R5 Evidence of a between-arm comparison, mapped from the answer of FHIR_QUERY
// (src/fhir/fhir.route.ts) by pure functions, after the EBM-on-FHIR conventions: four variable
// definitions (population, exposure, referenceExposure, measuredVariable), one statistic (the
// estimate, its sample size, its confidence interval and p-value as attribute estimates) and the
// provenance of the numbers (the quoted words, their verification, the document) as notes, with the
// documents and the study's publications (PMID, DOI) as related artifacts. Codes: src/fhir/fhir.codes.ts.
// Unknown values are left out, never filled in.
import {
  ARTIFACT_CITATION,
  ARTIFACT_CITES,
  BUNDLE_TYPE_SEARCHSET,
  ISSUE_SEVERITY_ERROR,
  IssueType,
  LINK_SELF,
  PUBLICATION_STATUS_ACTIVE,
  QUANTITY_COMPARATORS,
  SEARCH_MODE_MATCH,
  VARIABLE_ROLE_SYSTEM,
  VariableRole,
} from './fhir.codes';
import { fhirIdOf } from './fhir.id';

/** The parts of the FHIR_QUERY answer the mapping reads (field names as in schema/schema.graphql). */
export interface StudyAnswer {
  id: string;
  acronym: string | null;
  title: string;
  publications: PublicationAnswer[];
  population: { description: string; conditions: { id: string; name: string }[] } | null;
  outcomes: OutcomeAnswer[];
}
export interface PublicationAnswer {
  id: string;
  title: string | null;
  journal: string | null;
  year: number | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  pmid: string | null;
  doi: string | null;
  firstAuthor: string | null;
  role?: string | null;
  identifierVerification?: string;
}
export interface OutcomeAnswer {
  id: string;
  name: string;
  role: string;
  definition: string | null;
  timeFrame: string | null;
  concept: { id: string; name: string; abbreviation: string | null };
  comparisons: ComparisonAnswer[];
}
export interface ArmAnswer {
  id: string;
  label: string;
  role: string;
  randomized: number | null;
  interventions: {
    dose: string | null;
    route: string | null;
    schedule: string | null;
    intervention: { id: string; name: string; kind: string };
  }[];
}
export interface EvidenceAnswer {
  id: string;
  quote: string;
  section: string | null;
  verification: string;
  note: string | null;
  document: {
    id: string;
    title: string;
    url: string | null;
    localCopy: string | null;
    publication: PublicationAnswer | null;
  };
}
export interface ComparisonAnswer {
  id: string;
  effectMeasure: string | null;
  estimate: number | null;
  method: string | null;
  ci: { level: number | null; lower: number | null; upper: number | null } | null;
  p: { operator: string | null; value: number | null; text: string; sided: string | null } | null;
  /** The subgroup compared, when not the whole arms (a registry's class). */
  subgroup: { label: string; criterion: string | null; n: number | null } | null;
  /** Null where the source does not say which group is the treatment, or compares result groups that are no arms. */
  treatmentArm: ArmAnswer | null;
  referenceArm: ArmAnswer | null;
  /** The registry result groups compared, in the record's order, and which is which where the record's words say. */
  estimateType: string | null;
  groups: GroupAnswer[];
  treatmentGroup: GroupAnswer | null;
  referenceGroup: GroupAnswer | null;
  evidence: EvidenceAnswer[];
}
export interface GroupAnswer {
  title: string;
  description: string | null;
}

/** One side of a comparison: an arm, or a registry result group that is no arm. */
interface Side {
  label: string;
  text: string;
  randomized: number | null;
}
const groupSide = (g: GroupAnswer): Side => ({
  label: g.title,
  text: [`Result group "${g.title}" of the registry record.`, g.description !== null ? sentence(g.description) : null]
    .filter((x) => x !== null)
    .join(' '),
  randomized: null,
});
const armSide = (a: ArmAnswer): Side => ({ label: a.label, text: armText(a), randomized: a.randomized });

/** The exposure and the reference of a comparison, or, where the source does not say which is which, the groups compared. */
function sidesOf(c: ComparisonAnswer): { exposure: Side; reference: Side } | { compared: Side[] } {
  const exposure = c.treatmentArm ? armSide(c.treatmentArm) : c.treatmentGroup ? groupSide(c.treatmentGroup) : null;
  const reference = c.referenceArm ? armSide(c.referenceArm) : c.referenceGroup ? groupSide(c.referenceGroup) : null;
  return exposure && reference ? { exposure, reference } : { compared: c.groups.map(groupSide) };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A FHIR resource as JSON. */
export type FhirResource = Record<string, any>;

/** Our effect measures in words: statisticType is text only (see src/fhir/fhir.codes.ts). */
const MEASURE_TEXT: Readonly<Record<string, string>> = {
  HAZARD_RATIO: 'Hazard ratio',
  ODDS_RATIO: 'Odds ratio',
  RISK_RATIO: 'Risk ratio',
  RATE_DIFFERENCE: 'Rate difference',
};
/** The unit of an estimate, where it has one (a ratio has none): text only, no UCUM code is claimed. */
const MEASURE_UNIT: Readonly<Record<string, string>> = { RATE_DIFFERENCE: 'percentage points' };
const VERIFICATION_TEXT: Readonly<Record<string, string>> = {
  VERIFIED: 'seen in the cited source',
  SECONDARY: 'seen only in a weak source',
  DERIVED: 'computed from verified numbers; the arithmetic is in the note',
};
const PUBLICATION_ROLE_TEXT: Readonly<Record<string, string>> = {
  PRIMARY_REPORT: 'Primary report of the trial',
  FOLLOW_UP_REPORT: 'Later report of the trial',
};
const SIDED_TEXT: Readonly<Record<string, string>> = { ONE_SIDED: 'One-sided test.', TWO_SIDED: 'Two-sided test.' };

/** Drops the keys whose value is undefined, null or an empty list, so that unknown values are absent. */
function present<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

/** Text as a sentence: a full stop added unless it ends in one already. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
const role = (code: VariableRole) => ({ coding: [{ system: VARIABLE_ROLE_SYSTEM, code }] });
const studyLabel = (study: StudyAnswer) => study.acronym ?? study.title;

function armText(arm: ArmAnswer): string {
  const receives = arm.interventions.map((i) => {
    const details = [i.dose, i.route, i.schedule].filter((d): d is string => d !== null);
    return details.length > 0 ? `${i.intervention.name} (${details.join(', ')})` : i.intervention.name;
  });
  return [
    `Arm "${arm.label}".`,
    receives.length > 0 ? `Receives: ${receives.join('; ')}.` : null,
    arm.randomized !== null ? `Patients randomized: ${arm.randomized}.` : null,
  ]
    .filter((s) => s !== null)
    .join(' ');
}

/** A publication as a citation: first author, title, journal, year;volume(issue):pages, PMID and DOI, each only when known. */
export function citationOf(p: PublicationAnswer): string {
  const where = [
    p.year !== null ? String(p.year) : null,
    p.volume !== null ? `;${p.volume}${p.issue !== null ? `(${p.issue})` : ''}` : null,
    p.pages !== null ? `:${p.pages}` : null,
  ]
    .filter((s) => s !== null)
    .join('');
  const parts = [
    p.firstAuthor,
    p.title,
    p.journal,
    where || null,
    p.pmid !== null ? `PMID: ${p.pmid}` : null,
    p.doi !== null ? `DOI: ${p.doi}` : null,
  ].filter((s) => s !== null);
  const verification =
    p.identifierVerification && (p.pmid !== null || p.doi !== null)
      ? ` (identifiers: ${p.identifierVerification})`
      : '';
  return `${parts.join('. ')}.${verification}`;
}

/** The provenance of one evidence entry as a note: the words quoted, the document and section, the verification level, and the entry's own note. */
export function provenanceNote(e: EvidenceAnswer): { text: string } {
  const source = `${e.document.title}${e.section !== null ? `, section "${e.section}"` : ''}`;
  const lines = [
    `Quote: "${e.quote}"`,
    `Source: ${source}${e.document.url !== null ? ` (${e.document.url})` : ''}${e.document.publication ? `; reproduces ${citationOf(e.document.publication)}` : ''}`,
    `Verification: ${e.verification} (${VERIFICATION_TEXT[e.verification] ?? e.verification})`,
    e.note !== null ? `Note: ${e.note}` : null,
  ];
  return { text: lines.filter((s) => s !== null).join('\n\n') };
}

function relatedArtifacts(study: StudyAnswer, c: ComparisonAnswer): FhirResource[] {
  const documents = [...new Map(c.evidence.map((e) => [e.document.id, e.document])).values()];
  return [
    ...documents.map((d) =>
      present({
        type: ARTIFACT_CITES,
        label: 'Quoted document',
        display: d.localCopy !== null ? `${d.title} (the copy quotes are checked against: ${d.localCopy})` : d.title,
        citation: d.publication ? citationOf(d.publication) : undefined,
        document: d.url !== null ? { url: d.url, title: d.title } : undefined,
      }),
    ),
    ...study.publications.map((p) =>
      present({
        type: ARTIFACT_CITATION,
        label: p.role ? PUBLICATION_ROLE_TEXT[p.role] : undefined,
        citation: citationOf(p),
        publicationDate: p.year !== null ? String(p.year) : undefined,
      }),
    ),
  ];
}

function statisticOf(c: ComparisonAnswer): FhirResource {
  const unit = c.effectMeasure ? MEASURE_UNIT[c.effectMeasure] : undefined;
  const quantity = (value: number) => present({ value, unit });
  const ci = c.ci && (c.ci.lower !== null || c.ci.upper !== null) ? c.ci : null;
  const attributeEstimate = [
    ci &&
      present({
        description:
          ci.level !== null
            ? `${ci.level} % confidence interval`
            : 'Confidence interval; the source does not state its level',
        note: ci.upper === null ? [{ text: 'Upper limit reported as not estimable.' }] : undefined,
        type: { text: 'Confidence interval' },
        level: ci.level ?? undefined,
        range: present({
          low: ci.lower !== null ? quantity(ci.lower) : undefined,
          high: ci.upper !== null ? quantity(ci.upper) : undefined,
        }),
      }),
    c.p &&
      present({
        description: c.p.text,
        note: c.p.sided ? [{ text: SIDED_TEXT[c.p.sided] }] : undefined,
        type: { text: 'p-value' },
        // A p-value printed as text only ("NA") has no quantity: its words are the description.
        quantity:
          c.p.value === null
            ? undefined
            : present({
                value: c.p.value,
                comparator:
                  c.p.operator !== null && (QUANTITY_COMPARATORS as readonly string[]).includes(c.p.operator)
                    ? c.p.operator
                    : undefined,
              }),
      }),
  ].filter((a) => a !== null);
  const sides = sidesOf(c);
  const t = 'exposure' in sides ? sides.exposure : null;
  const r = 'exposure' in sides ? sides.reference : null;
  // A subgroup's comparison is of the subgroup's patients, not of the arms randomized.
  const sampleSize = c.subgroup
    ? c.subgroup.n !== null
      ? { description: `Patients of the subgroup "${c.subgroup.label}" compared.`, numberOfParticipants: c.subgroup.n }
      : undefined
    : t?.randomized != null && r?.randomized != null
      ? {
          description: `Patients randomized to the two arms compared (${t.randomized} + ${r.randomized}); the number analysed may differ.`,
          numberOfParticipants: t.randomized + r.randomized,
        }
      : undefined;
  const what = c.effectMeasure ? MEASURE_TEXT[c.effectMeasure] : c.estimateType;
  const description =
    t && r
      ? what && c.estimate !== null
        ? `${what} of "${t.label}" versus "${r.label}"`
        : `Comparison of "${t.label}" with "${r.label}"${c.estimate === null ? '; the source reports no effect estimate' : ''}`
      : `${what ?? 'Comparison'} between ${'compared' in sides ? sides.compared.map((g) => `"${g.label}"`).join(' and ') : ''}; the source does not say which group is the treatment`;
  return present({
    description,
    note: c.method !== null ? [{ text: `Method: ${c.method}` }] : undefined,
    statisticType: what ? { text: what } : undefined,
    quantity: c.estimate !== null ? quantity(c.estimate) : undefined,
    sampleSize,
    attributeEstimate,
  });
}

/** The Evidence resource of one comparison of an outcome of the study. */
export function evidenceOf(study: StudyAnswer, outcome: OutcomeAnswer, c: ComparisonAnswer): FhirResource {
  const population = study.population;
  const concept = `${outcome.concept.name}${outcome.concept.abbreviation !== null ? ` (${outcome.concept.abbreviation})` : ''}`;
  const sides = sidesOf(c);
  const measured = [
    `Outcome "${outcome.name}" (${outcome.role.toLowerCase().replace('_', '-')} end point), outcome concept: ${concept}.`,
    outcome.definition !== null ? sentence(`Definition: ${outcome.definition}`) : null,
    outcome.timeFrame !== null ? sentence(`Time frame: ${outcome.timeFrame}`) : null,
  ].filter((s) => s !== null);
  return present({
    resourceType: 'Evidence',
    id: fhirIdOf(c.id) ?? undefined,
    identifier: [{ value: c.id }],
    title: `${studyLabel(study)}: ${outcome.name}, ${'exposure' in sides ? `${sides.exposure.label} vs ${sides.reference.label}` : `${sides.compared.map((g) => g.label).join(' / ')} compared`}`,
    status: PUBLICATION_STATUS_ACTIVE,
    relatedArtifact: relatedArtifacts(study, c),
    note: c.evidence.map(provenanceNote),
    variableDefinition: [
      present({
        description: population
          ? [
              sentence(`Eligibility: ${population.description}`),
              population.conditions.length > 0
                ? `Conditions: ${population.conditions.map((x) => x.name).join('; ')}.`
                : null,
            ]
              .filter((s) => s !== null)
              .join('\n\n')
          : undefined,
        variableRole: role('population'),
        observed: { display: `Population of ${studyLabel(study)}` },
      }),
      ...(c.subgroup
        ? [
            present({
              description: [
                `Subgroup: ${c.subgroup.label}.`,
                c.subgroup.criterion !== null ? sentence(`Criterion: ${c.subgroup.criterion}`) : null,
                c.subgroup.n !== null ? `${c.subgroup.n} patients.` : null,
              ]
                .filter((s) => s !== null)
                .join(' '),
              variableRole: role('subpopulation'),
              observed: { display: c.subgroup.label },
            }),
          ]
        : []),
      ...('exposure' in sides
        ? [
            {
              description: sides.exposure.text,
              variableRole: role('exposure'),
              observed: { display: sides.exposure.label },
            },
            {
              description: sides.reference.text,
              variableRole: role('referenceExposure'),
              observed: { display: sides.reference.label },
            },
          ]
        : // Groups compared without a stated direction: each an exposure, none claimed as the reference.
          sides.compared.map((g) => ({
            description: `${g.text} The source does not say which compared group is the treatment.`,
            variableRole: role('exposure'),
            observed: { display: g.label },
          }))),
      { description: measured.join(' '), variableRole: role('measuredVariable'), observed: { display: outcome.name } },
    ],
    statistic: [statisticOf(c)],
  });
}

/** Every between-arm comparison of the study as Evidence, in the order of its outcomes and their comparisons. */
export function evidencesOf(study: StudyAnswer): FhirResource[] {
  return study.outcomes.flatMap((o) => o.comparisons.map((c) => evidenceOf(study, o, c)));
}

/** The searchset Bundle of the study's Evidence resources; `base` is the server's address (e.g. http://localhost:4000). */
export function evidenceBundle(study: StudyAnswer, base: string): FhirResource {
  const resources = evidencesOf(study);
  return {
    resourceType: 'Bundle',
    type: BUNDLE_TYPE_SEARCHSET,
    total: resources.length,
    link: [{ relation: LINK_SELF, url: `${base}/fhir/Evidence?study=${encodeURIComponent(study.id)}` }],
    entry: resources.map((resource) =>
      present({
        fullUrl: resource.id !== undefined ? `${base}/fhir/Evidence/${resource.id}` : undefined,
        resource,
        search: { mode: SEARCH_MODE_MATCH },
      }),
    ),
  };
}

/** The Evidence of the study whose FHIR id is `id`, or null when none has it. */
export function evidenceById(study: StudyAnswer, id: string): FhirResource | null {
  for (const o of study.outcomes)
    for (const c of o.comparisons) if (fhirIdOf(c.id) === id) return evidenceOf(study, o, c);
  return null;
}

/** An OperationOutcome of one error: the FHIR issue type, our stable code (src/errors.ts) in `diagnostics`, the message in `details.text`. */
export function operationOutcome(issueType: IssueType, code: string, message: string): FhirResource {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: ISSUE_SEVERITY_ERROR, code: issueType, details: { text: message }, diagnostics: code }],
  };
}
