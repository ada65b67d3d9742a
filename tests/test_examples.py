"""The bundled example articles give their expected graphs (``examples/expected.jsonl``).

Expected items marked ``needs`` name a capability not built yet and are not
asserted; every other entity and relation must be in the graph, and every
``forbidden`` relation must not.
"""

from __future__ import annotations

import json

import pytest

from newskg.graphs.merge import merge_records
from newskg.model import KnowledgeGraph
from newskg.reader import read_articles
from newskg.run import ExtractOptions, RunSummary, extract_records
from tests.conftest import EXAMPLES

EXPECTED = [json.loads(line) for line in (EXAMPLES.parent / "expected.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    summary = RunSummary()
    articles = [a for a in read_articles([str(EXAMPLES)])]
    graph = merge_records(extract_records(articles, ExtractOptions(), summary, report=print))  # type: ignore[arg-type]
    assert summary.extracted == len(EXPECTED)
    return graph


def resolve(graph: KnowledgeGraph, article_id: str, entity: dict) -> str | None:
    names = {name.casefold() for name in entity["aliases"]}
    for node in graph.sorted_entities():
        if article_id in node.articles and ({a.casefold() for a in node.aliases} | {node.label.casefold()}) & names:
            return node.id
    return None


def has_edge(graph: KnowledgeGraph, subject: str | None, predicate: str, obj: str | None, symmetric: bool) -> bool:
    pairs = [(subject, obj), (obj, subject)] if symmetric else [(subject, obj)]
    return any((s, predicate, o) in graph.relations for s, o in pairs)


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["id"] for e in EXPECTED])
def test_example_graph(graph: KnowledgeGraph, expected: dict) -> None:
    article_id = expected["id"]
    nodes = {}
    for entity in expected["entities"]:
        node = resolve(graph, article_id, entity)
        nodes[entity["id"]] = node
        if entity.get("required", True) and "needs" not in entity:
            assert node is not None, f"missing entity {entity['name']}"
            assert graph.entities[node].type == entity["type"], entity["name"]
    for relation in expected["relations"]:
        if "needs" in relation:
            continue
        found = has_edge(
            graph,
            nodes[relation["subject"]],
            relation["predicate"],
            nodes[relation["object"]],
            relation.get("symmetric", False),
        )
        assert found, f"missing {relation['subject']} -{relation['predicate']}-> {relation['object']}"
    for relation in expected.get("forbidden", []):
        found = has_edge(graph, nodes[relation["subject"]], relation["predicate"], nodes[relation["object"]], True)
        assert not found, f"forbidden {relation['subject']} -{relation['predicate']}-> {relation['object']}"
