"""Read articles from files, folders and standard input (contract: Input).

Reading is a generator: one bad file or line yields a :class:`ReadError` and
reading goes on with the next one; text that had to be repaired (bytes that
are not UTF-8, lone surrogates, control characters) or an unusable date yields
a :class:`ReadWarning` and the article is kept.

Document ids (contract: Input): a JSONL line's ``id``; otherwise the file's
path without its extension, relative to the folder that holds the input path,
so that it starts with the input folder's own name (``newskg extract day1``
gives ``day1/001``); a file given directly gives its own name.

Every file is read once, in one pass: a named pipe works like a file.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from newskg.model import Article, Origin

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
OPTIONAL_FIELDS = ("title", "date", "url", "source")
# A JSONL file whose first bytes hold a NUL is binary (a compressed or misnamed file), not one bad line per line.
BINARY_PROBE = 8192
# The graph joins article ids with "|" (the contract's `articles` attributes).
ID_SEPARATOR = "|"
# Characters no output can hold: lone surrogates (a JSON escape such as "\ud83d", or a file name that is not
# UTF-8) cannot be encoded as UTF-8, and XML (GEXF, GraphML) forbids control characters other than tab and
# line breaks, and U+FFFE/U+FFFF.
UNWRITABLE = re.compile("[\ud800-\udfff]|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
YEAR_OR_MONTH = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")
XSD_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")


@dataclass(frozen=True)
class ReadNotice:
    """Something about one input, in one line: where it is and what happened."""

    where: str
    problem: str
    label = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.label}{self.problem}"


@dataclass(frozen=True)
class ReadError(ReadNotice):
    """A problem with one input; the input is skipped."""


@dataclass(frozen=True)
class ReadWarning(ReadNotice):
    """Something repaired in one input; its article is kept."""

    label = "warning: "


Item = Article | ReadError | ReadWarning


def read_articles(paths: Iterable[str], stdin: IO[Any] | None = None) -> Iterator[Item]:
    """Yield the articles of every path in order; ``-`` reads JSONL from stdin (bytes, or text in tests)."""
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from read_jsonl_lines(getattr(stream, "buffer", stream), "<stdin>")
            continue
        path = Path(raw)
        try:
            info = path.stat()
        except FileNotFoundError:
            problem = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            yield ReadError(shown(raw), problem)
            continue
        except OSError as err:
            yield ReadError(shown(raw), f"cannot read ({err.strerror or err})")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from read_folder(path, raw)
        else:
            yield from read_file(path, path.name.rsplit(".", 1)[0] if "." in path.name else path.name)


def shown(path: str | os.PathLike[str]) -> str:
    """A path as text every output and message can hold: bytes of a name that is not UTF-8 as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def folder_name(raw: str) -> str:
    """The input folder's own name as the user wrote it ('day1', the current folder's name for '.')."""
    return Path(os.path.abspath(raw)).name


def article_files(folder: Path, errors: list[ReadError] | None = None) -> list[Path]:
    """The article files under a folder (recursively, not into linked folders), in sorted order.

    Subfolders that cannot be listed are added to ``errors``, never skipped silently.
    """

    def unreadable(err: OSError) -> None:
        if errors is not None:
            errors.append(ReadError(shown(err.filename or folder), f"cannot read folder ({err.strerror or err})"))

    found: list[Path] = []
    for top, _, names in os.walk(folder, onerror=unreadable):
        found.extend(Path(top, name) for name in names if Path(name).suffix.lower() in SUFFIXES)
    return sorted(found)


def read_folder(folder: Path, raw: str) -> Iterator[Item]:
    errors: list[ReadError] = []
    files = article_files(folder, errors)
    yield from errors
    if not files and not errors:
        yield ReadError(shown(raw), f"folder has no article files ({', '.join(SUFFIXES)})")
    name = folder_name(raw)
    for file in files:
        relative = file.relative_to(folder).with_suffix("").as_posix()
        doc_id = f"{name}/{relative}" if name else relative
        try:
            info = file.stat()
        except FileNotFoundError:
            yield ReadError(shown(file), "broken symbolic link")
            continue
        except OSError as err:
            yield ReadError(shown(file), f"cannot read ({err.strerror or err})")
            continue
        if not stat.S_ISREG(info.st_mode):
            # A named pipe or device inside a folder would block the run; given by name it is read.
            yield ReadError(shown(file), "not a regular file (a named pipe or device); give it by name to read it")
            continue
        yield from read_file(file, doc_id)


def read_file(path: Path, doc_id: str) -> Iterator[Item]:
    """One file's articles; ``doc_id`` is the id of a .txt or .html article."""
    where = shown(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ReadError(where, f"unsupported file type {suffix or '(none)'!r}; use {', '.join(SUFFIXES)}")
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as handle:
                if b"\x00" in handle.peek(BINARY_PROBE)[:BINARY_PROBE]:
                    yield ReadError(where, "binary file (contains NUL bytes), not JSONL")
                    return
                yield from read_jsonl_lines(handle, where)
            return
        data = path.read_bytes()
    except OSError as err:
        yield ReadError(where, f"cannot read ({err.strerror or err})")
        return
    if b"\x00" in data:
        yield ReadError(where, "binary file (contains NUL bytes), not an article")
        return
    text, warning = decode(data, where)
    if warning:
        yield warning
    origin = Origin(where)
    if suffix in (".html", ".htm"):
        yield from parse_html(text, doc_id, origin)
    else:
        yield from parse_text(text, doc_id, origin)


def decode(data: bytes, where: str) -> tuple[str, ReadWarning | None]:
    """UTF-8 text (a byte-order mark dropped); bytes that are not UTF-8 become U+FFFD, with a warning."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        text = data.decode("utf-8-sig", errors="replace")
        return text, ReadWarning(where, f"not valid UTF-8 (first at byte {err.start}); bad bytes replaced with U+FFFD")


def parse_text(text: str, doc_id: str, origin: Origin) -> Iterator[Item]:
    """A plain-text article: the first non-empty line is the headline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")
    yield from make_article({"id": doc_id, "text": text, "title": title}, origin)


def parse_html(html: str, doc_id: str, origin: Origin) -> Iterator[Item]:
    """Main text, headline, date and URL of an HTML page, via trafilatura."""
    import trafilatura

    if not html.strip():
        yield ReadError(str(origin), "empty article")
        return
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as err:  # a parser failure on one page must not end the run
        yield ReadError(str(origin), f"cannot extract the HTML ({type(err).__name__}: {err})")
        return
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        yield ReadError(str(origin), "no article text found in the HTML")
        return
    title = getattr(extracted, "title", None)
    fields = {
        "id": doc_id,
        "text": f"{title}\n\n{body}" if title else body,
        "title": title,
        "date": getattr(extracted, "date", None),
        "url": getattr(extracted, "url", None),
        "source": getattr(extracted, "sitename", None),
    }
    yield from make_article(fields, origin)


def read_jsonl_lines(lines: Iterable[bytes | str], file: str) -> Iterator[Item]:
    """One article per line; lines end at ``\\n`` only (U+2028 or U+0085 inside a line is text), and each
    line is decoded on its own, so one bad byte costs one warning, not the file."""
    for number, raw in enumerate(lines, start=1):
        origin = Origin(file, number)
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                line = raw.decode("utf-8", errors="replace")
                yield ReadWarning(str(origin), f"not valid UTF-8 (byte {err.start}); bad bytes replaced with U+FFFD")
        else:
            line = raw
        # The line break is not part of the line (JSON strings cannot hold a raw one), so columns are right.
        line = line.removesuffix("\n").removesuffix("\r")
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadError(str(origin), f"malformed JSON ({err.msg} at column {err.colno})")
            continue
        except RecursionError:
            yield ReadError(str(origin), "malformed JSON (nested too deeply)")
            continue
        except ValueError as err:  # an integer beyond Python's digit limit
            yield ReadError(str(origin), f"malformed JSON ({str(err).split(':')[0]})")
            continue
        yield from article_from_json(obj, origin)


def article_from_json(obj: object, origin: Origin) -> Iterator[Item]:
    where = str(origin)
    if not isinstance(obj, dict):
        yield ReadError(where, "a JSONL line must be an object")
        return
    text = obj.get("text")
    if not isinstance(text, str):
        yield ReadError(where, "missing 'text' string")
        return
    doc_id = obj.get("id")
    if doc_id is None or isinstance(doc_id, (dict, list)) or str(doc_id).strip() == "":
        yield ReadError(where, "missing 'id'")
        return
    fields: dict[str, Any] = {"id": str(doc_id), "text": text}
    for key in OPTIONAL_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            yield ReadError(where, f"'{key}' must be a string or null")
            return
        fields[key] = value
    yield from make_article(fields, origin)


def make_article(fields: dict[str, Any], origin: Origin) -> Iterator[Item]:
    """The article, after the checks every kind of input shares: writable text, a usable id and date."""
    where = str(origin)
    repaired = 0
    for key, value in fields.items():
        if isinstance(value, str):
            fields[key], count = writable(value)
            repaired += count
    if repaired:
        yield ReadWarning(
            where, f"{repaired} character(s) no output can hold (lone surrogates, control characters) replaced"
        )
    if not fields["text"].strip():
        yield ReadError(where, "empty article")
        return
    if ID_SEPARATOR in fields["id"]:
        yield ReadError(where, f"article id {fields['id']!r} contains '|', which separates article ids in the graph")
        return
    value = fields.get("date")
    if value is not None:
        fields["date"] = iso_date(value)
        if fields["date"] is None:
            yield ReadWarning(where, f"invalid date {value!r} (want ISO 8601, e.g. 2024-05-17); the article is undated")
    yield Article(**fields, origin=origin)


def writable(text: str) -> tuple[str, int]:
    """Lone surrogates become U+FFFD and forbidden control characters a space (offsets stay the same)."""
    return UNWRITABLE.subn(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " ", text)


def iso_date(value: str) -> str | None:
    """The date as xsd:date / xsd:dateTime can hold it, a year or year-month as given, else None."""
    value = value.strip()
    if not value:
        return None
    if YEAR_OR_MONTH.fullmatch(value):
        return value
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    # Kept as written when it already is an xsd:dateTime; other ISO forms ("2024-05-17 10:00") normalised.
    return value if XSD_DATE_TIME.fullmatch(value) else parsed.isoformat()
