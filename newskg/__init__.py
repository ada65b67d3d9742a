"""newskg: news articles in, a typed and sourced knowledge graph out.

The library is importable as ``newskg`` with two subpackages that live at the
repository root: ``newskg.extractor`` (the spaCy pipeline) and
``newskg.graphs`` (graph building and export).
"""

__version__ = "0.1.0"
