"""The view page on a large graph: layout and page writing in Python, first draw and responsiveness in Chromium.

``python bench/view_benchmark.py [--entities 10000] [--relations 20000]`` builds
the synthetic graph of ``bench/benchmark.py`` (random pairs, one evidence
sentence each), writes the page as ``-o graph.html`` does, opens it in headless
Chromium (software WebGL, no GPU: slower than a laptop's browser) through the
DevTools protocol, and prints a Markdown table for docs/performance.md:

- time to first draw: navigation start to the page's ``data-ready`` (sigma has
  drawn; ``data-draw-ms``), and the longest task the main thread ran meanwhile;
- responsiveness after load: a filter change (untick a relation, tick it again),
  the isolated-entities toggle, a search, and frames drawn while the camera
  zooms for two seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.benchmark import synthetic_graph  # noqa: E402
from tests.browser import Browser, find_chromium  # noqa: E402

# Runs in the page: the duration of one interaction, from the event to the end of sigma's redraw.
TIMED = """(async () => {
  const t0 = performance.now();
  %s
  return performance.now() - t0;
})()"""

# Zooms in and out for two seconds: frames drawn, the longest frame, and how late a 10 ms timer fired at worst
# (the main thread's longest block: what a click or a key press would wait).
FRAMES = """new Promise((done) => {
  const camera = newskgView.renderer.getCamera();
  let frames = 0, longest = 0, last = performance.now(), lag = 0, tickAt = last;
  const start = last;
  const timer = setInterval(() => {
    const now = performance.now(); lag = Math.max(lag, now - tickAt - 10); tickAt = now;
  }, 10);
  camera.animate({ ratio: 0.2 }, { duration: 1000 });
  setTimeout(() => camera.animate({ ratio: 1 }, { duration: 1000 }), 1000);
  function tick(now) {
    frames += 1; longest = Math.max(longest, now - last); last = now;
    if (now - start < 2000) requestAnimationFrame(tick);
    else { clearInterval(timer); done({ fps: frames / ((now - start) / 1000), longest, lag }); }
  }
  requestAnimationFrame(tick);
})"""


def examples_graph() -> Any:
    """The bundled examples' graph (extracted with the default model)."""
    from newskg.run import ExtractOptions, extract

    graph, _ = extract([str(REPO / "examples" / "articles"), str(REPO / "examples" / "dated")], [], ExtractOptions())
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--relations", type=int, default=20_000)
    parser.add_argument("--keep", help="Also write the page here.")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        sys.exit("chromium not found (apt-get install -y chromium)")

    from newskg.graphs.formats import OutputOptions, write_graph
    from newskg.graphs.layout import layout
    from newskg.graphs.network import network_table
    from newskg.graphs.vocab import DEFAULT_BASE_IRI

    graph = synthetic_graph(args.entities, args.relations)
    table = network_table(graph)
    started = time.perf_counter()
    layout([n.id for n in table.nodes], [(e.source, e.target) for e in table.edges])
    layout_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="newskg-view-bench-") as folder:
        page = Path(args.keep) if args.keep else Path(folder) / "graph.html"
        started = time.perf_counter()
        write_graph(graph, str(page), OutputOptions(base_iri=DEFAULT_BASE_IRI))
        write_seconds = time.perf_counter() - started
        with Browser(chromium, timeout=300) as browser:
            browser.open(page.as_uri())
            browser.evaluate(
                "new Promise(done => { const wait = () => document.documentElement.dataset.ready ? done() :"
                " setTimeout(wait, 50); wait(); })"
            )
            draw_ms = float(browser.evaluate("document.documentElement.dataset.drawMs"))
            counts = browser.evaluate(
                "[document.documentElement.dataset.nodes, document.documentElement.dataset.edges]"
            )
            relation = browser.evaluate("newskgView.graph.getEdgeAttribute(newskgView.graph.edges()[0], 'relation')")
            untick = f"document.querySelector('#relations [data-name=\"{relation}\"] input').click();"
            filter_ms = [browser.evaluate(TIMED % untick) for _ in range(2)]
            isolated_ms = browser.evaluate(TIMED % "document.getElementById('show-isolated').click();")
            search_ms = browser.evaluate(
                TIMED % "const s = document.getElementById('search'); s.value = 'Entity 12';"
                " s.dispatchEvent(new Event('input'));"
            )
            frames = browser.evaluate(FRAMES)
            requests = browser.requests()
            # The same zoom on the 45-node examples page: what software WebGL gives on this machine at all.
            small = Path(folder) / "examples.html"
            write_graph(examples_graph(), str(small), OutputOptions(base_iri=DEFAULT_BASE_IRI))
            browser.open(small.as_uri())
            baseline = browser.evaluate(FRAMES)
        size = page.stat().st_size
    print(f"## View page: {args.entities:,} entities, {args.relations:,} relations (synthetic, random pairs)\n")
    print(f"Chromium drew {counts[0]} nodes and {counts[1]} edges; requests made: {len(requests) - 1}.\n")
    print("| step | measured |")
    print("| --- | ---: |")
    print(f"| layout (`graphs/layout.py`, ForceAtlas2 in numpy) | {layout_seconds:.1f} s |")
    print(f"| `-o graph.html` (layout + page data + HTML) | {write_seconds:.1f} s, {size / 1e6:.1f} MB |")
    print(f"| first draw in headless Chromium (navigation start to drawn) | {draw_ms / 1000:.1f} s |")
    print(f"| untick a relation / tick it again (filter + redraw) | {filter_ms[0]:.0f} ms / {filter_ms[1]:.0f} ms |")
    print(f"| show isolated entities (filter + redraw) | {isolated_ms:.0f} ms |")
    print(f"| search box, 'Entity 12' typed (matches highlighted) | {search_ms:.0f} ms |")
    print(
        f"| zooming in and out for 2 s | {frames['fps']:.0f} frames/s, longest frame {frames['longest']:.0f} ms,"
        f" main thread blocked at most {frames['lag']:.0f} ms |"
    )
    print(
        f"| the same zoom on the 45-node examples page (software WebGL's own pace here) | {baseline['fps']:.0f}"
        f" frames/s, longest frame {baseline['longest']:.0f} ms |"
    )


if __name__ == "__main__":
    main()
