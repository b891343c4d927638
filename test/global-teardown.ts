import fs from 'node:fs';
import path from 'node:path';
import { LocalNeo4j } from '../src/neo4j/local-neo4j';
import { SHARED_BUILD_ENV } from './security/helpers';

/** Stops the Neo4j servers that global-setup.ts started, if it started them, and removes the run's build of src/. */
export default async function globalTeardown(): Promise<void> {
  const started = ((globalThis as Record<string, unknown>).__LOCAL_NEO4J__ as LocalNeo4j[] | undefined) ?? [];
  await Promise.all(started.map((neo4j) => neo4j.stop()));
  const build = process.env[SHARED_BUILD_ENV];
  if (build) {
    fs.rmSync(build, { recursive: true, force: true });
    try {
      fs.rmdirSync(path.dirname(build));
    } catch {
      /* other builds in it, or already gone */
    }
  }
}
