// Reading a report file in the web form exactly as `reisregister validate` reads it
// (src/reisregister/load.py): the same fences, the same characters, directives and markers
// refused, YAML 1.2 with the core schema, no anchors, aliases or tags, no key twice, at most
// `max_depth` levels. Where two readers differ, a file can publish what the form does not show,
// so tests/test_front_matter.py runs one set of files through both. The rules and the Dutch
// messages come from velden.json (`reader`), written from load.py and messages.py.
import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument } from "./yaml/index.js";

const OPENING_FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t]|$)/;
const TOP_LEVEL_KEY = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:/;
const UNDER_KEY = /^(?:[ \t]|-(?:[ \t]|$))/; // an indented line or a list item belongs to the field above
const CORE_TAG = "tag:yaml.org,2002:";
export const YAML_OPTIONS = {
  version: "1.2", schema: "core", uniqueKeys: false, merge: false, strict: true, prettyErrors: false,
}; // keys twice are found below, with load.py's message

class Refused extends Error {
  constructor(line, field, key, values = {}) {
    super(key);
    Object.assign(this, { line, field, key, values });
  }
}

// A report's text -> { front, frontLine, body, data, problem }; problem is { line, field, message }
// where the build would refuse the file (then data is {}).
export function readReport(text, rules) {
  const lines = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n").split("\n");
  const result = { front: null, frontLine: 2, body: lines.join("\n"), data: {}, problem: null };
  try {
    const nul = lines.findIndex((line) => line.includes("\0"));
    if (nul >= 0) throw new Refused(nul + 1, "encoding", "encoding.nul");
    if (!OPENING_FENCE.test(lines[0])) throw new Refused(1, "front matter", "front.missing");
    const end = lines.findIndex((line, i) => i > 0 && CLOSING_FENCE.test(line));
    if (end < 0) throw new Refused(1, "front matter", "front.not_closed");
    checkLines(lines.slice(1, end), 2, rules);
    result.front = lines.slice(1, end).join("\n");
    result.body = lines.slice(end + 1).join("\n");
    result.data = parseFront(result.front, 2, rules);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const template = rules.messages[error.key];
    const message = template.replace(/\{(\w+)\}/g, (_, name) => String(error.values[name]));
    result.problem = { line: error.line, field: error.field, message };
    result.data = {};
  }
  return result;
}

// load.py's _check_front_lines: characters, directives and document markers, line by line.
function checkLines(lines, firstLine, rules) {
  const refused = new RegExp(
    "[" + rules.refused.map(([a, b]) => `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`).join("") + "]", "u",
  );
  const fields = lineFields(lines);
  lines.forEach((line, index) => {
    const number = firstLine + index;
    const field = fields[index];
    const found = refused.exec(line);
    if (found) {
      const code = "U+" + found[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
      const column = [...line.slice(0, found.index)].length + 1;
      throw new Refused(number, field, "front.character", { code, column });
    }
    if (line.startsWith("%")) throw new Refused(number, field, "front.directive");
    if (DOCUMENT_MARKER.test(line)) throw new Refused(number, field, "front.document_marker");
  });
}

// load.py's line_fields: the top-level field each line belongs to ("front matter" for none).
function lineFields(lines) {
  let key = "front matter";
  return lines.map((line) => {
    const top = TOP_LEVEL_KEY.exec(line);
    if (top) key = top[1];
    return top || UNDER_KEY.test(line) ? key : "front matter";
  });
}

function parseFront(front, firstLine, rules) {
  const counter = new LineCounter();
  const doc = parseDocument(front, { ...YAML_OPTIONS, lineCounter: counter });
  const lineOf = (offset) => firstLine + counter.linePos(offset).line - 1;
  if (doc.errors.length) {
    const error = doc.errors[0];
    const line = lineOf(error.pos[0]);
    const field = lineFields(front.split("\n"))[line - firstLine] ?? "front matter";
    throw new Refused(line, field, "front.not_yaml", { problem: error.message });
  }
  const root = doc.contents;
  if (root === null) {
    throw new Refused(firstLine, "front matter", "front.empty");
  }
  checkNode(root, [], 1, lineOf, rules);
  if (!isMap(root)) throw new Refused(firstLine, "front matter", "front.not_mapping");
  checkValues(root, [], lineOf);
  return doc.toJS({ maxAliasCount: 0 }) ?? {};
}

// load.py's _refuse_anchors_and_tags: depth, anchors, aliases and explicit tags, in document order.
function checkNode(node, location, depth, lineOf, rules) {
  if (node === null || node === undefined) return;
  const line = lineOf(node.range?.[0] ?? 0);
  if (isCollection(node) && depth > rules.max_depth) {
    throw new Refused(line, "front matter", "front.too_deep", { depth: rules.max_depth });
  }
  if (isAlias(node) || node.anchor) throw new Refused(line, "front matter", "front.anchor");
  if (node.tag && node.tag !== "!") { // the yaml library sets a tag only where the file writes one
    throw new Refused(line, "front matter", "front.tag", { tag: node.tag.replace(CORE_TAG, "!!") });
  }
  const next = isCollection(node) ? depth + 1 : depth;
  if (isMap(node)) {
    for (const pair of node.items) {
      checkNode(pair.key, location, next, lineOf, rules);
      checkNode(pair.value, location, next, lineOf, rules);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item) => checkNode(item, location, next, lineOf, rules));
  }
}

// load.py's _to_python: keys are words and come once, numbers are finite.
function checkValues(node, location, lineOf) {
  if (isMap(node)) {
    const seen = new Map(); // key -> its line
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== "string") {
        throw new Refused(lineOf(key?.range?.[0] ?? node.range[0]), dotted(location) || "front matter", "front.key_not_word");
      }
      const line = lineOf(key.range[0]);
      if (seen.has(key.value)) {
        const values = { first: seen.get(key.value), second: line };
        throw new Refused(line, dotted([...location, key.value]), "front.key_twice", values);
      }
      seen.set(key.value, line);
      checkValues(pair.value, [...location, key.value], lineOf);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => checkValues(item, [...location, i], lineOf));
  } else if (isScalar(node) && typeof node.value === "number" && !Number.isFinite(node.value)) {
    throw new Refused(lineOf(node.range[0]), dotted(location), "front.unusable_number", { value: node.source });
  }
}

// `destinations[0].city` for ["destinations", 0, "city"], as load.py's _dotted.
function dotted(location) {
  return location.reduce(
    (text, part) => text + (typeof part === "number" ? `[${part}]` : text ? `.${part}` : part), "",
  );
}
