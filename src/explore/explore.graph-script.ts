/**
 * The explorer's graph model, as browser source: what it draws (the node kinds and the relations
 * between them), the GraphQL query built from that, and the graph built from the answer. Plain
 * ES2020 in a string, not compiled TypeScript (coverage instrumentation of a real function would
 * leak into the served text); embedded in the page script (explore.browser-script.ts) and run as
 * it is by the unit tests, which validate the query against schema/schema.graphql.
 *
 * One table drives both the query and the graph: `RELATIONS`. Each line names a kind, a path of
 * fields from it (one field, or two with the object between them kept on the edge as its `via`),
 * the edge's label and the kind reached. The query selects, for every kind, its `fields` and then
 * each relation leaving it, recursively, never following one relation twice on one path (so
 * `Condition.broader` and `Condition.ancestors` stop after two steps). One more node kind is one
 * line of `KINDS`, one more edge one line of `RELATIONS` (as Intervention's IS_A classes are).
 */
export const GRAPH_MODEL_SOURCE = `var QUOTE = 'evidence { id quote verification section note document { id title url } }';
var CI = 'ci { level lower upper }';
var OUTCOME = 'id name role timeFrame measurements { id arm { label } statistic value valueText unit timePoint { value unit } analysed ' + CI + ' ' + QUOTE + ' }'
  + ' comparisons { id effectMeasure estimate ' + CI + ' p { text } method treatmentArm { label } referenceArm { label } ' + QUOTE + ' }';
var FINDING = 'id associated direction directionText contrast analysisType effectMeasure estimate ' + CI + ' p { text } outcome { name } outcomeConcept { name } ' + QUOTE;

/** The node kinds: their GraphQL fields (shown in the side panel), their label, colour and shape. */
var KINDS = {
  study: { title: 'Study', fields: 'id acronym title year phase allocation masking enrolment designText', label: function (o) { return o.acronym || o.id; }, color: '#1f4e79', shape: 'round-rectangle' },
  arm: { title: 'Arm', fields: 'id label role randomized ' + QUOTE, label: function (o) { return o.label; }, color: '#2a9d8f', shape: 'ellipse' },
  intervention: { title: 'Intervention', fields: 'id name kind', label: function (o) { return o.name; }, color: '#e76f51', shape: 'diamond' },
  condition: { title: 'Condition', fields: 'id name kind', label: function (o) { return o.name; }, color: '#7b2cbf', shape: 'hexagon' },
  outcomeConcept: { title: 'Outcome concept', fields: 'id name abbreviation', label: function (o) { return o.abbreviation || o.name; }, color: '#3a7d44', shape: 'round-tag' },
  predictor: { title: 'Predictor', fields: 'id name kind', label: function (o) { return o.name; }, color: '#b5651d', shape: 'triangle' },
};

/** The edges, one a line: from a kind, along a path of fields, to a kind (edge null: nodes only). */
var RELATIONS = [
  { from: 'study', path: 'arms', edge: 'HAS_ARM', to: 'arm' },
  { from: 'arm', path: 'interventions.intervention', edge: 'RECEIVES', to: 'intervention', via: 'dose route schedule' },
  { from: 'study', path: 'population.conditions', edge: 'HAS_CONDITION', to: 'condition', via: 'id description ' + QUOTE },
  { from: 'condition', path: 'broader', edge: 'IS_A', to: 'condition' },
  { from: 'condition', path: 'ancestors', edge: null, to: 'condition' },
  { from: 'intervention', path: 'broader', edge: 'IS_A', to: 'intervention' },
  { from: 'study', path: 'outcomes.concept', edge: 'MEASURES', to: 'outcomeConcept', via: OUTCOME },
  { from: 'study', path: 'predictorFindings.predictor', edge: 'EVALUATES', to: 'predictor', via: FINDING },
];

/** Related studies listed (and drawn) per study expanded. */
var RELATED_FIRST = 10;

/** The selection of a kind: its fields, then every relation leaving it that this path has not used yet. */
function selectionOf(kind, used) {
  var parts = [KINDS[kind].fields];
  RELATIONS.forEach(function (relation, index) {
    if (relation.from !== kind || used.indexOf(index) >= 0) return;
    var steps = relation.path.split('.');
    var inner = steps[steps.length - 1] + ' { ' + selectionOf(relation.to, used.concat([index])) + ' }';
    parts.push(steps.length === 2 ? steps[0] + ' { ' + (relation.via || '') + ' ' + inner + ' }' : inner);
  });
  return parts.join(' ');
}

/** The one request of a study's neighbourhood: the study (null when unknown) and its related studies. */
function exploreQuery() {
  return 'query Explore($id: ID!, $related: Int!) { study(id: $id) { ' + selectionOf('study', []) + ' }'
    + ' relatedStudies(id: $id, first: $related) { score shared { id kind name weight } study { id acronym title year } } }';
}

/** The node kind of each SharedConcept kind. */
var SHARED_KINDS = { CONDITION: 'condition', INTERVENTION: 'intervention', COMPARATOR: 'intervention', OUTCOME_CONCEPT: 'outcomeConcept', PREDICTOR: 'predictor' };

function listOf(value) {
  return value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A copy of an object without the fields its relations follow (what the side panel shows of it). */
function ownFields(kind, object) {
  var skip = {};
  RELATIONS.forEach(function (relation) {
    if (relation.from === kind) skip[relation.path.split('.')[0]] = true;
  });
  var copy = {};
  Object.keys(object).forEach(function (key) {
    if (!skip[key]) copy[key] = object[key];
  });
  return copy;
}

/**
 * The graph of one answer of exploreQuery: nodes { id, kind, key, label, fields } keyed
 * "<kind>:<key>", edges { id, source, target, label, vias, related } keyed by ends and label.
 * An edge reached twice (two outcomes of one concept) keeps each object between its ends in
 * \`vias\`; a related-study edge carries the score and the shared concepts, whichever end asked.
 */
function graphOf(study, related) {
  var nodes = {};
  var edges = {};
  function addNode(kind, object) {
    var id = kind + ':' + object.id;
    var node = nodes[id] || (nodes[id] = { id: id, kind: kind, key: object.id, label: KINDS[kind].label(object), fields: {} });
    Object.assign(node.fields, ownFields(kind, object));
    return id;
  }
  function addEdge(source, label, target, via) {
    var id = source + ' ' + label + ' ' + target;
    var edge = edges[id] || (edges[id] = { id: id, source: source, target: target, label: label, vias: [] });
    if (via && !edge.vias.some(function (v) { return v.id !== undefined && v.id === via.id; })) edge.vias.push(via);
  }
  function visit(kind, object, used) {
    var id = addNode(kind, object);
    RELATIONS.forEach(function (relation, index) {
      if (relation.from !== kind || used.indexOf(index) >= 0) return;
      var steps = relation.path.split('.');
      listOf(object[steps[0]]).forEach(function (first) {
        var via = steps.length === 2 ? ownFields('', first) : null;
        if (via) delete via[steps[1]];
        listOf(steps.length === 2 ? first[steps[1]] : first).forEach(function (next) {
          var target = visit(relation.to, next, used.concat([index]));
          if (relation.edge) addEdge(id, relation.edge, target, via);
        });
      });
    });
    return id;
  }
  var root = visit('study', study, []);
  nodes[root].expanded = true;
  listOf(related).forEach(function (r) {
    var other = addNode('study', r.study);
    var ends = [root, other].sort();
    var names = r.shared.map(function (s) { return s.name; });
    edges['related ' + ends.join(' ')] = {
      id: 'related ' + ends.join(' '), source: root, target: other, label: names.join(' · '), vias: [],
      related: { score: r.score, shared: r.shared.map(function (s) { return Object.assign({ node: SHARED_KINDS[s.kind] + ':' + s.id }, s); }) },
    };
  });
  return {
    root: root,
    nodes: Object.keys(nodes).map(function (k) { return nodes[k]; }),
    edges: Object.keys(edges).map(function (k) { return edges[k]; }),
  };
}`;
