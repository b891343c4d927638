import { GRAPH_MODEL_SOURCE } from './explore.graph-script';

/**
 * The explorer's page script, served as an asset (not inline, so the page runs under
 * `script-src 'self'`). It reads its settings from `<script id="explore-config"
 * type="application/json">`, expects the global `cytoscape` (loaded before it), and talks to the
 * server through the GraphQL endpoint only (one POST per study expanded); the forest tab's image
 * is the server's SVG endpoint. Every text from the answers reaches the page as textContent.
 *
 * Plain ES2020 in a string, like the graph model it embeds (explore.graph-script.ts).
 */
export const EXPLORE_SCRIPT = `(function () {
  'use strict';
  ${GRAPH_MODEL_SOURCE.replace(/\n/g, '\n  ')}

  var config = JSON.parse(document.getElementById('explore-config').textContent);
  var body = document.body;
  var statusLine = document.getElementById('status');
  var panel = document.getElementById('panel');
  var message = document.getElementById('message');
  var QUERY = exploreQuery();
  var pending = {};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function setState(state, text) {
    body.dataset.state = state;
    statusLine.textContent = text;
  }
  function showMessage(text) {
    message.textContent = text;
    message.hidden = false;
  }

  var STYLE = [
    { selector: 'node', style: { label: 'data(label)', 'font-size': 12, color: '#1d2733', 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': 150, width: 28, height: 28 } },
  ].concat(Object.keys(KINDS).map(function (kind) {
    return { selector: 'node[kind = "' + kind + '"]', style: { 'background-color': KINDS[kind].color, shape: KINDS[kind].shape } };
  })).concat([
    { selector: 'node[kind = "study"]', style: { width: 42, height: 42, 'font-size': 14, 'font-weight': 'bold' } },
    { selector: 'node[kind = "study"][!expanded]', style: { 'background-opacity': 0.3, 'border-width': 2, 'border-style': 'dashed', 'border-color': KINDS.study.color } },
    { selector: 'edge', style: { width: 1.2, 'curve-style': 'bezier', 'line-color': '#a3adb8', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#a3adb8', 'arrow-scale': 0.7, label: 'data(label)', 'font-size': 6, color: '#5b6673', 'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1 } },
    { selector: 'edge.related', style: { width: 2, 'line-style': 'dashed', 'line-color': KINDS.study.color, 'target-arrow-shape': 'none', 'font-size': 8, color: KINDS.study.color, 'text-wrap': 'ellipsis', 'text-max-width': 240 } },
    { selector: '.shared', style: { 'border-width': 4, 'border-color': '#f4a261' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f4a261', 'border-style': 'solid' } },
    { selector: 'edge:selected', style: { 'line-color': '#f4a261', 'target-arrow-color': '#f4a261', width: 3 } },
  ]);

  var cy = cytoscape({ container: document.getElementById('graph'), style: STYLE, minZoom: 0.15, maxZoom: 4, selectionType: 'single' });
  window.explorer = { cy: cy };

  var legend = document.getElementById('legend');
  Object.keys(KINDS).forEach(function (kind) {
    var item = el('li', null);
    var swatch = el('span', 'swatch');
    swatch.style.backgroundColor = KINDS[kind].color;
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(KINDS[kind].title));
    legend.appendChild(item);
  });
  legend.appendChild(el('li', 'hint', 'dashed: related study, click to expand'));

  /** POSTs the neighbourhood query of one study: { status, answer }. */
  function request(key) {
    return fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: QUERY, operationName: 'Explore', variables: { id: key, related: RELATED_FIRST } }),
    }).then(function (res) {
      return res.json().then(
        function (answer) { return { status: res.status, answer: answer }; },
        function () { throw new Error('HTTP ' + res.status + ' without a GraphQL answer'); },
      );
    });
  }

  function errorText(errors) {
    return (errors || []).map(function (e) { return e.message + (e.extensions && e.extensions.code ? ' (' + e.extensions.code + ')' : ''); }).join('; ');
  }

  /** A number in [0, 1) from a text, so that a node starts at the same place on every load. */
  function spread(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h >>> 0) / 4294967296;
  }

  /**
   * Where a new node starts, from its id (so the layout starts from the same positions, and gives
   * the same picture, for the same graph): spread over the view on the first load, on a ring
   * around the study expanded later.
   */
  function startOf(id, near) {
    if (!near) return { x: cy.width() * spread(id), y: cy.height() * spread(id + '#y') };
    var at = near.position();
    var radius = 60 + 120 * spread(id + '#r');
    var angle = 2 * Math.PI * spread(id);
    return { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) };
  }

  /** Adds the nodes and edges of a graph that are not in view yet. */
  function merge(graph, near) {
    cy.batch(function () {
      graph.nodes.forEach(function (n) {
        var existing = cy.getElementById(n.id);
        if (existing.nonempty()) {
          existing.data('fields', Object.assign({}, existing.data('fields'), n.fields));
          if (n.expanded) existing.data('expanded', true);
          return;
        }
        cy.add({ group: 'nodes', data: { id: n.id, kind: n.kind, key: n.key, label: n.label, fields: n.fields, expanded: !!n.expanded },
          position: startOf(n.id, near) });
      });
      graph.edges.forEach(function (e) {
        var existing = cy.getElementById(e.id);
        if (existing.nonempty()) {
          if (e.related) existing.data('related', e.related);
          return;
        }
        cy.add({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: e.label, vias: e.vias, related: e.related || null }, classes: e.related ? 'related' : '' });
      });
    });
  }

  function layout() {
    // Related-study edges are long and loose, so that each study's own neighbourhood stays around it.
    var run = cy.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 30, componentSpacing: 60,
      nodeDimensionsIncludeLabels: true, nodeOverlap: 20, gravity: 1, numIter: 1500,
      nodeRepulsion: function (node) { return node.data('kind') === 'study' ? 120000 : 40000; },
      idealEdgeLength: function (edge) { return edge.hasClass('related') ? 140 : 50; },
      edgeElasticity: function (edge) { return edge.hasClass('related') ? 400 : 100; } });
    var done = run.promiseOn('layoutstop');
    run.run();
    return done;
  }

  function summary() {
    var studies = cy.nodes('[kind = "study"]');
    return cy.nodes().length + ' nodes, ' + cy.edges().length + ' edges; ' + studies.filter('[?expanded]').length + ' of ' + studies.length + ' studies expanded.';
  }

  /** Fetches a study's neighbourhood and adds it to the graph; resolves when it is laid out. */
  function expand(key, near) {
    if (pending[key]) return pending[key];
    setState('loading', 'Loading the neighbourhood of ' + key + '…');
    pending[key] = request(key).then(function (r) {
      var data = r.answer.data;
      var errors = r.answer.errors || [];
      if (!data || !data.study) {
        var unknown = (data && data.study === null) || errors.some(function (e) { return e.extensions && e.extensions.code === 'NOT_FOUND'; });
        if (unknown) {
          setState('not-found', 'No study has the key "' + key + '".');
          if (cy.nodes().empty()) showMessage('No study has the key "' + key + '". Study keys are lower-case words joined by hyphens, e.g. "netter-1"; the playground lists them with { studies { edges { node { id acronym } } } }.');
          return;
        }
        throw new Error(errorText(errors) || 'HTTP ' + r.status);
      }
      var graph = graphOf(data.study, data.relatedStudies);
      merge(graph, near);
      return layout().then(function () {
        var root = cy.getElementById(graph.root);
        root.select();
        showNode(root);
        setState('ready', summary());
      });
    }).catch(function (error) {
      setState('error', 'The request for ' + key + ' failed: ' + error.message);
      if (cy.nodes().empty()) showMessage('The request for ' + key + ' failed: ' + error.message);
    }).then(function () {
      delete pending[key];
    });
    return pending[key];
  }

  // ---- side panel

  function words(name) {
    return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  }
  function num(x) {
    return x === null || x === undefined ? 'NE' : String(x);
  }
  /** Readable text of the values of the API (a CI, a p-value, an arm…), by field name. */
  var FORMAT = {
    ci: function (ci) { return (ci.level ? ci.level + ' % ' : '') + 'CI ' + num(ci.lower) + '–' + num(ci.upper) + (ci.level ? '' : ' (level not stated)'); },
    p: function (p) { return p.text; },
    timePoint: function (t) { return t.value + ' ' + t.unit.toLowerCase(); },
    arm: function (a) { return a.label; },
    treatmentArm: function (a) { return a.label; },
    referenceArm: function (a) { return a.label; },
    outcome: function (o) { return o.name; },
  };
  function describe(key, value) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '';
    if (FORMAT[key]) return FORMAT[key](value);
    if (Array.isArray(value)) return value.map(function (v) { return describe('', v); }).join(', ');
    if (typeof value === 'object') return Object.keys(value).filter(function (k) { return k !== 'id' && k !== 'evidence'; })
      .map(function (k) { var text = describe(k, value[k]); return text && words(k) + ' ' + text; }).filter(Boolean).join(', ');
    return String(value);
  }

  /** A definition list of an object's own values (lists of objects become lists under it). */
  function fieldList(object) {
    var dl = el('dl', 'fields');
    var lists = [];
    Object.keys(object).forEach(function (key) {
      var value = object[key];
      if (key === 'evidence' || key === 'id' || value === null || value === undefined) return;
      if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') return lists.push(key);
      var text = describe(key, value);
      if (!text) return;
      dl.appendChild(el('dt', null, words(key)));
      dl.appendChild(el('dd', null, text));
    });
    var box = el('div', null);
    box.appendChild(dl);
    lists.forEach(function (key) {
      box.appendChild(el('h4', null, words(key)));
      var ul = el('ul', 'items');
      object[key].forEach(function (item) {
        var li = el('li', null, describe(key, item));
        li.appendChild(quoteList(item.evidence));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    return box;
  }

  /** The quotes of an evidence list: the words, the verification, the document and section. */
  function quoteList(evidence) {
    var list = el('div', 'quotes');
    (evidence || []).forEach(function (e) {
      var item = el('figure', 'quote');
      item.appendChild(el('blockquote', null, e.quote));
      var source = el('figcaption', null);
      source.appendChild(el('span', 'verification ' + String(e.verification).toLowerCase(), e.verification));
      var doc = e.document || {};
      var where = [doc.title, e.section].filter(Boolean).join(' · ');
      if (doc.url && /^https?:\\/\\//.test(doc.url)) {
        var link = el('a', null, where || doc.url);
        link.href = doc.url;
        link.rel = 'noopener noreferrer';
        link.target = '_blank';
        source.appendChild(link);
      } else source.appendChild(el('span', null, where));
      item.appendChild(source);
      if (e.note) item.appendChild(el('p', 'note', e.note));
      list.appendChild(item);
    });
    return list;
  }

  function labelOf(id) {
    var node = cy.getElementById(id);
    return node.nonempty() ? node.data('label') : id;
  }

  function clearPanel(title, subtitle) {
    panel.textContent = '';
    cy.elements().removeClass('shared');
    panel.appendChild(el('p', 'kind', subtitle));
    panel.appendChild(el('h2', null, title));
  }

  function showNode(node) {
    var kind = node.data('kind');
    var fields = node.data('fields') || {};
    clearPanel(node.data('label'), KINDS[kind].title + ' · ' + node.data('key'));
    if (kind === 'study' && !node.data('expanded')) panel.appendChild(el('p', 'hint', 'Not expanded yet: click it to load its arms, conditions, outcomes and predictors.'));
    panel.appendChild(fieldList(fields));
    panel.appendChild(quoteList(fields.evidence));
    // What its edges carry: the related studies' shared concepts, and the objects between the
    // ends (an outcome, a finding, the population), each object once.
    var shown = {};
    node.connectedEdges().forEach(function (edge) {
      var outgoing = edge.source().same(node);
      var other = outgoing ? edge.target() : edge.source();
      var related = edge.data('related');
      var vias = (edge.data('vias') || []).filter(function (via) { return via.id === undefined || !shown[via.id]; });
      if (!related && vias.length === 0) return;
      var section = el('section', 'via');
      var relation = related ? 'related' : words(edge.data('label'));
      section.appendChild(el('h3', null, outgoing || related ? relation + ': ' + other.data('label') : other.data('label') + ' ' + relation));
      if (related) section.appendChild(sharedList(related));
      vias.forEach(function (via) {
        if (via.id !== undefined) shown[via.id] = true;
        section.appendChild(fieldList(via));
        section.appendChild(quoteList(via.evidence));
      });
      panel.appendChild(section);
    });
  }

  function sharedList(related) {
    var box = el('div', null);
    box.appendChild(el('p', null, 'Score ' + related.score + ', from what they share:'));
    var ul = el('ul', 'items');
    related.shared.forEach(function (s) {
      ul.appendChild(el('li', null, s.name + ' (' + words(s.kind) + ', weight ' + s.weight + ')'));
    });
    box.appendChild(ul);
    return box;
  }

  function showEdge(edge) {
    var related = edge.data('related');
    clearPanel(edge.source().data('label') + ' → ' + edge.target().data('label'), related ? 'Related studies' : edge.data('label'));
    if (related) {
      panel.appendChild(sharedList(related));
      related.shared.forEach(function (s) { cy.getElementById(s.node).addClass('shared'); });
    }
    (edge.data('vias') || []).forEach(function (via) {
      panel.appendChild(fieldList(via));
      panel.appendChild(quoteList(via.evidence));
    });
  }

  cy.on('tap', 'node', function (event) {
    var node = event.target;
    showNode(node);
    if (node.data('kind') === 'study' && !node.data('expanded')) expand(node.data('key'), node);
  });
  cy.on('tap', 'edge', function (event) {
    showEdge(event.target);
  });

  // ---- forest plot tab

  var tabs = { graph: document.getElementById('tab-graph'), forest: document.getElementById('tab-forest') };
  var views = { graph: document.getElementById('graph-view'), forest: document.getElementById('forest-view') };
  var conceptSelect = document.getElementById('forest-concept');
  var measureSelect = document.getElementById('forest-measure');
  var modelSelect = document.getElementById('forest-model');
  var forestImage = document.getElementById('forest-image');
  var forestMessage = document.getElementById('forest-message');
  var forestStudies = document.getElementById('forest-studies');

  function showTab(name) {
    Object.keys(tabs).forEach(function (key) {
      tabs[key].setAttribute('aria-selected', String(key === name));
      views[key].hidden = key !== name;
    });
    if (name === 'graph') cy.resize();
    else fillConcepts();
  }
  tabs.graph.addEventListener('click', function () { showTab('graph'); });
  tabs.forest.addEventListener('click', function () { showTab('forest'); });

  /** Per outcome concept in view: the effect measures of its comparisons in the studies expanded, with the number of studies. */
  function conceptMeasures() {
    var concepts = {};
    cy.nodes('[kind = "outcomeConcept"]').forEach(function (node) {
      var measures = {};
      node.connectedEdges('[label = "MEASURES"]').forEach(function (edge) {
        var seen = {};
        (edge.data('vias') || []).forEach(function (outcome) {
          (outcome.comparisons || []).forEach(function (c) { if (c.effectMeasure) seen[c.effectMeasure] = true; });
        });
        Object.keys(seen).forEach(function (m) { measures[m] = (measures[m] || 0) + 1; });
      });
      concepts[node.data('key')] = { label: node.data('fields').name || node.data('label'), measures: measures };
    });
    return concepts;
  }

  function option(value, text) {
    var o = el('option', null, text);
    o.value = value;
    return o;
  }

  function fillConcepts() {
    var concepts = conceptMeasures();
    var keys = Object.keys(concepts).sort(function (a, b) {
      var count = function (k) { return Object.keys(concepts[k].measures).reduce(function (n, m) { return Math.max(n, concepts[k].measures[m]); }, 0); };
      return count(b) - count(a) || concepts[a].label.localeCompare(concepts[b].label);
    });
    var chosen = conceptSelect.value;
    conceptSelect.textContent = '';
    keys.forEach(function (k) {
      var counts = concepts[k].measures;
      var most = Object.keys(counts).reduce(function (n, m) { return Math.max(n, counts[m]); }, 0);
      conceptSelect.appendChild(option(k, concepts[k].label + (most ? ' (compared in ' + most + (most === 1 ? ' study' : ' studies') + ' expanded)' : '')));
    });
    if (keys.indexOf(chosen) >= 0) conceptSelect.value = chosen;
    fillMeasures(concepts);
  }

  function fillMeasures(concepts) {
    var concept = (concepts || conceptMeasures())[conceptSelect.value];
    var counts = concept ? concept.measures : {};
    var chosen = measureSelect.value;
    measureSelect.textContent = '';
    var measures = config.effectMeasures.slice().sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0); });
    measures.forEach(function (m) {
      measureSelect.appendChild(option(m, words(m) + (counts[m] ? ' (' + counts[m] + ')' : '')));
    });
    if (chosen && counts[chosen]) measureSelect.value = chosen;
    drawForest();
  }

  function studiesInView() {
    return cy.nodes('[kind = "study"]').map(function (n) { return n.data('key'); }).sort();
  }

  function forestUrl() {
    var params = new URLSearchParams();
    params.set('outcomeConcept', conceptSelect.value);
    params.set('effectMeasure', measureSelect.value);
    params.set('studies', studiesInView().join(','));
    params.set('model', modelSelect.value);
    // Most sources give no level for their intervals: assume 95 % for those (the plot marks them).
    params.set('assumedCiLevel', '95');
    return config.forest + '?' + params.toString();
  }

  function forestFailed(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (res) {
      return res.json().then(function (answer) {
        var error = (answer.errors || [])[0] || {};
        var code = (error.extensions && error.extensions.code) || 'HTTP ' + res.status;
        var lead = code === 'TOO_FEW_COMPARISONS' ? 'Too few comparisons to pool for this measure across the studies in view.'
          : code === 'NOT_FOUND' ? 'The plot names something unknown.' : 'The plot could not be drawn.';
        forestMessage.textContent = '';
        forestMessage.appendChild(el('strong', null, lead));
        forestMessage.appendChild(el('span', 'code', ' ' + code + ' (HTTP ' + res.status + ')'));
        forestMessage.appendChild(el('p', null, error.message || ''));
        var excluded = (error.extensions && error.extensions.excluded) || [];
        if (excluded.length > 0) {
          var ul = el('ul', 'items');
          excluded.forEach(function (x) { ul.appendChild(el('li', null, labelOf('study:' + x.study) + ' — ' + x.comparison + ': ' + words(x.reason))); });
          forestMessage.appendChild(el('p', null, 'Left out:'));
          forestMessage.appendChild(ul);
        }
      });
    }).catch(function (error) {
      forestMessage.textContent = 'The plot could not be drawn: ' + error.message;
    }).then(function () {
      body.dataset.forest = 'error';
    });
  }

  function drawForest() {
    if (!conceptSelect.value) {
      forestMessage.textContent = 'No outcome concept in view yet.';
      return;
    }
    var url = forestUrl();
    var studies = studiesInView();
    forestStudies.textContent = 'Across the ' + studies.length + ' studies in view: ' + studies.map(function (k) { return labelOf('study:' + k); }).join(', ')
      + '. Intervals without a stated level are taken as 95 % (marked † in the plot).';
    body.dataset.forest = 'loading';
    forestMessage.textContent = 'Drawing…';
    forestImage.hidden = true;
    forestImage.onload = function () {
      forestMessage.textContent = '';
      forestImage.hidden = false;
      body.dataset.forest = 'ready';
    };
    forestImage.onerror = function () {
      forestFailed(url);
    };
    forestImage.src = url;
  }
  conceptSelect.addEventListener('change', function () { fillMeasures(); });
  measureSelect.addEventListener('change', drawForest);
  modelSelect.addEventListener('change', drawForest);

  expand(config.study, null);
})();
`;
