/**
 * GET /feeds/changes.atom: an Atom 1.0 feed (RFC 4287) of the latest changes, with the filter of
 * `changes` as query parameters. Parsed with a real XML parser (fast-xml-parser) and checked for
 * the elements the RFC requires of a feed and of each entry (4.1.1, 4.1.2: id, title, updated; an
 * author; an entry's alternate link, since it has no content of its own… it has), the ids unique
 * and the times RFC 3339. One server in this process on the writers' Neo4j; studies "test-feed-…".
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { useWriteDatabase } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { deleteStudiesUnder, errorsOf, Json, postGraphQL, testPrefix, testStudyDocument } from '../security/helpers';

// This file writes: it works on the writers' Neo4j so that readers see exactly the seeds.
useWriteDatabase();

jest.setTimeout(120_000);

const KEY = 'changes-feed-test-key-0123456789abcdef';
const IMPORT = 'mutation($d: [JSONObject!]!) { importStudies(input: { documents: $d }) { written } }';
const ATOM = 'http://www.w3.org/2005/Atom';
/** RFC 3339 date-time, as Atom's Date constructs require (3.3). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  isArray: (name) => ['entry', 'link', 'category', 'author'].includes(name),
});

/** The text of an element parsed with its attributes (`{ '#text': …, '@type': … }`) or alone. */
const text = (value: Json): string => (typeof value === 'object' && value !== null ? value['#text'] : String(value));

describe('GET /feeds/changes.atom', () => {
  let server: TestServer;
  const prefix = testPrefix('feed');
  const ids = [`${prefix}-a`, `${prefix}-b`];

  async function feed(query: string) {
    const res = await fetch(`${server.url}/feeds/changes.atom${query}`);
    const body = await res.text();
    return { res, body };
  }

  /** Checks the RFC's required elements; returns the feed element. */
  function checkAtom(body: string): Json {
    expect(XMLValidator.validate(body)).toBe(true);
    const { feed: f } = parser.parse(body);
    expect(f['@xmlns']).toBe(ATOM);
    for (const required of ['id', 'title', 'updated']) expect(text(f[required])).toBeTruthy();
    expect(text(f.updated)).toMatch(RFC3339);
    expect(f.author[0].name).toBeTruthy();
    expect(f.link.find((l: Json) => l['@rel'] === 'self')['@href']).toMatch(/^http:\/\/.*\/feeds\/changes\.atom/);
    const entries: Json[] = f.entry ?? [];
    for (const entry of entries) {
      for (const required of ['id', 'title', 'updated']) expect(text(entry[required])).toBeTruthy();
      expect(text(entry.updated)).toMatch(RFC3339);
      expect(new URL(text(entry.id)).protocol).toBe('tag:');
      // 4.1.2: an entry without content must have an alternate link; these have both.
      expect(entry.content['@type']).toBe('text');
      expect(entry.link.filter((l: Json) => (l['@rel'] ?? 'alternate') === 'alternate')).toHaveLength(1);
    }
    expect(new Set(entries.map((e) => text(e.id))).size).toBe(entries.length);
    return f;
  }

  beforeAll(async () => {
    server = await startTestServer({ apiKey: KEY });
    for (const id of ids) {
      const res = await postGraphQL(
        server.url,
        IMPORT,
        { d: [testStudyDocument(id, ' <&> "quoted"')] },
        {
          authorization: `Bearer ${KEY}`,
        },
      );
      expect(errorsOf(res.json)).toEqual([]);
    }
    const edited = testStudyDocument(ids[0], ' (edited)');
    edited.study.status = 'COMPLETED';
    const res = await postGraphQL(server.url, IMPORT, { d: [edited] }, { authorization: `Bearer ${KEY}` });
    expect(errorsOf(res.json)).toEqual([]);
  });

  afterAll(async () => {
    if (server) {
      await deleteStudiesUnder(server.db, prefix);
      await server.close();
    }
  });

  it("is an Atom 1.0 feed of the filter's latest changes, newest first, linking to the explorer", async () => {
    const { res, body } = await feed(`?studyIds=${ids.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const f = checkAtom(body);
    const entries: Json[] = f.entry;
    expect(entries.map((e) => e.category.map((c: Json) => c['@term']))).toEqual([
      ['STATUS_CHANGED', 'CURATED_EDIT'],
      ['NEW_STUDY'],
      ['NEW_STUDY'],
    ]);
    // The titles keep the characters XML escapes.
    expect(text(entries[2].title)).toContain('<&> "quoted"');
    const alternate = entries[0].link.find((l: Json) => l['@rel'] === 'alternate')['@href'];
    expect(alternate).toBe(`${server.url}/explore?study=${ids[0]}`);
    expect(text(entries[0].updated) >= text(entries[1].updated)).toBe(true);
    expect(text(f.updated)).toBe(text(entries[0].updated));
  });

  it('takes relatedTo, kinds and the concept filters, and holds at most the latest 50', async () => {
    const related = checkAtom((await feed(`?relatedTo=${ids[0]}&kinds=NEW_STUDY`)).body);
    const studies = (related.entry ?? []).map((e: Json) =>
      text(e.link.find((l: Json) => l['@rel'] === 'alternate')['@href']),
    );
    expect(studies).toContain(`${server.url}/explore?study=${ids[0]}`);
    expect(text(related.title)).toMatch(/related to/);
    expect(related.link.find((l: Json) => l['@rel'] === 'alternate')['@href']).toBe(
      `${server.url}/explore?study=${ids[0]}`,
    );
    const all = checkAtom((await feed('?conditionIds=lung-net')).body);
    expect(all.entry.length).toBeGreaterThan(0);
    expect(all.entry.length).toBeLessThanOrEqual(50);
    const none = checkAtom((await feed(`?studyIds=${prefix}-none`)).body);
    expect(none.entry).toBeUndefined();
  });

  it('refuses an unknown or malformed parameter with 400 BAD_USER_INPUT, another method with 405', async () => {
    for (const query of ['?study=x', '?kinds=NOPE', '?relatedTo=', '?relatedTo=a&relatedTo=b', '?after=abc']) {
      const { res, body } = await feed(query);
      expect(res.status).toBe(400);
      expect(JSON.parse(body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    const post = await fetch(`${server.url}/feeds/changes.atom`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});
