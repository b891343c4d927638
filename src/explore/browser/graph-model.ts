/**
 * The explorer's graph model: what it draws (the node kinds and the relations between them), the
 * GraphQL query built from that, and the graph built from the answer. Pure: the page script
 * (explore.ts) bundles it, and the unit tests import it to validate the query against
 * schema/schema.graphql and to check the graph built from an answer.
 *
 * One table drives both the query and the graph: `RELATIONS`. Each line names a kind, a path of
 * fields from it (one field, or two with the object between them kept on the edge as its `via`),
 * the edge's label and the kind reached. The query selects, for every kind, its `fields` and then
 * each relation leaving it, recursively, never following one relation twice on one path (so
 * `Condition.broader` and `Condition.ancestors` stop after two steps). One more node kind is one
 * line of `KINDS`, one more edge one line of `RELATIONS` (as Intervention's IS_A classes are).
 */
import type { Css } from 'cytoscape';

/** An object of a GraphQL answer, as JSON. */
export type AnswerObject = { [field: string]: unknown };

const QUOTE = 'evidence { id quote verification section note document { id title url } }';
const CI = 'ci { level lower upper }';
const OUTCOME =
  `id name role timeFrame measurements { id arm { label } statistic value valueText unit timePoint { value unit } analysed ${CI} ${QUOTE} }` +
  ` comparisons { id effectMeasure estimate ${CI} p { text } method treatmentArm { label } referenceArm { label } ${QUOTE} }`;
const FINDING = `id associated direction directionText contrast analysisType effectMeasure estimate ${CI} p { text } outcome { name } outcomeConcept { name } ${QUOTE}`;

/** A node kind: its GraphQL fields (shown in the side panel), its label, colour and shape. */
export interface Kind {
  title: string;
  fields: string;
  label(object: AnswerObject): string;
  color: string;
  shape: Css.NodeShape;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

/** The node kinds. */
export const KINDS = {
  study: {
    title: 'Study',
    fields: 'id acronym title year phase allocation masking enrolment designText',
    label: (o) => text(o.acronym || o.id),
    color: '#1f4e79',
    shape: 'round-rectangle',
  },
  arm: {
    title: 'Arm',
    fields: `id label role randomized ${QUOTE}`,
    label: (o) => text(o.label),
    color: '#2a9d8f',
    shape: 'ellipse',
  },
  intervention: {
    title: 'Intervention',
    fields: 'id name kind',
    label: (o) => text(o.name),
    color: '#e76f51',
    shape: 'diamond',
  },
  condition: {
    title: 'Condition',
    fields: 'id name kind',
    label: (o) => text(o.name),
    color: '#7b2cbf',
    shape: 'hexagon',
  },
  outcomeConcept: {
    title: 'Outcome concept',
    fields: 'id name abbreviation',
    label: (o) => text(o.abbreviation || o.name),
    color: '#3a7d44',
    shape: 'round-tag',
  },
  predictor: {
    title: 'Predictor',
    fields: 'id name kind',
    label: (o) => text(o.name),
    color: '#b5651d',
    shape: 'triangle',
  },
} satisfies Record<string, Kind>;

/** The name of a node kind. */
export type KindName = keyof typeof KINDS;

/** The kinds, in the order of KINDS (the legend's order). */
export const KIND_NAMES = Object.keys(KINDS) as KindName[];

/** An edge kind: from a kind, along a path of fields, to a kind (edge null: nodes only). */
export interface Relation {
  from: KindName;
  /** One field, or two separated by a dot with the object between them kept on the edge. */
  path: string;
  /** The edge's label, or null when the relation adds nodes only. */
  edge: string | null;
  to: KindName;
  /** The fields of the object between the two steps of the path. */
  via?: string;
}

/** The edges, one a line. */
export const RELATIONS: readonly Relation[] = [
  { from: 'study', path: 'arms', edge: 'HAS_ARM', to: 'arm' },
  { from: 'arm', path: 'interventions.intervention', edge: 'RECEIVES', to: 'intervention', via: 'dose route schedule' },
  {
    from: 'study',
    path: 'population.conditions',
    edge: 'HAS_CONDITION',
    to: 'condition',
    via: `id description ${QUOTE}`,
  },
  { from: 'condition', path: 'broader', edge: 'IS_A', to: 'condition' },
  { from: 'condition', path: 'ancestors', edge: null, to: 'condition' },
  { from: 'intervention', path: 'broader', edge: 'IS_A', to: 'intervention' },
  { from: 'study', path: 'outcomes.concept', edge: 'MEASURES', to: 'outcomeConcept', via: OUTCOME },
  { from: 'study', path: 'predictorFindings.predictor', edge: 'EVALUATES', to: 'predictor', via: FINDING },
];

/** Related studies listed (and drawn) per study expanded. */
export const RELATED_FIRST = 10;

/** The selection of a kind: its fields, then every relation leaving it that this path has not used yet. */
function selectionOf(kind: KindName, used: readonly number[]): string {
  const parts = [KINDS[kind].fields];
  RELATIONS.forEach((relation, index) => {
    if (relation.from !== kind || used.includes(index)) return;
    const steps = relation.path.split('.');
    const inner = `${steps[steps.length - 1]} { ${selectionOf(relation.to, [...used, index])} }`;
    parts.push(steps.length === 2 ? `${steps[0]} { ${relation.via ?? ''} ${inner} }` : inner);
  });
  return parts.join(' ');
}

/** The one request of a study's neighbourhood: the study (null when unknown) and its related studies. */
export function exploreQuery(): string {
  return (
    `query Explore($id: ID!, $related: Int!) { study(id: $id) { ${selectionOf('study', [])} }` +
    ' relatedStudies(id: $id, first: $related) { score shared { id kind name weight } study { id acronym title year } } }'
  );
}

/** The node kind of each SharedConcept kind. */
const SHARED_KINDS: Readonly<Record<string, KindName>> = {
  CONDITION: 'condition',
  INTERVENTION: 'intervention',
  COMPARATOR: 'intervention',
  OUTCOME_CONCEPT: 'outcomeConcept',
  PREDICTOR: 'predictor',
};

/** One concept two related studies share, as RelatedStudy.shared answers it. */
export interface SharedConcept {
  id: string;
  kind: string;
  name: string;
  weight: number;
}

/** One entry of the relatedStudies answer. */
export interface RelatedAnswer {
  score: number;
  shared: SharedConcept[];
  study: AnswerObject & { id: string };
}

/** What a related-study edge carries: the score and the shared concepts, each naming its node. */
export interface Related {
  score: number;
  shared: (SharedConcept & { node: string })[];
}

/** A node: its id "<kind>:<key>", its kind, key, label and own fields (what the side panel shows). */
export interface GraphNode {
  id: string;
  kind: KindName;
  key: string;
  label: string;
  fields: AnswerObject;
  /** Whether its neighbourhood has been fetched (studies only). */
  expanded?: boolean;
}

/** An edge, keyed by its ends and label; `vias` are the objects between its ends (an outcome, a finding). */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  vias: AnswerObject[];
  related?: Related;
}

/** The graph of one answer, with the id of the study asked for. */
export interface Graph {
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function listOf(value: unknown): AnswerObject[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as AnswerObject[];
}

/** A copy of an object without the fields its relations follow (what the side panel shows of it). */
function ownFields(kind: KindName | '', object: AnswerObject): AnswerObject {
  const skip = new Set(RELATIONS.filter((relation) => relation.from === kind).map((r) => r.path.split('.')[0]));
  const copy: AnswerObject = {};
  for (const key of Object.keys(object)) if (!skip.has(key)) copy[key] = object[key];
  return copy;
}

/**
 * The graph of one answer of exploreQuery: nodes { id, kind, key, label, fields } keyed
 * "<kind>:<key>", edges { id, source, target, label, vias, related } keyed by ends and label.
 * An edge reached twice (two outcomes of one concept) keeps each object between its ends in
 * `vias`; a related-study edge carries the score and the shared concepts, whichever end asked.
 */
export function graphOf(study: AnswerObject, related: readonly RelatedAnswer[] | null | undefined): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  function addNode(kind: KindName, object: AnswerObject): string {
    const key = text(object.id);
    const id = `${kind}:${key}`;
    let node = nodes.get(id);
    if (!node) {
      node = { id, kind, key, label: KINDS[kind].label(object), fields: {} };
      nodes.set(id, node);
    }
    Object.assign(node.fields, ownFields(kind, object));
    return id;
  }
  function addEdge(source: string, label: string, target: string, via: AnswerObject | null): void {
    const id = `${source} ${label} ${target}`;
    let edge = edges.get(id);
    if (!edge) {
      edge = { id, source, target, label, vias: [] };
      edges.set(id, edge);
    }
    if (via && !edge.vias.some((v) => v.id !== undefined && v.id === via.id)) edge.vias.push(via);
  }
  function visit(kind: KindName, object: AnswerObject, used: readonly number[]): string {
    const id = addNode(kind, object);
    RELATIONS.forEach((relation, index) => {
      if (relation.from !== kind || used.includes(index)) return;
      const steps = relation.path.split('.');
      for (const first of listOf(object[steps[0]])) {
        const via = steps.length === 2 ? ownFields('', first) : null;
        if (via) delete via[steps[1]];
        for (const next of listOf(steps.length === 2 ? first[steps[1]] : first)) {
          const target = visit(relation.to, next, [...used, index]);
          if (relation.edge) addEdge(id, relation.edge, target, via);
        }
      }
    });
    return id;
  }
  const root = visit('study', study, []);
  nodes.get(root)!.expanded = true;
  for (const r of related ?? []) {
    const other = addNode('study', r.study);
    const id = `related ${[root, other].sort().join(' ')}`;
    edges.set(id, {
      id,
      source: root,
      target: other,
      label: r.shared.map((s) => s.name).join(' · '),
      vias: [],
      related: { score: r.score, shared: r.shared.map((s) => ({ node: `${SHARED_KINDS[s.kind]}:${s.id}`, ...s })) },
    });
  }
  return { root, nodes: [...nodes.values()], edges: [...edges.values()] };
}
