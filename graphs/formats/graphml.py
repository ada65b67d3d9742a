"""GraphML with typed keys (integers as int, fractions as double), written by a streaming writer.

Node labels are a ``label`` key (Gephi and yEd show it); every attribute key
declares its type, so networkx, Gephi and igraph read numbers as numbers. Each
``<edge>`` also names its relation in a ``label`` XML attribute, which Gephi
(0.9.3 and later) reads as the edge's type, so parallel relations of one pair
stay apart instead of being merged; other readers ignore it.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from newskg.graphs.network import NetworkTable, Value
from newskg.graphs.xmlwrite import attr, network_format

GRAPHML_TYPES = {str: "string", int: "int", float: "double", bool: "boolean"}


def key_declarations(kind: str, columns: dict[str, type]) -> Iterator[str]:
    for name, column_type in columns.items():
        yield (
            f'  <key id={attr(f"{kind[0]}_{name}")} for="{kind}" attr.name={attr(name)}'
            f' attr.type="{GRAPHML_TYPES[column_type]}"/>\n'
        )


def data_lines(kind: str, values: dict[str, Value]) -> Iterator[str]:
    for name, value in values.items():
        yield f"      <data key={attr(f'{kind[0]}_{name}')}>{attr(value)[1:-1]}</data>\n"


def graphml_lines(table: NetworkTable) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    yield from key_declarations("node", {"label": str, **table.node_columns})
    yield from key_declarations("edge", {"label": str, "weight": int, **table.edge_columns})
    yield '  <graph edgedefault="directed">\n'
    for node in table.nodes:
        yield f"    <node id={attr(node.id)}>\n"
        yield from data_lines("node", {"label": node.label, **node.attributes})
        yield "    </node>\n"
    for edge in table.edges:
        yield (
            f"    <edge id={attr('e' + edge.id)} source={attr(edge.source)} target={attr(edge.target)}"
            f" label={attr(edge.label)}>\n"
        )
        yield from data_lines("edge", {"label": edge.label, "weight": edge.weight, **edge.attributes})
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def read_graphml(path: str) -> nx.MultiDiGraph:
    """GraphML as a multigraph whose edge keys are the file's edge ids."""
    return nx.read_graphml(path, force_multigraph=True)


FORMATS = (
    network_format("graphml", "GraphML with typed keys (Gephi, yEd, networkx, igraph)", graphml_lines, read_graphml),
)
