/**
 * The explorer's page script, bundled into explore.js and served as an asset (not inline, so the
 * page runs under `script-src 'self'`). It reads its settings from `<script id="explore-config"
 * type="application/json">`, expects the global `cytoscape` (loaded before it), and talks to the
 * server through the GraphQL endpoint only (one POST per study expanded); the forest tab's image
 * is the server's SVG endpoint. Every text from the answers reaches the page as textContent.
 */
import type { Core, EdgeSingular, NodeSingular, StylesheetJson } from 'cytoscape';
import {
  AnswerObject,
  exploreQuery,
  Graph,
  graphOf,
  KIND_NAMES,
  KindName,
  KINDS,
  Related,
  RELATED_FIRST,
  RelatedAnswer,
} from './graph-model';
import { EXPLORE_SETTINGS_ID, ExploreSettings } from './settings';

/** An error of a GraphQL answer. */
interface AnswerError {
  message: string;
  extensions?: { code?: string; excluded?: { study: string; comparison: string; reason: string }[] };
}

/** The answer of the Explore query. */
interface ExploreAnswer {
  data?: { study: AnswerObject | null; relatedStudies: RelatedAnswer[] | null } | null;
  errors?: AnswerError[];
}

/** One quote of an evidence list, as the query selects it. */
interface Evidence {
  quote: string;
  verification: string;
  section: string | null;
  note: string | null;
  document: { title: string | null; url: string | null } | null;
}

/** An element of the page that must be there. */
function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}.`);
  return found as T;
}

const config = JSON.parse(byId(EXPLORE_SETTINGS_ID).textContent ?? '{}') as ExploreSettings;
const body = document.body;
const statusLine = byId('status');
const panel = byId('panel');
const message = byId('message');
const QUERY = exploreQuery();
const pending = new Map<string, Promise<void>>();

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string | null,
  text?: unknown,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
function setState(state: string, text: string): void {
  body.dataset.state = state;
  statusLine.textContent = text;
}
function showMessage(text: string): void {
  message.textContent = text;
  message.hidden = false;
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 12,
      color: '#1d2733',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '150px',
      width: 28,
      height: 28,
    },
  },
  ...KIND_NAMES.map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': KINDS[kind].color, shape: KINDS[kind].shape },
  })),
  { selector: 'node[kind = "study"]', style: { width: 42, height: 42, 'font-size': 14, 'font-weight': 'bold' } },
  {
    selector: 'node[kind = "study"][!expanded]',
    style: {
      'background-opacity': 0.3,
      'border-width': 2,
      'border-style': 'dashed',
      'border-color': KINDS.study.color,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.2,
      'curve-style': 'bezier',
      'line-color': '#a3adb8',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#a3adb8',
      'arrow-scale': 0.7,
      label: 'data(label)',
      'font-size': 6,
      color: '#5b6673',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
    },
  },
  {
    selector: 'edge.related',
    style: {
      width: 2,
      'line-style': 'dashed',
      'line-color': KINDS.study.color,
      'target-arrow-shape': 'none',
      'font-size': 8,
      color: KINDS.study.color,
      'text-wrap': 'ellipsis',
      'text-max-width': '240px',
    },
  },
  { selector: '.shared', style: { 'border-width': 4, 'border-color': '#f4a261' } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f4a261', 'border-style': 'solid' } },
  { selector: 'edge:selected', style: { 'line-color': '#f4a261', 'target-arrow-color': '#f4a261', width: 3 } },
];

const cy: Core = cytoscape({
  container: byId('graph'),
  style: STYLE,
  minZoom: 0.15,
  maxZoom: 4,
  selectionType: 'single',
});
window.explorer = { cy };

const legend = byId('legend');
for (const kind of KIND_NAMES) {
  const item = el('li');
  const swatch = el('span', 'swatch');
  swatch.style.backgroundColor = KINDS[kind].color;
  item.appendChild(swatch);
  item.appendChild(document.createTextNode(KINDS[kind].title));
  legend.appendChild(item);
}
legend.appendChild(el('li', 'hint', 'dashed: related study, click to expand'));

/** POSTs the neighbourhood query of one study. */
async function request(key: string): Promise<{ status: number; answer: ExploreAnswer }> {
  const res = await fetch(config.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: QUERY, operationName: 'Explore', variables: { id: key, related: RELATED_FIRST } }),
  });
  let answer: ExploreAnswer;
  try {
    answer = (await res.json()) as ExploreAnswer;
  } catch {
    throw new Error(`HTTP ${res.status} without a GraphQL answer`);
  }
  return { status: res.status, answer };
}

function errorText(errors: readonly AnswerError[] | undefined): string {
  return (errors ?? []).map((e) => e.message + (e.extensions?.code ? ` (${e.extensions.code})` : '')).join('; ');
}

/** A number in [0, 1) from a text, so that a node starts at the same place on every load. */
function spread(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/**
 * Where a new node starts, from its id (so the layout starts from the same positions, and gives
 * the same picture, for the same graph): spread over the view on the first load, on a ring
 * around the study expanded later.
 */
function startOf(id: string, near: NodeSingular | null): { x: number; y: number } {
  if (!near) return { x: cy.width() * spread(id), y: cy.height() * spread(`${id}#y`) };
  const at = near.position();
  const radius = 60 + 120 * spread(`${id}#r`);
  const angle = 2 * Math.PI * spread(id);
  return { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) };
}

/** Adds the nodes and edges of a graph that are not in view yet. */
function merge(graph: Graph, near: NodeSingular | null): void {
  cy.batch(() => {
    for (const n of graph.nodes) {
      const existing = cy.getElementById(n.id);
      if (existing.nonempty()) {
        existing.data('fields', { ...existing.data('fields'), ...n.fields });
        if (n.expanded) existing.data('expanded', true);
        continue;
      }
      cy.add({
        group: 'nodes',
        data: { id: n.id, kind: n.kind, key: n.key, label: n.label, fields: n.fields, expanded: !!n.expanded },
        position: startOf(n.id, near),
      });
    }
    for (const e of graph.edges) {
      const existing = cy.getElementById(e.id);
      if (existing.nonempty()) {
        if (e.related) existing.data('related', e.related);
        continue;
      }
      cy.add({
        group: 'edges',
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          label: e.label,
          vias: e.vias,
          related: e.related ?? null,
        },
        classes: e.related ? 'related' : '',
      });
    }
  });
}

function layout(): Promise<unknown> {
  // Related-study edges are long and loose, so that each study's own neighbourhood stays around it.
  const run = cy.layout({
    name: 'cose',
    animate: false,
    randomize: false,
    fit: true,
    padding: 30,
    componentSpacing: 60,
    nodeDimensionsIncludeLabels: true,
    nodeOverlap: 20,
    gravity: 1,
    numIter: 1500,
    nodeRepulsion: (node: NodeSingular) => (node.data('kind') === 'study' ? 120000 : 40000),
    idealEdgeLength: (edge: EdgeSingular) => (edge.hasClass('related') ? 140 : 50),
    edgeElasticity: (edge: EdgeSingular) => (edge.hasClass('related') ? 400 : 100),
  });
  const done = run.promiseOn('layoutstop');
  run.run();
  return done;
}

function summary(): string {
  const studies = cy.nodes('[kind = "study"]');
  return `${cy.nodes().length} nodes, ${cy.edges().length} edges; ${studies.filter('[?expanded]').length} of ${studies.length} studies expanded.`;
}

/** Fetches a study's neighbourhood and adds it to the graph; resolves when it is laid out. */
function expand(key: string, near: NodeSingular | null): Promise<void> {
  const running = pending.get(key);
  if (running) return running;
  setState('loading', `Loading the neighbourhood of ${key}…`);
  const done = load(key, near)
    .catch((error: Error) => {
      setState('error', `The request for ${key} failed: ${error.message}`);
      if (cy.nodes().empty()) showMessage(`The request for ${key} failed: ${error.message}`);
    })
    .then(() => {
      pending.delete(key);
    });
  pending.set(key, done);
  return done;
}

async function load(key: string, near: NodeSingular | null): Promise<void> {
  const r = await request(key);
  const data = r.answer.data;
  const errors = r.answer.errors ?? [];
  if (!data || !data.study) {
    const unknown = data?.study === null || errors.some((e) => e.extensions?.code === 'NOT_FOUND');
    if (unknown) {
      setState('not-found', `No study has the key "${key}".`);
      if (cy.nodes().empty())
        showMessage(
          `No study has the key "${key}". Study keys are lower-case words joined by hyphens, e.g. "netter-1"; the playground lists them with { studies { edges { node { id acronym } } } }.`,
        );
      return;
    }
    throw new Error(errorText(errors) || `HTTP ${r.status}`);
  }
  const graph = graphOf(data.study, data.relatedStudies);
  merge(graph, near);
  await layout();
  const root = cy.getElementById(graph.root);
  root.select();
  showNode(root);
  setState('ready', summary());
}

// ---- side panel

function words(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}
function num(x: unknown): string {
  return x === null || x === undefined ? 'NE' : String(x);
}

/** Readable text of the values of the API (a CI, a p-value, an arm…), by field name. */
const FORMAT: Readonly<Record<string, (value: AnswerObject) => string>> = {
  ci: (ci) =>
    `${ci.level ? `${ci.level} % ` : ''}CI ${num(ci.lower)}–${num(ci.upper)}${ci.level ? '' : ' (level not stated)'}`,
  p: (p) => String(p.text),
  timePoint: (t) => `${t.value} ${String(t.unit).toLowerCase()}`,
  arm: (a) => String(a.label),
  treatmentArm: (a) => String(a.label),
  referenceArm: (a) => String(a.label),
  outcome: (o) => String(o.name),
};

function describe(key: string, value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '';
  const format = Object.hasOwn(FORMAT, key) ? FORMAT[key] : undefined;
  if (format) return format(value as AnswerObject);
  if (Array.isArray(value)) return value.map((v) => describe('', v)).join(', ');
  if (typeof value === 'object') {
    const object = value as AnswerObject;
    return Object.keys(object)
      .filter((k) => k !== 'id' && k !== 'evidence')
      .map((k) => {
        const text = describe(k, object[k]);
        return text && `${words(k)} ${text}`;
      })
      .filter(Boolean)
      .join(', ');
  }
  return String(value);
}

/** A definition list of an object's own values (lists of objects become lists under it). */
function fieldList(object: AnswerObject): HTMLElement {
  const dl = el('dl', 'fields');
  const lists: string[] = [];
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (key === 'evidence' || key === 'id' || value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
      lists.push(key);
      continue;
    }
    const text = describe(key, value);
    if (!text) continue;
    dl.appendChild(el('dt', null, words(key)));
    dl.appendChild(el('dd', null, text));
  }
  const box = el('div');
  box.appendChild(dl);
  for (const key of lists) {
    box.appendChild(el('h4', null, words(key)));
    const ul = el('ul', 'items');
    for (const item of object[key] as AnswerObject[]) {
      const li = el('li', null, describe(key, item));
      li.appendChild(quoteList(item.evidence as Evidence[] | undefined));
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }
  return box;
}

/** The quotes of an evidence list: the words, the verification, the document and section. */
function quoteList(evidence: readonly Evidence[] | null | undefined): HTMLElement {
  const list = el('div', 'quotes');
  for (const e of evidence ?? []) {
    const item = el('figure', 'quote');
    item.appendChild(el('blockquote', null, e.quote));
    const source = el('figcaption');
    source.appendChild(el('span', `verification ${String(e.verification).toLowerCase()}`, e.verification));
    const doc = e.document ?? { title: null, url: null };
    const where = [doc.title, e.section].filter(Boolean).join(' · ');
    if (doc.url && /^https?:\/\//.test(doc.url)) {
      const link = el('a', null, where || doc.url);
      link.href = doc.url;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      source.appendChild(link);
    } else source.appendChild(el('span', null, where));
    item.appendChild(source);
    if (e.note) item.appendChild(el('p', 'note', e.note));
    list.appendChild(item);
  }
  return list;
}

function labelOf(id: string): string {
  const node = cy.getElementById(id);
  return node.nonempty() ? String(node.data('label')) : id;
}

function clearPanel(title: string, subtitle: string): void {
  panel.textContent = '';
  cy.elements().removeClass('shared');
  panel.appendChild(el('p', 'kind', subtitle));
  panel.appendChild(el('h2', null, title));
}

function showNode(node: NodeSingular): void {
  const kind = node.data('kind') as KindName;
  const fields = (node.data('fields') ?? {}) as AnswerObject;
  clearPanel(node.data('label'), `${KINDS[kind].title} · ${node.data('key')}`);
  if (kind === 'study' && !node.data('expanded'))
    panel.appendChild(
      el('p', 'hint', 'Not expanded yet: click it to load its arms, conditions, outcomes and predictors.'),
    );
  panel.appendChild(fieldList(fields));
  panel.appendChild(quoteList(fields.evidence as Evidence[] | undefined));
  // What its edges carry: the related studies' shared concepts, and the objects between the
  // ends (an outcome, a finding, the population), each object once.
  const shown = new Set<unknown>();
  node.connectedEdges().forEach((edge) => {
    const outgoing = edge.source().same(node);
    const other = outgoing ? edge.target() : edge.source();
    const related = edge.data('related') as Related | null;
    const vias = ((edge.data('vias') ?? []) as AnswerObject[]).filter(
      (via) => via.id === undefined || !shown.has(via.id),
    );
    if (!related && vias.length === 0) return;
    const section = el('section', 'via');
    const relation = related ? 'related' : words(edge.data('label'));
    section.appendChild(
      el(
        'h3',
        null,
        outgoing || related ? `${relation}: ${other.data('label')}` : `${other.data('label')} ${relation}`,
      ),
    );
    if (related) section.appendChild(sharedList(related));
    for (const via of vias) {
      if (via.id !== undefined) shown.add(via.id);
      section.appendChild(fieldList(via));
      section.appendChild(quoteList(via.evidence as Evidence[] | undefined));
    }
    panel.appendChild(section);
  });
}

function sharedList(related: Related): HTMLElement {
  const box = el('div');
  box.appendChild(el('p', null, `Score ${related.score}, from what they share:`));
  const ul = el('ul', 'items');
  for (const s of related.shared) ul.appendChild(el('li', null, `${s.name} (${words(s.kind)}, weight ${s.weight})`));
  box.appendChild(ul);
  return box;
}

function showEdge(edge: EdgeSingular): void {
  const related = edge.data('related') as Related | null;
  clearPanel(
    `${edge.source().data('label')} → ${edge.target().data('label')}`,
    related ? 'Related studies' : edge.data('label'),
  );
  if (related) {
    panel.appendChild(sharedList(related));
    for (const s of related.shared) cy.getElementById(s.node).addClass('shared');
  }
  for (const via of (edge.data('vias') ?? []) as AnswerObject[]) {
    panel.appendChild(fieldList(via));
    panel.appendChild(quoteList(via.evidence as Evidence[] | undefined));
  }
}

cy.on('tap', 'node', (event) => {
  const node = event.target as NodeSingular;
  showNode(node);
  if (node.data('kind') === 'study' && !node.data('expanded')) void expand(node.data('key'), node);
});
cy.on('tap', 'edge', (event) => {
  showEdge(event.target as EdgeSingular);
});

// ---- forest plot tab

type TabName = 'graph' | 'forest';
const tabs: Record<TabName, HTMLElement> = { graph: byId('tab-graph'), forest: byId('tab-forest') };
const views: Record<TabName, HTMLElement> = { graph: byId('graph-view'), forest: byId('forest-view') };
const conceptSelect = byId<HTMLSelectElement>('forest-concept');
const measureSelect = byId<HTMLSelectElement>('forest-measure');
const modelSelect = byId<HTMLSelectElement>('forest-model');
const forestImage = byId<HTMLImageElement>('forest-image');
const forestMessage = byId('forest-message');
const forestStudies = byId('forest-studies');

function showTab(name: TabName): void {
  for (const key of Object.keys(tabs) as TabName[]) {
    tabs[key].setAttribute('aria-selected', String(key === name));
    views[key].hidden = key !== name;
  }
  if (name === 'graph') cy.resize();
  else fillConcepts();
}
tabs.graph.addEventListener('click', () => showTab('graph'));
tabs.forest.addEventListener('click', () => showTab('forest'));

/** Per outcome concept: its label, and per effect measure the number of studies expanded that compare by it. */
type ConceptMeasures = Record<string, { label: string; measures: Record<string, number> }>;

/** Per outcome concept in view: the effect measures of its comparisons in the studies expanded, with the number of studies. */
function conceptMeasures(): ConceptMeasures {
  const concepts: ConceptMeasures = {};
  cy.nodes('[kind = "outcomeConcept"]').forEach((node) => {
    const measures: Record<string, number> = {};
    node.connectedEdges('[label = "MEASURES"]').forEach((edge) => {
      const seen = new Set<string>();
      for (const outcome of (edge.data('vias') ?? []) as AnswerObject[])
        for (const c of (outcome.comparisons ?? []) as AnswerObject[])
          if (typeof c.effectMeasure === 'string' && c.effectMeasure) seen.add(c.effectMeasure);
      for (const m of seen) measures[m] = (measures[m] ?? 0) + 1;
    });
    concepts[node.data('key')] = { label: node.data('fields').name || node.data('label'), measures };
  });
  return concepts;
}

/** The most studies that compare a concept by one measure. */
function most(counts: Record<string, number>): number {
  return Object.values(counts).reduce((n, count) => Math.max(n, count), 0);
}

function option(value: string, text: string): HTMLOptionElement {
  const o = el('option', null, text);
  o.value = value;
  return o;
}

function fillConcepts(): void {
  const concepts = conceptMeasures();
  const keys = Object.keys(concepts).sort(
    (a, b) =>
      most(concepts[b].measures) - most(concepts[a].measures) || concepts[a].label.localeCompare(concepts[b].label),
  );
  const chosen = conceptSelect.value;
  conceptSelect.textContent = '';
  for (const k of keys) {
    const n = most(concepts[k].measures);
    const compared = n ? ` (compared in ${n}${n === 1 ? ' study' : ' studies'} expanded)` : '';
    conceptSelect.appendChild(option(k, concepts[k].label + compared));
  }
  if (keys.includes(chosen)) conceptSelect.value = chosen;
  fillMeasures(concepts);
}

function fillMeasures(concepts?: ConceptMeasures): void {
  const concept = (concepts ?? conceptMeasures())[conceptSelect.value];
  const counts: Record<string, number> = concept ? concept.measures : {};
  const chosen = measureSelect.value;
  measureSelect.textContent = '';
  const measures = [...config.effectMeasures].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
  for (const m of measures) measureSelect.appendChild(option(m, words(m) + (counts[m] ? ` (${counts[m]})` : '')));
  if (chosen && counts[chosen]) measureSelect.value = chosen;
  drawForest();
}

function studiesInView(): string[] {
  return cy
    .nodes('[kind = "study"]')
    .map((n) => String(n.data('key')))
    .sort();
}

function forestUrl(): string {
  const params = new URLSearchParams();
  params.set('outcomeConcept', conceptSelect.value);
  params.set('effectMeasure', measureSelect.value);
  params.set('studies', studiesInView().join(','));
  params.set('model', modelSelect.value);
  // Most sources give no level for their intervals: assume 95 % for those (the plot marks them).
  params.set('assumedCiLevel', '95');
  return `${config.forest}?${params.toString()}`;
}

/** Shows why the plot could not be drawn, from the endpoint's JSON answer. */
async function forestFailed(url: string): Promise<void> {
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    const answer = (await res.json()) as { errors?: AnswerError[] };
    const error: Partial<AnswerError> = (answer.errors ?? [])[0] ?? {};
    const code = error.extensions?.code || `HTTP ${res.status}`;
    const lead =
      code === 'TOO_FEW_COMPARISONS'
        ? 'Too few comparisons to pool for this measure across the studies in view.'
        : code === 'NOT_FOUND'
          ? 'The plot names something unknown.'
          : 'The plot could not be drawn.';
    forestMessage.textContent = '';
    forestMessage.appendChild(el('strong', null, lead));
    forestMessage.appendChild(el('span', 'code', ` ${code} (HTTP ${res.status})`));
    forestMessage.appendChild(el('p', null, error.message ?? ''));
    const excluded = error.extensions?.excluded ?? [];
    if (excluded.length > 0) {
      const ul = el('ul', 'items');
      for (const x of excluded)
        ul.appendChild(el('li', null, `${labelOf(`study:${x.study}`)} — ${x.comparison}: ${words(x.reason)}`));
      forestMessage.appendChild(el('p', null, 'Left out:'));
      forestMessage.appendChild(ul);
    }
  } catch (error) {
    forestMessage.textContent = `The plot could not be drawn: ${(error as Error).message}`;
  }
  body.dataset.forest = 'error';
}

function drawForest(): void {
  if (!conceptSelect.value) {
    forestMessage.textContent = 'No outcome concept in view yet.';
    return;
  }
  const url = forestUrl();
  const studies = studiesInView();
  forestStudies.textContent =
    `Across the ${studies.length} studies in view: ${studies.map((k) => labelOf(`study:${k}`)).join(', ')}.` +
    ' Intervals without a stated level are taken as 95 % (marked † in the plot).';
  body.dataset.forest = 'loading';
  forestMessage.textContent = 'Drawing…';
  forestImage.hidden = true;
  forestImage.onload = () => {
    forestMessage.textContent = '';
    forestImage.hidden = false;
    body.dataset.forest = 'ready';
  };
  forestImage.onerror = () => {
    void forestFailed(url);
  };
  forestImage.src = url;
}
conceptSelect.addEventListener('change', () => fillMeasures());
measureSelect.addEventListener('change', drawForest);
modelSelect.addEventListener('change', drawForest);

void expand(config.study, null);
