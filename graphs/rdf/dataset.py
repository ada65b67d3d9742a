"""The RDF view as an rdflib ``Dataset``: the library's graph API for users who expect rdflib.

The view itself is defined once, as a stream of quads, in :mod:`newskg.graphs.rdf.view`;
the file writers and the store take that stream directly. :mod:`newskg.graphs.rdf.read`
turns a ``Dataset`` back into the :class:`KnowledgeGraph` every other format is written from.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, Graph
from rdflib.namespace import XSD

from newskg.graphs.rdf.view import dataset_quads
from newskg.graphs.vocab import BINDINGS, DEFAULT_BASE_IRI
from newskg.model import KnowledgeGraph

XSD_STRING = str(XSD.string)


def rdflib_term(term: object) -> URIRef | Literal:
    """The rdflib term for an Oxigraph IRI or literal (a plain string stays a plain literal); the view has no other."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if not isinstance(term, ox.Literal):
        raise TypeError(f"not in newskg's RDF view: {term!r}")
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_rdf(graph: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    """Default graph: articles, entities, merge records; one named graph per article with its relations."""
    dataset = Dataset()
    for prefix, namespace in BINDINGS.items():
        dataset.bind(prefix, namespace)
    contexts: dict[str, Graph] = {}
    for quad in dataset_quads(graph, base_iri):
        name = quad.graph_name
        key = name.value if isinstance(name, ox.NamedNode) else ""
        context = contexts.get(key)
        if context is None:
            context = contexts[key] = dataset.graph(URIRef(key) if key else DATASET_DEFAULT_GRAPH_ID)
        context.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    return dataset
