"""GraphML with typed keys, via networkx."""

from __future__ import annotations

import io

import networkx as nx

from newskg.graphs.build import KnowledgeGraph
from newskg.graphs.formats import Format, OutputOptions
from newskg.graphs.network import to_networkx


def serialize(graph: KnowledgeGraph, options: OutputOptions) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml_xml(to_networkx(graph, options.base_iri), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


FORMAT = Format("graphml", (".graphml",), "GraphML (yEd, Gephi, networkx)", serialize)
