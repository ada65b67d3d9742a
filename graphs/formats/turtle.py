"""Turtle, the merged graph."""

from __future__ import annotations

import pyoxigraph as ox

from newskg.graphs.formats.rdf_writers import oxigraph_format

FORMAT = oxigraph_format("turtle", ".ttl", "Turtle, the merged graph", ox.RdfFormat.TURTLE, union=True)
