"""A graph source: an RDF file newskg wrote, or a store folder (``newskg extract --store DIR``).

Every command that reads a graph takes one SOURCE first, as sqlite-utils takes
its database: a folder is a store, anything else an RDF file (any format of
:mod:`newskg.graphs.formats.rdf`). These functions give the same answer for a
store as for an RDF file of the same run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Dataset

from newskg.graphs.export import check_outputs, export_graph
from newskg.graphs.formats import Format, all_formats, find_format
from newskg.graphs.formats.rdf import load_dataset
from newskg.graphs.query import load_file_store, query_oxigraph
from newskg.graphs.rdf import from_rdf, infer_base_iri
from newskg.graphs.stats import GraphStats, graph_stats, table_stats
from newskg.model import KnowledgeGraph
from newskg.store import StoreError, query_store, store_dataset, store_graph, store_settings


class SourceError(ValueError):
    """A source that does not exist."""


def is_store(source: str) -> bool:
    """A store is a folder; an RDF file is a file."""
    path = Path(source)
    if not path.exists():
        raise SourceError(f"{source}: no such file or store folder")
    return path.is_dir()


def read_source(source: str) -> tuple[KnowledgeGraph, str | None]:
    """The merged graph a source holds (for a store, exactly what a fresh run over its articles gives),
    and the base IRI it was written with."""
    if is_store(source):
        return store_graph(source), store_settings(source).get("base_iri")
    dataset = load_dataset(source)
    return from_rdf(dataset), infer_base_iri(dataset)


def source_graph(source: str) -> KnowledgeGraph:
    """The merged graph a source holds."""
    return read_source(source)[0]


def source_dataset(source: str) -> Dataset:
    """The source's RDF view as an rdflib Dataset."""
    return store_dataset(source) if is_store(source) else load_dataset(source)


def query_source(source: str, sparql: str, with_ontology: bool = False) -> Any:
    """Oxigraph's answer to a SPARQL query over the source (see :mod:`newskg.graphs.query`)."""
    if is_store(source):
        if with_ontology:
            raise StoreError(f"{source}: a store is queried without the ontology; export it to an RDF file for that")
        return query_store(source, sparql)
    return query_oxigraph(load_file_store(source, with_ontology), sparql)


def export_source(
    source: str,
    outputs: list[str],
    format_name: str | None = None,
    base_iri: str | None = None,
    isolated: bool = True,
) -> list[Format]:
    """Write the source's graph to every output: the same bytes as ``newskg extract -o`` would have written."""
    check_outputs(outputs, format_name)  # before reading the source
    graph, written_with = read_source(source)
    return export_graph(graph, outputs, format_name, base_iri or written_with, isolated)


def is_network_file(source: str) -> bool:
    """A GEXF or GraphML file (read as a network table, not as RDF)."""
    networks = [fmt for fmt in all_formats() if fmt.read_network is not None]
    return not is_store(source) and find_format(source, networks, reading=True) is not None


def source_stats(source: str, top: int = 10) -> GraphStats:
    """``newskg stats`` of any graph newskg wrote: RDF, a store, or a GEXF or GraphML file."""
    if is_network_file(source):
        from newskg.graphs.network_read import read_network

        return table_stats(read_network(source), top)
    return graph_stats(source_graph(source), top)
