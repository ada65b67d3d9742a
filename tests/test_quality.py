"""The quality suite: extraction scored on gold data must not fall below tests/quality/thresholds.json.

The thresholds are the figures last measured by ``python bench/quality_report.py``
minus a small margin, so any regression fails here; after an improvement, raise
them with ``python bench/quality_report.py --update-thresholds``. The seed article
and CoNLL04 dev live in the shared folder beside the repo (or NEWSKG_SHARED); their
tests are skipped, saying so, when it is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from spacy.language import Language

from newskg.evaluate import Evaluation, evaluate, gold_problem, headline, load_graph, read_gold, score_graph
from newskg.vocabulary import ENTITY_TYPES, relation_inventory
from tests.conftest import SHARED

pytestmark = pytest.mark.quality

QUALITY = Path(__file__).resolve().parent / "quality"
OWN_GOLD = QUALITY / "gold.jsonl"
THRESHOLDS = json.loads((QUALITY / "thresholds.json").read_text(encoding="utf-8"))


def run(gold: Path, nlp: Language, only_predicates: list[str] | None = None) -> Evaluation:
    if not gold.is_file():
        pytest.skip(f"{gold} not present: the shared folder is not beside the repo (set NEWSKG_SHARED to run this)")
    return evaluate(gold, only_predicates=only_predicates, nlp=nlp, report=pytest.fail)


def assert_at_least(result: dict[str, Any], gold_set: str) -> None:
    figures = headline(result)
    below = {
        metric: f"{figures[metric]:.3f} < {minimum}"
        for metric, minimum in THRESHOLDS[gold_set]["minimum"].items()
        if figures[metric] < minimum
    }
    assert not below, f"{gold_set}: quality fell below tests/quality/thresholds.json: {below}"


@pytest.fixture(scope="module")
def own(nlp: Language) -> Evaluation:
    return run(OWN_GOLD, nlp)


def test_own_gold_quality(own: Evaluation) -> None:
    assert own.run.extracted == len(own.gold)
    assert_at_least(own.result, "own")


def test_own_gold_scores_the_same_through_a_graphml_file(own: Evaluation, tmp_path: Path) -> None:
    """What `newskg extract -o x.graphml` writes scores as the in-memory graph does."""
    path = tmp_path / "own.graphml"
    nx.write_graphml_xml(own.graph, path, encoding="utf-8")
    again = score_graph(own.gold, load_graph(path))
    for key in ("totals", "entity", "relation", "entity_types", "relations_by_predicate"):
        assert again[key] == own.result[key]


def test_seed_quality(nlp: Language) -> None:
    assert_at_least(run(SHARED / "gold" / "seed.jsonl", nlp).result, "seed")


def test_bbc_dev_quality(nlp: Language) -> None:
    assert_at_least(run(SHARED / "gold" / "bbc_dev.jsonl", nlp).result, "bbc_dev")


def test_conll04_dev_quality(nlp: Language) -> None:
    only = THRESHOLDS["conll04_dev"]["only_predicates"]
    assert_at_least(run(SHARED / "gold" / "conll04_dev.jsonl", nlp, only).result, "conll04_dev")


def test_own_gold_is_well_formed_and_covers_every_relation() -> None:
    gold = read_gold(OWN_GOLD, report=pytest.fail)
    assert len(gold) >= 10
    required = {r["predicate"] for doc in gold for r in doc["relations"] if r["required"]}
    assert required == set(relation_inventory())
    for doc in gold:
        assert gold_problem(doc) is None
        body = doc["text"].split("\n\n", 1)[1]
        assert 3 <= len(re.findall(r"[.!?](?:\s|$)", body)) <= 8, doc["id"]
        for entity in doc["entities"]:
            assert entity["type"] in ENTITY_TYPES, entity
            assert any(alias in doc["text"] for alias in entity["aliases"]), entity
        for relation in doc["relations"]:
            assert relation["predicate"] in relation_inventory(), relation
            assert relation["evidence"] in doc["text"], relation
            assert relation["symmetric"] == relation_inventory()[relation["predicate"]].symmetric, relation
