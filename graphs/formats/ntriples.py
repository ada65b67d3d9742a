"""N-Triples, the merged graph."""

from __future__ import annotations

from newskg.graphs.build import KnowledgeGraph
from newskg.graphs.formats import Format, OutputOptions
from newskg.graphs.rdf_serialize import serialize_rdf


def serialize(graph: KnowledgeGraph, options: OutputOptions) -> bytes:
    return serialize_rdf(graph, options.base_iri, "nt", merged=True)


FORMAT = Format("ntriples", (".nt",), "N-Triples, the merged graph", serialize)
