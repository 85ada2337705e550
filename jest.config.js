/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // Type-checking is done once by `tsc --noEmit` in lint; here it would only slow each run.
  transform: { "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }] },
};
