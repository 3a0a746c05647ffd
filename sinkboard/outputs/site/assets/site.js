// The static site's renderer: it reads the view and the chosen area and as-of date, fetches that state's document and
// draws its blocks (texts, tiles, tables, Vega-Lite charts with their data tables and CSV downloads) into #blocks.
// publish bundles this file with Vega, Vega-Lite and Vega-Embed (vl_convert.javascript_bundle), so `vegaEmbed` is in
// scope. Every text of a document comes from the exports: it is set as textContent, never parsed as HTML.

const view = document.getElementById("view");
const blocksBox = document.getElementById("blocks");
const form = document.querySelector("form.filters");
const strings = readStrings();
const address = new URLSearchParams(window.location.search);
const defaults = {area: view.dataset.defaultArea, as_of: view.dataset.defaultAsOf};

let latest = 0; // the number of the latest document asked for: an older one arriving after it is dropped
let charts = []; // the Vega views drawn, finalized before the next document replaces them
let made = 0; // a counter for ids unique within the page (radio groups, tables)

function readStrings() {
  const holder = document.getElementById("strings");
  try {
    return holder ? JSON.parse(holder.textContent) : {};
  } catch (error) {
    console.error("sinkboard: the page's strings are not JSON", error);
    return {};
  }
}

function say(key, fallback) {
  return typeof strings[key] === "string" ? strings[key] : fallback;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function nextId(prefix) {
  made += 1;
  return `${prefix}-${made}`;
}

// ---- the state: the form's selects and the address ----

// a value the select offers, else the default: an old or mistyped address still shows a view
function offered(name, wanted) {
  const select = form ? form.elements.namedItem(name) : null;
  if (!select || !select.options) return wanted || defaults[name];
  const values = Array.from(select.options, (option) => option.value);
  if (wanted && values.includes(wanted)) return wanted;
  return values.includes(defaults[name]) ? defaults[name] : values[0];
}

function stateFromAddress() {
  return {area: offered("area", address.get("area")), as_of: offered("as_of", address.get("as_of"))};
}

function stateFromForm() {
  const value = (name) => {
    const select = form ? form.elements.namedItem(name) : null;
    return select && select.value ? select.value : defaults[name];
  };
  return {area: offered("area", value("area")), as_of: offered("as_of", value("as_of"))};
}

function fillForm(state) {
  if (!form) return;
  for (const name of ["area", "as_of"]) {
    const select = form.elements.namedItem(name);
    if (select && select.options) select.value = state[name];
  }
}

// the chosen state in the address (a default left out, so the plain address follows the latest data), and carried on
// by the links to the other language and the other views
function keepAddress(state) {
  for (const name of ["area", "as_of"]) {
    if (state[name] && state[name] !== defaults[name]) address.set(name, state[name]);
    else address.delete(name);
  }
  const query = address.toString();
  window.history.replaceState(null, "", window.location.pathname + (query ? `?${query}` : "") + window.location.hash);
  for (const link of document.querySelectorAll("a.lang-switch, nav.views a")) {
    const target = new URL(link.getAttribute("href"), window.location.href);
    for (const name of ["area", "as_of", "embed", "filters"]) {
      if (address.has(name)) target.searchParams.set(name, address.get(name));
      else target.searchParams.delete(name);
    }
    link.href = target.href;
  }
}

function documentAddress(state) {
  const data = view.dataset.data || "../data";
  const name = encodeURIComponent;
  return `${data}/${name(view.dataset.view)}/${name(state.area)}/${name(state.as_of)}.${name(view.dataset.lang)}.json.gz`;
}

// documents are stored gzip-compressed (a tenth of their size on any web server or CDN) and unpacked here; a server
// that sends them with Content-Encoding: gzip has the browser unpack them first, so the bytes say which they are
async function readDocument(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(unpacked).text());
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

// ---- fetching and drawing a document ----

async function show(state) {
  latest += 1;
  const asked = latest;
  blocksBox.setAttribute("aria-busy", "true");
  view.classList.add("loading");
  if (!blocksBox.querySelector(".block")) blocksBox.replaceChildren(element("p", "status", say("loading", "…")));
  let doc;
  try {
    const response = await fetch(documentAddress(state));
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    doc = await readDocument(response);
  } catch (error) {
    if (asked !== latest) return;
    console.warn("sinkboard: the document could not be fetched", error);
    finalizeCharts();
    const failed = element("p", "failed", say("failed", "The data could not be loaded."));
    failed.setAttribute("role", "alert");
    blocksBox.replaceChildren(failed);
    done();
    return;
  }
  if (asked !== latest) return;
  finalizeCharts();
  blocksBox.replaceChildren(...blocks(doc.blocks || [], 2));
  done();
}

function done() {
  blocksBox.removeAttribute("aria-busy");
  view.classList.remove("loading");
}

function finalizeCharts() {
  for (const chart of charts) chart.then((result) => result && result.finalize()).catch(() => {});
  charts = [];
}

// the elements of a list of blocks; headings at `level`, a table named by the heading before it
function blocks(list, level) {
  const out = [];
  let heading = "";
  for (const block of list) {
    const drawn = drawBlock(block, level, heading);
    if (block.kind === "heading") heading = block.text || "";
    if (drawn) {
      drawn.classList.add("block", `block-${block.kind}`);
      out.push(drawn);
    }
  }
  return out;
}

function drawBlock(block, level, heading) {
  switch (block.kind) {
    case "caption":
      return element("p", "caption", block.text);
    case "heading":
      return element(`h${Math.min(level, 6)}`, "heading", block.text);
    case "lines":
      return lines(block.lines || []);
    case "notice": {
      const notice = element("p", "notice", block.text);
      notice.setAttribute("role", "note");
      return notice;
    }
    case "tiles":
      return tiles(block.tiles || []);
    case "chart":
      return chart(block);
    case "table":
      return tableBlock(block, heading);
    case "switch":
      return choice(block, level);
    default:
      console.warn("sinkboard: a block of an unknown kind is left out:", block.kind);
      return null;
  }
}

function lines(texts) {
  const box = element("div", "lines");
  for (const text of texts) box.append(element("p", "line", text));
  return box;
}

function tiles(list) {
  const box = element("ul", "tiles");
  for (const tile of list) {
    const item = element("li", "tile");
    if (tile.tone) item.classList.add(`tone-${tile.tone}`);
    item.append(element("p", "tile-label", tile.label), element("p", "tile-value", tile.value));
    if (tile.note) item.append(element("p", "tile-note", tile.note));
    if (tile.help) item.append(element("p", "tile-help", tile.help));
    box.append(item);
  }
  return box;
}

// a number as a table shows it (1,234.5 · -3.2% · 12.3万 · 4.5M): set to the right, its digits lined up
const NUMBER = /^[-−+]?[\d,]*\.?\d+\s*(%|万|亿|K|M|B)?$/;

function table(data, caption) {
  const shown = element("table", "data");
  if (caption) shown.append(element("caption", "", caption));
  const head = element("thead");
  const headRow = element("tr");
  for (const column of data.columns || []) {
    const cell = element("th", "", column);
    cell.scope = "col";
    headRow.append(cell);
  }
  head.append(headRow);
  const body = element("tbody");
  for (const row of data.rows || []) {
    const line = element("tr");
    for (const value of row) {
      const text = value === null || value === undefined ? "" : String(value);
      line.append(element("td", NUMBER.test(text.trim()) ? "number" : "", text));
    }
    body.append(line);
  }
  shown.append(head, body);
  return shown;
}

// a table in its own scrolling box, which takes the keyboard's focus so that its columns can be scrolled to
function scrolling(shown, label) {
  const wrapper = element("div", "table-wrap");
  wrapper.tabIndex = 0;
  if (label) {
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", label);
  }
  wrapper.append(shown);
  return wrapper;
}

const BOM = "\ufeff";

function downloadButton(block) {
  const box = element("div", "downloads");
  if (typeof block.csv !== "string") return box;
  const button = element("button", "download", say("download_csv", "CSV"));
  button.type = "button";
  const file = block.file || `${block.name || "data"}.csv`;
  button.dataset.file = file;
  button.addEventListener("click", () => {
    const link = document.createElement("a");
    // the dashboard's CSV is UTF-8 with a byte-order mark, so that Excel and WPS read the Chinese: the same here
    const text = block.csv.startsWith(BOM) ? block.csv : BOM + block.csv;
    link.href = URL.createObjectURL(new Blob([text], {type: "text/csv;charset=utf-8"}));
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
  box.append(button);
  return box;
}

// the views of a spec that hold panels: such a chart keeps the width its panels give it (it scrolls in its box)
const PANELLED = ["facet", "hconcat", "vconcat", "concat", "repeat"];

function hasPanels(spec) {
  const encoding = spec.encoding || {};
  return PANELLED.some((key) => key in spec) || ["row", "column", "facet"].some((key) => key in encoding);
}

// the spec with the block's figures in its datasets: a document holds each as columns and rows (half the size of
// records written out), Vega reads records
function withData(spec, data) {
  const datasets = {...(spec.datasets || {})};
  for (const [name, frame] of Object.entries(data || {})) {
    const columns = frame.columns || [];
    datasets[name] = (frame.rows || []).map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
  }
  return {...spec, datasets};
}

// as the dashboard shows a chart: one without panels as wide as its container, whatever width its spec gives (its
// height too unless that is a step per bar, which only the number of bars sets)
function fitted(spec) {
  if (hasPanels(spec)) return {autosize: {type: "pad", contains: "padding"}, ...spec};
  const fit = typeof spec.height === "object" ? "fit-x" : "fit";
  return {autosize: {type: fit, contains: "padding"}, ...spec, width: "container"};
}

function chart(block) {
  const box = element("section", "chart-block");
  const title = block.title || "";
  if (title) box.setAttribute("aria-label", title);
  // Vega-Embed names the element it draws in ("Vega visualization"): it draws inside the box that carries the title
  const figure = element("div", "chart");
  figure.setAttribute("role", "img");
  figure.setAttribute("aria-label", title);
  const drawing = element("div", "drawing");
  figure.append(drawing);
  box.append(figure);
  if (block.table) {
    const details = element("details", "data-table");
    details.append(element("summary", "", say("data_table", "Data")), scrolling(table(block.table, title), title));
    box.append(details);
  }
  box.append(downloadButton(block));
  // drawn once the box is in the page, so that a chart as wide as its container measures it
  const drawn = new Promise((resolve) => requestAnimationFrame(resolve))
    .then(() => vegaEmbed(drawing, fitted(withData(block.spec || {}, block.data)), {renderer: "svg", actions: false}))
    .catch((error) => {
      console.error("sinkboard: a chart could not be drawn:", block.name, error);
      drawing.replaceChildren(element("p", "failed", say("failed", "The chart could not be drawn.")));
      return null;
    });
  charts.push(drawn);
  return box;
}

function tableBlock(block, heading) {
  const box = element("section", "table-block");
  box.append(scrolling(table(block.table || {}, heading), heading), downloadButton(block));
  if (heading) box.querySelector("caption").classList.add("visually-hidden");
  return box;
}

// a page's segmented control as a radio group: the first option shown, each other drawn when first chosen (a chart
// drawn while hidden would measure no width)
function choice(block, level) {
  const group = element("fieldset", "switch");
  group.append(element("legend", "", block.label));
  const name = nextId("switch");
  const options = block.options || [];
  const radios = element("div", "switch-options");
  const panels = options.map(() => element("div", "switch-panel"));
  options.forEach((option, index) => {
    const id = `${name}-${index}`;
    const radio = element("input");
    radio.type = "radio";
    radio.name = name;
    radio.id = id;
    radio.value = String(index);
    radio.checked = index === 0;
    const label = element("label", "", option.label);
    label.htmlFor = id;
    radios.append(radio, label);
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      panels.forEach((panel, shown) => { panel.hidden = shown !== index; });
      if (!panels[index].childElementCount) panels[index].append(...blocks(option.blocks || [], level + 1));
    });
  });
  group.append(radios);
  panels.forEach((panel, index) => { panel.hidden = index !== 0; });
  if (options.length) panels[0].append(...blocks(options[0].blocks || [], level + 1));
  const box = element("div", "switch-block");
  box.append(group, ...panels);
  return box;
}

// ---- start ----

// an embed keeps one compact line of the footer: where the figures come from, linked to the whole view
function sourceLine() {
  const footer = document.querySelector(".site-footer");
  if (!footer || typeof strings.embed_source !== "string") return;
  const whole = new URL(window.location.href);
  whole.searchParams.delete("embed");
  whole.searchParams.delete("filters");
  const line = element("p", "source");
  const link = element("a", "", strings.embed_source);
  link.href = whole.href;
  link.target = "_blank";
  link.rel = "noopener";
  line.append(link);
  footer.append(line);
}

function start() {
  if (address.get("embed") === "1") {
    document.documentElement.classList.add("embed");
    sourceLine();
  }
  if (address.get("filters") === "0") document.documentElement.classList.add("no-filters");
  const state = stateFromAddress();
  fillForm(state);
  keepAddress(state);
  if (form) {
    // the selects show a new document at once; the button is for a page without this script
    const submit = form.querySelector('button[type="submit"], input[type="submit"]');
    if (submit) submit.hidden = true;
    form.addEventListener("change", () => {
      const chosen = stateFromForm();
      keepAddress(chosen);
      show(chosen);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = stateFromForm();
      keepAddress(chosen);
      show(chosen);
    });
  }
  show(state);
}

start();
