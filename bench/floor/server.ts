/**
 * The floor: a plain node:http server that answers each benchmark operation with one
 * hand-written Cypher statement through neo4j-driver (bench/operations.ts), with nothing
 * between the request and the statement. POST / with {"operation": name, "variables": {...}}.
 *
 *   NEO4J_URI=bolt://… PORT=4010 node dist/bench/floor/server.js
 */
import http from 'node:http';
import neo4j from 'neo4j-driver';
import { RANKED_RELATED } from '../../src/studies/study.repository';
import { toLuceneQuery } from '../../src/search/search.query';
import { operations } from '../operations';

/* eslint-disable @typescript-eslint/no-explicit-any */
const RELATED = `${RANKED_RELATED}\nRETURN {relatedStudies: collect({score: score, study: other {.id, .title}, shared: concepts})} AS data`;

export function startFloor(uri: string, port: number, corpusSize: number): Promise<http.Server> {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  const statements = new Map(operations(corpusSize).map((op) => [op.name, op.name === 'relatedStudies' ? RELATED : op.floor]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const { operation, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const params: Record<string, unknown> = { ...variables };
        if (operation === 'search') params.lucene = toLuceneQuery(variables.text);
        if (operation === 'relatedStudies') params.first = neo4j.int(10);
        const result = await driver.executeQuery(statements.get(operation)!, params, { routing: 'READ' });
        const data = result.records[0]?.get('data') ?? null;
        if (operation === 'relatedStudies') {
          for (const r of data.relatedStudies) r.shared.sort((a: any, b: any) => b.weight - a.weight || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data }));
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
  void startFloor(process.env.NEO4J_URI!, Number(process.env.PORT ?? 4010), Number(process.env.CORPUS_STUDIES ?? 10_000)).then(() => process.stderr.write('[floor] ready\n'));
}
