"""The evaluator scores a graph as the reference scorer does, and `newskg evaluate` reports it.

The fixture (tests/fixtures/scoring_*) is a hand-made graph and gold pair that
exercises each rule of the scorer: a duplicate node, a symmetric relation given
backwards, wrong node types, optional gold items, predicate equivalences, a
non-entity node, edges and nodes of another article, and spurious items.
"""

from __future__ import annotations

import importlib.util
import json
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newskg.cli import app
from newskg.evaluate import GoldError, evaluate, load_graph, norm, read_gold, score_graph
from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLD = FIXTURES / "scoring_gold.jsonl"
GRAPH = FIXTURES / "scoring_graph.graphml"
REFERENCE = SHARED / "tools" / "score_graph.py"
ONLY = ["attacked", "works_for", "signed"]

runner = CliRunner()


def gold_docs() -> list[dict[str, Any]]:
    return read_gold(GOLD, report=pytest.fail)


def f1(p: Fraction, r: Fraction) -> float:
    return float(2 * p * r / (p + r))


# (gold articles used, only_predicates) -> hard-coded totals and overall figures, worked out by hand.
CASES: dict[
    str, tuple[slice, list[str] | None, dict[str, int], tuple[Fraction, Fraction], tuple[Fraction, Fraction]]
] = {
    "both articles": (
        slice(None),
        None,
        dict(
            ent_sys=13,
            ent_tp=10,
            ent_req=9,
            ent_req_found_typed=7,
            dups=2,
            rel_sys=11,
            rel_tp=9,
            rel_req=8,
            rel_req_found=8,
        ),
        (Fraction(10, 13), Fraction(7, 9)),
        (Fraction(9, 11), Fraction(1)),
    ),
    "only some predicates": (
        slice(None),
        ONLY,
        dict(
            ent_sys=13,
            ent_tp=10,
            ent_req=9,
            ent_req_found_typed=7,
            dups=2,
            rel_sys=4,
            rel_tp=3,
            rel_req=8,
            rel_req_found=3,
        ),
        (Fraction(10, 13), Fraction(7, 9)),
        (Fraction(3, 4), Fraction(3, 8)),
    ),
    # One gold article: every node and edge of the graph counts, whatever its articles say.
    "single article": (
        slice(0, 1),
        None,
        dict(
            ent_sys=12,
            ent_tp=6,
            ent_req=5,
            ent_req_found_typed=4,
            dups=1,
            rel_sys=12,
            rel_tp=6,
            rel_req=5,
            rel_req_found=5,
        ),
        (Fraction(1, 2), Fraction(4, 5)),
        (Fraction(1, 2), Fraction(1)),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_fixture_figures_worked_out_by_hand(case: str) -> None:
    docs, only, totals, (ep, er), (rp, rr) = CASES[case]
    result = score_graph(gold_docs()[docs], load_graph(GRAPH), only)
    assert result["totals"] == totals
    assert result["entity"] == pytest.approx({"p": float(ep), "r": float(er), "f": f1(ep, er)})
    assert result["relation"] == pytest.approx({"p": float(rp), "r": float(rr), "f": f1(rp, rr)})


def test_fixture_items_per_article() -> None:
    first, second = score_graph(gold_docs(), load_graph(GRAPH))["docs"]
    assert first["duplicates"] == {"usa": ["United States", "US"]}
    assert first["missed_entities"] == ["kestrel"]
    assert first["mistyped_entities"] == {"kestrel": ["Organization"]}  # a Company in the gold
    assert first["spurious_entities"] == ["Zed Corp"]
    assert first["missed_relations"] == []
    assert sorted(first["spurious_relations"]) == ["Arland -attacked-> Borvia", "Zed Corp -acquired-> Kestrel"]
    assert second["duplicates"] == {"lena": ["Lena Ortiz", "Ortiz"]}
    assert second["missed_entities"] == ["tomas"]  # found, but as a Place
    assert second["spurious_relations"] == []


def test_breakdown_per_type_and_relation() -> None:
    result = score_graph(gold_docs(), load_graph(GRAPH))
    counts = {
        name: (row["gold"], row["found"], row["system"], row["correct"]) for name, row in result["entity_types"].items()
    }
    assert counts == {
        "City": (0, 0, 1, 1),
        "Company": (1, 0, 1, 0),
        "Country": (4, 4, 5, 5),
        "Organization": (1, 1, 2, 1),
        "Person": (3, 2, 3, 3),
        "Place": (0, 0, 1, 0),
    }
    relations = result["relations_by_predicate"]
    assert (relations["attacked"]["system"], relations["attacked"]["correct"], relations["attacked"]["p"]) == (
        2,
        1,
        0.5,
    )
    assert (relations["killed"]["gold"], relations["killed"]["found"], relations["killed"]["system"]) == (1, 1, 0)
    assert relations["acquired"]["p"] == 0.0 and relations["sanctioned"]["r"] == 1.0


def reference_scorer() -> ModuleType:
    if not REFERENCE.is_file():
        pytest.skip(f"reference scorer not present ({REFERENCE}); set NEWSKG_SHARED to the shared folder")
    spec = importlib.util.spec_from_file_location("reference_score_graph", REFERENCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("case", CASES)
def test_fixture_figures_equal_the_reference_scorer(case: str) -> None:
    reference = reference_scorer()
    docs, only, *_ = CASES[case]
    gold = gold_docs()[docs]
    theirs = reference.score(gold, reference.load_graph(str(GRAPH)), only_predicates=set(only) if only else None)
    mine = score_graph(gold, load_graph(GRAPH), only)
    for key in ("totals", "entity", "relation"):
        assert mine[key] == theirs[key]
    assert [
        {key: item[key] for key in reference_item}
        for item, reference_item in zip(mine["docs"], theirs["docs"], strict=True)
    ] == theirs["docs"]


@pytest.mark.parametrize(
    ("name", "normalised"),
    [("The U.S.", "us"), ("Indo–Pacific  region", "indo pacific region"), ("O'Brien", "obrien"), ("Theo", "theo")],
)
def test_names_compare_without_case_dots_dashes_and_a_leading_the(name: str, normalised: str) -> None:
    assert norm(name) == normalised


def test_cli_scores_a_given_graph_and_writes_the_report(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", str(GOLD), "--graph", str(GRAPH), "--report", str(report), "-v"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "entity_f1=0.773 relation_f1=0.900 relation_recall_required=1.000 duplicates=2"
    assert "missed entities: Kestrel Systems (found as Organization)" in result.output  # gold ids shown as names
    assert "duplicates: Lena Ortiz: Lena Ortiz | Ortiz" in result.output
    saved = json.loads(report.read_text(encoding="utf-8"))
    assert saved["summary"] == lines[-1] and saved["totals"]["dups"] == 2
    assert saved["relations_by_predicate"]["signed"]["r"] == 1.0
    asked = (saved["gold"], saved["graph"], saved["model"], saved["only_predicates"])
    assert asked == (str(GOLD), str(GRAPH), None, None)
    # The command writes what the library builds.
    assert saved == evaluate(GOLD, graph_path=GRAPH, report=pytest.fail).report()


def test_cli_only_predicates(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(GOLD), "--graph", str(GRAPH), "--only-predicates", ",".join(ONLY)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("entity_f1=0.773 relation_f1=0.500 ")


def test_cli_rejects_an_unknown_predicate() -> None:
    result = runner.invoke(app, ["evaluate", str(GOLD), "--graph", str(GRAPH), "--only-predicates", "signed,wed"])
    assert result.exit_code == 2
    assert "unknown relation(s) wed" in result.output


def test_bad_gold_line_is_reported_and_the_others_scored(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["relations"][0]["object"] = "nobody"
    gold.write_text("\n".join([lines[0], "{not json", json.dumps(broken)]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--graph", str(GRAPH)])
    assert result.exit_code == 1
    assert f"{gold}:2: malformed JSON" in result.output
    assert f"{gold}:3: relation 0: object 'nobody' is not an entity id of the article" in result.output
    assert "duplicates=1" in result.output.strip().splitlines()[-1]


def test_missing_gold_or_graph_file_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and result.output.strip() == f"newskg: {tmp_path / 'none.jsonl'}: no such gold file"
    with pytest.raises(GoldError, match="unsupported graph file"):
        load_graph(tmp_path / "graph.ttl")


NAMES = ["Arland", "the Arland", "Borvia", "US", "U.S.", "Kestrel", "Mara Voss", "Voss", "Port-Enna", "port enna"]
TYPES = ["Country", "City", "Place", "Region", "Person", "Company", "Organization", "GovernmentBody", "Event"]
PREDICATES = ["signed", "agreed", "cooperated", "killed", "attacked", "holds_role", "works_for", "met", "lives_in"]


@st.composite
def gold_and_graph(draw: st.DrawFn) -> tuple[list[dict[str, Any]], nx.MultiDiGraph]:
    """Random gold articles and a random contract graph over a small pool of confusable names."""
    docs = []
    for doc_id in draw(st.sampled_from([["a"], ["a", "b"]])):
        entities = [
            {
                "id": f"e{i}",
                "type": draw(st.sampled_from(TYPES[:-1])),
                "aliases": draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3)),
                **draw(st.sampled_from([{}, {"required": True}, {"required": False}])),
            }
            for i in range(draw(st.integers(1, 5)))
        ]
        entity_ids = st.sampled_from([e["id"] for e in entities])
        relations = [
            {
                "subject": draw(entity_ids),
                "predicate": draw(st.sampled_from(PREDICATES)),
                "object": draw(entity_ids),
                "symmetric": draw(st.booleans()),
                **draw(st.sampled_from([{}, {"required": True}, {"required": False}])),
            }
            for _ in range(draw(st.integers(0, 4)))
        ]
        docs.append({"id": doc_id, "text": "-", "entities": entities, "relations": relations})
    graph = nx.MultiDiGraph()
    article_sets = st.sampled_from(["a", "b", "a|b", ""])
    for i in range(draw(st.integers(0, 6))):
        graph.add_node(
            f"n{i}",
            label=draw(st.sampled_from(NAMES)),
            type=draw(st.sampled_from(TYPES)),
            aliases="|".join(draw(st.lists(st.sampled_from(NAMES), max_size=2))),
            articles=draw(article_sets),
        )
    if graph.number_of_nodes():
        node_ids = st.sampled_from(list(graph.nodes))
        for _ in range(draw(st.integers(0, 8))):
            predicate = draw(st.sampled_from(PREDICATES))
            graph.add_edge(draw(node_ids), draw(node_ids), relation=predicate, articles=draw(article_sets))
    return docs, graph


@settings(max_examples=100, deadline=None)
@given(case=gold_and_graph(), only=st.sampled_from([None, ["killed", "attacked"], ["holds_role"]]))
def test_random_cases_score_as_the_reference_scorer(
    case: tuple[list[dict[str, Any]], nx.MultiDiGraph], only: list[str] | None
) -> None:
    reference = reference_scorer()
    docs, graph = case
    theirs = reference.score(docs, graph, only_predicates=set(only) if only else None)
    mine = score_graph(docs, graph, only)
    for key in ("totals", "entity", "relation"):
        assert mine[key] == theirs[key]
    assert [
        {key: item[key] for key in ref_item} for item, ref_item in zip(mine["docs"], theirs["docs"], strict=True)
    ] == (theirs["docs"])
