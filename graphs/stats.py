"""What a graph holds: counts by entity type and relation, the most connected entities and the most reported
events; from a merged graph (RDF, a store) or from a network table read back from GEXF or GraphML."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newskg.graphs.events import most_reported
from newskg.graphs.network import NetworkTable
from newskg.graphs.query import text_table
from newskg.model import Event, KnowledgeGraph


@dataclass
class GraphStats:
    articles: int
    entities: int
    relations: int
    statements: int
    by_type: list[tuple[str, int]]
    by_relation: list[tuple[str, int, int]]
    most_connected: list[tuple[str, str, int, int]]
    events: int = 0
    # (what happened, date, sources, articles, mentions)
    most_reported: list[tuple[str, str, int, int, int]] = field(default_factory=list)
    # What ``statements`` counts: supporting statements (RDF, a store), or supporting mentions, the edge weights of
    # a GEXF or GraphML file, which keep one sentence per edge and sum an edge's events.
    support: str = "statements"


def event_text(event: Event, graph: KnowledgeGraph) -> str:
    """'Norway excluded Telvano Group'; a symmetric relation names both sides first: 'Peru and Ecuador signed'."""
    actor, target = graph.entities[event.actor].label, graph.entities[event.target].label
    relation = event.relation.replace("_", " ")
    edge = graph.relations.get(event.key)
    return f"{actor} and {target} {relation}" if edge and edge.symmetric else f"{actor} {relation} {target}"


def graph_stats(graph: KnowledgeGraph, top: int = 10) -> GraphStats:
    """Counts, the ``top`` entities with most relations (ties: more supporting mentions, then name), and the ``top``
    events reported by most sources (then articles, then mentions)."""
    by_type = Counter(entity.type for entity in graph.entities.values())
    edges: Counter[str] = Counter()
    statements: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for relation in graph.relations.values():
        edges[relation.predicate] += 1
        statements[relation.predicate] += len(relation.evidence)
        for node in (relation.subject, relation.object):
            degree[node] += 1
            support[node] += len(relation.evidence)
    ranked = sorted(degree, key=lambda node: (-degree[node], -support[node], graph.entities[node].label, node))
    return GraphStats(
        articles=len(graph.articles),
        entities=len(graph.entities),
        relations=len(graph.relations),
        statements=sum(statements.values()),
        by_type=sorted(by_type.items(), key=lambda item: (-item[1], item[0])),
        by_relation=sorted(((p, edges[p], statements[p]) for p in edges), key=lambda item: (-item[1], item[0])),
        most_connected=[
            (graph.entities[node].label, graph.entities[node].type, degree[node], support[node])
            for node in ranked[:top]
        ],
        events=len(graph.events),
        most_reported=[
            (event_text(event, graph), event.date or "", event.num_sources, event.num_articles, event.mentions)
            for event in most_reported(graph.events, top)
        ],
    )


def table_stats(table: NetworkTable, top: int = 10) -> GraphStats:
    """The same figures from a GEXF or GraphML file: edge weights (supporting mentions) stand for statements, and
    the events are counted from the edges' ``events`` column (the file does not list them one by one)."""
    labels = {node.id: node.label for node in table.nodes}
    types = {node.id: str(node.attributes.get("type", node.entity_type)) for node in table.nodes}
    edges: Counter[str] = Counter()
    weights: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for edge in table.edges:
        relation = str(edge.attributes.get("relation", edge.label))
        edges[relation] += 1
        weights[relation] += edge.weight
        for node in (edge.source, edge.target):
            degree[node] += 1
            support[node] += edge.weight
    ranked = sorted(degree, key=lambda node: (-degree[node], -support[node], labels.get(node, node), node))
    attributes = [node.attributes for node in table.nodes] + [edge.attributes for edge in table.edges]
    articles = {article for values in attributes for article in str(values.get("articles") or "").split("|") if article}
    events = sum(int(value) for e in table.edges if isinstance(value := e.attributes.get("events"), int | float))
    return GraphStats(
        articles=len(articles),
        entities=len(table.nodes),
        relations=len(table.edges),
        statements=sum(weights.values()),
        by_type=sorted(Counter(types.values()).items(), key=lambda item: (-item[1], item[0])),
        by_relation=sorted(((r, edges[r], weights[r]) for r in edges), key=lambda item: (-item[1], item[0])),
        most_connected=[
            (labels.get(node, node), types.get(node, ""), degree[node], support[node]) for node in ranked[:top]
        ],
        events=events,
        support="mentions",
    )


def format_stats(stats: GraphStats) -> str:
    summary = (
        f"articles: {stats.articles}  entities: {stats.entities}  relations: {stats.relations}"
        f"  {stats.support}: {stats.statements}  events: {stats.events}\n"
    )
    types = text_table(["entity type", "entities"], [[name, str(count)] for name, count in stats.by_type])
    relations = text_table(
        ["relation", "edges", stats.support], [[name, str(count), str(n)] for name, count, n in stats.by_relation]
    )
    connected = text_table(
        ["most connected entity", "type", "edges", stats.support],
        [[label, kind, str(degree), str(n)] for label, kind, degree, n in stats.most_connected],
    )
    if stats.support != "statements":
        note = "most reported events: listed from RDF or a store (a GEXF or GraphML edge sums its events)\n"
        return "\n".join((summary, types, relations, connected, note))
    reported = text_table(
        ["most reported event", "date", "sources", "articles", "mentions"],
        [[text, date, str(sources), str(articles), str(n)] for text, date, sources, articles, n in stats.most_reported],
    )
    return "\n".join((summary, types, relations, connected, reported))
