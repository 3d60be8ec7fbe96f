#!/usr/bin/env node
// The drydock CLI. The TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
import { readFileSync } from "node:fs";
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  streams: { stdout: process.stdout, stderr: process.stderr, readStdin: () => readFileSync(0) },
});
