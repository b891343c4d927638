import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { notModified } from '../../src/assets/asset';
import { Fetcher, FetcherParams, socketUrl, withOperationNameOfQuery } from '../../src/playground/browser/fetcher';
import { operationNamesOf } from '../../src/playground/browser/operation-names';
import { exampleTabs } from '../../src/playground/example-tabs';
import {
  PLAYGROUND_ASSET_PREFIX,
  jsonForScript,
  playgroundAsset,
  renderPlaygroundPage,
} from '../../src/playground/playground';

const EXAMPLES = `# Example operations for the playground.
# A comment that tries to break out: </script><script>alert(1)</script> <!-- & -->

query StudyById($id: ID!) {
  study(id: $id) { ...StudyFields }
}

# Searches by free text.
query SearchStudies {
  search(text: "lanreotide") { ...StudyFields arms { ...ArmFields } }
}

fragment StudyFields on Study { id title }

fragment ArmFields on Arm { id name ...Nested }

fragment Nested on Arm { label }
`;

const page = renderPlaygroundPage({ endpoint: '/graphql', examples: EXAMPLES, defaultOperationName: 'SearchStudies' });

/** Every URL the page's markup would make the browser load (src and href attributes). */
function loadedUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]);
}

function pageConfig(html: string): { endpoint: string; examples: string; title: string; tabs: { query: string }[] } {
  const match = /<script id="playground-config" type="application\/json">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no config element');
  return JSON.parse(match[1]);
}

describe('renderPlaygroundPage', () => {
  it('names the project in the title and a header', () => {
    expect(page).toContain('<title>NET Trials Knowledge Graph</title>');
    expect(page).toMatch(/<header[^>]*>.*NET Trials Knowledge Graph/);
  });

  it('embeds the endpoint and the examples, escaped for a script element', () => {
    expect(page).toContain(jsonForScript(EXAMPLES));
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<!--');
    // The only closing script tags are those of the page's own script elements.
    expect(page.match(/<\/script/gi)).toHaveLength(page.match(/<script/gi)!.length);

    const config = pageConfig(page);
    expect(config.endpoint).toBe('/graphql');
    expect(config.examples).toBe(EXAMPLES);
    expect(config.title).toBe('NET Trials Knowledge Graph');
  });

  it('preloads one tab per operation, the default one first, each with the fragments it uses', () => {
    const tabs = pageConfig(page).tabs.map((tab) => tab.query);
    expect(tabs).toHaveLength(2);
    expect(tabs[0]).toMatch(/^# Searches by free text\.\nquery SearchStudies/);
    expect(tabs[0]).toContain('fragment StudyFields on Study');
    expect(tabs[0]).toContain('fragment ArmFields on Arm');
    expect(tabs[0]).toContain('fragment Nested on Arm');
    expect(tabs[1]).toContain('query StudyById($id: ID!)');
    expect(tabs[1]).toContain('fragment StudyFields on Study');
    expect(tabs[1]).not.toContain('fragment ArmFields');
  });

  it('loads only local assets, each of which is served', () => {
    const urls = loadedUrls(page);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    expect(page).not.toMatch(/\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    for (const url of urls) {
      if (url.startsWith('data:')) continue;
      expect(url.startsWith(PLAYGROUND_ASSET_PREFIX)).toBe(true);
      const asset = playgroundAsset(url.slice(PLAYGROUND_ASSET_PREFIX.length));
      expect(asset).not.toBeNull();
      expect(asset!.body.length).toBeGreaterThan(0);
      expect(asset!.contentType).toMatch(url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
    }
  });

  it('escapes the title in the markup', () => {
    const html = renderPlaygroundPage({ endpoint: '/graphql', examples: EXAMPLES, title: 'A <b>"bold"</b> & co' });
    expect(html).toContain('<title>A &#60;b&#62;&#34;bold&#34;&#60;/b&#62; &#38; co</title>');
    expect(pageConfig(html).title).toBe('A <b>"bold"</b> & co');
  });

  it('rejects a default operation that the examples do not define, and invalid examples', () => {
    expect(() =>
      renderPlaygroundPage({ endpoint: '/graphql', examples: EXAMPLES, defaultOperationName: 'Nope' }),
    ).toThrow(/defaultOperationName "Nope"/);
    expect(() => renderPlaygroundPage({ endpoint: '/graphql', examples: 'query {' })).toThrow(/Syntax Error/);
  });
});

describe('playgroundAsset', () => {
  it('returns null for unknown names and any path, traversal or prototype trick', () => {
    for (const name of [
      'nope.js',
      '',
      '../../package.json',
      '..%2F..%2Fpackage.json',
      'graphiql.min.js/../../../package.json',
      './graphiql.min.js',
      '/etc/passwd',
      `${PLAYGROUND_ASSET_PREFIX}graphiql.min.js`,
      'GRAPHIQL.MIN.JS',
      '__proto__',
      'constructor',
      'toString',
    ]) {
      expect(playgroundAsset(name)).toBeNull();
    }
  });

  it('reads each asset once and keeps it in memory', () => {
    expect(playgroundAsset('graphiql.min.js')).toBe(playgroundAsset('graphiql.min.js'));
  });

  it('serves assets that load nothing from the network', () => {
    const css = playgroundAsset('graphiql.min.css')!.body.toString('utf8');
    expect(css.match(/@import[^;]*/g)).toBeNull();
    const urls = [...css.matchAll(/url\(\s*["']?([^"')]*)/g)].map((match) => match[1].slice(0, 40));
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.startsWith('data:'))).toEqual([]);

    for (const name of ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'playground.js']) {
      const js = playgroundAsset(name)!.body.toString('utf8');
      // Compare the matches, not the text: a failure must not print a megabyte of script.
      expect(
        js.match(
          /\/\/(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|esm\.sh|fonts\.googleapis\.com)|sourceMappingURL/g,
        ),
      ).toBeNull();
    }
  });

  it('serves the page script as one classic script bundled from src/playground/browser, with the graphql-ws client', () => {
    const script = playgroundAsset('playground.js')!.body.toString('utf8');
    expect(() => new vm.Script(script)).not.toThrow();
    expect(script).toMatch(/^\/\/ playground\.js: built from src\/playground\/browser\/playground\.ts by esbuild/);
    expect(script.match(/^\s*(?:import|export)\s|\brequire\(/gm)).toBeNull();
    expect(script).toContain('createFetcher({ url: config.endpoint, enableIncrementalDelivery: false, wsClient })');
    // graphql-ws's client, bundled: it speaks the graphql-transport-ws subprotocol.
    expect(script).toContain('"graphql-transport-ws"');
    expect(script.length).toBeLessThan(100_000);
  });

  it('gives each asset an ETag that an If-None-Match naming it matches', () => {
    const { etag } = playgroundAsset('playground.js')!;
    expect(etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect(playgroundAsset('graphiql.min.js')!.etag).not.toBe(etag);
    expect(notModified(etag, etag)).toBe(true);
    expect(notModified(etag.slice(2), etag)).toBe(true);
    expect(notModified(`W/"other", ${etag}`, etag)).toBe(true);
    expect(notModified('*', etag)).toBe(true);
    expect(notModified(undefined, etag)).toBe(false);
    expect(notModified('W/"other"', etag)).toBe(false);
  });
});

describe('the playground fetcher', () => {
  it('opens its WebSocket on the endpoint path of the page origin, wss:// under https', () => {
    expect(socketUrl('/graphql', 'http://127.0.0.1:4000/graphql')).toBe('ws://127.0.0.1:4000/graphql');
    expect(socketUrl('/graphql', 'https://graph.example/graphql#x')).toBe('wss://graph.example/graphql');
    expect(socketUrl('/api/graphql', 'https://graph.example/somewhere/else?a=1')).toBe(
      'wss://graph.example/api/graphql',
    );
  });

  it("sends the query's first operation when the operation name is not one of its own", () => {
    const sent: FetcherParams[] = [];
    const send: Fetcher = (params) => sent.push(params);
    const fetcher = withOperationNameOfQuery(send);
    fetcher({ query: 'query A { a } query B { b }', operationName: 'Stale' });
    fetcher({ query: 'query A { a } query B { b }', operationName: 'B' });
    fetcher({ query: 'subscription Watch { w }', operationName: null });
    fetcher({ query: '{ a }', operationName: 'Stale' });
    expect(sent.map((p) => p.operationName)).toEqual(['A', 'B', 'Watch', 'Stale']);
  });
});

describe('operationNamesOf (the page script that corrects a stale operation name)', () => {
  it('lists the named operations of a document in order, not its fragments', () => {
    expect(operationNamesOf(EXAMPLES)).toEqual(['StudyById', 'SearchStudies']);
    expect(operationNamesOf('mutation Import($x: Int) { a } subscription Watch { b }')).toEqual(['Import', 'Watch']);
  });

  it('has no name for an anonymous operation or a shorthand query', () => {
    expect(operationNamesOf('{ study(id: "x") { id } }')).toEqual([]);
    expect(operationNamesOf('query { a } query Named { b }')).toEqual(['Named']);
  });

  it('ignores words inside selections, arguments, comments and strings', () => {
    const text = [
      '# query Commented { a }',
      'query Real($query: String = "query InString { x }") {',
      '  search(query: """ query InBlock { "y" } \\""" """) { query mutation }',
      '}',
    ].join('\n');
    expect(operationNamesOf(text)).toEqual(['Real']);
  });

  it('reads every example operation of schema/examples.graphql', () => {
    const examples = fs.readFileSync(path.join(__dirname, '../../schema/examples.graphql'), 'utf8');
    expect(operationNamesOf(examples)).toEqual(exampleTabs(examples).map((tab) => tab.operationName));
  });
});

describe('exampleTabs', () => {
  it('keeps anonymous operations and the document order without a default', () => {
    const tabs = exampleTabs('{ a }\nquery B { b }');
    expect(tabs.map((tab) => tab.operationName)).toEqual([null, 'B']);
    expect(tabs.map((tab) => tab.query)).toEqual(['{ a }\n', 'query B { b }\n']);
  });
});
