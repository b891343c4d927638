import { startTestServer, TestServer } from '../support/server';

// The default limits admit what research tools ask for: each of these was refused by the
// former cost limit (1 per field, lists × 5), and each is answered now, in one round trip,
// under the default limits of a production-mode server.

jest.setTimeout(180_000);

const REALISTIC: [string, string][] = [
  [
    '50 studies with outcomes, concepts and measurements per arm',
    '{ studies(first: 50) { edges { node { acronym outcomes { name concept { name } measurements { value unit statistic arm { label } } } } } } }',
  ],
  [
    '100 studies with arms, outcomes, measurements and comparisons',
    '{ studies(first: 100) { totalCount edges { node { id arms { label randomized } outcomes { name measurements { value unit arm { label } } comparisons { effectMeasure estimate ci { level lower upper } p { text } } } } } } }',
  ],
  [
    'the README compareOutcome example with first: 100 and ci { level }',
    `{ compareOutcome(outcomeConcept: "progression-free-survival", statistic: MEDIAN, first: 100) {
        totalCount edges { node { study { acronym } arm { label } measurement { value valueText unit ci { level } }
                                  comparisons { effectMeasure estimate ci { level lower upper } p { text } } } } } }`,
  ],
];

describe('realistic queries under the default limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ nodeEnv: 'production', requestTimeoutMs: 60_000 });
  });
  afterAll(() => server.close());

  it.each(REALISTIC)('admits %s', async (_name, query) => {
    const { status, body } = await server.graphql(query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.extensions.cost.dbRoundTrips).toBe(1);
  });

  it('answers the seeded trials in them', async () => {
    const { body } = await server.graphql(REALISTIC[1][1]);
    expect(body.data.studies.totalCount).toBe(9);
    const seed = body.data.studies.edges.find((e: any) => e.node.id === 'hae-vs-hace-midgut').node;
    expect(seed.arms.map((a: any) => a.randomized)).toEqual([12, 14]);
  });
});
