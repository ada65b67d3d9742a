"""Shared fixtures: one loaded pipeline per test session, and paths to bundled data."""

from __future__ import annotations

import os
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
