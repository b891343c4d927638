import 'reflect-metadata';
import path from 'node:path';
import { runCli } from '../cli';
import { loadConfig, REPO_ROOT } from '../config';
import { connectDatabase } from '../db/database';
import { formatSummary, loadSeedPath, SeedValidationError } from './seed.loader';

const USAGE = `Usage: npm run seed -- [file-or-folder ...] [--batch-size N]
Loads seed files (default: seeds/) into the Neo4j of NEO4J_URI, or into the local Neo4j when NEO4J_URI is unset.
Every file is validated first; nothing is written when any is invalid.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  let batchSize = 1;
  const targets: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--batch-size') batchSize = Number(argv[++i]);
    else targets.push(path.resolve(argv[i]));
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    console.error('--batch-size must be a whole number of at least 1');
    return 2;
  }
  if (targets.length === 0) targets.push(path.join(REPO_ROOT, 'seeds'));
  const db = await connectDatabase(loadConfig(), (m) => console.error(m));
  try {
    for (const target of targets) {
      const started = Date.now();
      const summary = await loadSeedPath(db.executor, target, {
        batchSize,
        onProgress: (done, total) => {
          if (total >= 100 && (done === total || done % Math.max(batchSize, Math.ceil(total / 20)) < batchSize)) {
            console.error(`  ${done}/${total} studies written`);
          }
        },
      });
      console.log(`${path.relative(process.cwd(), target) || '.'}: ${formatSummary(summary)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    return 0;
  } catch (error) {
    if (error instanceof SeedValidationError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

runCli(() => main(process.argv.slice(2)));
