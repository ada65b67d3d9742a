"""Input reading: every kind of file, folders, stdin, and one clear error per bad input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newskg.model import Article
from newskg.reader import ReadError, ReadWarning, read_articles, writable

HTML = """<html><head><title>Ministers meet</title>
<meta property="article:published_time" content="2021-05-04T10:00:00Z">
<link rel="canonical" href="https://news.example.org/a/1"></head>
<body><nav>Home | World | Sport</nav><article><h1>Ministers meet in Oslo</h1>
<p>The foreign ministers of Norway and Sweden met in Oslo on Tuesday to discuss Arctic security and
fishing rights in the Barents Sea, officials said after the talks ended.</p>
<p>Both governments agreed to hold a second round of talks in Stockholm in the autumn, according to
a joint statement released by the two foreign ministries.</p></article>
<footer>Copyright 2021</footer></body></html>"""


def read(paths: list[str], stdin: str | None = None) -> list[Article | ReadError]:
    return list(read_articles(paths, stdin=io.StringIO(stdin) if stdin is not None else None))


def test_txt_first_line_is_headline_and_id_starts_with_the_folder_name(tmp_path: Path) -> None:
    (tmp_path / "news" / "world").mkdir(parents=True)
    (tmp_path / "news" / "world" / "a.txt").write_text("\n  Headline here \n\nBody text.\n", encoding="utf-8")
    [article] = read([str(tmp_path / "news")])
    assert isinstance(article, Article)
    assert article.id == "news/world/a"
    assert article.title == "Headline here"
    assert str(article.origin) == str(tmp_path / "news" / "world" / "a.txt")


def test_daily_folders_never_share_ids_and_a_file_given_directly_has_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in ("day1", "day2"):
        (tmp_path / day).mkdir()
        (tmp_path / day / "001.txt").write_text(f"Story of {day}\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ids = [item.id for item in read(["day1", "day2/", "day1/001.txt"]) if isinstance(item, Article)]
    assert ids == ["day1/001", "day2/001", "001"]
    monkeypatch.chdir(tmp_path / "day1")
    assert [item.id for item in read(["."]) if isinstance(item, Article)] == ["day1/001"]


def test_jsonl_fields_extra_keys_and_null_date(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        {"id": 7, "text": "One.", "title": "T", "date": None, "entities": []},
        {"id": "b", "text": "Two.", "date": "2020-01-02", "url": "https://x.org/b"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    first, second = read([str(path)])
    assert first == Article(id="7", text="One.", title="T")
    assert isinstance(second, Article) and second.date == "2020-01-02" and second.url == "https://x.org/b"


def test_malformed_jsonl_line_reports_line_number_and_keeps_others(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "A."}\n{not json\n{"id": "c", "text": "C."}\n', encoding="utf-8")
    items = read([str(path)])
    assert [type(item).__name__ for item in items] == ["Article", "ReadError", "Article"]
    assert str(items[1]).startswith(f"{path}:2: malformed JSON")


def test_stdin_dash_reads_jsonl() -> None:
    [article] = read(["-"], stdin='{"id": "s1", "text": "From stdin."}\n')
    assert isinstance(article, Article) and article.id == "s1"


def test_html_main_text_title_date_url(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    [article] = read([str(tmp_path)])
    assert isinstance(article, Article), article
    assert "Norway and Sweden met in Oslo" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text
    assert article.date == "2021-05-04"
    assert article.url == "https://news.example.org/a/1"


def test_bad_inputs_each_get_one_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    items = read([str(tmp_path / name) for name in ("empty.txt", "binary.txt", "notes.csv", "missing.txt")])
    messages = [str(item) for item in items]
    assert all(isinstance(item, ReadError) for item in items)
    assert "empty article" in messages[0]
    assert "binary file" in messages[1]
    assert "unsupported file type '.csv'" in messages[2]
    assert messages[3].endswith("missing.txt: no such file or folder")


def test_bytes_that_are_not_utf8_are_replaced_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks\n\nThe caf\xe9 opened.".encode("latin-1"))
    warning, article = read([str(tmp_path / "latin1.txt")])
    assert isinstance(warning, ReadWarning) and isinstance(article, Article)
    assert (
        str(warning)
        == f"{tmp_path / 'latin1.txt'}: warning: not valid UTF-8 (first at byte 3); bad bytes replaced with U+FFFD"
    )
    assert article.text == "Caf\ufffd talks\n\nThe caf\ufffd opened."


# Text any output can hold: no surrogates, no control characters but tab and line breaks.
WRITABLE = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r")
DATES = st.dates().map(date.isoformat) | st.datetimes().map(lambda moment: moment.isoformat(timespec="seconds"))


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.text(WRITABLE, min_size=1, max_size=20).filter(lambda i: i.strip() and "|" not in i),
                "text": st.text(WRITABLE, min_size=1).filter(str.strip),
            },
            optional={"title": st.none() | st.text(WRITABLE), "date": st.none() | DATES},
        ),
        max_size=5,
    )
)
def test_jsonl_roundtrip_property(records: list[dict]) -> None:
    """Any JSONL of valid objects reads back to the same fields, line for line, as bytes (stdin) or text."""
    stdin = "\n".join(json.dumps(record) for record in records)
    for items in (read(["-"], stdin=stdin), list(read_articles(["-"], stdin=io.BytesIO(stdin.encode("utf-8"))))):
        assert len(items) == len(records)
        for item, record in zip(items, records, strict=True):
            assert isinstance(item, Article)
            assert (item.id, item.text, item.title, item.date) == (
                record["id"],
                record["text"],
                record.get("title"),
                record.get("date"),
            )


@given(st.text(st.characters(), max_size=60))
def test_any_text_comes_out_writable_with_the_same_length(text: str) -> None:
    """Surrogates and control characters are replaced one for one, so character offsets do not move."""
    clean, count = writable(text)
    assert len(clean) == len(text)
    clean.encode("utf-8")  # no lone surrogate left
    assert not any(ch < " " and ch not in "\t\n\r" for ch in clean)
    assert count == sum(1 for a, b in zip(text, clean, strict=True) if a != b)
