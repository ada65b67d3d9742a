"""The RDF formats, writers and readers side by side.

Writers: Turtle, N-Triples, TriG and N-Quads are streamed by Oxigraph's
serialisers from the RDF view's quads (:mod:`newskg.graphs.rdf.view`); JSON-LD by
newskg's own compacting writer (:mod:`newskg.graphs.formats.jsonld`). The view
comes in a fixed order without duplicates, and Oxigraph writes it as it comes
(grouping a subject's consecutive triples), so the same graph gives the same
bytes and a million relations never become an in-memory RDF graph.

Readers: :func:`load_dataset` parses a file into an rdflib ``Dataset`` (for
:func:`newskg.graphs.rdf.from_rdf`, validation, rdflib's SPARQL) and
:func:`load_store` bulk-loads it into an in-memory Oxigraph store (for fast
SPARQL). Both read any of these formats, and RDF/XML, which newskg does not write.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset

from newskg.graphs.formats import Format, OutputOptions, RdfSyntax, all_formats, extensions_of, find_format
from newskg.graphs.formats.jsonld import write_jsonld
from newskg.graphs.rdf.view import dataset_quads, union_triples
from newskg.graphs.vocab import PREFIXES
from newskg.model import KnowledgeGraph


class RDFReadError(ValueError):
    """An RDF file that cannot be read; the message names the file and problem."""


def oxigraph_format(
    name: str, extension: str, description: str, syntax: RdfSyntax, union: bool, read_extensions: tuple[str, ...] = ()
) -> Format:
    """An RDF format Oxigraph writes: the union of the view's graphs (each triple once), or every graph
    (the default graph, then one named graph per article)."""

    def write(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO) -> None:
        view = union_triples(graph, options.base_iri) if union else dataset_quads(graph, options.base_iri)
        ox.serialize(view, handle, syntax.oxigraph, prefixes=PREFIXES)

    return Format(name, (extension,), description, write, syntax, read_extensions=read_extensions)


FORMATS = (
    oxigraph_format("turtle", ".ttl", "Turtle, the merged graph", RdfSyntax("turtle", ox.RdfFormat.TURTLE), True),
    oxigraph_format("ntriples", ".nt", "N-Triples, the merged graph", RdfSyntax("nt", ox.RdfFormat.N_TRIPLES), True),
    Format(
        "jsonld",
        (".jsonld",),
        "JSON-LD, the merged graph",
        write_jsonld,
        RdfSyntax("json-ld", ox.RdfFormat.JSON_LD),
        read_extensions=(".json",),
    ),
    oxigraph_format("trig", ".trig", "TriG, one named graph per article", RdfSyntax("trig", ox.RdfFormat.TRIG), False),
    oxigraph_format(
        "nquads",
        ".nq",
        "N-Quads, one named graph per article",
        RdfSyntax("nquads", ox.RdfFormat.N_QUADS),
        False,
        read_extensions=(".nquads",),
    ),
    Format("rdfxml", (".rdf", ".owl"), "RDF/XML (read only)", rdf=RdfSyntax("xml", ox.RdfFormat.RDF_XML)),
)


def rdf_syntax_for_path(path: str) -> RdfSyntax:
    """How an RDF file is parsed, by its extension."""
    readable = [fmt for fmt in all_formats() if fmt.rdf is not None]
    fmt = find_format(path, readable, reading=True)
    if fmt is None or fmt.rdf is None:
        raise RDFReadError(f"{path}: not an RDF file (want one of {', '.join(extensions_of(readable, reading=True))})")
    return fmt.rdf


def load_dataset(path: str) -> Dataset:
    """Parse an RDF file into a Dataset whose default graph is the union of all its graphs (for SPARQL)."""
    syntax = rdf_syntax_for_path(path)
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(Path(path), format=syntax.rdflib)
    except OSError as err:
        raise RDFReadError(f"{path}: cannot read ({err.strerror or err})") from err
    except Exception as err:  # rdflib raises many parser-specific errors
        raise RDFReadError(f"{path}: not valid {syntax.rdflib} ({type(err).__name__}: {err})") from err
    return dataset


def load_store(path: str) -> ox.Store:
    """An RDF file in an in-memory Oxigraph store (a million triples load in seconds)."""
    syntax = rdf_syntax_for_path(path)
    store = ox.Store()
    try:
        store.bulk_load(path=path, format=syntax.oxigraph)
    except OSError as err:
        raise RDFReadError(f"{path}: cannot read ({err.strerror or err})") from err
    except SyntaxError as err:
        raise RDFReadError(f"{path}: not valid {syntax.rdflib} ({err})") from err
    return store
