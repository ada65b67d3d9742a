"""The output format registry: one module per format, each registering itself here.

A format is added in one place: a module in this package with a ``FORMAT``
object, listed in ``MODULES``.
"""

from __future__ import annotations

import importlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newskg.graphs.build import KnowledgeGraph

MODULES = ("graphml", "gexf", "turtle", "ntriples", "jsonld", "trig", "nquads", "csv_nodes", "csv_edges", "html")


@dataclass(frozen=True)
class OutputOptions:
    base_iri: str


@dataclass(frozen=True)
class Format:
    """An output format: ``write`` streams a graph to a binary file, so no format holds its whole output."""

    name: str
    extensions: tuple[str, ...]
    description: str
    write: Callable[[KnowledgeGraph, OutputOptions, BinaryIO], None]

    def serialize(self, graph: KnowledgeGraph, options: OutputOptions) -> bytes:
        buffer = io.BytesIO()
        self.write(graph, options, buffer)
        return buffer.getvalue()


def write_text(handle: BinaryIO, chunks: Iterable[str], chunk_size: int = 1 << 16) -> None:
    """Write text chunks as UTF-8, joined into blocks of about ``chunk_size`` characters."""
    block: list[str] = []
    size = 0
    for chunk in chunks:
        block.append(chunk)
        size += len(chunk)
        if size >= chunk_size:
            handle.write("".join(block).encode("utf-8"))
            block, size = [], 0
    handle.write("".join(block).encode("utf-8"))


class UnknownFormat(ValueError):
    """An output path whose extension no format claims."""


def registry() -> dict[str, Format]:
    formats = {}
    for module in MODULES:
        fmt: Format = importlib.import_module(f"newskg.graphs.formats.{module}").FORMAT
        formats[fmt.name] = fmt
    return formats


def format_for_path(path: str) -> Format:
    lower = path.lower()
    for fmt in registry().values():
        if any(lower.endswith(ext) for ext in fmt.extensions):
            return fmt
    supported = ", ".join(ext for fmt in registry().values() for ext in fmt.extensions)
    raise UnknownFormat(f"{path}: unknown output extension (supported: {supported})")


def write_atomic(path: str | Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write bytes (or whatever a writer function streams) to a temporary file beside the target, then rename:
    readers never see half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
        # mkstemp makes the file private; give it the permissions a plain open() would.
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_graph(graph: KnowledgeGraph, path: str, options: OutputOptions, fmt: Format | None = None) -> Format:
    """Write one output atomically, in ``fmt`` or the format the path's extension names."""
    fmt = fmt or format_for_path(path)
    write_atomic(path, lambda handle: fmt.write(graph, options, handle))
    return fmt
