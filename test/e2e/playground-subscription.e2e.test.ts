import path from 'node:path';
import { Browser, BrowserContext, Page, WebSocket } from 'playwright-core';
import { loadSeedTexts } from '../../src/seeds/seed.loader';
import { readJson, rekeyStudy, rekeyVocabulary, SEEDS_DIR, VOCABULARY_FILE } from '../fixtures/seed-inputs';
import { deleteStudiesUnder, testPrefix } from '../security/helpers';
import { launchChromium } from '../support/chromium';
import { useWriteDatabase } from '../support/db';
import { startTestServer, TestServer } from '../support/server';

// The playground's subscription tab end to end: headless Chromium opens the
// FollowSeedRelatedChanges example, runs it (over graphql-ws on the WebSocket of /graphql) for a
// study of the test's own, and the result pane shows a change to a related study as it is
// committed. Everything the test writes is under its key prefix, with a vocabulary of its own.

useWriteDatabase();

const TIMEOUT = 180_000;
const KEY = 'playground-subscription-key-0123456789abcdef';
const EDITOR = '.graphiql-query-editor .CodeMirror';
const RESULT = '.graphiql-response .CodeMirror';
const RUN = 'button.graphiql-execute-button';
const TAB = 'FollowSeedRelatedChanges';

const IMPORT = 'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }';

describe('the playground subscription tab in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const prefix = testPrefix('pgsub');
  const vocabularyPrefix = `${prefix}-v`;
  // Two trials of the same condition (the test's copy of midgut NET): the second relates to the first.
  const followed = rekeyStudy(
    readJson(path.join(SEEDS_DIR, 'studies', 'promid.json')),
    `${prefix}-a`,
    vocabularyPrefix,
  );
  const related = rekeyStudy(
    readJson(path.join(SEEDS_DIR, 'studies', 'netter-1.json')),
    `${prefix}-b`,
    vocabularyPrefix,
  );
  const importStudy = async (document: unknown) => {
    const { status, body } = await server.graphql(IMPORT, { d: [document] }, { authorization: `Bearer ${KEY}` });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.importStudies.written).toBe(true);
  };

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startTestServer({ apiKey: KEY })]);
    await loadSeedTexts(server.db.executor, [
      { file: 'vocabulary.json', text: JSON.stringify(rekeyVocabulary(readJson(VOCABULARY_FILE), vocabularyPrefix)) },
    ]);
    await importStudy(followed);
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    const response = await page.goto(`${server.url}/graphql`, { waitUntil: 'load', timeout: 60_000 });
    expect(response?.status()).toBe(200);
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (server) {
      await deleteStudiesUnder(server.db, prefix);
      await server.close();
    }
  }, TIMEOUT);

  it(
    'runs the subscription tab and shows a change to a related trial as it is committed',
    async () => {
      const frames: { sent: any[]; received: any[] } = { sent: [], received: [] };
      page.on('websocket', (socket: WebSocket) => {
        socket.on('framesent', (frame) => frames.sent.push(JSON.parse(String(frame.payload))));
        socket.on('framereceived', (frame) => frames.received.push(JSON.parse(String(frame.payload))));
      });
      await page.waitForSelector(EDITOR, { timeout: 60_000 });
      const names = await page.locator('.graphiql-tab').allInnerTexts();
      const index = names.findIndex((name) => name.includes(TAB));
      expect(index).toBeGreaterThanOrEqual(0);
      await page.click(`.graphiql-tab:nth-child(${index + 1}) .graphiql-tab-button`);
      await page.waitForFunction(
        ([selector, name]) =>
          ((document.querySelector(selector) as any)?.CodeMirror?.getValue() ?? '').includes(`subscription ${name}`),
        [EDITOR, TAB] as const,
        { timeout: 30_000 },
      );
      // The tab follows the seed trial by default; here it follows the test's own trial.
      await page.$eval(
        EDITOR,
        (el, id) => {
          const cm = (el as any).CodeMirror;
          cm.setValue(cm.getValue().replace('"hae-vs-hace-midgut"', JSON.stringify(id)));
        },
        followed.study.id,
      );
      await page.waitForFunction(
        ([selector, name]) => (document.querySelector(selector) as any)?.CodeMirror?.operationName === name,
        [EDITOR, TAB] as const,
        { timeout: 30_000 },
      );
      await page.click(RUN);
      // Subscribed over the socket before the change is made.
      for (let waited = 0; !frames.sent.some((m) => m.type === 'subscribe') && waited < 30_000; waited += 100)
        await page.waitForTimeout(100);
      expect(frames.sent.find((m) => m.type === 'subscribe')?.payload.query).toContain(followed.study.id);

      await importStudy(related);

      // The reader sees the change in the result pane.
      await page.waitForFunction(
        ([selector, id]) => {
          const text = (document.querySelector(selector) as any)?.CodeMirror?.getValue() ?? '';
          try {
            return JSON.parse(text).data?.studyChanged?.studyId === id;
          } catch {
            return false;
          }
        },
        [RESULT, related.study.id] as const,
        { timeout: 30_000 },
      );
      const shown = JSON.parse(await page.$eval(RESULT, (el) => (el as any).CodeMirror.getValue()));
      expect(shown.data.studyChanged).toMatchObject({ studyId: related.study.id, kind: 'NEW_STUDY' });
      expect(shown.data.studyChanged.summary).toEqual(expect.any(String));
      expect(
        frames.received.some((m) => m.type === 'next' && m.payload.data?.studyChanged?.studyId === related.study.id),
      ).toBe(true);
    },
    TIMEOUT,
  );
});
