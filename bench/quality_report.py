"""Regenerate docs/quality.md: newskg and the spaCy-only baseline scored on every gold set.

    python bench/quality_report.py                      # writes docs/quality.md
    python bench/quality_report.py --update-thresholds  # also resets tests/quality/thresholds.json

Gold sets: the project's own (tests/quality/gold.jsonl) and, when the shared folder
is present (beside the repo, or NEWSKG_SHARED), the seed article and CoNLL04 dev.
The thresholds asserted in CI are the figures measured here minus a margin, so a
regression fails the tests; raise them (--update-thresholds) after an improvement.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import spacy  # noqa: E402

from bench.baseline import baseline_network  # noqa: E402
from newskg import __version__  # noqa: E402
from newskg.evaluate import (  # noqa: E402
    Breakdown,
    extract_network,
    gold_articles,
    headline,
    rate_cells,
    read_gold,
    score_graph,
)
from newskg.extractor.pipeline import DEFAULT_MODEL, load_pipeline  # noqa: E402
from newskg.run import ExtractOptions, RunSummary  # noqa: E402

THRESHOLDS = REPO / "tests" / "quality" / "thresholds.json"
OWN_GOLD = REPO / "tests" / "quality" / "gold.jsonl"
OUTPUT = REPO / "docs" / "quality.md"


def shared_folder() -> Path:
    return Path(os.environ.get("NEWSKG_SHARED") or REPO.parent / "shared")


@dataclass(frozen=True)
class GoldSet:
    key: str  # its entry in thresholds.json
    title: str
    path: Path
    only_predicates: list[str] | None


def gold_sets(shared: Path, thresholds: dict[str, Any]) -> list[GoldSet]:
    return [
        GoldSet(
            "own", "The project's gold (`tests/quality/gold.jsonl`)", REPO / "tests" / "quality" / "gold.jsonl", None
        ),
        GoldSet("seed", "The seed article (`shared/gold/seed.jsonl`)", shared / "gold" / "seed.jsonl", None),
        GoldSet(
            "bbc_dev",
            "BBC News dev (`shared/gold/bbc_dev.jsonl`), real articles with every entity and relation",
            shared / "gold" / "bbc_dev.jsonl",
            None,
        ),
        GoldSet(
            "conll04_dev",
            "CoNLL04 dev (`shared/gold/conll04_dev.jsonl`), scored on its relations only",
            shared / "gold" / "conll04_dev.jsonl",
            thresholds["conll04_dev"]["only_predicates"],
        ),
    ]


def measure(gold_set: GoldSet, nlp_newskg: Any, nlp_plain: Any) -> dict[str, dict[str, Any]]:
    """Scores of newskg and of the baseline on one gold set."""
    gold = read_gold(gold_set.path, report=print)
    summary = RunSummary()
    articles = gold_articles(gold, str(gold_set.path), summary, report=print)
    results = {}
    started = time.perf_counter()
    network = extract_network(articles, ExtractOptions(), summary, report=print, nlp=nlp_newskg)
    results["newskg"] = score_graph(gold, network, gold_set.only_predicates)
    print(f"{gold_set.key}: newskg {time.perf_counter() - started:.1f} s", file=sys.stderr)
    results["baseline"] = score_graph(gold, baseline_network(articles, nlp_plain), gold_set.only_predicates)
    return results


def figure(value: float) -> str:
    return f"{value:.3f}"


def overall_table(rows: list[tuple[GoldSet, dict[str, dict[str, Any]]]]) -> list[str]:
    lines = [
        "| gold set | system | entity P | entity R | entity F1 | relation P | relation R | relation F1 | duplicates |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for gold_set, results in rows:
        for system, result in results.items():
            e, r = result["entity"], result["relation"]
            cells = [gold_set.key, system, *(figure(e[k]) for k in "prf"), *(figure(r[k]) for k in "prf")]
            lines.append("| " + " | ".join([*cells, str(result["totals"].get("dups", 0))]) + " |")
    return lines


def breakdown_table(first: str, newskg: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Counts and figures per type or relation, newskg next to the baseline ('-': nothing to measure)."""
    lines = [
        f"| {first} | gold | newskg found / produced | P | R | F1 | baseline found / produced | P | R | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    empty = Breakdown().figures()
    for name in sorted(set(newskg) | set(baseline)):
        cells = [name, str(max(newskg.get(name, empty)["gold"], baseline.get(name, empty)["gold"]))]
        for rows in (newskg, baseline):
            row = rows.get(name, empty)
            cells += [f"{row['found']} / {row['system']}", *rate_cells(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def report(rows: list[tuple[GoldSet, dict[str, dict[str, Any]]]], skipped: list[tuple[GoldSet, str]]) -> str:
    lines = [
        "# Extraction quality",
        "",
        "Generated by `python bench/quality_report.py`; do not edit by hand.",
        f"newskg {__version__}, spaCy model `{DEFAULT_MODEL}`.",
        "",
        "Scored with `newskg evaluate` (the algorithm of the shared `score_graph.py`; see",
        "[gold-format.md](gold-format.md)): entities are matched by label and aliases and count for recall",
        "only with an acceptable type; relations match in the gold's direction (either for symmetric",
        "ones) with the scorer's predicate equivalences (the four affiliations are one class;",
        "`signed`/`cooperated` count as `agreed`, `excluded`/`sanctioned`, `acquired` for `invested_in`,",
        "`citizen_of`/`lives_in`, `attacked` for `killed`). Recall counts required gold items; precision",
        "counts every produced node and edge. `duplicates` are extra nodes for one gold entity.",
        "",
        "The baseline (`bench/baseline.py`) is spaCy alone: its named entities as they are (GPE as Country,",
        "LOC and FAC as Place, ORG as Organization), and subject-verb-object triples between them whose",
        "verb the project's trigger lexicon names.",
        "",
        "## Overall",
        "",
        *overall_table(rows),
        "",
    ]
    for gold_set, results in rows:
        totals, articles = results["newskg"]["totals"], len(results["newskg"]["docs"])
        plural = "" if articles == 1 else "s"
        size = (
            f"{articles} article{plural}, {totals['ent_req']} required entities, {totals['rel_req']} required relations"
        )
        only = f" Relations scored: {', '.join(gold_set.only_predicates)}." if gold_set.only_predicates else ""
        lines += [f"- `{gold_set.key}`: {gold_set.title}; {size}.{only}"]
    for gold_set, reason in skipped:
        lines += [f"- `{gold_set.key}`: {gold_set.title}: not measured ({reason})."]
    for gold_set, results in rows:
        if gold_set.key == "bbc_dev":
            lines += [
                "",
                "## BBC News dev, per entity type",
                "",
                "Real news: the share of companies typed Company is the `Company` row's recall.",
                "",
                *breakdown_table("type", results["newskg"]["entity_types"], results["baseline"]["entity_types"]),
            ]
    for gold_set, results in rows:
        if gold_set.key != "own":
            continue
        newskg, baseline = results["newskg"], results["baseline"]
        lines += [
            "",
            "## The project's gold, per relation",
            "",
            "Precision by the relation produced, recall by the gold relation (required ones).",
            "",
            *breakdown_table("relation", newskg["relations_by_predicate"], baseline["relations_by_predicate"]),
            "",
            "## The project's gold, per entity type",
            "",
            "Precision by the node's type (a node is correct when it matches a gold entity that accepts the",
            "type), recall by the gold entity's type (required ones).",
            "",
            *breakdown_table("type", newskg["entity_types"], baseline["entity_types"]),
        ]
    return "\n".join(lines) + "\n"


def new_thresholds(thresholds: dict[str, Any], rows: list[tuple[GoldSet, dict[str, dict[str, Any]]]]) -> dict[str, Any]:
    """The measured figures minus the file's margin, for the metrics each gold set already asserts."""
    updated = json.loads(json.dumps(thresholds))
    margin = float(thresholds["margin"])
    for gold_set, results in rows:
        figures = headline(results["newskg"])
        for metric in updated[gold_set.key]["minimum"]:
            updated[gold_set.key]["minimum"][metric] = max(0.0, round(float(figures[metric]) - margin, 3))
    return updated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="Markdown file to write (default docs/quality.md)")
    parser.add_argument("--update-thresholds", action="store_true", help="reset tests/quality/thresholds.json")
    args = parser.parse_args()
    thresholds = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    shared = shared_folder()
    nlp_newskg, nlp_plain = load_pipeline(), spacy.load(DEFAULT_MODEL)
    rows, skipped = [], []
    for gold_set in gold_sets(shared, thresholds):
        if gold_set.path.is_file():
            rows.append((gold_set, measure(gold_set, nlp_newskg, nlp_plain)))
        else:
            skipped.append((gold_set, f"{gold_set.path} not found"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report(rows, skipped), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    if args.update_thresholds:
        THRESHOLDS.write_text(json.dumps(new_thresholds(thresholds, rows), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {THRESHOLDS}", file=sys.stderr)


if __name__ == "__main__":
    main()
