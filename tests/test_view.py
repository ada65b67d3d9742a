"""``newskg view`` and ``-o graph.html``: the page's data, bytes and layout, and the page in a real browser.

The browser tests run Debian's Chromium headless (``.ci/run`` installs it):
``--dump-dom`` and ``--screenshot`` as a user's script would, and the DevTools
protocol for what only a browser can tell (requests made, clicks, filters).
Without Chromium they skip and say why.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newskg.cli import app
from newskg.graphs.formats.rdf import load_dataset
from newskg.graphs.layout import EXTENT, layout
from newskg.graphs.network import network_table
from newskg.graphs.network_read import read_network
from newskg.graphs.rdf import from_rdf
from newskg.model import KnowledgeGraph
from newskg.run import ExtractOptions, extract
from tests.browser import Browser, find_chromium, run_chromium
from tests.conftest import EXAMPLES, REPO, SHARED

VIEWER = REPO / "graphs" / "viewer"
DATED = REPO / "examples" / "dated"
runner = CliRunner()


def page_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script id="newskg-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no embedded data"
    return json.loads(match.group(1))


def root_attributes(dom: str) -> dict[str, str]:
    match = re.search(r"<html([^>]*)>", dom)
    assert match, dom[:200]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The examples (undated and dated) extracted once to every source `view` reads, a store and a page."""
    folder = tmp_path_factory.mktemp("view")
    outputs = {ext: folder / f"news{ext}" for ext in (".trig", ".nq", ".ttl", ".gexf", ".graphml", ".html")}
    store = folder / "store"
    _, summary = extract(
        [str(EXAMPLES), str(DATED)],
        [str(p) for p in outputs.values()],
        ExtractOptions(store=str(store)),
    )
    assert summary.failed == 0
    return {**outputs, "store": store, "folder": folder}


@pytest.fixture(scope="module")
def graph(built: dict[str, Path]) -> KnowledgeGraph:
    return from_rdf(load_dataset(str(built[".trig"])))


# ---- the page as a file -------------------------------------------------------------------------------------


def test_page_is_self_contained(built: dict[str, Path]) -> None:
    html = built[".html"].read_text(encoding="utf-8")
    # Nothing is loaded from anywhere: no src, no stylesheet link, no CSS url() or @import.
    assert not re.search(r"<(script|img|iframe|link|source|video|audio)\b[^>]*\b(src|href)=", html)
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style and "url(" not in style.group(1) and "@import" not in style.group(1)
    # The page's CSP allows only its own inline script and style, by hash: the browser refuses anything else.
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert csp and csp.group(1).startswith("default-src 'none';")
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1 and len(scripts[0]) > 100_000  # sigma.js + graphology + the page's code
    for text in (scripts[0], style.group(1)):
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp.group(1)


def test_page_holds_every_node_edge_and_sentence(built: dict[str, Path], graph: KnowledgeGraph) -> None:
    data = page_data(built[".html"].read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(graph.entities) and len(data["edges"]) == len(graph.relations)
    by_id = {node["id"]: node for node in data["nodes"]}
    for entity in graph.entities.values():
        node = by_id[entity.id]
        # The contract's `type` is kept as it is in the data (the page maps it for sigma).
        assert (node["type"], node["label"], node["mentions"]) == (entity.type, entity.label, entity.mentions)
        assert sorted(node["aliases"]) == sorted(entity.aliases)
        assert {data["articles"][i][0] for i in node["articles"]} == entity.articles
    ids = [node["id"] for node in data["nodes"]]
    table = network_table(graph)
    assert [e["weight"] for e in data["edges"]] == [e.weight for e in table.edges]
    reprinted = [e for e in data["edges"] if any(item[5] is not None for item in e["evidence"])]
    assert reprinted and all(len(e["evidence"]) > e["weight"] for e in reprinted)  # the examples hold a reprint
    for edge, relation in zip(data["edges"], graph.sorted_relations(), strict=True):
        assert (ids[edge["source"]], edge["relation"], ids[edge["target"]]) == (
            relation.subject,
            relation.predicate,
            relation.object,
        )
        # Every supporting sentence, each with its article, modality and confidence (reprints too; the weight
        # counts a reprint group once).
        assert len(edge["evidence"]) == len(relation.evidence) >= edge["weight"]
        shown = sorted((data["articles"][a][0], s, m, c) for a, s, _, m, c, _ in edge["evidence"])
        expected = sorted((e.article_id, e.sentence, e.modality, round(e.confidence, 3)) for e in relation.evidence)
        assert shown == expected
    assert data["dates"] and all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in data["dates"])
    dated = [e for e in data["edges"] if e["dates"]]
    assert dated and all(0 <= i < len(data["dates"]) for e in dated for i in e["dates"])


def test_same_input_same_bytes_from_every_route(built: dict[str, Path], tmp_path: Path) -> None:
    """extract -o, export, and view of the TriG, the N-Quads and the store all give the page's exact bytes."""
    expected = built[".html"].read_bytes()
    for source in (built[".trig"], built[".nq"], built["store"]):
        out = tmp_path / f"{source.name}.html"
        result = runner.invoke(app, ["view", str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == expected, source
    result = runner.invoke(app, ["view", "--store", str(built["store"]), "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 0 and (tmp_path / "s.html").read_bytes() == expected
    result = runner.invoke(app, ["export", str(built[".trig"]), "-o", str(tmp_path / "e.html")])
    assert result.exit_code == 0 and (tmp_path / "e.html").read_bytes() == expected


def test_view_of_gexf_and_graphml(built: dict[str, Path], tmp_path: Path) -> None:
    """GEXF and GraphML keep one sentence per edge: the page shows it, the edge's full weight, the same picture."""
    full = page_data(built[".html"].read_text(encoding="utf-8"))
    for ext in (".gexf", ".graphml"):
        out = tmp_path / f"from{ext}.html"
        result = runner.invoke(app, ["view", str(built[ext]), "-o", str(out)])
        assert result.exit_code == 0, result.output
        data = page_data(out.read_text(encoding="utf-8"))
        assert [n["id"] for n in data["nodes"]] == [n["id"] for n in full["nodes"]]
        assert [(n["x"], n["y"]) for n in data["nodes"]] == [(n["x"], n["y"]) for n in full["nodes"]]
        assert [n["type"] for n in data["nodes"]] == [n["type"] for n in full["nodes"]]
        for edge, whole in zip(data["edges"], full["edges"], strict=True):
            assert (edge["relation"], edge["weight"]) == (whole["relation"], whole["weight"])
            assert len(edge["evidence"]) == 1 and edge["evidence"][0][1] in {e[1] for e in whole["evidence"]}
        if ext == ".gexf":  # GEXF spells carry every reported day
            assert data["dates"] == full["dates"]


def test_network_readers_invert_the_writers(built: dict[str, Path], graph: KnowledgeGraph) -> None:
    table = network_table(graph)
    for ext in (".gexf", ".graphml"):
        read = read_network(str(built[ext]))
        assert [(n.id, n.label, n.attributes) for n in read.nodes] == [
            (n.id, n.label, n.attributes) for n in table.nodes
        ]
        assert [(e.source, e.target, e.label, e.weight, e.attributes) for e in read.edges] == [
            (e.source, e.target, e.label, e.weight, e.attributes) for e in table.edges
        ]
        if ext == ".gexf":
            assert [n.dates for n in read.nodes] == [n.dates for n in table.nodes]
            assert [e.dates for e in read.edges] == [e.dates for e in table.edges]


def test_view_errors_name_the_file(tmp_path: Path, built: dict[str, Path]) -> None:
    missing = runner.invoke(app, ["view", str(tmp_path / "none.trig"), "-o", str(tmp_path / "g.html")])
    assert missing.exit_code == 2 and "none.trig: no such file or store folder" in missing.output
    bad = tmp_path / "bad.gexf"
    bad.write_text("<gexf><graph>", encoding="utf-8")
    broken = runner.invoke(app, ["view", str(bad), "-o", str(tmp_path / "g.html")])
    assert broken.exit_code == 2 and "bad.gexf: not valid gexf" in broken.output
    wrong = runner.invoke(app, ["view", str(built[".trig"]), "-o", str(tmp_path / "g.png")])
    assert wrong.exit_code == 2 and "g.png: the view is an HTML page" in wrong.output
    neither = runner.invoke(app, ["view", "-o", str(tmp_path / "g.html")])
    assert neither.exit_code == 2
    assert not (tmp_path / "g.html").exists()


# ---- the layout ---------------------------------------------------------------------------------------------

LAYOUT_IDS = [f"n{i}" for i in range(60)]
LAYOUT_EDGES = [(f"n{i}", f"n{(i * 7 + 3) % 40}") for i in range(40)] + [("n0", "n1"), ("n1", "n2")]


def test_layout_is_seeded_and_deterministic_across_processes() -> None:
    first = layout(LAYOUT_IDS, LAYOUT_EDGES)
    assert layout(LAYOUT_IDS, LAYOUT_EDGES) == first
    code = (
        "import json, sys; from newskg.graphs.layout import layout; "
        "ids, edges = json.load(sys.stdin); print(json.dumps(layout(ids, [tuple(e) for e in edges])))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps([LAYOUT_IDS, LAYOUT_EDGES]),
        capture_output=True,
        text=True,
        check=True,
    )
    assert {k: tuple(v) for k, v in json.loads(other.stdout).items()} == first
    assert layout(LAYOUT_IDS, LAYOUT_EDGES, seed=7) != first


def test_layout_places_linked_nodes_together_and_isolated_ones_around() -> None:
    positions = layout(LAYOUT_IDS, LAYOUT_EDGES)
    linked = {n for edge in LAYOUT_EDGES for n in edge}
    radius = {n: (x * x + y * y) ** 0.5 for n, (x, y) in positions.items()}
    assert max(abs(c) for n in linked for c in positions[n]) == EXTENT
    assert all(radius[n] > EXTENT for n in LAYOUT_IDS if n not in linked)

    def distance(a: str, b: str) -> float:
        (ax, ay), (bx, by) = positions[a], positions[b]
        return ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5

    pairs = sorted(linked)
    mean = sum(distance(a, b) for a in pairs for b in pairs if a < b) / (len(pairs) * (len(pairs) - 1) / 2)
    edge_mean = sum(distance(a, b) for a, b in LAYOUT_EDGES) / len(LAYOUT_EDGES)
    assert edge_mean < 0.6 * mean  # ForceAtlas2 pulls neighbours together
    assert layout([], []) == {} and list(layout(["a"], [])) == ["a"]
    two = layout(["a", "b"], [("a", "b")])  # centred: opposite points
    assert two["a"] == (-two["b"][0], -two["b"][1]) and two["a"] != (0.0, 0.0)


def test_layout_moves_components_apart() -> None:
    """Ten small stories (triangles and pairs): no two components' bounding circles overlap."""
    ids = [f"s{story}-{member}" for story in range(10) for member in range(3)]
    edges = [(f"s{s}-0", f"s{s}-1") for s in range(10)] + [(f"s{s}-1", f"s{s}-2") for s in range(0, 10, 2)]
    edges += [(f"s{s}-2", f"s{s}-0") for s in range(0, 10, 2)]
    linked = {n for edge in edges for n in edge}
    positions = layout([i for i in ids if i in linked], edges)
    circles = []
    for story in range(10):
        points = [positions[n] for n in positions if n.startswith(f"s{story}-")]
        cx = (max(x for x, _ in points) + min(x for x, _ in points)) / 2
        cy = (max(y for _, y in points) + min(y for _, y in points)) / 2
        circles.append((cx, cy, max(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for x, y in points)))
    for i, (ax, ay, ar) in enumerate(circles):
        for bx, by, br in circles[i + 1 :]:
            assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 >= ar + br


# ---- the bundle ---------------------------------------------------------------------------------------------


def test_bundle_licences_cover_every_bundled_package() -> None:
    licences = (VIEWER / "assets" / "LICENSES.txt").read_text(encoding="utf-8")
    for package in ("sigma", "graphology", "@sigma/edge-curve"):
        assert re.search(rf"^{re.escape(package)} \d+\.\d+\.\d+ \(MIT\)$", licences, re.M), package
    assert licences.count("Permission is hereby granted") >= 3


def test_bundle_is_built_from_the_sources(tmp_path: Path) -> None:
    """assets/viewer.js is what build.mjs makes of src/ and the pinned packages (.ci/run installs them)."""
    if not shutil.which("node") or not (VIEWER / "node_modules" / "sigma").is_dir():
        pytest.skip("node or graphs/viewer/node_modules missing: run `npm install` in graphs/viewer (.ci/run does)")
    subprocess.run(["node", "build.mjs", "--outdir", str(tmp_path)], cwd=VIEWER, check=True, capture_output=True)
    for name in ("viewer.js", "LICENSES.txt"):
        assert (tmp_path / name).read_bytes() == (VIEWER / "assets" / name).read_bytes(), (
            f"assets/{name} is stale: run `npm run build` in graphs/viewer"
        )


# ---- in a real browser --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run does): browser tests skipped")
    return path


def expected_counts(graph: KnowledgeGraph) -> dict[str, str]:
    linked = {r.subject for r in graph.relations.values()} | {r.object for r in graph.relations.values()}
    return {
        "data-nodes": str(len(graph.entities)),
        "data-edges": str(len(graph.relations)),
        "data-visible-nodes": str(len(linked)),  # isolated entities are hidden by default
        "data-visible-edges": str(len(graph.relations)),
        "data-ready": "true",
    }


def test_dump_dom_counts_equal_the_graph(chromium: str, built: dict[str, Path], graph: KnowledgeGraph) -> None:
    result = run_chromium(chromium, built[".html"].as_uri(), "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    attributes = root_attributes(result.stdout)
    assert {key: attributes.get(key) for key in expected_counts(graph)} == expected_counts(graph)
    assert "data-csp-violations" not in attributes
    assert 'class="sigma-nodes"' in result.stdout  # sigma's WebGL canvases exist


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6)
    channels = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line) if channels == 3 else bytes(b for j, b in enumerate(line) if j % 4 != 3))
        previous = line
    return width, height, rows


def test_screenshot_draws_nodes_in_their_type_colours(chromium: str, built: dict[str, Path], tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    result = run_chromium(chromium, built[".html"].as_uri(), f"--screenshot={shot}")
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1400, 900)
    colours: dict[bytes, int] = {}
    for row in rows:
        for x in range(300, width):  # right of the side panel: the graph
            pixel = row[x * 3 : x * 3 + 3]
            colours[pixel] = colours.get(pixel, 0) + 1
    data = page_data(built[".html"].read_text(encoding="utf-8"))
    for kind in data["types"]:
        if kind["name"] in ("Country", "Person", "Company"):
            rgb = bytes.fromhex(kind["color"][1:])
            assert colours.get(rgb, 0) > 30, f"{kind['name']} nodes ({kind['color']}) not drawn"


def test_page_makes_no_request_and_answers_clicks(chromium: str, built: dict[str, Path], graph: KnowledgeGraph) -> None:
    url = built[".html"].as_uri()
    with Browser(chromium) as browser:
        browser.open(url)
        assert browser.requests() == [url]  # the page itself, nothing else
        assert browser.console_errors() == []
        counts = browser.evaluate("JSON.stringify(document.documentElement.dataset)")
        assert json.loads(counts)["nodes"] == str(len(graph.entities))

        # A real click on the most connected entity shows its label, type, aliases and articles.
        degree: dict[str, int] = {}
        for relation in graph.relations.values():
            for end in (relation.subject, relation.object):
                degree[end] = degree.get(end, 0) + 1
        hub = graph.entities[min(degree, key=lambda n: (-degree[n], n))]
        where = browser.evaluate(f"newskgView.screenPosition({json.dumps(hub.id)})")
        browser.click(where["x"], where["y"])
        assert browser.evaluate("document.documentElement.dataset.selected") == f"node:{hub.id}"
        details = browser.evaluate("document.getElementById('details').innerText")
        for text in (hub.label, hub.type, *hub.aliases, *hub.articles):
            assert text in details
        browser.evaluate("new Promise(done => setTimeout(done, 500))")  # two clicks closer are a double click
        # Close the details panel so that it covers no edge, as a user would (its close button).
        browser.evaluate("document.getElementById('close').click()")
        assert browser.evaluate("document.documentElement.dataset.selected") is None

        # A real click on a straight edge, on a whole pixel (mouse events carry whole pixels) nearest to the line,
        # at the point of any edge that lies farthest from every node and every other edge (and right of the side
        # panel), so that nothing else can take the click; it shows every evidence sentence with its article.
        edge = browser.evaluate(
            """(() => { const g = newskgView.graph, v = newskgView;
              const segment = (k) => [v.screenPosition(g.source(k)), v.screenPosition(g.target(k))];
              const toSegment = (x, y, [p, q]) => {
                const dx = q.x - p.x, dy = q.y - p.y, length = dx * dx + dy * dy;
                const t = length ? Math.max(0, Math.min(1, ((x - p.x) * dx + (y - p.y) * dy) / length)) : 0;
                return Math.hypot(x - (p.x + t * dx), y - (p.y + t * dy));
              };
              const nodes = g.nodes().map(n => v.screenPosition(n));
              const edges = g.edges().map(k => [k, segment(k)]);
              let best = null;
              for (const k of g.filterEdges((k, a) => a.type === "arrow" || a.type === "line")) {
                const [p, q] = segment(k), dx = q.x - p.x, dy = q.y - p.y, length = Math.hypot(dx, dy);
                for (let t = 0.2; t <= 0.8; t += 0.02) {
                  const x = Math.round(p.x + t * dx), y = Math.round(p.y + t * dy);
                  if (x < 320 || Math.abs(dx * (p.y - y) - (p.x - x) * dy) / length > 0.75) continue;
                  const clearance = Math.min(
                    ...nodes.map(n => Math.hypot(n.x - x, n.y - y)),
                    ...edges.filter(([other]) => other !== k).map(([, s]) => toSegment(x, y, s)));
                  if (!best || clearance > best.clearance) best = { key: k, x, y, clearance };
                }
              }
              return { key: best.key, index: g.getEdgeAttribute(best.key, "index"), x: best.x, y: best.y }; })()"""
        )
        browser.click(edge["x"], edge["y"])
        assert browser.evaluate("document.documentElement.dataset.selected") == f"edge:{edge['key']}"
        relation = graph.sorted_relations()[edge["index"]]
        details = browser.evaluate("document.getElementById('details').innerText")
        for evidence in relation.evidence:
            assert evidence.sentence in details and evidence.article_id in details
        assert browser.evaluate("document.querySelectorAll('#details .evidence').length") == len(relation.evidence)

        # Filters: untick one relation in the legend; show the isolated entities; search for an entity.
        name = relation.predicate
        count = sum(1 for r in graph.relations.values() if r.predicate == name)
        before = int(browser.evaluate("document.documentElement.dataset.visibleEdges"))
        browser.evaluate(f"document.querySelector('#relations [data-name={json.dumps(name)}] input').click()")
        assert int(browser.evaluate("document.documentElement.dataset.visibleEdges")) == before - count
        browser.evaluate("document.getElementById('show-isolated').click()")
        assert browser.evaluate("document.documentElement.dataset.visibleNodes") == str(len(graph.entities))
        browser.evaluate(
            "(() => { const s = document.getElementById('search'); s.value = "
            + json.dumps(hub.label)
            + "; s.dispatchEvent(new Event('input')); })()"
        )
        assert browser.evaluate("document.documentElement.dataset.selected") == f"node:{hub.id}"

        # The date slider: the first day alone shows fewer relations than the whole range.
        shown = browser.evaluate(
            """(() => { const to = document.getElementById('date-to'); to.value = '0';
              to.dispatchEvent(new Event('input')); return document.documentElement.dataset.visibleEdges; })()"""
        )
        assert 0 < int(shown) < before
        assert browser.requests() == [url]
        assert browser.console_errors() == []


def test_request_check_sees_a_request_and_the_policy_blocks_it(
    chromium: str, built: dict[str, Path], tmp_path: Path
) -> None:
    """The check above can fail: a page variant that asks the network is seen asking, and refused by the CSP."""
    html = built[".html"].read_text(encoding="utf-8")
    probe = "http://127.0.0.1:9/probe.png"
    variant = tmp_path / "probe.html"
    variant.write_text(html.replace("</body>", f'<img src="{probe}" alt=""></body>'), encoding="utf-8")
    with Browser(chromium) as browser:
        browser.open(variant.as_uri())
        browser.evaluate("new Promise(done => setTimeout(done, 200))")
        assert browser.requests() == [variant.as_uri(), probe]
        failed = [e["params"] for e in browser.events if e["method"] == "Network.loadingFailed"]
        assert [f.get("blockedReason") for f in failed] == ["csp"]
        assert browser.evaluate("document.documentElement.dataset.cspViolations") == "1"


# The most connected shown entity with no other entity within 30 pixels (so a click cannot hit a neighbour).
CLEAR_HUB = """(() => { const v = newskgView, g = v.graph;
  const shown = g.nodes().filter(n => !v.renderer.getNodeDisplayData(n).hidden);
  const at = Object.fromEntries(shown.map(n => [n, v.screenPosition(n)]));
  const clear = n => shown.every(m => m === n || Math.hypot(at[m].x - at[n].x, at[m].y - at[n].y) > 30);
  return shown.sort((a, b) => g.degree(b) - g.degree(a) || (a < b ? -1 : 1)).find(clear); })()"""


# ---- 300 real BBC articles ----------------------------------------------------------------------------------

BBC = SHARED / "corpus" / "bbc"


@pytest.mark.slow
def test_bbc_articles_view_in_the_browser(chromium: str, tmp_path: Path) -> None:
    """300 BBC articles (60 of each section, copied into the test's folder only): extract -o .html, view the
    TriG and the store, and the browser draws every node and edge without a request."""
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    articles = tmp_path / "bbc"
    for section in sorted(p for p in BBC.iterdir() if p.is_dir()):
        (articles / section.name).mkdir(parents=True)
        for path in sorted(section.glob("*.txt"))[:60]:
            shutil.copy(path, articles / section.name / path.name)
    page, trig, store = tmp_path / "bbc.html", tmp_path / "bbc.trig", tmp_path / "store"
    _, summary = extract([str(articles)], [str(page), str(trig)], ExtractOptions(store=str(store)))
    assert summary.extracted == 300
    graph = from_rdf(load_dataset(str(trig)))
    for source in (trig, store):
        out = tmp_path / f"{source.name}.html"
        assert runner.invoke(app, ["view", str(source), "-o", str(out)]).exit_code == 0
        assert out.read_bytes() == page.read_bytes()
    dom = run_chromium(chromium, page.as_uri(), "--dump-dom")
    attributes = root_attributes(dom.stdout)
    assert {key: attributes.get(key) for key in expected_counts(graph)} == expected_counts(graph)
    with Browser(chromium) as browser:
        browser.open(page.as_uri())
        assert browser.requests() == [page.as_uri()]
        assert browser.console_errors() == []
        hub = browser.evaluate(CLEAR_HUB)
        where = browser.evaluate(f"newskgView.screenPosition({json.dumps(hub)})")
        browser.click(where["x"], where["y"])
        assert browser.evaluate("document.documentElement.dataset.selected") == f"node:{hub}"
