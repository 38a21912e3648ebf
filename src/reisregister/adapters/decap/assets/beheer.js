// The report file format of the web form (/beheer/), registered with Decap CMS before it starts.
//
// Decap's own front-matter format rewrites a whole file on save: dates become timestamps, `NO`
// (Norway) loses its quotes, 412.50 becomes 412.5 and comments go. This one reads YAML 1.2 like
// `reisregister validate` (dates stay text) and writes a report back by changing only the values
// that were edited in the original YAML document; a new report is written the way
// src/reisregister/write.py writes one. velden.json (generated from the schema) gives the key
// order, the kind of each value and the keys whose `null` must stay (a withheld name).
//
// A file the build would refuse (an invisible character, a YAML directive, a bad fence: see
// front-matter.js) is opened without its values and never saved: saving would drop or rewrite
// what the form cannot show. What the form writes is read back with the same rules before it is saved.
import { Document, isMap, isScalar, isSeq, parseDocument } from "./yaml/index.js";
import { readReport, YAML_OPTIONS } from "./front-matter.js";

const FORMAT = "reisregister-md";
const SOURCE = "_bron"; // the file's front matter and body as loaded, carried along in the entry
const LAYOUT = { lineWidth: 0, singleQuote: true, flowCollectionPadding: false }; // write.py's layout
// Words a YAML 1.1 reader turns into booleans or null: quoted, as write.py does.
const YAML11_WORDS = new Set(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]);

let shape = { fields: {}, withheld: "", reader: { refused: [], max_depth: 10, messages: {} } };

// ----------------------------------------------------------------------------
// Reading
// ----------------------------------------------------------------------------

export function fromFile(text) {
  const { front, body, data, problem } = readReport(text, shape.reader);
  for (const traveller of data.travellers ?? []) {
    if (traveller && traveller.name === null) traveller[shape.withheld] = true;
  }
  const source = { front: front === null ? null : front ? front + "\n" : "", body, problem };
  return { ...data, body, [SOURCE]: source };
}

// An error Decap shows as "Kan item niet opslaan: <message>".
function refusal(key, problem) {
  const text = shape.reader.messages[key].replace(/\{(\w+)\}/g, (_, name) => String(problem[name]));
  const error = new Error(text);
  error.name = "";
  return error;
}

// ----------------------------------------------------------------------------
// Writing
// ----------------------------------------------------------------------------

export function toFile(entry) {
  const data = typeof entry?.toJS === "function" ? entry.toJS() : entry;
  const { body = "", [SOURCE]: source, ...rest } = data;
  if (source?.problem) throw refusal("beheer.refused", source.problem);
  const front = cleanMap(rest, shape.fields);
  let yaml;
  if (source && source.front !== null) {
    const doc = parseDocument(source.front, YAML_OPTIONS);
    if (!isMap(doc.contents)) doc.contents = doc.createNode({});
    patchMap(doc, doc.contents, front, shape.fields);
    yaml = doc.toString(LAYOUT);
  } else {
    const doc = new Document(front);
    style(doc.contents, { fields: shape.fields });
    yaml = doc.toString(LAYOUT);
  }
  const text = `---\n${yaml}---\n${bodyText(body, source)}`;
  const { problem } = readReport(text, shape.reader);
  if (problem) throw refusal("beheer.refused_output", problem);
  return text;
}

// The body as typed; unchanged apart from surrounding blank lines -> exactly as it was.
function bodyText(body, source) {
  const text = String(body ?? "");
  if (source && text.trim() === source.body.trim()) return source.body;
  const trimmed = text.replace(/^\n+/, "").replace(/\s+$/, "");
  return trimmed ? `\n${trimmed}\n` : "";
}

// The form's values as the schema wants them: no empty strings, lists or groups; numbers as numbers.
function cleanMap(object, fields) {
  const result = {};
  const withheld = object[shape.withheld] === true;
  const keys = [...Object.keys(fields), ...Object.keys(object).filter((key) => !(key in fields))];
  for (const key of keys) {
    if (key === shape.withheld || key === SOURCE || !(key in object || fields[key]?.keep_null)) continue;
    const spec = fields[key] ?? {};
    let value = cleanValue(object[key], spec);
    if (spec.keep_null && (value === undefined || (withheld && key === "name"))) value = null;
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function cleanValue(value, spec) {
  if (value === null || value === undefined || value === "") return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => cleanValue(item, { ...spec, list: false })).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const result = cleanMap(value, spec.fields ?? {});
    return Object.keys(result).length ? result : undefined;
  }
  if (typeof value === "string" && ["float", "int"].includes(spec.kind) && value.trim() && isFinite(Number(value))) {
    return Number(value);
  }
  if (typeof value === "string" && spec.kind === "date") return value.slice(0, 10);
  return value;
}

// Change a YAML mapping in place so that it holds `value`; untouched values keep their text.
function patchMap(doc, map, value, fields) {
  let added = false;
  for (const [key, wanted] of Object.entries(value)) {
    const spec = fields[key] ?? {};
    const old = map.get(key, true);
    if (old !== undefined && equal(plain(old), wanted)) continue;
    if (isMap(old) && isObject(wanted)) patchMap(doc, old, wanted, spec.fields ?? {});
    else if (isSeq(old) && Array.isArray(wanted)) patchSeq(doc, old, wanted, spec);
    else {
      added ||= !map.has(key);
      map.set(key, freshNode(doc, wanted, spec));
    }
  }
  // A key the form left empty goes, unless the file had it empty too (`tags: []`, `result: null`).
  for (const pair of [...map.items]) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (!(key in value) && !isEmpty(pair.value)) map.delete(key);
  }
  if (added) {
    const order = Object.keys(fields);
    const rank = (pair) => (order.includes(pair.key.value) ? order.indexOf(pair.key.value) : order.length);
    map.items.sort((a, b) => rank(a) - rank(b));
  }
}

function patchSeq(doc, seq, wanted, spec) {
  wanted.forEach((item, i) => {
    const old = seq.items[i];
    if (old !== undefined && equal(plain(old), item)) return;
    if (isMap(old) && isObject(item)) patchMap(doc, old, item, spec.fields ?? {});
    else seq.items[i] = freshNode(doc, item, { ...spec, list: false });
  });
  seq.items.length = wanted.length;
}

// A new node, styled as write.py writes: special words quoted, whole amounts as 640.0.
function freshNode(doc, value, spec) {
  const node = doc.createNode(value);
  style(node, spec);
  return node;
}

function style(node, spec) {
  if (isMap(node)) {
    for (const pair of node.items) style(pair.value, (spec.fields ?? {})[pair.key.value] ?? {});
  } else if (isSeq(node)) {
    for (const item of node.items) style(item, { ...spec, list: false });
  } else if (isScalar(node)) {
    if (typeof node.value === "string" && spec.kind !== "date" && needsQuotes(node.value)) node.type = "QUOTE_DOUBLE";
    if (typeof node.value === "number" && spec.kind === "float" && Number.isInteger(node.value)) {
      node.minFractionDigits = 1;
    }
  }
}

function needsQuotes(text) {
  return YAML11_WORDS.has(text.toLowerCase()) || /^[0-9+\-.]/.test(text);
}

function plain(node) {
  return isScalar(node) ? node.value : typeof node?.toJSON === "function" ? node.toJSON() : node;
}

function isEmpty(node) {
  const value = plain(node);
  return value === null || value === "" || (Array.isArray(value) && !value.length) || (isObject(value) && !Object.keys(value).length);
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function equal(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ----------------------------------------------------------------------------
// Preview: the text only, as React elements (nothing from a report is run or rendered as HTML)
// ----------------------------------------------------------------------------

function preview({ entry }) {
  const h = window.h ?? window.React.createElement;
  const data = (key) => entry.getIn(["data", key]) ?? "";
  const problem = entry.getIn(["data", SOURCE, "problem"]);
  return h(
    "article",
    { style: { fontFamily: "system-ui, sans-serif", maxWidth: "42rem", margin: "0 auto", lineHeight: 1.5 } },
    problem
      ? h("p", { role: "alert", style: { background: "#fdd", padding: "0.5rem" } },
          refusal("beheer.refused", problem.toJS ? problem.toJS() : problem).message)
      : null,
    h("p", { role: "note", style: { background: "#eef", padding: "0.5rem" } },
      "Voorbeeld van de tekst, zonder opmaak. Op de site krijgt het verslag een eigen pagina met een overzicht van reis, reizigers en kosten."),
    h("h1", null, String(data("title"))),
    h("p", null, h("strong", null, String(data("summary")))),
    h("div", { style: { whiteSpace: "pre-wrap" } }, String(data("body"))),
  );
}

// ----------------------------------------------------------------------------
// Start
// ----------------------------------------------------------------------------

async function start() {
  const response = await fetch("velden.json");
  shape = await response.json();
  window.CMS.registerCustomFormat(FORMAT, "md", { fromFile, toFile });
  window.CMS.registerPreviewTemplate("verslagen", preview);
  window.CMS.init();
}

window.reisregisterFormat = { fromFile, toFile, ready: start() };
