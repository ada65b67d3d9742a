"""Measured quality: run extraction on gold articles and score the graph against their annotations.

The scoring is the algorithm of the project's reference scorer (``tools/score_graph.py``
of the shared folder), re-implemented here so that users have it: same name
normalisation, same type compatibility, same predicate equivalences, same counts.
Its overall figures are therefore equal to the reference scorer's on the same
graph. On top of them it breaks precision, recall and F1 down per entity type and
per relation. The gold format is described in ``docs/gold-format.md``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rich.console import Console
from rich.table import Table
from spacy.language import Language

from newskg.graphs.formats import all_formats, extensions_of, find_format, write_atomic
from newskg.graphs.merge import merge_records
from newskg.graphs.network import to_networkx
from newskg.model import Article, Origin
from newskg.reader import ReadError, ReadWarning, article_from_json
from newskg.run import ExtractOptions, RunSummary, extract_records
from newskg.vocabulary import ENTITY_TYPES as CONTRACT_ENTITY_TYPES
from newskg.vocabulary import relation_inventory

# Node types the scorer accepts for a gold entity of a type (a missing key accepts only the type itself).
TYPE_OK: dict[str, set[str]] = {
    "Country": {"Country"},
    "City": {"City", "Place", "Location"},
    "Place": {"Place", "Location", "City", "Region", "Country"},
    "Region": {"Region", "Place", "Location"},
    "Person": {"Person"},
    "Company": {"Company"},
    "Organization": {"Organization", "GovernmentBody", "PoliticalParty", "Company", "InternationalOrganization"},
    "GovernmentBody": {"GovernmentBody", "Organization"},
    "PoliticalParty": {"PoliticalParty", "Organization"},
}
# Node types that are scored as entities; other nodes (events, agreements, ...) are ignored.
ENTITY_TYPES = {*CONTRACT_ENTITY_TYPES, "Location"}
# A person's affiliations (role, employment, leadership, membership) score as one class.
AFFILIATION = {"holds_role", "works_for", "leads", "member_of"}
# System predicates accepted for a gold predicate (a missing key accepts only the predicate itself).
PRED_EQUIV: dict[str, set[str]] = {
    **{p: AFFILIATION for p in AFFILIATION},
    "agreed": {"agreed", "signed", "cooperated"},
    "excluded": {"excluded", "sanctioned"},
    "sanctioned": {"sanctioned", "excluded"},
    "invested_in": {"invested_in", "acquired"},
    "lives_in": {"lives_in", "citizen_of"},
    "citizen_of": {"citizen_of", "lives_in"},
    "killed": {"killed", "attacked"},
}
# The keys of the totals, in the reference scorer's order.
TOTAL_KEYS = (
    "ent_sys",
    "ent_tp",
    "ent_req",
    "ent_req_found_typed",
    "dups",
    "rel_sys",
    "rel_tp",
    "rel_req",
    "rel_req_found",
)

GoldDoc = dict[str, Any]
SystemRelation = tuple[str, str, str, dict[str, Any]]


class GoldError(ValueError):
    """A gold file that cannot be used at all (missing, unreadable); the message names it."""


def norm(name: str) -> str:
    """Compare names ignoring case, dots, quotes, dashes, spacing and a leading 'the'."""
    name = unicodedata.normalize("NFKC", name).casefold()
    name = re.sub(r"[.\u2019'`\"]", "", name)
    name = re.sub(r"[-\u2013\u2014]", " ", name)
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"^the ", "", name)
    return name


def split_multi(value: object) -> list[str]:
    """A multi-valued attribute ('a|b' or a list) as a list of strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v for v in str(value).split("|") if v]


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- gold and graph input


def gold_problem(obj: object) -> str | None:
    """What makes one gold line unusable, or None when it is well formed."""
    if not isinstance(obj, dict):
        return "a gold line must be a JSON object"
    if "id" not in obj or obj["id"] is None or str(obj["id"]) == "":
        return "missing 'id'"
    entities, relations = obj.get("entities"), obj.get("relations")
    if not isinstance(entities, list) or not isinstance(relations, list):
        return "'entities' and 'relations' must be lists"
    ids = set()
    for number, entity in enumerate(entities):
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
            return f"entity {number}: needs a string 'id'"
        if not isinstance(entity.get("type"), str):
            return f"entity {entity['id']!r}: needs a string 'type'"
        aliases = entity.get("aliases")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            return f"entity {entity['id']!r}: 'aliases' must be a list of strings"
        ids.add(entity["id"])
    for number, relation in enumerate(relations):
        if not isinstance(relation, dict):
            return f"relation {number}: must be an object"
        for key in ("subject", "predicate", "object"):
            if not isinstance(relation.get(key), str):
                return f"relation {number}: needs a string {key!r}"
        for key in ("subject", "object"):
            if relation[key] not in ids:
                return f"relation {number}: {key} {relation[key]!r} is not an entity id of the article"
    return None


def read_gold(path: str | Path, report: Callable[[str], None]) -> list[GoldDoc]:
    """The well-formed gold articles of a JSONL file; each bad line is reported and skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"{path}: cannot read gold file ({err})") from None
    docs, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            report(f"{path}:{number}: malformed JSON ({err.msg})")
            continue
        problem = gold_problem(obj)
        if problem is None and str(obj["id"]) in seen:
            problem = f"duplicate article id {obj['id']!r}, later copy skipped"
        if problem is not None:
            report(f"{path}:{number}: {problem}")
            continue
        seen.add(str(obj["id"]))
        docs.append(obj)
    return docs


def load_graph(path: str | Path) -> nx.MultiDiGraph:
    """A contract graph file (GraphML or GEXF) as a MultiDiGraph."""
    readable = [fmt for fmt in all_formats() if fmt.read_network is not None]
    fmt = find_format(str(path), readable)
    if fmt is None or fmt.read_network is None:
        raise GoldError(f"{path}: unsupported graph file (want {' or '.join(extensions_of(readable))})")
    try:
        graph = fmt.read_network(str(path))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such graph file") from None
    except Exception as err:  # networkx raises several parser errors
        raise GoldError(f"{path}: cannot read graph ({type(err).__name__}: {err})") from None
    return nx.MultiDiGraph(graph)


# ---------------------------------------------------------------- scoring


@dataclass
class Breakdown:
    """Counts behind one row of a per-type or per-relation table."""

    gold: int = 0  # required gold items
    found: int = 0  # of those, found
    system: int = 0  # system items
    correct: int = 0  # of those, matching a gold item

    def figures(self) -> dict[str, float | int]:
        p = self.correct / self.system if self.system else (1.0 if self.gold == 0 else 0.0)
        r = self.found / self.gold if self.gold else 1.0
        return {**self.__dict__, "p": p, "r": r, "f": f1(p, r)}


@dataclass
class DocScorer:
    """Scores one gold article against the graph, exactly as the reference scorer does.

    The per-type and per-relation counts are gathered on the way in ``by_type`` and ``by_relation``.
    """

    doc: GoldDoc
    graph: nx.MultiDiGraph
    single_doc: bool
    only_predicates: set[str] | None
    by_type: defaultdict[str, Breakdown] = field(default_factory=lambda: defaultdict(Breakdown))
    by_relation: defaultdict[str, Breakdown] = field(default_factory=lambda: defaultdict(Breakdown))

    def in_doc(self, attrs: dict[str, Any]) -> bool:
        # With one gold article every node and edge counts; otherwise those citing the article.
        return self.single_doc or str(self.doc["id"]) in split_multi(attrs.get("articles"))

    def score(self) -> tuple[dict[str, Any], dict[str, int]]:
        """The article's report item (the reference scorer's keys, plus ``mistyped_entities``) and counts."""
        nodes = {n: a for n, a in self.graph.nodes(data=True) if a.get("type") in ENTITY_TYPES and self.in_doc(a)}
        node_gold = self.match_nodes(nodes)
        entities, entity_counts = self.score_entities(nodes, node_gold)
        relations, relation_counts = self.score_relations(nodes, node_gold)
        item = {
            "id": str(self.doc["id"]),
            "entity": entities.pop("entity"),
            "relation": relations.pop("relation"),
            **entities,
            **relations,
        }
        return item, {**entity_counts, **relation_counts}

    def match_nodes(self, nodes: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
        """Node -> gold entity ids: those of its first name (label, then aliases) that matches any."""
        gold_by_name: defaultdict[str, set[str]] = defaultdict(set)
        for entity in self.doc["entities"]:
            for alias in entity["aliases"]:
                gold_by_name[norm(alias)].add(entity["id"])
        node_gold: dict[str, set[str]] = {}
        for n, a in nodes.items():
            hits: set[str] = set()
            for name in [a.get("label", n), *split_multi(a.get("aliases"))]:
                hits |= gold_by_name.get(norm(str(name)), set())
                if hits:
                    break
            node_gold[n] = hits
        return node_gold

    def score_entities(
        self, nodes: dict[str, dict[str, Any]], node_gold: dict[str, set[str]]
    ) -> tuple[dict[str, Any], dict[str, int]]:
        gold_hits: defaultdict[str, list[str]] = defaultdict(list)
        spurious = []
        for n, hits in node_gold.items():
            if not hits:
                spurious.append(nodes[n].get("label", n))
            for gid in hits:
                gold_hits[gid].append(n)
        required = [e for e in self.doc["entities"] if e.get("required", True)]
        found = [e for e in required if gold_hits.get(e["id"])]
        # Recall needs a node of a type the gold type accepts.
        typed_ok = [
            e
            for e in found
            if any(nodes[n].get("type") in TYPE_OK.get(e["type"], {e["type"]}) for n in gold_hits[e["id"]])
        ]
        duplicates = {gid: [nodes[n].get("label", n) for n in ns] for gid, ns in gold_hits.items() if len(ns) > 1}
        extra_nodes = sum(len(v) - 1 for v in duplicates.values())
        # Precision counts one node per gold entity; the others are duplicates.
        true_positives = sum(1 for h in node_gold.values() if h) - extra_nodes
        p, _, _ = prf(true_positives, len(nodes), len(required))
        r = len(typed_ok) / len(required) if required else 1.0
        self.count_types(nodes, node_gold, required, typed_ok)
        item = {
            "entity": {"p": p, "r": r, "f": f1(p, r)},
            "duplicates": duplicates,
            "missed_entities": [e["id"] for e in required if e not in typed_ok],
            # Not in the reference scorer: missed entities that were found, but with a type the gold does not accept.
            "mistyped_entities": {
                e["id"]: sorted({str(nodes[n].get("type")) for n in gold_hits[e["id"]]})
                for e in found
                if e not in typed_ok
            },
            "spurious_entities": spurious,
        }
        counts = {
            "ent_sys": len(nodes),
            "ent_tp": true_positives,
            "ent_req": len(required),
            "ent_req_found_typed": len(typed_ok),
            "dups": extra_nodes,
        }
        return item, counts

    def count_types(
        self,
        nodes: dict[str, dict[str, Any]],
        node_gold: dict[str, set[str]],
        required: list[dict[str, Any]],
        typed_ok: list[dict[str, Any]],
    ) -> None:
        """Recall by gold type; precision by node type (correct when a matched gold entity accepts the type)."""
        gold_type = {e["id"]: e["type"] for e in self.doc["entities"]}
        for e in required:
            self.by_type[e["type"]].gold += 1
            self.by_type[e["type"]].found += e in typed_ok
        for n, hits in node_gold.items():
            node_type = str(nodes[n].get("type"))
            self.by_type[node_type].system += 1
            self.by_type[node_type].correct += any(node_type in TYPE_OK.get(gold_type[g], {gold_type[g]}) for g in hits)

    def score_relations(
        self, nodes: dict[str, dict[str, Any]], node_gold: dict[str, set[str]]
    ) -> tuple[dict[str, Any], dict[str, int]]:
        system_relations: list[SystemRelation] = []
        for u, v, a in self.graph.edges(data=True):
            if u not in nodes or v not in nodes or not self.in_doc(a):
                continue
            predicate = a.get("relation", a.get("label", ""))
            if self.only_predicates is None or predicate in self.only_predicates:
                system_relations.append((u, predicate, v, a))
        gold_relations = self.doc["relations"]

        def matches(sr: SystemRelation, gr: dict[str, Any]) -> bool:
            u, p, v, _ = sr
            if p not in PRED_EQUIV.get(gr["predicate"], {gr["predicate"]}):
                return False
            su, sv = node_gold.get(u, set()), node_gold.get(v, set())
            if gr["subject"] in su and gr["object"] in sv:
                return True
            return bool(gr.get("symmetric")) and gr["object"] in su and gr["subject"] in sv

        spurious = []
        true_positives = 0
        for sr in system_relations:
            correct = any(matches(sr, gr) for gr in gold_relations)
            true_positives += correct
            self.by_relation[sr[1]].system += 1
            self.by_relation[sr[1]].correct += correct
            if not correct:
                subject, obj = nodes[sr[0]].get("label", sr[0]), nodes[sr[2]].get("label", sr[2])
                spurious.append(f"{subject} -{sr[1]}-> {obj}")
        required = [gr for gr in gold_relations if gr.get("required", True)]
        found = [gr for gr in required if any(matches(sr, gr) for sr in system_relations)]
        for gr in required:
            self.by_relation[gr["predicate"]].gold += 1
            self.by_relation[gr["predicate"]].found += gr in found
        p = true_positives / len(system_relations) if system_relations else (1.0 if not required else 0.0)
        r = len(found) / len(required) if required else 1.0
        item = {
            "relation": {"p": p, "r": r, "f": f1(p, r)},
            "missed_relations": [
                f"{gr['subject']} -{gr['predicate']}-> {gr['object']}" for gr in required if gr not in found
            ],
            "spurious_relations": spurious,
        }
        counts = {
            "rel_sys": len(system_relations),
            "rel_tp": true_positives,
            "rel_req": len(required),
            "rel_req_found": len(found),
        }
        return item, counts


def score_graph(
    gold_docs: list[GoldDoc], graph: nx.MultiDiGraph, only_predicates: Iterable[str] | None = None
) -> dict[str, Any]:
    """Score a contract graph against gold articles.

    ``docs``, ``totals``, ``entity`` and ``relation`` are those of the reference scorer;
    ``entity_types`` and ``relations_by_predicate`` break them down (precision by the
    system's type or relation, recall by the gold's).
    """
    only = set(only_predicates) if only_predicates is not None else None
    single_doc = len(gold_docs) == 1
    totals: defaultdict[str, int] = defaultdict(int)
    by_type: defaultdict[str, Breakdown] = defaultdict(Breakdown)
    by_relation: defaultdict[str, Breakdown] = defaultdict(Breakdown)
    docs = []
    for doc in gold_docs:
        scorer = DocScorer(doc, graph, single_doc, only)
        item, counts = scorer.score()
        docs.append(item)
        for key in TOTAL_KEYS:
            totals[key] += counts[key]
        for mine, theirs in ((by_type, scorer.by_type), (by_relation, scorer.by_relation)):
            for name, row in theirs.items():
                for key, value in row.__dict__.items():
                    setattr(mine[name], key, getattr(mine[name], key) + value)
    ep, _, _ = prf(totals["ent_tp"], totals["ent_sys"], totals["ent_req"])
    er = totals["ent_req_found_typed"] / totals["ent_req"] if totals["ent_req"] else 1.0
    rp = totals["rel_tp"] / totals["rel_sys"] if totals["rel_sys"] else 0.0
    rr = totals["rel_req_found"] / totals["rel_req"] if totals["rel_req"] else 1.0
    return {
        "docs": docs,
        "totals": dict(totals),
        "entity": {"p": ep, "r": er, "f": f1(ep, er)},
        "relation": {"p": rp, "r": rr, "f": f1(rp, rr)},
        "entity_types": {name: by_type[name].figures() for name in sorted(by_type)},
        "relations_by_predicate": {name: by_relation[name].figures() for name in sorted(by_relation)},
    }


def headline(result: dict[str, Any]) -> dict[str, float | int]:
    """The figures of the summary line, by name (what thresholds and reports use)."""
    return {
        "entity_f1": result["entity"]["f"],
        "relation_f1": result["relation"]["f"],
        "relation_recall_required": result["relation"]["r"],
        "duplicates": result["totals"].get("dups", 0),
    }


def summary_line(result: dict[str, Any]) -> str:
    """The reference scorer's last line: what scripts and CI parse."""
    figures = headline(result)
    return " ".join(
        f"{name}={value}" if isinstance(value, int) else f"{name}={value:.3f}" for name, value in figures.items()
    )


# ---------------------------------------------------------------- extraction on gold articles


@dataclass
class Evaluation:
    """The scores of one evaluation run, the gold it used, the extraction run's summary, and what was asked."""

    result: dict[str, Any]
    gold: list[GoldDoc]
    run: RunSummary
    graph: nx.MultiDiGraph
    settings: dict[str, Any] = field(default_factory=dict)  # gold, graph, model, only_predicates

    def report(self) -> dict[str, Any]:
        """The full report: what was evaluated, the summary line, every figure and item."""
        return {**self.settings, "summary": summary_line(self.result), **self.result}

    def write_report(self, path: str | Path) -> None:
        """The report as JSON, written atomically."""
        write_atomic(path, (json.dumps(self.report(), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def gold_articles(
    gold_docs: list[GoldDoc], where: str, summary: RunSummary, report: Callable[[str], None]
) -> list[Article]:
    """The gold articles as input articles, read as ``newskg extract`` reads JSONL.

    An article that cannot be read is reported and not extracted; it is still scored (all missed).
    """
    articles = []
    for doc in gold_docs:
        for item in article_from_json(doc, Origin(f"{where}: article {doc['id']}")):
            if isinstance(item, ReadWarning):
                summary.warn(str(item), report)
            elif isinstance(item, ReadError):
                summary.fail(str(item), report)
            else:
                summary.read += 1
                articles.append(item)
    return articles


def extract_network(
    articles: list[Article],
    options: ExtractOptions,
    summary: RunSummary,
    report: Callable[[str], None],
    nlp: Language | None = None,
) -> nx.MultiDiGraph:
    """Extract records from the articles, merge them and return the contract network view."""
    records = extract_records(articles, options, summary, report, nlp=nlp)
    return to_networkx(merge_records(records, options.merge), options.base_iri)


def evaluate(
    gold_path: str | Path,
    options: ExtractOptions | None = None,
    only_predicates: Iterable[str] | None = None,
    graph_path: str | Path | None = None,
    report: Callable[[str], None] | None = None,
    nlp: Language | None = None,
) -> Evaluation:
    """Extract a graph from the gold articles (or read ``graph_path``) and score it against the gold.

    ``nlp`` is an already loaded pipeline (with newskg's components); without it
    the pipeline of ``options.model`` is loaded.
    """
    options = options or ExtractOptions()
    report = report or (lambda message: print(message, file=sys.stderr))
    predicates = None if only_predicates is None else list(only_predicates)
    unknown = sorted(set(predicates or []) - set(relation_inventory()))
    if unknown:
        raise GoldError(f"--only-predicates: unknown relation(s) {', '.join(unknown)}")
    settings = {
        "gold": str(gold_path),
        "graph": None if graph_path is None else str(graph_path),
        "model": None if graph_path is not None else options.model,
        "only_predicates": predicates,
    }
    run = RunSummary()
    gold = read_gold(gold_path, report)
    if graph_path is not None:
        graph = load_graph(graph_path)
    else:
        articles = gold_articles(gold, str(gold_path), run, report)
        graph = extract_network(articles, options, run, report, nlp=nlp)
    return Evaluation(score_graph(gold, graph, predicates), gold, run, graph, settings)


# ---------------------------------------------------------------- presentation


def rate_cells(row: dict[str, Any]) -> list[str]:
    """P, R and F1 of a breakdown row as printed: '-' for a precision with nothing produced or a recall with no gold."""
    p = f"{row['p']:.3f}" if row["system"] else "-"
    r = f"{row['r']:.3f}" if row["gold"] else "-"
    f = f"{row['f']:.3f}" if row["system"] and row["gold"] else "-"
    return [p, r, f]


def figures_table(title: str, first_column: str, rows: dict[str, dict[str, float | int]]) -> Table:
    """Counts and precision/recall/F1 per entity type or relation."""
    table = Table(title=title, title_justify="left")
    table.add_column(first_column)
    for name in ("gold", "found", "system", "correct", "P", "R", "F1"):
        table.add_column(name, justify="right")
    for name, row in rows.items():
        counts = (str(row[key]) for key in ("gold", "found", "system", "correct"))
        table.add_row(name, *counts, *rate_cells(row))
    return table


def print_evaluation(evaluation: Evaluation, console: Console, verbose: bool = False) -> None:
    """Tables per entity type and relation, per-article detail when verbose, then the reference lines."""
    result = evaluation.result
    console.print(figures_table("Entities per type", "type", result["entity_types"]))
    console.print(figures_table("Relations per relation", "relation", result["relations_by_predicate"]))
    if verbose:
        gold_by_id = {str(doc["id"]): doc for doc in evaluation.gold}
        for item in result["docs"]:
            print_article(item, gold_by_id[item["id"]], console)
    e, r, t = result["entity"], result["relation"], result["totals"]
    lines = [
        f"entities: P={e['p']:.3f} R={e['r']:.3f} F1={e['f']:.3f}  ({t.get('ent_sys', 0)} nodes, "
        f"{t.get('ent_req', 0)} required, duplicates={t.get('dups', 0)})",
        f"relations: P={r['p']:.3f} R={r['r']:.3f} F1={r['f']:.3f}  ({t.get('rel_sys', 0)} edges, "
        f"{t.get('rel_req', 0)} required)",
        summary_line(result),
    ]
    for line in lines:
        console.print(line, highlight=False, markup=False, soft_wrap=True)


def shown(label: str) -> str:
    """A system label as printed: quoted when it has line breaks or other unprintable characters."""
    return label if label.isprintable() else repr(label)


def print_article(item: dict[str, Any], doc: GoldDoc, console: Console) -> None:
    """One article's figures and what was duplicated, missed or spurious (gold ids shown as names)."""
    names = {e["id"]: e.get("name") or e["id"] for e in doc["entities"]}
    mistyped = item.get("mistyped_entities", {})
    e, r = item["entity"], item["relation"]
    console.print(
        f"== {item['id']}: entity P={e['p']:.2f} R={e['r']:.2f} F={e['f']:.2f} | "
        f"relation P={r['p']:.2f} R={r['r']:.2f} F={r['f']:.2f}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    missed = set(item["missed_relations"])
    missed_relations = [
        f"{names[gr['subject']]} -{gr['predicate']}-> {names[gr['object']]}"
        for gr in doc["relations"]
        if gr.get("required", True) and f"{gr['subject']} -{gr['predicate']}-> {gr['object']}" in missed
    ]
    details = {
        "duplicates": [
            f"{names.get(g, g)}: {' | '.join(shown(label) for label in labels)}"
            for g, labels in item["duplicates"].items()
        ],
        "missed entities": [
            f"{names[g]} (found as {', '.join(mistyped[g])})" if g in mistyped else names[g]
            for g in item["missed_entities"]
        ],
        "spurious entities": [shown(label) for label in item["spurious_entities"]],
        "missed relations": missed_relations,
        "spurious relations": item["spurious_relations"],
    }
    for key, values in details.items():
        if values:
            console.print(f"   {key}: {'; '.join(values)}", highlight=False, markup=False, soft_wrap=True)
