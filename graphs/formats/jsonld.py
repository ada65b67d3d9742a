"""JSON-LD, the merged graph."""

from __future__ import annotations

from newskg.graphs.build import KnowledgeGraph
from newskg.graphs.formats import Format, OutputOptions
from newskg.graphs.rdf_serialize import serialize_rdf


def serialize(graph: KnowledgeGraph, options: OutputOptions) -> bytes:
    return serialize_rdf(graph, options.base_iri, "json-ld", merged=True)


FORMAT = Format("jsonld", (".jsonld",), "JSON-LD, the merged graph", serialize)
