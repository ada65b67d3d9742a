"""Read the RDF view back into a :class:`KnowledgeGraph`: the inverse of :func:`newskg.graphs.rdf.to_rdf`.

RDF is the complete record of a run, so every other format can be written from
it (``newskg export``). The reader takes an rdflib Dataset (or Graph) from any
source: a file (:func:`newskg.graphs.formats.rdf.load_dataset`) or a store.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS
from rdflib.term import Literal, Node

from newskg.graphs.events import consolidate, event_order, make_event
from newskg.graphs.rdf.view import merge_order
from newskg.graphs.vocab import ATTRIBUTE_PROPERTY, NKG, SAME_AS_PREFIX, local_name
from newskg.model import Article, Evidence, GraphEntity, GraphRelation, KnowledgeGraph, MergeRecord, RelationKey
from newskg.vocabulary import ENTITY_TYPES, relation_inventory


def text(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate)
    return None if value is None else str(value)


def number(graph: Graph, node: Node, predicate: URIRef, default: int = 0) -> int:
    value = graph.value(node, predicate)
    return default if value is None else int(str(value))


def read_articles(graph: Graph) -> dict[URIRef, Article]:
    articles = {}
    for node in sorted((n for n in graph.subjects(RDF.type, SDO.NewsArticle) if isinstance(n, URIRef)), key=str):
        article_id = text(graph, node, SDO.identifier) or str(node).rsplit("/", 1)[-1]
        articles[node] = Article(
            id=article_id,
            text="",
            title=text(graph, node, SDO.headline),
            date=text(graph, node, SDO.datePublished),
            url=text(graph, node, SDO.url),
            source=text(graph, node, SDO.publisher),
        )
    return articles


def entity_type(graph: Graph, node: Node) -> str | None:
    names = sorted(
        local_name(t) for t in graph.objects(node, RDF.type) if isinstance(t, URIRef) and t.startswith(str(NKG._NS))
    )
    return next((name for name in names if name in ENTITY_TYPES), None)


def entity_attributes(graph: Graph, node: Node) -> dict[str, str]:
    attributes = {}
    for name, predicate in ATTRIBUTE_PROPERTY.items():
        value = text(graph, node, predicate)
        if value is not None:
            attributes[name] = value
    for same in sorted(str(o) for o in graph.objects(node, OWL.sameAs)):
        for name, prefix in SAME_AS_PREFIX.items():
            if same.startswith(prefix):
                attributes[name] = same[len(prefix) :]
    for item in sorted(str(o) for o in graph.objects(node, NKG.attribute)):
        name, _, value = item.partition("=")
        attributes[name] = value
    return attributes


def read_entities(graph: Graph, articles: dict[URIRef, Article]) -> dict[Node, GraphEntity]:
    entities = {}
    for node in sorted(set(graph.subjects(RDF.type, None)), key=str):
        kind = entity_type(graph, node)
        if kind is None:
            continue
        label = text(graph, node, RDFS.label) or text(graph, node, SKOS.prefLabel) or str(node)
        entity = GraphEntity(
            id=text(graph, node, SDO.identifier) or str(node),
            label=label,
            type=kind,
            aliases={str(alias) for alias in graph.objects(node, SKOS.altLabel)} | {label},
            articles={
                articles[a].id for a in graph.subjects(SDO.mentions, node) if isinstance(a, URIRef) and a in articles
            },
            mentions=number(graph, node, NKG.mentionCount),
            attributes=entity_attributes(graph, node),
        )
        entities[node] = entity
    return entities


def read_evidence(graph: Graph, statement: Node, article_id: str) -> Evidence:
    confidence = graph.value(statement, NKG.confidence)
    return Evidence(
        article_id=article_id,
        sentence=text(graph, statement, NKG.sentence) or "",
        start=number(graph, statement, NKG.startOffset),
        end=number(graph, statement, NKG.endOffset),
        rule=text(graph, statement, NKG.rule) or "",
        confidence=float(confidence.toPython()) if isinstance(confidence, Literal) else 0.0,
        modality=text(graph, statement, NKG.modality),
        date=text(graph, statement, NKG.eventDate),
        title=text(graph, statement, NKG.title),
    )


def union_graph(source: Dataset | Graph) -> Graph:
    """Every triple of every graph of the source, as one graph."""
    if not isinstance(source, Dataset):
        return source
    union = Graph()
    for s, p, o, _ in source.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def read_merges(graph: Graph, entities: dict[Node, GraphEntity], articles: dict[URIRef, Article]) -> list[MergeRecord]:
    """The merge records of the view (:func:`newskg.graphs.rdf.view.merge_triples`), in a stable order.

    A record may name a node that a later merge absorbed (an article's "Frost" joined "Jane Frost" by
    surname): its id comes from the IRI, so the record is kept.
    """
    merges = []
    entity_base = f"{infer_base_iri(graph) or ''}entity/"
    for record in graph.subjects(RDF.type, NKG.MergeRecord):
        target = graph.value(record, NKG.mergedInto)
        known = entities.get(target) if target is not None else None
        if known is not None:
            node_id = known.id
        elif isinstance(target, URIRef) and str(target).startswith(entity_base):
            node_id = str(target)[len(entity_base) :]
        else:
            continue
        sources = sorted(
            articles[a].id
            for a in graph.objects(record, PROV.wasDerivedFrom)
            if isinstance(a, URIRef) and a in articles
        )
        merges.append(
            MergeRecord(
                node=node_id,
                label=text(graph, record, NKG.mergedLabel) or "",
                type=text(graph, record, NKG.mergedType) or "",
                articles=tuple(sources),
                reason=text(graph, record, NKG.mergeReason) or "",
            )
        )
    return sorted(merges, key=merge_order)


def read_reprints(graph: Graph, articles: dict[URIRef, Article]) -> dict[str, str]:
    """Each reprinted article's original (``nkg:reprintOf``)."""
    reprints = {}
    for copy, original in graph.subject_objects(NKG.reprintOf):
        if isinstance(copy, URIRef) and isinstance(original, URIRef) and copy in articles and original in articles:
            reprints[articles[copy].id] = articles[original].id
    return reprints


def read_events(
    graph: Graph, statement_events: dict[Node, list[tuple[RelationKey, Evidence]]], result: KnowledgeGraph
) -> None:
    """The events as the file groups the statements (``nkg:event``); their records are made as a run makes them.

    A file written before newskg had events has no such links: its events are consolidated with the default window.
    """
    if not statement_events:
        result.events = consolidate(result)
        return
    events = []
    for statements in statement_events.values():
        key = statements[0][0]
        events.append(make_event(key, [evidence for _, evidence in statements], result.articles, result.reprints))
    result.events = sorted(events, key=event_order)


def from_rdf(source: Dataset | Graph) -> KnowledgeGraph:
    """The KnowledgeGraph an RDF view describes (article texts are not part of the RDF view)."""
    graph = union_graph(source)
    inventory = relation_inventory()
    articles = read_articles(graph)
    entities = read_entities(graph, articles)
    result = KnowledgeGraph()
    for article in articles.values():
        result.articles[article.id] = article
    for entity in entities.values():
        result.entities[entity.id] = entity
    result.merges = read_merges(graph, entities, articles)
    result.reprints = read_reprints(graph, articles)
    evidence: dict[tuple[str, str, str], list[Evidence]] = {}
    statement_events: dict[Node, list[tuple[RelationKey, Evidence]]] = {}
    for statement in graph.subjects(RDF.type, NKG.Statement):
        subject = entities.get(graph.value(statement, RDF.subject) or statement)
        obj = entities.get(graph.value(statement, RDF.object) or statement)
        predicate = graph.value(statement, RDF.predicate)
        source_article = graph.value(statement, PROV.wasDerivedFrom)
        if (
            subject is None
            or obj is None
            or not isinstance(predicate, URIRef)
            or not isinstance(source_article, URIRef)
        ):
            continue
        described = articles.get(source_article)
        article_id = described.id if described else source_article.rsplit("/", 1)[-1]
        key = (subject.id, local_name(predicate), obj.id)
        item = read_evidence(graph, statement, article_id)
        evidence.setdefault(key, []).append(item)
        event = graph.value(statement, NKG.event)
        if event is not None:
            statement_events.setdefault(event, []).append((key, item))
    for key in sorted(evidence):
        subject_id, predicate_name, object_id = key
        info = inventory.get(predicate_name)
        items = sorted(evidence[key], key=lambda e: (e.article_id, e.start, e.end, e.rule, e.sentence))
        result.relations[key] = GraphRelation(
            subject_id, predicate_name, object_id, info.symmetric if info else False, items
        )
    read_events(graph, statement_events, result)
    return result


def infer_base_iri(source: Dataset | Graph) -> str | None:
    """The --base-iri a newskg RDF file was written with, from an entity IRI and its identifier."""
    graph = union_graph(source)
    for node, identifier in graph.subject_objects(SDO.identifier):
        suffix = f"entity/{identifier}"
        if isinstance(node, URIRef) and str(node).endswith(suffix) and entity_type(graph, node):
            return str(node)[: -len(suffix)]
    return None
