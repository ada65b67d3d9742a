"""Read articles from files, folders and standard input (contract: Input).

Reading is a generator: one bad file or line yields a :class:`ReadError` and
reading goes on with the next one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newskg.model import Article

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")


@dataclass(frozen=True)
class ReadError:
    """A problem with one input: where it is and what is wrong, in one line."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def read_articles(paths: Iterable[str], stdin: IO[str] | None = None) -> Iterator[Article | ReadError]:
    """Yield the articles of every path in order; ``-`` reads JSONL from stdin."""
    for raw in paths:
        if raw == "-":
            yield from read_jsonl_lines(stdin or sys.stdin, "<stdin>")
            continue
        path = Path(raw)
        if not path.exists():
            yield ReadError(raw, "no such file or folder")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield ReadError(raw, f"folder has no article files ({', '.join(SUFFIXES)})")
            for file in files:
                yield from read_file(file, root=path)
        else:
            yield from read_file(path, root=path.parent)


def document_id(path: Path, root: Path) -> str:
    """The file's path relative to the input root, without its extension."""
    return path.relative_to(root).with_suffix("").as_posix()


def read_file(path: Path, root: Path) -> Iterator[Article | ReadError]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ReadError(str(path), f"unsupported file type {suffix or '(none)'!r}; use {', '.join(SUFFIXES)}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield ReadError(str(path), f"cannot read: {err.strerror or err}")
        return
    if b"\x00" in data:
        yield ReadError(str(path), "binary file (contains NUL bytes), not an article")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        yield ReadError(str(path), f"not UTF-8 text (byte {err.start})")
        return
    if suffix == ".jsonl":
        yield from read_jsonl_lines(text.splitlines(), str(path))
    elif suffix in (".html", ".htm"):
        yield parse_html(text, document_id(path, root), str(path))
    else:
        yield parse_text(text, document_id(path, root), str(path))


def parse_text(text: str, doc_id: str, where: str) -> Article | ReadError:
    """A plain-text article: the first non-empty line is the headline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ReadError(where, "empty article")
    title = next(line.strip() for line in text.splitlines() if line.strip())
    return Article(id=doc_id, text=text, title=title)


def parse_html(html: str, doc_id: str, where: str) -> Article | ReadError:
    """Main text, headline, date and URL of an HTML page, via trafilatura."""
    import trafilatura

    if not html.strip():
        return ReadError(where, "empty article")
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        return ReadError(where, "no article text found in the HTML")
    title = getattr(extracted, "title", None)
    text = f"{title}\n\n{body}" if title else body
    return Article(
        id=doc_id,
        text=text,
        title=title,
        date=getattr(extracted, "date", None),
        url=getattr(extracted, "url", None),
        source=getattr(extracted, "sitename", None),
    )


def read_jsonl_lines(lines: Iterable[str], where: str) -> Iterator[Article | ReadError]:
    """One article per JSON line; extra keys are ignored, a null date is allowed."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadError(here, f"malformed JSON ({err.msg})")
            continue
        yield article_from_json(obj, here)


def article_from_json(obj: object, where: str) -> Article | ReadError:
    if not isinstance(obj, dict):
        return ReadError(where, "a JSONL line must be an object")
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadError(where, "missing 'text' string")
    if not text.strip():
        return ReadError(where, "empty article")
    doc_id = obj.get("id")
    if doc_id is None or isinstance(doc_id, (dict, list)) or str(doc_id) == "":
        return ReadError(where, "missing 'id'")
    optional = {}
    for key in ("title", "date", "url", "source"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return ReadError(where, f"'{key}' must be a string or null")
        optional[key] = value
    return Article(id=str(doc_id), text=text, **optional)
