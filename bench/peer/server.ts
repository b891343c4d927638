/**
 * The peer: @neo4j/graphql 7 over the same Neo4j, serving the type definitions of
 * type-defs.ts through Apollo Server (as our server does) with production settings: no
 * introspection, no landing page, no debug output. POST /graphql with {query, variables}.
 *
 *   NEO4J_URI=bolt://… PORT=4303 node dist/bench/peer/server.js
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';
import { typeDefs } from './type-defs';

export async function startPeer(uri: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const driver = neo4j.driver(uri);
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const server = new ApolloServer({ schema, introspection: false, includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return {
    url,
    stop: async () => {
      await server.stop();
      await driver.close();
    },
  };
}

if (require.main === module) {
  void startPeer(process.env.NEO4J_URI!, Number(process.env.PORT ?? 4303)).then(({ url }) =>
    process.stderr.write(`[peer] ready at ${url}\n`),
  );
}
