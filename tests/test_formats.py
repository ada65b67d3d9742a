"""Every output format is written to bytes and parsed back with the contract's attributes."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from newskg.graphs.formats import (
    OutputOptions,
    UnknownFormat,
    all_formats,
    extensions_of,
    find_format,
    format_for_path,
    registry,
    write_graph,
)
from newskg.graphs.formats.rdf import RDFReadError, load_dataset, load_store
from newskg.graphs.merge import add_article
from newskg.graphs.vocab import DEFAULT_BASE_IRI, NKG
from newskg.model import Article, ArticleRecords, Entity, Evidence, KnowledgeGraph, Mention, Relation

NODE_ATTRIBUTES = {"label", "type", "aliases", "articles", "mentions", "iri"}
EDGE_ATTRIBUTES = {"relation", "label", "articles", "weight", "evidence"}


def sample_graph(label: str = "Japan") -> KnowledgeGraph:
    article = Article(id="a1", text="India and Japan signed a pact.", title="Pact", date="2020-10-07")
    india = Entity("Country:India", "India", "Country", ["India"], [Mention(0, 5, "India", 0)], {"iso3": "IND"})
    japan = Entity("Country:Japan", label, "Country", [label], [Mention(10, 15, label, 0)])
    evidence = Evidence("a1", "India and Japan signed a pact.", 16, 22, "test", 0.9, date="2020-10-07")
    relation = Relation("Country:India", "signed", "Country:Japan", evidence, symmetric=True)
    graph = KnowledgeGraph()
    add_article(graph, ArticleRecords(article, [india, japan], [relation]))
    return graph


def serialize(name: str, graph: KnowledgeGraph) -> bytes:
    return registry()[name].serialize(graph, OutputOptions(DEFAULT_BASE_IRI))


@pytest.mark.parametrize("name,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_parse_back_with_contract_attributes(name: str, reader) -> None:
    parsed = reader(io.BytesIO(serialize(name, sample_graph())))
    nodes = dict(parsed.nodes(data=True))
    assert set(nodes["country/india"]) >= NODE_ATTRIBUTES
    assert nodes["country/india"]["label"] == "India" and nodes["country/india"]["type"] == "Country"
    assert int(nodes["country/india"]["mentions"]) == 1
    [(source, target, attrs)] = list(parsed.edges(data=True))
    assert (source, target) == ("country/india", "country/japan")
    assert set(attrs) >= EDGE_ATTRIBUTES
    assert attrs["relation"] == "signed" and attrs["articles"] == "a1" and int(attrs["weight"]) == 1


@pytest.mark.parametrize("name,rdf_format", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_merged_rdf_formats_parse_back(name: str, rdf_format: str) -> None:
    graph = Graph().parse(data=serialize(name, sample_graph()), format=rdf_format)
    india = URIRef(DEFAULT_BASE_IRI + "entity/country/india")
    japan = URIRef(DEFAULT_BASE_IRI + "entity/country/japan")
    assert (india, NKG.signed, japan) in graph
    sentences = {str(o) for o in graph.objects(None, NKG.sentence)}
    assert sentences == {"India and Japan signed a pact."}


@pytest.mark.parametrize("name,rdf_format", [("trig", "trig"), ("nquads", "nquads")])
def test_quad_formats_have_one_named_graph_per_article(name: str, rdf_format: str) -> None:
    dataset = Dataset().parse(data=serialize(name, sample_graph()), format=rdf_format)
    named = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert DEFAULT_BASE_IRI + "graph/a1" in named


def test_merged_turtle_and_trig_describe_the_same_triples() -> None:
    turtle = Graph().parse(data=serialize("turtle", sample_graph()), format="turtle")
    dataset = Dataset().parse(data=serialize("trig", sample_graph()), format="trig")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    from rdflib.compare import isomorphic

    assert isomorphic(turtle, union)


@pytest.mark.parametrize("name", sorted(registry()))
def test_same_graph_gives_same_bytes(name: str) -> None:
    assert serialize(name, sample_graph()) == serialize(name, sample_graph())


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_control_characters_do_not_break_xml(name: str) -> None:
    graph = sample_graph(label='Ja\x01pan <&> "q"')
    reader = nx.read_graphml if name == "graphml" else nx.read_gexf
    parsed = reader(io.BytesIO(serialize(name, graph)))
    assert any(attrs["label"] == 'Ja pan <&> "q"' for _, attrs in parsed.nodes(data=True))


def test_unknown_extension_lists_supported_ones() -> None:
    with pytest.raises(UnknownFormat, match=r"out\.xyz: unknown output extension \(supported: .*\.graphml.*\.ttl"):
        format_for_path("out.xyz")


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path) -> None:
    target = tmp_path / "sub" / "g.ttl"
    write_graph(sample_graph(), str(target), OutputOptions(DEFAULT_BASE_IRI))
    assert target.read_bytes().startswith(b"@prefix")
    assert [p.name for p in target.parent.iterdir()] == ["g.ttl"]
    assert target.stat().st_mode & 0o044 == 0o044  # readable by others, like any file the user writes


def test_one_registry_names_every_format_once_with_its_readers_beside_its_writer() -> None:
    formats = all_formats()
    assert len({fmt.name for fmt in formats}) == len(formats)
    extensions = extensions_of(formats, reading=True)
    assert len(set(extensions)) == len(extensions)
    assert list(registry()) == [
        "graphml", "gexf", "turtle", "ntriples", "jsonld", "trig", "nquads", "csv-nodes", "csv-edges", "html"
    ]  # fmt: skip
    readers = {fmt.name: (fmt.rdf is not None, fmt.read_network is not None) for fmt in formats}
    assert readers["graphml"] == readers["gexf"] == (False, True)
    assert all(readers[name] == (True, False) for name in ("turtle", "ntriples", "jsonld", "trig", "nquads", "rdfxml"))
    assert readers["csv-nodes"] == readers["csv-edges"] == readers["html"] == (False, False)
    assert "rdfxml" not in registry()  # read, never written


@pytest.mark.parametrize(
    "path,expected",
    [("g.TTL", "turtle"), ("g.nq", "nquads"), ("g.nquads", "nquads"), ("g.json", "jsonld"), ("g.owl", "rdfxml")],
)
def test_rdf_files_are_found_by_extension_including_read_only_ones(path: str, expected: str) -> None:
    readable = [fmt for fmt in all_formats() if fmt.rdf is not None]
    found = find_format(path, readable, reading=True)
    assert found is not None and found.name == expected


def test_output_lookup_refuses_read_only_extensions() -> None:
    for path in ("g.nquads", "g.json", "g.rdf"):
        with pytest.raises(UnknownFormat, match="unknown output extension"):
            format_for_path(path)


@pytest.mark.parametrize("extension", [".nq", ".nquads", ".jsonld", ".json", ".rdf"])
def test_both_rdf_readers_read_every_rdf_extension(tmp_path, extension: str) -> None:
    written = Dataset().parse(data=serialize("trig", sample_graph()), format="trig")
    union = Graph()
    for s, p, o, _ in written.quads((None, None, None, None)):
        union.add((s, p, o))
    path = tmp_path / f"g{extension}"
    if extension == ".rdf":
        union.serialize(path, format="xml")
    else:
        path.write_bytes(serialize("nquads" if extension.startswith(".nq") else "jsonld", sample_graph()))
    assert len(load_dataset(str(path))) == len(union)
    assert len(load_store(str(path))) == len(union)


def test_a_file_that_is_not_rdf_is_named_with_the_extensions_newskg_reads() -> None:
    for load in (load_dataset, load_store):
        with pytest.raises(RDFReadError, match=r"g\.graphml: not an RDF file \(want one of .*\.ttl.*\.nquads.*\.owl\)"):
            load("g.graphml")
