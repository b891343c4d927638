/**
 * Recomputes every concept count and every stored related list (`npm run related:rebuild`), with
 * progress on stderr: after a bulk load that deferred them, or to make the stored candidates
 * exact again for the current rarity of the concepts (see schema/README.md, Relatedness). Run it
 * while no import runs. NEO4J_URI (and the other NEO4J_* settings) name the database; without
 * it, the local Neo4j is started as by `npm start`.
 */
import 'reflect-metadata';
import { runCli } from '../cli';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/database';
import { Executor } from '../db/executor';
import { rebuildRelated } from './related.service';

const USAGE = `Usage: npm run related:rebuild -- [--batch-size N]
Recomputes the concept counts and the related lists of every study (N studies per write transaction, default 500).`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  let batchSize = 500;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--batch-size') batchSize = Number(argv[++i]);
    else {
      console.error(USAGE);
      return 2;
    }
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    console.error('--batch-size must be a whole number of at least 1');
    return 2;
  }
  const log = (m: string) => console.error(`[related] ${m}`);
  const config = loadConfig();
  const db = await connectDatabase(config, log);
  try {
    // The one read of every study may take longer than a request's read timeout.
    const executor = new Executor(db.executor.driver, { database: config.neo4jDatabase, readTimeoutMs: 600_000 });
    const started = Date.now();
    const summary = await rebuildRelated(executor, { batchSize, log });
    console.log(
      `Rebuilt the related lists of ${summary.studies} studies: ${summary.relationships} RELATED relationships in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(read ${summary.seconds.read.toFixed(1)} s, rank ${summary.seconds.rank.toFixed(1)} s, write ${summary.seconds.write.toFixed(1)} s).`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCli(() => main(process.argv.slice(2)));
