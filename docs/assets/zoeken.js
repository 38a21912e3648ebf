// The search page (/zoeken/): a small Dutch interface on Pagefind's JavaScript API.
// Everything it loads is on this site: pagefind/ is written next to the pages by the build.
// The query, the chosen filters and the order live in the address, so a search can be shared.

const ROOT = new URL("../", import.meta.url); // this file is assets/zoeken.js
const FIRST_PAGE = 10; // results loaded with the first answer; each costs a fragment download
const PAGE_SIZE = 20; // results added by "Meer resultaten tonen"
const COLLAPSED = 8; // facet values shown before "Toon alle"

// Facets in the order of the page: Pagefind filter key (also the address parameter) and label.
const FACETS = [
  { key: "jaar", label: "Jaar", order: "descending" },
  { key: "land", label: "Land" },
  { key: "organisatie", label: "Organisatie" },
  { key: "rol", label: "Functie" },
  { key: "betaald-door", label: "Betaald door" },
  { key: "status", label: "Status", order: ["gepubliceerd", "verslag volgt", "gepland"] },
  { key: "tags", label: "Trefwoorden" },
  {
    key: "kosten",
    label: "Kosten",
    order: ["< € 500", "€ 500–2.000", "€ 2.000–10.000", "> € 10.000", "geen kosten opgegeven"],
  },
];

// Address value of the order -> Pagefind sort (keys set by data-pagefind-sort in trip.html).
// Costs are in euros (other currencies converted); trips without costs have cost -1: last when descending, moved to the end when ascending.
const SORTS = {
  "datum-af": { datum: "desc" },
  "datum-op": { datum: "asc" },
  "kosten-af": { kosten: "desc" },
  "kosten-op": { kosten: "asc" },
};
const NO_EURO = ["geen kosten opgegeven"];
const ORDER_NAMES = {
  "datum-af": "nieuwste eerst",
  "datum-op": "oudste eerst",
  "kosten-af": "hoogste kosten eerst (zonder opgegeven kosten achteraan)",
  "kosten-op": "laagste kosten eerst (zonder opgegeven kosten achteraan)",
};
const OPTIONS = { baseUrl: ROOT.pathname, excerptLength: 30 };

const collator = new Intl.Collator("nl", { numeric: true, sensitivity: "base" });
const count = new Intl.NumberFormat("nl-NL");

const state = { q: "", sort: "", filters: Object.fromEntries(FACETS.map((f) => [f.key, new Set()])) };
const ui = { facets: {} };
// Two Pagefind instances on the same index. Counting results per facet value is slow for broad
// queries (Pagefind counts every value once its filters are loaded), so the results come from
// `finder`, which loads no more filters than a search uses, on this page's thread; the counts
// come from `counter`, in Pagefind's web worker, after the results are shown.
let finder = null;
let counter = null;
let pagefind = null;
let totals = {};
let facetsLoading = null;
let ticket = 0;
let results = [];
let shown = 0;
let typingTimer = null;

// ----------------------------------------------------------------------------
// Address <-> state
// ----------------------------------------------------------------------------

function readAddress() {
  const params = new URLSearchParams(location.search);
  state.q = (params.get("q") || "").trim();
  state.sort = SORTS[params.get("sort")] ? params.get("sort") : "";
  for (const facet of FACETS) state.filters[facet.key] = new Set(params.getAll(facet.key).filter(Boolean));
}

function writeAddress(push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of FACETS) for (const value of state.filters[facet.key]) params.append(facet.key, value);
  if (state.sort) params.set("sort", state.sort);
  const query = params.toString();
  const address = location.pathname + (query ? "?" + query : "");
  if (address !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", address);
  document.title = (state.q ? `‘${state.q}’ – ` : "") + ui.title;
}

function chosen(except) {
  const filters = {};
  for (const facet of FACETS) {
    const values = [...state.filters[facet.key]];
    if (facet.key !== except && values.length) filters[facet.key] = { any: values };
  }
  return filters;
}

function chosenCount() {
  return FACETS.reduce((sum, facet) => sum + state.filters[facet.key].size, 0);
}

// ----------------------------------------------------------------------------
// Searching
// ----------------------------------------------------------------------------

async function run() {
  const mine = ++ticket;
  const term = state.q || null;
  updateFacetChoices();
  // Without a word or filter the page lists every trip in the chosen order (newest first by
  // default): the one place where the whole register sorts at once, e.g. the dearest trip first.
  ui.app.setAttribute("aria-busy", "true");
  const sort = SORTS[state.sort] || (term ? {} : SORTS["datum-af"]);
  const search = await finder.search(term, { filters: chosen(), sort });
  if (mine !== ticket) return;
  results = await ordered(search, term);
  if (mine !== ticket) return;
  shown = 0;
  ui.list.replaceChildren();
  await showMore(mine, FIRST_PAGE, false);
  if (mine !== ticket) return;
  announce(search);
  ui.app.removeAttribute("aria-busy");
  await loadFacets();
  if (mine !== ticket) return;
  await refreshCounts(mine, term);
}

function loadFacets() {
  facetsLoading ??= (async () => {
    counter = pagefind.createInstance(OPTIONS);
    totals = await counter.filters();
    buildFacets();
    updateFacetChoices();
  })();
  return facetsLoading;
}

async function refreshCounts(mine, term) {
  if (!term && !chosenCount()) return updateFacetCounts(totals); // every trip: the counts of the index
  const current = await counter.search(term, { filters: chosen() });
  if (mine !== ticket) return;
  const counts = { ...current.filters };
  // Values of a facet combine with "or": count each one as if the facet's own choices were not made.
  for (const facet of FACETS) {
    if (!state.filters[facet.key].size) continue;
    const others = chosen(facet.key);
    if (!term && !Object.keys(others).length) {
      counts[facet.key] = totals[facet.key] || {};
    } else {
      const without = await counter.search(term, { filters: others });
      if (mine !== ticket) return;
      counts[facet.key] = without.filters[facet.key] || {};
    }
  }
  updateFacetCounts(counts);
}

// Cheapest first: trips without costs (sort value -1) come first from Pagefind; move them last.
async function ordered(search, term) {
  if (state.sort !== "kosten-op") return search.results;
  const filters = { all: [chosen(), { kosten: { any: NO_EURO } }] };
  const unknown = (await finder.search(term, { filters })).results.length;
  return search.results.slice(unknown).concat(search.results.slice(0, unknown));
}

async function showMore(mine, size, moveFocus) {
  const next = results.slice(shown, shown + size);
  const data = await Promise.all(next.map((result) => result.data()));
  if (mine !== ticket) return;
  const items = data.map(resultItem);
  ui.list.append(...items);
  shown += next.length;
  ui.more.hidden = shown >= results.length;
  ui.more.textContent = `Meer resultaten tonen (nog ${count.format(results.length - shown)})`;
  if (moveFocus && items.length) items[0].querySelector("a").focus();
}

function resultItem(data) {
  const item = element("li", "rr-result");
  const heading = element("h3", "rr-result__title");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const facts = element("p", "rr-result__facts");
  for (const [key, label] of [
    ["datum", "Datum"],
    ["bestemming", "Bestemming"],
    ["kosten", "Kosten"],
  ]) {
    if (!data.meta[key]) continue;
    const fact = element("span", "rr-result__fact");
    fact.append(element("span", "rr-result__label", label + ": "), data.meta[key]);
    facts.append(fact);
  }
  const excerpt = element("p", "rr-result__excerpt");
  excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and adds only <mark> elements
  item.append(heading, facts, excerpt);
  return item;
}

// ----------------------------------------------------------------------------
// Messages
// ----------------------------------------------------------------------------

function announce(search) {
  const n = search.results.length;
  const about = state.q ? ` voor ‘${state.q}’` : "";
  const filtered = chosenCount() > 0;
  ui.clearHint.hidden = true;
  if (n > 0 && !state.q && !filtered) {
    setStatus(`Alle ${count.format(n)} reizen, ${ORDER_NAMES[state.sort] || ORDER_NAMES["datum-af"]}.`);
    return;
  }
  if (n > 0) {
    const trips = n === 1 ? "1 reis" : `${count.format(n)} reizen`;
    setStatus(`${trips} gevonden${about}${filtered ? " met de gekozen filters" : ""}.`);
    return;
  }
  if (filtered) {
    const without = search.unfilteredResultCount;
    const hint = state.q && without ? ` Zonder filters zijn er ${count.format(without)}.` : "";
    setStatus(`Geen reizen gevonden${about} met deze filters. Haal een of meer filters weg.${hint}`);
    ui.clearHint.hidden = false;
  } else {
    setStatus(`Geen reizen gevonden${about}. Probeer een ander of korter woord.`);
  }
}

function setStatus(text) {
  if (ui.status.textContent !== text) ui.status.textContent = text;
}

// ----------------------------------------------------------------------------
// Facets: built once from all values, then only counts and visibility change (focus stays put)
// ----------------------------------------------------------------------------

function buildFacets() {
  FACETS.forEach((facet, index) => {
    const values = orderValues(facet, totals[facet.key] || {});
    for (const value of state.filters[facet.key]) if (!values.includes(value)) values.push(value);
    if (!values.length) return;
    const fieldset = element("fieldset", "rr-facet");
    fieldset.hidden = true; // until the counts are known
    fieldset.append(element("legend", "", facet.label));
    const list = element("ul", "rr-facet__values");
    const boxes = new Map();
    values.forEach((value, position) => {
      const id = `rr-f${index}-${position}`;
      const item = element("li");
      const box = element("input");
      Object.assign(box, { type: "checkbox", id, name: facet.key, value, checked: state.filters[facet.key].has(value) });
      const label = element("label", "", value + " ");
      label.htmlFor = id;
      const number = element("span", "rr-facet__count");
      label.append(number);
      item.append(box, label);
      list.append(item);
      boxes.set(value, { box, item, number });
    });
    fieldset.append(list);
    const toggle = element("button", "rr-facet__toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", () => {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
      updateFacetCounts(ui.lastCounts);
    });
    fieldset.append(toggle);
    ui.filters.append(fieldset);
    ui.facets[facet.key] = { boxes, toggle, fieldset };
  });
}

function orderValues(facet, counts) {
  const values = Object.keys(counts);
  if (Array.isArray(facet.order)) {
    const rank = (v) => (facet.order.includes(v) ? facet.order.indexOf(v) : facet.order.length);
    return values.sort((a, b) => rank(a) - rank(b) || collator.compare(a, b));
  }
  if (facet.order === "descending") return values.sort((a, b) => collator.compare(b, a));
  return values.sort((a, b) => counts[b] - counts[a] || collator.compare(a, b));
}

function updateFacetCounts(counts) {
  ui.lastCounts = counts;
  for (const facet of FACETS) {
    const built = ui.facets[facet.key];
    if (!built) continue;
    const expanded = built.toggle.getAttribute("aria-expanded") === "true";
    let available = 0;
    for (const [value, { box, item, number }] of built.boxes) {
      const n = (counts[facet.key] || {})[value] || 0;
      number.textContent = `(${count.format(n)})`;
      const useful = n > 0 || box.checked;
      if (useful) available++;
      item.hidden = !useful || (!expanded && available > COLLAPSED && !box.checked);
    }
    built.fieldset.hidden = available === 0;
    built.toggle.hidden = available <= COLLAPSED;
    built.toggle.textContent = expanded ? "Toon minder" : `Toon alle ${count.format(available)}`;
  }
}

function updateFacetChoices() {
  for (const facet of FACETS) {
    const built = ui.facets[facet.key];
    if (!built) continue;
    for (const [value, { box }] of built.boxes) box.checked = state.filters[facet.key].has(value);
  }
  const n = chosenCount();
  ui.clear.hidden = n === 0;
  ui.summary.textContent = n ? `Filters (${n} gekozen)` : "Filters";
}

// ----------------------------------------------------------------------------
// Events
// ----------------------------------------------------------------------------

function submitQuery(value) {
  clearTimeout(typingTimer);
  state.q = value.trim();
  ui.input.value = state.q;
  writeAddress(true);
  run();
}

function bindEvents() {
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitQuery(ui.input.value);
  });
  ui.input.addEventListener("input", () => {
    const value = ui.input.value.trim();
    if (value) finder.preload(value);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      state.q = value;
      writeAddress(false);
      run();
    }, 300);
  });
  ui.filters.addEventListener("change", (event) => {
    const box = event.target;
    if (box.type !== "checkbox") return;
    const values = state.filters[box.name];
    if (box.checked) values.add(box.value);
    else values.delete(box.value);
    writeAddress(false);
    run();
  });
  ui.sort.addEventListener("change", () => {
    state.sort = ui.sort.value;
    writeAddress(false);
    run();
  });
  const clearAll = () => {
    for (const facet of FACETS) state.filters[facet.key].clear();
    writeAddress(false);
    run();
    ui.input.focus();
  };
  ui.clear.addEventListener("click", clearAll);
  ui.clearHint.addEventListener("click", clearAll);
  ui.more.addEventListener("click", () => showMore(ticket, PAGE_SIZE, true));
  window.addEventListener("popstate", () => {
    readAddress();
    ui.input.value = state.q;
    ui.sort.value = state.sort;
    run();
  });
  // The header search of this page searches here instead of reloading it.
  const header = document.querySelector("form.rr-header-search");
  if (header) {
    header.addEventListener("submit", (event) => {
      event.preventDefault();
      submitQuery(header.elements.q.value);
      header.elements.q.value = "";
    });
  }
}

// ----------------------------------------------------------------------------
// Start
// ----------------------------------------------------------------------------

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function start() {
  ui.app = document.getElementById("rr-search");
  if (!ui.app) return;
  for (const [name, id] of Object.entries({
    form: "rr-search-form",
    input: "rr-q",
    sort: "rr-sort",
    status: "rr-status",
    list: "rr-results",
    more: "rr-more",
    filters: "rr-filters",
    summary: "rr-filters-summary",
    clear: "rr-clear",
    clearHint: "rr-clear-hint",
    details: "rr-filters-panel",
  })) {
    ui[name] = document.getElementById(id);
  }
  ui.title = document.title;
  ui.app.setAttribute("aria-busy", "true");
  if (window.matchMedia("(min-width: 60em)").matches) ui.details.open = true;
  readAddress();
  ui.input.value = state.q;
  ui.sort.value = state.sort;
  setStatus(state.q || chosenCount() ? "Zoeken…" : "");
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", ROOT).href);
    finder = pagefind.createInstance({ ...OPTIONS, noWorker: true });
    await finder.init();
  } catch (error) {
    setStatus("Het zoeken kon niet worden geladen. Alle reizen staan ook in de tabellen en in het CSV-bestand.");
    ui.app.removeAttribute("aria-busy");
    throw error;
  }
  bindEvents();
  await run();
  ui.app.dataset.ready = "true";
}

start();
