/**
 * The floor: a plain node:http server that answers each benchmark operation with one
 * hand-written Cypher statement through neo4j-driver (bench/operations.ts), with nothing
 * between the request and the statement. POST / with {"operation": name, "variables": {...}}.
 *
 * With `"form": "bare"` it runs our server's own statement for the operation instead (recorded
 * once per variable set by executing our operation in this process, bench/ours-cypher.ts) with
 * the same driver code, and answers its rows as they come: the difference to our server is the
 * GraphQL layer's cost, the difference to the floor the plan's.
 *
 *   NEO4J_URI=bolt://… PORT=4010 node dist/bench/floor/server.js
 */
import http from 'node:http';
import neo4j from 'neo4j-driver';
import { oursStatements, Recorded } from '../ours-cypher';
import { floorParams, floorStatement, operations } from '../operations';
import { sortShared } from '../plans';

export function startFloor(uri: string, port: number, corpusSize: number): Promise<http.Server> {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  const byName = new Map(operations(corpusSize).map((op) => [op.name, op]));
  /** Our statement per operation and variable set, recorded on its first request. */
  const ours = new Map<string, Promise<Recorded>>();
  const oursFor = (name: string, variables: Record<string, unknown>) => {
    const key = `${name} ${JSON.stringify(variables)}`;
    let statement = ours.get(key);
    if (!statement) {
      statement = oursStatements(driver, byName.get(name)!.query, variables).then(([first]) => first);
      ours.set(key, statement);
    }
    return statement;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const { operation, variables, form } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const op = byName.get(operation)!;
        let body: string;
        if (form === 'bare') {
          const { cypher, params } = await oursFor(operation, variables);
          const result = await driver.executeQuery(cypher, params, { routing: 'READ' });
          body = JSON.stringify({ data: result.records.map((r) => r.toObject()) });
        } else {
          const result = await driver.executeQuery(floorStatement(op, variables), floorParams(op, variables), {
            routing: 'READ',
          });
          const data = result.records[0]?.get('data') ?? null;
          // Our server orders equal weights by kind and key with JavaScript's collation: the same here.
          if (operation === 'relatedStudies') sortShared(data.relatedStudies);
          body = JSON.stringify({ data });
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      }
    });
  });
  server.on('close', () => void driver.close());
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (require.main === module) {
  void startFloor(
    process.env.NEO4J_URI!,
    Number(process.env.PORT ?? 4010),
    Number(process.env.CORPUS_STUDIES ?? 10_000),
  ).then(() => process.stderr.write('[floor] ready\n'));
}
