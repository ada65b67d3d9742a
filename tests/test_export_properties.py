"""Property tests: names with quotes, angle brackets, newlines, control characters, right-to-left text and emoji
go through every exporter and come back (RDF isomorphic, network attributes equal, CSV cells equal)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from newskg.graphs.formats import OutputOptions, registry
from newskg.graphs.merge import add_article
from newskg.graphs.network import network_table, to_networkx, xml_safe
from newskg.graphs.rdf import to_rdf
from newskg.graphs.rdf.read import from_rdf
from newskg.graphs.rdf.read import union_graph as merged_graph
from newskg.graphs.rdf.view import dataset_quads, union_triples
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.model import Article, ArticleRecords, Entity, Evidence, KnowledgeGraph, Mention, Relation
from newskg.vocabulary import ENTITY_TYPES

GEXF_SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "data" / "gexf" / "1.3" / "gexf.rng")))
TRICKY = [*"\"'<>&\n\r\t \\{}|`=@#;:,./", "\x00", "\x01", "\x0b", "\x1f", "\x7f", "\u200f", "\u202e"]
TRICKY += ["שלום", "سلام", "😀", "🇯🇵", "é", "ß", "İ", "ﬁ", "\u00a0", "\ufeff", "a", "Z", "7"]
names = st.lists(st.sampled_from(TRICKY) | st.characters(codec="utf-8"), min_size=1, max_size=10).map("".join)
dates = st.none() | st.dates().map(lambda d: d.isoformat())
RELATIONS = ["met", "signed", "excluded", "holds_role", "acquired"]
settings.register_profile("exports", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SETTINGS = settings.get_profile("exports")


@st.composite
def knowledge_graphs(draw) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for index in range(draw(st.integers(1, 2))):
        article_id = f"{index}-{draw(names)}"
        article = Article(article_id, "text", title=draw(st.none() | names), date=draw(dates), url=None)
        labels = draw(st.lists(names, min_size=2, max_size=4, unique=True))
        entities = [
            Entity(
                f"k{i}",
                label,
                draw(st.sampled_from(ENTITY_TYPES)),
                [label, *draw(st.lists(names, max_size=2))],
                [Mention(0, 1, label, 0)] * draw(st.integers(1, 3)),
                {"iso3": "ABC"} if draw(st.booleans()) else {},
            )
            for i, label in enumerate(labels)
        ]
        relations = []
        # Distinct offsets: two identical mentions of one relation are one statement in RDF.
        for start in range(draw(st.integers(1, 3))):
            subject, obj = draw(st.lists(st.integers(0, len(labels) - 1), min_size=2, max_size=2, unique=True))
            evidence = Evidence(
                article_id,
                draw(names),
                start,
                draw(st.integers(50, 99)),
                draw(names),
                draw(st.floats(0, 1)),
                modality=draw(st.none() | names),
                date=draw(dates),
                title=draw(st.none() | names),
            )
            predicate = draw(st.sampled_from(RELATIONS))
            relations.append(Relation(f"k{subject}", predicate, f"k{obj}", evidence, predicate in ("met", "signed")))
        add_article(graph, ArticleRecords(article, entities, relations))
    return graph


def serialize(name: str, graph: KnowledgeGraph) -> bytes:
    return registry()[name].serialize(graph, OutputOptions(DEFAULT_BASE_IRI))


def comparable(graph: KnowledgeGraph) -> tuple:
    """A KnowledgeGraph as plain data, evidence order ignored and article texts left out (RDF does not keep them)."""
    return (
        {key: (a.title, a.date, a.url, a.source) for key, a in graph.articles.items()},
        graph.entities,
        {key: sorted(r.evidence, key=repr) for key, r in graph.relations.items()},
        {key: (r.subject, r.predicate, r.object, r.symmetric) for key, r in graph.relations.items()},
    )


@SETTINGS
@given(knowledge_graphs())
def test_the_rdf_view_streams_each_quad_once_and_its_union_once(graph: KnowledgeGraph) -> None:
    """The writers take the stream as it comes: a duplicate would be written twice."""
    quads = list(dataset_quads(graph, DEFAULT_BASE_IRI))
    triples = list(union_triples(graph, DEFAULT_BASE_IRI))
    assert len(set(quads)) == len(quads)
    assert len(set(triples)) == len(triples)
    assert set(triples) == {quad.triple for quad in quads}


@SETTINGS
@given(knowledge_graphs())
def test_merged_rdf_formats_round_trip_isomorphic(graph: KnowledgeGraph) -> None:
    expected = merged_graph(to_rdf(graph))
    for name, parser in (("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")):
        parsed = Graph().parse(data=serialize(name, graph), format=parser)
        assert isomorphic(parsed, expected), name
        assert comparable(from_rdf(parsed)) == comparable(graph), name


@SETTINGS
@given(knowledge_graphs())
def test_quad_formats_round_trip_graph_by_graph(graph: KnowledgeGraph) -> None:
    expected = to_rdf(graph)
    expected_graphs = {str(g.identifier): g for g in expected.graphs() if len(g)}
    for name, parser in (("trig", "trig"), ("nquads", "nquads")):
        parsed = Dataset().parse(data=serialize(name, graph), format=parser)
        parsed_graphs = {str(g.identifier): g for g in parsed.graphs() if len(g)}
        named = {key for key in expected_graphs if not key.startswith("urn:x-rdflib:")}
        assert named == {key for key in parsed_graphs if not key.startswith("urn:x-rdflib:")}, name
        for key in named:
            assert isomorphic(parsed_graphs[key], expected_graphs[key]), (name, key)
        assert isomorphic(merged_graph(parsed), merged_graph(expected)), name
        assert comparable(from_rdf(parsed)) == comparable(graph), name


def edge_key(source: str, target: str, attrs: dict) -> tuple[str, str, str]:
    return source, target, attrs["relation"]


@SETTINGS
@given(knowledge_graphs())
def test_network_formats_keep_every_attribute(graph: KnowledgeGraph) -> None:
    expected = to_networkx(graph)
    gexf_bytes = serialize("gexf", graph)
    assert GEXF_SCHEMA.validate(etree.parse(io.BytesIO(gexf_bytes))), GEXF_SCHEMA.error_log
    for name, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        parsed = reader(io.BytesIO(gexf_bytes if name == "gexf" else serialize("graphml", graph)))
        assert dict(parsed.nodes(data=True)).keys() == dict(expected.nodes(data=True)).keys()
        for node, attrs in expected.nodes(data=True):
            got = parsed.nodes[node]
            assert {key: got.get(key) for key in attrs} == attrs, (name, node)
        parsed_edges = {edge_key(u, v, a): a for u, v, a in parsed.edges(data=True)}
        expected_edges = {edge_key(u, v, a): a for u, v, a in expected.edges(data=True)}
        assert parsed_edges.keys() == expected_edges.keys(), name
        for key, attrs in expected_edges.items():
            got = parsed_edges[key]
            assert {k: got.get(k) for k in attrs if k != "weight"} == {k: v for k, v in attrs.items() if k != "weight"}
            assert got["weight"] == attrs["weight"], (name, key)


@SETTINGS
@given(knowledge_graphs())
def test_csv_tables_keep_every_cell(graph: KnowledgeGraph) -> None:
    table = network_table(graph)
    nodes = list(csv.DictReader(io.StringIO(serialize("csv-nodes", graph).decode("utf-8"), newline="")))
    edges = list(csv.DictReader(io.StringIO(serialize("csv-edges", graph).decode("utf-8"), newline="")))
    assert [(row["Id"], row["Label"], row["aliases"]) for row in nodes] == [
        (n.id, n.label, n.attributes["aliases"]) for n in table.nodes
    ]
    assert [(row["Source"], row["Target"], row["Label"], row["evidence"], int(row["Weight"])) for row in edges] == [
        (e.source, e.target, e.label, e.attributes["evidence"], e.weight) for e in table.edges
    ]
    assert all(xml_safe(n.label) == n.label for n in table.nodes)
