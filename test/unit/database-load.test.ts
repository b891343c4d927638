/* eslint-disable @typescript-eslint/no-require-imports -- each test requires modules inside jest.isolateModules and reads require.cache */
import path from 'node:path';

// A server given NEO4J_URI never loads the code that fetches and runs a local Neo4j (Maven,
// Java, processes: src/neo4j/): src/db/database.ts imports it only when it starts one. Each
// test loads modules into a registry of its own and reads which files of src/neo4j/ it holds.

const NEO4J_DIR = path.join(__dirname, '..', '..', 'src', 'neo4j') + path.sep;

/** The files of src/neo4j/ in the current module registry, by name. */
function loadedNeo4jFiles(): string[] {
  return Object.keys(require.cache)
    .filter((file) => file.startsWith(NEO4J_DIR))
    .map((file) => path.basename(file))
    .sort();
}

describe('the local Neo4j, off the import path of a server given NEO4J_URI', () => {
  it('is not loaded with src/db/database.ts', () => {
    jest.isolateModules(() => {
      require('../../src/db/database');
      expect(loadedNeo4jFiles()).toEqual([]);
    });
  });

  it('is not loaded with the server and its database runtime (src/server.ts, src/runtime.ts)', () => {
    jest.isolateModules(() => {
      require('../../src/server');
      require('../../src/runtime');
      expect(loadedNeo4jFiles()).toEqual([]);
    });
  });

  it('is not loaded when the database of NEO4J_URI is opened', async () => {
    await jest.isolateModulesAsync(async () => {
      const { loadConfig } = require('../../src/config') as typeof import('../../src/config');
      const { openDatabase } = require('../../src/db/database') as typeof import('../../src/db/database');
      // Opening creates the driver only; nothing connects to this address.
      const db = await openDatabase(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:1' }), () => {});
      try {
        expect(db.local).toBeNull();
        expect(loadedNeo4jFiles()).toEqual([]);
      } finally {
        await db.close();
      }
    });
  });

  it('shows in the registry once loaded (the checks above can fail)', () => {
    jest.isolateModules(() => {
      require('../../src/neo4j/local-neo4j');
      expect(loadedNeo4jFiles()).toEqual([
        'local-neo4j.ts',
        'neo4j.conf.ts',
        'neo4j.errors.ts',
        'neo4j.jars.ts',
        'neo4j.process.ts',
      ]);
    });
  });
});
