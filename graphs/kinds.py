"""One name typed as different kinds of thing in different articles: one node, unless there is evidence of two.

Articles type the same name differently (a firm NER takes for a person in one article
and a place in another); the merge by type family (:mod:`newskg.graphs.merge`) then makes
a node per kind. After every article is added, :func:`merge_kinds` looks at each name
with nodes of several kinds:

- when strong evidence in the articles names two kinds (Jordan the country from the
  gazetteer, Mr Jordan the person from an honorific), the nodes are homonyms and stay
  apart;
- otherwise they are one entity: the nodes join the node of the kind the pooled evidence
  of all their articles favours, typed by that evidence.

Every node's type is then settled from the evidence of all its articles (an organisation
typed Company in two articles and Organization in a third is a Company, whichever
article came first). Every decision goes in :attr:`KnowledgeGraph.merges` with its reason.
Records without type evidence (older stores, hand-made records) are never merged across
kinds.
"""

from __future__ import annotations

from collections.abc import Callable

from newskg.model import GraphEntity, KnowledgeGraph, MergeRecord
from newskg.vocabulary import GENERIC_TYPES, type_family

EdgeIndex = dict[str, set[tuple[str, str, str]]]  # node id -> keys of its edges
# newskg.graphs.merge.absorb: moves one node (names, articles, edges) into another.
Absorb = Callable[[KnowledgeGraph, GraphEntity, GraphEntity, EdgeIndex], None]


def edge_index(graph: KnowledgeGraph) -> EdgeIndex:
    edges_of: EdgeIndex = {}
    for key in graph.relations:
        edges_of.setdefault(key[0], set()).add(key)
        edges_of.setdefault(key[2], set()).add(key)
    return edges_of


def family_scores(scores: dict[str, float]) -> dict[str, float]:
    found: dict[str, float] = {}
    for entity_type, score in scores.items():
        found[type_family(entity_type)] = found.get(type_family(entity_type), 0.0) + score
    return found


def best_type(scores: dict[str, float], family: str, current: str) -> str:
    """The type of ``family`` with the most evidence, a specific one before the generic one."""
    in_family = {t: s for t, s in scores.items() if type_family(t) == family and s > 0}
    specific = {t: s for t, s in in_family.items() if t not in GENERIC_TYPES}
    pool = specific or in_family
    if not pool:
        return current
    return max(pool, key=lambda t: (pool[t], t))


def shown(scores: dict[str, float]) -> str:
    return ", ".join(f"{t} {s:g}" for t, s in sorted(scores.items(), key=lambda item: (-item[1], item[0])))


def record(node: GraphEntity, into: GraphEntity, reason: str) -> MergeRecord:
    return MergeRecord(into.id, node.label, node.type, tuple(sorted(node.articles)), reason)


def merge_kinds(graph: KnowledgeGraph, absorb: Absorb) -> None:
    """Join the nodes of one name that are one entity typed in several kinds; settle every node's type."""
    groups: dict[str, list[GraphEntity]] = {}
    for node in graph.sorted_entities():
        groups.setdefault(node.label.casefold(), []).append(node)
    edges_of = edge_index(graph)
    for _, nodes in sorted(groups.items()):
        if len({type_family(n.type) for n in nodes}) > 1:
            merge_group(graph, nodes, edges_of, absorb)
    for node in graph.sorted_entities():
        if node.type_scores:
            node.type = best_type(node.type_scores, type_family(node.type), node.type)


def merge_group(graph: KnowledgeGraph, nodes: list[GraphEntity], edges_of: EdgeIndex, absorb: Absorb) -> None:
    """One name, nodes of several kinds: homonyms apart, else one node of the kind the evidence favours."""
    label = nodes[0].label
    if any(not n.type_scores for n in nodes):
        for node in nodes:
            graph.merges.append(
                record(node, node, f"not merged: {label!r} has nodes of several kinds and no type evidence")
            )
        return
    strong = {n.id: type_family(n.type) for n in nodes if type_family(n.type) in n.strong_families}
    if len(set(strong.values())) > 1:
        kinds = ", ".join(
            sorted(f"{graph.entities[i].type} ({', '.join(sorted(graph.entities[i].articles))})" for i in strong)
        )
        for node in nodes:
            graph.merges.append(
                record(node, node, f"not merged: {label!r} names two things, strong evidence of each: {kinds}")
            )
        return
    pooled: dict[str, float] = {}
    for node in nodes:
        for entity_type, score in node.type_scores.items():
            pooled[entity_type] = pooled.get(entity_type, 0.0) + score
    families = family_scores(pooled)
    own = {type_family(n.type): n for n in nodes}
    family = max(own, key=lambda f: (families.get(f, 0.0), f in strong.values(), f))
    target = own[family]
    for node in nodes:
        if node is target:
            continue
        reason = (
            f"same name {label!r} typed {node.type} and {target.type}: one entity, no evidence of two "
            f"(pooled evidence {shown(pooled)})"
        )
        graph.merges.append(record(node, target, reason))
        target.type_scores = {t: target.type_scores.get(t, 0.0) + node.type_scores.get(t, 0.0) for t in pooled}
        absorb(graph, node, target, edges_of)
    target.type = best_type(target.type_scores, family, target.type)
