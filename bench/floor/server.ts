/**
 * The floor: a plain node:http server that answers each benchmark operation with one
 * hand-written Cypher statement through neo4j-driver (bench/operations.ts), with nothing
 * between the request and the statement. POST / with {"operation": name, "variables": {...}}.
 *
 *   NEO4J_URI=bolt://… PORT=4010 node dist/bench/floor/server.js
 */
import http from 'node:http';
import neo4j from 'neo4j-driver';
import { toLuceneQuery } from '../../src/search/search.query';
import { operations } from '../operations';

// relatedStudies by hand: the asked study's stored RELATED relationships, each shared concept
// weighted from its study count (kind weight × ln(1 + 10,000 / holders), in thousandths; a
// condition's kind weight is 1 + its number of ancestors, an intervention class's 1.5), best first.
const WEIGHT = (kindWeight: string) =>
  `toInteger(round(${kindWeight} * log(1 + 10000.0 / CASE WHEN c.studyCount > 1 THEN c.studyCount ELSE 1 END) * 1000))`;
export const RELATED = `
MATCH (s:Study {id: $id})
MATCH (s)-[r:RELATED]->(other:Study)
WITH other,
  COLLECT { MATCH (c:Condition) WHERE c.id IN r.conditions RETURN {kind: 'CONDITION', id: c.id, name: c.name, milli: ${WEIGHT('(1 + size(COLLECT { MATCH (c)-[:IS_A*1..]->(a:Condition) RETURN DISTINCT a.id }))')}} } +
  COLLECT { MATCH (c:Intervention) WHERE c.id IN r.interventions RETURN {kind: 'INTERVENTION', id: c.id, name: c.name, milli: ${WEIGHT('3')}} } +
  COLLECT { MATCH (c:Intervention) WHERE c.id IN r.comparators RETURN {kind: 'COMPARATOR', id: c.id, name: c.name, milli: ${WEIGHT('2')}} } +
  COLLECT { MATCH (c:Intervention) WHERE c.id IN r.interventionClasses RETURN {kind: 'INTERVENTION_CLASS', id: c.id, name: c.name, milli: ${WEIGHT('1.5')}} } +
  COLLECT { MATCH (c:OutcomeConcept) WHERE c.id IN r.outcomeConcepts RETURN {kind: 'OUTCOME_CONCEPT', id: c.id, name: c.name, milli: ${WEIGHT('1')}} } +
  COLLECT { MATCH (c:Predictor) WHERE c.id IN r.predictors RETURN {kind: 'PREDICTOR', id: c.id, name: c.name, milli: ${WEIGHT('2')}} } AS shared
WITH other, shared, reduce(total = 0, c IN shared | total + c.milli) AS milli
ORDER BY milli DESC, other.id
LIMIT $first
RETURN {relatedStudies: collect({score: milli / 1000.0, study: other {.id, .title}, shared: [c IN shared | {kind: c.kind, id: c.id, name: c.name, weight: c.milli / 1000.0}]})} AS data`;

export function startFloor(uri: string, port: number, corpusSize: number): Promise<http.Server> {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  const statements = new Map(
    operations(corpusSize).map((op) => [op.name, op.name === 'relatedStudies' ? RELATED : op.floor]),
  );
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
          for (const r of data.relatedStudies)
            r.shared.sort(
              (a: any, b: any) => b.weight - a.weight || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
            );
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
  void startFloor(
    process.env.NEO4J_URI!,
    Number(process.env.PORT ?? 4010),
    Number(process.env.CORPUS_STUDIES ?? 10_000),
  ).then(() => process.stderr.write('[floor] ready\n'));
}
