/**
 * The change log (src/changes/): one event per committed change, in the change's transaction,
 * numbered in commit order; `changes` pages it with its filters; `studyChanged` replays and
 * delivers over the WebSocket of /graphql; the socket's limits. One server in this process on the
 * writers' Neo4j; studies of the test's own ("test-chg-…", copies of seeds/studies/radiant-4.json).
 * Other test files write at the same time, so every read here is filtered to this test's studies.
 * (test/integration/changes-two-servers.int.test.ts: two server processes and the CLI.)
 */
import WebSocket from 'ws';
import { planStudy } from '../../src/seeds/seed.plan';
import { writeStudyBatch } from '../../src/seeds/seed.loader';
import { StudyInput } from '../../src/seeds/seed.schema';
import { loadConfig } from '../../src/config';
import { useWriteDatabase } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { collect, socketClient } from '../support/subscriptions';
import {
  deleteStudiesUnder,
  errorsOf,
  Json,
  postGraphQL,
  sleep,
  testPrefix,
  testStudyDocument,
} from '../security/helpers';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

jest.setTimeout(120_000);

const KEY = 'changes-test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}` };
const IMPORT =
  'mutation($d: [JSONObject!]!, $r: String) { importStudies(input: { documents: $d, reason: $r }) { written results { studyId status issues { path rule message } } } }';
const DELETE = 'mutation($id: ID!) { deleteStudy(id: $id) { id deleted } }';
const EVENT = 'sequence cursor studyId studyTitle kind kinds summary changes source changedBy reason versionNumber';
const CHANGES = `query($where: ChangeFilter, $after: String, $first: Int, $last: Int) {
  changes(where: $where, after: $after, first: $first, last: $last) {
    edges { cursor node { ${EVENT} study { id } version { version } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const SUBSCRIBE = `subscription($where: ChangeFilter, $after: String) { studyChanged(where: $where, after: $after) { ${EVENT} } }`;

describe('the change log, `changes` and `studyChanged`', () => {
  let server: TestServer;
  const prefix = testPrefix('chg');
  const clients: ReturnType<typeof socketClient>[] = [];

  const client = () => {
    const c = socketClient(server.url);
    clients.push(c);
    return c;
  };

  async function importDocs(docs: Json[], reason: string | null = null) {
    const res = await postGraphQL(server.url, IMPORT, { d: docs, r: reason }, auth);
    expect(errorsOf(res.json)).toEqual([]);
    expect(res.json.data.importStudies).toMatchObject({ written: true });
    return res.json.data.importStudies.results;
  }

  async function changes(variables: Record<string, unknown>) {
    const { status, body } = await server.graphql(CHANGES, variables);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    return body.data.changes;
  }

  const nodesOf = async (variables: Record<string, unknown>) =>
    (await changes({ first: 100, ...variables })).edges.map((e: Json) => e.node);

  /** A copy of the template that shares no concept with it: a condition, an intervention and no outcome or adverse event of its own. */
  function unrelatedDocument(id: string): Json {
    const d = testStudyDocument(id);
    d.population.conditions = ['carcinoid-syndrome'];
    d.arms = [d.arms[0]];
    d.arms[0].receives = [{ intervention: 'best-supportive-care', dose: null, route: null, schedule: null }];
    d.outcomes = [];
    d.adverseEvents = [];
    d.predictorFindings = [];
    return d;
  }

  beforeAll(async () => {
    server = await startTestServer({
      apiKey: KEY,
      changesPollMs: 200,
      socket: { ...loadConfig({}).socket, maxConnections: 8, maxSubscriptions: 2, idleTimeoutMs: 4000 },
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    if (server) {
      await deleteStudiesUnder(server.db, prefix);
      await server.close();
    }
  });

  it('writes one event per committed change, in commit order, with its kinds and summary', async () => {
    const id = `${prefix}-life`;
    const doc = testStudyDocument(id);
    expect((await importDocs([doc]))[0].status).toBe('CREATED');
    const edited = testStudyDocument(id, ' (edited)');
    edited.study.status = 'COMPLETED';
    expect((await importDocs([edited], 'status corrected'))[0].status).toBe('UPDATED');
    // An unchanged import is no change: no event.
    expect((await importDocs([edited]))[0].status).toBe('UNCHANGED');
    const before = await nodesOf({ where: { studyIds: [id] } });
    expect(before.map((e: Json) => e.kinds)).toEqual([['NEW_STUDY'], ['STATUS_CHANGED', 'CURATED_EDIT']]);
    expect(before[0].study).toEqual({ id });
    expect(before[1]).toMatchObject({
      kind: 'STATUS_CHANGED',
      source: 'IMPORT_STUDIES',
      changedBy: 'api-key',
      reason: 'status corrected',
      versionNumber: 2,
      version: { version: 2 },
    });
    expect(before[1].changes).toEqual(expect.arrayContaining(['status (none) → COMPLETED']));
    expect(before[1].summary).toMatch(/version 2: .*status \(none\) → COMPLETED/);
    const res = await postGraphQL(server.url, DELETE, { id }, auth);
    expect(errorsOf(res.json)).toEqual([]);
    const after = await nodesOf({ where: { studyIds: [id] } });
    expect(after.map((e: Json) => e.kind)).toEqual(['NEW_STUDY', 'STATUS_CHANGED', 'DELETED']);
    // The deleted study's events stay, naming it; their study and version are gone.
    expect(after[2]).toMatchObject({ studyId: id, studyTitle: edited.study.title, study: null, version: null });
    expect(after[2].summary).toMatch(/deleted$/);
    const sequences = after.map((e: Json) => e.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(3);
    expect(after.map((e: Json) => e.cursor)).toEqual(sequences.map(String));
  });

  it('writes no event for a rolled-back write', async () => {
    const id = `${prefix}-rolled-back`;
    const failure = new Error('the transaction fails after the study, its version and its event were noted');
    await expect(
      server.db.executor.writeTransaction(async (tx) => {
        await writeStudyBatch(tx, [planStudy(testStudyDocument(id) as StudyInput)]);
        throw failure;
      }),
    ).rejects.toThrow(failure.message);
    expect(await nodesOf({ where: { studyIds: [id] } })).toEqual([]);
    expect(await server.db.query('MATCH (n) WHERE n.studyId = $id RETURN n', { id })).toEqual([]);
  });

  it('numbers the events of concurrent writers without a duplicate, each write whole', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `${prefix}-concurrent-${i}`);
    await Promise.all(ids.map((id) => importDocs([testStudyDocument(id)])));
    const events = await nodesOf({ where: { studyIds: ids } });
    expect(events.map((e: Json) => e.studyId).sort()).toEqual([...ids].sort());
    expect(new Set(events.map((e: Json) => e.sequence)).size).toBe(ids.length);
    const [row] = await server.db.query<{ seq: number }>(`MATCH (l:ChangeLog {id: 'changes'}) RETURN l.seq AS seq`);
    expect(row.seq).toBeGreaterThanOrEqual(Math.max(...events.map((e: Json) => e.sequence)));
  });

  it('filters by study, condition and intervention with their narrower ones, and kind; pages with cursors', async () => {
    const id = `${prefix}-filters`;
    await importDocs([testStudyDocument(id)]);
    await importDocs([testStudyDocument(id, ' (again)')]);
    const mine = { studyIds: [id] };
    const page = async (where: Json) => (await nodesOf({ where: { ...mine, ...where } })).map((e: Json) => e.kind);
    // The copy's population has lung NET and gastrointestinal NET; its arms everolimus and placebo.
    expect(await page({ conditionIds: ['gastroenteropancreatic-net'] })).toEqual(['NEW_STUDY', 'CURATED_EDIT']);
    expect(await page({ conditionIds: ['pancreatic-net'] })).toEqual([]);
    expect(await page({ interventionIds: ['mtor-inhibitor'] })).toEqual(['NEW_STUDY', 'CURATED_EDIT']);
    expect(await page({ interventionIds: ['sunitinib'] })).toEqual([]);
    expect(await page({ kinds: ['CURATED_EDIT'] })).toEqual(['CURATED_EDIT']);
    // Filtered by a concept alone (no study key): a posting list of the log; paged by cursor.
    const first = await changes({ first: 1, where: { conditionIds: ['lung-net'], kinds: ['NEW_STUDY'] } });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const all: Json[] = [];
    for (let after: string | null = null; ;) {
      const p: Json = await changes({ first: 50, after, where: { conditionIds: ['lung-net'] } });
      all.push(...p.edges.map((e: Json) => e.node));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(all.filter((e) => e.studyId === id).map((e) => e.kind)).toEqual(['NEW_STUDY', 'CURATED_EDIT']);
    const sequences = all.map((e) => e.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    // `last`: the newest, listed oldest first.
    const newest = await changes({ last: 2, where: mine });
    expect(newest.edges.map((e: Json) => e.node.kind)).toEqual(['NEW_STUDY', 'CURATED_EDIT']);
    const newestOne = await changes({ last: 1, where: mine });
    expect(newestOne.edges.map((e: Json) => e.node.kind)).toEqual(['CURATED_EDIT']);
    expect(newestOne.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refuses a bad cursor, page size or filter with BAD_USER_INPUT', async () => {
    for (const variables of [
      { after: 'abc' },
      { after: '-1' },
      { first: 0 },
      { first: 101 },
      { first: 1, last: 1 },
      { where: { studyIds: Array.from({ length: 101 }, (_, i) => `s${i}`) } },
    ]) {
      const { status, body } = await server.graphql(CHANGES, variables);
      expect(status).toBe(200);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('delivers a change as it is committed, and a client that resumes with `after` gets exactly the changes it missed', async () => {
    const id = `${prefix}-live`;
    const where = { studyIds: [id] };
    const live = collect(client(), SUBSCRIBE, { where });
    await sleep(500);
    await importDocs([testStudyDocument(id)]);
    // Delivered to the live subscription (the tail reads every 500 ms); how fast is bench:changes's
    // to measure, not a test's: the bound is only how long the test waits.
    const [created] = await live.waitFor(1, 5000);
    expect(created.studyChanged).toMatchObject({ studyId: id, kind: 'NEW_STUDY' });
    live.unsubscribe();
    // Three changes while the client is away.
    for (const n of [1, 2, 3]) await importDocs([testStudyDocument(id, ` (edit ${n})`)]);
    const resumed = collect(client(), SUBSCRIBE, { where, after: created.studyChanged.cursor });
    const missed = await resumed.waitFor(3);
    expect(missed.map((e) => e.studyChanged.summary)).toEqual([
      expect.stringMatching(/edit 1/),
      expect.stringMatching(/edit 2/),
      expect.stringMatching(/edit 3/),
    ]);
    // Then the live ones, once each.
    await importDocs([testStudyDocument(id, ' (edit 4)')]);
    await resumed.waitFor(4);
    await sleep(1000);
    expect(resumed.events.map((e) => e.studyChanged.kind)).toEqual(Array(4).fill('CURATED_EDIT'));
    const sequences = resumed.events.map((e) => e.studyChanged.sequence);
    expect([...new Set(sequences)].sort((a, b) => a - b)).toEqual(sequences);
    expect(resumed.errors).toEqual([]);
    resumed.unsubscribe();
  });

  it('`relatedTo` delivers the changes of related studies, and of a new study that enters the list, not those of an unrelated one', async () => {
    const [followed, related, unrelated, newcomer] = ['followed', 'related', 'unrelated', 'newcomer'].map(
      (name) => `${prefix}-rel-${name}`,
    );
    await importDocs([testStudyDocument(followed), testStudyDocument(related), unrelatedDocument(unrelated)]);
    const answer = await server.graphql('query($id: ID!) { relatedStudies(id: $id, first: 100) { study { id } } }', {
      id: followed,
    });
    expect(answer.body.errors).toBeUndefined();
    const [{ relatedStudies }] = [
      (
        await server.graphql('query($id: ID!) { relatedStudies(id: $id, first: 100) { study { id } } }', {
          id: followed,
        })
      ).body.data,
    ];
    const list = relatedStudies.map((r: Json) => r.study.id);
    expect(list).toContain(related);
    expect(list).not.toContain(unrelated);
    const sub = collect(client(), SUBSCRIBE, { where: { relatedTo: followed } });
    await sleep(500);
    await importDocs(
      [unrelatedDocument(unrelated)].map((d) => ({ ...d, study: { ...d.study, title: `${d.study.title} (edited)` } })),
    );
    await importDocs([testStudyDocument(related, ' (edited)')]);
    await importDocs([testStudyDocument(newcomer)]);
    await sub.waitFor(2, 4000);
    await sleep(1000);
    const mine = sub.events.map((e) => e.studyChanged).filter((e) => e.studyId.startsWith(prefix));
    expect(mine.map((e) => [e.studyId, e.kind])).toEqual([
      [related, 'CURATED_EDIT'],
      [newcomer, 'NEW_STUDY'],
    ]);
    // The same through `changes`.
    const page = await nodesOf({ where: { relatedTo: followed, studyIds: [related, unrelated, newcomer] } });
    expect(page.map((e: Json) => e.studyId)).toEqual([related, related, newcomer]);
    sub.unsubscribe();
  });

  describe('limits and bad input', () => {
    const openSocket = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const closeOf = (ws: WebSocket, ms = 10_000) =>
      new Promise<{ code: number; reason: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the socket was not closed')), ms);
        ws.once('close', (code, reason) => {
          clearTimeout(timer);
          resolve({ code, reason: String(reason) });
        });
      });

    async function healthy() {
      const { status, body } = await server.graphql('{ study(id: "promid") { acronym } }');
      expect(status).toBe(200);
      expect(body.data.study.acronym).toBe('PROMID');
      expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    }

    it('ends a subscription with a bad argument or past a limit with the error and its code', async () => {
      const c = client();
      const ended = async (query: string, variables: Record<string, unknown> = {}) => {
        const r = collect(c, query, variables);
        await r.ended();
        expect(r.events).toEqual([]);
        return r.errors[0];
      };
      expect((await ended(SUBSCRIBE, { after: 'not-a-cursor' })).extensions.code).toBe('BAD_USER_INPUT');
      expect(
        (await ended(SUBSCRIBE, { where: { studyIds: Array.from({ length: 101 }, (_, i) => `s${i}`) } })).extensions
          .code,
      ).toBe('BAD_USER_INPUT');
      expect((await ended(SUBSCRIBE, { where: { kinds: ['NOT_A_KIND'] } })).extensions.code).toBe('BAD_USER_INPUT');
      let nested = 'id';
      for (let i = 0; i < 6; i += 1) nested = `arms { study { ${nested} } }`;
      expect((await ended(`subscription { studyChanged { study { ${nested} } } }`)).extensions.code).toBe(
        'QUERY_TOO_DEEP',
      );
      expect((await ended('subscription { studyChanged { nope } }')).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      // Two subscriptions at once per connection here (WS_MAX_SUBSCRIPTIONS): the third is refused.
      const a = collect(c, SUBSCRIBE);
      const b = collect(c, SUBSCRIBE);
      expect((await ended(SUBSCRIBE)).extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      expect([a.completed, b.completed]).toEqual([false, false]);
      a.unsubscribe();
      b.unsubscribe();
      await healthy();
    });

    it('refuses a subscription over HTTP, pointing to the socket', async () => {
      const { status, body } = await server.graphql('subscription { studyChanged { summary } }');
      expect(status).toBe(400);
      expect(body.errors[0].message).toMatch(/WebSocket of \/graphql/);
    });

    it('closes a connection that sends a bad message (4400), stays idle (4000) or is one too many (1013), and stays healthy', async () => {
      const bad = await openSocket();
      const badClosed = closeOf(bad);
      bad.send('{"this is": "not a graphql-ws message"');
      expect((await badClosed).code).toBe(4400);

      const idle = await openSocket();
      const idleClosed = closeOf(idle);
      idle.send(JSON.stringify({ type: 'connection_init' }));
      expect((await idleClosed).code).toBe(4000);

      // Close this file's clients, then fill the server (WS_MAX_CONNECTIONS 8 here).
      await Promise.all(clients.map((c) => c.dispose()));
      await sleep(300);
      const held = await Promise.all(Array.from({ length: 8 }, openSocket));
      const extra = await openSocket();
      expect((await closeOf(extra)).code).toBe(1013);
      for (const ws of held) ws.close(1000);
      await sleep(300);
      await healthy();
      // A connection is accepted again once others closed.
      const again = socketClient(server.url);
      clients.push(again);
      const r = collect(again, SUBSCRIBE, { where: { studyIds: [`${prefix}-nothing`] } });
      await sleep(500);
      expect(r.errors).toEqual([]);
      expect(r.completed).toBe(false);
      r.unsubscribe();
    });
  });
});
