import fs from 'node:fs';
import { Kind, parse } from 'graphql';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { exampleTabs } from '../../src/playground/example-tabs';
import { startTestServer, TestServer } from '../support/server';
import { collect, socketClient } from '../support/subscriptions';

// Every example of schema/examples.graphql runs, as the playground sends it (one tab, no
// variables), against the seeded database with the default request limits, and the four
// examples the issue names return what the sources say. A subscription runs where the playground
// runs it, on the WebSocket of /graphql (test/e2e/playground-subscription.e2e.test.ts shows one
// delivering a change).

// The machine running the tests may be slow and busy: generous time for each test and hook.
jest.setTimeout(180_000);

type Json = any;
const ALL_TABS = exampleTabs(fs.readFileSync(path.join(REPO_ROOT, 'schema', 'examples.graphql'), 'utf8'));
const isSubscription = (query: string) =>
  parse(query).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'subscription');
const TABS = ALL_TABS.filter((tab) => !isSubscription(tab.query));
const SUBSCRIPTION_TABS = ALL_TABS.filter((tab) => isSubscription(tab.query));

describe('the example operations, run over HTTP', () => {
  let server: TestServer;
  const results = new Map<string, Json>();

  beforeAll(async () => {
    server = await startTestServer();
    for (const tab of TABS) {
      const { status, body } = await server.graphql(tab.query);
      results.set(tab.operationName!, { status, body });
    }
  });
  afterAll(() => server.close());

  it.each(TABS.map((tab) => tab.operationName!))('%s runs without an error and returns data', (name) => {
    const { status, body } = results.get(name);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const data = JSON.stringify(body.data);
    expect(data).not.toMatch(/^\{"[^"]+":(null|\[\])\}$/);
    expect(body.extensions.cost.dbRoundTrips).toBeLessThan(40);
  });

  it('holds a subscription, which the socket accepts and keeps open without an error', async () => {
    expect(SUBSCRIPTION_TABS.map((tab) => tab.operationName)).toEqual(['FollowSeedRelatedChanges']);
    const client = socketClient(server.url);
    try {
      for (const tab of SUBSCRIPTION_TABS) {
        const received = collect(client, tab.query);
        // A refused subscription ends at once with its error; an accepted one stays open.
        await expect(received.ended(2000)).rejects.toThrow(/did not happen/);
        expect(received.errors).toEqual([]);
        received.unsubscribe();
      }
    } finally {
      await client.dispose();
    }
  });

  it('SeedTrialResults shows the seed trial: 12 and 14 patients, 38 vs 44% (p = 0.90), 80 vs 100% (p = 0.16), 95%, 19%', () => {
    const study = results.get('SeedTrialResults').body.data.study;
    expect(study.arms.map((a: Json) => a.randomized)).toEqual([12, 14]);
    const values = (name: string) =>
      study.outcomes.find((o: Json) => o.name === name).measurements.map((m: Json) => m.value);
    expect(values('2-year progression-free survival rate')).toEqual([38, 44]);
    expect(values('2-year overall survival rate')).toEqual([80, 100]);
    expect(values('Disease control rate on CT scan')).toEqual([95]);
    const texts = study.outcomes.flatMap((o: Json) => o.comparisons.map((c: Json) => c.p.text));
    expect(texts).toEqual(['p = 0.90', 'p = 0.16']);
    expect(study.adverseEvents[0].percent).toBe(19);
    const associated = study.predictorFindings.filter((f: Json) => f.associated).map((f: Json) => f.predictor.id);
    expect(associated).toEqual(['urinary-5-hiaa', 'serum-chromogranin-a']);
    expect(study.predictorFindings.filter((f: Json) => !f.associated)).toHaveLength(5);
    expect(study.outcomes[0].measurements[0].evidence[0]).toMatchObject({
      quote: 'The 2-year PFS rates were 38 and 44% in the HACE and HAE arms, respectively (p = 0.90).',
      document: { localCopy: 'seeds/reference/seed-abstract.txt', publication: { pmid: '22507901' } },
    });
  });

  it('SeedRelatedTrials ranks PROMID and NETTER-1 first, related through midgut NET', () => {
    const related = results.get('SeedRelatedTrials').body.data.relatedStudies;
    expect(related.slice(0, 2).map((r: Json) => r.study.acronym)).toEqual(['PROMID', 'NETTER-1']);
    for (const acronym of ['PROMID', 'NETTER-1']) {
      const r = related.find((x: Json) => x.study.acronym === acronym);
      expect(r.shared.map((s: Json) => s.id)).toContain('midgut-net');
    }
  });

  it('PfsAcrossTrials compares PFS across at least five trials', () => {
    const rows = results.get('PfsAcrossTrials').body.data.compareOutcome.edges.map((e: Json) => e.node);
    expect(new Set(rows.map((r: Json) => r.study.id)).size).toBeGreaterThanOrEqual(5);
  });

  it('Hiaa5Evidence finds urinary 5-HIAA associated with shorter PFS', () => {
    const evidence = results.get('Hiaa5Evidence').body.data.predictorEvidence;
    expect(evidence).toMatchObject({ predictor: { id: 'urinary-5-hiaa' }, associatedCount: 1, notAssociatedCount: 0 });
    expect(evidence.findings.edges[0].node).toMatchObject({
      associated: true,
      directionText: 'shorter PFS',
      study: { id: 'hae-vs-hace-midgut' },
    });
  });

  it('MidgutTrials includes the seed trial (liver metastases of midgut NET) and EverolimusTrials the three RADIANT trials', () => {
    const midgut = results
      .get('MidgutTrials')
      .body.data.studies.edges.map((e: Json) => e.node.id)
      .sort();
    expect(midgut).toEqual(['clarinet', 'hae-vs-hace-midgut', 'netter-1', 'promid']);
    const everolimus = results
      .get('EverolimusTrials')
      .body.data.intervention.studies.edges.map((e: Json) => e.node.acronym)
      .sort();
    expect(everolimus).toEqual(['RADIANT-2', 'RADIANT-3', 'RADIANT-4']);
  });
});
