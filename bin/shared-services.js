#!/usr/bin/env node
// The `shared-services` command. Runs the TypeScript sources directly (ts-node, types not
// re-checked: `npm run lint` does that), so a clone needs only `npm ci`.
require("ts-node").register({ transpileOnly: true, project: require("path").join(__dirname, "..", "tsconfig.json") });
require("../src/cli/main.ts");
