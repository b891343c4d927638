import { encodeCursor } from '../../src/graphql/pagination';
import { startTestServer, TestServer } from '../support/server';

// Bad input over HTTP, for every root field: unknown keys give null where the field is nullable
// and NOT_FOUND where it is not; bad page sizes and cursors give BAD_USER_INPUT naming the
// argument; nothing gives a 500 or an internal error.

// The machine running the tests may be slow and busy: generous time for each test and hook.
jest.setTimeout(180_000);

type Json = any;

/** Every field taking `first` (and, for connections, `after`), as a query with $first and $after. */
const PAGED: { name: string; query: string; connection: boolean }[] = [
  {
    name: 'studies',
    query: 'query Q($first: Int, $after: String) { studies(first: $first, after: $after) { totalCount } }',
    connection: true,
  },
  {
    name: 'conditions',
    query: 'query Q($first: Int, $after: String) { conditions(first: $first, after: $after) { totalCount } }',
    connection: true,
  },
  {
    name: 'interventions',
    query: 'query Q($first: Int, $after: String) { interventions(first: $first, after: $after) { totalCount } }',
    connection: true,
  },
  {
    name: 'outcomeConcepts',
    query: 'query Q($first: Int, $after: String) { outcomeConcepts(first: $first, after: $after) { totalCount } }',
    connection: true,
  },
  {
    name: 'predictors',
    query: 'query Q($first: Int, $after: String) { predictors(first: $first, after: $after) { totalCount } }',
    connection: true,
  },
  {
    name: 'compareOutcome',
    query:
      'query Q($first: Int, $after: String) { compareOutcome(outcomeConcept: "progression-free-survival", first: $first, after: $after) { totalCount } }',
    connection: true,
  },
  {
    name: 'predictorEvidence',
    query:
      'query Q($first: Int, $after: String) { predictorEvidence(predictor: "urinary-5-hiaa", first: $first, after: $after) { findings { totalCount } } }',
    connection: true,
  },
  {
    name: 'Condition.studies',
    query:
      'query Q($first: Int, $after: String) { condition(id: "midgut-net") { studies(first: $first, after: $after) { totalCount } } }',
    connection: true,
  },
  {
    name: 'Intervention.studies',
    query:
      'query Q($first: Int, $after: String) { intervention(id: "everolimus") { studies(first: $first, after: $after) { totalCount } } }',
    connection: true,
  },
  {
    name: 'Predictor.studies',
    query:
      'query Q($first: Int, $after: String) { predictors(first: 1) { edges { node { studies(first: $first, after: $after) { totalCount } } } } }',
    connection: true,
  },
  {
    name: 'OutcomeConcept.studies',
    query:
      'query Q($first: Int, $after: String) { outcomeConcepts(first: 1) { edges { node { studies(first: $first, after: $after) { totalCount } } } } }',
    connection: true,
  },
  {
    name: 'relatedStudies',
    query: 'query Q($first: Int) { relatedStudies(id: "hae-vs-hace-midgut", first: $first) { score } }',
    connection: false,
  },
  {
    name: 'search',
    query: 'query Q($first: Int) { search(query: "netter", first: $first) { score } }',
    connection: false,
  },
];

const MALFORMED_CURSORS: [string, string][] = [
  ['garbage', 'not-a-cursor'],
  ['empty', ''],
  ['base64 of another format', Buffer.from('page:2').toString('base64url')],
  ['a negative offset', Buffer.from('offset:-5').toString('base64url')],
  ['a cursor-shaped offset too large to slice', encodeCursor(2 ** 31)],
  ['SQL in a cursor', "' OR 1=1 --"],
];

describe('bad input over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** Runs an operation expected to fail: never a 500, and returns the error codes and arguments. */
  async function failing(query: string, variables: Record<string, unknown> = {}) {
    const { status, body } = await server.graphql(query, variables);
    expect(status).toBeLessThan(500);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain('INTERNAL_SERVER_ERROR');
    return { status, body, codes: body.errors.map((e: Json) => e.extensions.code), error: body.errors[0] };
  }

  it('a subscription over HTTP, served over the WebSocket only, is a validation error (400), not a 500', async () => {
    const { status, codes, error } = await failing('subscription { studyChanged { summary } }');
    expect(status).toBe(400);
    expect(codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(error.message).toMatch(/^Subscriptions are served over the WebSocket of \/graphql/);
  });

  it('a document of several operations without operationName, or naming none of them, is a request error, not a 500', async () => {
    const two = 'query A { study(id: "netter-1") { id } } query B { study(id: "promid") { id } }';
    expect((await failing(two)).codes).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    const named = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: two, operationName: 'C' }),
    });
    expect(named.status).toBe(400);
    expect(await named.text()).not.toContain('INTERNAL_SERVER_ERROR');
  });

  describe('unknown keys', () => {
    it.each(['study', 'condition', 'intervention'])(
      '%s(id) of an unknown key is null, without an error',
      async (field) => {
        const { status, body } = await server.graphql(`query Q($id: ID!) { ${field}(id: $id) { id } }`, {
          id: 'no-such-key',
        });
        expect(status).toBe(200);
        expect(body).toMatchObject({ data: { [field]: null } });
        expect(body.errors).toBeUndefined();
      },
    );

    it.each([
      ['relatedStudies', 'relatedStudies(id: $id) { score }', 'id'],
      ['compareOutcome', 'compareOutcome(outcomeConcept: $id) { totalCount }', 'outcomeConcept'],
      ['predictorEvidence', 'predictorEvidence(predictor: $id) { studyCount }', 'predictor'],
    ])('%s of an unknown key is NOT_FOUND, naming the argument and the key', async (_field, selection, argument) => {
      const { status, body, codes, error } = await failing(`query Q($id: ID!) { ${selection} }`, { id: 'no-such-key' });
      expect(status).toBe(200);
      expect(codes).toEqual(['NOT_FOUND']);
      expect(error.extensions.argument).toBe(argument);
      expect(error.message).toContain('"no-such-key"');
      expect(body.data).toBeNull();
    });

    it('an unknown key in a nested path gives null, not an error', async () => {
      const { body } = await server.graphql(
        `{ a: study(id: "nope") { arms { id } } b: condition(id: "nope") { studies { totalCount } } }`,
      );
      expect(body).toEqual(expect.objectContaining({ data: { a: null, b: null } }));
      expect(body.errors).toBeUndefined();
    });
  });

  describe('page sizes', () => {
    for (const field of PAGED) {
      it.each([0, -1, -1000, 101])(`${field.name} with first = %p is BAD_USER_INPUT naming "first"`, async (first) => {
        const { codes, error } = await failing(field.query, { first });
        expect(codes).toEqual(['BAD_USER_INPUT']);
        expect(error.extensions.argument).toBe('first');
        expect(error.message).toMatch(/"first"/);
        expect(error.message).toMatch(/between 1 and 100/);
      });
    }

    it('refuses a huge first before running anything (the request cost limit may answer first)', async () => {
      for (const field of PAGED) {
        const { codes } = await failing(field.query, { first: 100_000 });
        expect(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX']).toContain(codes[0]);
      }
    });

    it('accepts the bounds 1 and 100', async () => {
      for (const field of PAGED.filter((f) => !f.name.includes('.'))) {
        for (const first of [1, 100]) {
          const { status, body } = await server.graphql(field.query, { first });
          expect({ field: field.name, first, status, errors: body.errors }).toEqual({
            field: field.name,
            first,
            status: 200,
            errors: undefined,
          });
        }
      }
    });

    it('refuses a first that is not an Int as BAD_USER_INPUT, without running anything', async () => {
      for (const first of ['ten', 1.5, 2 ** 31]) {
        const { codes } = await failing(PAGED[0].query, { first });
        expect(codes).toEqual(['BAD_USER_INPUT']);
      }
    });
  });

  describe('cursors', () => {
    for (const field of PAGED.filter((f) => f.connection)) {
      it.each(MALFORMED_CURSORS)(
        `${field.name} with a cursor that is %s is BAD_USER_INPUT naming "after"`,
        async (_what, after) => {
          const { codes, error } = await failing(field.query, { first: 5, after });
          expect(codes).toEqual(['BAD_USER_INPUT']);
          expect(error.extensions.argument).toBe('after');
          expect(error.message).toMatch(/"after"/);
        },
      );
    }

    it('accepts a cursor past the end: an empty page', async () => {
      const { body } = await server.graphql(PAGED[0].query.replace('totalCount', 'totalCount edges { cursor }'), {
        first: 5,
        after: encodeCursor(500),
      });
      expect(body.errors).toBeUndefined();
      expect(body.data.studies).toEqual({ totalCount: 9, edges: [] });
    });
  });

  describe('other arguments', () => {
    it('studies: a year range that ends before it starts is BAD_USER_INPUT', async () => {
      const { codes, error } = await failing('{ studies(where: { yearFrom: 2020, yearTo: 2010 }) { totalCount } }');
      expect(codes).toEqual(['BAD_USER_INPUT']);
      expect(error.extensions.argument).toBe('where.yearFrom');
    });

    it('compareOutcome: a time point of zero or less is BAD_USER_INPUT', async () => {
      for (const value of [0, -2]) {
        const { codes, error } = await failing(
          `{ compareOutcome(outcomeConcept: "progression-free-survival", timePoint: { value: ${value}, unit: YEARS }) { totalCount } }`,
        );
        expect(codes).toEqual(['BAD_USER_INPUT']);
        expect(error.extensions.argument).toBe('timePoint.value');
      }
    });

    it('compareOutcome: a huge time point matches nothing, without an error', async () => {
      const { body } = await server.graphql(
        `{ compareOutcome(outcomeConcept: "progression-free-survival", timePoint: { value: 1e308, unit: YEARS }) { totalCount } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.compareOutcome.totalCount).toBe(0);
    });

    it('concept lists: a name filter over 200 characters is BAD_USER_INPUT; hostile text is literal', async () => {
      const { codes, error } = await failing('query Q($t: String) { conditions(nameContains: $t) { totalCount } }', {
        t: 'x'.repeat(201),
      });
      expect(codes).toEqual(['BAD_USER_INPUT']);
      expect(error.extensions.argument).toBe('nameContains');
      for (const t of ['"unbalanced', "') RETURN 1 //", '\u0000', '\\', '*~(AND', '[x TO y]']) {
        const { status, body } = await server.graphql(
          'query Q($t: String) { interventions(nameContains: $t) { totalCount } }',
          { t },
        );
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
      }
    });

    it('an unknown enum value, a missing required argument and an unknown field are client errors', async () => {
      for (const query of [
        '{ studies(sort: { field: COLOUR }) { totalCount } }',
        '{ compareOutcome { totalCount } }',
        '{ study(id: "netter-1") { secret } }',
        '{ studies(where: { phases: [PHASE_9] }) { totalCount } }',
      ]) {
        const { status, body } = await server.graphql(query);
        expect(status).toBe(400);
        expect(body.errors.length).toBeGreaterThan(0);
        expect(JSON.stringify(body)).not.toContain('INTERNAL_SERVER_ERROR');
      }
    });

    it('hostile ids are just unknown keys', async () => {
      for (const id of ['"unbalanced', "x'}) DETACH DELETE n //", '\u0000', '\\', 'x'.repeat(10_000)]) {
        const { status, body } = await server.graphql(
          'query Q($id: ID!) { study(id: $id) { id } condition(id: $id) { id } intervention(id: $id) { id } }',
          { id },
        );
        expect(status).toBe(200);
        expect(body).toMatchObject({ data: { study: null, condition: null, intervention: null } });
        const related = await failing('query Q($id: ID!) { relatedStudies(id: $id) { score } }', { id });
        expect(related.codes).toEqual(['NOT_FOUND']);
      }
      // Still there: nothing was deleted.
      expect((await server.graphql('{ studies { totalCount } }')).body.data.studies.totalCount).toBe(9);
    });
  });
});
