import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { atomFeed, xmlEscape } from '../../src/changes/change.atom';
import { filterKeys, matches, relatedKeys, sequenceOf } from '../../src/changes/change.filter';
import { kindsOfVersion, versionSummary } from '../../src/changes/change.kinds';

// The pure parts of the change log: kinds and summaries, filters (the in-memory twin of the
// Cypher of a filtered page), cursors, and the Atom writer.

const version = (over: Partial<Parameters<typeof versionSummary>[0]> = {}) => ({
  studyId: 'nct01',
  studyTitle: 'A trial',
  studyAcronym: 'AT-1',
  version: 3,
  versionId: 'nct01/version-3',
  source: 'REGISTRY_SYNC',
  changedBy: 'import:ctgov',
  reason: null,
  syncRun: 'sync-1',
  recordLastUpdated: '2026-01-02',
  changePaths: ['protocolSection.statusModule.overallStatus', 'resultsSection'],
  changeTexts: ['overall status RECRUITING → COMPLETED', 'results first posted'],
  moreChanges: 0,
  ...over,
});

describe('kinds and summaries', () => {
  it('names a first version NEW_STUDY, a registry version NEW_VERSION with RESULTS_POSTED and STATUS_CHANGED', () => {
    expect(kindsOfVersion(version({ version: 1 }))).toEqual(['NEW_STUDY']);
    expect(kindsOfVersion(version())).toEqual(['RESULTS_POSTED', 'STATUS_CHANGED', 'NEW_VERSION']);
    expect(
      kindsOfVersion(version({ source: 'IMPORT_STUDIES', changePaths: ['study.status'], changeTexts: ['x'] })),
    ).toEqual(['STATUS_CHANGED', 'CURATED_EDIT']);
    expect(kindsOfVersion(version({ changePaths: ['a'], changeTexts: ['a changed'] }))).toEqual(['NEW_VERSION']);
  });

  it('summarises the first changes and counts the others', () => {
    const texts = ['one', 'two', 'three', 'four'];
    expect(versionSummary(version({ changeTexts: texts, moreChanges: 2 }), ['NEW_VERSION'])).toBe(
      'AT-1 (A trial), version 3: one; two; three; and 3 more changes',
    );
    expect(versionSummary(version({ changeTexts: [] }), ['NEW_VERSION'])).toBe(
      'AT-1 (A trial), version 3: new registry record of 2026-01-02',
    );
  });
});

describe('filters', () => {
  const keys = ['study:a', 'condition:midgut-net', 'condition:gep-net', 'intervention:everolimus', 'kind:NEW_STUDY'];

  it('matches every given field (AND), any value of a field (OR)', () => {
    expect(matches(filterKeys(null), keys)).toBe(true);
    expect(matches(filterKeys({ conditionIds: ['gep-net', 'lung-net'] }), keys)).toBe(true);
    expect(matches(filterKeys({ conditionIds: ['gep-net'], kinds: ['DELETED'] }), keys)).toBe(false);
    expect(matches(filterKeys({ studyIds: [] }), keys)).toBe(false);
    expect(matches(filterKeys({ interventionIds: ['everolimus'], kinds: ['NEW_STUDY'] }), keys)).toBe(true);
  });

  it('follows relatedTo through the related list, the study itself and the deletions its list saw', () => {
    expect(matches(filterKeys({ relatedTo: 'x' }), keys, ['a'])).toBe(true);
    expect(matches(filterKeys({ relatedTo: 'x' }), keys, ['b'])).toBe(false);
    expect(matches(filterKeys({ relatedTo: 'a' }), keys, [])).toBe(true);
    expect(matches(filterKeys({ relatedTo: 'x' }), ['study:gone', 'related:x'], [])).toBe(true);
    expect(relatedKeys('x', ['a'])).toEqual(['study:x', 'related:x', 'study:a']);
  });

  it('refuses more than 100 values of a list', () => {
    expect(() => filterKeys({ studyIds: Array.from({ length: 101 }, (_, i) => `s${i}`) })).toThrow(/at most 100/);
  });

  it('reads a cursor as a whole number, and refuses anything else', () => {
    expect(sequenceOf('0')).toBe(0);
    expect(sequenceOf('42')).toBe(42);
    expect(sequenceOf(null)).toBeNull();
    for (const bad of ['', '-1', '01', '1.5', 'abc', '99999999999999999'])
      expect(() => sequenceOf(bad)).toThrow(/cursor/);
  });
});

describe('the Atom writer', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape(`a<b>&"c'\u0001d`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;d');
  });

  it('writes a well-formed feed, newest first', () => {
    const node = (sequence: number, summary: string) => ({
      sequence,
      // The pipeline gives a DateTime as a Date (JSON makes it text).
      at: sequence === 2 ? new Date('2026-12-06T10:00:02Z') : `2026-12-06T10:00:0${sequence}Z`,
      studyId: 'nct01',
      kind: 'NEW_VERSION',
      kinds: ['NEW_VERSION'],
      summary,
      changes: ['x → y'],
      moreChanges: 0,
      changedBy: null,
      reason: null,
      study: { registryIds: [{ id: 'NCT01', registry: 'CLINICALTRIALS_GOV' }] },
    });
    const xml = atomFeed(
      {
        selfUrl: 'http://h/feeds/changes.atom?a=1&b=2',
        query: 'a=1&b=2',
        base: 'http://h',
        about: 'of <x>',
        explore: null,
      },
      [{ node: node(1, 'first <&>') }, { node: node(2, 'second') }],
      new Date('2026-12-06T11:00:00Z'),
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    expect(feed.entry.map((e: { title: string }) => e.title)).toEqual(['second', 'first <&>']);
    expect(feed.updated).toBe('2026-12-06T10:00:02.000Z');
    expect(feed.id).toBe('tag:net-trials-graph,2026:changes?a=1&b=2');
  });
});
