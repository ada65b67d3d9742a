"""TriG, one named graph per article."""

from __future__ import annotations

import pyoxigraph as ox

from newskg.graphs.formats.rdf_writers import oxigraph_format

FORMAT = oxigraph_format("trig", ".trig", "TriG, one named graph per article", ox.RdfFormat.TRIG, union=False)
