"""The extraction run as a library function: read, parse, record, merge, write.

Articles stream through: each is read, parsed, turned into records and dropped;
only the merged graph grows. The CLI is a thin layer over :func:`extract`; tests
call it directly.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import IO, Any

import spacy.util
from spacy.language import Language
from spacy.util import minibatch

from newskg import __version__
from newskg.extractor.pipeline import DEFAULT_MODEL, load_pipeline
from newskg.extractor.records import doc_to_records
from newskg.graphs.events import DEFAULT_EVENT_WINDOW
from newskg.graphs.formats import OutputOptions, format_for_path, write_atomic, write_graph
from newskg.graphs.merge import merge_records
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.model import Article, ArticleRecords, KnowledgeGraph
from newskg.progress import RunProgress
from newskg.reader import SUFFIXES, ReadError, read_articles
from newskg.reprints import SCHEME as FINGERPRINT_SCHEME
from newskg.reprints import fingerprint
from newskg.store import (
    Store,
    article_hash,
    merged_graph,
    open_store,
    output_is_current,
    put_article,
    rdf_is_current,
    read_state,
    record_output,
    state_digest,
    update_store,
)

# Articles per nlp.pipe batch: measured with bench/pipeline_costs.py (docs/performance.md).
DEFAULT_BATCH_SIZE = 64
# Below this many articles, starting worker processes (each loads the model) costs more than it gains.
PARALLEL_MIN_ARTICLES = 200


@dataclass
class RunSummary:
    read: int = 0
    extracted: int = 0
    failed: int = 0
    unchanged: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        counts = f"articles read: {self.read}, extracted: {self.extracted}, failed: {self.failed}"
        if self.unchanged:
            counts += f", unchanged: {self.unchanged}"
        rate = self.words / self.seconds if self.seconds else 0.0
        return f"{counts}; {self.words} words in {self.seconds:.1f} s ({rate:.0f} words/s)"

    def fail(self, message: str, report: Callable[[str], None]) -> None:
        """Count and report one input that failed; the run goes on."""
        self.failed += 1
        self.errors.append(message)
        report(message)


@dataclass
class ExtractOptions:
    model: str = DEFAULT_MODEL
    batch_size: int = DEFAULT_BATCH_SIZE
    n_process: int | None = 1  # None: decide from the input size (see :func:`worker_count`)
    merge: bool = True
    base_iri: str = DEFAULT_BASE_IRI
    lexicons: list[str] = field(default_factory=list)
    store: str | None = None
    prune: bool = False  # with a store: forget stored articles this run did not read
    merge_report: str | None = None
    event_window: int = DEFAULT_EVENT_WINDOW  # days: statements of one pair this close are one event
    isolated: bool = True  # False: the network formats leave out entities without relations (RDF keeps them)


def good_articles(
    items: Iterable[Article | ReadError], summary: RunSummary, report: Callable[[str], None]
) -> Iterator[Article]:
    """Pass articles on; count and report the inputs that could not be read."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, ReadError):
            summary.fail(str(item), report)
            continue
        summary.read += 1
        if item.id in seen:
            summary.fail(f"{item.id}: duplicate article id, later copy skipped", report)
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

    The model is loaded only when there is a first article to parse (an incremental
    run with nothing new never loads it). ``nlp`` is an already loaded newskg pipeline
    (tests share one); it parses in this process.
    """
    remaining = iter(articles)
    first = next(remaining, None)
    if first is None:
        return
    stream = itertools.chain([first], remaining)
    n_process = options.n_process or 1
    if nlp is not None:
        results = parse(nlp, stream, options.batch_size)
    elif n_process > 1:
        results = parse_in_processes(stream, options, n_process)
    else:
        results = parse(load_pipeline(options.model, pipeline_config(options)), stream, options.batch_size)
    for result in results:
        if isinstance(result, str):  # one bad article must not end the run
            summary.fail(result, report)
            continue
        summary.extracted += 1
        summary.words += result.words
        yield result


def pipeline_config(options: ExtractOptions) -> dict[str, dict[str, Any]]:
    return {"newskg_relations": {"lexicons": list(options.lexicons)}}


def parse(nlp: Language, articles: Iterable[Article], batch_size: int) -> Iterator[ArticleRecords | str]:
    """Records per article (or why it failed), in input order; the text is dropped once parsed."""
    for doc, article in nlp.pipe(
        ((article.text, article) for article in articles), as_tuples=True, batch_size=batch_size
    ):
        try:
            records = doc_to_records(doc, article)
        except Exception as err:
            yield f"{article.id}: extraction failed ({type(err).__name__}: {err})"
            continue
        # The graph keeps only the article's metadata, and the fingerprint that finds its reprints.
        yield replace(records, article=replace(article, text="", fingerprint=fingerprint(article.text, article.title)))


# The pipeline of a worker process, loaded once when the worker starts.
WORKER_PIPELINE: list[Language] = []


def start_worker(model: str, config: dict[str, dict[str, Any]]) -> None:
    WORKER_PIPELINE.append(load_pipeline(model, config))


def parse_in_worker(batch: list[Article]) -> list[ArticleRecords | str]:
    return list(parse(WORKER_PIPELINE[0], batch, len(batch)))


class WorkerPool:
    """Worker processes that each load the pipeline once; started again after one of them dies."""

    def __init__(self, options: ExtractOptions, n_process: int) -> None:
        self.initargs = (options.model, pipeline_config(options))
        self.n_process = n_process
        self.executor = self.new_executor()

    def new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.n_process, multiprocessing.get_context(), initializer=start_worker, initargs=self.initargs
        )

    def submit(self, batch: list[Article]) -> Future[list[ArticleRecords | str]]:
        return self.executor.submit(parse_in_worker, batch)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self.new_executor()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def parse_in_processes(
    articles: Iterable[Article], options: ExtractOptions, n_process: int
) -> Iterator[ArticleRecords | str]:
    """Parse batches in worker processes that send back records, not Docs.

    Records are a fraction of a serialised Doc, so the main process stays nearly
    idle and the workers get the cores. At most two batches per worker are in
    flight (the input is not read ahead further), and results come back in input
    order, so the output is the same as with one process. A worker that dies
    (killed, out of memory) does not hang or end the run: see :func:`batch_result`.
    """
    pool = WorkerPool(options, n_process)
    pending: deque[tuple[list[Article], Future[list[ArticleRecords | str]]]] = deque()
    try:
        for batch in minibatch(articles, options.batch_size):
            pending.append((batch, pool.submit(batch)))
            if len(pending) > 2 * n_process:
                yield from batch_result(pending, pool)
        while pending:
            yield from batch_result(pending, pool)
    finally:
        pool.shutdown()


def batch_result(
    pending: deque[tuple[list[Article], Future[list[ArticleRecords | str]]]], pool: WorkerPool
) -> list[ArticleRecords | str]:
    """The oldest batch's results; if a worker died, its articles are retried one by one in a new pool.

    An article that kills its worker again is reported as failed; the batches
    still pending are then submitted again, so no other article is lost.
    """
    batch, future = pending.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        pool.restart()
    results: list[ArticleRecords | str] = []
    for article in batch:
        try:
            results.extend(pool.submit([article]).result())
        except BrokenProcessPool:
            pool.restart()
            results.append(f"{article.id}: extraction failed (its worker process died: killed or out of memory)")
    for index, (waiting, _) in enumerate(pending):
        pending[index] = (waiting, pool.submit(waiting))
    return results


def count_articles(paths: Iterable[str]) -> int:
    """How many articles the inputs hold, cheaply (files and JSONL lines; stdin counts as none)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.exists():
            continue
        files = (
            [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES] if path.is_dir() else [path]
        )
        for file in files:
            if file.suffix.lower() == ".jsonl":
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


def worker_count(requested: int | None, expected_articles: int) -> int:
    """The requested number of processes, or every available core when the input is large enough to gain."""
    if requested:
        return requested
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores if expected_articles > PARALLEL_MIN_ARTICLES else 1


def file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def settings_fingerprint(options: ExtractOptions) -> str:
    """Everything besides an article's content that decides its records and RDF.

    A store built with other settings (or another newskg, model or data files) is re-extracted in full.
    """
    data_files = sorted(
        (entry.name, hashlib.sha256(entry.read_bytes()).hexdigest())
        for folder in (resources.files("newskg.extractor.data"), resources.files("newskg").joinpath("data"))
        for entry in folder.iterdir()
        if entry.is_file() and not entry.name.endswith(".py")
    )
    return json.dumps(
        {
            "newskg": __version__,
            "model": options.model,
            "model_version": spacy.util.get_package_version(options.model),
            "lexicons": [file_digest(path) for path in options.lexicons],
            "data": data_files,
            "base_iri": options.base_iri,
            "merge": options.merge,
            "event_window": options.event_window,
            "fingerprints": FINGERPRINT_SCHEME,
        },
        sort_keys=True,
    )


def extract(
    paths: list[str],
    outputs: list[str],
    options: ExtractOptions | None = None,
    stdin: IO[str] | None = None,
    report: Callable[[str], None] | None = None,
    progress: RunProgress | None = None,
) -> tuple[KnowledgeGraph, RunSummary]:
    """Run extraction over the inputs and write every output file.

    With ``options.store`` the graph lives in that store: only new or changed
    articles are parsed, and the outputs hold every stored article.
    """
    options = options or ExtractOptions()
    report = report or (lambda message: print(message, file=sys.stderr))
    progress = progress or RunProgress(enabled=False)
    for output in outputs:
        format_for_path(output)  # fail before any work on an unknown extension
    started = time.perf_counter()
    summary = RunSummary()
    articles = good_articles(read_articles(paths, stdin=stdin), summary, report)
    with progress:
        if options.store:
            graph, store = extract_into_store(articles, options, summary, report, progress, count_articles(paths))
        else:
            options = replace(options, n_process=worker_count(options.n_process, count_articles(paths)))
            graph, store = (
                merge_records(
                    with_progress(extract_records(articles, options, summary, report), summary, progress),
                    options.merge,
                    options.event_window,
                ),
                None,
            )
    if options.merge_report:
        write_merge_report(graph, options.merge_report)
    write_outputs(graph, outputs, OutputOptions(base_iri=options.base_iri, isolated=options.isolated), store)
    summary.seconds = time.perf_counter() - started
    return graph, summary


def with_progress(
    records: Iterable[ArticleRecords], summary: RunSummary, progress: RunProgress
) -> Iterator[ArticleRecords]:
    """Pass records on, showing the run's progress after each."""
    for item in records:
        yield item
        progress.update(summary)


def write_merge_report(graph: KnowledgeGraph, path: str) -> None:
    """Every cross-article merge (and refused surname merge) with its reason, as JSON (written atomically)."""
    text = json.dumps({"merges": [record.as_dict() for record in graph.merges]}, ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, text.encode("utf-8"))


def write_outputs(
    graph: KnowledgeGraph, outputs: list[str], options: OutputOptions, store: Store | None = None
) -> None:
    """Write every output; with a store, an output already holding the store's current graph is left alone."""
    # The store's state and the options an output depends on beyond it.
    digest = f"{state_digest(store)}:isolated={options.isolated}" if store is not None else ""
    for output in outputs:
        if store is not None and output_is_current(store, output, digest):
            continue
        write_graph(graph, output, options)
        if store is not None:
            record_output(store, output, digest)


def extract_into_store(
    articles: Iterable[Article],
    options: ExtractOptions,
    summary: RunSummary,
    report: Callable[[str], None],
    progress: RunProgress,
    expected_articles: int,
) -> tuple[KnowledgeGraph, Store]:
    """Parse only the articles the store lacks or holds in another version; keep the rest.

    The merge order is this run's articles in reading order, then the stored
    articles this run did not read (or none of them, with ``options.prune``), so
    a run over the whole folder merges exactly as a fresh run does.
    """
    assert options.store is not None
    store = open_store(options.store)
    state = read_state(store)
    settings = settings_fingerprint(options)
    if state.hashes and state.settings != settings:
        report(f"{options.store}: built with other settings or another newskg version; starting it afresh")
        store.clear()
        state = read_state(store)
    run_order: list[str] = []
    hashes: dict[str, str] = {}
    kept: set[str] = set()

    def changed_articles() -> Iterator[Article]:
        for article in articles:
            run_order.append(article.id)
            content_hash = hashes[article.id] = article_hash(article)
            if state.hashes.get(article.id) == content_hash:
                kept.add(article.id)
                summary.unchanged += 1
                progress.update(summary)
                continue
            yield article

    parse_options = replace(options, n_process=worker_count(options.n_process, expected_articles - len(state.hashes)))
    for records in extract_records(changed_articles(), parse_options, summary, report):
        put_article(store, records, hashes[records.article.id])
        kept.add(records.article.id)
        progress.update(summary)
    # An article whose new version failed is dropped, as a fresh run would not have it.
    dropped = [article_id for article_id in run_order if article_id not in kept and article_id in state.hashes]
    in_run = set(run_order)
    order = [article_id for article_id in run_order if article_id in kept]
    not_read = [article_id for article_id in state.order if article_id not in in_run]
    if options.prune:
        dropped += not_read  # the store becomes exactly what a fresh run over these inputs makes
    else:
        order += not_read
    changed = len(kept) > summary.unchanged or dropped or order != state.order or settings != state.settings
    if changed or not rdf_is_current(store):
        graph = update_store(store, [], dropped, order, settings, options.base_iri, options.merge, options.event_window)
        return graph, store
    return merged_graph(store, options.merge, options.event_window), store
