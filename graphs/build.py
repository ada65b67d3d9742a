"""Merge per-article records into one knowledge graph for the whole run.

Entities merge on their key (type-aware), so the same country or person seen in
many articles is one node; relations aggregate per (subject, relation, object)
and keep every supporting :class:`Evidence`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from newskg.model import Article, ArticleRecords, Evidence


@dataclass
class GraphEntity:
    id: str
    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    attributes: dict[str, str] = field(default_factory=dict)


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
            node.aliases.update(entity.aliases)
            node.aliases.add(entity.label)
            node.articles.add(article.id)
            node.mentions += len(entity.mentions)
            for name, value in entity.attributes.items():
                node.attributes.setdefault(name, value)
        for relation in records.relations:
            subject, obj = local_ids.get(relation.subject), local_ids.get(relation.object)
            if subject is None or obj is None or subject == obj:
                continue
            if relation.symmetric and obj < subject:
                subject, obj = obj, subject
            key = (subject, relation.predicate, obj)
            edge = self.relations.get(key)
            if edge is None:
                edge = self.relations[key] = GraphRelation(subject, relation.predicate, obj, relation.symmetric)
            edge.evidence.append(relation.evidence)

    def sorted_entities(self) -> list[GraphEntity]:
        return [self.entities[key] for key in sorted(self.entities)]

    def sorted_relations(self) -> list[GraphRelation]:
        return [self.relations[key] for key in sorted(self.relations)]


def build_graph(records: Iterable[ArticleRecords], merge: bool = True) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for item in records:
        graph.add(item, merge=merge)
    return graph


def slug(text: str) -> str:
    """An ASCII, IRI-safe slug; non-ASCII names get a short hash so distinct names stay distinct."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if base and ascii_text == text and re.fullmatch(r"[A-Za-z0-9 .\-']*", text):
        return base
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}" if base else digest


def node_id_for(entity_type: str, label: str, scope: str = "") -> str:
    """Deterministic node id: the same entity gets the same id in every run."""
    node_id = f"{entity_type.lower()}/{slug(label)}"
    return f"{slug(scope)}/{node_id}" if scope else node_id
