import { EFFECT_MEASURES } from '../model/values';
import { jsonForScript } from '../playground/playground';
import type { PoolingModel } from '../pooling/pooling.math';
import { EXPLORE_SETTINGS_ID, ExploreSettings } from './browser/settings';
import { EXPLORE_ASSET_PREFIX } from './explore.assets';

/**
 * The policy of the page: scripts, styles, images and requests from this server only; nothing
 * inline, no plugin, no frame, no form, no base. Cytoscape draws on canvas and sets element
 * styles through the CSSOM, which `style-src 'self'` allows.
 */
export const EXPLORE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The models offered by the forest tab, in order, with their labels. */
const MODELS: Readonly<Record<PoolingModel, string>> = {
  RANDOM_DERSIMONIAN_LAIRD: 'random effects (DerSimonian–Laird)',
  FIXED: 'fixed effect',
};

export interface ExplorePageOptions {
  /** Key of the study to show first (already checked to be a key). */
  study: string;
  /** Where the page POSTs GraphQL requests. */
  endpoint: string;
  /** The playground's address, linked from the header. */
  playground: string;
  /** Path of the forest plot SVG endpoint. */
  forest: string;
}

/**
 * The HTML of GET /explore?study=…: the frame of the explorer (header, graph and forest tabs,
 * side panel) and its settings; explore.js (the bundle of browser/explore.ts) draws the rest
 * with cytoscape, both served under EXPLORE_ASSET_PREFIX. Pure.
 */
export function renderExplorePage(options: ExplorePageOptions): string {
  const asset = (name: string) => escapeHtml(EXPLORE_ASSET_PREFIX + name);
  const config: ExploreSettings = {
    study: options.study,
    endpoint: options.endpoint,
    forest: options.forest,
    effectMeasures: EFFECT_MEASURES,
  };
  const models = Object.entries(MODELS)
    .map(([value, label]) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.study)} · Explorer · NET Trials Knowledge Graph</title>
<link rel="icon" type="image/svg+xml" href="${asset('icon.svg')}">
<link id="__________cytoscape_stylesheet" rel="stylesheet" href="${asset('explore.css')}">
</head>
<body data-state="loading">
<header class="bar">
<h1>NET Trials Explorer</h1>
<span>study <code>${escapeHtml(options.study)}</code></span>
<p id="status" role="status">Loading…</p>
<nav><a id="playground-link" href="${escapeHtml(options.playground)}">GraphQL playground</a></nav>
</header>
<main>
<section class="view">
<div role="tablist" aria-label="Views">
<button type="button" role="tab" id="tab-graph" aria-controls="graph-view" aria-selected="true">Graph</button>
<button type="button" role="tab" id="tab-forest" aria-controls="forest-view" aria-selected="false">Forest plot</button>
</div>
<div id="graph-view" role="tabpanel" aria-labelledby="tab-graph">
<div id="graph"></div>
<div id="message" role="alert" hidden></div>
<ul id="legend" aria-label="Legend"></ul>
</div>
<div id="forest-view" role="tabpanel" aria-labelledby="tab-forest" hidden>
<div id="forest-form">
<label>Outcome concept <select id="forest-concept"></select></label>
<label>Effect measure <select id="forest-measure"></select></label>
<label>Model <select id="forest-model">${models}</select></label>
</div>
<p id="forest-studies"></p>
<div id="forest-message" role="status"></div>
<img id="forest-image" alt="Forest plot of the pooled estimate across the studies in view" hidden>
</div>
</section>
<aside id="panel" aria-label="Details"><p class="hint">Click a node or an edge for its details and its quotes. Dashed studies are related to one in view: click one to expand it.</p></aside>
</main>
<noscript>The explorer needs JavaScript. The API itself answers POST requests at ${escapeHtml(options.endpoint)}.</noscript>
<script id="${EXPLORE_SETTINGS_ID}" type="application/json">${jsonForScript(config)}</script>
<script src="${asset('cytoscape.min.js')}"></script>
<script src="${asset('explore.js')}"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
