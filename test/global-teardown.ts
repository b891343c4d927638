import { LocalNeo4j } from '../src/neo4j/local-neo4j';

/** Stops the Neo4j that global-setup.ts started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  const local = (globalThis as Record<string, unknown>).__LOCAL_NEO4J__ as LocalNeo4j | undefined;
  if (local) await local.stop();
}
