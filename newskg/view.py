"""``newskg view``: one offline HTML page from any graph newskg wrote (RDF file, GEXF, GraphML) or a store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newskg.graphs.formats import write_atomic
from newskg.graphs.network_read import read_network
from newskg.graphs.rdf_read import from_rdf, infer_base_iri, load_dataset
from newskg.graphs.viewer.data import graph_page_data, table_page_data
from newskg.graphs.viewer.page import page_html
from newskg.graphs.vocab import DEFAULT_BASE_IRI

NETWORK_EXTENSIONS = (".gexf", ".graphml")
PAGE_EXTENSIONS = (".html", ".htm")


class ViewError(ValueError):
    """A view that cannot be written (one line for the user)."""


def view_data(source: str) -> dict[str, Any]:
    """The page data of a source: a store folder, an RDF file, or a GEXF or GraphML file."""
    if Path(source).is_dir():
        from newskg.store import store_graph, store_settings

        return graph_page_data(store_graph(source), store_settings(source).get("base_iri") or DEFAULT_BASE_IRI)
    if source.lower().endswith(NETWORK_EXTENSIONS):
        return table_page_data(read_network(source))
    dataset = load_dataset(source)
    return graph_page_data(from_rdf(dataset), infer_base_iri(dataset) or DEFAULT_BASE_IRI)


def write_view(source: str, output: str, title: str | None = None) -> dict[str, Any]:
    """Write the page of ``source`` to ``output`` (atomically); returns the page data."""
    if not output.lower().endswith(PAGE_EXTENSIONS):
        raise ViewError(f"{output}: the view is an HTML page; give an output ending in .html")
    data = view_data(source)
    html = page_html(data, title)
    write_atomic(output, html.encode("utf-8"))
    return data
