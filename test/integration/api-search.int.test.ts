import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { startTestServer, TestServer } from '../support/server';

// `search` over HTTP: it finds what the seed files hold, says which fields matched, and any
// text, however hostile, gives data or BAD_USER_INPUT, never an internal error.

// The machine running the tests may be slow and busy: generous time for each test and hook.
jest.setTimeout(180_000);

type Json = any;
const STUDIES: Json[] = fs
  .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'studies', f), 'utf8')).study);

const SEARCH = `
query S($q: String!, $first: Int) {
  search(query: $q, first: $first) {
    kind score matchedFields
    node {
      __typename
      ... on Study { id acronym title }
      ... on Intervention { id name }
      ... on Condition { id name }
      ... on OutcomeConcept { id name }
      ... on Outcome { id name }
      ... on Predictor { id name }
    }
  }
}`;

describe('search over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function search(q: string, first = 100): Promise<Json[]> {
    const { status, body } = await server.graphql(SEARCH, { q, first });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data.search;
  }
  const hit = (hits: Json[], id: string) => hits.find((h) => h.node.id === id);

  it('finds NETTER-1 and NETTER-2, naming the fields that matched', async () => {
    const hits = await search('NETTER');
    expect(
      hits
        .filter((h) => h.kind === 'Study')
        .map((h) => h.node.id)
        .sort(),
    ).toEqual(['netter-1', 'netter-2']);
    // NETTER-1's title does not say NETTER; NETTER-2's does ("… (NETTER-2): an open-label …").
    expect(hit(hits, 'netter-1')).toMatchObject({
      kind: 'Study',
      matchedFields: ['acronym'],
      node: { __typename: 'Study', acronym: 'NETTER-1' },
    });
    expect(hit(hits, 'netter-2')).toMatchObject({ kind: 'Study', matchedFields: ['title', 'acronym'] });
  });

  it('finds octreotide: the intervention (name and synonyms) and every study whose title names it', async () => {
    const hits = await search('octreotide');
    expect(hit(hits, 'octreotide-lar')).toMatchObject({
      kind: 'Intervention',
      matchedFields: ['name', 'synonyms'],
      node: { __typename: 'Intervention', name: 'Octreotide LAR' },
    });
    const titled = STUDIES.filter((s) => /octreotide/i.test(s.title))
      .map((s) => s.id)
      .sort();
    expect(titled).toEqual(['netter-2', 'promid', 'radiant-2']);
    expect(
      hits
        .filter((h) => h.kind === 'Study')
        .map((h) => h.node.id)
        .sort(),
    ).toEqual(titled);
    for (const id of titled) expect(hit(hits, id).matchedFields).toEqual(['title']);
  });

  it('matches prefixes and synonyms, any case', async () => {
    expect(hit(await search('octreo'), 'octreotide-lar')).toBeDefined();
    expect(hit(await search('cga'), 'serum-chromogranin-a')).toMatchObject({
      kind: 'Predictor',
      matchedFields: ['synonyms'],
    });
    expect(hit(await search('Everolimus'), 'everolimus')).toMatchObject({
      kind: 'Intervention',
      matchedFields: ['name'],
    });
    const pnet = await search('pNET');
    expect(hit(pnet, 'pancreatic-net')).toMatchObject({ kind: 'Condition', matchedFields: ['synonyms'] });
  });

  it('finds outcomes of studies and outcome concepts', async () => {
    const hits = await search('progression');
    expect(hit(hits, 'progression-free-survival')).toMatchObject({ kind: 'OutcomeConcept' });
    expect(hit(hits, 'time-to-progression')).toMatchObject({ kind: 'OutcomeConcept' });
    expect(hit(hits, 'hae-vs-hace-midgut/pfs-2y')).toMatchObject({
      kind: 'Outcome',
      node: { __typename: 'Outcome', name: '2-year progression-free survival rate' },
    });
  });

  it('puts the best hits first and returns at most `first`', async () => {
    const hits = await search('neuroendocrine');
    expect(hits.length).toBeGreaterThan(3);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await search('neuroendocrine', 2)).toEqual(hits.slice(0, 2));
  });

  it('treats operator words and syntax as plain text', async () => {
    // "OR" is the word "or" (the seed's "primary tumor or liver metastases"), not an operator joining nothing.
    const or = await search('OR');
    expect(hit(or, 'previous-resection')).toBeDefined();
    expect(or.length).toBeLessThan((await search('neuroendocrine')).length);
    // Field syntax is not honoured: "title:NETTER" is not a search of titles.
    expect(await search('title:NETTER')).toEqual([]);
    // A wildcard alone searches nothing rather than everything.
    const { body } = await server.graphql(SEARCH, { q: '*' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query' });
  });

  describe('hostile text never causes an internal error', () => {
    const HOSTILE: [string, string][] = [
      ['an unbalanced quote', '"unbalanced'],
      ['wildcards, fuzziness and an open group', '*~(AND'],
      ['a range', '[x TO y]'],
      ['a 10,000-character term', 'x'.repeat(10_000)],
      ['a NUL byte', 'NET\u0000TER'],
      ['a lone NUL byte', '\u0000'],
      ['a lone operator', 'OR'],
      ['operators only', 'AND OR NOT TO'],
      ['backslashes', '\\\\ foo \\'],
      ['a lone backslash', '\\'],
      ['a trailing backslash', 'netter\\'],
      ['every special character', '+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /'],
      ['a regular expression', '/.*/'],
      ['a field query', 'title:x AND acronym:y'],
      ['boosts and fuzziness', 'netter^10 octreotide~2'],
      ['a Cypher injection attempt', "x') RETURN 1 //"],
      [
        'many terms',
        Array.from({ length: 100 }, (_, i) => `t${i}`)
          .join(' ')
          .slice(0, 200),
      ],
      ['only spaces', '     '],
      ['the empty string', ''],
      ['unicode and control characters', '\u2028\u00a0\u0007日本語 ü'],
      ['a lone surrogate', '\ud800'],
    ];

    it.each(HOSTILE)('%s: data or BAD_USER_INPUT', async (_what, q) => {
      const { status, body } = await server.graphql(SEARCH, { q });
      expect(status).toBeLessThan(500);
      if (body.errors) {
        expect(body.errors.map((e: Json) => e.extensions.code)).toEqual(body.errors.map(() => 'BAD_USER_INPUT'));
        expect(body.errors[0].message).toContain('query');
      } else {
        expect(Array.isArray(body.data.search)).toBe(true);
      }
      expect(JSON.stringify(body)).not.toContain('INTERNAL_SERVER_ERROR');
    });

    it('refuses the 10,000-character term as too long, naming the argument', async () => {
      const { body } = await server.graphql(SEARCH, { q: 'x'.repeat(10_000) });
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'query' } });
      expect(body.errors[0].message).toMatch(/at most 200 characters/);
    });

    it('still finds NETTER through a NUL byte or backslashes around it', async () => {
      expect(hit(await search('\u0000NETTER\u0000'), 'netter-1')).toBeDefined();
      expect(hit(await search('\\ NETTER \\'), 'netter-1')).toBeDefined();
    });

    it('accepts hostile text written inline in the query document too', async () => {
      const { status, body } = await server.graphql(
        `{ search(query: "\\"unbalanced *~(AND [x TO y] \\\\ OR") { kind } }`,
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(Array.isArray(body.data.search)).toBe(true);
    });
  });
});
