"""The interactive view (``-o graph.html``): one self-contained page, see :mod:`newskg.graphs.viewer`."""

from __future__ import annotations

from typing import BinaryIO

from newskg.graphs.formats import Format, OutputOptions
from newskg.model import KnowledgeGraph


def write(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO) -> None:
    from newskg.graphs.viewer.data import graph_page_data
    from newskg.graphs.viewer.page import write_page

    write_page(graph_page_data(graph, options.base_iri, options.isolated), handle)


FORMATS = (Format("html", (".html", ".htm"), "Interactive view: one offline page, evidence on every edge", write),)
