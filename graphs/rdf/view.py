"""The RDF view of a merged graph, as a stream of Oxigraph quads: its one definition.

Article and entity descriptions and merge records live in the default graph;
each article's relations (one direct triple each), statements (one node per
supporting mention, with the sentence and offsets) and roles live in the
article's named graph, so TriG and N-Quads keep per-article provenance and
Turtle, N-Triples and JSON-LD get the union.

Roles in time: a role ("Foreign Minister of India", stated in an article of
2020-10-07) is an ``org:Membership`` (W3C ORG) that is also a ``schema:Role``:
the person (``org:member``), the country or organisation (``org:organization``),
the post (``org:role``, an ``org:Role`` with the title as ``skos:prefLabel``),
the date of the article that states it (``nkg:statedOn``) and the article
(``prov:wasDerivedFrom``). Each cross-article merge is an ``nkg:MergeRecord``:
which name and type from which articles joined which entity, and why.

Events (:mod:`newskg.graphs.events`): each is an ``nkg:Event`` in the default
graph, with its relation (``nkg:eventType``), ``nkg:actor``, ``nkg:target``, date
(``schema:startDate``), first and last report, counts, outlets, best statement
and the articles that report it (``schema:subjectOf``); each statement of an
event relation points to its event (``nkg:event``, in the article's graph). A
reprinted article is ``nkg:reprintOf`` its original.

Both orders stream: quads come in a fixed order (so writers give the same bytes
for the same graph) with no duplicates, and nothing but a few per-graph sets is
held besides the graph itself, so a million relations go to a file or to the
store without an in-memory RDF graph. :func:`newskg.graphs.rdf.to_rdf` builds
rdflib's ``Dataset`` from the same stream.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from newskg.graphs.vocab import (
    ATTRIBUTE_PROPERTY,
    NKG,
    SAME_AS_PREFIX,
    SCHEMA_CLASS,
    article_graph_iri,
    article_iri,
    entity_class,
    entity_iri,
    event_iri,
    slug,
    statement_iri,
)
from newskg.model import Article, Event, Evidence, GraphEntity, GraphRelation, KnowledgeGraph, MergeRecord, RelationKey
from newskg.vocabulary import ROLE_RELATIONS

Object = ox.NamedNode | ox.Literal
Triple = tuple[ox.NamedNode, ox.NamedNode, Object]


class OxTerms:
    """The Oxigraph IRIs of an rdflib namespace's terms (``nkg.Statement``), each made once.

    rdflib's attribute lookup on a namespace is slow enough to dominate a stream of millions of quads.
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        term = ox.NamedNode(str(self._namespace[name]))
        setattr(self, name, term)
        return term


@lru_cache(maxsize=1024)
def iri(value: str) -> ox.NamedNode:
    """A class or property chosen per entity (its class, an attribute's property), made once."""
    return ox.NamedNode(value)


rdf, rdfs, owl, xsd = OxTerms(RDF), OxTerms(RDFS), OxTerms(OWL), OxTerms(XSD)
schema, skos, prov, org, nkg = OxTerms(SDO), OxTerms(SKOS), OxTerms(PROV), OxTerms(ORG), OxTerms(NKG)


def date_literal(value: str) -> ox.Literal:
    """xsd:date for a plain ISO date, xsd:dateTime for a timestamp, a string otherwise."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit():
        return ox.Literal(value, datatype=xsd.date)
    if len(value) > 10 and value[10] == "T" and value[:4].isdigit():
        return ox.Literal(value, datatype=xsd.dateTime)
    return ox.Literal(value)


def decimal_literal(value: float) -> ox.Literal:
    """xsd:decimal whose lexical form reads back as the same float."""
    return ox.Literal(format(Decimal(repr(float(value))), "f"), datatype=xsd.decimal)


def integer_literal(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=xsd.integer)


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def evidence_digest(relation: GraphRelation, evidence: Evidence) -> str:
    """The statement node's key: one node per relation and supporting mention."""
    return key_digest((relation.subject, relation.predicate, relation.object), evidence)


def key_digest(key: RelationKey, evidence: Evidence) -> str:
    subject, predicate, obj = key
    return digest(evidence.article_id, subject, predicate, obj, str(evidence.start), str(evidence.end), evidence.rule)


class Terms:
    """The IRIs of one base, each entity's and article's made once per stream."""

    def __init__(self, base_iri: str, events: list[Event] | None = None) -> None:
        self.base = base_iri
        self.entities: dict[str, ox.NamedNode] = {}
        self.articles: dict[str, ox.NamedNode] = {}
        # Statement key (key_digest) -> the node of its event.
        self.statement_events: dict[str, ox.NamedNode] = {}
        for event in events or []:
            node = self.event(event)
            for evidence in event.statements:
                self.statement_events[key_digest(event.key, evidence)] = node

    def event(self, event: Event) -> ox.NamedNode:
        return ox.NamedNode(event_iri(self.base, event.id))

    def entity(self, node_id: str) -> ox.NamedNode:
        node = self.entities.get(node_id)
        if node is None:
            node = self.entities[node_id] = ox.NamedNode(entity_iri(self.base, node_id))
        return node

    def article(self, article_id: str) -> ox.NamedNode:
        node = self.articles.get(article_id)
        if node is None:
            node = self.articles[article_id] = ox.NamedNode(article_iri(self.base, article_id))
        return node

    def graph(self, article_id: str) -> ox.NamedNode:
        return ox.NamedNode(article_graph_iri(self.base, article_id))


# --- the triples of one thing -----------------------------------------------------------


def article_triples(
    article: Article, mentioned: list[str], terms: Terms, reprint_of: str | None = None
) -> Iterator[Triple]:
    """The article's description, the article it reprints, and the entities it mentions."""
    node = terms.article(article.id)
    yield node, rdf.type, schema.NewsArticle
    yield node, schema.identifier, ox.Literal(article.id)
    if article.title:
        yield node, schema.headline, ox.Literal(article.title)
    if article.date:
        yield node, schema.datePublished, date_literal(article.date)
    if article.url:
        yield node, schema.url, ox.Literal(article.url, datatype=xsd.anyURI)
    if article.source:
        yield node, schema.publisher, ox.Literal(article.source)
    if reprint_of:
        yield node, nkg.reprintOf, terms.article(reprint_of)
    for entity_id in mentioned:
        yield node, schema.mentions, terms.entity(entity_id)


def entity_triples(entity: GraphEntity, terms: Terms) -> Iterator[Triple]:
    """Classes, names, mention count, and attributes as properties or sameAs links."""
    node = terms.entity(entity.id)
    yield node, rdf.type, iri(entity_class(entity.type))
    yield node, rdf.type, iri(SCHEMA_CLASS[entity.type])
    yield node, schema.identifier, ox.Literal(entity.id)
    yield node, rdfs.label, ox.Literal(entity.label)
    yield node, skos.prefLabel, ox.Literal(entity.label)
    for alias in sorted(entity.aliases - {entity.label}):
        yield node, skos.altLabel, ox.Literal(alias)
    yield node, nkg.mentionCount, integer_literal(entity.mentions)
    for name, value in sorted(entity.attributes.items()):
        if name in ATTRIBUTE_PROPERTY:
            yield node, iri(ATTRIBUTE_PROPERTY[name]), ox.Literal(value)
        elif name in SAME_AS_PREFIX:
            yield node, owl.sameAs, ox.NamedNode(f"{SAME_AS_PREFIX[name]}{value}")
        else:
            yield node, nkg.attribute, ox.Literal(f"{name}={value}")


def relation_triple(relation: GraphRelation, terms: Terms) -> Triple:
    """The direct triple: subject, relation property, object."""
    return terms.entity(relation.subject), getattr(nkg, relation.predicate), terms.entity(relation.object)


def statement_node(relation: GraphRelation, evidence: Evidence, terms: Terms) -> ox.NamedNode:
    return ox.NamedNode(statement_iri(terms.base, evidence_digest(relation, evidence)))


def statement_triples(relation: GraphRelation, evidence: Evidence, terms: Terms) -> Iterator[Triple]:
    """The statement node: which sentence of which article supports the relation, and how."""
    node = statement_node(relation, evidence, terms)
    subject, predicate, obj = relation_triple(relation, terms)
    yield node, rdf.type, nkg.Statement
    yield node, rdf.subject, subject
    yield node, rdf.predicate, predicate
    yield node, rdf.object, obj
    yield node, prov.wasDerivedFrom, terms.article(evidence.article_id)
    yield node, nkg.sentence, ox.Literal(evidence.sentence)
    yield node, nkg.startOffset, integer_literal(evidence.start)
    yield node, nkg.endOffset, integer_literal(evidence.end)
    yield node, nkg.rule, ox.Literal(evidence.rule)
    yield node, nkg.confidence, decimal_literal(evidence.confidence)
    if evidence.modality:
        yield node, nkg.modality, ox.Literal(evidence.modality)
    if evidence.date:
        yield node, nkg.eventDate, date_literal(evidence.date)
    if evidence.title:
        yield node, nkg.title, ox.Literal(evidence.title)
    event = terms.statement_events.get(evidence_digest(relation, evidence))
    if event is not None:
        yield node, nkg.event, event


def event_triples(event: Event, terms: Terms) -> Iterator[Triple]:
    """One event: what happened between whom and when, how widely it was reported, and the articles that did."""
    node = terms.event(event)
    yield node, rdf.type, nkg.Event
    yield node, schema.identifier, ox.Literal(event.id)
    yield node, nkg.eventType, getattr(nkg, event.relation)
    yield node, nkg.actor, terms.entity(event.actor)
    yield node, nkg.target, terms.entity(event.target)
    if event.date:
        yield node, schema.startDate, date_literal(event.date)
    if event.first_reported:
        yield node, nkg.firstReported, date_literal(event.first_reported)
    if event.last_reported:
        yield node, nkg.lastReported, date_literal(event.last_reported)
    yield node, nkg.numArticles, integer_literal(event.num_articles)
    yield node, nkg.numSources, integer_literal(event.num_sources)
    yield node, nkg.numMentions, integer_literal(event.mentions)
    for source in event.sources:
        yield node, nkg.source, ox.Literal(source)
    yield node, nkg.bestStatement, ox.NamedNode(statement_iri(terms.base, key_digest(event.key, event.evidence)))
    for article_id in event.articles:
        yield node, schema.subjectOf, terms.article(article_id)


def membership_node(relation: GraphRelation, evidence: Evidence, terms: Terms) -> ox.NamedNode:
    key = digest(relation.subject, relation.object, evidence.article_id, evidence.title or "")
    return ox.NamedNode(f"{terms.base}role/{key}")


def post_node(title: str, terms: Terms) -> ox.NamedNode:
    return ox.NamedNode(f"{terms.base}post/{slug(title)}")


def membership_triples(relation: GraphRelation, evidence: Evidence, terms: Terms) -> Iterator[Triple]:
    """A role as stated in one article (see the module docstring); the post's own triples are separate."""
    node = membership_node(relation, evidence, terms)
    yield node, rdf.type, org.Membership
    yield node, rdf.type, schema.Role
    yield node, org.member, terms.entity(relation.subject)
    yield node, org.organization, terms.entity(relation.object)
    yield node, nkg.roleRelation, getattr(nkg, relation.predicate)
    yield node, prov.wasDerivedFrom, terms.article(evidence.article_id)
    if evidence.title:
        yield node, org.role, post_node(evidence.title, terms)
        yield node, schema.roleName, ox.Literal(evidence.title)
    if evidence.date:
        yield node, nkg.statedOn, date_literal(evidence.date)


def post_triples(title: str, terms: Terms) -> Iterator[Triple]:
    node = post_node(title, terms)
    yield node, rdf.type, org.Role
    yield node, skos.prefLabel, ox.Literal(title)


def merge_node(record: MergeRecord, terms: Terms) -> ox.NamedNode:
    return ox.NamedNode(f"{terms.base}merge/{digest(record.node, record.label, '|'.join(record.articles))}")


def merge_order(record: MergeRecord) -> tuple[str, str, str, str]:
    """The order merge records are written (and read back) in."""
    return record.node, record.label, "|".join(record.articles), record.type


def merge_triples(record: MergeRecord, terms: Terms) -> Iterator[Triple]:
    """One cross-article merge (or refused surname merge) and its reason."""
    node = merge_node(record, terms)
    yield node, rdf.type, nkg.MergeRecord
    yield node, nkg.mergedInto, terms.entity(record.node)
    yield node, nkg.mergedLabel, ox.Literal(record.label)
    yield node, nkg.mergedType, ox.Literal(record.type)
    yield node, nkg.mergeReason, ox.Literal(record.reason)
    for article_id in record.articles:
        yield node, prov.wasDerivedFrom, terms.article(article_id)


# --- whole graphs, in order ---------------------------------------------------------------


def mentioned_entities(graph: KnowledgeGraph) -> dict[str, list[str]]:
    """Per article, the entities it mentions, in entity order."""
    mentioned: dict[str, list[str]] = defaultdict(list)
    for entity in graph.sorted_entities():
        for article_id in sorted(entity.articles):
            mentioned[article_id].append(entity.id)
    return mentioned


def description_triples(
    graph: KnowledgeGraph, terms: Terms, outgoing: dict[str, list[GraphRelation]] | None = None
) -> Iterator[Triple]:
    """The default graph: articles, entities, merge records (each once) and events.

    With ``outgoing``, each entity's description is followed by the direct triples of its relations (the union).
    """
    mentioned = mentioned_entities(graph)
    for article_id in sorted(graph.articles):
        article = graph.articles[article_id]
        yield from article_triples(article, mentioned.get(article_id, []), terms, graph.reprints.get(article_id))
    for entity in graph.sorted_entities():
        yield from entity_triples(entity, terms)
        for relation in (outgoing or {}).get(entity.id, []):
            yield relation_triple(relation, terms)
    merges_seen: set[str] = set()
    # In a fixed order (the reader's), not the run's: a file read back writes the same bytes.
    for record in sorted(graph.merges, key=merge_order):
        node = merge_node(record, terms).value
        if node not in merges_seen:  # the same merge recorded twice
            merges_seen.add(node)
            yield from merge_triples(record, terms)
    for event in graph.events:
        yield from event_triples(event, terms)


def evidence_by_article(graph: KnowledgeGraph) -> dict[str, list[tuple[GraphRelation, Evidence]]]:
    """Per article (sorted), the relations it supports with the supporting mention, in relation order."""
    by_article: dict[str, list[tuple[GraphRelation, Evidence]]] = defaultdict(list)
    for relation in graph.sorted_relations():
        for evidence in relation.evidence:
            by_article[evidence.article_id].append((relation, evidence))
    return {article_id: by_article[article_id] for article_id in sorted(by_article)}


def provenance_triples(
    supported: list[tuple[GraphRelation, Evidence]], terms: Terms, posts_seen: set[str]
) -> Iterator[Triple]:
    """One article's statements, then its role memberships, then the posts not in ``posts_seen`` yet."""
    statements_seen: set[str] = set()
    for relation, evidence in supported:
        statement = statement_node(relation, evidence, terms).value
        if statement not in statements_seen:  # the same mention found twice
            statements_seen.add(statement)
            yield from statement_triples(relation, evidence, terms)
    memberships_seen: set[str] = set()
    titles: list[str] = []
    for relation, evidence in supported:
        if relation.predicate not in ROLE_RELATIONS:
            continue
        node = membership_node(relation, evidence, terms).value
        if node in memberships_seen:  # one role stated twice in an article
            continue
        memberships_seen.add(node)
        yield from membership_triples(relation, evidence, terms)
        if not evidence.title:
            continue
        post = post_node(evidence.title, terms).value
        if post not in posts_seen:
            posts_seen.add(post)
            titles.append(evidence.title)
    for title in titles:
        yield from post_triples(title, terms)


def dataset_quads(graph: KnowledgeGraph, base_iri: str) -> Iterator[ox.Quad]:
    """The RDF view as quads: the default graph, then each article's named graph (for TriG, N-Quads, the store)."""
    terms = Terms(base_iri, graph.events)
    default = ox.DefaultGraph()
    for subject, predicate, obj in description_triples(graph, terms):
        yield ox.Quad(subject, predicate, obj, default)
    for article_id, supported in evidence_by_article(graph).items():
        name = terms.graph(article_id)
        direct: dict[Triple, None] = {}  # a relation supported twice in one article is one triple
        for relation, _ in supported:
            direct.setdefault(relation_triple(relation, terms))
        for subject, predicate, obj in direct:
            yield ox.Quad(subject, predicate, obj, name)
        for subject, predicate, obj in provenance_triples(supported, terms, set()):
            yield ox.Quad(subject, predicate, obj, name)


def union(graph: KnowledgeGraph, base_iri: str) -> Iterator[Triple]:
    """The union of every graph of the view, each triple once, a subject's triples together where it matters.

    Entities come with their outgoing relations right after their description,
    so Turtle and JSON-LD write each entity as one block.
    """
    terms = Terms(base_iri, graph.events)
    outgoing: dict[str, list[GraphRelation]] = defaultdict(list)
    for relation in graph.sorted_relations():
        if relation.evidence:
            outgoing[relation.subject].append(relation)
    yield from description_triples(graph, terms, outgoing)
    posts_seen: set[str] = set()
    for supported in evidence_by_article(graph).values():
        yield from provenance_triples(supported, terms, posts_seen)


def union_triples(graph: KnowledgeGraph, base_iri: str) -> Iterator[ox.Triple]:
    """:func:`union` as Oxigraph triples."""
    return (ox.Triple(*triple) for triple in union(graph, base_iri))
