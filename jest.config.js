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
  // Every entry of package.json `exports` (`hologram-rx`, `hologram-rx/network`...) from its source in lib/.
  moduleNameMapper: Object.fromEntries(
    Object.entries(require('./package.json').exports)
      .filter(([, target]) => typeof target === 'object')
      .map(([subpath, target]) => [`^hologram-rx${subpath.slice(1)}$`, `<rootDir>/${target.types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts')}`]),
  ),
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/spec/support/summary-reporter.js'],
};
