"""Graph building and export: the merged knowledge graph, its network and RDF views, and file formats."""
