"""Every IRI, class and predicate newskg writes comes from here.

:class:`NKG` is the project's own vocabulary, described in ``graphs/data/ontology.ttl``
(a test keeps the two in step); terms that other vocabularies already define come
from schema.org, SKOS, PROV-O, W3C ORG and OWL as rdflib ships them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from importlib import resources
from typing import Any
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

from newskg.vocabulary import ENTITY_TYPES, relation_inventory


class NKG(DefinedNamespace):
    """The newskg ontology: entity classes, one property per relation, and the statement (provenance) terms."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # The ontology itself.
    ontology: URIRef

    # Entity classes (the contract's node types) and their groupings.
    Entity: URIRef
    Actor: URIRef
    Location: URIRef
    Country: URIRef
    City: URIRef
    Region: URIRef
    Place: URIRef
    Person: URIRef
    Company: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    PoliticalParty: URIRef
    InternationalOrganization: URIRef

    # Relation groupings and the annotation properties that describe each relation.
    relation: URIRef
    eventRelation: URIRef
    standingRelation: URIRef
    ploverCategory: URIRef

    # Event relations.
    met: URIRef
    visited: URIRef
    signed: URIRef
    agreed: URIRef
    cooperated: URIRef
    supported: URIRef
    excluded: URIRef
    sanctioned: URIRef
    accused: URIRef
    threatened: URIRef
    attacked: URIRef
    killed: URIRef
    acquired: URIRef
    invested_in: URIRef
    appointed: URIRef
    sued: URIRef

    # Standing relations.
    holds_role: URIRef
    works_for: URIRef
    leads: URIRef
    member_of: URIRef
    located_in: URIRef
    based_in: URIRef
    citizen_of: URIRef
    lives_in: URIRef

    # Entity descriptions.
    mentionCount: URIRef
    iso3Code: URIRef
    countryCode: URIRef
    gazetteerCountry: URIRef
    role: URIRef
    attribute: URIRef

    # Statements: one per supporting mention of a relation.
    Statement: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    rule: URIRef
    confidence: URIRef
    modality: URIRef
    eventDate: URIRef
    title: URIRef

    # Roles in time and merge provenance (graphs/rdf/view.py: membership_triples, merge_triples).
    roleRelation: URIRef
    statedOn: URIRef
    MergeRecord: URIRef
    mergedInto: URIRef
    mergedLabel: URIRef
    mergedType: URIRef
    mergeReason: URIRef

    # Events (graphs/events.py): one happening behind the statements of many reports; reprinted articles.
    Event: URIRef
    event: URIRef
    eventType: URIRef
    actor: URIRef
    target: URIRef
    firstReported: URIRef
    lastReported: URIRef
    numArticles: URIRef
    numSources: URIRef
    numMentions: URIRef
    source: URIRef
    bestStatement: URIRef
    reprintOf: URIRef


DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"
GEONAMES = "https://sws.geonames.org/"
WIKIDATA = "http://www.wikidata.org/entity/"

# Entity types: the project's class, and the schema.org class it specialises.
SCHEMA_CLASS = {
    "Country": SDO.Country,
    "City": SDO.City,
    "Region": SDO.AdministrativeArea,
    "Place": SDO.Place,
    "Person": SDO.Person,
    "Company": SDO.Corporation,
    "Organization": SDO.Organization,
    "GovernmentBody": SDO.GovernmentOrganization,
    "PoliticalParty": SDO.Organization,
    "InternationalOrganization": SDO.Organization,
}

BINDINGS = {
    "nkg": NKG._NS,
    "schema": SDO._NS,
    "skos": SKOS._NS,
    "prov": PROV._NS,
    "org": ORG._NS,
    "owl": OWL._NS,
    "rdfs": RDFS._NS,
    "rdf": RDF._NS,
    "xsd": XSD._NS,
    "dcterms": DCTERMS._NS,
}

# The prefixes as plain strings, for Oxigraph's writers and queries and the JSON-LD context.
PREFIXES = {prefix: str(namespace) for prefix, namespace in sorted(BINDINGS.items())}

# Entity attributes with a property of their own; any other attribute is written as nkg:attribute "key=value".
ATTRIBUTE_PROPERTY = {
    "iso3": NKG.iso3Code,
    "country": NKG.countryCode,
    "gazetteer_country": NKG.gazetteerCountry,
    "roles": NKG.role,
}
# Entity attributes that are identifiers in another dataset, written as owl:sameAs links.
SAME_AS_PREFIX = {"geonames": GEONAMES, "wikidata": WIKIDATA}


def entity_class(entity_type: str) -> URIRef:
    if entity_type not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {entity_type!r}")
    return NKG[entity_type]


def local_name(iri: URIRef) -> str:
    """The term name of an NKG IRI ("signed" for nkg:signed)."""
    return str(iri)[len(str(NKG._NS)) :]


def entity_iri(base: str, node_id: str) -> URIRef:
    return URIRef(f"{base}entity/{node_id}")


def slug(text: str) -> str:
    """An ASCII, IRI-safe slug; non-ASCII names get a short hash so distinct names stay distinct."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if base and ascii_text == text and re.fullmatch(r"[A-Za-z0-9 .\-']*", text):
        return base
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}" if base else digest


def id_path(text: str) -> str:
    """An article id as an IRI path, one to one (distinct ids never share an IRI, whatever their case or
    punctuation): letters, digits, ``-._~`` and ``/`` stay, everything else is percent-encoded, and so
    are the dots of a ``.`` or ``..`` segment (an IRI resolver would remove them)."""
    segments = quote(text, safe="/").split("/")
    return "/".join(s.replace(".", "%2E") if s in (".", "..") else s for s in segments)


def article_iri(base: str, article_id: str) -> URIRef:
    return URIRef(f"{base}article/{id_path(article_id)}")


def statement_iri(base: str, digest: str) -> URIRef:
    return URIRef(f"{base}statement/{digest}")


def event_iri(base: str, event_id: str) -> URIRef:
    return URIRef(f"{base}event/{event_id}")


def article_graph_iri(base: str, article_id: str) -> URIRef:
    return URIRef(f"{base}graph/{id_path(article_id)}")


def data_path(filename: str) -> str:
    """Path of a bundled file in graphs/data (the ontology and the SHACL shapes)."""
    return str(resources.files("newskg.graphs").joinpath("data", filename))


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD @context: the prefixes, and a short term for every property newskg writes.

    Properties whose values are IRIs (relations, links) are typed ``@id`` so their values read as plain strings.
    """
    literal_terms = {
        "label": RDFS.label,
        "prefLabel": SKOS.prefLabel,
        "altLabel": SKOS.altLabel,
        "identifier": SDO.identifier,
        "headline": SDO.headline,
        "datePublished": SDO.datePublished,
        "url": SDO.url,
        "publisher": SDO.publisher,
        "mentionCount": NKG.mentionCount,
        "iso3Code": NKG.iso3Code,
        "countryCode": NKG.countryCode,
        "role": NKG.role,
        "attribute": NKG.attribute,
        "sentence": NKG.sentence,
        "startOffset": NKG.startOffset,
        "endOffset": NKG.endOffset,
        "rule": NKG.rule,
        "modality": NKG.modality,
        "eventDate": NKG.eventDate,
        "title": NKG.title,
        "startDate": SDO.startDate,
        "firstReported": NKG.firstReported,
        "lastReported": NKG.lastReported,
        "numArticles": NKG.numArticles,
        "numSources": NKG.numSources,
        "numMentions": NKG.numMentions,
        "source": NKG.source,
    }
    iri_terms = {
        "sameAs": OWL.sameAs,
        "mentions": SDO.mentions,
        "subject": RDF.subject,
        "predicate": RDF.predicate,
        "object": RDF.object,
        "wasDerivedFrom": PROV.wasDerivedFrom,
        "event": NKG.event,
        "eventType": NKG.eventType,
        "actor": NKG.actor,
        "target": NKG.target,
        "bestStatement": NKG.bestStatement,
        "subjectOf": SDO.subjectOf,
        "reprintOf": NKG.reprintOf,
        **{name: NKG[name] for name in relation_inventory()},
    }
    context: dict[str, Any] = dict(PREFIXES)
    context.update({term: {"@id": str(iri)} for term, iri in literal_terms.items()})
    context.update({term: {"@id": str(iri), "@type": "@id"} for term, iri in iri_terms.items()})
    context["confidence"] = {"@id": str(NKG.confidence), "@type": str(XSD.decimal)}
    return context
