"""N-Quads, one named graph per article."""

from __future__ import annotations

import pyoxigraph as ox

from newskg.graphs.formats.rdf_writers import oxigraph_format

FORMAT = oxigraph_format("nquads", ".nq", "N-Quads, one named graph per article", ox.RdfFormat.N_QUADS, union=False)
