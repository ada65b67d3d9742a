"""Across articles: one node per real-world entity, homonyms apart, every merge recorded with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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
    """Records without type evidence are never merged across kinds; the report says why."""
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
    assert {m.reason for m in graph.merges} == {
        "not merged: 'Georgia' has nodes of several kinds and no type evidence",
        "not merged: 'Jordan' has nodes of several kinds and no type evidence",
    }


def typed(
    article_id: str, label: str, kind: str, scores: dict[str, float], strong: tuple[str, ...] = ()
) -> ArticleRecords:
    """One article naming one entity, with the type evidence its clusters gave."""
    entity = Entity(
        key=f"{kind}:{label}",
        label=label,
        type=kind,
        aliases=[label],
        mentions=[Mention(0, 1, label, 0)],
        type_scores=scores,
        strong_families=list(strong),
    )
    return ArticleRecords(article=Article(id=article_id, text=""), entities=[entity])


# (articles as (id, type, scores, strong families), nodes expected as (type, articles), words of the reason)
KIND_CASES = [
    pytest.param(
        [
            ("a", "Person", {"Person": 1.0}, ()),
            ("b", "Company", {"Company": 6.0, "Organization": 2.0}, ("organization",)),
            ("c", "Region", {"Region": 1.0, "Company": 2.0}, ()),
        ],
        [("Company", {"a", "b", "c"})],
        "one entity, no evidence of two",
        id="a-firm-ner-took-for-a-person-and-a-place",
    ),
    pytest.param(
        [
            ("a", "Country", {"Country": 8.0}, ("country",)),
            ("b", "Person", {"Person": 7.0}, ("person",)),
        ],
        [("Country", {"a"}), ("Person", {"b"})],
        "names two things",
        id="country-and-person-both-strong",
    ),
    pytest.param(
        [
            ("a", "Country", {"Country": 8.0}, ("country",)),
            ("b", "Organization", {"Organization": 1.0}, ()),
        ],
        [("Country", {"a", "b"})],
        "one entity",
        id="weak-reading-joins-the-strong-one",
    ),
]


@pytest.mark.parametrize(("articles", "expected", "reason"), KIND_CASES)
def test_one_name_of_several_kinds(articles: list, expected: list, reason: str) -> None:
    items = [typed(article, "Tarrowgate", kind, scores, strong) for article, kind, scores, strong in articles]
    for order in (items, list(reversed(items))):
        graph = merge_records(order)
        assert sorted((n.type, n.articles) for n in graph.sorted_entities()) == sorted(expected, key=lambda x: x[0])
        assert graph.merges and all(reason in m.reason for m in graph.merges)
        assert [n.id for n in merge_records(items).sorted_entities()] == [n.id for n in graph.sorted_entities()]


def test_a_node_is_typed_by_the_evidence_of_all_its_articles() -> None:
    """Typed Company in two articles and GovernmentBody in one: Company, whichever article comes first."""
    items = [
        typed("a", "Ostrel", "GovernmentBody", {"GovernmentBody": 3.0, "Organization": 1.0}),
        typed("b", "Ostrel", "Company", {"Company": 4.0, "Organization": 1.0}),
        typed("c", "Ostrel", "Company", {"Company": 2.0, "Organization": 1.0}),
    ]
    for order in (items, list(reversed(items))):
        assert [(n.type, n.mentions) for n in merge_records(order).sorted_entities()] == [("Company", 3)]


def test_relations_follow_a_merge_across_kinds() -> None:
    first = typed("a", "Quillmark", "Person", {"Person": 1.0})
    evidence = Evidence(article_id="a", sentence="", start=0, end=1, rule="test", confidence=1.0)
    first.entities.append(Entity(key="Country:Peru", label="Peru", type="Country", type_scores={"Country": 8.0}))
    first.relations.append(Relation("Person:Quillmark", "visited", "Country:Peru", evidence))
    second = typed("b", "Quillmark", "Company", {"Company": 6.0}, ("organization",))
    second.entities.append(Entity(key="Country:Spain", label="Spain", type="Country", type_scores={"Country": 8.0}))
    evidence = Evidence(article_id="b", sentence="", start=0, end=1, rule="test", confidence=1.0)
    second.relations.append(Relation("Company:Quillmark", "based_in", "Country:Spain", evidence))
    graph = merge_records([first, second])
    assert {(r.subject, r.predicate, r.object) for r in graph.relations.values()} == {
        ("organization/quillmark", "based_in", "country/spain"),
        ("organization/quillmark", "visited", "country/peru"),
    }


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


def test_one_firm_typed_two_ways_in_two_articles_is_one_node(extract_text) -> None:
    first = extract_text("Analysts said Brightwell was struggling.", article_id="a")
    second = extract_text("Shares in Brightwell fell. Brightwell chief executive Jo Mann resigned.", article_id="b")
    assert {e.type for e in first.entities if e.label == "Brightwell"} == {"Person"}  # NER alone, in article a
    graph = merge_records([first, second])
    firms = [n for n in graph.sorted_entities() if n.label == "Brightwell"]
    assert [(n.type, n.articles) for n in firms] == [("Company", {"a", "b"})]
    assert any(m.label == "Brightwell" and "one entity" in m.reason for m in graph.merges)
