import { startTestServer, TestServer } from '../support/server';

describe('GraphQL over HTTP against the seeded Neo4j', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers { __typename }', async () => {
    const { status, body } = await server.graphql('{ __typename }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ __typename: 'Query' });
  });

  it('returns the seed trial arms with their sizes', async () => {
    const { body } = await server.graphql(`{ study(id: "hae-vs-hace-midgut") { arms { label randomized } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.study.arms).toEqual(
      expect.arrayContaining([
        { label: 'HACE (hepatic arterial chemoembolization)', randomized: 12 },
        { label: 'HAE (hepatic arterial embolization)', randomized: 14 },
      ]),
    );
  });
});
