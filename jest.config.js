// One Jest configuration, three kinds of test told apart by their suffix (see docs/adr/0004):
//   *.unit.spec.ts  pure, no I/O, run everywhere and cached by Nx
//   *.int.spec.ts   against the real Postgres and Kafka that libs/testing finds or starts
//   *.e2e.spec.ts   services as separate processes, over the network, against the same
// Tests are transpiled by SWC (no type checking here: `tsc --build` does that once).
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const base = {
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/services'],
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@pengaduan/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    // The catalogue alone, as the web app imports it (tsconfig.base.json paths).
    '^@pengaduan/contracts/error-catalogue$': '<rootDir>/libs/contracts/src/lib/error-catalogue.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.*/dist/'],
  clearMocks: true,
};

const external = {
  globalSetup: '<rootDir>/libs/testing/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/lib/global-teardown.ts',
};

module.exports = {
  // Jest reads the timeout only at the top level. Integration and end-to-end tests wait on a
  // real broker (group joins take seconds); unit tests never come near it.
  testTimeout: 90_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...base, ...external, displayName: 'int', testMatch: ['**/*.int.spec.ts'] },
    { ...base, ...external, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'] },
  ],
};
