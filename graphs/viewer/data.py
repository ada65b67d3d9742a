"""The data a view page embeds: nodes, edges with all their evidence, articles, dates, colours and positions.

Built from a :class:`KnowledgeGraph` (RDF file, store or a run: every
supporting sentence of every edge) or from a network table read back from
GEXF or GraphML (those files keep one sentence per edge; the page says so).
Everything is in a fixed order and positions come from the seeded layout, so
the same graph gives the same bytes.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from newskg.graphs.formats.gexf import OTHER_COLOR, TYPE_COLORS
from newskg.graphs.layout import layout
from newskg.graphs.network import NetworkTable, iso_date, network_table
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.model import KnowledgeGraph
from newskg.vocabulary import ENTITY_TYPES, relation_inventory

# Event relations in strong colours (cooperative ones cool, hostile ones warm), standing relations in greys and
# browns, so the story stands out from the background of roles and places.
RELATION_COLORS = {
    "met": "#1f77b4",
    "visited": "#17becf",
    "signed": "#2ca02c",
    "agreed": "#6cc24a",
    "cooperated": "#bcbd22",
    "supported": "#4fa3e0",
    "excluded": "#d62728",
    "sanctioned": "#a0182a",
    "accused": "#ff7f0e",
    "threatened": "#f0a030",
    "attacked": "#e0458f",
    "killed": "#6b0f1a",
    "acquired": "#9467bd",
    "invested_in": "#b38ed8",
    "appointed": "#8c564b",
    "sued": "#c25a8a",
    "holds_role": "#a0a0a0",
    "works_for": "#b4a18e",
    "leads": "#857060",
    "member_of": "#9c8fb0",
    "located_in": "#b8b8b8",
    "based_in": "#a89a70",
    "citizen_of": "#c0b0a0",
    "lives_in": "#c8c0b0",
}
OTHER_RELATION_COLOR = "#999999"
# Node attributes the page shows in their own places, not in the attribute list.
SHOWN_NODE_ATTRIBUTES = frozenset({"type", "aliases", "articles", "mentions", "roles", "label"})


@dataclass(frozen=True)
class EvidenceItem:
    """One supporting sentence as the page shows it."""

    article_id: str | None
    sentence: str
    date: str | None
    modality: str | None
    confidence: float | None
    reprint_of: str | None = None  # the article this one reprints word for word


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    title: str | None = None
    date: str | None = None


def hex_color(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def node_size(mentions: int, nodes: int) -> float:
    """Pixels at the default zoom: grows with the logarithm of mentions; smaller when there are many nodes."""
    base, step = (3.0, 2.2) if nodes <= 300 else (2.0, 1.4)
    return round(min(24.0, base + step * math.log2(1 + max(mentions, 0))), 2)


def edge_size(weight: int) -> float:
    return round(min(6.0, 1.0 + 0.8 * math.log2(max(weight, 1))), 2)


def split(value: object) -> list[str]:
    return [part for part in str(value).split("|") if part] if value not in (None, "") else []


def page_data(
    table: NetworkTable,
    evidence: list[list[EvidenceItem]],
    articles: dict[str, ArticleInfo],
    seed: int | None = None,
) -> dict[str, Any]:
    """The page's JSON document (see graphs/viewer/src/viewer.js for how it is read)."""
    article_ids = sorted(
        set(articles)
        | {item.reprint_of for items in evidence for item in items if item.reprint_of}
        | {a for n in table.nodes for a in split(n.attributes.get("articles"))}
        | {a for e in table.edges for a in split(e.attributes.get("articles"))}
    )
    article_index = {article_id: number for number, article_id in enumerate(article_ids)}
    article_rows = [
        [a, articles[a].title if a in articles else None, articles[a].date if a in articles else None]
        for a in article_ids
    ]
    dates = sorted(
        {d for n in table.nodes for d in n.dates}
        | {d for e in table.edges for d in e.dates}
        | {item.date for items in evidence for item in items if item.date}
    )
    date_index = {date: number for number, date in enumerate(dates)}
    ids = [node.id for node in table.nodes]
    node_index = {node_id: number for number, node_id in enumerate(ids)}
    positions = layout(ids, [(e.source, e.target) for e in table.edges], **({"seed": seed} if seed is not None else {}))
    nodes = []
    for node in table.nodes:
        attrs = node.attributes
        extra = {
            name: str(value)
            for name, value in sorted(attrs.items())
            if name not in SHOWN_NODE_ATTRIBUTES and value not in (None, "")
        }
        mentions = int(attrs.get("mentions", node.mentions) or 0)
        x, y = positions[node.id]
        nodes.append(
            {
                "id": node.id,
                "label": node.label,
                "type": str(attrs.get("type", node.entity_type)),
                "mentions": mentions,
                "aliases": split(attrs.get("aliases")),
                "roles": split(attrs.get("roles")),
                "articles": [article_index[a] for a in split(attrs.get("articles"))],
                "attributes": extra,
                "dates": [date_index[d] for d in node.dates],
                "x": x,
                "y": y,
                "size": node_size(mentions, len(table.nodes)),
            }
        )
    inventory = relation_inventory()
    edges = []
    for edge, items in zip(table.edges, evidence, strict=True):
        attrs = edge.attributes
        relation = str(attrs.get("relation", edge.label))
        info = inventory.get(relation)
        confidence = attrs.get("confidence")
        edges.append(
            {
                "source": node_index[edge.source],
                "target": node_index[edge.target],
                "relation": relation,
                "weight": edge.weight,
                "articles": len(split(attrs.get("articles"))),
                "confidence": float(confidence) if confidence is not None else None,
                "plover": attrs.get("plover") or (info.plover if info else None),
                "modality": attrs.get("modality") or None,
                "title": attrs.get("title") or None,
                "symmetric": bool(attrs.get("symmetric", info.symmetric if info else False)),
                # Event relations: distinct events behind the edge, the outlets reporting them, first and last report.
                "events": attrs.get("events"),
                "sources": attrs.get("num_sources"),
                "first_reported": attrs.get("first_reported"),
                "last_reported": attrs.get("last_reported"),
                "dates": [date_index[d] for d in edge.dates],
                "size": edge_size(edge.weight),
                "evidence": [
                    [
                        article_index.get(item.article_id) if item.article_id else None,
                        item.sentence,
                        item.date,
                        item.modality,
                        item.confidence,
                        article_index[item.reprint_of] if item.reprint_of else None,
                    ]
                    for item in items
                ],
            }
        )
    type_counts = Counter(str(node_data["type"]) for node_data in nodes)
    relation_counts = Counter(str(edge_data["relation"]) for edge_data in edges)
    type_order = [t for t in ENTITY_TYPES if t in type_counts] + sorted(set(type_counts) - set(ENTITY_TYPES))
    relation_order = [r for r in inventory if r in relation_counts] + sorted(set(relation_counts) - set(inventory))
    return {
        "version": 1,
        "types": [
            {"name": t, "color": hex_color(TYPE_COLORS.get(t, OTHER_COLOR)), "count": type_counts[t]}
            for t in type_order
        ],
        "relations": [
            {"name": r, "color": RELATION_COLORS.get(r, OTHER_RELATION_COLOR), "count": relation_counts[r]}
            for r in relation_order
        ],
        "articles": article_rows,
        "dates": dates,
        "nodes": nodes,
        "edges": edges,
    }


def graph_page_data(graph: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, isolated: bool = True) -> dict[str, Any]:
    """Page data of a merged graph, with every supporting sentence of every edge (``isolated=False``: without the
    entities no relation joins)."""
    table = network_table(graph, base_iri, isolated)
    evidence = []
    for relation in graph.sorted_relations():
        items = []
        for e in relation.evidence:
            article = graph.articles.get(e.article_id)
            date = iso_date(e.date) or iso_date(article.date if article else None)
            reprint_of = graph.reprints.get(e.article_id)
            items.append(EvidenceItem(e.article_id, e.sentence, date, e.modality, round(e.confidence, 3), reprint_of))
        items.sort(key=lambda i: (i.date or "", i.article_id or "", i.sentence))
        evidence.append(items)
    articles = {
        a.id: ArticleInfo(a.id, a.title, iso_date(a.date)) for a in sorted(graph.articles.values(), key=lambda a: a.id)
    }
    return page_data(table, evidence, articles)


def table_page_data(table: NetworkTable) -> dict[str, Any]:
    """Page data of a network table read from GEXF or GraphML: one sentence per edge, as the file keeps it."""
    evidence = []
    for edge in table.edges:
        attrs = edge.attributes
        sentence = str(attrs.get("evidence") or "")
        edge_articles = split(attrs.get("articles"))
        confidence = attrs.get("confidence")
        evidence.append(
            [
                EvidenceItem(
                    edge_articles[0] if len(edge_articles) == 1 else None,
                    sentence,
                    edge.dates[0] if len(edge.dates) == 1 else None,
                    str(attrs["modality"]) if attrs.get("modality") else None,
                    float(confidence) if confidence is not None else None,
                )
            ]
            if sentence
            else []
        )
    return page_data(table, evidence, {})
