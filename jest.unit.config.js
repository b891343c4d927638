/** The tests that need no database (`npm run test:unit`): pure code, the schema, the Cypher translator, seed files. */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
