"""Small helpers for the streaming XML writers (GEXF, GraphML): escaping and typed value text."""

from __future__ import annotations

import re

from newskg.graphs.network import Value, xml_safe

# Escapes for attribute values: whitespace characters are escaped too, or XML parsers turn them into spaces.
ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)
# Anything that needs escaping or replacing; most values have none, and skip the slow path.
NEEDS_ESCAPE = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]')


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
