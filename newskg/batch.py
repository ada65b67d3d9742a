"""Parse one batch of articles into records: the worker function every engine calls.

:func:`parse_batch` takes plain :class:`Article` objects and gives back, for each
in order, its :class:`ArticleRecords` (text dropped) or a one-line message
saying why it failed. It knows nothing of processes or engines: the one-process
path, the local worker pool (:mod:`newskg.workers`) and any other engine call it
the same way; :func:`parse_articles` loads the pipeline once per process.

Isolation: a failure while parsing, extracting or building records fails that
article alone (a batch that fails in the model is parsed again article by
article, so only the article that fails on its own is lost).

Long articles are extracted, not rejected: an article longer than
:data:`CHUNK_CHARS` is cut at paragraph breaks (else line breaks, else sentence
ends, else spaces) into pieces that the model's own components (tagger,
parser, NER) parse one by one, in groups of at most :data:`GROUP_CHARS`
characters, so the model's memory is bounded whatever the article's length.
The pieces are joined with ``Doc.from_docs`` (text and character offsets exactly
the article's) before newskg's document-level components (entities,
coreference, relations) run on the whole article. A line break already ends a
sentence (``newskg_paragraphs``), so a cut there changes no sentence.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newskg.extractor.pipeline import COMPONENTS, load_pipeline
from newskg.extractor.records import doc_to_records
from newskg.model import Article, ArticleRecords
from newskg.reprints import fingerprint

# Longest piece of text the model parses at once: most news articles are one piece (unchanged output).
CHUNK_CHARS = 20_000
# Most characters given to the model in one nlp.pipe call (about 64 typical news articles).
GROUP_CHARS = 200_000
# The components that need the whole article (coreference, relations): they run on the joined Doc.
DOC_COMPONENTS = COMPONENTS
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
MESSAGE_CHARS = 200

Result = ArticleRecords | str


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Pieces of at most ``limit`` characters that join back to ``text`` exactly (linear in its length)."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = cut_point(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def cut_point(text: str, start: int, stop: int) -> int:
    """Where to end a piece that starts at ``start`` and may not reach past ``stop``.

    The best boundary in the piece's second half: a blank line, a line break, a sentence end, a space;
    a word is cut only when the half holds none of them.
    """
    middle = start + (stop - start) // 2
    for mark in ("\n\n", "\n"):
        found = text.rfind(mark, middle, stop)
        if found >= 0:
            return found + len(mark)
    ends = [match.end() for match in SENTENCE_END.finditer(text, middle, stop)]
    if ends:
        return ends[-1]
    space = max(text.rfind(" ", middle, stop), text.rfind("\t", middle, stop))
    return space + 1 if space >= 0 else stop


def failure(article: Article, stage: str, err: BaseException) -> str:
    """One line naming the article's file (and line) and the problem."""
    detail = str(err).strip().splitlines()[0] if str(err).strip() else ""
    if len(detail) > MESSAGE_CHARS:
        detail = detail[:MESSAGE_CHARS] + "..."
    return f"{article.where}: {stage} failed ({type(err).__name__}{': ' + detail if detail else ''})"


def parse_batch(articles: list[Article], nlp: Language, limit: int = CHUNK_CHARS) -> list[Result]:
    """Records (or a failure message) for each article, in order; see the module docstring.

    An article's Docs are kept only until its last piece is parsed: memory holds one group of pieces and
    the article being finished, whatever the batch holds.
    """
    limit = max(1, min(limit, nlp.max_length - 1))
    # Every article's pieces, in order, tagged with the article's position in the batch.
    pieces = [(index, piece) for index, article in enumerate(articles) for piece in split_text(article.text, limit)]
    remaining = Counter(index for index, _ in pieces)
    docs: dict[int, list[Doc]] = {}
    failed: dict[int, str] = {}
    results: dict[int, Result] = {}
    for group in groups(pieces):
        for (index, _), doc in zip(group, model_docs(nlp, group), strict=True):
            if isinstance(doc, Doc):
                docs.setdefault(index, []).append(doc)
            else:
                failed.setdefault(index, failure(articles[index], "parsing", doc))
            remaining[index] -= 1
            if not remaining[index]:
                parsed = docs.pop(index, [])
                results[index] = failed[index] if index in failed else article_records(nlp, articles[index], parsed)
    return [results[index] for index in range(len(articles))]


def groups(pieces: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """Consecutive pieces in groups of at most GROUP_CHARS characters: the model's memory stays bounded."""
    group: list[tuple[int, str]] = []
    size = 0
    for piece in pieces:
        if group and size + len(piece[1]) > GROUP_CHARS:
            yield group
            group, size = [], 0
        group.append(piece)
        size += len(piece[1])
    if group:
        yield group


def model_docs(nlp: Language, group: list[tuple[int, str]]) -> list[Doc | Exception]:
    """The model's Doc of each piece; if the group fails, each piece is parsed alone (the failure stays with
    its own article)."""
    try:
        return list(pipe_model(nlp, [text for _, text in group]))
    except Exception as err:
        if len(group) == 1:
            return [err]
    results: list[Doc | Exception] = []
    for _, text in group:
        try:
            results.extend(pipe_model(nlp, [text]))
        except Exception as err:
            results.append(err)
    return results


def pipe_model(nlp: Language, texts: list[str]) -> list[Doc]:
    """The model's components (and newskg's per-token ones) over texts, in one nlp.pipe call."""
    if not texts:
        return []
    disable = [name for name in DOC_COMPONENTS if name in nlp.pipe_names]
    return list(nlp.pipe(texts, batch_size=len(texts), disable=disable))


def article_records(nlp: Language, article: Article, docs: list[Doc]) -> Result:
    """Join the pieces, run the document-level components and make the records; a failure is a message."""
    try:
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        for name in DOC_COMPONENTS:
            if name in nlp.pipe_names:
                doc = nlp.get_pipe(name)(doc)
    except Exception as err:
        return failure(article, "extraction", err)
    try:
        records = doc_to_records(doc, article)
    except Exception as err:
        return failure(article, "building records", err)
    # The graph keeps only the article's metadata, and the fingerprint that finds its reprints.
    return replace(records, article=replace(article, text="", fingerprint=fingerprint(article.text, article.title)))


# The pipeline of this process, loaded once (a worker process, or a distributed engine's worker).
PIPELINES: dict[str, Language] = {}


def process_pipeline(model: str, config: dict[str, dict[str, Any]]) -> Language:
    """The newskg pipeline for these settings, loaded once per process."""
    key = json.dumps([model, config], sort_keys=True)
    if key not in PIPELINES:
        PIPELINES.clear()
        PIPELINES[key] = load_pipeline(model, config)
    return PIPELINES[key]


def parse_articles(articles: list[Article], model: str, config: dict[str, dict[str, Any]]) -> list[Result]:
    """:func:`parse_batch` with this process's pipeline: what a worker of any engine runs on one batch."""
    return parse_batch(articles, process_pipeline(model, config))
