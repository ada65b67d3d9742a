"""newskg's files opened by third-party clients, the way users open them.

rapper (Raptor, Debian's raptor2-utils) reads the Turtle, N-Triples, TriG and
N-Quads; pyld turns the JSON-LD into RDF; igraph reads the GraphML; plain
pyoxigraph (no newskg prefixes, a union default graph) and Oxigraph's own SPARQL
server (``oxigraph serve-read-only`` over a store's ``rdf`` folder) run every
example query. Every file comes from one real ``newskg extract`` run over the
bundled examples (the README's). A client that is not installed makes its tests
skip, saying how to install it (``.ci/run`` installs them all); the session's
summary lists which clients ran (``tests/conftest.py``).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import newskg.run
from newskg.cli import app
from newskg.store import RDF_FOLDER
from tests.conftest import EXAMPLES, REPO

QUERIES = sorted((REPO / "examples" / "queries").glob("*.rq"))
FORMATS = ("ttl", "nt", "jsonld", "trig", "nq", "graphml", "gexf")
runner = CliRunner()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, nlp) -> dict[str, Path]:
    """The README's run (the examples and the dated examples) in every RDF and network format, and in a store."""
    out = tmp_path_factory.mktemp("clients")
    files = {ext: out / f"news.{ext}" for ext in FORMATS}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(newskg.run, "load_pipeline", lambda *args, **kwargs: nlp)
        outputs = [arg for path in files.values() for arg in ("-o", str(path))]
        inputs = [str(EXAMPLES), str(EXAMPLES.parent / "dated")]
        result = runner.invoke(app, ["extract", *inputs, "-q", "--store", str(out / "store"), *outputs])
    assert result.exit_code == 0, result.output
    return {**files, "store": out / "store"}


def quad_set(data: bytes | None = None, path: Path | None = None, syntax: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> set:
    """The quads of a document, parsed by pyoxigraph."""
    quads = ox.parse(data, format=syntax) if data is not None else ox.parse(path=str(path), format=syntax)
    return set(quads)


def triple_set(quads: set) -> set:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


# --- rapper ---------------------------------------------------------------------------------------------------


RAPPER_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "trig": "trig", "nq": "nquads"}


@pytest.mark.client("rapper (raptor2-utils)")
@pytest.mark.skipif(
    shutil.which("rapper") is None, reason="rapper is not installed (apt-get install -y raptor2-utils; .ci/run does)"
)
@pytest.mark.parametrize("ext", sorted(RAPPER_SYNTAX))
def test_rapper_reads_every_triple_newskg_wrote(run: dict[str, Path], ext: str) -> None:
    """rapper's count is newskg's (a line per triple of its N-Triples, per quad of its N-Quads), and what it reads is
    newskg's graph, term for term."""
    quads = ext in ("trig", "nq")
    done = subprocess.run(
        ["rapper", "-i", RAPPER_SYNTAX[ext], "-o", "nquads" if quads else "ntriples", str(run[ext])],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    line_format = run["nq" if quads else "nt"].read_text(encoding="utf-8").splitlines()
    assert f"Parsing returned {len(line_format)} triples".encode() in done.stderr
    syntax = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    read = quad_set(done.stdout, syntax=syntax)
    written = quad_set(path=run["nq" if quads else "nt"], syntax=syntax)
    assert len(written) == len(line_format) and read == written


# --- pyld -------------------------------------------------------------------------------------------------------


def refuse_remote(url: str, options: object = None) -> object:
    raise AssertionError(f"the JSON-LD asked for a remote document: {url}")


@pytest.mark.client("pyld")
def test_pyld_reads_the_json_ld_as_the_n_triples(run: dict[str, Path]) -> None:
    """JSON-LD processed by pyld (with no network: the context is inline) gives the N-Triples' triples exactly."""
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld is not installed (pip install -e '.[dev]')")
    document = json.loads(run["jsonld"].read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": refuse_remote})
    read = triple_set(quad_set(nquads.encode("utf-8")))
    written = triple_set(quad_set(path=run["nt"], syntax=ox.RdfFormat.N_TRIPLES))
    assert len(written) == len(run["nt"].read_text(encoding="utf-8").splitlines())
    assert read == written


# --- igraph -----------------------------------------------------------------------------------------------------


@pytest.mark.client("igraph")
def test_igraph_reads_the_graphml_with_its_counts_and_types(run: dict[str, Path]) -> None:
    igraph = pytest.importorskip("igraph", reason="igraph is not installed (pip install -e '.[dev]')")
    graph = igraph.Graph.Read_GraphML(str(run["graphml"]))
    reference = nx.read_graphml(run["graphml"], force_multigraph=True)  # newskg's own reader of the same file
    assert (graph.vcount(), graph.ecount()) == (reference.number_of_nodes(), reference.number_of_edges())
    assert graph.vcount() > 20 and graph.ecount() > 20 and graph.is_directed()
    nodes = {vertex["id"]: vertex.attributes() for vertex in graph.vs}
    assert set(nodes) == set(reference.nodes)
    for node_id, attrs in reference.nodes(data=True):
        read = nodes[node_id]
        assert read["label"] == attrs["label"] and read["type"] == attrs["type"]
        assert isinstance(read["mentions"], float) and read["mentions"] == attrs["mentions"]  # numeric, not text
    edges = [edge.attributes() for edge in graph.es]
    assert all(isinstance(edge["weight"], float) and edge["weight"] >= 1 for edge in edges)
    assert all(isinstance(edge["confidence"], float) and 0 < edge["confidence"] <= 1 for edge in edges)
    assert all(isinstance(edge["symmetric"], bool) for edge in edges)
    relations = Counter(attrs["relation"] for *_, attrs in reference.edges(data=True))
    assert Counter(edge["relation"] for edge in edges) == relations
    # Parallel relations of one pair stay separate edges.
    pairs = Counter((graph.vs[e.source]["id"], graph.vs[e.target]["id"]) for e in graph.es)
    assert max(pairs.values()) >= 1 and sum(pairs.values()) == graph.ecount()


# --- SPARQL: plain pyoxigraph, newskg query, Oxigraph's server -----------------------------------------------


def bindings(results_json: str | bytes) -> list[dict]:
    """The rows of a W3C SPARQL JSON result."""
    return json.loads(results_json)["results"]["bindings"]


def newskg_rows(source: Path, query: Path) -> list[dict]:
    result = runner.invoke(app, ["query", str(source), "--file", str(query), "-f", "json"])
    assert result.exit_code == 0, result.output
    return bindings(result.output)


@pytest.mark.client("pyoxigraph (plain)")
@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_example_queries_answer_in_plain_pyoxigraph_as_in_newskg_query(run: dict[str, Path], query: Path) -> None:
    """Each example declares its prefixes, so a plain engine with a union default graph runs it as it is, and
    finds rows; newskg query finds the same rows, from the file and from the store."""
    store = ox.Store()
    store.load(path=str(run["trig"]), format=ox.RdfFormat.TRIG)
    results = store.query(query.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    plain = bindings(results.serialize(format=ox.QueryResultsFormat.JSON))
    assert plain, f"{query.name} returns no row"
    assert newskg_rows(run["trig"], query) == plain
    assert newskg_rows(run["store"], query) == plain


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def oxigraph_server() -> str | None:
    """Oxigraph's server binary (the ``oxigraph`` package on PyPI), beside this Python's or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def post_query(endpoint: str, query: str) -> bytes:
    request = urllib.request.Request(
        endpoint,
        data=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return bytes(response.read())


@pytest.fixture(scope="module")
def sparql_endpoint(run: dict[str, Path]) -> Iterator[str]:
    """``oxigraph serve-read-only --union-default-graph`` over the store's rdf folder on 127.0.0.1, stopped after."""
    binary = oxigraph_server()
    if binary is None:
        pytest.skip("Oxigraph's server is not installed (pip install 'oxigraph>=0.5,<0.6'; .ci/run does)")
    port = free_port()
    location = run["store"] / RDF_FOLDER
    command = [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*command, "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                post_query(endpoint, "ASK {}")
                break
            except (urllib.error.URLError, ConnectionError) as err:
                if server.poll() is not None:
                    stderr = server.stderr.read().decode() if server.stderr else ""
                    pytest.fail(f"oxigraph serve-read-only exited ({server.returncode}): {stderr.strip()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve-read-only did not answer on 127.0.0.1:{port} in 30 s ({err})")
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()


@pytest.mark.client("oxigraph server")
@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_example_queries_over_http_answer_as_newskg_query(
    run: dict[str, Path], sparql_endpoint: str, query: Path
) -> None:
    served = bindings(post_query(sparql_endpoint, query.read_text(encoding="utf-8")))
    assert served, f"{query.name} returns no row from the server"
    assert served == newskg_rows(run["store"], query)


@pytest.mark.client("oxigraph server")
def test_the_server_shows_no_bookkeeping(sparql_endpoint: str, run: dict[str, Path]) -> None:
    """Only the RDF view is served: the default graph and one graph per article, nothing of newskg's own."""
    graphs = bindings(post_query(sparql_endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    names = {row["g"]["value"] for row in graphs}
    assert names and all("/graph/" in name for name in names)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    served = int(bindings(post_query(sparql_endpoint, count))[0]["n"]["value"])
    # Oxigraph's union default graph holds every quad's triple (a triple in two graphs counts twice): the N-Quads.
    assert served == len(quad_set(path=run["nq"]))
    hidden = 'ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER (STRSTARTS(STR(?s), "urn:newskg")) }'
    assert json.loads(post_query(sparql_endpoint, hidden))["boolean"] is False
