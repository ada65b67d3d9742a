"""RDF files streamed by Oxigraph's serialisers from the RDF view's quads (:mod:`newskg.graphs.rdf_view`).

The view comes in a fixed order without duplicates, and Oxigraph writes it as it
comes (grouping a subject's consecutive triples), so the same graph gives the
same bytes and a million relations never become an in-memory RDF graph.
"""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from newskg.graphs.formats import Format, OutputOptions
from newskg.graphs.rdf_view import dataset_quads, union_triples
from newskg.graphs.vocab import PREFIXES
from newskg.model import KnowledgeGraph


def write_dataset(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO, rdf_format: ox.RdfFormat) -> None:
    """Every graph of the view: the default graph, then one named graph per article."""
    ox.serialize(dataset_quads(graph, options.base_iri), handle, rdf_format, prefixes=PREFIXES)


def write_union(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO, rdf_format: ox.RdfFormat) -> None:
    """The union of the view's graphs, each triple once."""
    ox.serialize(union_triples(graph, options.base_iri), handle, rdf_format, prefixes=PREFIXES)


def oxigraph_format(name: str, extension: str, description: str, rdf_format: ox.RdfFormat, union: bool) -> Format:
    """A registry entry for an RDF format Oxigraph writes: the union of the view's graphs, or every graph."""
    writer = write_union if union else write_dataset

    def write(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO) -> None:
        writer(graph, options, handle, rdf_format)

    return Format(name, (extension,), description, write)
