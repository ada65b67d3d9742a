// The newskg page: draws the graph embedded in <script id="newskg-data"> with sigma.js and graphology.
// Built into ../assets/viewer.js by build.mjs (npm run build); the Python side inlines it into each page.
//
// The data (graphs/viewer/data.py writes it): nodes carry the contract's `type`; sigma reads a node
// attribute named `type` as its render program, so the entity type lives in `entityType` on the graphology
// node and sigma's `type` is left to the default circle program.

import EdgeCurveProgram, {
  DEFAULT_EDGE_CURVATURE,
  EdgeCurvedArrowProgram,
  indexParallelEdgesIndex,
} from "@sigma/edge-curve";
import { MultiDirectedGraph } from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram } from "sigma/rendering";

const FADED = "#e4e4e4";
const root = document.documentElement;
// Anything the page's Content-Security-Policy refuses (a request to the network, say) is counted here.
document.addEventListener("securitypolicyviolation", (event) => {
  root.dataset.cspViolations = String(Number(root.dataset.cspViolations || 0) + 1);
  root.dataset.cspBlocked = event.blockedURI;
});
const data = JSON.parse(document.getElementById("newskg-data").textContent);
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "color") node.style.background = value; // CSSOM, which the page's CSP allows
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

// ---- the graph --------------------------------------------------------------------------------------------

const graph = new MultiDirectedGraph();
const typeColor = Object.fromEntries(data.types.map((t) => [t.name, t.color]));
const relationColor = Object.fromEntries(data.relations.map((r) => [r.name, r.color]));
const nodeIds = data.nodes.map((n) => n.id);

data.nodes.forEach((n, index) => {
  graph.addNode(n.id, {
    x: n.x,
    y: n.y,
    size: n.size,
    label: n.label,
    color: typeColor[n.type] || "#7f7f7f",
    entityType: n.type,
    index,
  });
});
data.edges.forEach((e, index) => {
  graph.addEdgeWithKey(`e${index}`, nodeIds[e.source], nodeIds[e.target], {
    label: e.relation,
    relation: e.relation,
    size: e.size,
    color: relationColor[e.relation] || "#999999",
    symmetric: e.symmetric,
    index,
  });
});

// Parallel edges (two relations between the same pair) are drawn as curves, so each stays visible and clickable.
indexParallelEdgesIndex(graph, {
  edgeIndexAttribute: "parallelIndex",
  edgeMinIndexAttribute: "parallelMinIndex",
  edgeMaxIndexAttribute: "parallelMaxIndex",
});
function curvature(index, maxIndex) {
  if (index < 0) return -curvature(-index, maxIndex);
  const amplitude = 3.5;
  const maxCurvature = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * DEFAULT_EDGE_CURVATURE;
  return (maxCurvature * index) / maxIndex;
}
// Symmetric relations (met, signed...) have no arrow head.
graph.forEachEdge((edge, attrs) => {
  const { parallelIndex, parallelMinIndex, parallelMaxIndex, symmetric } = attrs;
  const straight = symmetric ? "line" : "arrow";
  const curved = symmetric ? "curvedLine" : "curvedArrow";
  if (typeof parallelMinIndex === "number") {
    graph.mergeEdgeAttributes(edge, {
      type: parallelIndex ? curved : straight,
      curvature: parallelIndex ? curvature(parallelIndex, parallelMaxIndex) : 0,
    });
  } else if (typeof parallelIndex === "number") {
    graph.mergeEdgeAttributes(edge, { type: curved, curvature: curvature(parallelIndex, parallelMaxIndex) });
  } else {
    graph.setEdgeAttribute(edge, "type", straight);
  }
});

// ---- what is shown ----------------------------------------------------------------------------------------

const state = {
  types: new Set(data.types.map((t) => t.name)),
  relations: new Set(data.relations.map((r) => r.name)),
  showIsolated: false,
  edgeLabels: true,
  from: 0,
  to: Math.max(0, data.dates.length - 1),
  query: "",
  selected: null, // {kind: "node"|"edge", id}
  hovered: null,
};
const visibleNodes = new Set();
const visibleEdges = new Set();
let highlighted = null; // Set of node ids and edge keys in focus, or null
let matches = null; // Set of node ids matching the search box, or null
// On large graphs a focus change redraws only what it changes (no fading of the rest, which would redraw all).
const LARGE = data.nodes.length > 2000 || data.edges.length > 5000;

function inDates(dates) {
  if (!data.dates.length || !dates || !dates.length) return true;
  return dates.some((d) => d >= state.from && d <= state.to);
}

function computeVisibility() {
  visibleNodes.clear();
  visibleEdges.clear();
  const candidate = new Set();
  data.nodes.forEach((n) => {
    if (state.types.has(n.type) && inDates(n.dates)) candidate.add(n.id);
  });
  const withEdges = new Set();
  data.edges.forEach((e, index) => {
    const source = nodeIds[e.source];
    const target = nodeIds[e.target];
    if (state.relations.has(e.relation) && candidate.has(source) && candidate.has(target) && inDates(e.dates)) {
      visibleEdges.add(`e${index}`);
      withEdges.add(source);
      withEdges.add(target);
    }
  });
  for (const id of candidate) if (state.showIsolated || withEdges.has(id)) visibleNodes.add(id);
  root.dataset.visibleNodes = String(visibleNodes.size);
  root.dataset.visibleEdges = String(visibleEdges.size);
  $("counts").textContent =
    `${visibleNodes.size.toLocaleString("en")} of ${graph.order.toLocaleString("en")} entities, ` +
    `${visibleEdges.size.toLocaleString("en")} of ${graph.size.toLocaleString("en")} relations shown`;
}

function computeHighlight() {
  highlighted = null;
  const focus = state.selected || state.hovered;
  if (!focus) return;
  highlighted = new Set();
  if (focus.kind === "node") {
    highlighted.add(focus.id);
    graph.forEachEdge(focus.id, (edge, _attrs, source, target) => {
      if (!visibleEdges.has(edge)) return;
      highlighted.add(edge);
      highlighted.add(source);
      highlighted.add(target);
    });
  } else {
    highlighted.add(focus.id);
    highlighted.add(graph.source(focus.id));
    highlighted.add(graph.target(focus.id));
  }
}

function nodeReducer(node, attrs) {
  const res = { ...attrs };
  if (!visibleNodes.has(node)) return { ...res, hidden: true };
  const focus = highlighted || matches;
  if (focus && !focus.has(node) && !LARGE) {
    res.color = FADED;
    res.label = "";
    res.zIndex = 0;
  } else if (focus) {
    res.highlighted = true;
    res.forceLabel = true;
    res.zIndex = 1;
  }
  return res;
}

function edgeReducer(edge, attrs) {
  const res = { ...attrs };
  if (!visibleEdges.has(edge)) return { ...res, hidden: true };
  if (LARGE) {
    if (highlighted && highlighted.has(edge)) Object.assign(res, { forceLabel: true, zIndex: 1, size: attrs.size + 1 });
  } else if (highlighted && !highlighted.has(edge)) {
    res.color = FADED;
    res.label = "";
    res.zIndex = 0;
  } else if (highlighted) {
    res.forceLabel = true;
    res.zIndex = 1;
    res.size = attrs.size + 1;
  } else if (matches) {
    res.color = FADED;
    res.label = "";
  }
  return res;
}

// ---- the renderer -----------------------------------------------------------------------------------------

const renderer = new Sigma(graph, $("graph"), {
  defaultEdgeType: "arrow",
  edgeProgramClasses: {
    arrow: EdgeArrowProgram,
    line: EdgeLineProgram,
    curvedArrow: EdgeCurvedArrowProgram,
    curvedLine: EdgeCurveProgram,
  },
  renderEdgeLabels: true,
  enableEdgeEvents: true,
  // Small graphs show every label; large ones let sigma's label grid pick the biggest nodes.
  labelRenderedSizeThreshold: data.nodes.length <= 300 ? 0 : 6,
  labelDensity: data.nodes.length <= 300 ? 3 : 1,
  zIndex: true,
  // Large graphs: edges and labels wait while the camera moves, so panning and zooming stay fluid.
  hideEdgesOnMove: LARGE,
  hideLabelsOnMove: LARGE,
  nodeReducer,
  edgeReducer,
});

// After a change of what is shown: every node and edge goes through the reducers again.
function refresh() {
  computeHighlight();
  renderer.refresh({ skipIndexation: true });
}

// After a change of focus (selection, hover, search): on large graphs, only the items whose look changes.
function refreshFocus(previousMatches = matches) {
  const before = [highlighted, previousMatches];
  computeHighlight();
  if (!LARGE) {
    renderer.refresh({ skipIndexation: true });
    return;
  }
  const nodes = new Set();
  const edges = new Set();
  for (const set of [...before, highlighted, matches]) {
    if (!set) continue;
    for (const key of set) {
      if (visibleNodes.has(key)) nodes.add(key);
      else if (visibleEdges.has(key)) edges.add(key);
    }
  }
  renderer.refresh({ partialGraph: { nodes: [...nodes], edges: [...edges] }, skipIndexation: true });
}

// ---- the side panel: legend and filters -------------------------------------------------------------------

function filterList(containerId, items, enabled) {
  const box = $(containerId);
  for (const item of items) {
    const input = el("input", { type: "checkbox", value: item.name });
    input.checked = true;
    input.addEventListener("change", () => {
      if (input.checked) enabled.add(item.name);
      else enabled.delete(item.name);
      update();
    });
    box.append(
      el(
        "label",
        { class: "legend-row", "data-name": item.name },
        input,
        el("span", { class: "swatch", color: item.color }),
        el("span", { class: "legend-name", text: item.name.replaceAll("_", " ") }),
        el("span", { class: "legend-count", text: String(item.count) }),
      ),
    );
  }
}
filterList("types", data.types, state.types);
filterList("relations", data.relations, state.relations);

const isolatedCount = data.nodes.filter((n) => graph.degree(n.id) === 0).length;
$("isolated-count").textContent = `(${isolatedCount})`;
$("show-isolated").addEventListener("change", (event) => {
  state.showIsolated = event.target.checked;
  frame();
  update();
});

// Fit the camera to the entities the isolated toggle leaves (isolated ones sit on a ring around the rest).
function frame() {
  const box = { x: [Infinity, -Infinity], y: [Infinity, -Infinity] };
  data.nodes.forEach((n) => {
    if (!state.showIsolated && graph.degree(n.id) === 0) return;
    box.x = [Math.min(box.x[0], n.x), Math.max(box.x[1], n.x)];
    box.y = [Math.min(box.y[0], n.y), Math.max(box.y[1], n.y)];
  });
  if (box.x[0] < box.x[1] || box.y[0] < box.y[1]) renderer.setCustomBBox(box);
  else renderer.setCustomBBox(null);
  renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
}
$("edge-labels").addEventListener("change", (event) => {
  state.edgeLabels = event.target.checked;
  renderer.setSetting("renderEdgeLabels", state.edgeLabels);
});

if (data.dates.length) {
  const from = $("date-from");
  const to = $("date-to");
  for (const input of [from, to]) {
    input.max = String(data.dates.length - 1);
  }
  from.value = "0";
  to.value = String(data.dates.length - 1);
  const show = () => {
    let lo = Number(from.value);
    let hi = Number(to.value);
    if (lo > hi) [lo, hi] = [hi, lo];
    state.from = lo;
    state.to = hi;
    $("date-range").textContent = `${data.dates[lo]} to ${data.dates[hi]}`;
  };
  const onInput = () => {
    show();
    update();
  };
  from.addEventListener("input", onInput);
  to.addEventListener("input", onInput);
  show();
} else {
  $("dates").hidden = true;
}

// ---- search -----------------------------------------------------------------------------------------------

const byLabel = new Map();
data.nodes.forEach((n) => {
  const key = n.label.toLowerCase();
  if (!byLabel.has(key)) byLabel.set(key, n.id);
});
const suggestions = $("labels");
[...new Set(data.nodes.map((n) => n.label))].sort().forEach((label) => suggestions.append(el("option", { value: label })));

function searchMatches(query) {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return null;
  const found = new Set();
  data.nodes.forEach((n) => {
    if (visibleNodes.has(n.id) && (n.label.toLowerCase().includes(q) || n.aliases.some((a) => a.toLowerCase().includes(q))))
      found.add(n.id);
  });
  return found;
}

const search = $("search");
search.addEventListener("input", () => {
  const before = matches;
  matches = searchMatches(search.value);
  const exact = byLabel.get(search.value.trim().toLowerCase());
  if (exact && visibleNodes.has(exact)) focusNode(exact, before);
  else refreshFocus(before);
});
search.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  const q = search.value.trim().toLowerCase();
  const exact = byLabel.get(q);
  const first = exact && visibleNodes.has(exact) ? exact : matches && [...matches][0];
  if (first) focusNode(first);
});

function focusNode(id, previousMatches = matches) {
  matches = null;
  select({ kind: "node", id }, previousMatches);
  const display = renderer.getNodeDisplayData(id);
  if (display) renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.4 }, { duration: 400 });
}

// ---- details of a node or an edge -------------------------------------------------------------------------

function articleLine(index) {
  const [id, title, date] = data.articles[index];
  return el(
    "li",
    {},
    el("code", { text: id }),
    title ? ` ${title}` : null,
    date ? el("span", { class: "muted", text: ` (${date})` }) : null,
  );
}

function fieldList(title, values) {
  if (!values || !values.length) return null;
  return el("div", { class: "field" }, el("h3", { text: title }), el("ul", {}, ...values));
}

function nodeLink(id) {
  const n = data.nodes[graph.getNodeAttribute(id, "index")];
  return el("a", { href: "#", class: "node-link", "data-node": id, text: n.label, onclick: (event) => {
    event.preventDefault();
    focusNode(id);
  } });
}

function edgeLink(edge, text) {
  return el("a", { href: "#", class: "edge-link", "data-edge": edge, text, onclick: (event) => {
    event.preventDefault();
    select({ kind: "edge", id: edge });
  } });
}

function showNode(id) {
  const n = data.nodes[graph.getNodeAttribute(id, "index")];
  const links = [];
  graph.forEachEdge(id, (edge, attrs, source, target) => {
    const other = source === id ? target : source;
    const arrow = source === id ? `${attrs.relation.replaceAll("_", " ")} \u2192 ` : `\u2190 ${attrs.relation.replaceAll("_", " ")} `;
    links.push(el("li", {}, edgeLink(edge, arrow), nodeLink(other)));
  });
  const extra = Object.entries(n.attributes || {}).map(([key, value]) => el("li", {}, el("b", { text: `${key}: ` }), value));
  return [
    el("h2", { text: n.label }),
    el("p", {}, el("span", { class: "swatch", color: typeColor[n.type] || "#7f7f7f" }), ` ${n.type}`,
      el("span", { class: "muted", text: ` \u00b7 ${n.mentions} mention${n.mentions === 1 ? "" : "s"}` })),
    fieldList("Roles", n.roles.map((r) => el("li", { text: r }))),
    fieldList("Aliases", n.aliases.map((a) => el("li", { text: a }))),
    fieldList(`Articles (${n.articles.length})`, n.articles.map(articleLine)),
    fieldList(`Relations (${links.length})`, links),
    fieldList("Attributes", extra),
  ];
}

function showEdge(key) {
  const e = data.edges[graph.getEdgeAttribute(key, "index")];
  const source = nodeIds[e.source];
  const target = nodeIds[e.target];
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const facts = [
    plural(e.weight, "supporting mention"),
    plural(e.articles, "article"),
    e.events != null ? plural(e.events, "event") : null,
    e.sources ? plural(e.sources, "outlet") : null,
    e.first_reported
      ? `reported ${e.first_reported}${e.last_reported && e.last_reported !== e.first_reported ? ` to ${e.last_reported}` : ""}`
      : null,
    e.confidence != null ? `confidence ${e.confidence}` : null,
    e.plover ? `PLOVER ${e.plover}` : null,
    e.modality ? `modality ${e.modality}` : null,
    e.title ? `title: ${e.title}` : null,
  ].filter(Boolean);
  const evidence = e.evidence.map(([article, sentence, date, modality, confidence, reprintOf]) =>
    el(
      "li",
      { class: "evidence" },
      el("blockquote", { text: sentence }),
      el(
        "div",
        { class: "muted" },
        article != null ? el("code", { text: data.articles[article][0] }) : "article not recorded",
        date ? ` \u00b7 ${date}` : null,
        ` \u00b7 ${modality || "asserted"}`,
        confidence != null ? ` \u00b7 confidence ${confidence}` : null,
        reprintOf != null ? ` \u00b7 reprint of ${data.articles[reprintOf][0]}` : null,
      ),
    ),
  );
  const note =
    e.evidence.length < e.weight
      ? el("p", { class: "muted", text: `The source file keeps ${e.evidence.length} of ${e.weight} supporting sentences; view the RDF (TriG, N-Quads) or the store for all.` })
      : null;
  return [
    el("h2", {}, nodeLink(source), ` ${e.relation.replaceAll("_", " ")} `, nodeLink(target)),
    el("p", {}, el("span", { class: "swatch", color: relationColor[e.relation] || "#999" }), ` ${facts.join(" \u00b7 ")}`),
    fieldList(`Evidence (${e.evidence.length})`, evidence),
    note,
  ];
}

function select(target, previousMatches = matches) {
  state.selected = target;
  const panel = $("details");
  panel.replaceChildren();
  if (target) {
    panel.append(el("button", { id: "close", title: "Close (Esc)", "aria-label": "Close", text: "\u00d7", onclick: () => select(null) }));
    panel.append(...(target.kind === "node" ? showNode(target.id) : showEdge(target.id)).filter(Boolean));
    panel.hidden = false;
    root.dataset.selected = `${target.kind}:${target.id}`;
  } else {
    panel.hidden = true;
    delete root.dataset.selected;
  }
  setHash(target);
  refreshFocus(previousMatches);
}

renderer.on("clickNode", ({ node }) => select({ kind: "node", id: node }));
renderer.on("clickEdge", ({ edge }) => select({ kind: "edge", id: edge }));
renderer.on("clickStage", () => select(null));
// Hovering shows a node's neighbourhood on graphs small enough to redraw at once (sigma marks the node anyway).
renderer.on("enterNode", ({ node }) => {
  if (LARGE) return;
  state.hovered = { kind: "node", id: node };
  if (!state.selected) refreshFocus();
});
renderer.on("leaveNode", () => {
  if (LARGE) return;
  state.hovered = null;
  if (!state.selected) refreshFocus();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") select(null);
});

function update() {
  computeVisibility();
  if (state.selected && state.selected.kind === "node" && !visibleNodes.has(state.selected.id)) select(null);
  else if (state.selected && state.selected.kind === "edge" && !visibleEdges.has(state.selected.id)) select(null);
  else refresh();
}

// ---- links to a selection: page.html#node=ID, page.html#edge=SOURCE>RELATION>TARGET -----------------------

function edgeName(key) {
  const e = data.edges[graph.getEdgeAttribute(key, "index")];
  return `${nodeIds[e.source]}>${e.relation}>${nodeIds[e.target]}`;
}

function setHash(target) {
  const hash = !target ? "" : target.kind === "node" ? `#node=${target.id}` : `#edge=${edgeName(target.id)}`;
  if (decodeURIComponent(location.hash) === hash) return;
  try {
    history.replaceState(null, "", hash || location.pathname);
  } catch {
    // Some browsers refuse history changes on file:// pages; the link is then just not updated.
  }
}

function selectFromHash() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith("node=") && graph.hasNode(hash.slice(5))) select({ kind: "node", id: hash.slice(5) });
  else if (hash.startsWith("edge=")) {
    const key = graph.findEdge((edge) => edgeName(edge) === hash.slice(5));
    if (key) select({ kind: "edge", id: key });
  }
}
window.addEventListener("hashchange", selectFromHash);

// ---- first draw -------------------------------------------------------------------------------------------

computeVisibility();
frame();
refresh(); // sigma draws synchronously here
root.dataset.drawMs = String(Math.round(performance.now()));
if (location.hash) selectFromHash();
root.dataset.nodes = String(graph.order);
root.dataset.edges = String(graph.size);
root.dataset.ready = "true";
// Where a node is drawn, in page coordinates (for scripts and tests that click it).
function screenPosition(id) {
  const point = renderer.framedGraphToViewport(renderer.getNodeDisplayData(id));
  const box = $("graph").getBoundingClientRect();
  return { x: box.left + point.x, y: box.top + point.y };
}
window.newskgView = { graph, renderer, select, focusNode, state, update, screenPosition };
