"""Small helpers for the streaming XML writers (GEXF, GraphML): escaping, typed value text, registration."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO

from newskg.graphs.formats import Format, OutputOptions, write_text
from newskg.graphs.network import XML_ILLEGAL_CHARACTERS, NetworkTable, Value, network_table, xml_safe
from newskg.model import KnowledgeGraph

# Escapes for attribute values: whitespace characters are escaped too, or XML parsers turn them into spaces.
ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)
# Anything that needs escaping or replacing; most values have none, and skip the slow path.
NEEDS_ESCAPE = re.compile(f'[&<>"\n\r\t{XML_ILLEGAL_CHARACTERS}]')


def attr(value: Value) -> str:
    """An XML attribute value, quoted."""
    text = value if isinstance(value, str) else value_text(value)
    if NEEDS_ESCAPE.search(text) is None:
        return f'"{text}"'
    return f'"{xml_safe(text).translate(ATTRIBUTE_ESCAPES)}"'


def value_text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def network_format(
    name: str, description: str, lines: Callable[[NetworkTable], Iterable[str]], read: Callable[[str], Any]
) -> Format:
    """A format of the network view written line by line (GEXF, GraphML), read back by networkx's ``read``."""

    def write(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO) -> None:
        write_text(handle, lines(network_table(graph, options.base_iri, options.isolated)))

    return Format(name, (f".{name}",), description, write, read_network=read)
