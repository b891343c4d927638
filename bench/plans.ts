/**
 * Database work per operation, which a busy machine does not change: our statement (the one our
 * server runs, read by bench/ours-cypher.ts) and the floor's (bench/operations.ts), each run once
 * with PROFILE; the db hits summed over the plan's operators, and the rows returned.
 *
 *   NEO4J_URI=bolt://… npm run bench:plans -- [--studies 10000] [--only a,b] [--tree] [--out bench/results/plans-10k]
 *
 * `--studies` is the corpus size the database holds (for the rotating study keys), `--tree`
 * prints each plan's operators with their db hits, `--out` writes the table and the figures to
 * <out>.md and <out>.json. `npm run bench` records the same figures in bench/results/latest.*.
 *
 * PROFILE does not attribute every db hit of a subquery nested in a map projection inside
 * another subquery (Neo4j 5.26 Community, slotted runtime): such a statement shows fewer hits
 * than it does (conceptStudiesNested, whose per-condition pages are nested so).

 */
import 'reflect-metadata';
import fs from 'node:fs';
import neo4j, { Driver, ProfiledPlan } from 'neo4j-driver';
import { loadConfig } from '../src/config';
import { createDriver } from '../src/db/executor';
import { oursExecuted } from './ours-cypher';
import { floorParams, floorStatement, Operation, operations } from './operations';

/** The database work of one statement: db hits over every operator, and the rows returned. */
export interface Work {
  dbHits: number;
  rows: number;
}

const sumHits = (plan: ProfiledPlan): number => plan.dbHits + plan.children.reduce((n, c) => n + sumHits(c), 0);

/** Each operator of a plan with its own db hits and rows, indented by depth. */
export function planTree(plan: ProfiledPlan, depth = 0): string[] {
  const details = String(plan.arguments?.Details ?? '').slice(0, 160);
  return [
    `${'  '.repeat(depth)}${plan.operatorType} hits=${plan.dbHits} rows=${plan.rows} ${details}`,
    ...plan.children.flatMap((c) => planTree(c, depth + 1)),
  ];
}

/** Runs `cypher` once with PROFILE. */
export async function profile(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown>,
): Promise<Work & { plan: ProfiledPlan }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(`PROFILE ${cypher}`, params);
    const plan = result.summary.profile as ProfiledPlan;
    return { dbHits: sumHits(plan), rows: result.records.length, plan };
  } finally {
    await session.close();
  }
}

/** Our statement and the floor's for variable set `i` of `op`, each profiled once. */
export async function profileOperation(
  driver: Driver,
  op: Operation,
  i: number,
): Promise<{ ours: Work & { plan: ProfiledPlan }; floor: Work & { plan: ProfiledPlan }; same: boolean }> {
  const variables = op.variables(i);
  const executed = await oursExecuted(driver, op.query, variables);
  const [statement] = executed.statements;
  const ours = await profile(driver, statement.cypher, statement.params);
  const floor = await profile(driver, floorStatement(op, variables), floorParams(op, variables));
  const floorData = await floorAnswer(driver, op, variables);
  return { ours, floor, same: canonical(executed.data) === canonical(floorData) };
}

/** The floor's `data` for `variables` (bench/floor/server.ts gives the same). */
async function floorAnswer(driver: Driver, op: Operation, variables: Record<string, unknown>): Promise<unknown> {
  const result = await driver.executeQuery(floorStatement(op, variables), floorParams(op, variables), {
    routing: 'READ',
  });
  const data = result.records[0]?.get('data') ?? null;
  if (op.name === 'relatedStudies') sortShared(data.relatedStudies);
  return data;
}

/** Shared concepts of equal weight ordered by kind and key with JavaScript's collation, as our server orders them. */
export function sortShared(related: { shared: { weight: number; kind: string; id: string }[] }[]): void {
  for (const r of related)
    r.shared.sort((a, b) => b.weight - a.weight || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

/** The JSON text of a value with object keys sorted, to compare answers. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The variable sets of an operation that are profiled: each that makes another statement (each sort), else the first. */
export const profiledVariables = (op: Operation): number[] => op.profileAt ?? [0];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  const studies = Number(value('studies') ?? 10_000);
  const only = value('only')?.split(',') ?? null;
  const config = loadConfig();
  if (!config.neo4jUri) throw new Error('Set NEO4J_URI to the database to profile (a corpus: npm run corpus).');
  const driver = createDriver(config.neo4jUri, config.neo4jUsername, config.neo4jPassword);
  const figures: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const print = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  try {
    print('| operation | variables | ours db hits | floor db hits | ours/floor | same answer |');
    print('|---|---|---|---|---|---|');
    for (const op of operations(studies).filter((o) => only === null || only.includes(o.name))) {
      for (const i of profiledVariables(op)) {
        const { ours, floor, same } = await profileOperation(driver, op, i);
        const ratio = Math.round((ours.dbHits / floor.dbHits) * 100) / 100;
        print(`| ${op.name} | ${i} | ${ours.dbHits} | ${floor.dbHits} | ${ratio} | ${same ? 'yes' : 'NO'} |`);
        if (argv.includes('--tree')) {
          console.log(['ours:', ...planTree(ours.plan), 'floor:', ...planTree(floor.plan)].join('\n'));
        }
        figures.push({ name: op.name, variables: i, ours: ours.dbHits, floor: floor.dbHits, same });
      }
    }
  } finally {
    await driver.close();
  }
  const out = value('out');
  if (out) {
    const command = `npm run bench:plans -- ${argv.filter((a) => a !== '--tree').join(' ')}`;
    const date = new Date().toISOString();
    fs.writeFileSync(`${out}.json`, JSON.stringify({ date, command, studies, operations: figures }, null, 2) + '\n');
    fs.writeFileSync(
      `${out}.md`,
      [
        '# Database work per operation',
        '',
        `\`${command}\` on ${date.slice(0, 10)}, over a corpus of ${studies} studies (\`npm run corpus -- --studies ${studies} --seed 1\`): our statement and the floor's, each run once with PROFILE; db hits summed over the plan's operators. The variables column is the variable set of bench/operations.ts (for studiesFilterEachSort, the sort: title, year, enrolment, each ascending then descending).`,
        '',
        ...lines,
        '',
      ].join('\n'),
    );
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
