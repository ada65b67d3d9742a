"""The network view: one node per entity and one edge per (subject, relation, object), with typed attributes.

:func:`network_table` is what the GEXF, GraphML and CSV writers stream from
(no networkx on the way: it is slow on big graphs); :func:`to_networkx` gives
the same view as a NetworkX MultiDiGraph. Values are plain strings and numbers
(multi-valued ones joined with ``|``) and XML-safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from newskg.graphs.events import best_evidence, events_by_relation, is_day, iso_date, mention_count
from newskg.graphs.vocab import DEFAULT_BASE_IRI, entity_iri
from newskg.model import Event, GraphRelation, KnowledgeGraph
from newskg.vocabulary import ROLE_RELATIONS, relation_inventory

__all__ = ["best_evidence", "iso_date", "network_table", "to_networkx"]

Value = str | int | float | bool

# Characters XML 1.0 cannot carry, even escaped: the view replaces them, so any writer takes its values as they are.
XML_ILLEGAL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
XML_ILLEGAL = re.compile(f"[{XML_ILLEGAL_CHARACTERS}]")

# Attributes every node and edge has, with their types (the writers declare these types).
NODE_COLUMNS: dict[str, type] = {"type": str, "aliases": str, "articles": str, "mentions": int, "iri": str}
EDGE_COLUMNS: dict[str, type] = {
    "relation": str,
    "articles": str,
    "evidence": str,
    "confidence": float,
    "symmetric": bool,
}
# Attributes only some nodes or edges have (entity attributes such as iso3 are added as strings).
OPTIONAL_NODE_COLUMNS: dict[str, type] = {"roles": str, "first_date": str, "last_date": str}
OPTIONAL_EDGE_COLUMNS: dict[str, type] = {
    "plover": str,
    "title": str,
    "modality": str,
    "first_date": str,
    "last_date": str,
    # Event relations (newskg.graphs.events): distinct events behind the edge, their articles and outlets.
    "events": int,
    "num_articles": int,
    "num_sources": int,
    "first_reported": str,
    "last_reported": str,
}


def xml_safe(text: str) -> str:
    """The text with every character XML cannot carry replaced by a space."""
    return XML_ILLEGAL.sub(" ", text)


def joined(values: set[str] | list[str]) -> str:
    return "|".join(xml_safe(v) for v in sorted(values))


@dataclass
class NetworkNode:
    id: str
    label: str
    attributes: dict[str, Value]
    dates: list[str] = field(default_factory=list)
    entity_type: str = ""
    mentions: int = 0


@dataclass
class NetworkEdge:
    id: str
    source: str
    target: str
    label: str
    weight: int
    attributes: dict[str, Value]
    dates: list[str] = field(default_factory=list)


@dataclass
class NetworkTable:
    """Nodes and edges with their attribute columns (name -> type), in a stable order."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    node_columns: dict[str, type]
    edge_columns: dict[str, type]

    @property
    def dated(self) -> bool:
        return any(n.dates for n in self.nodes) or any(e.dates for e in self.edges)

    @property
    def dates(self) -> list[str]:
        """Every distinct day a node or edge carries, sorted."""
        return sorted({d for n in self.nodes for d in n.dates} | {d for e in self.edges for d in e.dates})

    @property
    def timeline(self) -> bool:
        """The graph is dynamic (GEXF spells, CSV intervals) when its elements span at least two days: a single
        day is no timeline (Gephi's refuses a graph whose start is its end), and its date stays in the
        ``first_date`` and ``last_date`` columns."""
        return len(self.dates) >= 2

    def without_isolated(self) -> NetworkTable:
        """The table without the nodes no edge joins (entities mentioned without a relation)."""
        linked = {e.source for e in self.edges} | {e.target for e in self.edges}
        nodes = [node for node in self.nodes if node.id in linked]
        return NetworkTable(nodes, self.edges, self.node_columns, self.edge_columns)


def edge_dates(relation: GraphRelation, graph: KnowledgeGraph, events: list[Event]) -> list[str]:
    """The dates of the edge's events (an event dated by a month or year: the day it was first reported); for a
    standing relation, the dates of its statements (their own date, or their article's where the sentence gives
    none)."""
    if events:
        days = {event.date if event.date and is_day(event.date) else event.first_reported for event in events}
        return sorted(day for day in days if day)
    dates = set()
    for evidence in relation.evidence:
        article = graph.articles.get(evidence.article_id)
        date = iso_date(evidence.date) or iso_date(article.date if article else None)
        if date:
            dates.add(date)
    return sorted(dates)


def event_attributes(events: list[Event]) -> dict[str, Value]:
    """The contract's event columns of an edge: its events, their articles and outlets, first and last report."""
    reported = sorted(d for e in events for d in (e.first_reported, e.last_reported) if d)
    attrs: dict[str, Value] = {
        "events": len(events),
        "num_articles": len({a for e in events for a in e.articles}),
        "num_sources": len({s for e in events for s in e.sources}),
    }
    if reported:
        attrs["first_reported"], attrs["last_reported"] = reported[0], reported[-1]
    return attrs


def edge_attributes(relation: GraphRelation, events: list[Event] | None = None) -> dict[str, Value]:
    inventory = relation_inventory()
    best = best_evidence(relation.evidence)
    attrs: dict[str, Value] = {
        "relation": relation.predicate,
        "articles": joined(relation.articles),
        "evidence": xml_safe(best.sentence),
        "confidence": round(max(e.confidence for e in relation.evidence), 3),
        "symmetric": relation.symmetric,
    }
    info = inventory.get(relation.predicate)
    if info is not None and info.plover:
        attrs["plover"] = info.plover
    titles = sorted({e.title for e in relation.evidence if e.title})
    if titles:
        attrs["title"] = joined(titles)
    modalities = sorted({e.modality for e in relation.evidence if e.modality})
    if modalities:
        attrs["modality"] = joined(modalities)
    dates = sorted(e.date for e in relation.evidence if e.date)
    if dates:
        attrs["first_date"], attrs["last_date"] = dates[0], dates[-1]
    if events:
        attrs.update(event_attributes(events))
    return attrs


def entity_roles(graph: KnowledgeGraph) -> dict[str, set[str]]:
    """Each person's offices as text ("Foreign Minister of India"), from the titled role edges."""
    roles: dict[str, set[str]] = {}
    for relation in graph.sorted_relations():
        if relation.predicate in ROLE_RELATIONS:
            target = graph.entities[relation.object].label
            for evidence in relation.evidence:
                if evidence.title:
                    roles.setdefault(relation.subject, set()).add(f"{evidence.title} of {target}")
    return roles


def network_table(graph: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, isolated: bool = True) -> NetworkTable:
    """The network view of a graph; ``isolated=False`` leaves out the entities without relations."""
    table = full_network_table(graph, base_iri)
    return table if isolated else table.without_isolated()


def full_network_table(graph: KnowledgeGraph, base_iri: str) -> NetworkTable:
    edges = []
    node_dates: dict[str, set[str]] = {key: set() for key in graph.entities}
    events_of = events_by_relation(graph.events)
    for index, relation in enumerate(graph.sorted_relations()):
        events = events_of.get((relation.subject, relation.predicate, relation.object), [])
        dates = edge_dates(relation, graph, events)
        node_dates[relation.subject].update(dates)
        node_dates[relation.object].update(dates)
        edges.append(
            NetworkEdge(
                id=str(index),
                source=relation.subject,
                target=relation.object,
                label=relation.predicate,
                # Supporting mentions, a reprint group's once (for an event relation, those of its events).
                weight=sum(e.mentions for e in events) if events else mention_count(relation.evidence, graph.reprints),
                attributes=edge_attributes(relation, events),
                dates=dates,
            )
        )
    roles = entity_roles(graph)
    nodes = []
    extra_columns: set[str] = set()
    for entity in graph.sorted_entities():
        attrs: dict[str, Value] = {
            "type": entity.type,
            "aliases": joined(entity.aliases),
            "articles": joined(entity.articles),
            "mentions": entity.mentions,
            "iri": str(entity_iri(base_iri, entity.id)),
        }
        if roles.get(entity.id):
            attrs["roles"] = joined(roles[entity.id])
        article_dates = {graph.articles[a].date for a in entity.articles if a in graph.articles}
        seen = sorted(node_dates[entity.id] | {d for d in map(iso_date, article_dates) if d})
        if seen:
            attrs["first_date"], attrs["last_date"] = seen[0], seen[-1]
        for name, value in sorted(entity.attributes.items()):
            if name not in attrs and name != "label":
                attrs[name] = xml_safe(value)
                extra_columns.add(name)
        nodes.append(NetworkNode(entity.id, xml_safe(entity.label), attrs, seen, entity.type, entity.mentions))
    node_columns = {**NODE_COLUMNS, **OPTIONAL_NODE_COLUMNS, **{name: str for name in sorted(extra_columns)}}
    return NetworkTable(nodes, edges, node_columns, {**EDGE_COLUMNS, **OPTIONAL_EDGE_COLUMNS})


def to_networkx(graph: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, isolated: bool = True) -> nx.MultiDiGraph:
    table = network_table(graph, base_iri, isolated)
    network = nx.MultiDiGraph()
    for node in table.nodes:
        network.add_node(node.id, label=node.label, **node.attributes)
    for edge in table.edges:
        network.add_edge(
            edge.source, edge.target, key=edge.label, label=edge.label, weight=edge.weight, **edge.attributes
        )
    return network
