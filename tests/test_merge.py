"""Across articles: one node per real-world entity, homonyms apart, every merge recorded with its reason."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import ORG, RDF, SDO, XSD

from newskg.graphs.merge import add_article, merge_records
from newskg.graphs.network import to_networkx
from newskg.graphs.rdf import to_rdf
from newskg.graphs.vocab import NKG
from newskg.model import Article, ArticleRecords, Entity, Evidence, KnowledgeGraph, Mention, Relation
from newskg.run import ExtractOptions, extract


def records(article_id: str, *entities: tuple[str, str]) -> ArticleRecords:
    return ArticleRecords(
        article=Article(id=article_id, text=""),
        entities=[
            Entity(key=f"{kind}:{label}", label=label, type=kind, aliases=[label], mentions=[Mention(0, 1, label, 0)])
            for label, kind in entities
        ],
    )


def test_one_thing_typed_two_ways_is_one_node_with_the_specific_type() -> None:
    graph = merge_records([records("a", ("Vodafone", "Organization")), records("b", ("Vodafone", "Company"))])
    assert [(n.label, n.type, n.mentions) for n in graph.sorted_entities()] == [("Vodafone", "Company", 2)]
    assert graph.merges[0].articles == ("b",) and "type family" in graph.merges[0].reason


def test_homonyms_of_different_kinds_stay_apart() -> None:
    graph = merge_records(
        [
            records("a", ("Jordan", "Country")),
            records("b", ("Jordan", "Person")),
            records("c", ("Georgia", "Region")),
            records("d", ("Georgia", "Country")),
        ]
    )
    assert sorted((n.label, n.type) for n in graph.sorted_entities()) == [
        ("Georgia", "Country"),
        ("Georgia", "Region"),
        ("Jordan", "Country"),
        ("Jordan", "Person"),
    ]
    assert graph.merges == []


def test_bare_surname_merges_only_when_unambiguous() -> None:
    graph = merge_records(
        [
            records("a", ("Angela Brandt", "Person"), ("John Smith", "Person"), ("Mary Smith", "Person")),
            records("b", ("Brandt", "Person"), ("Smith", "Person")),
        ]
    )
    labels = sorted(n.label for n in graph.sorted_entities())
    assert labels == ["Angela Brandt", "John Smith", "Mary Smith", "Smith"]
    brandt = next(n for n in graph.sorted_entities() if n.label == "Angela Brandt")
    assert brandt.articles == {"a", "b"} and "Brandt" in brandt.aliases
    reasons = [m.reason for m in graph.merges]
    assert any(r.startswith("surname 'Brandt'") for r in reasons)
    assert any(r.startswith("not merged: surname 'Smith' is ambiguous") for r in reasons)


def test_no_merge_keeps_articles_apart() -> None:
    graph = KnowledgeGraph()
    for item in (records("a", ("Kenya", "Country")), records("b", ("Kenya", "Country"))):
        add_article(graph, item, merge=False)
    assert len(graph.entities) == 2 and graph.merges == []


def test_merge_report_roles_and_rdf_role_nodes(tmp_path: Path) -> None:
    first, second = tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt"
    first.parent.mkdir()
    first.write_text("Summit\n\nGerman Foreign Minister Klaus Weber arrived in Rome.\n", encoding="utf-8")
    second.write_text("Talks\n\nOn Tuesday, Mr Weber met officials from Germany in Paris.\n", encoding="utf-8")
    report, ttl = tmp_path / "merges.json", tmp_path / "g.ttl"
    graph, _ = extract([str(first.parent)], [str(ttl)], ExtractOptions(merge_report=str(report)))
    merges = json.loads(report.read_text(encoding="utf-8"))["merges"]
    assert {m["label"] for m in merges} >= {"Germany", "Weber"}
    weber = next(n for n in graph.sorted_entities() if n.label == "Klaus Weber")
    assert weber.articles == {"in/a", "in/b"}
    assert to_networkx(graph).nodes[weber.id]["roles"] == "Foreign Minister of Germany"
    rdf = Graph().parse(ttl, format="turtle")
    memberships = list(rdf.subjects(RDF.type, ORG.Membership))
    assert len(memberships) == 1
    assert len(list(rdf.subjects(RDF.type, NKG.MergeRecord))) == len(merges)
    assert to_rdf(graph) is not None


def test_role_in_rdf_is_a_membership_with_title_country_and_article_date() -> None:
    item = records("a", ("Klaus Weber", "Person"), ("Germany", "Country"))
    evidence = Evidence(
        "a", "German Foreign Minister Klaus Weber", 0, 35, "role", 0.8, date="2021-03-04", title="Foreign Minister"
    )
    item.relations.append(Relation("Person:Klaus Weber", "holds_role", "Country:Germany", evidence))
    dataset = to_rdf(merge_records([item]))
    quads = list(dataset.quads((None, RDF.type, ORG.Membership, None)))
    assert len(quads) == 1
    membership, _, _, article_graph = quads[0]
    named = dataset.graph(article_graph)
    assert str(named.value(membership, ORG.organization)).endswith("entity/country/germany")
    assert named.value(membership, SDO.roleName) == Literal("Foreign Minister")
    assert named.value(membership, NKG.statedOn) == Literal("2021-03-04", datatype=XSD.date)
