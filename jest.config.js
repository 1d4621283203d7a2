/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  // Needs gammu and Hologram's Python SDK: `npm run test:interop`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/spec/interop/'],
  transform: {
    // ts-jest type-checks only when it compiles to CommonJS.
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^hologram-rx$': '<rootDir>/lib/index.ts',
    '^hologram-rx/(modem|sms|operators|outbox)$': '<rootDir>/lib/entries/$1.ts',
    '^hologram-rx/testing$': '<rootDir>/lib/testing/index.ts',
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/spec/support/summary-reporter.js'],
};
