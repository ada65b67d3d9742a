"""The RDF view: entities, one direct triple per relation, and one statement node per mention.

Entity descriptions live in the default graph; each article's statements live
in the article's named graph, so TriG and N-Quads keep per-article provenance
and Turtle, N-Triples and JSON-LD get the union.
"""

from __future__ import annotations

import hashlib

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from newskg.graphs.build import KnowledgeGraph
from newskg.graphs.roles_rdf import add_roles_and_merges
from newskg.graphs.vocab import (
    BINDINGS,
    DEFAULT_BASE_IRI,
    GEONAMES,
    NKG,
    SCHEMA_CLASS,
    article_graph_iri,
    article_iri,
    entity_class,
    entity_iri,
    relation_property,
    statement_iri,
)
from newskg.model import Evidence


def date_literal(value: str) -> Literal:
    """xsd:date for a plain ISO date, xsd:dateTime for a timestamp, a string otherwise."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return Literal(value, datatype=XSD.date)
    if "T" in value:
        return Literal(value, datatype=XSD.dateTime)
    return Literal(value)


def evidence_digest(subject: str, predicate: str, obj: str, evidence: Evidence) -> str:
    key = "\x1f".join(
        (evidence.article_id, subject, predicate, obj, str(evidence.start), str(evidence.end), evidence.rule)
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def to_rdf(graph: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    dataset = Dataset()
    for prefix, namespace in BINDINGS.items():
        dataset.bind(prefix, namespace)
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    for article in (graph.articles[key] for key in sorted(graph.articles)):
        node = article_iri(base_iri, article.id)
        default.add((node, RDF.type, SDO.NewsArticle))
        default.add((node, SDO.identifier, Literal(article.id)))
        if article.title:
            default.add((node, SDO.headline, Literal(article.title)))
        if article.date:
            default.add((node, SDO.datePublished, date_literal(article.date)))
        if article.url:
            default.add((node, SDO.url, Literal(article.url, datatype=XSD.anyURI)))
    for entity in graph.sorted_entities():
        node = entity_iri(base_iri, entity.id)
        default.add((node, RDF.type, entity_class(entity.type)))
        default.add((node, RDF.type, SCHEMA_CLASS[entity.type]))
        default.add((node, RDFS.label, Literal(entity.label)))
        default.add((node, SKOS.prefLabel, Literal(entity.label)))
        for alias in sorted(entity.aliases - {entity.label}):
            default.add((node, SKOS.altLabel, Literal(alias)))
        default.add((node, NKG.mentions, Literal(entity.mentions)))
        for article_id in sorted(entity.articles):
            default.add((node, NKG.mentionedIn, article_iri(base_iri, article_id)))
        if "iso3" in entity.attributes:
            default.add((node, NKG.iso3, Literal(entity.attributes["iso3"])))
        if "geonames" in entity.attributes:
            default.add((node, OWL.sameAs, URIRef(f"{GEONAMES}{entity.attributes['geonames']}/")))
    for relation in graph.sorted_relations():
        subject = entity_iri(base_iri, relation.subject)
        obj = entity_iri(base_iri, relation.object)
        predicate = relation_property(relation.predicate)
        for evidence in relation.evidence:
            named = dataset.graph(article_graph_iri(base_iri, evidence.article_id))
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
            named.add((statement, NKG.confidence, Literal(evidence.confidence, datatype=XSD.decimal)))
            if evidence.modality:
                named.add((statement, NKG.modality, Literal(evidence.modality)))
            if evidence.date:
                named.add((statement, NKG.date, date_literal(evidence.date)))
            if evidence.title:
                named.add((statement, NKG.title, Literal(evidence.title)))
    add_roles_and_merges(dataset, graph, base_iri)
    return dataset
