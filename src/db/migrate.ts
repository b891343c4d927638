import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { Executor } from './executor';

/** One ordered DDL file of schema/, e.g. schema/001_constraints.cypher. */
export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export const SCHEMA_DIR = path.join(REPO_ROOT, 'schema');

const APPLIED = `MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum`;
const RECORD = `
MERGE (m:SchemaMigration {version: $version})
SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`;

/** Splits a .cypher file into statements: `//` comment lines dropped, statements end with `;`. */
export function parseStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Reads schema/NNN_name.cypher files in version order. */
export function readMigrations(dir: string = SCHEMA_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.cypher$/.test(file))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.cypher$/, ''),
        checksum: createHash('sha256').update(text).digest('hex'),
        statements: parseStatements(text),
      };
    });
}

/**
 * Applies the migrations not yet recorded in the database, in order, and records each
 * (`:SchemaMigration {version}`). Statements are idempotent (IF NOT EXISTS), so a run
 * interrupted midway is completed by the next. A recorded migration whose file changed
 * is an error: add a new file instead of editing an applied one.
 */
export async function migrate(executor: Executor, migrations: Migration[] = readMigrations()): Promise<number[]> {
  const applied = new Map<number, string>();
  const rows = await executor.read<{ version: number; checksum: string }>(APPLIED, {});
  for (const row of rows) applied.set(row.version, row.checksum);
  const done: number[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.version);
    if (checksum === migration.checksum) continue;
    if (checksum !== undefined) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied; add a new schema/NNN_*.cypher file instead of editing an applied one.`,
      );
    }
    for (const statement of migration.statements) await executor.runAutoCommit(statement);
    await executor.runAutoCommit(RECORD, {
      version: migration.version,
      name: migration.name,
      checksum: migration.checksum,
    });
    done.push(migration.version);
  }
  // Full-text and range indexes are built in the background; wait so that the first query finds them.
  await executor.runAutoCommit('CALL db.awaitIndexes(300)');
  return done;
}

/** True when every migration of schema/ is recorded with its current checksum. */
export async function migrationsApplied(
  executor: Executor,
  migrations: Migration[] = readMigrations(),
): Promise<boolean> {
  const rows = await executor.read<{ version: number; checksum: string }>(APPLIED, {});
  const applied = new Map(rows.map((r) => [r.version, r.checksum]));
  return migrations.every((m) => applied.get(m.version) === m.checksum);
}
