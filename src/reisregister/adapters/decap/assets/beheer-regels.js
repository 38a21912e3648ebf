// The checks of `reisregister validate`, run in the web form on what the form would write.
//
// Nothing here is a second copy of the schema: the fields, their bounds, options and named checks,
// the patterns (invisible characters, HTML, dates, amounts, headings), the lists (countries,
// currencies, transport modes, sections) and every message come from velden.json, which
// src/reisregister/beheer.py generates from model.py, messages.py and report.py. What is code
// here are the few rules across fields (the model's validators and checks.py); tests/test_form_rules.py
// runs every example in tests/cases/ through this file and through `validate` and fails when the
// two disagree about a field.
//
// A problem is { path, message, at }: path as validate prints it (`costs.total`,
// `destinations[0]`), at the form field that shows it (a leaf, e.g. `destinations[0].lon`).

let R = null; // the rules of velden.json
let places = null; // plaatsen.json: normalised city name -> countries, likeliest first

// velden.json, and plaatsen.json once loaded (the place check waits for it).
export function setRules(shape, gazetteer) {
  R = { ...shape.rules, fields: shape.fields, re: compile(shape.rules) };
  places = gazetteer ?? places;
}

function compile(rules) {
  return {
    invisibleText: new RegExp(rules.invisible_text),
    invisibleBody: new RegExp(rules.invisible_body, "g"),
    html: new RegExp(rules.html),
    isoDate: new RegExp(`^(?:${rules.iso_date})$`),
    dutch: new RegExp(`^(?:${rules.dutch_amount})$`),
    english: new RegExp(`^(?:${rules.english_amount})$`),
    signs: new RegExp(rules.currency_signs, "gi"),
    separators: new RegExp(rules.name_separators, "g"),
    heading: new RegExp(rules.heading),
    fence: new RegExp(rules.fence),
  };
}

// ----------------------------------------------------------------------------
// Messages: the catalogue's str.format templates, filled in as Python does
// ----------------------------------------------------------------------------

export function message(key, values = {}) {
  return R.messages[key].replace(/\{(\w+)(![rs])?(?::([^}]*))?\}/g, (_, name, conversion, spec) => {
    const value = values[name];
    if (conversion === "!r") return repr(value);
    if (spec) return formatSpec(value, spec);
    return typeof value === "number" ? pyNumber(value) : String(value ?? "None");
  });
}

function formatSpec(value, spec) {
  if (/^\.\d+f$/.test(spec)) return Number(value).toFixed(Number(spec.slice(1, -1)));
  const hex = /^0(\d+)([xX])$/.exec(spec);
  if (hex) {
    const text = Number(value).toString(16).padStart(Number(hex[1]), "0");
    return hex[2] === "X" ? text.toUpperCase() : text;
  }
  return String(value);
}

// Python's repr of a value from the file: 'text', True, None, 12, 1e+26.
export function repr(value) {
  if (typeof value === "string") {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    let text = value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
    if (quote === "'") text = text.replace(/'/g, "\\'");
    return quote + text + quote;
  }
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (typeof value === "number") return pyNumber(value);
  if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
  return `{${Object.entries(value).map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`;
}

function pyNumber(value) {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  return String(value);
}

// messages.number: 1.000.000.
function thousands(value) {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

// ----------------------------------------------------------------------------
// Amounts as staff type them (money.parse_amount, with the same patterns)
// ----------------------------------------------------------------------------

export function parseAmount(text) {
  let digits = String(text).replace(R.re.signs, "");
  for (const end of [",-", ".-"]) if (digits.endsWith(end)) digits = digits.slice(0, -end.length);
  if (R.re.dutch.test(digits)) return Number(digits.replace(/\./g, "").replace(",", "."));
  if (R.re.english.test(digits)) return Number(digits.replace(/,/g, ""));
  return null;
}

// ----------------------------------------------------------------------------
// difflib's ratio and get_close_matches, for the "did you mean" hints
// ----------------------------------------------------------------------------

function matching(a, alo, ahi, b, blo, bhi) {
  let best = 0;
  let bi = alo;
  let bj = blo;
  for (let i = alo; i < ahi; i++) {
    for (let j = blo; j < bhi; j++) {
      let k = 0;
      while (i + k < ahi && j + k < bhi && a[i + k] === b[j + k]) k++;
      if (k > best) [best, bi, bj] = [k, i, j];
    }
  }
  if (!best) return 0;
  return best + matching(a, alo, bi, b, blo, bj) + matching(a, bi + best, ahi, b, bj + best, bhi);
}

export function ratio(a, b) {
  return a.length + b.length ? (2 * matching(a, 0, a.length, b, 0, b.length)) / (a.length + b.length) : 1;
}

function closeMatches(word, possibilities, cutoff) {
  const scored = possibilities.map((x) => [ratio(x, word), x]).filter(([score]) => score >= cutoff);
  scored.sort((p, q) => q[0] - p[0] || (q[1] > p[1] ? 1 : -1));
  return scored.map(([, x]) => x);
}

// ----------------------------------------------------------------------------
// One field at a time (the model's types and validators)
// ----------------------------------------------------------------------------

function checkFields(fields, data, prefix, problems) {
  if (!isObject(data)) {
    problems.push(problem(prefix, message("type.model_type", { input: data })));
    return;
  }
  for (const key of Object.keys(data)) {
    if (!(key in fields)) problems.push(problem(join(prefix, key), unknownField(key, fields)));
  }
  for (const [name, spec] of Object.entries(fields)) {
    const path = join(prefix, name);
    const value = data[name];
    if (value === undefined || (value === null && !spec.nullable)) {
      const missing = spec.checks?.includes("name") ? message("name.missing") : message("type.missing"); // what to do
      if (spec.required || value === null) problems.push(problem(path, missing));
      continue;
    }
    if (value === null) continue;
    if (spec.list) checkList(spec, value, path, problems);
    else checkValue(spec, value, path, problems);
  }
}

function unknownField(key, fields) {
  const known = Object.keys(fields);
  const close = closeMatches(key, known, 0.6);
  const hint = close.length ? message("field.did_you_mean", { close: close[0] }) : message("field.known", { fields: known.join(", ") });
  return message("field.unknown", { hint });
}

function checkList(spec, value, path, problems) {
  if (!Array.isArray(value)) {
    problems.push(problem(path, message("type.list_type", { input: value })));
    return;
  }
  const { min_length: min, max_length: max } = spec.items;
  if (min && value.length < min) problems.push(problem(path, message("type.too_short")));
  if (max !== undefined && value.length > max) {
    problems.push(problem(path, message("type.too_long", { actual_length: value.length, max_length: max })));
  }
  value.forEach((item, i) => checkValue(spec, item, `${path}[${i}]`, problems));
}

function checkValue(spec, value, path, problems) {
  const say = (key, values) => problems.push(problem(path, message(key, values)));
  const checks = spec.checks ?? [];
  if (spec.kind === "object") return checkFields(spec.fields, value, path, problems);
  if (spec.kind === "date") return checkDate(value, say);
  if (spec.kind === "float" || spec.kind === "int") return checkNumber(spec, value, say);
  if (checks.includes("transport") && typeof value === "string" && !spec.options.includes(value)) {
    const close = closeMatches(value.toLowerCase(), spec.options, 0.5);
    const hint = close.length ? message("transport.did_you_mean", { close: close[0] }) : "";
    return say("transport.unknown", { value, hint, modes: spec.options.join(", ") });
  }
  if (spec.options) {
    if (!spec.options.includes(value)) say("type.literal_error", { input: value, expected: options(spec.options) });
    return;
  }
  if (typeof value !== "string") return say("type.string_type", { input: value });
  const length = [...value].length;
  if (spec.min_length && length < spec.min_length) return say(checks.includes("name") ? "name.empty" : "type.string_too_short");
  if (spec.max_length !== undefined && length > spec.max_length) {
    return say("type.string_too_long", { length, max_length: spec.max_length });
  }
  const plain = checks.includes("plain") ? plainText(value) : null;
  if (plain) return say(...plain);
  if (checks.includes("name") && !value.trim()) return say("name.empty");
  if (checks.includes("name") && R.not_a_name.includes(value.trim().toLowerCase())) return say("name.not_a_name", { value });
  if (checks.includes("country")) return checkCountry(value, say);
  if (checks.includes("currency")) return checkCurrency(value, say);
}

function options(values) {
  const quoted = values.map((v) => repr(v));
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} of ${quoted.at(-1)}` : quoted[0];
}

// model._plain_text: one line, nothing invisible, no HTML, not the importer's stand-in.
function plainText(value) {
  if (value.includes("\n")) return ["text.one_line"];
  const invisible = R.re.invisibleText.exec(value);
  if (invisible) return invisibleMessage(invisible[0]);
  const html = R.re.html.exec(value);
  if (html) return ["text.html", { found: html[0] }];
  if (value.trim().toLowerCase() === R.placeholder) return ["text.placeholder", { value }];
  return null;
}

const CHARACTER_NAMES = {
  0x2028: "line separator",
  0x2029: "paragraph separator",
  0x061c: "arabic letter mark",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
};

// unicodedata.name(char, "control character").lower(): control characters have no name.
function invisibleMessage(char) {
  const code = char.codePointAt(0);
  return ["text.invisible", { code, name: CHARACTER_NAMES[code] ?? "control character" }];
}

function checkDate(value, say) {
  if (typeof value !== "string" || !R.re.isoDate.test(value)) return say("date.not_a_date", { value });
  const [year, month, day] = value.split("-").map(Number);
  const real = new Date(Date.UTC(year, month - 1, day));
  if (real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day || year < 1) return say("date.not_real", { value });
  if (value < R.first_date || value > R.last_date) {
    say("date.out_of_range", { value, first: R.first_date.slice(0, 4), last: R.last_date.slice(0, 4) });
  }
}

function checkNumber(spec, value, say) {
  if ((spec.checks ?? []).includes("amount") && typeof value === "string") {
    return say("amount.unclear", { value });
  }
  if (typeof value !== "number") return say(spec.kind === "int" ? "type.int_type" : "type.float_type", { input: value });
  if (spec.kind === "int" && !Number.isInteger(value)) return say("type.int_type", { input: value });
  if (spec.finite && !Number.isFinite(value)) return say("type.finite_number", { input: value });
  if (spec.ge !== undefined && value < spec.ge) return say("type.greater_than_equal", { input: value, ge: spec.ge });
  if (spec.le !== undefined && value > spec.le) say("type.less_than_equal", { input: value, le: thousands(spec.le) });
}

function checkCountry(value, say) {
  if (value in R.countries && value === value.toUpperCase()) return;
  const code = countryCode(value) ?? likelyCountry(value);
  const hint = code ? message("country.did_you_mean", { code, name: R.countries[code] }) : message("country.how");
  say("country.not_code", { value, hint });
}

function countryCode(name) {
  const answer = name.trim();
  if (answer.length === 2 && answer.toUpperCase() in R.countries) return answer.toUpperCase();
  return R.country_names[normaliseName(answer)] ?? null;
}

function likelyCountry(name) {
  const close = closeMatches(normaliseName(name), Object.keys(R.country_names), 0.8);
  return close.length ? R.country_names[close[0]] : null;
}

function checkCurrency(value, say) {
  if (R.currencies.includes(value)) return;
  if (R.iso_currencies.includes(value)) return say("currency.no_rate", { value });
  const code = R.currency_names[value.trim().toLowerCase().split(/\s+/).join(" ")];
  const hint = code ? message("currency.did_you_mean", { code }) : message("currency.how");
  say("currency.not_code", { value, hint });
}

// places.normalise_name: lowercase ASCII words.
export function normaliseName(name) {
  let text = name;
  if (/[^\x00-\x7f]/.test(text)) text = text.normalize("NFKD").replace(/\p{M}/gu, "");
  text = text.toLowerCase().replace(/ß/g, "ss");
  return text.split(R.re.separators).join(" ").trim();
}

// ----------------------------------------------------------------------------
// Rules across fields (the model's validators and checks.py)
// ----------------------------------------------------------------------------

function checkAcross(data, problems, today) {
  const start = validDate(data.start_date);
  const end = validDate(data.end_date);
  if (start && end && end < start) problems.push(problem("end_date", message("date.end_before_start", { end, start })));
  checkCosts(data.costs, problems);
  (Array.isArray(data.destinations) ? data.destinations : []).forEach((d, i) => checkDestination(d, i, problems));
  checkUnique(data.tags, "tags", (tag) => tag.toLowerCase(), (tag) => message("tags.twice", { tag }), problems);
  checkUnique(data.transport, "transport", (mode) => mode, () => message("transport.twice"), problems);
  (Array.isArray(data.corrections) ? data.corrections : []).forEach((correction, i) => {
    const when = validDate(correction?.date);
    if (when && when > today) {
      const path = `corrections[${i}].date`;
      problems.push(problem(path, message("correction.after_version", { date: when, reference: today })));
    }
  });
  (Array.isArray(data.actions) ? data.actions : []).forEach((action, i) => checkAction(action, i, start, today, problems));
}

// The model's rule (Costs._total_is_sum_of_parts), which runs once every field of the costs is
// valid itself: a part's own currency needs its amount; parts in several currencies have no total
// (the register adds them in euros); otherwise the total is required and is the sum of the parts.
function checkCosts(costs, problems) {
  if (!isObject(costs) || problems.some((p) => p.path.startsWith("costs."))) return;
  const given = R.cost_parts.filter((name) => present(costs[name]));
  const own = (name) => costs[`${name}_currency`];
  const lost = R.cost_parts.find((name) => present(own(name)) && !given.includes(name));
  if (lost) {
    problems.push(problem(`costs.${lost}_currency`, message("costs.currency_without_amount", { part: lost })));
    return;
  }
  const currency = present(costs.currency) ? costs.currency : "EUR";
  const currencies = given.map((name) => (present(own(name)) ? own(name) : currency));
  if (currencies.some((code) => code !== currency)) {
    if (present(costs.total)) {
      const several = [...new Set(currencies)].sort().join(", ");
      problems.push(problem("costs.total", message("costs.total_several", { currencies: several })));
    }
    return;
  }
  if (!present(costs.total)) {
    problems.push(problem("costs.total", message("type.missing")));
    return;
  }
  const sum = given.reduce((total, name) => total + costs[name], 0);
  if (given.length && Math.abs(sum - costs.total) > R.sum_tolerance) {
    const terms = given.map((name) => `${R.messages[`cost.${name}`].toLowerCase()} ${costs[name].toFixed(2)}`).join(" + ");
    problems.push(problem("costs.total", message("costs.not_sum", { total: costs.total, terms, sum })));
  }
}

function present(value) {
  return value !== undefined && value !== null && value !== "";
}

function checkDestination(destination, i, problems) {
  if (!isObject(destination)) return;
  const hasLat = typeof destination.lat === "number";
  const hasLon = typeof destination.lon === "number";
  if (hasLat !== hasLon) {
    problems.push(problem(`destinations[${i}]`, message("destination.lat_lon"), `destinations[${i}].${hasLat ? "lon" : "lat"}`));
  }
  const { city, country } = destination;
  if (hasLat || !places || typeof city !== "string" || !(country in R.countries)) return;
  const known = places[normaliseName(city)];
  if (!known || known.includes(country)) return;
  const values = { city, country, country_name: R.countries[country], code: known[0], name: R.countries[known[0]] };
  problems.push(problem(`destinations[${i}].country`, message("destination.elsewhere", values)));
}

function checkUnique(list, path, key, say, problems) {
  if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) return;
  const seen = new Set();
  for (const item of list) {
    if (seen.has(key(item))) {
      problems.push(problem(path, say(item)));
      return;
    }
    seen.add(key(item));
  }
}

function checkAction(action, i, start, today, problems) {
  if (!isObject(action)) return;
  const { status } = action;
  const closed = status !== undefined && status !== R.open && R.fields.actions.fields.status.options.includes(status);
  if (closed && (action.updated === undefined || action.updated === null)) {
    problems.push(problem(`actions[${i}]`, message("action.closed_undated", { status }), `actions[${i}].updated`));
  }
  for (const name of ["due", "updated"]) {
    const when = validDate(action[name]);
    if (when && start && when < start) {
      problems.push(problem(`actions[${i}].${name}`, message("action.before_start", { date: when, start })));
    }
  }
  const updated = validDate(action.updated);
  if (updated && updated > today) {
    problems.push(problem(`actions[${i}].updated`, message("action.after_version", { date: updated, reference: today })));
  }
}

// ----------------------------------------------------------------------------
// The body: hidden and invisible text, the five sections (checks.check_body, check_sections)
// ----------------------------------------------------------------------------

function checkBody(body, problems) {
  const text = String(body ?? "");
  if (text.length > R.max_body) {
    problems.push(problem("body", message("body.too_long", { length: thousands(text.length), limit: thousands(R.max_body) })));
  }
  for (const kind of hiddenText(text)) {
    problems.push(problem("body", message("body.hidden", { kind: message(`body.hidden.${kind}`) })));
  }
  for (const found of text.matchAll(R.re.invisibleBody)) {
    problems.push(problem("body", message(...invisibleMessage(found[0]))));
    if (problems.length > 20) break;
  }
  checkSections(splitSections(text), problems);
}

// HTML comments and link reference definitions outside code (markup.hidden_text).
function hiddenText(text) {
  const found = [];
  let inFence = false;
  for (const line of text.split("\n")) {
    if (R.re.fence.test(line)) inFence = !inFence;
    if (inFence || /^( {4}|\t)/.test(line)) continue;
    if (line.replace(/`[^`]*`/g, "").includes("<!--")) found.push("comment");
    else if (/^ {0,3}\[[^\]]+\]:\s*\S/.test(line)) found.push("link_definition");
  }
  return found;
}

function splitSections(body) {
  const sections = [];
  let heading = null;
  let lines = [];
  let inFence = false;
  const close = () => {
    const text = lines.join("\n").replace(/^\n+|\n+$/g, "");
    if (heading !== null || text.trim()) {
      sections.push({ key: heading ? headingKey(heading) : null, heading: heading ?? "", text, line: start });
    }
  };
  let start = 1;
  for (const [index, line] of body.split("\n").entries()) {
    if (R.re.fence.test(line)) inFence = !inFence;
    const match = inFence ? null : R.re.heading.exec(line);
    if (match) {
      close();
      heading = cleanHeading(match[2]);
      start = index + 1;
      lines = [];
    } else lines.push(line);
  }
  close();
  return sections;
}

function cleanHeading(heading) {
  return heading.replace(/(\*\*|__)/g, "").trim().replace(/:+$/, "").trim();
}

function headingKey(heading) {
  const plain = cleanHeading(heading).replace(/\*/g, "").toLowerCase();
  return Object.entries(R.sections).find(([, start]) => plain.startsWith(start.toLowerCase()))?.[0] ?? null;
}

function checkSections(sections, problems) {
  if (!sections.some((s) => s.text.trim())) return; // a planned trip: no report yet
  const found = {};
  for (const section of sections) {
    const path = section.key ? `sections.${section.key}` : "body";
    if (section.key && found[section.key]) {
      problems.push(problem(path, message("section.twice", { heading: found[section.key].heading, first: found[section.key].line, second: section.line }), "body"));
    } else if (section.key) found[section.key] = section;
    if (section.text.length > R.max_section) {
      const values = { heading: section.heading || message("section.preamble"), length: thousands(section.text.length), limit: thousands(R.max_section) };
      problems.push(problem(path, message("section.too_long", values), "body"));
    }
    if (isPlaceholder(section.text)) problems.push(problem(path, message("section.placeholder", { text: section.text }), "body"));
  }
  const extras = sections.filter((s) => s.key === null && s.heading);
  for (const [key, heading] of Object.entries(R.sections)) {
    const path = `sections.${key}`;
    if (!found[key]) {
      const near = extras.find((s) => ratio(s.heading.replace(/\*/g, "").toLowerCase().slice(0, heading.length + 3), heading.toLowerCase()) >= R.near_heading);
      const text = near ? message("section.near_miss", { found: near.heading, heading }) : message("section.missing", { heading });
      problems.push(problem(path, text, "body"));
    } else if (!found[key].text.trim()) {
      problems.push(problem(path, message("section.empty", { heading: found[key].heading }), "body"));
    }
  }
}

function isPlaceholder(text) {
  if (text.length > R.placeholder_max) return false;
  const plain = text.replace(/[*_\s]+/g, " ").trim().replace(/\.+$/, "").toLowerCase();
  return plain === R.placeholder || plain === R.section_placeholder.replace(/[*_]/g, "").replace(/\.+$/, "").toLowerCase();
}

// ----------------------------------------------------------------------------
// Everything
// ----------------------------------------------------------------------------

// Every problem of a report's front matter (as the form would write it) and body.
export function check(data, body, today = new Date().toISOString().slice(0, 10)) {
  const problems = [];
  checkFields(R.fields, data, "", problems);
  checkAcross(data, problems, today);
  checkBody(body, problems);
  checkPublished(data, body, problems, today);
  return problems;
}

// checks.check_published_date: `published` belongs to a written report, between the trip's end and today.
function checkPublished(data, body, problems, today) {
  const published = validDate(data.published);
  if (!published) return;
  const end = validDate(data.end_date);
  let text = null;
  if (!splitSections(String(body ?? "")).some((s) => s.text.trim())) text = message("published.not_written");
  else if (end && published < end) text = message("published.before_end", { date: published, end });
  else if (published > today) text = message("published.after_version", { date: published, reference: today });
  if (text) problems.push(problem("published", text));
}

function problem(path, text, at = path) {
  return { path, message: text, at };
}

function join(prefix, name) {
  return prefix ? `${prefix}.${name}` : name;
}

function validDate(value) {
  return typeof value === "string" && R.re.isoDate.test(value) ? value : null;
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
