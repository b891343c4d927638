import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './config';
import { buildAppSchema, printAppSchema } from './schema';

/** Writes the SDL of the server's schema to schema/schema.graphql. */
buildAppSchema().then((schema) => {
  const target = path.join(REPO_ROOT, 'schema', 'schema.graphql');
  fs.writeFileSync(target, printAppSchema(schema));
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
});
