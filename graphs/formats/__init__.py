"""The format registry: every file format newskg writes or reads, each registered in one place.

As in rdflib's plugin registry, one module may register several formats: a
module of this package listed in ``MODULES`` holds a ``FORMATS`` tuple. A
:class:`Format` names its extensions and what newskg does with it: ``write``
streams a graph to a file; ``rdf`` says how its files are parsed as RDF (the
readers are beside the writers, in :mod:`newskg.graphs.formats.rdf`);
``read_network`` reads it as a networkx graph (GraphML, GEXF). Every lookup by
extension goes through :func:`find_format`.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO

import pyoxigraph as ox

from newskg.graphs.atomic import write_atomic
from newskg.model import KnowledgeGraph

MODULES = ("graphml", "gexf", "rdf", "csv_tables", "html")


@dataclass(frozen=True)
class OutputOptions:
    base_iri: str
    isolated: bool = True  # False: the network formats (GEXF, GraphML, CSV, the view) leave out unlinked entities


Writer = Callable[[KnowledgeGraph, OutputOptions, BinaryIO], None]


@dataclass(frozen=True)
class RdfSyntax:
    """How files of an RDF format are parsed: rdflib's parser name and Oxigraph's format."""

    rdflib: str
    oxigraph: ox.RdfFormat


@dataclass(frozen=True)
class Format:
    """A file format: ``write`` streams a graph to a binary file (None for a format newskg only reads)."""

    name: str
    extensions: tuple[str, ...]
    description: str
    write: Writer | None = None
    rdf: RdfSyntax | None = None
    read_network: Callable[[str], Any] | None = None
    read_extensions: tuple[str, ...] = ()  # further extensions accepted when reading ("file.json" for JSON-LD)

    def serialize(self, graph: KnowledgeGraph, options: OutputOptions) -> bytes:
        if self.write is None:
            raise UnknownFormat(f"newskg does not write {self.name}")
        buffer = io.BytesIO()
        self.write(graph, options, buffer)
        return buffer.getvalue()


def write_text(handle: BinaryIO, chunks: Iterable[str], chunk_size: int = 1 << 16) -> None:
    """Write text chunks as UTF-8, joined into blocks of about ``chunk_size`` characters."""
    block: list[str] = []
    size = 0
    for chunk in chunks:
        block.append(chunk)
        size += len(chunk)
        if size >= chunk_size:
            handle.write("".join(block).encode("utf-8"))
            block, size = [], 0
    handle.write("".join(block).encode("utf-8"))


class UnknownFormat(ValueError):
    """An output path whose extension no format claims, or an unknown format name."""


@cache
def all_formats() -> tuple[Format, ...]:
    """Every registered format, in registration order (read-only ones included)."""
    return tuple(
        fmt for module in MODULES for fmt in importlib.import_module(f"newskg.graphs.formats.{module}").FORMATS
    )


def registry() -> dict[str, Format]:
    """The output formats by name, in the order ``newskg formats`` lists them."""
    return {fmt.name: fmt for fmt in all_formats() if fmt.write is not None}


def find_format(path: str, formats: Iterable[Format], reading: bool = False) -> Format | None:
    """The one lookup by extension: the first of ``formats`` whose extension ends ``path``
    (``reading`` also accepts the extensions a format is only read under)."""
    lower = path.lower()
    for fmt in formats:
        if any(lower.endswith(ext) for ext in extensions_of([fmt], reading)):
            return fmt
    return None


def extensions_of(formats: Iterable[Format], reading: bool = False) -> list[str]:
    return [ext for fmt in formats for ext in (*fmt.extensions, *(fmt.read_extensions if reading else ()))]


def format_for_path(path: str) -> Format:
    """The output format of a path, by its extension."""
    fmt = find_format(path, registry().values())
    if fmt is None:
        supported = ", ".join(extensions_of(registry().values()))
        raise UnknownFormat(f"{path}: unknown output extension (supported: {supported})")
    return fmt


def output_format(path: str, name: str | None = None) -> Format:
    """The output format named ``name``, or the one the path's extension says."""
    if name is None:
        return format_for_path(path)
    formats = registry()
    if name not in formats:
        raise UnknownFormat(f"unknown format {name!r} (formats: {', '.join(formats)})")
    return formats[name]


def write_graph(graph: KnowledgeGraph, path: str, options: OutputOptions, fmt: Format | None = None) -> Format:
    """Write one output atomically, in ``fmt`` or the format the path's extension names."""
    fmt = fmt or format_for_path(path)
    write = fmt.write
    if write is None:
        raise UnknownFormat(f"{path}: newskg does not write {fmt.name}")
    write_atomic(path, lambda handle: write(graph, options, handle))
    return fmt
