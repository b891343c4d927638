import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { SEED_EXPLORE_URL } from '../../src/explore/explore.route';
import { launchChromium } from '../support/chromium';
import { startTestServer, TestServer } from '../support/server';

// The explorer and the forest plot end to end: the real server over the seeded Neo4j, one
// headless Chromium recording every request it makes (any outside 127.0.0.1 is aborted and
// counted: there must be none). The page shows the seed trial's neighbourhood, a click shows a
// node's quotes and expands a related study; the forest plot of the everolimus PFS hazard ratios
// renders. Screenshots go to the system's temporary folder (paths printed).

const TIMEOUT = 180_000;
const SEED = 'hae-vs-hace-midgut';
const EXPLORER_SHOT = path.join(os.tmpdir(), 'explore-seed-trial.png');
const FOREST_SHOT = path.join(os.tmpdir(), 'forest-everolimus-pfs.png');
const FOREST_URL =
  '/plots/forest.svg?outcomeConcept=progression-free-survival&effectMeasure=HAZARD_RATIO&studies=radiant-2,radiant-3,radiant-4&assumedCiLevel=95';
const PFS_QUOTE = 'The 2-year PFS rates were 38 and 44% in the HACE and HAE arms, respectively (p = 0.90).';

/** Node ids of the graph, by kind. */
const nodesOf = (page: Page) =>
  page.evaluate(() => {
    const cy = (window as any).explorer.cy;
    const byKind: Record<string, string[]> = {};
    cy.nodes().forEach((n: any) => (byKind[n.data('kind')] ??= []).push(n.id()));
    return { count: cy.nodes().length as number, edges: cy.edges().length as number, byKind };
  });

/** Clicks a node where the reader sees it on the canvas. */
async function clickNode(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((nodeId) => {
    const cy = (window as any).explorer.cy;
    const node = cy.getElementById(nodeId);
    if (node.empty()) return null;
    const box = cy.container().getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y };
  }, id);
  if (!point) throw new Error(`no node ${id} in the graph`);
  await page.mouse.click(point.x, point.y);
}

const waitForState = (page: Page, state: string) =>
  page.waitForSelector(`body[data-state="${state}"]`, { timeout: 60_000 });

describe('the explorer and the forest plot in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const requests: string[] = [];
  const outside: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      requests.push(`${route.request().method()} ${url.href}`);
      if (url.hostname === '127.0.0.1') return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    context.on('page', (p) => {
      p.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
      // A refusal of the Content-Security-Policy is reported on the console.
      p.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
          problems.push(`console: ${m.text()}`);
      });
    });
    page = await context.newPage();
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  }, TIMEOUT);

  it(
    'shows the seed trial with its arms, interventions, conditions up the IS_A chain, outcome concepts, predictors and related studies',
    async () => {
      const response = await page.goto(`${server.url}${SEED_EXPLORE_URL}`, { waitUntil: 'load', timeout: 60_000 });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await waitForState(page, 'ready');
      const { byKind } = await nodesOf(page);
      expect(byKind.study).toContain(`study:${SEED}`);
      expect(byKind.arm?.sort()).toEqual([`arm:${SEED}/hace`, `arm:${SEED}/hae`]);
      expect(byKind.intervention?.length).toBeGreaterThanOrEqual(2);
      expect(byKind.condition).toEqual(
        expect.arrayContaining([
          'condition:midgut-net-liver-metastases',
          'condition:midgut-net',
          'condition:neuroendocrine-tumour',
        ]),
      );
      expect(byKind.outcomeConcept).toContain('outcomeConcept:progression-free-survival');
      expect(byKind.predictor).toContain('predictor:urinary-5-hiaa');
      expect(byKind.study).toEqual(expect.arrayContaining(['study:promid', 'study:netter-1']));
      // IS_A edges up to the root, and the shared concepts on the related-study edges.
      const edges = await page.evaluate(() =>
        (window as any).explorer.cy.edges().map((e: any) => ({ id: e.id(), label: e.data('label') })),
      );
      expect(edges.map((e: any) => e.id)).toEqual(
        expect.arrayContaining([
          'condition:midgut-net-liver-metastases IS_A condition:midgut-net',
          'condition:midgut-net IS_A condition:gastrointestinal-net',
        ]),
      );
      const promid = edges.find((e: any) => e.id === `related study:${SEED} study:promid`);
      expect(promid?.label).toBe('Midgut neuroendocrine tumour · Hepatic tumour burden · Overall survival');
    },
    TIMEOUT,
  );

  it(
    'shows the details and quotes of a clicked node in the side panel',
    async () => {
      await clickNode(page, 'outcomeConcept:progression-free-survival');
      await page.waitForFunction((quote) => document.getElementById('panel')!.innerText.includes(quote), PFS_QUOTE, {
        timeout: 30_000,
      });
      const panel = await page.locator('#panel').innerText();
      expect(panel).toContain('Progression-free survival');
      expect(panel).toContain('2-year progression-free survival rate');
      expect(panel).toContain('VERIFIED');
    },
    TIMEOUT,
  );

  it(
    'expands a related study on click: its own arms and concepts join the graph (one more GraphQL request)',
    async () => {
      const graphqlPosts = () => requests.filter((r) => /^POST http:\/\/127\.0\.0\.1:\d+\/graphql$/.test(r)).length;
      const postsBefore = graphqlPosts();
      const before = await nodesOf(page);
      expect(before.byKind.arm.some((id) => id.startsWith('arm:promid/'))).toBe(false);
      const posted = page.waitForRequest(
        (r) =>
          r.method() === 'POST' &&
          new URL(r.url()).pathname === '/graphql' &&
          (r.postData() ?? '').includes('"promid"'),
      );
      await clickNode(page, 'study:promid');
      await posted;
      await page.waitForFunction(
        () => (window as any).explorer.cy.getElementById('study:promid').data('expanded') === true,
        null,
        { timeout: 60_000 },
      );
      await waitForState(page, 'ready');
      const after = await nodesOf(page);
      expect(after.count).toBeGreaterThan(before.count);
      expect(after.edges).toBeGreaterThan(before.edges);
      expect(after.byKind.arm.filter((id) => id.startsWith('arm:promid/')).sort()).toEqual([
        'arm:promid/octreotide-lar',
        'arm:promid/placebo',
      ]);
      expect(await page.locator('#panel h2').innerText()).toBe('PROMID');
      expect(graphqlPosts()).toBe(postsBefore + 1);
      await page.screenshot({ path: EXPLORER_SHOT });
      expect(fs.statSync(EXPLORER_SHOT).size).toBeGreaterThan(20_000);
      console.log(`explorer screenshot: ${EXPLORER_SHOT}`);
    },
    TIMEOUT,
  );

  it(
    'draws the forest plot of the studies in view in its tab, and explains a plot the server refuses',
    async () => {
      await page.click('#tab-forest');
      await page.selectOption('#forest-concept', 'progression-free-survival');
      await page.selectOption('#forest-measure', 'HAZARD_RATIO');
      await page.waitForSelector('body[data-forest="ready"]', { timeout: 60_000 });
      const image = await page.$eval('#forest-image', (img) => ({
        src: (img as HTMLImageElement).src,
        width: (img as HTMLImageElement).naturalWidth,
      }));
      expect(image.width).toBeGreaterThan(0);
      expect(new URL(image.src).pathname).toBe('/plots/forest.svg');
      expect(new URL(image.src).searchParams.get('assumedCiLevel')).toBe('95');

      await page.selectOption('#forest-measure', 'RATE_DIFFERENCE');
      await page.waitForSelector('body[data-forest="error"]', { timeout: 60_000 });
      const shown = await page.locator('#forest-message').innerText();
      expect(shown).toContain('Too few comparisons to pool');
      expect(shown).toContain('TOO_FEW_COMPARISONS (HTTP 422)');
      expect(await page.locator('#forest-image').isHidden()).toBe(true);
      await page.click('#tab-graph');
    },
    TIMEOUT,
  );

  it(
    'says so when no study has the key, and refuses a bad or missing key (400) and other methods (405)',
    async () => {
      const other = await context!.newPage();
      await other.goto(`${server.url}/explore?study=no-such-study`, { waitUntil: 'load', timeout: 60_000 });
      await waitForState(other, 'not-found');
      expect(await other.locator('#message').innerText()).toContain('No study has the key "no-such-study"');
      await other.close();

      for (const target of ['/explore', '/explore?study=Not%20A%20Key']) {
        const res = await fetch(`${server.url}${target}`);
        expect(res.status).toBe(400);
        expect((await res.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      }
      const post = await fetch(`${server.url}${SEED_EXPLORE_URL}`, { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET');
      expect((await post.json()).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
    },
    TIMEOUT,
  );

  it(
    'renders the forest plot of the everolimus PFS hazard ratios as SVG',
    async () => {
      const plot = await context!.newPage();
      const response = await plot.goto(`${server.url}${FOREST_URL}`, { waitUntil: 'load', timeout: 60_000 });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^image\/svg\+xml/);
      const drawn = await plot.evaluate(() => {
        const svg = document.documentElement;
        const size = (el: Element | null) =>
          el ? { width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height } : null;
        return {
          tag: svg.tagName,
          svg: size(svg),
          diamond: size(document.querySelector('polygon.pooled')),
          rows: document.querySelectorAll('g.study').length,
          text: svg.textContent ?? '',
        };
      });
      expect(drawn.tag).toBe('svg');
      expect(drawn.svg!.width).toBeGreaterThan(0);
      expect(drawn.svg!.height).toBeGreaterThan(0);
      expect(drawn.diamond!.width).toBeGreaterThan(0);
      expect(drawn.rows).toBe(3);
      for (const acronym of ['RADIANT-2', 'RADIANT-3', 'RADIANT-4']) expect(drawn.text).toContain(acronym);
      await plot.locator('svg').screenshot({ path: FOREST_SHOT });
      expect(fs.statSync(FOREST_SHOT).size).toBeGreaterThan(10_000);
      console.log(`forest plot screenshot: ${FOREST_SHOT}`);
      await plot.close();
    },
    TIMEOUT,
  );

  it(
    'links to the playground, whose header links back to the explorer',
    async () => {
      await Promise.all([
        page.waitForURL(`${server.url}/graphql`, { timeout: 60_000 }),
        page.click('#playground-link'),
      ]);
      const link = page.locator('a.playground-explorer-link');
      await link.waitFor({ timeout: 60_000 });
      expect(await link.getAttribute('href')).toBe(SEED_EXPLORE_URL);
    },
    TIMEOUT,
  );

  it('made every request to 127.0.0.1 only, with no script error or policy refusal', () => {
    const paths = requests.map((r) => r.replace(/^(\S+) https?:\/\/[^/]+/, '$1 ').replace(/\?.*$/, ''));
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /explore',
        'GET /explore-assets/cytoscape.min.js',
        'GET /explore-assets/explore.js',
        'POST /graphql',
        'GET /plots/forest.svg',
      ]),
    );
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
