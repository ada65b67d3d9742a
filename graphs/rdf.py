"""The RDF view: entities, one direct triple per relation, and one statement node per mention.

Article and entity descriptions live in the default graph; each article's
relations and statements live in the article's named graph, so TriG and N-Quads
keep per-article provenance and Turtle, N-Triples and JSON-LD get the union.
The RDF view is the complete record of a run: :mod:`newskg.graphs.rdf_read`
turns it back into the :class:`KnowledgeGraph` every other format is written from.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, Graph
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from newskg.graphs.build import GraphEntity, GraphRelation, KnowledgeGraph
from newskg.graphs.roles_rdf import add_roles_and_merges
from newskg.graphs.vocab import (
    ATTRIBUTE_PROPERTY,
    BINDINGS,
    DEFAULT_BASE_IRI,
    NKG,
    SAME_AS_PREFIX,
    SCHEMA_CLASS,
    article_graph_iri,
    article_iri,
    entity_class,
    entity_iri,
    relation_property,
    statement_iri,
)
from newskg.model import Article, Evidence


def date_literal(value: str) -> Literal:
    """xsd:date for a plain ISO date, xsd:dateTime for a timestamp, a string otherwise."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit():
        return Literal(value, datatype=XSD.date)
    if len(value) > 10 and value[10] == "T" and value[:4].isdigit():
        return Literal(value, datatype=XSD.dateTime)
    return Literal(value)


def decimal_literal(value: float) -> Literal:
    """xsd:decimal whose lexical form reads back as the same float."""
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


def evidence_digest(subject: str, predicate: str, obj: str, evidence: Evidence) -> str:
    key = "\x1f".join(
        (evidence.article_id, subject, predicate, obj, str(evidence.start), str(evidence.end), evidence.rule)
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, namespace in BINDINGS.items():
        dataset.bind(prefix, namespace)
    return dataset


def add_article(default: Graph, article: Article, base_iri: str) -> None:
    node = article_iri(base_iri, article.id)
    default.add((node, RDF.type, SDO.NewsArticle))
    default.add((node, SDO.identifier, Literal(article.id)))
    if article.title:
        default.add((node, SDO.headline, Literal(article.title)))
    if article.date:
        default.add((node, SDO.datePublished, date_literal(article.date)))
    if article.url:
        default.add((node, SDO.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.source:
        default.add((node, SDO.publisher, Literal(article.source)))


def add_entity(default: Graph, entity: GraphEntity, base_iri: str) -> None:
    node = entity_iri(base_iri, entity.id)
    default.add((node, RDF.type, entity_class(entity.type)))
    default.add((node, RDF.type, SCHEMA_CLASS[entity.type]))
    default.add((node, SDO.identifier, Literal(entity.id)))
    default.add((node, RDFS.label, Literal(entity.label)))
    default.add((node, SKOS.prefLabel, Literal(entity.label)))
    for alias in sorted(entity.aliases - {entity.label}):
        default.add((node, SKOS.altLabel, Literal(alias)))
    default.add((node, NKG.mentionCount, Literal(entity.mentions)))
    for article_id in sorted(entity.articles):
        default.add((article_iri(base_iri, article_id), SDO.mentions, node))
    for name, value in sorted(entity.attributes.items()):
        if name in ATTRIBUTE_PROPERTY:
            default.add((node, ATTRIBUTE_PROPERTY[name], Literal(value)))
        elif name in SAME_AS_PREFIX:
            default.add((node, OWL.sameAs, URIRef(f"{SAME_AS_PREFIX[name]}{value}")))
        else:
            default.add((node, NKG.attribute, Literal(f"{name}={value}")))


def add_statement(named: Graph, relation: GraphRelation, evidence: Evidence, base_iri: str) -> None:
    """The direct triple, and the statement node that says which sentence of which article supports it."""
    subject = entity_iri(base_iri, relation.subject)
    obj = entity_iri(base_iri, relation.object)
    predicate = relation_property(relation.predicate)
    named.add((subject, predicate, obj))
    statement = statement_iri(
        base_iri, evidence_digest(relation.subject, relation.predicate, relation.object, evidence)
    )
    named.add((statement, RDF.type, NKG.Statement))
    named.add((statement, RDF.subject, subject))
    named.add((statement, RDF.predicate, predicate))
    named.add((statement, RDF.object, obj))
    named.add((statement, PROV.wasDerivedFrom, article_iri(base_iri, evidence.article_id)))
    named.add((statement, NKG.sentence, Literal(evidence.sentence)))
    named.add((statement, NKG.startOffset, Literal(evidence.start)))
    named.add((statement, NKG.endOffset, Literal(evidence.end)))
    named.add((statement, NKG.rule, Literal(evidence.rule)))
    named.add((statement, NKG.confidence, decimal_literal(evidence.confidence)))
    if evidence.modality:
        named.add((statement, NKG.modality, Literal(evidence.modality)))
    if evidence.date:
        named.add((statement, NKG.eventDate, date_literal(evidence.date)))
    if evidence.title:
        named.add((statement, NKG.title, Literal(evidence.title)))


def to_rdf(graph: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    dataset = new_dataset()
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    for article in (graph.articles[key] for key in sorted(graph.articles)):
        add_article(default, article, base_iri)
    for entity in graph.sorted_entities():
        add_entity(default, entity, base_iri)
    for relation in graph.sorted_relations():
        for evidence in relation.evidence:
            add_statement(dataset.graph(article_graph_iri(base_iri, evidence.article_id)), relation, evidence, base_iri)
    add_roles_and_merges(dataset, graph, base_iri)
    return dataset
