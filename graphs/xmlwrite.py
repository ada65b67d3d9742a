"""Small helpers for the streaming XML writers (GEXF, GraphML): escaping and typed value text."""

from __future__ import annotations

from newskg.graphs.network import Value, xml_safe

# Escapes for attribute values: whitespace characters are escaped too, or XML parsers turn them into spaces.
ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


def attr(value: Value) -> str:
    """An XML attribute value, quoted."""
    return f'"{xml_safe(value_text(value)).translate(ATTRIBUTE_ESCAPES)}"'


def value_text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
