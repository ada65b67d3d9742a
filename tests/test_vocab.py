"""The ontology file, the NKG namespace and the SHACL shapes describe the same vocabulary as the relation inventory."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from newskg.graphs.vocab import NKG, SCHEMA_CLASS, data_path
from newskg.vocabulary import ENTITY_TYPES, relation_inventory


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data_path("ontology.ttl"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data_path("shapes.ttl"), format="turtle")


@pytest.mark.parametrize("relation", sorted(relation_inventory()))
def test_every_relation_has_a_described_property(ontology: Graph, relation: str) -> None:
    info = relation_inventory()[relation]
    prop = NKG[relation]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    for annotation in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
        assert ontology.value(prop, annotation) is not None, f"nkg:{relation} has no {annotation}"
    group = NKG.eventRelation if info.kind == "event" else NKG.standingRelation
    assert (prop, RDFS.subPropertyOf, group) in ontology
    assert ontology.value(prop, NKG.ploverCategory) == (Literal(info.plover) if info.plover else None)
    assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == info.symmetric


@pytest.mark.parametrize("entity_type", ENTITY_TYPES)
def test_every_entity_type_is_a_class_under_its_schema_org_class(ontology: Graph, entity_type: str) -> None:
    cls = NKG[entity_type]
    assert (cls, RDF.type, OWL.Class) in ontology
    assert ontology.value(cls, RDFS.label) is not None and ontology.value(cls, RDFS.comment) is not None
    ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
    assert SCHEMA_CLASS[entity_type] in ancestors or entity_type in ("PoliticalParty", "InternationalOrganization")
    assert NKG.Entity in ancestors


def test_namespace_and_ontology_declare_the_same_terms(ontology: Graph) -> None:
    declared = {URIRef(str(NKG._NS) + name) for name in NKG.__annotations__}
    described = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(NKG._NS))}
    assert declared == described


def test_namespace_refuses_undeclared_terms() -> None:
    with pytest.raises(AttributeError):
        NKG["married"]


def allowed_values(shapes: Graph, shape: str, path: URIRef) -> list:
    """The ``sh:in`` list of a shape's property with this path."""
    return [
        node
        for prop in shapes.objects(URIRef(f"https://w3id.org/newskg/shapes#{shape}"), SH.property)
        if shapes.value(prop, SH.path) == path
        for node in shapes.items(shapes.value(prop, getattr(SH, "in")))
    ]


def test_shapes_accept_exactly_the_inventory_relations(shapes: Graph) -> None:
    assert allowed_values(shapes, "StatementShape", RDF.predicate) == [NKG[name] for name in relation_inventory()]


def test_event_shape_accepts_exactly_the_event_relations(shapes: Graph) -> None:
    events = [NKG[name] for name, info in relation_inventory().items() if info.kind == "event"]
    assert allowed_values(shapes, "EventShape", NKG.eventType) == events
