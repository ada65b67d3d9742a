"""newskg: news articles in, a typed and sourced knowledge graph out.

The library is importable as ``newskg`` with two subpackages that live at the
repository root: ``newskg.extractor`` (the spaCy pipeline) and ``newskg.graphs``
(merging, the network and RDF views, every file format). The names below are
its public API, importable from here (``from newskg import extract, ExtractOptions``);
each is imported on first use, so ``import newskg`` (and ``newskg --version``)
does not load spaCy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
EXPORTS = {
    # The run: read, parse, record, merge, write.
    "extract": "newskg.run",
    "ExtractOptions": "newskg.run",
    "RunSummary": "newskg.run",
    "read_articles": "newskg.reader",
    "load_pipeline": "newskg.extractor.pipeline",
    "doc_to_records": "newskg.extractor.records",
    # The data model and its vocabularies.
    "Article": "newskg.model",
    "ArticleRecords": "newskg.model",
    "Entity": "newskg.model",
    "Evidence": "newskg.model",
    "Mention": "newskg.model",
    "Relation": "newskg.model",
    "GraphEntity": "newskg.model",
    "GraphRelation": "newskg.model",
    "KnowledgeGraph": "newskg.model",
    "MergeRecord": "newskg.model",
    "ENTITY_TYPES": "newskg.vocabulary",
    "relation_inventory": "newskg.vocabulary",
    # The merged graph, its views and files.
    "merge_records": "newskg.graphs.merge",
    "to_networkx": "newskg.graphs.network",
    "to_rdf": "newskg.graphs.rdf",
    "from_rdf": "newskg.graphs.rdf",
    "load_dataset": "newskg.graphs.formats.rdf",
    "write_graph": "newskg.graphs.formats",
    "export_graph": "newskg.graphs.export",
    "export_rdf": "newskg.graphs.export",
    "run_query": "newskg.graphs.query",
    # Any graph source: an RDF file or a store folder.
    "source_graph": "newskg.sources",
}
__all__ = [
    "ENTITY_TYPES",
    "Article",
    "ArticleRecords",
    "Entity",
    "Evidence",
    "ExtractOptions",
    "GraphEntity",
    "GraphRelation",
    "KnowledgeGraph",
    "Mention",
    "MergeRecord",
    "Relation",
    "RunSummary",
    "__version__",
    "doc_to_records",
    "export_graph",
    "export_rdf",
    "extract",
    "from_rdf",
    "load_dataset",
    "load_pipeline",
    "merge_records",
    "read_articles",
    "relation_inventory",
    "run_query",
    "source_graph",
    "to_networkx",
    "to_rdf",
    "write_graph",
]

if TYPE_CHECKING:
    from newskg.extractor.pipeline import load_pipeline
    from newskg.extractor.records import doc_to_records
    from newskg.graphs.export import export_graph, export_rdf
    from newskg.graphs.formats import write_graph
    from newskg.graphs.formats.rdf import load_dataset
    from newskg.graphs.merge import merge_records
    from newskg.graphs.network import to_networkx
    from newskg.graphs.query import run_query
    from newskg.graphs.rdf import from_rdf, to_rdf
    from newskg.model import (
        Article,
        ArticleRecords,
        Entity,
        Evidence,
        GraphEntity,
        GraphRelation,
        KnowledgeGraph,
        Mention,
        MergeRecord,
        Relation,
    )
    from newskg.reader import read_articles
    from newskg.run import ExtractOptions, RunSummary, extract
    from newskg.sources import source_graph
    from newskg.vocabulary import ENTITY_TYPES, relation_inventory


def __getattr__(name: str) -> Any:
    module = EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newskg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *EXPORTS})
