import { LocalNeo4j } from '../src/neo4j/local-neo4j';

/** Stops the Neo4j servers that global-setup.ts started, if it started them. */
export default async function globalTeardown(): Promise<void> {
  const started = ((globalThis as Record<string, unknown>).__LOCAL_NEO4J__ as LocalNeo4j[] | undefined) ?? [];
  await Promise.all(started.map((neo4j) => neo4j.stop()));
}
