"""The extraction run: streaming, worker count and worker processes, progress bar, summary line."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
from collections.abc import Iterator

import pytest

import newskg.run
import newskg.workers
from newskg.extractor.pipeline import DEFAULT_MODEL
from newskg.model import Article, ArticleRecords
from newskg.progress import RunProgress, wants_progress
from newskg.run import ExtractOptions, RunSummary, extract_records, worker_count


def test_articles_are_consumed_lazily(shared_nlp: list[int]) -> None:
    """Records come out while the input is still being read: nothing collects the input first."""
    events: list[str] = []

    def generated() -> Iterator[Article]:
        for round_ in range(3):  # the same 100 small articles, repeated
            for number in range(100):
                events.append("read")
                yield Article(id=f"{round_}-{number}", text=f"Kenya welcomed Uganda on day {number}.")

    summary = RunSummary()
    for records in extract_records(generated(), ExtractOptions(batch_size=16), summary, report=print):
        events.append("record")
        assert records.article.text == ""  # the text is dropped once parsed
    assert summary.extracted == 300 and events.count("read") == 300
    first_record = events.index("record")
    assert first_record < 40, "the first record waited for more than about two batches of input"
    assert events[-1] == "record" and "record" in events[: events.index("read", 250)]


def test_nothing_to_parse_loads_no_model(shared_nlp: list[int]) -> None:
    assert list(extract_records(iter([]), ExtractOptions(), RunSummary(), report=print)) == []
    assert shared_nlp == []


def test_worker_count_uses_every_core_only_for_large_inputs() -> None:
    assert worker_count(3, 10) == 3
    assert worker_count(None, 10) == 1
    assert worker_count(None, 5000) >= 1
    assert worker_count(None, 5000) == worker_count(None, 201)


def test_progress_bar_only_on_a_terminal_and_not_quiet() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wants_progress(False, Terminal())
    assert not wants_progress(True, Terminal())
    assert not wants_progress(False, io.StringIO())
    summary = RunSummary(extracted=2, words=40)
    with RunProgress(enabled=True, total=2, stream=Terminal()) as bar:
        bar.update(summary)
        assert bar.progress is not None and bar.progress.tasks[0].completed == 2


def test_summary_line_has_counts_words_and_speed() -> None:
    line = RunSummary(read=3, extracted=2, failed=1, words=1000, seconds=2.0).line()
    assert line == "articles read: 3, extracted: 2, failed: 1; 1000 words in 2.0 s (500 words/s)"


def parse_or_die(batch: list[Article], model: str, config: dict) -> list[ArticleRecords | str]:
    """A worker without a model: records for every article, and death (SIGKILL) on one that says so."""
    if any("DIE" in article.text for article in batch):
        os.kill(os.getpid(), signal.SIGKILL)
    return [ArticleRecords(article, [], [], words=1) for article in batch]


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched worker reaches workers by fork")
def test_a_killed_worker_loses_only_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newskg.workers, "start_worker", lambda model, config, parent: None)
    monkeypatch.setattr(newskg.workers, "parse_in_worker", parse_or_die)
    articles = [Article(f"a{i}", "DIE" if i == 4 else "text") for i in range(10)]
    results = list(newskg.workers.parse_in_processes(articles, DEFAULT_MODEL, {}, 2, 3))
    assert [r if isinstance(r, str) else r.article.id for r in results] == [
        *(f"a{i}" for i in range(4)),
        "a4: extraction failed (its worker process died: killed or out of memory)",
        *(f"a{i}" for i in range(5, 10)),
    ]
