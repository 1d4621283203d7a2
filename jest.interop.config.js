/** `npm run test:interop`: third-party clients (gammu, gnokii, gsmctl, chat, wvdial, Hologram's Python SDK) against the simulators. */
const base = require('./jest.config');

module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/'], testMatch: ['**/spec/interop/**/*.spec.ts'], testTimeout: 180000 };
