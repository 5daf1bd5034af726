const os = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  // Most tests wait on child processes and the emulator: two workers even on two cores.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // The real-engine suite runs apart: npm run test:cli (jest.cli.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/cli/"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  moduleNameMapper: {
    "^pulumi-runinstances$": "<rootDir>/provider/index.ts",
    "^pulumi-runinstances/emulator$": "<rootDir>/emulator/index.ts",
    "^pulumi-runinstances/provider/(.*)$": "<rootDir>/provider/$1",
  },
  testTimeout: 60000,
};
