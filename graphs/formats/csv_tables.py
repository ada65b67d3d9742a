"""CSV node and edge tables in the layout of Gephi's spreadsheet import (formats ``csv-nodes`` and ``csv-edges``).

Two formats, one per table, chosen by the double extension: ``out.nodes.csv``
(Id, Label, Interval, then the node attributes) and ``out.edges.csv`` (Source,
Target, Type, Kind, Id, Label, Weight, Interval, then the edge attributes). Gephi
imports the nodes file first, then the edges file (File > Import spreadsheet).
``Kind`` is the relation: Gephi's edge type, which keeps parallel relations of one
pair apart. Rows end in CRLF (RFC 4180). Interval is Gephi's interval-set notation
``<[2020-10-07, 2020-10-07]; [...]>``, empty for undated items and when the whole
graph has a single date (see :attr:`NetworkTable.timeline`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO

from newskg.graphs.formats import Format, OutputOptions
from newskg.graphs.network import Value, network_table
from newskg.graphs.xmlwrite import value_text
from newskg.model import KnowledgeGraph


def interval(dates: list[str]) -> str:
    return "<" + "; ".join(f"[{d}, {d}]" for d in dates) + ">" if dates else ""


def write_rows(handle: BinaryIO, header: list[str], rows: Iterable[list[Value]]) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\r\n")  # RFC 4180; also makes csv quote fields holding "\r"
    writer.writerow(header)
    writer.writerows([value_text(v) for v in row] for row in rows)
    text.flush()
    text.detach()  # the caller owns the binary handle


def write_nodes(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO) -> None:
    table = network_table(graph, options.base_iri, options.isolated)
    columns = list(table.node_columns)
    timeline = table.timeline
    rows = (
        [node.id, node.label, interval(node.dates if timeline else []), *(node.attributes.get(c, "") for c in columns)]
        for node in table.nodes
    )
    write_rows(handle, ["Id", "Label", "Interval", *columns], rows)


def write_edges(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO) -> None:
    table = network_table(graph, options.base_iri, options.isolated)
    columns = list(table.edge_columns)
    timeline = table.timeline
    rows = (
        [
            edge.source,
            edge.target,
            "Directed",
            edge.label,
            edge.id,
            edge.label,
            edge.weight,
            interval(edge.dates if timeline else []),
            *(edge.attributes.get(c, "") for c in columns),
        ]
        for edge in table.edges
    )
    write_rows(handle, ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "Interval", *columns], rows)


FORMATS = (
    Format("csv-nodes", (".nodes.csv",), "CSV node table (Gephi spreadsheet import: Id, Label, Interval)", write_nodes),
    Format(
        "csv-edges",
        (".edges.csv",),
        "CSV edge table (Gephi spreadsheet import: Source, Target, Type, Kind, Weight)",
        write_edges,
    ),
)
