"""Shared fixtures: one loaded pipeline per test session, and paths to bundled data; a summary of the
third-party clients the session ran (or skipped, and why)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language

import newskg.run
from newskg.extractor.pipeline import load_pipeline
from newskg.extractor.records import doc_to_records
from newskg.model import Article, ArticleRecords

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "articles"
# The shared folder beside the repo (gold data, reference scorer); NEWSKG_SHARED points elsewhere.
SHARED = Path(os.environ.get("NEWSKG_SHARED") or REPO.parent / "shared")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp: Language):
    """Run the pipeline on one text and return its records."""

    def run(text: str, article_id: str = "test", date: str | None = None) -> ArticleRecords:
        article = Article(id=article_id, text=text, date=date)
        return doc_to_records(nlp(text), article)

    return run


@pytest.fixture
def shared_nlp(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Runs reuse the session's pipeline; the list counts how often a run loaded one."""
    loads: list[int] = []

    def load(*args: object, **kwargs: object) -> Language:
        loads.append(1)
        return nlp

    monkeypatch.setattr(newskg.run, "load_pipeline", load)
    return loads


Edge = tuple[str, str, str]


def edges(records: ArticleRecords) -> set[Edge]:
    """(subject label, relation, object label) of every relation, both ways for a symmetric one."""
    labels = {entity.key: entity.label for entity in records.entities}
    found = set()
    for relation in records.relations:
        subject, obj = labels[relation.subject], labels[relation.object]
        found.add((subject, relation.predicate, obj))
        if relation.symmetric:
            found.add((obj, relation.predicate, subject))
    return found


# --- which third-party clients ran -------------------------------------------------------------------------------

# Tests marked @pytest.mark.client(NAME), and tests using these fixtures, read newskg's files with a real client.
CLIENT_FIXTURES = {"chromium": "chromium (the view's browser tests)"}
CLIENT_OUTCOMES: dict[str, Counter[str]] = {}
CLIENT_SKIPS: dict[str, set[str]] = {}


def client_names(item: pytest.Item) -> list[str]:
    names = [str(marker.args[0]) for marker in item.iter_markers("client")]
    return names + [name for fixture, name in CLIENT_FIXTURES.items() if fixture in getattr(item, "fixturenames", ())]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    for name in client_names(item):
        outcomes = CLIENT_OUTCOMES.setdefault(name, Counter())
        if report.skipped:
            outcomes["skipped"] += 1
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            CLIENT_SKIPS.setdefault(name, set()).add(str(reason).removeprefix("Skipped: "))
        elif report.failed:
            outcomes["failed"] += 1
        elif report.when == "call":
            outcomes["passed"] += 1
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    """One line per client: how many of its tests ran, or that it was skipped and why (CI's log shows it)."""
    if not CLIENT_OUTCOMES:
        return
    terminalreporter.section("third-party clients")
    for name in sorted(CLIENT_OUTCOMES):
        outcomes = CLIENT_OUTCOMES[name]
        ran = outcomes["passed"] + outcomes["failed"]
        line = f"{name}: " + (f"ran {ran} test{'s' if ran != 1 else ''}" if ran else "NOT RUN")
        if outcomes["failed"]:
            line += f" ({outcomes['failed']} failed)"
        if outcomes["skipped"]:
            line += f"; {outcomes['skipped']} skipped: {'; '.join(sorted(CLIENT_SKIPS.get(name, ())))}"
        terminalreporter.write_line(line)
