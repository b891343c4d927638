import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../../src/config';
import { startTestServer, TestServer } from '../support/server';

// Bounded cost: every root field is compiled, with its whole nested selection, into one
// Cypher statement, so a request costs one database round trip per root field
// (extensions.cost.dbRoundTrips), whatever its nesting and the number of studies it returns.
// A field that queried per parent (an N+1) or per nesting level would make the count grow.

// The machine running the tests may be slow and busy: generous time for each test and hook.
jest.setTimeout(180_000);

type Json = any;

const DEEP = `
query Deep($where: StudyWhere, $first: Int!) {
  studies(where: $where, first: $first) {
    totalCount
    edges { node {
      id
      publications { id }
      arms {
        id
        interventions { dose intervention { id studies(first: 5) { totalCount edges { node { id } } } arms { id } } }
      }
      outcomes {
        id
        concept { id }
        measurements { id value arm { id } evidence { quote document { id publication { id pmid } } } }
        comparisons { id p { value } treatmentArm { id label } referenceArm { id label } evidence { id } }
      }
      predictorFindings { id associated predictor { id studies(first: 5) { totalCount edges { node { id } } } } evidence { id } }
      population { id conditions { id ancestors { id } } }
      adverseEvents { id percent arm { id } evidence { id } }
    } }
  }
}`;

/** The seed trial is the one study with every kind of part: arms, comparisons, predictor findings and adverse events. */
const SEED_ONLY = { conditionIds: ['midgut-net-liver-metastases'], includeNarrowerConditions: false };

const REGISTRY_IDS: [string, string][] = fs
  .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'studies', f), 'utf8')).study)
  .filter((s: Json) => s.registryIds.length > 0)
  .map((s: Json) => [s.id, s.registryIds[0].id]);

describe('database round trips of a deep query', () => {
  let server: TestServer;
  beforeAll(async () => {
    // This test measures round trips, not the request limits: over all studies the deep query
    // is far above the default cost limit, which would refuse it before any round trip, and on
    // a busy machine it may take longer than the default request deadline.
    const limits = { ...loadConfig({}).limits, maxDepth: 50, maxCost: 100_000_000 };
    server = await startTestServer({ limits, requestTimeoutMs: 120_000 });
  });
  afterAll(() => server.close());

  async function deep(variables: Record<string, unknown>): Promise<{ data: Json; roundTrips: number }> {
    const { status, body } = await server.graphql(DEEP, variables);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const roundTrips = body.extensions?.cost?.dbRoundTrips;
    expect(typeof roundTrips).toBe('number');
    return { data: body.data, roundTrips };
  }

  it('reports the round trips of each request in extensions.cost', async () => {
    const none = await server.graphql('{ __typename }');
    expect(none.body.extensions.cost).toEqual({ dbRoundTrips: 0 });
    const one = await server.graphql('{ study(id: "netter-1") { id } }');
    expect(one.body.extensions.cost).toEqual({ dbRoundTrips: 1 });
    const nested = await server.graphql(
      '{ study(id: "netter-1") { id arms { id interventions { intervention { arms(first: 5) { id study { id } } } } } } }',
    );
    expect(nested.body.data.study.arms.length).toBeGreaterThan(0);
    expect(nested.body.extensions.cost).toEqual({ dbRoundTrips: 1 });
    const two = await server.graphql(
      '{ a: study(id: "netter-1") { id arms { id } } b: studies(first: 2) { edges { node { id outcomes { id } } } } }',
    );
    expect(two.body.data.b.edges).toHaveLength(2);
    expect(two.body.extensions.cost).toEqual({ dbRoundTrips: 2 });
  });

  it('costs one round trip for one study as for all nine', async () => {
    const one = await deep({ where: SEED_ONLY, first: 1 });
    const all = await deep({ first: 100 });

    // The queries did the work: one study, then all nine, with their nested parts.
    expect(one.data.studies.edges.map((e: Json) => e.node.id)).toEqual(['hae-vs-hace-midgut']);
    expect(all.data.studies.totalCount).toBe(9);
    expect(all.data.studies.edges).toHaveLength(9);
    const seedInAll = all.data.studies.edges.find((e: Json) => e.node.id === 'hae-vs-hace-midgut').node;
    expect(seedInAll).toEqual(one.data.studies.edges[0].node);
    const nested = JSON.stringify(all.data);
    for (const id of [
      'netter-1/pfs-lutetium-vs-control',
      'promid/hepatic-load-os',
      'radiant-3/pfs-median-everolimus',
      'pmid',
    ])
      expect(nested).toContain(id);

    expect(one.roundTrips).toBe(1);
    expect(all.roundTrips).toBe(1);
  });

  it('costs the same every time', async () => {
    const counts = [];
    for (let i = 0; i < 3; i += 1) counts.push((await deep({ first: 100 })).roundTrips);
    expect(new Set(counts).size).toBe(1);
  });

  it('costs no more for all studies than for any one study picked by its registry ID', async () => {
    const all = (await deep({ first: 100 })).roundTrips;
    expect(REGISTRY_IDS.length).toBe(8);
    for (const [id, registryId] of REGISTRY_IDS) {
      const one = await deep({ where: { registryId }, first: 1 });
      expect(one.data.studies.edges.map((e: Json) => e.node.id)).toEqual([id]);
      expect(one.roundTrips).toBe(all);
    }
  });

  it('costs the same for two or four midgut studies as for all nine', async () => {
    const two = await deep({ where: { conditionIds: ['midgut-net'] }, first: 2 });
    const four = await deep({ where: { conditionIds: ['midgut-net'] }, first: 4 });
    expect(four.data.studies.edges).toHaveLength(4);
    // The four midgut studies include the seed trial, which has every kind of part.
    expect(four.roundTrips).toBe(1);
    expect(two.roundTrips).toBe(1);
  });
});
