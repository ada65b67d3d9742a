"""Write any output format from an RDF view (``newskg export``): RDF is the complete record of a run."""

from __future__ import annotations

from rdflib import Dataset, Graph

from newskg.graphs.formats import Format, OutputOptions, UnknownFormat, output_format, write_graph
from newskg.graphs.rdf.read import from_rdf, infer_base_iri
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.model import KnowledgeGraph


def export_rdf(
    source: Dataset | Graph, outputs: list[str], format_name: str | None = None, base_iri: str | None = None
) -> list[Format]:
    """Write every output from the source's graph; IRIs keep the source's base unless ``base_iri`` is given."""
    return export_graph(from_rdf(source), outputs, format_name, base_iri or infer_base_iri(source))


def check_outputs(outputs: list[str], format_name: str | None = None) -> list[Format]:
    """The format of every output (``format_name`` for a single one), or UnknownFormat before any work."""
    if format_name is not None and len(outputs) != 1:
        raise UnknownFormat("--format names the format of one output; give one -o with it")
    return [output_format(path, format_name) for path in outputs]


def export_graph(
    graph: KnowledgeGraph,
    outputs: list[str],
    format_name: str | None = None,
    base_iri: str | None = None,
    isolated: bool = True,
) -> list[Format]:
    """Write every output of a graph, checking every format before writing any file (``isolated=False``: the
    network formats leave out the entities without relations)."""
    formats = check_outputs(outputs, format_name)
    options = OutputOptions(base_iri=base_iri or DEFAULT_BASE_IRI, isolated=isolated)
    for path, fmt in zip(outputs, formats, strict=True):
        write_graph(graph, path, options, fmt)
    return formats
