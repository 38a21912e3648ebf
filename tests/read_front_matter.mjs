// Reads report files with the web form's reader, as published in /beheer/: for tests/test_front_matter.py.
// node read_front_matter.mjs <folder with front-matter.js, velden.json and yaml/> FILE...
// prints one JSON object per file: {path, data} or {path, problem: {line, field, message}}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [folder, ...files] = process.argv.slice(2);
const { readReport } = await import(pathToFileURL(join(folder, "front-matter.js")).href);
const { reader } = JSON.parse(readFileSync(join(folder, "velden.json"), "utf-8"));
const decoder = new TextDecoder("utf-8", { fatal: true }); // the form gets text; other bytes never reach it

for (const path of files) {
  let text;
  try {
    text = decoder.decode(readFileSync(path));
  } catch {
    console.log(JSON.stringify({ path, problem: { line: 1, field: "encoding", message: "not UTF-8" } }));
    continue;
  }
  const { data, problem } = readReport(text, reader);
  console.log(JSON.stringify(problem ? { path, problem } : { path, data }));
}
