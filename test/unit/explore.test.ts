import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { buildSchema, parse, validate } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { loadConfig } from '../../src/config';
import { exploreQuery, graphOf, RELATED_FIRST } from '../../src/explore/browser/graph-model';
import { EXPLORE_ASSET_PREFIX, exploreAsset } from '../../src/explore/explore.assets';
import { EXPLORE_CSP } from '../../src/explore/explore.page';
import { EXPLORE_PATH, exploreAnswer, ExploreAnswer, SEED_EXPLORE_URL } from '../../src/explore/explore.route';
import { nodeCountEstimator } from '../../src/graphql/limits';
import { playgroundAsset, renderPlaygroundPage } from '../../src/playground/playground';
import { buildAppSchema } from '../../src/schema';

// The explorer's server side (page, policy, parameters, assets) and its graph model
// (src/explore/browser/graph-model.ts, which the page script bundles): the query it sends is
// checked against the committed SDL and the limits.

const LINKS = { endpoint: '/graphql', playground: '/graphql' };
const get = (target: string, method = 'GET'): ExploreAnswer =>
  exploreAnswer(method, new URL(target, 'http://localhost'), LINKS);
const page = (target: string) => {
  const answer = get(target);
  if ('refusal' in answer) throw new Error(`refused: ${answer.refusal.join(' ')}`);
  return answer;
};
const refusalOf = (target: string, method = 'GET') => {
  const answer = get(target, method);
  if (!('refusal' in answer)) throw new Error(`answered ${answer.status}`);
  return answer;
};

describe('GET /explore', () => {
  it('answers the page with a strict Content-Security-Policy', () => {
    const answer = page(SEED_EXPLORE_URL);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(EXPLORE_CSP);
    expect(EXPLORE_CSP).toContain("default-src 'none'");
    for (const directive of ['script-src', 'style-src', 'img-src', 'connect-src'])
      expect(EXPLORE_CSP).toContain(`${directive} 'self'`);
    expect(EXPLORE_CSP).not.toMatch(/unsafe|https?:|\*|data:|blob:/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('holds no inline script or style and loads only its own assets, each of which is served', () => {
    const html = String(page(SEED_EXPLORE_URL).body);
    expect(html).not.toMatch(/\sstyle\s*=|<style|\son[a-z]+\s*=/i);
    // The one script element without src is the JSON settings block (not run, so no policy applies).
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline).toEqual([' id="explore-config" type="application/json"']);
    const urls = [...html.matchAll(/\s(?:src|href)\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
    const assets = urls.filter((u) => u.startsWith(EXPLORE_ASSET_PREFIX));
    expect(assets.sort()).toEqual([
      '/explore-assets/cytoscape.min.js',
      '/explore-assets/explore.css',
      '/explore-assets/explore.js',
      '/explore-assets/icon.svg',
    ]);
    expect(urls.filter((u) => !u.startsWith(EXPLORE_ASSET_PREFIX))).toEqual(['/graphql']);
    for (const url of assets) {
      const asset = page(url);
      expect(asset.status).toBe(200);
      expect(asset.body.length).toBeGreaterThan(0);
      expect(asset.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('puts the study, the endpoint and the forest path in its settings, and links the playground', () => {
    const html = String(page('/explore?study=netter-1').body);
    const settings = JSON.parse(
      /<script id="explore-config" type="application\/json">([^<]*)<\/script>/.exec(html)![1],
    );
    expect(settings).toMatchObject({ study: 'netter-1', endpoint: '/graphql', forest: '/plots/forest.svg' });
    expect(settings.effectMeasures).toContain('HAZARD_RATIO');
    expect(html).toContain('<a id="playground-link" href="/graphql">');
    expect(html).toContain('<title>netter-1 · Explorer');
  });

  it('refuses a missing, empty, repeated or malformed study and unknown parameters with 400 BAD_USER_INPUT', () => {
    for (const target of [
      EXPLORE_PATH,
      '/explore?study=',
      '/explore?study=a&study=b',
      '/explore?study=NETTER-1',
      '/explore?study=%3Cscript%3E',
      `/explore?study=${'a'.repeat(121)}`,
      '/explore?study=netter-1&x=1',
    ]) {
      const { refusal } = refusalOf(target);
      expect([target, refusal[0], refusal[1]]).toEqual([target, 400, 'BAD_USER_INPUT']);
      expect(refusal[2]).toMatch(/^Parameter "(study|x)"/);
    }
    expect(refusalOf(EXPLORE_PATH).refusal[2]).toContain('required');
  });

  it('answers other methods 405 with Allow: GET, and unknown or crafted asset names 404', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
      expect(refusalOf(SEED_EXPLORE_URL, method)).toEqual({
        refusal: [405, 'METHOD_NOT_ALLOWED', 'Use GET.'],
        allow: 'GET',
      });
      expect(refusalOf('/explore-assets/explore.js', method).refusal[0]).toBe(405);
    }
    for (const name of [
      'nope.js',
      '',
      '../package.json',
      '..%2Fpackage.json',
      'cytoscape.min.js/../../x',
      '__proto__',
      'constructor',
      'EXPLORE.JS',
    ]) {
      expect(exploreAsset(name)).toBeNull();
      expect(refusalOf(`/explore-assets/${name}`).refusal.slice(0, 2)).toEqual([404, 'NOT_FOUND']);
    }
  });
});

describe('the explorer assets', () => {
  it('serve scripts that compile and load nothing from another host', () => {
    for (const name of ['cytoscape.min.js', 'explore.js']) {
      const js = exploreAsset(name)!.body.toString('utf8');
      expect(() => new vm.Script(js)).not.toThrow();
      expect(
        js.match(
          /sourceMappingURL|\/\/(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|esm\.sh|fonts\.googleapis\.com)/g,
        ),
      ).toBeNull();
    }
    const css = exploreAsset('explore.css')!.body.toString('utf8');
    expect(css).not.toMatch(/@import|url\(/);
  });

  it('serve the page script as one classic script bundled from src/explore/browser, without cytoscape itself', () => {
    const js = exploreAsset('explore.js')!.body.toString('utf8');
    expect(js).toMatch(/^\/\/ explore\.js: built from src\/explore\/browser\/explore\.ts by esbuild/);
    // No module syntax or loader left: the bundle runs as it is under `script-src 'self'`.
    expect(js.match(/^\s*(?:import|export)\s|\brequire\(/gm)).toBeNull();
    // The graph model is in it (the query text it builds), cytoscape is the page's other script.
    expect(js).toContain('query Explore($id: ID!, $related: Int!)');
    expect(js).toContain('cytoscape(');
    expect(js.length).toBeLessThan(100_000);
  });

  it('carry an ETag, the same on every request, and a cache lifetime', () => {
    const first = page('/explore-assets/explore.js');
    expect(first.headers.etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    expect(page('/explore-assets/explore.js').headers.etag).toBe(first.headers.etag);
    expect(page('/explore-assets/cytoscape.min.js').headers.etag).not.toBe(first.headers.etag);
  });

  it("pre-empt cytoscape's inline stylesheet: the page's <link> has the id cytoscape looks for", () => {
    const cytoscape = exploreAsset('cytoscape.min.js')!.body.toString('utf8');
    expect(cytoscape).toContain('"__________cytoscape_stylesheet"');
    expect(String(page(SEED_EXPLORE_URL).body)).toMatch(
      /<link id="__________cytoscape_stylesheet" rel="stylesheet" href="\/explore-assets\/explore.css">/,
    );
    expect(exploreAsset('explore.css')!.body.toString('utf8')).toMatch(
      /\.__________cytoscape_container \{\s*position: relative;\s*\}/,
    );
  });
});

describe('the graph model', () => {
  const query: string = exploreQuery();

  it('sends a query valid against the committed schema, within the cost and depth limits', async () => {
    const sdl = fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8');
    expect(validate(buildSchema(sdl), parse(query))).toEqual([]);
    const limits = loadConfig({}).limits;
    const cost = getComplexity({
      schema: await buildAppSchema(),
      query: parse(query),
      variables: { id: 'x', related: RELATED_FIRST },
      estimators: [nodeCountEstimator],
    });
    expect(cost).toBeLessThanOrEqual(limits.maxCost);
    expect(query.length).toBeLessThanOrEqual(limits.maxQueryLength);
    let depth = 0;
    let deepest = 0;
    for (const c of query) {
      depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      deepest = Math.max(deepest, depth);
    }
    // Braces count the operation's own level too.
    expect(deepest - 1).toBeLessThanOrEqual(limits.maxDepth);
  });

  it('selects every relation of the table: arms and interventions, conditions with IS_A, outcomes, predictors, related studies', () => {
    expect(query).toContain('arms { id label role randomized');
    expect(query).toContain(
      'interventions { dose route schedule intervention { id name kind broader { id name kind } } }',
    );
    expect(query).toMatch(
      /conditions \{ id name kind broader \{ id name kind ancestors \{ id name kind \} \} ancestors \{ id name kind broader \{ id name kind \} \} \}/,
    );
    expect(query).toContain('concept { id name abbreviation }');
    expect(query).toContain('predictor { id name kind }');
    expect(query).toContain('relatedStudies(id: $id, first: $related) { score shared { id kind name weight }');
  });

  const evidence = (id: string) => [
    {
      id,
      quote: `quote ${id}`,
      verification: 'VERIFIED',
      section: null,
      note: null,
      document: { id: 'd', title: 'Doc', url: null },
    },
  ];
  const answer = {
    id: 's1',
    acronym: 'S-1',
    title: 'Study one',
    arms: [
      {
        id: 's1/a',
        label: 'A',
        role: 'EXPERIMENTAL',
        randomized: 10,
        evidence: evidence('e1'),
        interventions: [
          { dose: '30 mg', route: null, schedule: null, intervention: { id: 'drug', name: 'Drug', kind: 'DRUG' } },
        ],
      },
    ],
    population: {
      id: 's1/population',
      description: 'Adults',
      evidence: evidence('e2'),
      conditions: [
        {
          id: 'child',
          name: 'Child',
          kind: 'DISEASE',
          broader: [
            {
              id: 'parent',
              name: 'Parent',
              kind: 'DISEASE',
              ancestors: [{ id: 'root', name: 'Root', kind: 'DISEASE' }],
            },
          ],
          ancestors: [
            { id: 'parent', name: 'Parent', kind: 'DISEASE', broader: [{ id: 'root', name: 'Root', kind: 'DISEASE' }] },
            { id: 'root', name: 'Root', kind: 'DISEASE', broader: [] },
          ],
        },
      ],
    },
    outcomes: [
      {
        id: 's1/pfs',
        name: 'PFS',
        role: 'PRIMARY',
        measurements: [],
        comparisons: [{ id: 'c1', effectMeasure: 'HAZARD_RATIO', evidence: evidence('e3') }],
        concept: { id: 'pfs', name: 'Progression-free survival', abbreviation: 'PFS' },
      },
      {
        id: 's1/pfs-2y',
        name: '2-year PFS',
        role: 'SECONDARY',
        measurements: [],
        comparisons: [],
        concept: { id: 'pfs', name: 'Progression-free survival', abbreviation: 'PFS' },
      },
    ],
    predictorFindings: [
      {
        id: 's1/f',
        associated: true,
        evidence: evidence('e4'),
        predictor: { id: 'age', name: 'Age', kind: 'DEMOGRAPHIC' },
      },
    ],
  };
  const related = [
    {
      score: 2.5,
      shared: [{ id: 'child', kind: 'CONDITION', name: 'Child', weight: 2.5 }],
      study: { id: 's2', acronym: null, title: 'Study two', year: 2020 },
    },
  ];

  it('builds the nodes and edges of an answer, each node once, the IS_A chain from the ancestors', () => {
    const graph: any = graphOf(answer, related);
    expect(graph.root).toBe('study:s1');
    expect(graph.nodes.map((n: any) => n.id).sort()).toEqual(
      [
        'arm:s1/a',
        'condition:child',
        'condition:parent',
        'condition:root',
        'intervention:drug',
        'outcomeConcept:pfs',
        'predictor:age',
        'study:s1',
        'study:s2',
      ].sort(),
    );
    const edges = Object.fromEntries(graph.edges.map((e: any) => [e.id, e]));
    expect(Object.keys(edges).sort()).toEqual(
      [
        'arm:s1/a RECEIVES intervention:drug',
        'condition:child IS_A condition:parent',
        'condition:parent IS_A condition:root',
        'related study:s1 study:s2',
        'study:s1 EVALUATES predictor:age',
        'study:s1 HAS_ARM arm:s1/a',
        'study:s1 HAS_CONDITION condition:child',
        'study:s1 MEASURES outcomeConcept:pfs',
      ].sort(),
    );
    // Two outcomes of one concept: one edge keeping both, without their concept.
    expect(edges['study:s1 MEASURES outcomeConcept:pfs'].vias.map((v: any) => v.id)).toEqual(['s1/pfs', 's1/pfs-2y']);
    expect(edges['study:s1 MEASURES outcomeConcept:pfs'].vias[0].concept).toBeUndefined();
    expect(edges['arm:s1/a RECEIVES intervention:drug'].vias).toEqual([{ dose: '30 mg', route: null, schedule: null }]);
    // The reasons of a related study are on its edge, each naming the node of its concept.
    expect(edges['related study:s1 study:s2']).toMatchObject({
      label: 'Child',
      related: { score: 2.5, shared: [{ node: 'condition:child', weight: 2.5 }] },
    });
    // A node keeps its own fields (and quotes), not the lists its relations follow.
    const study = graph.nodes.find((n: any) => n.id === 'study:s1');
    expect(study).toMatchObject({ label: 'S-1', expanded: true, fields: { id: 's1', title: 'Study one' } });
    expect(study.fields.arms).toBeUndefined();
    expect(graph.nodes.find((n: any) => n.id === 'arm:s1/a').fields.evidence[0].quote).toBe('quote e1');
    expect(graph.nodes.find((n: any) => n.id === 'study:s2')).toMatchObject({
      label: 's2',
      fields: { title: 'Study two' },
    });
    expect(graph.nodes.find((n: any) => n.id === 'study:s2').expanded).toBeUndefined();
  });

  it('takes one more edge kind from one more line of RELATIONS (intervention classes, IS_A)', () => {
    expect(exploreQuery()).toContain('intervention { id name kind broader { id name kind } }');
    const withClass = JSON.parse(JSON.stringify(answer));
    withClass.arms[0].interventions[0].intervention.broader = [
      { id: 'mtor-inhibitor', name: 'mTOR inhibitor', kind: 'DRUG' },
    ];
    const ids = graphOf(withClass, []).edges.map((e: any) => e.id);
    expect(ids).toContain('intervention:drug IS_A intervention:mtor-inhibitor');
  });
});

describe('the playground links to the explorer', () => {
  it('passes the address to the page script, which draws the link in the header', () => {
    const html = renderPlaygroundPage({
      endpoint: '/graphql',
      examples: '{ __typename }',
      explorerUrl: SEED_EXPLORE_URL,
    });
    const settings = JSON.parse(
      /<script id="playground-config" type="application\/json">([^<]*)<\/script>/.exec(html)![1],
    );
    expect(settings.explorerUrl).toBe('/explore?study=hae-vs-hace-midgut');
    expect(playgroundAsset('playground.js')!.body.toString('utf8')).toMatch(
      /className: "playground-explorer-link",\s+href: config\.explorerUrl/,
    );
  });
});
