"""The extraction run as a library function: read, parse, record, merge, write.

The CLI is a thin layer over :func:`extract`; tests call it directly.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from spacy.language import Language

from newskg.extractor.pipeline import DEFAULT_MODEL, load_pipeline
from newskg.extractor.records import doc_to_records
from newskg.graphs.build import KnowledgeGraph
from newskg.graphs.formats import OutputOptions, format_for_path, write_graph
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.model import Article, ArticleRecords
from newskg.reader import ReadError, read_articles


@dataclass
class RunSummary:
    read: int = 0
    extracted: int = 0
    failed: int = 0
    words: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"articles read: {self.read}, extracted: {self.extracted}, failed: {self.failed}"


@dataclass
class ExtractOptions:
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    n_process: int = 1
    merge: bool = True
    base_iri: str = DEFAULT_BASE_IRI
    lexicons: list[str] = field(default_factory=list)
    merge_report: str | None = None


def good_articles(
    items: Iterable[Article | ReadError], summary: RunSummary, report: Callable[[str], None]
) -> Iterator[Article]:
    """Pass articles on; count and report the inputs that could not be read."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, ReadError):
            summary.failed += 1
            summary.errors.append(str(item))
            report(str(item))
            continue
        summary.read += 1
        if item.id in seen:
            summary.failed += 1
            message = f"{item.id}: duplicate article id, later copy skipped"
            summary.errors.append(message)
            report(message)
            continue
        seen.add(item.id)
        yield item


def extract_records(
    articles: Iterable[Article],
    options: ExtractOptions,
    summary: RunSummary,
    report: Callable[[str], None],
    nlp: Language | None = None,
) -> Iterator[ArticleRecords]:
    """Stream articles through the pipeline; one article's failure never loses the others.

    ``nlp`` is an already loaded newskg pipeline (tests share one); without it ``options.model`` is loaded.
    """
    if nlp is None:
        nlp = load_pipeline(options.model, {"newskg_relations": {"lexicons": list(options.lexicons)}})
    stream = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=options.batch_size, n_process=options.n_process):
        try:
            records = doc_to_records(doc, article)
        except Exception as err:  # one bad article must not end the run
            summary.failed += 1
            message = f"{article.id}: extraction failed ({type(err).__name__}: {err})"
            summary.errors.append(message)
            report(message)
            continue
        summary.extracted += 1
        summary.words += records.words
        yield records


def extract(
    paths: list[str],
    outputs: list[str],
    options: ExtractOptions | None = None,
    stdin: IO[str] | None = None,
    report: Callable[[str], None] | None = None,
) -> tuple[KnowledgeGraph, RunSummary]:
    """Run extraction over the inputs and write every output file."""
    options = options or ExtractOptions()
    report = report or (lambda message: print(message, file=sys.stderr))
    for output in outputs:
        format_for_path(output)  # fail before any work on an unknown extension
    summary = RunSummary()
    graph = KnowledgeGraph()
    articles = good_articles(read_articles(paths, stdin=stdin), summary, report)
    for records in extract_records(articles, options, summary, report):
        graph.add(records, merge=options.merge)
    if options.merge:
        graph.merge_surnames()
    if options.merge_report:
        write_merge_report(graph, options.merge_report)
    output_options = OutputOptions(base_iri=options.base_iri)
    for output in outputs:
        write_graph(graph, output, output_options)
    return graph, summary


def write_merge_report(graph: KnowledgeGraph, path: str) -> None:
    """Every cross-article merge (and refused surname merge) with its reason, as JSON."""
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"merges": graph.merges}, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
