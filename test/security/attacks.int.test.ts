/**
 * Hostile requests against the real HTTP server over the seeded Neo4j. Every case of the table
 * runs against a server in production mode with an API key, and checks:
 *   - the HTTP status and the `extensions.code` of every error (null: no error at all);
 *   - the request id: in the `x-request-id` header and in `extensions.requestId` of every error;
 *   - no leak: no stack trace, no file path, no Cypher text in the response;
 *   - the seeded graph is unchanged (node and relationship counts outside test keys: other test
 *     files write test studies at the same time, so whole-graph counts would move under us);
 *   - a normal query still answers afterwards: { study(id: "promid") { acronym } } → "PROMID".
 */
import http from 'node:http';
import { Executor } from '../../src/db/executor';
import { loadConfig, REPO_ROOT } from '../../src/config';
import { createApp } from '../../src/server';
import { connectTestDb, TestDb } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import {
  errorsOf,
  Json,
  postGraphQL,
  RawResponse,
  request,
  seededCounts,
  testPrefix,
  testStudyDocument,
} from './helpers';

const KEY = 'security-suite-key-0123456789abcdef';
/** Keys of the test studies this file tries to write; none may exist afterwards. */
const PREFIX = testPrefix('sec');

/** Nothing under PREFIX was written. */
async function nothingWritten(db: TestDb) {
  const [{ n }] = await db.query<{ n: number }>(
    `MATCH (n) WHERE coalesce(n.id, '') STARTS WITH $prefix OR coalesce(n.studyId, '') STARTS WITH $prefix RETURN count(n) AS n`,
    { prefix: PREFIX },
  );
  expect(n).toBe(0);
}
const PROMID = '{ study(id: "promid") { acronym } }';

interface Case {
  name: string;
  send(url: string): Promise<RawResponse>;
  status: number;
  /** The code of every error; null when the response must hold no error. */
  code: string | null;
  check?(res: RawResponse, db: TestDb): void | Promise<void>;
  /** Client text the response may repeat (an id in a NOT_FOUND message): not a leak. */
  echoes?: string[];
}

const json =
  (body: unknown, headers: Record<string, string> = {}) =>
  (url: string) =>
    request(`${url}/graphql`, {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
const op = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  json({ query, variables }, headers);
const withKey = { authorization: `Bearer ${KEY}` };

/** `study { arms { study { arms ... } } }`: depth 2 + 2 × levels. */
const nested = (levels: number) => {
  let selection = 'id';
  for (let i = 0; i < levels; i += 1) selection = `arms { study { ${selection} } }`;
  return `{ study(id: "promid") { ${selection} } }`;
};

/** Fragment F<n> spreads F<n-1> `width` times: width^n copies of F0 once expanded. */
const fragmentBomb = (levels: number, width: number) => {
  const fragments = ['fragment F0 on Study { acronym title }'];
  for (let i = 1; i <= levels; i += 1)
    fragments.push(
      `fragment F${i} on Study { ${Array(width)
        .fill(`...F${i - 1}`)
        .join(' ')} }`,
    );
  return `{ study(id: "promid") { ...F${levels} } } ${fragments.join(' ')}`;
};

/** A body of `bytes` bytes sent with Transfer-Encoding: chunked (no Content-Length), in 8 KB chunks. */
function chunkedPost(url: string, bytes: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
          resolve({ status: res.statusCode!, headers, text, json: JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    const padding = JSON.stringify({ query: PROMID, variables: { pad: '' } });
    const body = padding.replace('"pad":""', `"pad":"${'x'.repeat(bytes - padding.length)}"`);
    for (let i = 0; i < body.length; i += 8192) req.write(body.slice(i, i + 8192));
    req.end();
  });
}

const INJECTIONS = ['"}) MATCH (n) DETACH DELETE n //', "' OR 1=1 //", '\u0000'];
const injectionName = (p: string) => JSON.stringify(p);

/** Every string argument of the API, with what an unknown value gives there. */
const INJECTION_TARGETS: {
  arg: string;
  query: string;
  variable: string;
  type: string;
  /** The code for each payload (a function when it depends on it). */
  code: string | null | ((payload: string) => string | null);
  check?: (data: Json) => void;
  key?: boolean;
}[] = [
  {
    arg: 'study(id)',
    query: 'study(id: $v) { id }',
    variable: 'v',
    type: 'ID!',
    code: null,
    check: (d) => expect(d.study).toBeNull(),
  },
  {
    arg: 'condition(id)',
    query: 'condition(id: $v) { id }',
    variable: 'v',
    type: 'ID!',
    code: null,
    check: (d) => expect(d.condition).toBeNull(),
  },
  {
    arg: 'intervention(id)',
    query: 'intervention(id: $v) { id }',
    variable: 'v',
    type: 'ID!',
    code: null,
    check: (d) => expect(d.intervention).toBeNull(),
  },
  {
    arg: 'studies(where.registryId)',
    query: 'studies(where: { registryId: $v }) { totalCount }',
    variable: 'v',
    type: 'String',
    code: null,
    check: (d) => expect(d.studies.totalCount).toBe(0),
  },
  {
    arg: 'studies(where.conditionIds)',
    query: 'studies(where: { conditionIds: [$v] }) { totalCount }',
    variable: 'v',
    type: 'ID!',
    code: null,
    check: (d) => expect(d.studies.totalCount).toBe(0),
  },
  {
    arg: 'conditions(nameContains)',
    query: 'conditions(nameContains: $v) { totalCount }',
    variable: 'v',
    type: 'String',
    code: null,
    check: (d) => expect(d.conditions.totalCount).toBe(0),
  },
  {
    arg: 'interventions(nameContains)',
    query: 'interventions(nameContains: $v) { totalCount }',
    variable: 'v',
    type: 'String',
    code: null,
    check: (d) => expect(d.interventions.totalCount).toBe(0),
  },
  {
    arg: 'predictors(nameContains)',
    query: 'predictors(nameContains: $v) { totalCount }',
    variable: 'v',
    type: 'String',
    code: null,
    check: (d) => expect(d.predictors.totalCount).toBe(0),
  },
  {
    arg: 'outcomeConcepts(nameContains)',
    query: 'outcomeConcepts(nameContains: $v) { totalCount }',
    variable: 'v',
    type: 'String',
    code: null,
    check: (d) => expect(d.outcomeConcepts.totalCount).toBe(0),
  },
  {
    arg: 'search(query)',
    query: 'search(query: $v) { kind }',
    variable: 'v',
    type: 'String!',
    // Words in the text are searched as plain words; a text without any (a NUL) is refused.
    code: (payload) => (/[a-z0-9]/i.test(payload) ? null : 'BAD_USER_INPUT'),
    check: (d) => expect(d === null || Array.isArray(d.search)).toBe(true),
  },
  {
    arg: 'studies(after) cursor',
    query: 'studies(after: $v) { totalCount }',
    variable: 'v',
    type: 'String',
    code: 'BAD_USER_INPUT',
  },
  {
    arg: 'conditions(after) cursor',
    query: 'conditions(after: $v) { totalCount }',
    variable: 'v',
    type: 'String',
    code: 'BAD_USER_INPUT',
  },
  {
    arg: 'relatedStudies(id)',
    query: 'relatedStudies(id: $v) { score }',
    variable: 'v',
    type: 'ID!',
    code: 'NOT_FOUND',
  },
  {
    arg: 'compareOutcome(outcomeConcept)',
    query: 'compareOutcome(outcomeConcept: $v) { totalCount }',
    variable: 'v',
    type: 'ID!',
    code: 'NOT_FOUND',
  },
  {
    arg: 'predictorEvidence(predictor)',
    query: 'predictorEvidence(predictor: $v) { __typename }',
    variable: 'v',
    type: 'ID!',
    code: 'NOT_FOUND',
  },
  {
    arg: 'deleteStudy(id) with the right key',
    query: 'deleteStudy(id: $v) { deleted }',
    variable: 'v',
    type: 'ID!',
    code: 'NOT_FOUND',
    key: true,
  },
];

const injectionCases: Case[] = INJECTIONS.flatMap((payload) =>
  INJECTION_TARGETS.map((t) => ({
    name: `injection ${injectionName(payload)} in ${t.arg}`,
    send: op(
      `${t.key ? 'mutation' : 'query'}($${t.variable}: ${t.type}) { ${t.query} }`,
      { [t.variable]: payload },
      t.key ? withKey : {},
    ),
    status: 200,
    code: typeof t.code === 'function' ? t.code(payload) : t.code,
    echoes: [payload],
    check: t.check ? (res: RawResponse) => t.check!(res.json.data) : undefined,
  })),
);

const SEARCH =
  'query($q: String!) { search(query: $q, first: 10) { kind score node { ... on Intervention { id } ... on Study { id } } } }';
const searchCase = (name: string, q: string, code: string | null, check?: (hits: Json[]) => void): Case => ({
  name: `full-text syntax in search: ${name}`,
  send: op(SEARCH, { q }),
  status: 200,
  code,
  echoes: [q],
  check: check ? (res) => check(res.json.data.search) : undefined,
});
const foundOctreotide = (hits: Json[]) => expect(hits.map((h) => h.node.id)).toContain('octreotide-lar');

const cases: Case[] = [
  // --- Shape limits ---------------------------------------------------------------------------
  {
    name: 'deep recursion: depth 14 (study → arms → study …) is QUERY_TOO_DEEP',
    send: op(nested(6)),
    status: 400,
    code: 'QUERY_TOO_DEEP',
  },
  {
    name: 'deep recursion hidden in nested fragments is QUERY_TOO_DEEP',
    send: op(
      `{ study(id: "promid") { ...A } } fragment A on Study { arms { study { ...B } } } fragment B on Study { arms { study { ...C } } }
       fragment C on Study { arms { study { ...D } } } fragment D on Study { arms { study { ...E } } } fragment E on Study { arms { study { id } } }`,
    ),
    status: 400,
    code: 'QUERY_TOO_DEEP',
  },
  { name: 'depth 10 is allowed (control)', send: op(nested(4)), status: 200, code: null },
  {
    name: 'alias overload: 31 aliased study lookups is TOO_MANY_ALIASES',
    send: op(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: study(id: "promid") { acronym }`).join(' ')} }`),
    status: 400,
    code: 'TOO_MANY_ALIASES',
  },
  {
    name: 'alias overload inside a fragment spread twice is TOO_MANY_ALIASES',
    send: op(
      `{ s1: study(id: "promid") { ...X } s2: study(id: "clarinet") { ...X } } fragment X on Study { ${Array.from({ length: 15 }, (_, i) => `f${i}: acronym`).join(' ')} }`,
    ),
    status: 400,
    code: 'TOO_MANY_ALIASES',
  },
  {
    name: 'fragment cycle A → B → A is refused by validation',
    send: op(
      '{ study(id: "promid") { ...A } } fragment A on Study { arms { study { ...B } } } fragment B on Study { ...A }',
    ),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'fragment spreading itself is refused by validation',
    send: op('{ study(id: "promid") { ...A } } fragment A on Study { acronym ...A }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'fragment bomb: 2^20 expansions (20 levels × 2 spreads) is QUERY_TOO_COMPLEX, answered fast',
    send: async (url) => {
      const started = Date.now();
      const res = await op(fragmentBomb(20, 2))(url);
      expect(Date.now() - started).toBeLessThan(5000);
      return res;
    },
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'fragment bomb: 10^8 expansions (8 levels × 10 spreads) is QUERY_TOO_COMPLEX',
    send: op(fragmentBomb(8, 10)),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'field duplication: 1,700 × __typename is refused by validation (overlap budget of graphql-js)',
    send: op(`{ ${'__typename '.repeat(1700)}}`),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  // --- first -----------------------------------------------------------------------------------
  {
    name: 'huge first: 101 is BAD_USER_INPUT',
    send: op('{ studies(first: 101) { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: (r) => expect(r.json.data).toBeNull(),
  },
  {
    name: 'huge first: 1e9 is QUERY_TOO_COMPLEX before any Cypher',
    send: op('{ studies(first: 1000000000) { edges { node { id } } } }'),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'huge first: 1e9 through a variable is QUERY_TOO_COMPLEX',
    send: op('query($n: Int!) { studies(first: $n) { edges { node { id } } } }', { n: 1e9 }),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'huge first: 2^31 (beyond Int) is BAD_USER_INPUT',
    send: op('{ studies(first: 2147483648) { totalCount } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'negative first: -1 is BAD_USER_INPUT',
    send: op('{ studies(first: -1) { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'first: 0 on search is BAD_USER_INPUT',
    send: op('{ search(query: "octreotide", first: 0) { kind } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  // --- Sizes -----------------------------------------------------------------------------------
  {
    name: 'oversized body: 150 KB with Content-Length is 413 PAYLOAD_TOO_LARGE',
    send: op(PROMID, { pad: 'x'.repeat(150 * 1024) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'oversized body: 150 KB chunked (no Content-Length) is 413 PAYLOAD_TOO_LARGE',
    send: (url) => chunkedPost(url, 150 * 1024),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'body of 99 KB is accepted (control)',
    send: op(PROMID, { pad: 'x'.repeat(99 * 1024) }),
    status: 200,
    code: null,
  },
  {
    name: 'oversized query text: 20,001 characters is QUERY_TOO_LONG',
    send: op(`${PROMID}${' '.repeat(20_001 - PROMID.length)}`),
    status: 400,
    code: 'QUERY_TOO_LONG',
  },
  {
    name: 'oversized query text in the second operation of a batch is QUERY_TOO_LONG',
    send: json([{ query: PROMID }, { query: `${PROMID}${'#'.repeat(25_000)}` }]),
    status: 400,
    code: 'QUERY_TOO_LONG',
  },
  {
    name: 'too many tokens: 5,001 in 10 KB is TOO_MANY_TOKENS',
    send: op(`{ ${'a '.repeat(5001)}}`),
    status: 400,
    code: 'TOO_MANY_TOKENS',
  },
  {
    name: 'too many directives: 51 × @include is TOO_MANY_DIRECTIVES',
    send: op(`{ study(id: "promid") { ${'acronym @include(if: true) '.repeat(51)}} }`),
    status: 400,
    code: 'TOO_MANY_DIRECTIVES',
  },
  {
    name: 'query cost above 500,000 nodes (100 studies × outcomes × measurements × evidence × publications × studies) is QUERY_TOO_COMPLEX',
    send: op(
      '{ studies(first: 100) { edges { node { outcomes { measurements { evidence { document { publication { studies { id } } } } } } } } } }',
    ),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    check: (r) => expect(r.json.errors[0].extensions.cost).toBeGreaterThan(500_000),
  },
  // --- Protocol --------------------------------------------------------------------------------
  {
    name: 'malformed JSON is 400 BAD_REQUEST',
    send: (url) =>
      request(`${url}/graphql`, {
        headers: { 'content-type': 'application/json' },
        body: '{"query": "{ __typename }"',
      }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'JSON body null is 400 BAD_REQUEST',
    send: (url) => request(`${url}/graphql`, { headers: { 'content-type': 'application/json' }, body: 'null' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'query that is not a string is 400 BAD_REQUEST', send: json({ query: 5 }), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'syntax error is 400 GRAPHQL_PARSE_FAILED',
    send: op('{ study(id: "promid") { acronym '),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'wrong Content-Type: text/plain is 415 UNSUPPORTED_MEDIA_TYPE',
    send: (url) =>
      request(`${url}/graphql`, { headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: PROMID }) }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'wrong Content-Type: form-urlencoded is 415 UNSUPPORTED_MEDIA_TYPE',
    send: (url) =>
      request(`${url}/graphql`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `query=${encodeURIComponent(PROMID)}`,
      }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'wrong variable type: an object for ID! is BAD_USER_INPUT',
    send: op('query($id: ID!) { study(id: $id) { acronym } }', { id: { $ne: null } }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'wrong variable type: "ten" for Int! is BAD_USER_INPUT',
    send: op('query($n: Int!) { studies(first: $n) { totalCount } }', { n: 'ten' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'wrong variable type: unknown enum value in an input object is BAD_USER_INPUT',
    send: op('query($w: StudyWhere) { studies(where: $w) { totalCount } }', { w: { phases: ['PHASE_99'] } }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'missing required variable is BAD_USER_INPUT',
    send: op('query($id: ID!) { study(id: $id) { acronym } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'batch of 11 operations is refused: BATCH_TOO_LARGE',
    send: json(Array.from({ length: 11 }, () => ({ query: PROMID }))),
    status: 400,
    code: 'BATCH_TOO_LARGE',
  },
  {
    name: 'batch of 2 operations is allowed',
    send: json([{ query: PROMID }, { query: '{ study(id: "clarinet") { acronym } }' }]),
    status: 200,
    code: null,
    check: (r) => expect(r.json.map((x: Json) => x.data.study.acronym)).toEqual(['PROMID', 'CLARINET']),
  },
  { name: 'empty batch is refused: BATCH_TOO_LARGE', send: json([]), status: 400, code: 'BATCH_TOO_LARGE' },
  {
    name: 'GET with a query and no CSRF header is refused by CSRF prevention',
    send: (url) => request(`${url}/graphql?query=${encodeURIComponent(PROMID)}`, { method: 'GET' }),
    status: 400,
    code: 'BAD_REQUEST',
    check: (r) => expect(r.json.errors[0].message).toMatch(/Cross-Site Request Forgery/),
  },
  {
    name: 'GET with a query and apollo-require-preflight is answered (control)',
    send: (url) =>
      request(`${url}/graphql?query=${encodeURIComponent(PROMID)}`, {
        method: 'GET',
        headers: { 'apollo-require-preflight': 'true' },
      }),
    status: 200,
    code: null,
    check: (r) => expect(r.json.data.study.acronym).toBe('PROMID'),
  },
  {
    name: 'mutation over GET is 405',
    send: (url) =>
      request(`${url}/graphql?query=${encodeURIComponent('mutation { deleteStudy(id: "promid") { deleted } }')}`, {
        method: 'GET',
        headers: { 'apollo-require-preflight': 'true', ...withKey },
      }),
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'PUT /graphql is 405 METHOD_NOT_ALLOWED',
    send: (url) =>
      request(`${url}/graphql`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
  },
  {
    name: 'unknown path is 404',
    send: (url) => request(`${url}/admin/../../etc/passwd`, { method: 'GET' }),
    status: 404,
    code: null,
    check: (r) => expect(r.json.error).toBe('not found'),
  },
  {
    name: "request id: the client's x-request-id comes back in the header and in the error",
    send: op('{ nope }', {}, { 'x-request-id': 'client-req.42' }),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    check: (r) => {
      expect(r.headers.get('x-request-id')).toBe('client-req.42');
      expect(r.json.errors[0].extensions.requestId).toBe('client-req.42');
    },
  },
  {
    name: 'request id: a hostile x-request-id (quotes, 100 characters) is replaced by a UUID',
    send: op('{ nope }', {}, { 'x-request-id': `"><script>${'a'.repeat(90)}` }),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    check: (r) =>
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  },
  // --- Cypher injection in every string argument -------------------------------------------------
  ...injectionCases,
  // --- Full-text syntax in search -----------------------------------------------------------------
  searchCase('unbalanced quote "octreotide', '"octreotide', null, foundOctreotide),
  searchCase('*~(AND', '*~(AND', null, (hits) => expect(hits).toEqual([])),
  searchCase('a 10,000-character term', 'o'.repeat(10_000), 'BAD_USER_INPUT'),
  searchCase('NUL bytes around a word', '\u0000octreotide\u0000', null, foundOctreotide),
  searchCase('only NUL bytes', '\u0000\u0000\u0000', 'BAD_USER_INPUT'),
  searchCase('range [x TO y]', '[x TO y]', null, (hits) => expect(Array.isArray(hits)).toBe(true)),
  searchCase('a lone backslash \\', '\\', 'BAD_USER_INPUT'),
  searchCase('field, regex and boost syntax: title:octreotide /.*/ a^2', 'title:octreotide /.*/ a^2', null, (hits) =>
    expect(Array.isArray(hits)).toBe(true),
  ),
  searchCase('operators AND OR NOT with a word', 'AND octreotide OR NOT', null, foundOctreotide),
  // --- Writes ----------------------------------------------------------------------------------------
  {
    name: 'importStudies without a key is UNAUTHENTICATED and writes nothing',
    send: op('mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }', {
      d: [testStudyDocument(`${PREFIX}-nokey`)],
    }),
    status: 200,
    code: 'UNAUTHENTICATED',
    check: (_res, db) => nothingWritten(db),
  },
  {
    name: 'importStudies with a wrong key is UNAUTHENTICATED and writes nothing',
    send: op(
      'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }',
      { d: [testStudyDocument(`${PREFIX}-wrongkey`)] },
      { authorization: 'Bearer not-the-key-0123456789' },
    ),
    status: 200,
    code: 'UNAUTHENTICATED',
    check: (_res, db) => nothingWritten(db),
  },
  {
    name: 'deleteStudy("promid") without a key is UNAUTHENTICATED',
    send: op('mutation { deleteStudy(id: "promid") { deleted } }'),
    status: 200,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'deleteStudy("promid") with a wrong key is UNAUTHENTICATED',
    send: op('mutation { deleteStudy(id: "promid") { deleted } }', {}, { authorization: `Bearer ${KEY}x` }),
    status: 200,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'deleteStudy with a prefix of the right key is UNAUTHENTICATED',
    send: op('mutation { deleteStudy(id: "promid") { deleted } }', {}, { authorization: `Bearer ${KEY.slice(0, -1)}` }),
    status: 200,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'deleteStudy with the right key under the Basic scheme is UNAUTHENTICATED',
    send: op('mutation { deleteStudy(id: "promid") { deleted } }', {}, { authorization: `Basic ${KEY}` }),
    status: 200,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'deleteStudy with the right key in another header (x-api-key) is UNAUTHENTICATED',
    send: op('mutation { deleteStudy(id: "promid") { deleted } }', {}, { 'x-api-key': KEY }),
    status: 200,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'invalid import with the right key is REJECTED and writes nothing',
    send: (() => {
      const bad = testStudyDocument(`${PREFIX}-invalid`);
      bad.outcomes[0].measurements[0].arm = 'no-such-arm';
      return op(
        'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { status studyId issues { rule path } } } }',
        { d: [bad] },
        withKey,
      );
    })(),
    status: 200,
    code: null,
    check: async (r, db) => {
      const payload = r.json.data.importStudies;
      expect(payload.written).toBe(false);
      expect(payload.results[0].status).toBe('REJECTED');
      expect(payload.results[0].issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: 'unknown-arm', path: '$.outcomes[0].measurements[0].arm' }),
        ]),
      );
      await nothingWritten(db);
    },
  },
  {
    name: 'import of a valid study beside an invalid one with the right key writes neither (NOT_WRITTEN, REJECTED)',
    send: (() => {
      const good = testStudyDocument(`${PREFIX}-good`);
      const bad = testStudyDocument(`${PREFIX}-unknown-concept`);
      bad.outcomes[0].concept = 'no-such-outcome-concept';
      return op(
        'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { status issues { rule } } } }',
        { d: [good, bad] },
        withKey,
      );
    })(),
    status: 200,
    code: null,
    check: async (r, db) => {
      expect(r.json.data.importStudies.written).toBe(false);
      expect(r.json.data.importStudies.results.map((x: Json) => x.status)).toEqual(['NOT_WRITTEN', 'REJECTED']);
      expect(r.json.data.importStudies.results[1].issues.map((i: Json) => i.rule)).toContain('unknown-concept');
      await nothingWritten(db);
    },
  },
  {
    name: 'import with Cypher-injection text as the study key (right key) is REJECTED',
    send: (() => {
      const doc = testStudyDocument(`${PREFIX}-inject`);
      doc.study.id = INJECTIONS[0];
      return op(
        'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written results { status issues { path rule } } } }',
        { d: [doc] },
        withKey,
      );
    })(),
    status: 200,
    code: null,
    echoes: [INJECTIONS[0]],
    check: async (r, db) => {
      expect(r.json.data.importStudies.written).toBe(false);
      expect(r.json.data.importStudies.results[0].issues).toEqual(
        expect.arrayContaining([{ path: '$.study.id', rule: 'schema.invalid_string' }]),
      );
      await nothingWritten(db);
    },
  },
];

/** What must never reach a client in production: stack traces, file paths, Cypher text. */
function expectNoLeak(text: string, echoes: string[] = []) {
  let scrubbed = text;
  for (const echo of echoes) scrubbed = scrubbed.split(JSON.stringify(echo).slice(1, -1)).join('');
  expect(scrubbed).not.toMatch(/stacktrace/i);
  expect(scrubbed).not.toContain(REPO_ROOT);
  expect(scrubbed).not.toMatch(/\/work\/|node_modules|\.ts:\d+|\.js:\d+/);
  expect(scrubbed).not.toMatch(
    /\b(MATCH|MERGE|UNWIND|DETACH DELETE|OPTIONAL MATCH)\b\s*\(|\bRETURN\s+\w+\s+AS\b|Neo4jError|Neo\.ClientError/,
  );
}

function expectCodes(res: RawResponse, code: string | null) {
  const errors = errorsOf(res.json);
  if (code === null) {
    expect(errors).toEqual([]);
    return;
  }
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(error.extensions?.code).toBe(code);
}

function expectRequestId(res: RawResponse) {
  const requestId = res.headers.get('x-request-id');
  expect(requestId).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  for (const error of errorsOf(res.json)) expect(error.extensions.requestId).toBe(requestId);
}

async function expectPromid(url: string) {
  const res = await postGraphQL(url, PROMID);
  expect(res.status).toBe(200);
  expect(res.json.data.study.acronym).toBe('PROMID');
}

describe('security: hostile requests against a production-mode server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ nodeEnv: 'production', apiKey: KEY });
  });
  afterAll(() => server?.close());

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await seededCounts(server.db);
    const res = await c.send(server.url);
    expect({ status: res.status, body: res.text.slice(0, 400) }).toEqual({
      status: c.status,
      body: expect.any(String),
    });
    expectCodes(res, c.code);
    expectRequestId(res);
    expectNoLeak(res.text, c.echoes);
    await c.check?.(res, server.db);
    expect(await seededCounts(server.db)).toEqual(before);
    await expectPromid(server.url);
  });
});

describe('security: server variants', () => {
  it('introspection is on by default', async () => {
    const server = await startTestServer();
    try {
      const res = await postGraphQL(server.url, '{ __schema { queryType { name } mutationType { name } } }');
      expect(res.status).toBe(200);
      expect(res.json.data.__schema).toEqual({ queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } });
      await expectPromid(server.url);
    } finally {
      await server.close();
    }
  });

  it('introspection is off with introspection: false (GRAPHQL_VALIDATION_FAILED), queries still work', async () => {
    const server = await startTestServer({ introspection: false, nodeEnv: 'production' });
    try {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Study") { fields { name } } }']) {
        const res = await postGraphQL(server.url, query);
        expect(res.status).toBe(400);
        expectCodes(res, 'GRAPHQL_VALIDATION_FAILED');
        expect(res.json.errors[0].message).toMatch(/introspection is not allowed/i);
        expectRequestId(res);
        expectNoLeak(res.text);
      }
      await expectPromid(server.url);
    } finally {
      await server.close();
    }
  });

  it('mutations with no key configured on the server are FORBIDDEN, even with a Bearer key', async () => {
    const server = await startTestServer({ apiKey: null, nodeEnv: 'production' });
    try {
      const before = await seededCounts(server.db);
      const id = `${PREFIX}-forbidden`;
      const attempts = [
        postGraphQL(
          server.url,
          'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }',
          { d: [testStudyDocument(id)] },
        ),
        postGraphQL(
          server.url,
          'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }',
          { d: [testStudyDocument(id)] },
          withKey,
        ),
        postGraphQL(server.url, 'mutation { deleteStudy(id: "promid") { deleted } }'),
        postGraphQL(server.url, 'mutation { deleteStudy(id: "promid") { deleted } }', {}, withKey),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(200);
        expectCodes(res, 'FORBIDDEN');
        expect(res.json.errors[0].message).toMatch(/API_KEY/);
        expectRequestId(res);
        expectNoLeak(res.text);
      }
      expect(await seededCounts(server.db)).toEqual(before);
      expect((await server.db.query('MATCH (s:Study {id: $id}) RETURN s', { id })).length).toBe(0);
      await expectPromid(server.url);
    } finally {
      await server.close();
    }
  });

  /**
   * An internal error forced with a real database: the executor names a database that does not
   * exist, so every read fails inside Neo4j ("Graph not found"). Development shows the details
   * (which proves the checks below can fail); production shows none of them.
   */
  it('production mode leaks no stack trace, file path, Neo4j message or Cypher text of an internal error', async () => {
    const db = connectTestDb();
    const executor = new Executor(db.driver, { database: 'no-such-database', readTimeoutMs: 5000 });
    const start = async (nodeEnv: string) => {
      const app = await createApp({ ...loadConfig({}), nodeEnv }, { executor, notReadyReason: async () => null });
      const httpServer = http.createServer(app.handler);
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(httpServer.address() as { port: number }).port}`;
      return {
        url,
        close: async () => (
          httpServer.closeAllConnections(),
          await new Promise((r) => httpServer.close(r)),
          await app.apollo.stop()
        ),
      };
    };
    const queries = [
      PROMID,
      '{ studies { totalCount } }',
      '{ search(query: "octreotide") { kind } }',
      '{ relatedStudies(id: "promid") { score } }',
    ];
    const dev = await start('development');
    const prod = await start('production');
    try {
      for (const query of queries) {
        const devRes = await postGraphQL(dev.url, query);
        expect(devRes.text).toMatch(/stacktrace/);
        expect(devRes.text).toMatch(/Graph not found/);

        const res = await postGraphQL(prod.url, query);
        expect(res.status).toBe(200);
        expectCodes(res, 'INTERNAL_SERVER_ERROR');
        expect(res.json.errors.map((e: Json) => e.message)).toEqual(res.json.errors.map(() => 'Internal server error'));
        expect(res.text).not.toMatch(/Graph not found|no-such-database/);
        expectRequestId(res);
        expectNoLeak(res.text);
      }
    } finally {
      await dev.close();
      await prod.close();
      await db.close();
    }
  });
});
