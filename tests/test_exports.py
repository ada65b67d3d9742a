"""Every format written from the bundled examples passes its validator, and RDF is the complete record.

GEXF against the official GEXF 1.3 RelaxNG (tests/data/gexf) and Gephi Lite's parser,
RDF against the SHACL shapes, GraphML and CSV parsed back; ``newskg export`` from the
TriG rewrites every format byte for byte; SPARQL finds the sentence behind an edge.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from newskg.cli import app
from newskg.extractor.records import doc_to_records
from newskg.graphs.export import export_rdf
from newskg.graphs.formats import OutputOptions, registry
from newskg.graphs.formats.gexf import TYPE_COLORS
from newskg.graphs.merge import add_article, merge_records
from newskg.graphs.network import network_table
from newskg.graphs.network_read import read_network
from newskg.graphs.query import format_result, run_query
from newskg.graphs.rdf import to_rdf
from newskg.graphs.rdf.read import from_rdf, infer_base_iri
from newskg.graphs.rdf.read import union_graph as merged_graph
from newskg.graphs.validate import validate_rdf
from newskg.graphs.vocab import DEFAULT_BASE_IRI, NKG
from newskg.model import Article, ArticleRecords, Entity, Evidence, KnowledgeGraph, Mention, Relation
from newskg.reader import read_articles
from newskg.reprints import fingerprint
from tests.conftest import EXAMPLES, REPO, SHARED

if not SHARED.is_dir():  # a worktree checkout: the shared folder lives one level further up
    SHARED = REPO.parent.parent / "shared"

DATA = Path(__file__).parent / "data"
DATED = EXAMPLES.parent / "dated"
JS = Path(__file__).parent / "js"
RDF_PARSERS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}
runner = CliRunner()


def build(nlp, paths: list[str]) -> KnowledgeGraph:
    """The merged graph of a run, with reprints and events (fingerprints made as a run's parser makes them)."""
    records = []
    for article in read_articles(paths):
        assert isinstance(article, Article), article
        with_print = replace(article, fingerprint=fingerprint(article.text, article.title))
        records.append(doc_to_records(nlp(article.text), with_print))
    return merge_records(records)


@pytest.fixture(scope="module")
def examples(nlp) -> KnowledgeGraph:
    return build(nlp, [str(EXAMPLES)])


@pytest.fixture(scope="module")
def dated(nlp) -> KnowledgeGraph:
    return build(nlp, [str(DATED)])


@pytest.fixture(scope="module")
def parallel() -> KnowledgeGraph:
    """Several relations between one pair, both ways: parallel edges a reader must not merge."""
    article = Article("a", "t", date="2020-01-01")
    india = Entity("k0", "India", "Country", ["India"], [Mention(0, 5, "India", 0)])
    japan = Entity("k1", "Japan", "Country", ["Japan"], [Mention(10, 15, "Japan", 0)])
    relations = [
        Relation("k0", predicate, "k1", Evidence("a", "s", i, i + 1, "r", 0.5), predicate == "signed")
        for i, predicate in enumerate(["signed", "excluded", "accused"])
    ]
    relations.append(Relation("k1", "accused", "k0", Evidence("a", "s", 9, 10, "r", 0.5)))
    graph = KnowledgeGraph()
    add_article(graph, ArticleRecords(article, [india, japan], relations))
    assert len(graph.relations) == 4
    return graph


@pytest.fixture(scope="module")
def gexf_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(DATA / "gexf" / "1.3" / "gexf.rng")))


def serialize(name: str, graph: KnowledgeGraph) -> bytes:
    return registry()[name].serialize(graph, OutputOptions(DEFAULT_BASE_IRI))


@pytest.mark.client("GEXF 1.3 RelaxNG (lxml)")
@pytest.mark.parametrize("which", ["examples", "dated", "parallel"])
def test_gexf_validates_against_the_gexf_1_3_relaxng(request, gexf_schema: etree.RelaxNG, which: str) -> None:
    graph: KnowledgeGraph = request.getfixturevalue(which)
    document = etree.fromstring(serialize("gexf", graph))
    assert gexf_schema.validate(etree.ElementTree(document)), gexf_schema.error_log
    assert document.tag == "{http://gexf.net/1.3}gexf" and document.get("version") == "1.3"


def test_gexf_schema_check_rejects_what_networkx_writes(gexf_schema: etree.RelaxNG, examples) -> None:
    """The validator can fail: networkx's own GEXF 1.3 (name="" and an xsi schemaLocation) does."""
    from newskg.graphs.network import to_networkx

    buffer = io.BytesIO()
    nx.write_gexf(to_networkx(examples), buffer, version="1.3")
    assert not gexf_schema.validate(etree.parse(io.BytesIO(buffer.getvalue())))


def test_dated_run_is_a_dynamic_gexf_with_spells(dated: KnowledgeGraph) -> None:
    document = etree.fromstring(serialize("gexf", dated))
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    graph = document.find("g:graph", ns)
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    assert (graph.get("start"), graph.get("end")) == ("2020-02-11", "2021-05-12")
    [edge] = [
        edge
        for edge in document.iterfind(".//g:edge", ns)
        if edge.get("label") == "met"
        and "Rui Carvalho met" in (edge.find("g:attvalues/g:attvalue[@for='evidence']", ns).get("value") or "")
    ]
    spells = [(s.get("start"), s.get("end")) for s in edge.iterfind("g:spells/g:spell", ns)]
    assert spells == [("2020-02-11", "2020-02-11")]
    parsed = nx.read_gexf(io.BytesIO(serialize("gexf", dated)))
    assert parsed.graph["mode"] == "dynamic"
    assert parsed.nodes["country/norway"]["spells"] == [("2020-09-03", "2020-09-03")]


def test_undated_run_is_a_static_gexf(examples: KnowledgeGraph) -> None:
    text = serialize("gexf", examples).decode()
    assert '<graph mode="static" defaultedgetype="directed">' in text
    assert "<spell" not in text and "timeformat" not in text


def test_gexf_declares_types_and_draws_types_and_mentions(examples: KnowledgeGraph) -> None:
    document = etree.fromstring(serialize("gexf", examples))
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    declared = {
        (a.getparent().get("class"), a.get("title")): a.get("type") for a in document.iterfind(".//g:attribute", ns)
    }
    assert declared[("node", "mentions")] == "integer"
    assert declared[("edge", "confidence")] == "double"
    assert declared[("edge", "symmetric")] == "boolean"
    sizes = {}
    for node in document.iterfind(".//g:node", ns):
        values = {v.get("for"): v.get("value") for v in node.iterfind(".//g:attvalue", ns)}
        color = node.find("viz:color", ns)
        assert color is not None
        assert tuple(int(color.get(c)) for c in "rgb") == TYPE_COLORS[values["type"]]
        size = node.find("viz:size", ns)
        assert size is not None
        sizes[int(values["mentions"])] = float(size.get("value"))
    assert len(sizes) > 1 and list(dict(sorted(sizes.items())).values()) == sorted(sizes.values())
    assert all(e.get("label") == e.get("kind") for e in document.iterfind(".//g:edge", ns))


def single_day(graph: KnowledgeGraph) -> KnowledgeGraph:
    """The graph with every article and statement dated on one day."""
    day = "2021-06-01"
    return replace(
        graph,
        articles={key: replace(a, date=day) for key, a in graph.articles.items()},
        relations={
            key: replace(r, evidence=[replace(e, date=day if e.date else None) for e in r.evidence])
            for key, r in graph.relations.items()
        },
        events=[replace(event, date=day, first_reported=day, last_reported=day) for event in graph.events],
    )


def test_a_single_date_is_a_static_gexf_with_its_date_in_the_columns(gexf_schema, examples: KnowledgeGraph) -> None:
    """Gephi's timeline refuses a dynamic graph whose start is its end: one distinct date gives a static graph."""
    graph = single_day(examples)
    text = serialize("gexf", graph).decode()
    assert '<graph mode="static" defaultedgetype="directed">' in text and "<spell" not in text
    assert '<attvalue for="first_date" value="2021-06-01"/>' in text
    assert gexf_schema.validate(etree.fromstring(text.encode()).getroottree())
    nodes = list(csv.DictReader(io.StringIO(serialize("csv-nodes", graph).decode())))
    edges = list(csv.DictReader(io.StringIO(serialize("csv-edges", graph).decode())))
    assert {row["Interval"] for row in nodes + edges} == {""}
    assert {row["first_date"] for row in nodes} == {"2021-06-01"}


def test_gexf_positions_are_the_view_pages(examples: KnowledgeGraph, dated: KnowledgeGraph) -> None:
    """Gephi opens the picture the page draws: every node's viz:position is the seeded layout's, and the page's."""
    from newskg.graphs.viewer.data import graph_page_data

    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    for graph in (examples, dated):
        document = etree.fromstring(serialize("gexf", graph))
        written = {}
        for node in document.iterfind(".//g:node", ns):
            position = node.find("viz:position", ns)
            assert position is not None, node.get("id")
            written[node.get("id")] = (float(position.get("x")), float(position.get("y")))
        page = {node["id"]: (node["x"], node["y"]) for node in graph_page_data(graph)["nodes"]}
        assert written == page and len(written) == len(graph.entities)
        assert len(set(written.values())) == len(written)  # no two nodes on one spot
        assert max(abs(c) for xy in written.values() for c in xy) > 100  # spread out, not a dot


def test_graphml_edges_name_their_relation_for_gephi(parallel: KnowledgeGraph) -> None:
    """Gephi reads an <edge label="..."> as the edge's type, so the parallel relations of one pair stay apart."""
    data = serialize("graphml", parallel)
    labels = [edge.get("label") for edge in etree.fromstring(data).iter("{*}edge")]
    assert sorted(labels) == ["accused", "accused", "excluded", "signed"]
    parsed = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert parsed.number_of_edges() == 4


@pytest.mark.parametrize("name", ["gexf", "graphml", "csv-nodes", "html"])
def test_no_isolated_leaves_unlinked_entities_out_of_network_formats(
    tmp_path: Path, examples: KnowledgeGraph, name: str
) -> None:
    linked = {r.subject for r in examples.relations.values()} | {r.object for r in examples.relations.values()}
    assert len(linked) < len(examples.entities)
    options = OutputOptions(DEFAULT_BASE_IRI, isolated=False)
    data = registry()[name].serialize(examples, options)
    if name == "csv-nodes":
        ids = {row["Id"] for row in csv.DictReader(io.StringIO(data.decode()))}
    elif name == "html":
        ids = {node["id"] for node in graph_data_of_page(data)["nodes"]}
    else:
        path = tmp_path / f"g.{name}"
        path.write_bytes(data)
        ids = {node.id for node in read_network(str(path)).nodes}
    assert ids == linked
    full = serialize(name, examples)
    assert len(full) > len(data)
    assert serialize("trig", examples) == registry()["trig"].serialize(examples, options)  # RDF keeps every entity


def graph_data_of_page(html: bytes) -> dict:
    """The JSON document a view page embeds."""
    text = html.decode()
    start = text.index('<script id="newskg-data" type="application/json">')
    start = text.index(">", start) + 1
    return json.loads(text[start : text.index("</script>", start)])


def test_extract_and_export_leave_out_the_same_isolated_entities(tmp_path: Path, shared_nlp) -> None:
    direct = tmp_path / "direct.gexf"
    result = runner.invoke(
        app, ["extract", str(EXAMPLES), "-q", "--no-isolated", "-o", str(direct), "-o", str(tmp_path / "g.trig")]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", str(tmp_path / "g.trig"), "--no-isolated", "-o", str(tmp_path / "e.gexf")])
    assert result.exit_code == 0, result.output
    assert direct.read_bytes() == (tmp_path / "e.gexf").read_bytes()
    network = nx.read_gexf(direct)
    assert network.number_of_nodes() > 0 and not list(nx.isolates(network))
    result = runner.invoke(app, ["view", str(direct), "-o", str(tmp_path / "v.html"), "--no-isolated"])
    assert result.exit_code == 0, result.output


def test_graphml_keys_are_typed_and_read_back_as_numbers(examples: KnowledgeGraph) -> None:
    data = serialize("graphml", examples)
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in etree.fromstring(data).iter("{*}key")}
    assert keys[("node", "mentions")] == "int" and keys[("edge", "weight")] == "int"
    assert keys[("edge", "confidence")] == "double" and keys[("node", "label")] == "string"
    parsed = nx.read_graphml(io.BytesIO(data))
    assert all(isinstance(attrs["mentions"], int) for _, attrs in parsed.nodes(data=True))
    assert all(isinstance(attrs["weight"], int) for *_, attrs in parsed.edges(data=True))


def test_csv_tables_follow_gephi_spreadsheet_layout(dated: KnowledgeGraph) -> None:
    nodes = list(csv.DictReader(io.StringIO(serialize("csv-nodes", dated).decode())))
    edges = list(csv.DictReader(io.StringIO(serialize("csv-edges", dated).decode())))
    assert list(nodes[0])[:3] == ["Id", "Label", "Interval"]
    assert list(edges[0])[:8] == ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "Interval"]
    assert all(row["Kind"] == row["Label"] == row["relation"] for row in edges)  # Gephi's edge type: the relation
    assert len(nodes) == len(dated.entities) and len(edges) == len(dated.relations)
    norway = next(row for row in nodes if row["Id"] == "country/norway")
    assert norway["Label"] == "Norway" and norway["Interval"] == "<[2020-09-03, 2020-09-03]>"
    assert {row["Type"] for row in edges} == {"Directed"}
    assert {row["Source"] for row in edges} | {row["Target"] for row in edges} <= {row["Id"] for row in nodes}


@pytest.mark.parametrize("name", sorted(RDF_PARSERS))
@pytest.mark.parametrize("which", ["examples", "dated"])
def test_rdf_outputs_conform_to_the_shapes(request, name: str, which: str) -> None:
    graph: KnowledgeGraph = request.getfixturevalue(which)
    dataset = Dataset().parse(data=serialize(name, graph), format=RDF_PARSERS[name])
    result = validate_rdf(dataset)
    assert result.conforms, result.report


def test_shapes_reject_a_broken_graph(dated: KnowledgeGraph) -> None:
    from rdflib import Literal
    from rdflib.namespace import RDF

    from newskg.graphs.vocab import NKG

    graph = merged_graph(to_rdf(dated))
    statement = next(graph.subjects(RDF.type, NKG.Statement))
    graph.remove((statement, NKG.sentence, None))
    subject, obj = graph.value(statement, RDF.subject), graph.value(statement, RDF.object)
    graph.add((subject, NKG.sued, obj))  # a relation no statement supports
    graph.set((subject, NKG.mentionCount, Literal("many")))
    result = validate_rdf(graph)
    assert not result.conforms
    assert "nkg:sentence" in result.report or "ontology#sentence" in result.report
    assert "has no supporting nkg:Statement" in result.report
    assert "mentionCount" in result.report


@pytest.mark.parametrize("which", ["examples", "dated"])
def test_every_format_exported_from_trig_equals_the_direct_output(request, tmp_path: Path, which: str) -> None:
    graph: KnowledgeGraph = request.getfixturevalue(which)
    source = Dataset(default_union=True).parse(data=serialize("trig", graph), format="trig")
    assert infer_base_iri(source) == DEFAULT_BASE_IRI
    names = sorted(registry())
    outputs = [str(tmp_path / f"out{registry()[name].extensions[0]}") for name in names]
    export_rdf(source, outputs)
    for name, path in zip(names, outputs, strict=True):
        assert Path(path).read_bytes() == serialize(name, graph), name


def test_export_keeps_the_source_base_iri(tmp_path: Path, dated: KnowledgeGraph) -> None:
    base = "https://example.org/kg/"
    source = to_rdf(dated, base)
    export_rdf(source, [str(tmp_path / "g.graphml")])
    parsed = nx.read_graphml(tmp_path / "g.graphml")
    assert all(attrs["iri"].startswith(base + "entity/") for _, attrs in parsed.nodes(data=True))
    assert isomorphic(merged_graph(to_rdf(from_rdf(source), base)), merged_graph(source))


def test_scorer_reads_gexf_and_graphml_alike(tmp_path: Path, nlp) -> None:
    scorer, gold = SHARED / "tools" / "score_graph.py", SHARED / "gold" / "seed.jsonl"
    if not scorer.exists():
        pytest.skip("the shared scorer is not present")
    graph = build(nlp, [str(gold)])
    lines = []
    for name in ("gexf", "graphml"):
        path = tmp_path / f"seed.{name}"
        path.write_bytes(serialize(name, graph))
        result = subprocess.run([sys.executable, str(scorer), str(gold), str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        lines.append(result.stdout.strip().splitlines()[-1])
    assert lines[0] == lines[1] and lines[0].startswith("entity_f1=")


def graphology_counts(path: Path) -> tuple[int, int, int]:
    """Nodes, edges, and nodes with a position, as Gephi Lite's parser reads the file."""
    result = subprocess.run(["node", str(JS / "count.mjs"), str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    nodes, edges, positioned = result.stdout.split()
    return int(nodes), int(edges), int(positioned)


@pytest.mark.client("graphology-gexf")
@pytest.mark.skipif(
    shutil.which("node") is None or not (JS / "node_modules" / "graphology-gexf").is_dir(),
    reason="node or graphology-gexf missing: run `npm install` in tests/js (.ci/run does)",
)
@pytest.mark.parametrize("which", ["examples", "dated", "parallel"])
def test_gephi_lite_parser_reads_the_same_counts(request, tmp_path: Path, which: str) -> None:
    graph: KnowledgeGraph = request.getfixturevalue(which)
    path = tmp_path / "g.gexf"
    path.write_bytes(serialize("gexf", graph))
    assert graphology_counts(path) == (len(graph.entities), len(graph.relations), len(graph.entities))


SIGNED_EITHER_WAY = """
SELECT DISTINCT ?sentence WHERE {{
  GRAPH ?article {{ ?s rdf:predicate nkg:signed ; rdf:subject ?x ; rdf:object ?y ; nkg:sentence ?sentence }}
  ?x rdfs:label ?xl . ?y rdfs:label ?yl .
  FILTER ((?xl = "{a}" && ?yl = "{b}") || (?xl = "{b}" && ?yl = "{a}"))
}}"""


def pact_article() -> ArticleRecords:
    """A small article of our own, with its records made by hand so the test is about the RDF, not the extractor."""
    text = "Kenya, Ghana sign trade pact\n\nKenya and Ghana signed a trade agreement in Accra on Monday."
    sentence = text.split("\n\n")[1]
    start = text.index("signed")
    evidence = Evidence("own-pact", sentence, start, start + 6, "test-rule", 0.9, date="2022-05-09")
    kenya = Entity("Country:Kenya", "Kenya", "Country", ["Kenya"], [Mention(28, 33, "Kenya", 1)], {"iso3": "KEN"})
    ghana = Entity("Country:Ghana", "Ghana", "Country", ["Ghana"], [Mention(38, 43, "Ghana", 1)], {"iso3": "GHA"})
    accra = Entity("City:Accra", "Accra", "City", ["Accra"], [Mention(76, 81, "Accra", 1)])
    article = Article(id="own-pact", text=text, title="Kenya, Ghana sign trade pact", date="2022-05-09")
    signed = Relation("Country:Kenya", "signed", "Country:Ghana", evidence, symmetric=True)
    return ArticleRecords(article, [kenya, ghana, accra], [signed])


def test_sparql_over_trig_returns_the_sentence_behind_a_signed_edge() -> None:
    graph = merge_records([pact_article()])
    dataset = Dataset(default_union=True).parse(data=serialize("trig", graph), format="trig")
    assert validate_rdf(dataset).conforms
    result = run_query(dataset, SIGNED_EITHER_WAY.format(a="Ghana", b="Kenya"))
    assert [str(row[0]) for row in result.rows] == ["Kenya and Ghana signed a trade agreement in Accra on Monday."]
    assert run_query(dataset, SIGNED_EITHER_WAY.format(a="Kenya", b="Accra")).rows == []


def test_sparql_over_seed_trig_returns_the_india_japan_signed_sentence(nlp) -> None:
    gold = SHARED / "gold" / "seed.jsonl"
    if not gold.exists():
        pytest.skip("the shared seed article is not present")
    graph = build(nlp, [str(gold)])
    labels = {key: entity.label for key, entity in graph.entities.items()}
    pairs = {
        frozenset((labels[r.subject], labels[r.object])) for r in graph.relations.values() if r.predicate == "signed"
    }
    if frozenset(("India", "Japan")) not in pairs:
        pytest.skip("the extractor finds no signed edge between India and Japan in the seed article yet")
    dataset = Dataset(default_union=True).parse(data=serialize("trig", graph), format="trig")
    sentences = [str(row[0]) for row in run_query(dataset, SIGNED_EITHER_WAY.format(a="India", b="Japan")).rows]
    assert any("India" in s and "Japan" in s for s in sentences), sentences


def trig_file(folder: Path, graph: KnowledgeGraph) -> Path:
    path = folder / "g.trig"
    path.write_bytes(serialize("trig", graph))
    return path


def test_query_command_prints_table_csv_and_json(tmp_path: Path, dated: KnowledgeGraph) -> None:
    path = trig_file(tmp_path, dated)
    # DISTINCT: a reprinted article's graph holds the same direct triple as its original's.
    query = "SELECT DISTINCT ?who WHERE { ?a nkg:met ?b . ?a rdfs:label ?who } ORDER BY ?who"
    table = runner.invoke(app, ["query", str(path), query])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[0].strip() == "who" and table.output.endswith("(3 rows)\n")
    as_csv = runner.invoke(app, ["query", str(path), query, "--output-format", "csv"])
    assert as_csv.output.splitlines() == ["who", "Chile", "Elena Rojas", "Luis Paredes"]
    query_file = tmp_path / "q.rq"
    query_file.write_text(query, encoding="utf-8")
    as_json = runner.invoke(app, ["query", str(path), "--file", str(query_file), "--output-format", "json"])
    # The W3C SPARQL 1.1 results JSON: variables in the head, each value with its type.
    assert json.loads(as_json.output) == {
        "head": {"vars": ["who"]},
        "results": {
            "bindings": [
                {"who": {"type": "literal", "value": name}} for name in ("Chile", "Elena Rojas", "Luis Paredes")
            ]
        },
    }
    ask = runner.invoke(app, ["query", str(path), "ASK { ?a nkg:killed ?b }"])
    assert ask.output == "false\n"
    ask_json = runner.invoke(app, ["query", str(path), "ASK { ?a nkg:met ?b }", "-f", "json"])
    assert json.loads(ask_json.output) == {"head": {}, "boolean": True}


def test_query_results_formats_are_the_w3c_ones_with_full_iris_and_typed_numbers(
    tmp_path: Path, dated: KnowledgeGraph
) -> None:
    path = trig_file(tmp_path, dated)
    query = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s rdf:predicate ?p } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1"
    table = runner.invoke(app, ["query", str(path), query]).output.splitlines()
    assert table[2].split() == [
        "nkg:holds_role",
        str(sum(len(r.evidence) for r in dated.relations.values() if r.predicate == "holds_role")),
    ]
    as_csv = runner.invoke(app, ["query", str(path), query, "-f", "csv"]).stdout_bytes.decode()
    assert as_csv == f"p,n\r\nhttps://w3id.org/newskg/ontology#holds_role,{table[2].split()[1]}\r\n"
    as_tsv = runner.invoke(app, ["query", str(path), query, "-f", "tsv"]).output
    assert as_tsv.splitlines()[1] == f"<https://w3id.org/newskg/ontology#holds_role>\t{table[2].split()[1]}"
    [row] = json.loads(runner.invoke(app, ["query", str(path), query, "-f", "json"]).output)["results"]["bindings"]
    assert row["p"] == {"type": "uri", "value": "https://w3id.org/newskg/ontology#holds_role"}
    assert row["n"] == {
        "type": "literal",
        "value": table[2].split()[1],
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    xml = etree.fromstring(runner.invoke(app, ["query", str(path), query, "-f", "xml"]).output.encode())
    assert xml.tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    assert [uri.text for uri in xml.iter("{*}uri")] == ["https://w3id.org/newskg/ontology#holds_role"]
    # rdflib's answer (the library's run_query) is written in the same W3C format.
    answer = run_query(Dataset(default_union=True).parse(path, format="trig"), query)
    assert json.loads(format_result(answer, "json"))["results"]["bindings"] == [row]


def test_query_command_reports_bad_queries_and_files_in_one_line(tmp_path: Path) -> None:
    bad_rdf = tmp_path / "bad.ttl"
    bad_rdf.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(app, ["query", str(bad_rdf), "SELECT * WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2 and result.output.startswith(f"newskg: {bad_rdf}: not valid turtle")
    good = tmp_path / "g.ttl"
    good.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["query", str(good), "SELEKT nothing"])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "query,message",
    [
        ("SELECT * WHERE { ?s foo:bar ?o }", "line 1, column 21: unknown prefix 'foo:' (declare it with PREFIX foo:"),
        ("SELECT * WHERE {\n  ?s ex:p ?o }", "line 2, column 6: unknown prefix 'ex:'"),
        ('SELECT * WHERE { ?s rdfs:label "a:b" . ?s <http://e.org/x:y> ?o . ?s :p ?o }', "unknown prefix ':'"),
        ("INSERT DATA { <http://e.org/a> <http://e.org/b> 1 }", "INSERT is a SPARQL update: newskg query only reads"),
        ("PREFIX e: <http://e.org/>\n# drop it\nDELETE WHERE { ?s e:p ?o }", "DELETE is a SPARQL update"),
        ("SELEKT ?s WHERE { ?s ?p ?o }", "a query starts with SELECT, ASK, CONSTRUCT, DESCRIBE"),
        ("SELECT * WHERE { ?s ?p ?o ", "SPARQL syntax error at line 1, column 27 (at the end): expected"),
    ],
)
def test_bad_queries_get_one_clear_line(tmp_path: Path, query: str, message: str) -> None:
    path = tmp_path / "g.ttl"
    path.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["query", str(path), query])
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("newskg: query: ") and message in line, line
    assert "\\u{" not in line and len(line) < 300


def test_stats_command_counts_types_relations_and_hubs(tmp_path: Path, dated: KnowledgeGraph) -> None:
    path = tmp_path / "g.nq"
    path.write_bytes(serialize("nquads", dated))
    result = runner.invoke(app, ["stats", str(path), "--top", "2"])
    assert result.exit_code == 0, result.output
    relations = len(dated.relations)
    statements = sum(len(r.evidence) for r in dated.relations.values())
    articles = len(dated.articles)
    assert result.output.startswith(f"articles: {articles}  entities: {len(dated.entities)}  relations: {relations}")
    assert f"statements: {statements}  events: {len(dated.events)}" in result.output.splitlines()[0]
    assert "Country" in result.output and "met" in result.output
    hubs = result.output.split("most connected entity")[1].split("\n\n")[0].strip().splitlines()[2:]
    assert len(hubs) == 2
    reported = result.output.split("most reported event")[1].strip().splitlines()[2:]
    assert len(reported) == 2 and reported[0].split()[-4:] == ["2021-03-17", "3", "3", "3"]


def test_export_and_validate_commands(tmp_path: Path, dated: KnowledgeGraph) -> None:
    source = tmp_path / "g.trig"
    source.write_bytes(serialize("trig", dated))
    result = runner.invoke(app, ["export", str(source), "--format", "gexf", "-o", str(tmp_path / "g.xml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.xml").read_bytes() == serialize("gexf", dated)
    result = runner.invoke(app, ["export", str(source), "-o", str(tmp_path / "g.docx")])
    assert result.exit_code == 2 and "unknown output extension" in result.output
    assert runner.invoke(app, ["validate", str(source)]).exit_code == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix nkg: <https://w3id.org/newskg/ontology#> .\n<https://e.org/a> a nkg:Country .\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1 and "does not conform" in result.output


def test_query_result_formats_a_construct_as_turtle(dated: KnowledgeGraph) -> None:
    result = run_query(to_rdf(dated), "CONSTRUCT { ?a nkg:met ?b } WHERE { ?a nkg:met ?b }")
    text = format_result(result, "table")
    assert isomorphic(Graph().parse(data=text, format="turtle"), result.graph)  # type: ignore[arg-type]


def test_query_command_answers_as_rdflib_does_on_the_same_file(tmp_path: Path, dated: KnowledgeGraph) -> None:
    """The CLI queries files with Oxigraph; its answers are rdflib's (CONSTRUCT as Turtle, IRIs compacted)."""
    path = trig_file(tmp_path, dated)
    construct = "CONSTRUCT { ?a nkg:met ?b } WHERE { ?a nkg:met ?b }"
    result = runner.invoke(app, ["query", str(path), construct])
    assert result.exit_code == 0, result.output
    expected = run_query(Dataset(default_union=True).parse(path, format="trig"), construct).graph
    assert expected is not None and len(expected) > 0
    assert isomorphic(Graph().parse(data=result.output, format="turtle"), expected)
    select = "SELECT DISTINCT ?p WHERE { ?a ?p ?b . FILTER(?p = nkg:met) }"
    assert runner.invoke(app, ["query", str(path), select]).output.splitlines()[2] == "nkg:met"
    assert runner.invoke(app, ["query", str(path), select, "-f", "csv"]).output.splitlines() == ["p", str(NKG.met)]


def test_gexf_of_two_runs_is_the_same_bytes_and_carries_no_date_of_writing(nlp, dated: KnowledgeGraph) -> None:
    import datetime as dt

    again = serialize("gexf", build(nlp, [str(DATED)]))
    assert again == serialize("gexf", dated)
    assert dt.date.today().isoformat().encode() not in again and b"lastmodifieddate" not in again


def test_example_queries_run_and_find_who_met_whom_in_2020(dated: KnowledgeGraph) -> None:
    dataset = Dataset(default_union=True).parse(data=serialize("trig", dated), format="trig")
    queries = {path.name: path.read_text(encoding="utf-8") for path in (EXAMPLES.parent / "queries").glob("*.rq")}
    assert len(queries) == 4
    results = {name: run_query(dataset, query) for name, query in queries.items()}
    met = [[str(value) for value in row] for row in results["met-in-2020.rq"].rows]
    assert [row[2] for row in met] == ["2020-02-11", "2020-02-11"]
    assert {row[0] for row in met} == {"Chile", "Elena Rojas"}
    assert any("Rui Carvalho met" in row[3] for row in met)
    reported = [[str(value) for value in row] for row in results["events-reported-by-three-sources.rq"].rows]
    assert [row[:6] for row in reported] == [["Ecuador", "signed", "Peru", "2021-03-17", "3", "3"]]


def test_query_with_ontology_finds_events_by_plover_category(tmp_path: Path, dated: KnowledgeGraph) -> None:
    path = trig_file(tmp_path, dated)
    query = (
        'SELECT DISTINCT ?who WHERE { ?p nkg:ploverCategory "CONSULT" . ?a ?p ?b . ?a rdfs:label ?who } ORDER BY ?who'
    )
    plain = runner.invoke(app, ["query", str(path), query, "--output-format", "csv"])
    assert plain.output.splitlines() == ["who"]
    with_ontology = runner.invoke(app, ["query", str(path), query, "--output-format", "csv", "--with-ontology"])
    assert with_ontology.output.splitlines() == ["who", "Chile", "Elena Rojas", "Luis Paredes"]


def test_query_wants_exactly_one_query(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text("", encoding="utf-8")
    for arguments in ([], ["ASK {}", "--file", str(path)]):
        result = runner.invoke(app, ["query", str(path), *arguments])
        assert result.exit_code == 2 and "either as an argument or with --file" in result.output


@pytest.mark.parametrize("name", sorted(RDF_PARSERS))
def test_export_from_every_rdf_format_gives_the_same_gexf(tmp_path: Path, dated: KnowledgeGraph, name: str) -> None:
    source = tmp_path / f"g{registry()[name].extensions[0]}"
    source.write_bytes(serialize(name, dated))
    result = runner.invoke(app, ["export", str(source), "-o", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.gexf").read_bytes() == serialize("gexf", dated)


def test_stats_reads_gexf_and_graphml_as_it_reads_rdf(tmp_path: Path, dated: KnowledgeGraph) -> None:
    outputs = {}
    for name in ("trig", "gexf", "graphml"):
        path = tmp_path / f"g.{name}"
        path.write_bytes(serialize(name, dated))
        result = runner.invoke(app, ["stats", str(path), "--top", "3"])
        assert result.exit_code == 0, result.output
        outputs[name] = result.output
    assert outputs["gexf"] == outputs["graphml"]
    mentions = sum(edge.weight for edge in network_table(dated).edges)
    articles = len({a for e in dated.entities.values() for a in e.articles} | set(dated.reprints))
    first = f"articles: {articles}  entities: {len(dated.entities)}  relations: {len(dated.relations)}"
    assert outputs["gexf"].startswith(f"{first}  mentions: {mentions}  events: {len(dated.events)}\n")

    # The same counts by type, and the same hubs, as from the RDF.
    def rows(text: str, section: str) -> list[str]:
        return text.split(section)[1].split("\n\n")[0].splitlines()[2:]

    assert rows(outputs["gexf"], "entity type") == rows(outputs["trig"], "entity type")
    hubs = [row.rsplit(None, 1)[0] for row in rows(outputs["gexf"], "most connected entity")]  # less the last column
    assert hubs and hubs == [row.rsplit(None, 1)[0] for row in rows(outputs["trig"], "most connected entity")]
    assert "most reported events: listed from RDF or a store" in outputs["gexf"]
    result = runner.invoke(app, ["stats", str(tmp_path / "missing.gexf")])
    assert result.exit_code == 2 and "missing.gexf" in result.output
