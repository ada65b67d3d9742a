"""The RDF view of a merged graph, and the way back.

- :mod:`~newskg.graphs.rdf.view`: the view's one definition, a stream of quads in a fixed order
  (what the RDF writers of :mod:`newskg.graphs.formats.rdf` and the store take as it comes);
- :mod:`~newskg.graphs.rdf.dataset`: the same view as an rdflib ``Dataset`` (:func:`to_rdf`);
- :mod:`~newskg.graphs.rdf.read`: an RDF view back into a :class:`~newskg.model.KnowledgeGraph`
  (:func:`from_rdf`), from which every other format can be written.
"""

from newskg.graphs.rdf.dataset import to_rdf
from newskg.graphs.rdf.read import from_rdf, infer_base_iri, union_graph
from newskg.graphs.rdf.view import dataset_quads, union_triples

__all__ = ["dataset_quads", "from_rdf", "infer_base_iri", "to_rdf", "union_graph", "union_triples"]
