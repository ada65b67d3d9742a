"""Small helpers for the streaming XML writers (GEXF, GraphML): XML-safe text, escaping and typed value text."""

from __future__ import annotations

import re

# Characters XML 1.0 cannot carry, even escaped.
XML_ILLEGAL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
XML_ILLEGAL = re.compile(f"[{XML_ILLEGAL_CHARACTERS}]")
# Escapes for attribute values: whitespace characters are escaped too, or XML parsers turn them into spaces.
ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)
# Anything that needs escaping or replacing; most values have none, and skip the slow path.
NEEDS_ESCAPE = re.compile(f'[&<>"\n\r\t{XML_ILLEGAL_CHARACTERS}]')


def xml_safe(text: str) -> str:
    """The text with every character XML cannot carry replaced by a space."""
    return XML_ILLEGAL.sub(" ", text)


def attr(value: str | int | float | bool) -> str:
    """An XML attribute value, quoted."""
    text = value if isinstance(value, str) else value_text(value)
    if NEEDS_ESCAPE.search(text) is None:
        return f'"{text}"'
    return f'"{xml_safe(text).translate(ATTRIBUTE_ESCAPES)}"'


def value_text(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
