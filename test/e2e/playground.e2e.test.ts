import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, Page, Request, WebSocket } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startTestServer, TestServer } from '../support/server';

// The playground end to end: the real server serves GET /graphql, headless Chromium loads it
// with every request outside 127.0.0.1 aborted (and counted: there must be none), runs the
// SeedTrialResults example from the first tab and shows the seed trial's results.

const TIMEOUT = 180_000;
const SCREENSHOT = path.join(os.tmpdir(), 'playground-seed-trial-results.png');

const EDITOR = '.graphiql-query-editor .CodeMirror';
const RESULT = '.graphiql-response .CodeMirror';
const RUN = 'button.graphiql-execute-button';

/** The text of a CodeMirror 5 editor of the page. */
const editorText = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

/** Waits until the result pane holds a JSON response, and returns it parsed. */
async function resultOf(page: Page): Promise<any> {
  await page.waitForFunction(
    (selector) => {
      const el = document.querySelector(selector) as unknown as { CodeMirror?: { getValue(): string } } | null;
      const text = el?.CodeMirror?.getValue() ?? '';
      return /"(data|errors)"/.test(text);
    },
    RESULT,
    { timeout: 60_000 },
  );
  return JSON.parse(await editorText(page, RESULT));
}

/** Waits until GraphiQL's query editor holds `name` as the operation name that Run will send. */
async function waitForOperationName(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    ([selector, expected]) => (document.querySelector(selector) as any)?.CodeMirror?.operationName === expected,
    [EDITOR, name] as const,
    { timeout: 30_000 },
  );
}

describe('the playground in headless Chromium', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const response = await page.goto(`${server.url}/graphql`, { waitUntil: 'load', timeout: 60_000 });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  }, TIMEOUT);

  it(
    'opens on the SeedTrialResults example, runs it and shows the seed trial results',
    async () => {
      await page.waitForSelector(EDITOR, { timeout: 60_000 });
      const query = await editorText(page, EDITOR);
      expect(query).toContain('query SeedTrialResults');
      expect(query).toContain('fragment Source on Evidence');
      // One tab per example operation.
      expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(6);

      await page.click(RUN);
      const result = await resultOf(page);
      expect(result.errors).toBeUndefined();
      const study = result.data.study;
      expect(study.id).toBe('hae-vs-hace-midgut');
      expect(study.arms.map((a: any) => a.randomized)).toEqual([12, 14]);
      expect(study.outcomes[0].measurements.map((m: any) => m.value)).toEqual([38, 44]);
      expect(study.outcomes[0].comparisons[0].p.text).toBe('p = 0.90');

      // What the reader sees: the result pane (CodeMirror draws only the lines in view)
      // scrolled to the 2-year PFS of the HACE arm.
      const quote = 'The 2-year PFS rates were 38 and 44% in the HACE and HAE arms, respectively (p = 0.90).';
      const line = await page.$eval(
        RESULT,
        (el, text) => {
          const cm = (el as any).CodeMirror;
          const lines: string[] = cm.getValue().split('\n');
          const at = lines.findIndex((l) => l.includes(text));
          cm.scrollIntoView({ line: Math.max(0, at - 8), ch: 0 }, 0);
          cm.scrollIntoView({ line: Math.min(lines.length - 1, at + 8), ch: 0 }, 0);
          return at;
        },
        quote,
      );
      expect(line).toBeGreaterThan(0);
      await page.waitForFunction(
        ([selector, text]) =>
          (document.querySelector(selector) as HTMLElement | null)?.innerText.includes(text) ?? false,
        ['.graphiql-response', quote] as const,
        { timeout: 10_000 },
      );
      const shown = await page.locator('.graphiql-response').innerText();
      expect(shown).toContain(quote);
      expect(shown).toMatch(/"value": 38\b/);

      await page.screenshot({ path: SCREENSHOT });
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    },
    TIMEOUT,
  );

  it(
    'runs another tab: SeedRelatedTrials lists PROMID and NETTER-1',
    async () => {
      const tabs = page.locator('.graphiql-tab');
      const names = await tabs.allInnerTexts();
      const index = names.findIndex((name) => name.includes('SeedRelatedTrials'));
      expect(index).toBeGreaterThanOrEqual(0);
      await page.click(`.graphiql-tab:nth-child(${index + 1}) .graphiql-tab-button`);
      await page.waitForFunction(
        (selector) =>
          ((document.querySelector(selector) as any)?.CodeMirror?.getValue() ?? '').includes('query SeedRelatedTrials'),
        EDITOR,
        { timeout: 30_000 },
      );
      // What Run sends: GraphiQL reads the operation name from the new text only after a
      // debounce, so wait for the name it will send, not just for the text.
      await waitForOperationName(page, 'SeedRelatedTrials');
      await page.click(RUN);
      const result = await resultOf(page);
      expect(result.errors).toBeUndefined();
      const acronyms = result.data.relatedStudies.map((r: any) => r.study.acronym);
      expect(acronyms).toEqual(expect.arrayContaining(['PROMID', 'NETTER-1']));
    },
    TIMEOUT,
  );

  it(
    'answers the tab the reader sees when Run is clicked right after switching tabs',
    async () => {
      // Each round switches tab and clicks Run before GraphiQL has read the new tab's operation
      // name (it does so 100 ms after the switch): the query sent must still be the new tab's,
      // named as the new tab's operation, and answered as such.
      for (const [tab, check] of [
        ['PfsAcrossTrials', (data: any) => expect(data.compareOutcome.totalCount).toBeGreaterThan(0)],
        ['SeedTrialResults', (data: any) => expect(data.study.id).toBe('hae-vs-hace-midgut')],
        ['Hiaa5Evidence', (data: any) => expect(data.predictorEvidence.findings.totalCount).toBeGreaterThan(0)],
      ] as const) {
        const names = await page.locator('.graphiql-tab').allInnerTexts();
        const index = names.findIndex((name) => name.includes(tab));
        expect(index).toBeGreaterThanOrEqual(0);
        const sent = page.waitForRequest(
          (request) =>
            request.method() === 'POST' &&
            new URL(request.url()).pathname === '/graphql' &&
            !(request.postData() ?? '').includes('IntrospectionQuery'),
          {
            timeout: 30_000,
          },
        );
        // Both clicks in the page, one task apart: a zero-delay timer fires before the 100 ms
        // debounce however loaded the machine is. What the editor holds when Run is clicked is
        // read at that moment: the new tab's text, and the previous tab's operation name.
        const atRun = await page.evaluate(
          async ([tabSelector, runSelector, editorSelector]) => {
            (document.querySelector(tabSelector) as HTMLElement).click();
            await new Promise((resolve) => setTimeout(resolve, 0));
            const cm = (document.querySelector(editorSelector) as any).CodeMirror;
            const state = { text: cm.getValue() as string, operationName: cm.operationName as string | undefined };
            (document.querySelector(runSelector) as HTMLElement).click();
            return state;
          },
          [`.graphiql-tab:nth-child(${index + 1}) .graphiql-tab-button`, RUN, EDITOR] as const,
        );
        // The case this test is about: Run clicked while GraphiQL still held the previous tab's operation name.
        expect(atRun.text).toContain(`query ${tab}`);
        expect(atRun.operationName).not.toBe(tab);
        const request = await sent;
        const body = JSON.parse(request.postData() ?? '{}');
        expect(body.query).toContain(`query ${tab}`);
        expect(body.operationName).toBe(tab);
        // The answer to this request (the tab may still show its answer of an earlier test).
        const response = await request.response();
        expect(response?.status()).toBe(200);
        const answer = await response!.json();
        expect(answer.errors).toBeUndefined();
        check(answer.data);
        // And the reader sees it.
        await page.waitForFunction(
          ([selector, expected]) => {
            const text = (document.querySelector(selector) as any)?.CodeMirror?.getValue() ?? '';
            try {
              return JSON.stringify(JSON.parse(text)) === expected;
            } catch {
              return false;
            }
          },
          [RESULT, JSON.stringify(answer)] as const,
          { timeout: 60_000 },
        );
        // Back to a quiet state (the debounced update has run) before the next round.
        await waitForOperationName(page, tab);
      }
    },
    TIMEOUT,
  );

  it(
    'runs a subscription operation over graphql-ws on the WebSocket of /graphql and shows what the server answered',
    async () => {
      // The page's sockets, with every message sent and received (graphql-transport-ws), and its POSTs.
      const sockets: string[] = [];
      const sent: any[] = [];
      const received: any[] = [];
      const posts: string[] = [];
      const onSocket = (socket: WebSocket) => {
        sockets.push(socket.url());
        socket.on('framesent', (frame) => sent.push(JSON.parse(String(frame.payload))));
        socket.on('framereceived', (frame) => received.push(JSON.parse(String(frame.payload))));
      };
      const onRequest = (request: Request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql')
          posts.push(request.postData() ?? '');
      };
      page.on('websocket', onSocket);
      page.on('request', onRequest);
      try {
        const query = 'subscription PlaygroundSocketProbe { noSuchField }';
        await page.$eval(EDITOR, (el, text) => (el as any).CodeMirror.setValue(text), query);
        await waitForOperationName(page, 'PlaygroundSocketProbe');
        await page.click(RUN);
        const result = await resultOf(page);
        const answered = () => received.find((m) => m.type === 'next' || m.type === 'error');
        for (let waited = 0; !answered() && waited < 10_000; waited += 100) await page.waitForTimeout(100);

        // One socket, on the path of /graphql at the page's origin, speaking graphql-ws.
        expect(sockets).toEqual([`${server!.url.replace(/^http:/, 'ws:')}/graphql`]);
        expect(sent.map((m) => m.type)).toEqual(expect.arrayContaining(['connection_init', 'subscribe']));
        expect(sent.find((m) => m.type === 'subscribe').payload).toMatchObject({
          query,
          operationName: 'PlaygroundSocketProbe',
        });
        expect(received[0].type).toBe('connection_ack');
        // Not sent as a POST.
        expect(posts.filter((body) => body.includes('PlaygroundSocketProbe'))).toEqual([]);
        // The server refuses the operation (no such subscription field), and the reader sees its message.
        const answer = answered();
        const errors = answer.type === 'next' ? answer.payload.errors : answer.payload;
        expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(result.errors[0].message).toBe(errors[0].message);
      } finally {
        page.off('websocket', onSocket);
        page.off('request', onRequest);
      }
    },
    TIMEOUT,
  );

  it('made no request outside 127.0.0.1 and raised no script error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it(
    'counts and aborts a request outside 127.0.0.1 (the guard above works)',
    async () => {
      const probe = await browser!.newContext();
      const caught: string[] = [];
      await probe.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') return route.continue();
        caught.push(url.href);
        return route.abort();
      });
      const probePage = await probe.newPage();
      await probePage.goto(`${server!.url}/health/live`);
      const failed = await probePage.evaluate(() =>
        fetch('https://example.com/beacon', { mode: 'no-cors' }).then(
          () => false,
          () => true,
        ),
      );
      await probe.close();
      expect(failed).toBe(true);
      expect(caught).toEqual(['https://example.com/beacon']);
    },
    TIMEOUT,
  );
});
