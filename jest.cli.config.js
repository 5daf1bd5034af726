/**
 * The real-engine suite (`npm run test:cli`): test/cli/, run by the real `pulumi` CLI. Slow
 * tests live here so that `npm test` stays fast; this suite fails, never skips, without a CLI.
 * @type {import('jest').Config}
 */
const base = require("./jest.config.js");
module.exports = {
  ...base,
  roots: ["<rootDir>/test/cli"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 240000,
  maxWorkers: 3,
};
