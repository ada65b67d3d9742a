"""Read the network view back from GEXF or GraphML written by newskg: the inverse of :func:`network_table`.

networkx parses both formats (typed attributes, GEXF spells); this module turns
its MultiDiGraph into the :class:`NetworkTable` the writers stream from, so a
GEXF or GraphML file can be viewed (``newskg view graph.gexf``) or written
again. These files keep one evidence sentence per edge, not every statement:
RDF stays the complete record.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from newskg.graphs.formats import all_formats, find_format
from newskg.graphs.network import NetworkEdge, NetworkNode, NetworkTable, Value, iso_date

# networkx's own keys, and what the network view keeps in fields of its own.
NETWORKX_KEYS = frozenset({"viz", "spells", "label", "id", "weight", "kind", "start", "end", "pid"})


class NetworkReadError(ValueError):
    """A GEXF or GraphML file that cannot be read; the message names the file and problem."""


def plain(value: object) -> Value:
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def element_dates(attrs: dict[str, object]) -> list[str]:
    """The days a node or edge was reported on: its GEXF spells, else (GraphML) its first and last date."""
    spells = attrs.get("spells")
    if isinstance(spells, list) and spells:
        days = {iso_date(str(start)) for start, *_ in spells}
    else:
        days = {iso_date(str(attrs[key])) for key in ("first_date", "last_date") if attrs.get(key)}
    return sorted(d for d in days if d)


def file_order(network: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, object]]]:
    """Edges in the order of their ids as newskg writes them (GEXF ``id="7"``, GraphML ``id="e7"``); networkx
    gives them grouped by source node."""
    edges = list(network.edges(keys=True, data=True))

    def number(edge: tuple[str, str, object, dict[str, object]]) -> tuple[int, str]:
        text = str(edge[3].get("id", edge[2]))
        digits = text[1:] if text[:1] == "e" else text
        return (int(digits), text) if digits.isdigit() else (-1, text)

    if all(number(edge)[0] >= 0 for edge in edges):
        edges.sort(key=number)
    return [(source, target, attrs) for source, target, _, attrs in edges]


def table_from_networkx(network: nx.MultiDiGraph) -> NetworkTable:
    nodes = []
    node_columns: dict[str, type] = {}
    for node_id, attrs in network.nodes(data=True):
        values = {key: plain(value) for key, value in attrs.items() if key not in NETWORKX_KEYS}
        for key, value in values.items():
            node_columns.setdefault(key, type(value))
        mentions = values.get("mentions", 0)
        nodes.append(
            NetworkNode(
                id=str(node_id),
                label=str(attrs.get("label", node_id)),
                attributes=values,
                dates=element_dates(attrs),
                entity_type=str(values.get("type", "")),
                mentions=int(mentions) if isinstance(mentions, int | float) else 0,
            )
        )
    edges = []
    edge_columns: dict[str, type] = {}
    for index, (source, target, attrs) in enumerate(file_order(network)):
        values = {key: plain(value) for key, value in attrs.items() if key not in NETWORKX_KEYS}
        for key, value in values.items():
            edge_columns.setdefault(key, type(value))
        relation = str(values.get("relation", attrs.get("label", "")))
        weight = attrs.get("weight", 1)
        edges.append(
            NetworkEdge(
                id=str(index),
                source=str(source),
                target=str(target),
                label=str(attrs.get("label", relation)),
                weight=int(weight) if isinstance(weight, int | float) else 1,
                attributes=values,
                dates=element_dates(attrs),
            )
        )
    return NetworkTable(nodes, edges, node_columns, edge_columns)


def read_gexf(path: str) -> nx.MultiDiGraph:
    """GEXF 1.3 (what newskg writes), or the 1.2 and 1.1 files other tools write."""
    for version in ("1.3", "1.2draft", "1.1draft"):
        try:
            return nx.read_gexf(path, version=version)
        except nx.NetworkXError as err:
            if "No <graph> element" not in str(err):
                raise
    raise NetworkReadError(f"{path}: no GEXF <graph> element (GEXF 1.1 to 1.3)")


def read_network(path: str) -> NetworkTable:
    """The network view in a .gexf or .graphml file."""
    fmt = find_format(path, [fmt for fmt in all_formats() if fmt.read_network is not None], reading=True)
    if fmt is None or fmt.read_network is None:
        raise NetworkReadError(f"{path}: not a GEXF or GraphML file")
    try:
        network = fmt.read_network(path)
    except NetworkReadError:
        raise
    except OSError as err:
        raise NetworkReadError(f"{path}: cannot read ({err.strerror or err})") from err
    except Exception as err:  # networkx and ElementTree raise many kinds of errors on bad files
        raise NetworkReadError(f"{path}: not valid {Path(path).suffix[1:]} ({type(err).__name__}: {err})") from err
    if not isinstance(network, nx.MultiDiGraph):
        network = nx.MultiDiGraph(network)
    return table_from_networkx(network)
