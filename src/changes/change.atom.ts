/**
 * The Atom 1.0 feed of the change log (RFC 4287), written as text with every value escaped:
 * pure, from the answer of `changes` (src/changes/change.route.ts asks it through the pipeline).
 */

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Events a feed holds: the newest of the filter. */
export const FEED_SIZE = 50;

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** The authority of the feed's tag URIs (RFC 4151), and the year it was minted: stable ids whatever the host. */
const TAG = 'tag:net-trials-graph,2026';

/** Characters XML 1.0 does not allow (C0 controls but tab, line feed and carriage return; lone surrogates; U+FFFE, U+FFFF): dropped. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or an attribute value, escaped for XML: the five markup characters as entities, characters XML cannot hold dropped. */
export function xmlEscape(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A DateTime as the pipeline gives it (a Date, before JSON) or as text: RFC 3339. */
const time = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

const element = (name: string, text: string, attributes = '') => `<${name}${attributes}>${xmlEscape(text)}</${name}>`;
const link = (rel: string, href: string, extra = '') => `<link rel="${rel}" href="${xmlEscape(href)}"${extra}/>`;

/** What the feed is about, in words, from its filter: for its title. */
export interface FeedRequest {
  /** Absolute URL of this feed (its self link). */
  selfUrl: string;
  /** The feed's filter as a canonical query string ('' for every change): its id, the same through any host. */
  query: string;
  /** Scheme, host and port of this server, for the links to the explorer. */
  base: string;
  /** The filter in words ("related to hae-vs-hace-midgut"), or null for every change. */
  about: string | null;
  /** The explorer page of the feed as a whole (the study followed), if any. */
  explore: string | null;
}

/** The ClinicalTrials.gov page of a study's NCT id, if it has one. */
const registryPage = (study: Json): string | null => {
  const nct = (study?.registryIds ?? []).find((r: Json) => r.registry === 'CLINICALTRIALS_GOV')?.id;
  return nct ? `https://clinicaltrials.gov/study/${encodeURIComponent(nct)}` : null;
};

/** One entry: a change, with links to the explorer (the study's neighbourhood) and to its registry record. */
function entry(node: Json, base: string): string {
  const explore = `${base}/explore?study=${encodeURIComponent(node.studyId)}`;
  const record = registryPage(node.study);
  const lines = [node.summary, ...(node.changes ?? []).map((c: string) => `- ${c}`)];
  if (node.moreChanges > 0) lines.push(`- and ${node.moreChanges} more`);
  if (node.reason) lines.push(`Reason: ${node.reason}`);
  return [
    '<entry>',
    element('id', `${TAG}:change:${node.sequence}`),
    element('title', node.summary),
    element('updated', time(node.at)),
    element('published', time(node.at)),
    `<author>${element('name', node.changedBy ?? 'NET Trials Knowledge Graph')}</author>`,
    link('alternate', explore, ' type="text/html"'),
    ...(record ? [link('related', record, ' type="text/html"')] : []),
    ...node.kinds.map((k: string) => `<category term="${xmlEscape(k)}"/>`),
    element('summary', node.summary),
    element('content', lines.join('\n'), ' type="text"'),
    '</entry>',
  ].join('\n');
}

/**
 * The feed of `edges` (the newest changes, oldest first as `changes` lists them): newest first,
 * as feed readers show them. Its `updated` is the newest change's time, or `now` when it has none.
 */
export function atomFeed(request: FeedRequest, edges: { node: Json }[], now: Date): string {
  const nodes = edges.map((e) => e.node).reverse();
  const updated = nodes.length > 0 ? time(nodes[0].at) : now.toISOString();
  const title = `NET Trials Knowledge Graph: changes${request.about ? ` ${request.about}` : ''}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('id', `${TAG}:changes${request.query ? `?${request.query}` : ''}`),
    element('title', title),
    element(
      'subtitle',
      `The latest ${FEED_SIZE} committed changes to studies of the graph${request.about ? ` ${request.about}` : ''}, newest first.`,
    ),
    element('updated', updated),
    `<author>${element('name', 'NET Trials Knowledge Graph')}</author>`,
    link('self', request.selfUrl, ' type="application/atom+xml"'),
    ...(request.explore ? [link('alternate', request.explore, ' type="text/html"')] : []),
    element('generator', 'net-trials-graph'),
    ...nodes.map((n) => entry(n, request.base)),
    '</feed>',
    '',
  ].join('\n');
}
