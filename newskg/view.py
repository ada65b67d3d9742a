"""``newskg view``: one offline HTML page from any graph newskg wrote (RDF file, GEXF, GraphML) or a store."""

from __future__ import annotations

from typing import Any

from newskg.graphs.formats import all_formats, find_format, registry, write_atomic
from newskg.graphs.network_read import read_network
from newskg.graphs.viewer.data import graph_page_data, table_page_data
from newskg.graphs.viewer.page import page_html
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.sources import is_store, read_source


class ViewError(ValueError):
    """A view that cannot be written (one line for the user)."""


def view_data(source: str, isolated: bool = True) -> dict[str, Any]:
    """The page data of a source: a store folder, an RDF file, or a GEXF or GraphML file (``isolated=False``:
    without the entities no relation joins)."""
    networks = [fmt for fmt in all_formats() if fmt.read_network is not None]
    if not is_store(source) and find_format(source, networks, reading=True) is not None:
        table = read_network(source)
        return table_page_data(table if isolated else table.without_isolated())
    graph, base_iri = read_source(source)
    return graph_page_data(graph, base_iri or DEFAULT_BASE_IRI, isolated)


def write_view(source: str, output: str, title: str | None = None, isolated: bool = True) -> dict[str, Any]:
    """Write the page of ``source`` to ``output`` (atomically); returns the page data."""
    if find_format(output, [registry()["html"]]) is None:
        raise ViewError(f"{output}: the view is an HTML page; give an output ending in .html")
    data = view_data(source, isolated)
    html = page_html(data, title)
    write_atomic(output, html.encode("utf-8"))
    return data
