"""Hostile input and hostile operations (issue 17): nothing is lost.

Every case is a real ``newskg extract`` run (the CLI, in this process, with the
session's pipeline) over one good article beside the bad input. Each asserts
the exit code, the one-line message(s) on stderr (each naming the file, and the
line for JSONL), that every good article is in the output, and that every
output parses (TriG, JSON-LD, GraphML, GEXF). The run's summary line is always
the last line.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import re
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SDO
from spacy.language import Language
from typer.testing import CliRunner

import newskg.batch
import newskg.run
from newskg.cli import app
from newskg.graphs.vocab import NKG
from newskg.model import Article
from newskg.run import ExtractOptions, RunSummary, extract_records

runner = CliRunner()

GOOD = "Treaty talks\n\nFrance and Germany signed a treaty in Paris on Monday.\n"
OTHER = "Visit\n\nKenya welcomed Uganda on Tuesday.\n"
OUTPUTS = ("g.trig", "g.jsonld", "g.graphml", "g.gexf")
TEMP_NAME = re.compile(r"\.newskg-|\.tmp$")


@pytest.fixture(autouse=True)
def shared_nlp(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs reuse the session's pipeline."""
    monkeypatch.setattr(newskg.run, "load_pipeline", lambda *args, **kwargs: nlp)


@dataclass
class Case:
    """One run: its arguments (inputs and options; the outputs are added), what it must say and keep."""

    args: list[str]
    exit: int
    messages: list[str] = field(default_factory=list)  # regular expressions, one per line, in order
    ids: set[str] = field(default_factory=set)  # article ids that must be in the output
    absent: set[str] = field(default_factory=set)  # article ids that must not be
    stdin: bytes | None = None
    outputs: tuple[str, ...] = OUTPUTS


def good_folder(tmp_path: Path, name: str = "in") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(obj) + "\n" for obj in objects)


def article_ids(trig: Path) -> set[str]:
    """The article ids of a TriG file; each article has an IRI of its own (distinct ids never share one)."""
    dataset = Dataset(default_union=True)
    dataset.parse(trig, format="trig")
    articles = set(dataset.subjects(RDF.type, SDO.NewsArticle))
    ids = {article: [str(i) for i in dataset.objects(article, SDO.identifier)] for article in articles}
    assert all(len(found) == 1 for found in ids.values()), ids
    return {found[0] for found in ids.values()}


def parse_outputs(out: Path, outputs: tuple[str, ...]) -> set[str]:
    """Parse every output with a real parser; the article ids of the TriG file."""
    for name in outputs:
        path = out / name
        if name.endswith(".jsonld"):
            Graph().parse(path, format="json-ld")
        elif name.endswith(".graphml"):
            nx.read_graphml(path)
        elif name.endswith(".gexf"):
            nx.read_gexf(path)
        elif name.endswith(".nq"):
            Dataset().parse(path, format="nquads")
    return article_ids(out / "g.trig") if "g.trig" in outputs else set()


def no_temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if TEMP_NAME.search(p.name)] if folder.exists() else []


def run_case(case: Case, tmp_path: Path) -> list[str]:
    out = tmp_path / "out"
    outputs = [arg for name in case.outputs for arg in ("-o", str(out / name))]
    result = runner.invoke(app, ["extract", *case.args, *outputs, "-q"], input=case.stdin)
    lines = result.stderr.splitlines()
    assert result.exit_code == case.exit, result.stderr
    messages = [line for line in lines if not line.startswith("articles read:")]
    assert len(messages) == len(case.messages), result.stderr
    for line, pattern in zip(messages, case.messages, strict=True):
        assert line.startswith("newskg: ") and re.fullmatch(pattern, line[len("newskg: ") :]), (pattern, line)
    if case.exit == 2:  # a usage problem, found before any work: nothing read, nothing written
        assert not any(line.startswith("articles read:") for line in lines)
        assert not any((out / name).is_file() for name in case.outputs)
    else:
        assert lines[-1].startswith("articles read:")
        ids = parse_outputs(out, case.outputs)
        assert case.ids <= ids, (case.ids, ids)
        assert not case.absent & ids
    assert no_temp_files(tmp_path) == []
    return lines


# --- the cases ---------------------------------------------------------------------------------------------


def long_text(body: int = 1_050_000) -> str:
    """An article over spaCy's max_length (1,000,000): a statement, a million line breaks, a statement."""
    return GOOD + "\n" * body + "Kenya welcomed Uganda on Tuesday.\n"


def case_long_txt(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "long.txt").write_text(long_text(), encoding="utf-8")
    return Case([str(folder)], 0, ids={"in/good", "in/long"})


def case_long_jsonl(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "long.jsonl").write_text(jsonl({"id": "huge", "text": long_text()}), encoding="utf-8")
    return Case([str(folder)], 0, ids={"in/good", "huge"})


def case_lone_surrogate_escape(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "a.jsonl").write_text('{"id": "s", "text": "Smile \\ud83d. ' + OTHER.replace("\n", "\\n") + '"}\n')
    where = re.escape(f"{folder / 'a.jsonl'}:1")
    return Case(
        [str(folder)], 0, [rf"{where}: warning: 1 character\(s\) no output can hold .* replaced"], {"in/good", "s"}
    )


def case_bad_byte_on_stdin(tmp_path: Path) -> Case:
    second = '{"id": "two", "text": "Caf\xe9. ' + OTHER.replace("\n", " ") + '"}\n'
    stdin = (jsonl({"id": "one", "text": GOOD}) + second).encode("latin-1")
    where = second.index("\xe9")
    message = rf"<stdin>:2: warning: not valid UTF-8 \(byte {where}\); bad bytes replaced with U\+FFFD"
    return Case(["-"], 0, [message], {"one", "two"}, stdin=stdin)


def case_huge_integer(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "a.jsonl").write_text('{"id": ' + "9" * 5000 + ', "text": "x"}\n' + jsonl({"id": "ok", "text": OTHER}))
    where = re.escape(f"{folder / 'a.jsonl'}:1")
    return Case(
        [str(folder)], 1, [rf"{where}: malformed JSON \(Exceeds the limit \(4300 digits\).*\)"], {"in/good", "ok"}
    )


def case_deep_nesting(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    deep = "[" * 100_000 + "]" * 100_000
    (folder / "a.jsonl").write_text(jsonl({"id": "ok", "text": OTHER}) + '{"id": "d", "text": ' + deep + "}\n")
    where = re.escape(f"{folder / 'a.jsonl'}:2")
    return Case([str(folder)], 1, [rf"{where}: malformed JSON \(nested too deeply\)"], {"in/good", "ok"}, {"d"})


def case_daily_folders(tmp_path: Path) -> Case:
    for day, text in (("day1", GOOD), ("day2", OTHER)):
        (tmp_path / day).mkdir()
        (tmp_path / day / "001.txt").write_text(text, encoding="utf-8")
    return Case([str(tmp_path / "day1"), str(tmp_path / "day2")], 0, ids={"day1/001", "day2/001"})


def case_jsonl_id_equal_to_a_file_id(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (tmp_path / "more.jsonl").write_text(jsonl({"id": "in/good", "text": OTHER}, {"id": "x", "text": OTHER}))
    where = re.escape(f"{tmp_path / 'more.jsonl'}:1")
    first = re.escape(str(folder / "good.txt"))
    message = rf"{where}: article id 'in/good' is already the id of {first}; skipped"
    return Case([str(folder), str(tmp_path / "more.jsonl")], 1, [message], {"in/good", "x"})


def case_same_id_twice_in_one_file(tmp_path: Path) -> Case:
    good_folder(tmp_path)
    path = tmp_path / "in" / "a.jsonl"
    path.write_text(jsonl({"id": "x", "text": OTHER}, {"id": "x", "text": GOOD}))
    message = rf"{re.escape(f'{path}:2')}: article id 'x' is already the id of {re.escape(f'{path}:1')}; skipped"
    return Case([str(tmp_path / "in")], 1, [message], {"in/good", "x"})


def case_ids_differ_only_in_case_and_punctuation(tmp_path: Path) -> Case:
    ids = ["Talks", "talks", "a.b", "a-b", "a b", "A_B", "día"]
    stdin = jsonl(*({"id": i, "text": OTHER} for i in ids)).encode("utf-8")
    return Case(["-"], 0, ids=set(ids), stdin=stdin)


def case_line_separators_inside_a_line(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    text = "Visit\u2028note\n\nKenya welcomed Uganda\u0085on Tuesday.\u2029\n"
    (folder / "a.jsonl").write_text(json.dumps({"id": "sep", "text": text}, ensure_ascii=False) + "\n")
    return Case([str(folder)], 0, ids={"in/good", "sep"})


def case_bad_byte_in_one_jsonl_line(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    bad = b'{"id": "l2", "text": "bad \xff byte. Kenya met Uganda."}\n'
    body = jsonl({"id": "l1", "text": OTHER}).encode() + bad + jsonl({"id": "l3", "text": GOOD}).encode()
    (folder / "a.jsonl").write_bytes(body)
    where = re.escape(f"{folder / 'a.jsonl'}:2")
    message = rf"{where}: warning: not valid UTF-8 \(byte {bad.index(0xFF)}\); bad bytes replaced with U\+FFFD"
    return Case([str(folder)], 0, [message], {"in/good", "l1", "l2", "l3"})


def case_control_characters(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    text = "Visit\x0c\n\nKenya\x00 welcomed\x1b Uganda on Tuesday.\n"
    (folder / "a.jsonl").write_text(jsonl({"id": "ctl\x07", "title": "T\x01", "text": text}))
    where = re.escape(f"{folder / 'a.jsonl'}:1")
    return Case([str(folder)], 0, [rf"{where}: warning: 5 character\(s\) .* replaced"], {"in/good", "ctl "})


def case_file_name_not_utf8(tmp_path: Path) -> Case:
    """A file name that is not UTF-8 (shown with its byte escaped; its id gets U+FFFD), into a store too."""
    folder = good_folder(tmp_path)
    with open(os.fsencode(str(folder)) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(OTHER.encode())
    where = re.escape(f"{folder}/caf\\xe9.txt")
    message = rf"{where}: warning: 1 character\(s\) .* replaced"
    return Case([str(folder), "--store", str(tmp_path / "store")], 0, [message], {"in/good", "in/caf\ufffd"})


def case_invalid_date(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "a.jsonl").write_text(
        jsonl({"id": "d1", "text": OTHER, "date": "2020-13-45"}, {"id": "d2", "text": GOOD, "date": "yesterday"})
    )
    where = re.escape(str(folder / "a.jsonl"))
    return Case(
        [str(folder)],
        0,
        [
            rf"{where}:1: warning: invalid date .2020-13-45. \(want ISO 8601, e.g. 2024-05-17\); "
            "the article is undated",
            rf"{where}:2: warning: invalid date 'yesterday' .*",
        ],
        {"in/good", "d1", "d2"},
    )


def case_id_with_separator(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "a.jsonl").write_text(jsonl({"id": "a|b", "text": OTHER}))
    where = re.escape(f"{folder / 'a.jsonl'}:1")
    message = rf"{where}: article id 'a\|b' contains '\|', which separates article ids in the graph"
    return Case([str(folder)], 1, [message], {"in/good"}, {"a|b"})


def case_missing_path(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    return Case(
        [str(folder), str(tmp_path / "nope")],
        1,
        [rf"{re.escape(str(tmp_path / 'nope'))}: no such file or folder"],
        {"in/good"},
    )


def case_empty_article(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "empty.txt").write_text(" \n\n", encoding="utf-8")
    return Case(
        [str(folder)], 1, [rf"{re.escape(str(folder / 'empty.txt'))}: empty article"], {"in/good"}, {"in/empty"}
    )


def case_binary_file(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    message = rf"{re.escape(str(folder / 'image.txt'))}: binary file \(contains NUL bytes\), not an article"
    return Case([str(folder)], 1, [message], {"in/good"})


def case_binary_jsonl(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "dump.jsonl").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 20)
    message = rf"{re.escape(str(folder / 'dump.jsonl'))}: binary file \(contains NUL bytes\), not JSONL"
    return Case([str(folder)], 1, [message], {"in/good"})


def case_malformed_json(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "a.jsonl").write_text('{"id": "a", "text": "A."\n' + jsonl({"id": "b", "text": OTHER}))
    where = re.escape(f"{folder / 'a.jsonl'}:1")
    return Case(
        [str(folder)], 1, [rf"{where}: malformed JSON \(Expecting ',' delimiter at column 25\)"], {"in/good", "b"}
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('["a list"]', "a JSONL line must be an object"),
        ('{"id": "a"}', "missing 'text' string"),
        ('{"id": "a", "text": 5}', "missing 'text' string"),
        ('{"text": "Kenya met Uganda."}', "missing 'id'"),
        ('{"id": "  ", "text": "Kenya met Uganda."}', "missing 'id'"),
        ('{"id": {"x": 1}, "text": "Kenya met Uganda."}', "missing 'id'"),
        ('{"id": "a", "text": " \\n "}', "empty article"),
        ('{"id": "a", "text": "Kenya met Uganda.", "title": 5}', "'title' must be a string or null"),
        ('{"id": "a", "text": "Kenya met Uganda.", "date": ["2020"]}', "'date' must be a string or null"),
    ],
)
def test_bad_jsonl_object(tmp_path: Path, line: str, problem: str) -> None:
    folder = good_folder(tmp_path)
    (folder / "a.jsonl").write_text(line + "\n" + jsonl({"id": "kept", "text": OTHER}))
    message = f"{re.escape(str(folder / 'a.jsonl'))}:1: {re.escape(problem)}"
    run_case(Case([str(folder)], 1, [message], {"in/good", "kept"}), tmp_path)


def case_unsupported_file(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (tmp_path / "notes.csv").write_text("a,b\n")
    message = (
        rf"{re.escape(str(tmp_path / 'notes.csv'))}: unsupported file type '\.csv'; use \.txt, \.jsonl, \.html, \.htm"
    )
    return Case([str(folder), str(tmp_path / "notes.csv")], 1, [message], {"in/good"})


def case_empty_folder(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (tmp_path / "empty").mkdir()
    message = rf"{re.escape(str(tmp_path / 'empty'))}: folder has no article files \(\.txt, \.jsonl, \.html, \.htm\)"
    return Case([str(folder), str(tmp_path / "empty")], 1, [message], {"in/good"})


def case_html_without_text(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "page.html").write_text("<html><head><title>Menu</title></head><body><script>go()</script></body></html>")
    return Case(
        [str(folder)], 1, [rf"{re.escape(str(folder / 'page.html'))}: no article text found in the HTML"], {"in/good"}
    )


def case_broken_link(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    return Case([str(folder)], 1, [rf"{re.escape(str(folder / 'gone.txt'))}: broken symbolic link"], {"in/good"})


def case_named_pipe_in_a_folder(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    os.mkfifo(folder / "pipe.jsonl")
    message = (
        rf"{re.escape(str(folder / 'pipe.jsonl'))}: not a regular file \(a named pipe or device\); give it by name .*"
    )
    return Case([str(folder)], 1, [message], {"in/good"})


def case_bom_crlf_and_blank_lines(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    body = "\ufeff" + json.dumps({"id": "b1", "text": OTHER}) + "\r\n\r\n   \n" + json.dumps({"id": "b2", "text": GOOD})
    (folder / "a.jsonl").write_text(body + "\r\n", encoding="utf-8")
    return Case([str(folder)], 0, ids={"in/good", "b1", "b2"})


def case_one_endless_word(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (folder / "word.txt").write_text("Noise\n\n" + "x" * 70_000 + " " + OTHER, encoding="utf-8")
    return Case([str(folder)], 0, ids={"in/good", "in/word"})


def case_unknown_output_extension(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    out = tmp_path / "out" / "g.docx"
    return Case([str(folder), "-o", str(out)], 2, [rf"{re.escape(str(out))}: unknown output extension .*"])


def case_output_is_a_folder(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (tmp_path / "out" / "g.trig").mkdir(parents=True)
    message = rf"{re.escape(str(tmp_path / 'out' / 'g.trig'))}: is a folder, not a file"
    return Case([str(folder)], 2, [message], outputs=("g.trig",))


def case_output_parent_is_a_file(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (tmp_path / "out").write_text("a file")
    target = re.escape(str(tmp_path / "out" / "g.trig"))
    return Case(
        [str(folder)],
        2,
        [rf"{target}: cannot create it: {re.escape(str(tmp_path / 'out'))} is a file, not a folder"],
        outputs=("g.trig",),
    )


def case_output_given_twice(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    out = tmp_path / "out" / "g.trig"
    return Case(
        [str(folder), "-o", str(out)], 2, [rf"{re.escape(str(out))}: given twice as an output"], outputs=("g.trig",)
    )


def case_output_is_an_input(tmp_path: Path) -> Case:
    good_folder(tmp_path)
    source = tmp_path / "in" / "a.jsonl"
    source.write_text(jsonl({"id": "x", "text": OTHER}))
    message = rf"{re.escape(str(source))}: is an input file; it would be overwritten"
    return Case([str(source), "--merge-report", str(source)], 2, [message])


def case_store_is_a_file(tmp_path: Path) -> Case:
    folder = good_folder(tmp_path)
    (tmp_path / "store").write_text("not a folder")
    return Case(
        [str(folder), "--store", str(tmp_path / "store")],
        2,
        [rf"{re.escape(str(tmp_path / 'store'))}: is a file, not a store folder"],
    )


CASES: dict[str, Callable[[Path], Case]] = {
    name[len("case_") :]: function for name, function in sorted(globals().items()) if name.startswith("case_")
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case(name: str, tmp_path: Path) -> None:
    run_case(CASES[name](tmp_path), tmp_path)


def test_a_long_article_keeps_its_offsets_and_its_statements(tmp_path: Path) -> None:
    """Past spaCy's max_length the article is cut and joined back: its statements are those of the short text,
    and their offsets point into the long one."""
    text = long_text()
    (tmp_path / "long.jsonl").write_text(jsonl({"id": "long", "text": text}, {"id": "short", "text": GOOD + OTHER}))
    run_case(Case([str(tmp_path / "long.jsonl")], 0, ids={"long", "short"}), tmp_path)
    dataset = Dataset(default_union=True)
    dataset.parse(tmp_path / "out" / "g.trig", format="trig")
    found: dict[str, set[tuple[str, str, str]]] = {"long": set(), "short": set()}
    for statement in dataset.subjects(RDF.type, NKG.Statement):
        article = str(dataset.value(statement, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
        start, end = (int(dataset.value(statement, p)) for p in (NKG.startOffset, NKG.endOffset))  # type: ignore[arg-type]
        sentence = str(dataset.value(statement, NKG.sentence))
        key = "long" if article.endswith("/long") else "short"
        if key == "long":
            assert sentence in text and text[start:end] in sentence, (start, end, sentence)
        found[key].add(
            (str(dataset.value(statement, RDF.predicate)), sentence, text[start:end] if key == "long" else "")
        )
    assert len(found["long"]) == 2
    assert {(p, s) for p, s, _ in found["long"]} == {(p, s) for p, s, _ in found["short"]}
    assert any(trigger == "welcomed" for _, _, trigger in found["long"])  # the statement after the millionth char


def test_the_long_article_is_split_into_pieces_that_join_back() -> None:
    text = ("Para one. " * 300 + "\n\n") * 20 + "x" * 50_000 + " end.\n" + "Sentence. " * 5000
    pieces = newskg.batch.split_text(text, 2_000)
    assert "".join(pieces) == text and all(len(piece) <= 2_000 for piece in pieces)
    assert sum(piece.endswith("\n\n") for piece in pieces) >= 19  # cut at the paragraph breaks where there are some


def test_a_failing_article_fails_alone_in_one_process(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while parsing (in the model), extracting or building records costs that article only."""
    real_pipe, real_records = newskg.batch.pipe_model, newskg.batch.doc_to_records

    def pipe(nlp: Language, texts: list[str]) -> list:
        if any("CRASH" in text for text in texts):
            raise ValueError("the model fell over")
        return real_pipe(nlp, texts)

    def records(doc, article: Article):
        if "EXPLODE" in doc.text:
            raise RuntimeError("records\nwith two lines")
        return real_records(doc, article)

    monkeypatch.setattr(newskg.batch, "pipe_model", pipe)
    monkeypatch.setattr(newskg.batch, "doc_to_records", records)
    texts = [OTHER, "CRASH " + GOOD, GOOD, "EXPLODE " + OTHER, OTHER]
    articles = [Article(f"a{i}", text) for i, text in enumerate(texts)]
    summary, messages = RunSummary(), []
    kept = [
        r.article.id for r in extract_records(articles, ExtractOptions(batch_size=5), summary, messages.append, nlp)
    ]
    assert kept == ["a0", "a2", "a4"]
    assert messages == [
        "a1: parsing failed (ValueError: the model fell over)",
        "a3: building records failed (RuntimeError: records)",
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="the patched worker function reaches the workers by fork")
def test_a_failing_article_fails_alone_in_the_worker_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same isolation in two worker processes (the real pipeline, loaded by each worker)."""
    real_records = newskg.batch.doc_to_records

    def records(doc, article: Article):
        if "EXPLODE" in doc.text:
            raise RuntimeError("no records for this one")
        return real_records(doc, article)

    monkeypatch.setattr(newskg.batch, "doc_to_records", records)
    texts = [OTHER, GOOD, "EXPLODE " + OTHER, GOOD, OTHER]
    articles = [Article(f"w{i}", text) for i, text in enumerate(texts)]
    results = list(newskg.workers.parse_in_processes(articles, newskg.run.DEFAULT_MODEL, {}, 2, 2))
    assert [r if isinstance(r, str) else r.article.id for r in results] == [
        "w0",
        "w1",
        "w2: building records failed (RuntimeError: no records for this one)",
        "w3",
        "w4",
    ]


# --- the store: folders added one run at a time ------------------------------------------------------------


def store_run(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, ["extract", *args, "-q"])
    return result.exit_code, result.stderr


def test_store_runs_never_replace_another_sources_article(tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "g.trig"
    for place, day, text in (("a", "day1", GOOD), ("a", "day2", OTHER), ("b", "day1", OTHER)):
        (tmp_path / place / day).mkdir(parents=True, exist_ok=True)
        (tmp_path / place / day / "001.txt").write_text(text, encoding="utf-8")
    # Daily folders, one run each: both kept.
    assert store_run([str(tmp_path / "a" / "day1"), "--store", str(store), "-o", str(out)])[0] == 0
    assert store_run([str(tmp_path / "a" / "day2"), "--store", str(store), "-o", str(out)])[0] == 0
    assert article_ids(out) == {"day1/001", "day2/001"}
    # Another folder of the same name: the same id from another source is an error, the stored one stays.
    code, stderr = store_run([str(tmp_path / "b" / "day1"), "--store", str(store), "-o", str(out)])
    first = stderr.splitlines()[0]
    assert code == 1 and first == (
        f"newskg: {tmp_path / 'b' / 'day1' / '001.txt'}: article id 'day1/001' is already in the store, from"
        f" {tmp_path / 'a' / 'day1' / '001.txt'}; skipped (rename one of them, or use --prune to make the store hold"
        " only this run's inputs)"
    )
    assert article_ids(out) == {"day1/001", "day2/001"}
    assert "France" in (tmp_path / "g.trig").read_text(encoding="utf-8")
    # The same source, changed: updated, exit 0.
    (tmp_path / "a" / "day1" / "001.txt").write_text(OTHER.replace("Kenya", "Tanzania"), encoding="utf-8")
    code, stderr = store_run([str(tmp_path / "a" / "day1"), "--store", str(store), "-o", str(out)])
    assert code == 0, stderr
    assert "Tanzania" in out.read_text(encoding="utf-8") and "France" not in out.read_text(encoding="utf-8")


# --- output failures: disk full, no write access ---------------------------------------------------------------


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount small tmpfs file systems (root only; skipped where mounting is not allowed)."""
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    gc.collect()  # a store opened in this process lets go of its files
    for point in mounted:
        if subprocess.run(["umount", str(point)], capture_output=True).returncode:
            subprocess.run(["umount", "--lazy", str(point)], check=True)


def test_disk_full_is_one_line_and_the_old_file_stays(tmp_path: Path, tmpfs: Callable[[str], Path]) -> None:
    disk = tmpfs("size=256k")
    old = disk / "g.trig"
    old.write_text("the old graph\n")
    filler = disk / "filler"
    try:  # fill the disk to the last block
        with filler.open("wb", buffering=0) as handle:
            while True:
                handle.write(b"x" * 4096)
    except OSError as err:
        assert err.errno == errno.ENOSPC
    folder = good_folder(tmp_path)
    result = runner.invoke(app, ["extract", str(folder), "-o", str(old), "-o", str(tmp_path / "g.gexf"), "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"newskg: {old}: cannot write (No space left on device); the old file is unchanged"
    )
    assert old.read_text() == "the old graph\n"
    nx.read_gexf(tmp_path / "g.gexf")  # the other output is written
    assert no_temp_files(disk) == [] and sorted(p.name for p in disk.iterdir()) == ["filler", "g.trig"]


def test_a_full_disk_under_the_store_is_one_line_and_the_next_run_completes_it(
    tmp_path: Path, tmpfs: Callable[[str], Path]
) -> None:
    disk = tmpfs("size=700k")  # room to open the store's two databases, not to hold the run
    folder = good_folder(tmp_path)
    for number in range(60):
        (folder / f"other{number}.txt").write_text(OTHER.replace("Tuesday", f"day {number}"), encoding="utf-8")
    args = ["extract", str(folder), "--store", str(disk / "store"), "-o", str(tmp_path / "g.trig"), "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"newskg: {disk / 'store'}: cannot write the store (IO error: No space left on device")
    assert line.endswith("; the articles it held are kept, and the next run completes it")
    subprocess.run(["mount", "-o", "remount,size=20m", str(disk)], check=True)
    # In this process the failed run's store handle (and its lock) goes with the exception's frames.
    del result
    gc.collect()
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert article_ids(tmp_path / "g.trig") == {"in/good", *(f"in/other{number}" for number in range(60))}


def test_no_write_access_is_found_before_the_work(tmp_path: Path, tmpfs: Callable[[str], Path]) -> None:
    if os.geteuid() == 0:
        locked = tmpfs("ro,size=64k")
        problem = "Read-only file system"
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        problem = "Permission denied"
    folder = good_folder(tmp_path)
    result = runner.invoke(app, ["extract", str(folder), "-o", str(locked / "g.trig"), "-q"])
    assert result.exit_code == 2
    assert result.stderr == f"newskg: {locked / 'g.trig'}: cannot write in {locked} ({problem})\n"


def test_file_too_large_at_write_time(tmp_path: Path) -> None:
    """A real write error from the kernel (RLIMIT_FSIZE: EFBIG), in a subprocess: one line, the rest written."""
    folder = good_folder(tmp_path)
    (tmp_path / "g.trig").write_text("old\n")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newskg",
            "extract",
            str(folder),
            "-o",
            str(tmp_path / "g.trig"),
            "-o",
            str(tmp_path / "g.nodes.csv"),
        ],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert (
        done.stderr.splitlines()[0]
        == f"newskg: {tmp_path / 'g.trig'}: cannot write (File too large); the old file is unchanged"
    )
    assert (tmp_path / "g.trig").read_text() == "old\n"
    assert "France" in (tmp_path / "g.nodes.csv").read_text()
    assert no_temp_files(tmp_path) == []


# --- a named pipe, read once ---------------------------------------------------------------------------------


def test_a_named_pipe_given_by_name_is_read_once(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.jsonl"
    os.mkfifo(pipe)
    writer = threading.Thread(
        target=lambda: pipe.write_text(jsonl({"id": "p1", "text": GOOD}, {"id": "p2", "text": OTHER}))
    )
    writer.start()
    try:
        lines = run_case(Case([str(pipe)], 0, ids={"p1", "p2"}), tmp_path)
    finally:
        if writer.is_alive():  # the run did not open the pipe: unblock the writer
            with open(pipe, "rb") as handle:
                handle.read()
        writer.join(10)
    assert lines[-1].startswith("articles read: 2, extracted: 2, failed: 0")


# --- round trip: export of extract's own RDF ---------------------------------------------------------------------


def test_export_of_extracts_rdf_is_the_same_dataset_with_every_merge(tmp_path: Path) -> None:
    """A few hundred articles with merges (names, type families, surnames absorbed into full names): ``export``
    from the TriG gives the same quads, merge records included, and the same bytes."""
    people = ["Ana Lima", "Omar Haddad", "Ingrid Berg", "Tomas Novak", "Grace Mensah"]
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(240):
        person = people[number % len(people)]
        name = person if number % 3 else person.split()[-1]  # a surname alone in every third article
        text = (
            f"Report {number}\n\n{name} of Kenya met officials of Uganda in Nairobi on Monday. "
            f"{name} said Tanzania would sign a trade deal with Rwanda.\n"
        )
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    trig = tmp_path / "g.trig"
    code, stderr = store_run([str(folder), "-o", str(trig), "-o", str(tmp_path / "g.nq")])
    assert code == 0, stderr
    result = runner.invoke(app, ["export", str(trig), "-o", str(tmp_path / "e.trig"), "-o", str(tmp_path / "e.nq")])
    assert result.exit_code == 0, result.stderr
    original, exported = Dataset(), Dataset()
    original.parse(tmp_path / "g.nq", format="nquads")
    exported.parse(tmp_path / "e.nq", format="nquads")
    merges = set(original.subjects(RDF.type, NKG.MergeRecord))
    assert len(merges) > 200  # no blank nodes: the same set of quads is the same dataset
    assert set(original.quads()) == set(exported.quads())
    assert (tmp_path / "e.trig").read_bytes() == trig.read_bytes()
    assert (tmp_path / "e.nq").read_bytes() == (tmp_path / "g.nq").read_bytes()
    absorbed = [m for m in merges if not list(original.triples((original.value(m, NKG.mergedInto), RDF.type, None)))]
    assert absorbed, "the test needs merge records into nodes a surname merge absorbed"
    assert Literal("Kenya") in set(original.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))


def test_newskg_validates_its_own_output_with_bad_dates(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        jsonl(
            {"id": "d1", "text": GOOD, "date": "2020-13-45"},
            {"id": "d2", "text": OTHER, "date": "2021-02-29T10:00:00"},
            {"id": "d3", "text": OTHER, "date": "2021-02-03 10:00"},
            {"id": "d4", "text": GOOD, "date": "2021-02"},
        )
    )
    result = runner.invoke(app, ["extract", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "g.trig"), "-q"])
    assert result.exit_code == 0 and result.stderr.count("warning: invalid date") == 2
    validated = runner.invoke(app, ["validate", str(tmp_path / "g.trig")])
    assert validated.exit_code == 0, validated.output
    assert '"2021-02-03T10:00:00"^^xsd:dateTime' in (tmp_path / "g.trig").read_text()


def test_paragraph_starts_set_in_one_array_equal_the_token_setter(nlp: Language) -> None:
    """newskg_paragraphs sets sentence starts in one array (linear); the result is the token setter's."""
    from newskg.extractor.paragraphs import mark_paragraph_starts

    texts = [GOOD + OTHER, "Head\n\n\nOne. Two.\n \nThree\n", "\nLead\r\nline\n\n", "No break at all."]
    for text in texts:
        expected = nlp.make_doc(text)
        for token in expected[1:]:
            if "\n" in expected[token.i - 1].text_with_ws and not token.is_space:
                token.is_sent_start = True
        got = mark_paragraph_starts(nlp.make_doc(text))
        assert [t.sent_start for t in got] == [t.sent_start for t in expected], text
