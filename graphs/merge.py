"""Merge per-article records into one knowledge graph for the whole run.

Entities merge on their type *family* and canonical name, so the same country
or person seen in many articles is one node and an organisation typed Organization
in one article and Company in another is one node (typed Company). One name typed
as different kinds in different articles is one node unless strong evidence names
two things (:mod:`newskg.graphs.kinds`): Jordan the country and Mr Jordan stay
apart. A bare surname joins the one full name of the run that contains it, and
only then. Every merge is recorded with
its reason as a :class:`~newskg.model.MergeRecord` in ``graph.merges``.
Relations aggregate per (subject, relation, object) and keep every supporting
:class:`~newskg.model.Evidence`. Last, reprinted articles are grouped and the
statements of event relations consolidated into events (:mod:`newskg.graphs.events`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from nameparser import HumanName

from newskg.graphs.events import DEFAULT_EVENT_WINDOW, consolidate, iso_date
from newskg.graphs.kinds import EdgeIndex, merge_kinds
from newskg.graphs.vocab import id_path, slug
from newskg.model import ArticleRecords, Entity, GraphEntity, KnowledgeGraph, MergeRecord
from newskg.reprints import reprint_groups
from newskg.vocabulary import more_specific, type_family


def merge_records(
    records: Iterable[ArticleRecords], merge: bool = True, event_window: int = DEFAULT_EVENT_WINDOW
) -> KnowledgeGraph:
    """The graph of a run; with ``merge=False`` each article's entities stay apart from other articles'."""
    graph = KnowledgeGraph()
    for item in records:
        add_article(graph, item, merge=merge)
    if merge:
        merge_kinds(graph, absorb)
        merge_surnames(graph)
    find_reprints(graph)
    graph.events = consolidate(graph, event_window)
    return graph


def add_article(graph: KnowledgeGraph, records: ArticleRecords, merge: bool = True) -> None:
    """Add one article's records, merging its entities into the nodes of earlier articles (unless ``merge=False``)."""
    article = records.article
    graph.articles[article.id] = article
    local_ids: dict[str, str] = {}
    for entity in records.entities:
        scope = "" if merge else article.id
        node_id = node_id_for(entity.type, entity.label, scope)
        local_ids[entity.key] = node_id
        node = graph.entities.get(node_id)
        if node is None:
            node = graph.entities[node_id] = GraphEntity(node_id, entity.label, entity.type)
        elif article.id not in node.articles:
            reason = merge_reason(node, entity)
            graph.merges.append(MergeRecord(node.id, entity.label, entity.type, (article.id,), reason))
        node.type = more_specific(node.type, entity.type)
        node.aliases.update(entity.aliases)
        node.aliases.add(entity.label)
        node.articles.add(article.id)
        node.mentions += len(entity.mentions)
        for name, value in entity.attributes.items():
            node.attributes.setdefault(name, value)
        for entity_type, score in entity.type_scores.items():
            node.type_scores[entity_type] = node.type_scores.get(entity_type, 0.0) + score
        node.strong_families.update(entity.strong_families)
    for relation in records.relations:
        subject, obj = local_ids.get(relation.subject), local_ids.get(relation.object)
        if subject is None or obj is None or subject == obj:
            continue
        graph.add_relation(subject, relation.predicate, obj, relation.symmetric, [relation.evidence])


def merge_surnames(graph: KnowledgeGraph) -> None:
    """A person named only by a surname joins the one full name of the run that contains it.

    Two full names with that surname (two Smiths) make it ambiguous: the
    surname node stays apart and the report says why.
    """
    edges_of: EdgeIndex = {}  # kept up to date as nodes are absorbed
    for key in graph.relations:
        edges_of.setdefault(key[0], set()).add(key)
        edges_of.setdefault(key[2], set()).add(key)
    full_names: dict[str, list[str]] = {}
    for node in graph.sorted_entities():
        if node.type == "Person" and " " in node.label:
            full_names.setdefault(surname(node.label), []).append(node.id)
    for node in graph.sorted_entities():
        if node.type != "Person" or " " in node.label:
            continue
        candidates = full_names.get(node.label, [])
        articles = tuple(sorted(node.articles))
        if len(candidates) == 1:
            target = graph.entities[candidates[0]]
            reason = f"surname {node.label!r} matches one full name in the run: {target.label!r}"
            graph.merges.append(MergeRecord(target.id, node.label, node.type, articles, reason))
            absorb(graph, node, target, edges_of)
        elif len(candidates) > 1:
            names = ", ".join(repr(graph.entities[c].label) for c in candidates)
            reason = f"not merged: surname {node.label!r} is ambiguous ({names})"
            graph.merges.append(MergeRecord(node.id, node.label, node.type, articles, reason))


def find_reprints(graph: KnowledgeGraph) -> None:
    """Group near-duplicate articles by their fingerprints; the graph then lets the fingerprints go."""
    fingerprints = {key: article.fingerprint for key, article in graph.articles.items() if article.fingerprint}
    if not fingerprints:
        return
    dates = {key: iso_date(article.date) for key, article in graph.articles.items()}
    graph.reprints = reprint_groups(fingerprints, dates)
    for key in fingerprints:
        graph.articles[key] = replace(graph.articles[key], fingerprint=None)


def absorb(graph: KnowledgeGraph, node: GraphEntity, target: GraphEntity, edges_of: EdgeIndex) -> None:
    """Move one node into another: names, articles, mentions, attributes and edges.

    ``edges_of`` indexes the edge keys by node, so a run with many surnames does not scan every edge per merge.
    """
    target.aliases.update(node.aliases)
    target.articles.update(node.articles)
    target.mentions += node.mentions
    for name, value in node.attributes.items():
        target.attributes.setdefault(name, value)
    target.strong_families.update(node.strong_families)
    del graph.entities[node.id]
    for key in sorted(edges_of.pop(node.id, set())):
        edge = graph.relations.pop(key)
        edges_of.get(key[2] if key[0] == node.id else key[0], set()).discard(key)
        subject = target.id if edge.subject == node.id else edge.subject
        obj = target.id if edge.object == node.id else edge.object
        if subject != obj:
            new_key = graph.add_relation(subject, edge.predicate, obj, edge.symmetric, edge.evidence)
            edges_of.setdefault(new_key[0], set()).add(new_key)
            edges_of.setdefault(new_key[2], set()).add(new_key)


def surname(full_name: str) -> str:
    """The family name of a full name ('Tony Blair' -> 'Blair'; nameparser knows 'van der', suffixes, titles)."""
    return HumanName(full_name).last or full_name.split()[-1]


def merge_reason(node: GraphEntity, entity: Entity) -> str:
    """Why an article's entity joins a node that other articles made."""
    if node.type == "Country":
        return f"same country (ISO 3166 {entity.attributes.get('iso3') or node.attributes.get('iso3', '?')})"
    if node.type == entity.type:
        return f"same name and type ({entity.type})"
    return f"same name and type family {type_family(entity.type)!r} ({node.type} / {entity.type})"


def node_id_for(entity_type: str, label: str, scope: str = "") -> str:
    """Deterministic node id: the same entity gets the same id in every run, whichever of its family's
    types an article gives it first. ``scope`` (an article id, without merging) keeps articles apart."""
    node_id = f"{type_family(entity_type)}/{slug(label)}"
    return f"{id_path(scope)}/{node_id}" if scope else node_id
