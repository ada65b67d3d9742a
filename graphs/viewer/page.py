"""Write a view page: the template from ``assets/page.html`` with the stylesheet, the data and the script inlined.

The page has no external resource, and its Content-Security-Policy allows only
its own inline script and style (by hash): a page that tried to load anything
from the network would be refused by the browser. Same data, same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib.resources import files
from typing import Any, BinaryIO

MARKERS = ("@@TITLE@@", "@@SUMMARY@@", "@@STYLE@@", "@@DATA@@", "@@SCRIPT@@", "@@SCRIPT_HASH@@", "@@STYLE_HASH@@")


@cache
def asset(name: str) -> str:
    return (files("newskg.graphs.viewer") / "assets" / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """A CSP source expression allowing exactly this inline script or style."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def data_json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no '<' (so no '</script>' or '<!--'), sorted keys."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def summary(data: dict[str, Any]) -> str:
    articles, dates = len(data["articles"]), data["dates"]
    text = f"{len(data['nodes']):,} entities, {len(data['edges']):,} relations, {articles:,} article"
    text += "" if articles == 1 else "s"
    if dates:
        text += f"; {dates[0]} to {dates[-1]}" if len(dates) > 1 else f"; {dates[0]}"
    return text


def render(template: str, values: dict[str, str]) -> str:
    """Fill the markers in one pass, so text inside a value is never taken for a marker."""
    parts = []
    rest = template
    while True:
        positions = [(rest.find(m), m) for m in MARKERS if rest.find(m) >= 0]
        if not positions:
            parts.append(rest)
            return "".join(parts)
        position, marker = min(positions)
        parts.append(rest[:position])
        parts.append(values[marker])
        rest = rest[position + len(marker) :]


def default_title(data: dict[str, Any]) -> str:
    count = len(data["articles"])
    return f"newskg: {count:,} article{'' if count == 1 else 's'}"


def page_html(data: dict[str, Any], title: str | None = None) -> str:
    title = title or default_title(data)
    script = asset("viewer.js").replace("</script", "<\\/script")
    style = asset("page.css")
    return render(
        asset("page.html"),
        {
            "@@TITLE@@": html.escape(title),
            "@@SUMMARY@@": html.escape(summary(data)),
            "@@STYLE@@": style,
            "@@DATA@@": data_json(data),
            "@@SCRIPT@@": script,
            "@@SCRIPT_HASH@@": csp_hash(script),
            "@@STYLE_HASH@@": csp_hash(style),
        },
    )


def write_page(data: dict[str, Any], handle: BinaryIO, title: str | None = None) -> None:
    handle.write(page_html(data, title).encode("utf-8"))
