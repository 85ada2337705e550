#!/usr/bin/env node
// The `shared-services` command: the command line compiled to JavaScript in lib/ by
// `npm run build:cli` (part of `npm run build` and `npm run demo`). It loads only what the job
// needs: `--help` never loads the .xlsx library.
const { join } = require("path");

const main = join(__dirname, "..", "lib", "cli", "main.js");
try {
  require.resolve(main);
} catch {
  process.stderr.write("shared-services is not built yet: run `npm run build:cli` first (or `npm run demo`).\n");
  process.exit(1);
}
require(main);
