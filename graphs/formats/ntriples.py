"""N-Triples, the merged graph."""

from __future__ import annotations

import pyoxigraph as ox

from newskg.graphs.formats.rdf_writers import oxigraph_format

FORMAT = oxigraph_format("ntriples", ".nt", "N-Triples, the merged graph", ox.RdfFormat.N_TRIPLES, union=True)
