"""N-Quads, one named graph per article."""

from __future__ import annotations

from newskg.graphs.build import KnowledgeGraph
from newskg.graphs.formats import Format, OutputOptions
from newskg.graphs.rdf_serialize import serialize_rdf


def serialize(graph: KnowledgeGraph, options: OutputOptions) -> bytes:
    return serialize_rdf(graph, options.base_iri, "nquads", merged=False)


FORMAT = Format("nquads", (".nq",), "N-Quads, one named graph per article", serialize)
