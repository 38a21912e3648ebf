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
import { check, message, parseAmount, setRules } from "./regels.js";
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
  if (front && !problem && isObject(data)) showAmounts(parseDocument(front, YAML_OPTIONS).contents, data, shape.fields);
  for (const traveller of Array.isArray(data.travellers) ? data.travellers : []) {
    if (traveller && traveller.name === null) traveller[shape.withheld] = true;
  }
  const source = { front: front === null ? null : front ? front + "\n" : "", body, problem };
  return { ...data, body, [SOURCE]: source };
}

// Amounts in the form read as staff write them: 412.50 in the file is "412,50" in the form (and
// read back as 412.50 by parseAmount). Anything else (1e+26, -5, .nan) stays a number, for the checks.
function showAmounts(node, data, fields) {
  if (!isMap(node) || !isObject(data)) return;
  for (const [key, spec] of Object.entries(fields)) {
    const child = node.get(key, true);
    if (spec.kind === "object" && spec.list && isSeq(child)) {
      child.items.forEach((item, i) => showAmounts(item, data[key]?.[i], spec.fields));
    } else if (spec.kind === "object") showAmounts(child, data[key], spec.fields);
    else if (isAmount(spec) && isScalar(child) && typeof child.value === "number" && /^\d+(\.\d{1,2})?$/.test(child.source ?? "")) {
      data[key] = child.source.replace(".", ",");
    }
  }
}

function isAmount(spec) {
  return (spec.checks ?? []).includes("amount");
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

// What the form would write: front matter as data, and the body.
export function fromForm(entry) {
  const data = typeof entry?.toJS === "function" ? entry.toJS() : entry;
  const { body = "", [SOURCE]: source, ...rest } = data;
  return { front: cleanMap(rest, shape.fields), body: String(body ?? ""), source };
}

export function toFile(entry) {
  const { front, body, source } = fromForm(entry);
  if (source?.problem) throw refusal("beheer.refused", source.problem);
  let yaml;
  if (source && source.front !== null) {
    const doc = parseDocument(source.front, YAML_OPTIONS);
    if (!isMap(doc.contents)) doc.contents = doc.createNode({});
    edits = [];
    reshaped = false;
    patchMap(doc, doc.contents, front, shape.fields);
    // Only values changed: each goes into the old text in its place, so every other byte (spacing,
    // comments, quotes) stays. Keys or items added or removed: the document is written anew.
    yaml = reshaped ? doc.toString(LAYOUT) : splice(source.front, edits);
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

let edits = []; // [node, its range in the old text] of each value changed in place
let reshaped = false; // whether a key or item was added or removed

function splice(text, changes) {
  let result = text;
  for (const [node, [start, end]] of [...changes].sort((a, b) => b[1][0] - a[1][0])) {
    result = result.slice(0, start) + scalarText(node) + result.slice(end);
  }
  return result;
}

// A scalar as the document would write it, without its comment (which stays where it is).
function scalarText(node) {
  const copy = node.clone();
  copy.comment = copy.commentBefore = undefined;
  const doc = new Document();
  doc.contents = copy;
  return doc.toString(LAYOUT).replace(/\n$/, "");
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
  if (typeof value === "string" && isAmount(spec)) return parseAmount(value.trim()) ?? value; // unclear: refused by the checks
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
    else if (isScalar(old) && isPlain(wanted)) patchScalar(old, wanted, spec);
    else {
      added ||= !map.has(key);
      reshaped = true;
      map.set(key, freshNode(doc, wanted, spec));
    }
  }
  // A key the form left empty goes, unless the file had it empty too (`tags: []`, `result: null`).
  for (const pair of [...map.items]) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (!(key in value) && !isEmpty(pair.value)) {
      map.delete(key);
      reshaped = true;
    }
  }
  if (added) {
    const order = Object.keys(fields);
    const rank = (pair) => (order.includes(pair.key.value) ? order.indexOf(pair.key.value) : order.length);
    map.items.sort((a, b) => rank(a) - rank(b));
  }
}

// A new value in the old node: its comment, quotes and decimals (189.00 -> 199.00) stay.
function patchScalar(node, value, spec) {
  if (node.range) edits.push([node, node.range]);
  else reshaped = true;
  const wasText = typeof node.value === "string";
  node.value = value;
  delete node.source;
  if (typeof value === "string" && (!wasText || spec.kind === "date")) node.type = undefined;
  style(node, spec);
}

function isPlain(value) {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function patchSeq(doc, seq, wanted, spec) {
  wanted.forEach((item, i) => {
    const old = seq.items[i];
    if (old !== undefined && equal(plain(old), item)) return;
    if (isMap(old) && isObject(item)) patchMap(doc, old, item, spec.fields ?? {});
    else if (isScalar(old) && isPlain(item)) patchScalar(old, item, { ...spec, list: false });
    else {
      reshaped = true;
      seq.items[i] = freshNode(doc, item, { ...spec, list: false });
    }
  });
  if (seq.items.length !== wanted.length) reshaped = true;
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

let placesLoaded = null;

async function start() {
  shape = await (await fetch("velden.json")).json();
  setRules(shape);
  placesLoaded = fetch("plaatsen.json")
    .then((response) => response.json())
    .then((places) => {
      setRules(shape, places);
      lastEntry = null;
    })
    .catch(() => {}); // without the gazetteer the place check is left to `validate`
  // Decap's Dutch leaves some words English ("Expand", "Strikethrough"): ours fill the gaps.
  const dutch = await (await fetch("nl.json")).json();
  window.CMS.registerLocale("nl", merge(window.CMS.getLocale("nl") ?? {}, dutch));
  window.CMS.registerCustomFormat(FORMAT, "md", { fromFile, toFile });
  window.CMS.registerPreviewTemplate("verslagen", preview);
  window.CMS.registerWidget("datum", DateControl);
  for (const name of CHECKED_WIDGETS) withChecks(name);
  window.CMS.init();
}

function merge(base, extra) {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    result[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  }
  return result;
}

// ----------------------------------------------------------------------------
// Dates as Dutch staff type and read them (beheer.py's DATE_WIDGET)
// ----------------------------------------------------------------------------

// 1-10-2015, 01/10/2015, 1.10.2015 or 2015-10-01 is 2015-10-01 (as `reisregister new` reads it); a
// day or month out of range stays visible (2015-10-32), for the checks to name; other text stays as typed.
export function isoDate(text) {
  const answer = String(text ?? "").trim();
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(answer);
  const loose = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(answer);
  if (!dutch && !loose) return answer;
  const [year, month, day] = dutch ? [dutch[3], dutch[2], dutch[1]] : loose.slice(1);
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

// 2015-10-01 is shown as 01-10-2015; anything else as it is.
export function dutchDate(value) {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ""));
  return iso ? `${iso[3]}-${iso[2]}-${iso[1]}` : String(value ?? "");
}

// A text field, so the order is day-month-year in every browser and no Date (or timezone) is involved.
const DateControl = window.createClass({
  getInitialState() {
    return { text: dutchDate(this.props.value) };
  },
  componentDidUpdate(previous) {
    const { value } = this.props;
    if (value !== previous.value && isoDate(this.state.text) !== (value ?? "")) this.setState({ text: dutchDate(value) });
  },
  onChange(event) {
    this.setState({ text: event.target.value });
    this.props.onChange(isoDate(event.target.value));
  },
  render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
    return window.h("input", {
      id: forID,
      type: "text",
      inputMode: "numeric",
      autoComplete: "off",
      placeholder: "dd-mm-jjjj",
      className: classNameWrapper,
      value: this.state.text,
      onChange: this.onChange,
      onFocus: setActiveStyle,
      onBlur: setInactiveStyle,
    });
  },
});

// ----------------------------------------------------------------------------
// Checks at the field: every widget reports the problems of its own field, on leaving it and on saving
// ----------------------------------------------------------------------------

const CHECKED_WIDGETS = ["string", "number", "datum", "select", "list", "markdown"];

// Decap's widget `name`, wrapped: its own checks first, then ours (regels.js) for the field it edits.
function withChecks(name) {
  const original = window.CMS.getWidget(name);
  if (!original) return;
  const Inner = original.control;
  const Checked = window.createClass({
    ownErrors() {
      const messages = problemsAt(fieldPath(this.props), this.props);
      return messages.length ? [{ type: "CUSTOM", parentIds: this.props.parentIds, message: messages.join(" — ") }] : [];
    },
    isValid() {
      const own = this.inner?.isValid ? this.inner.isValid() : true;
      if (own === false || (own && own.error)) return own;
      const [error] = this.ownErrors();
      return error ? { error } : own;
    },
    validate() {
      return this.inner?.validate ? this.inner.validate() : this.props.validate();
    },
    focus(path) {
      this.inner?.focus?.(path);
    },
    getValidateValue() {
      return this.inner?.getValidateValue?.();
    },
    shouldComponentUpdate(next) {
      return this.inner?.shouldComponentUpdate ? this.inner.shouldComponentUpdate(next) : true;
    },
    render() {
      const props = this.props;
      const setInactiveStyle = () => {
        props.setInactiveStyle?.();
        props.validate?.(); // the field's problems as soon as staff leave it
      };
      // A list reports its own errors last, as its size check, which would drop ours: add them there.
      const onValidateObject = (id, errors) =>
        props.onValidateObject?.(id, id === props.forID ? [...errors, ...this.ownErrors()] : errors);
      const ref = (control) => {
        this.inner = control;
        if (Array.isArray(control?.state?.keys)) lists.set(props.forID, control); // a list: its items' keys
      };
      const inner = window.h(Inner, { ...props, setInactiveStyle, onValidateObject, ref });
      // The start date always in the same wrapper, so that the notice coming or going keeps the focus.
      return fieldPath(props) === "start_date" ? window.h("div", null, inner, renameNotice(props)) : inner;
    },
  });
  window.CMS.registerWidget(name, Checked, original.preview, original.schema);
}

const lists = new Map(); // a list field's id -> its control, which holds the keys of its items in order

// A saved report keeps its file when its start date changes: Decap never renames an entry's file.
// Beside the field (without blocking the save, as the date itself may be right) the form says so
// and what to do: a maintainer renames the file in the pull request with `git mv`, which the site
// turns into a forwarding page from the old address (intake/git_history.py).
function renameNotice({ entry, value }) {
  const path = entry?.get?.("path");
  if (!path || entry.get("newRecord") || typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const name = path.split("/").pop().replace(/\.md$/, "");
  if (name.startsWith(`${value}-`)) return null;
  const wanted = `${path.split("/").slice(0, -2).join("/")}/${value.slice(0, 4)}/${value}${name.slice(10)}.md`;
  return window.h("p", { className: "rr-hernoemen", role: "status" }, message("beheer.rename", { path, wanted }));
}

// `costs.total`, `destinations[1].city`: Decap's field ids are `<name>-field-<n>`, and a list item
// is known by a key whose place among its list's keys is the item's index.
export function fieldPath({ parentIds = [], forID }) {
  const parts = [];
  let list = null;
  for (const id of [...parentIds, forID]) {
    if (!id) continue;
    const named = /^(.+)-field-\d+$/.exec(id);
    if (named) {
      parts.push(named[1]);
      list = id;
    } else if (list) {
      parts[parts.length - 1] += `[${lists.get(list)?.state.keys.indexOf(id) ?? -1}]`;
    }
  }
  return parts.join(".");
}

// The messages for one field, from the problems of the whole entry as the form would write it.
let lastEntry = null;
let lastProblems = [];

function problemsAt(path, props) {
  const entry = props.getEntry ? props.getEntry() : props.entry;
  const data = entry?.get ? entry.get("data") : null;
  if (!data) return [];
  if (data !== lastEntry) {
    const { front, body } = fromForm(data);
    lastProblems = placed(check(front, body));
    lastEntry = data;
    showCount(new Set(lastProblems.map((p) => p.at)).size);
  }
  const required = props.field?.get?.("required", true) !== false; // Decap says so itself
  const missing = message("type.missing");
  return lastProblems.filter((p) => p.at === path && !(required && p.message === missing)).map((p) => p.message);
}

// A line at the bottom of the page, read out by screen readers: how many fields need attention.
function showCount(count) {
  let notice = document.getElementById("nog-te-verbeteren");
  if (!notice) {
    notice = Object.assign(document.createElement("p"), { id: "nog-te-verbeteren" });
    notice.setAttribute("role", "status");
    document.body.append(notice);
  }
  notice.textContent = count
    ? `Nog te verbeteren: ${count === 1 ? "1 veld" : `${count} velden`}. De melding staat rood bij het veld; opslaan kan pas als alles klopt.`
    : "";
}

// A problem with no field of its own (an unknown key, one item of a list of words) is shown at the
// nearest field that has one, and an unknown top-level key at the first field, naming the key.
export function placed(problems) {
  return problems.map((p) => {
    let at = p.at;
    while (at && !hasField(at)) at = parentPath(at);
    return at === p.at ? p : { ...p, at: at || "title", message: `${p.path}: ${p.message}` };
  });
}

function parentPath(path) {
  const up = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
  return up === path ? "" : up;
}

function hasField(path) {
  if (path === "body") return true;
  if (/\[\d+\]$/.test(path)) return false; // an item: its fields or its list show problems
  let fields = shape.fields;
  let spec = null;
  for (const part of path.replace(/\[\d+\]/g, "").split(".")) {
    spec = fields?.[part];
    if (!spec) return false;
    fields = spec.fields;
  }
  return true;
}

const ready = start();
window.reisregisterFormat = {
  isoDate,
  dutchDate,
  fromFile,
  toFile,
  fromForm,
  check,
  placed,
  parseAmount,
  ready,
  get placesLoaded() {
    return placesLoaded;
  },
};
