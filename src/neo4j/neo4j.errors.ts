/** The failures of the local Neo4j (fetching the jars, configuring and running the server), each with a fix. */

export type LocalNeo4jErrorCode =
  | 'JAVA_MISSING'
  | 'JAVA_TOO_OLD'
  | 'MAVEN_MISSING'
  | 'POM_MISSING'
  | 'DOWNLOAD_FAILED'
  | 'PORT_IN_USE'
  | 'ALREADY_RUNNING'
  | 'START_TIMEOUT'
  | 'START_FAILED';

/** Every failure of the local Neo4j: what went wrong (message) and what the user can do about it (fix). */
export class LocalNeo4jError extends Error {
  constructor(
    readonly code: LocalNeo4jErrorCode,
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

/** Lines of a log (Maven's output, Neo4j's console.log) quoted in an error message. */
export const LOG_TAIL_LINES = 40;
