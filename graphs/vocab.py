"""Every IRI, class and predicate newskg writes comes from here."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

NKG = Namespace("https://w3id.org/newskg/ontology#")
DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"
GEONAMES = "https://sws.geonames.org/"

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
    "nkg": NKG,
    "schema": SDO,
    "skos": SKOS,
    "prov": PROV,
    "owl": OWL,
    "rdfs": RDFS,
    "rdf": RDF,
    "xsd": XSD,
}


def entity_class(entity_type: str) -> URIRef:
    return NKG[entity_type]


def relation_property(relation: str) -> URIRef:
    return NKG[relation]


def entity_iri(base: str, node_id: str) -> URIRef:
    return URIRef(f"{base}entity/{node_id}")


def article_iri(base: str, article_id: str) -> URIRef:
    from newskg.graphs.build import slug

    return URIRef(f"{base}article/{slug(article_id)}")


def statement_iri(base: str, digest: str) -> URIRef:
    return URIRef(f"{base}statement/{digest}")


def article_graph_iri(base: str, article_id: str) -> URIRef:
    from newskg.graphs.build import slug

    return URIRef(f"{base}graph/{slug(article_id)}")
