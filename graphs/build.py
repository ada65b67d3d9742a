"""Merge per-article records into one knowledge graph for the whole run.

Entities merge on their type *family* and canonical name, so the same country
or person seen in many articles is one node and an organisation typed Organization
in one article and Company in another is one node (typed Company). One name typed
as different kinds in different articles is one node unless strong evidence names
two things (:mod:`newskg.graphs.kinds`): Jordan the country and Mr Jordan stay apart. A bare surname joins the one full
name of the run that contains it, and only then. Every merge is recorded with
its reason in :attr:`KnowledgeGraph.merges`. Relations aggregate per (subject,
relation, object) and keep every supporting :class:`Evidence`. Last, reprinted
articles are grouped and the statements of event relations consolidated into
events (:mod:`newskg.graphs.events`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from nameparser import HumanName

from newskg.extractor.entity_types import more_specific, type_family
from newskg.graphs.events import DEFAULT_EVENT_WINDOW, Event, consolidate, iso_date
from newskg.graphs.kinds import merge_kinds
from newskg.model import Article, ArticleRecords, Entity, Evidence
from newskg.reprints import reprint_groups

ROLE_RELATIONS = frozenset({"holds_role", "leads", "works_for"})


@dataclass
class GraphEntity:
    id: str
    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    attributes: dict[str, str] = field(default_factory=dict)
    # The type evidence of its articles, summed (see newskg.model.Entity), for newskg.graphs.kinds.
    type_scores: dict[str, float] = field(default_factory=dict)
    strong_families: set[str] = field(default_factory=set)


@dataclass
class GraphRelation:
    subject: str
    predicate: str
    object: str
    symmetric: bool
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({e.article_id for e in self.evidence})


@dataclass
class KnowledgeGraph:
    """The merged graph of a run: what every exporter consumes."""

    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, GraphEntity] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], GraphRelation] = field(default_factory=dict)

    merges: list[dict[str, str]] = field(default_factory=list)
    # Each reprinted article -> the article it reprints (newskg.reprints), and the events (newskg.graphs.events).
    reprints: dict[str, str] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    def add(self, records: ArticleRecords, merge: bool = True) -> None:
        """Add one article's records; with ``merge=False`` its entities stay apart from other articles'."""
        article = records.article
        self.articles[article.id] = article
        local_ids: dict[str, str] = {}
        for entity in records.entities:
            scope = "" if merge else article.id
            node_id = node_id_for(entity.type, entity.label, scope)
            local_ids[entity.key] = node_id
            node = self.entities.get(node_id)
            if node is None:
                node = self.entities[node_id] = GraphEntity(node_id, entity.label, entity.type)
            elif article.id not in node.articles:
                self.merges.append(merge_record(node, entity, article.id))
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
            self.add_relation(subject, relation.predicate, obj, relation.symmetric, [relation.evidence])

    def add_relation(
        self, subject: str, predicate: str, obj: str, symmetric: bool, evidence: list[Evidence]
    ) -> tuple[str, str, str]:
        """Add (or extend) an edge; returns its key (a symmetric edge keeps one stable direction)."""
        if symmetric and obj < subject:
            subject, obj = obj, subject
        key = (subject, predicate, obj)
        edge = self.relations.get(key)
        if edge is None:
            edge = self.relations[key] = GraphRelation(subject, predicate, obj, symmetric)
        edge.evidence.extend(evidence)
        return key

    def merge_surnames(self) -> None:
        """A person named only by a surname joins the one full name of the run that contains it.

        Two full names with that surname (two Smiths) make it ambiguous: the
        surname node stays apart and the report says why.
        """
        edges_of: dict[str, set[tuple[str, str, str]]] = {}  # node id -> keys of its edges, kept up to date
        for key in self.relations:
            edges_of.setdefault(key[0], set()).add(key)
            edges_of.setdefault(key[2], set()).add(key)
        full_names: dict[str, list[str]] = {}
        for node in self.sorted_entities():
            if node.type == "Person" and " " in node.label:
                full_names.setdefault(surname(node.label), []).append(node.id)
        for node in self.sorted_entities():
            if node.type != "Person" or " " in node.label:
                continue
            candidates = full_names.get(node.label, [])
            if len(candidates) == 1:
                target = self.entities[candidates[0]]
                self.merges.append(
                    {
                        "node": target.id,
                        "label": node.label,
                        "type": node.type,
                        "articles": "|".join(sorted(node.articles)),
                        "reason": f"surname {node.label!r} matches one full name in the run: {target.label!r}",
                    }
                )
                self.absorb(node, target, edges_of)
            elif len(candidates) > 1:
                names = ", ".join(repr(self.entities[c].label) for c in candidates)
                self.merges.append(
                    {
                        "node": node.id,
                        "label": node.label,
                        "type": node.type,
                        "articles": "|".join(sorted(node.articles)),
                        "reason": f"not merged: surname {node.label!r} is ambiguous ({names})",
                    }
                )

    def absorb(self, node: GraphEntity, target: GraphEntity, edges_of: dict[str, set[tuple[str, str, str]]]) -> None:
        """Move one node into another: names, articles, mentions, attributes and edges.

        ``edges_of`` indexes the edge keys by node, so a run with many surnames does not scan every edge per merge.
        """
        target.aliases.update(node.aliases)
        target.articles.update(node.articles)
        target.mentions += node.mentions
        for name, value in node.attributes.items():
            target.attributes.setdefault(name, value)
        target.strong_families.update(node.strong_families)
        del self.entities[node.id]
        for key in sorted(edges_of.pop(node.id, set())):
            edge = self.relations.pop(key)
            edges_of.get(key[2] if key[0] == node.id else key[0], set()).discard(key)
            subject = target.id if edge.subject == node.id else edge.subject
            obj = target.id if edge.object == node.id else edge.object
            if subject != obj:
                new_key = self.add_relation(subject, edge.predicate, obj, edge.symmetric, edge.evidence)
                edges_of.setdefault(new_key[0], set()).add(new_key)
                edges_of.setdefault(new_key[2], set()).add(new_key)

    def find_reprints(self) -> None:
        """Group near-duplicate articles by their fingerprints; the graph then lets the fingerprints go."""
        fingerprints = {key: article.fingerprint for key, article in self.articles.items() if article.fingerprint}
        if not fingerprints:
            return
        dates = {key: iso_date(article.date) for key, article in self.articles.items()}
        self.reprints = reprint_groups(fingerprints, dates)
        for key in fingerprints:
            self.articles[key] = replace(self.articles[key], fingerprint=None)

    def consolidate_events(self, window: int = DEFAULT_EVENT_WINDOW) -> None:
        self.events = consolidate(self, window)

    def sorted_entities(self) -> list[GraphEntity]:
        return [self.entities[key] for key in sorted(self.entities)]

    def sorted_relations(self) -> list[GraphRelation]:
        return [self.relations[key] for key in sorted(self.relations)]


def build_graph(
    records: Iterable[ArticleRecords], merge: bool = True, event_window: int = DEFAULT_EVENT_WINDOW
) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for item in records:
        graph.add(item, merge=merge)
    if merge:
        merge_kinds(graph)
        graph.merge_surnames()
    graph.find_reprints()
    graph.consolidate_events(event_window)
    return graph


def surname(full_name: str) -> str:
    """The family name of a full name ('Tony Blair' -> 'Blair'; nameparser knows 'van der', suffixes, titles)."""
    return HumanName(full_name).last or full_name.split()[-1]


def merge_record(node: GraphEntity, entity: Entity, article_id: str) -> dict[str, str]:
    """Why an article's entity joins a node that other articles made."""
    if node.type == "Country":
        reason = f"same country (ISO 3166 {entity.attributes.get('iso3') or node.attributes.get('iso3', '?')})"
    elif node.type == entity.type:
        reason = f"same name and type ({entity.type})"
    else:
        reason = f"same name and type family {type_family(entity.type)!r} ({node.type} / {entity.type})"
    return {"node": node.id, "label": entity.label, "type": entity.type, "articles": article_id, "reason": reason}


def slug(text: str) -> str:
    """An ASCII, IRI-safe slug; non-ASCII names get a short hash so distinct names stay distinct."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if base and ascii_text == text and re.fullmatch(r"[A-Za-z0-9 .\-']*", text):
        return base
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}" if base else digest


def node_id_for(entity_type: str, label: str, scope: str = "") -> str:
    """Deterministic node id: the same entity gets the same id in every run, whichever of its family's
    types an article gives it first."""
    node_id = f"{type_family(entity_type)}/{slug(label)}"
    return f"{slug(scope)}/{node_id}" if scope else node_id
