"""The extraction run as a library function: read, parse, record, merge, write.

Articles stream through: each is read, parsed, turned into records and dropped;
only the merged graph grows. The CLI is a thin layer over :func:`extract`; tests
call it directly.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from spacy.language import Language
from spacy.util import minibatch

from newskg.batch import Result, parse_batch
from newskg.engines import ENGINES, EngineError, dask_engine
from newskg.extractor.lexicon import load_triggers
from newskg.extractor.pipeline import DEFAULT_MODEL, load_pipeline
from newskg.graphs.atomic import check_writable
from newskg.graphs.events import DEFAULT_EVENT_WINDOW
from newskg.graphs.formats import OutputOptions, format_for_path, write_atomic, write_graph
from newskg.graphs.merge import merge_records
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.model import Article, ArticleRecords, KnowledgeGraph
from newskg.progress import RunProgress
from newskg.reader import Item, ReadError, ReadWarning, article_files, read_articles
from newskg.store import StoreRun, StoreWriteError
from newskg.workers import parse_in_processes, terminate_workers

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
    warnings: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    unwritten: list[str] = field(default_factory=list)  # outputs that could not be written

    def line(self) -> str:
        counts = f"articles read: {self.read}, extracted: {self.extracted}, failed: {self.failed}"
        if self.unchanged:
            counts += f", unchanged: {self.unchanged}"
        if self.warnings:
            counts += f", warnings: {self.warnings}"
        if self.unwritten:
            counts += f", outputs not written: {len(self.unwritten)}"
        rate = self.words / self.seconds if self.seconds else 0.0
        return f"{counts}; {self.words} words in {self.seconds:.1f} s ({rate:.0f} words/s)"

    def fail(self, message: str, report: Callable[[str], None]) -> None:
        """Count and report one input that failed; the run goes on."""
        self.failed += 1
        self.errors.append(message)
        report(message)

    def warn(self, message: str, report: Callable[[str], None]) -> None:
        """Report something repaired in one input; its article is kept."""
        self.warnings += 1
        report(message)


@dataclass
class ExtractOptions:
    model: str = DEFAULT_MODEL
    batch_size: int = DEFAULT_BATCH_SIZE
    n_process: int | None = 1  # None: decide from the input size (see :func:`worker_count`)
    engine: str = "local"  # "local": this machine's processes; "dask": a Dask cluster (newskg.dask_engine)
    scheduler: str | None = None  # with engine "dask": a running scheduler's address; None: a local cluster
    merge: bool = True
    base_iri: str = DEFAULT_BASE_IRI
    lexicons: list[str] = field(default_factory=list)
    store: str | None = None
    prune: bool = False  # with a store: forget stored articles this run did not read
    merge_report: str | None = None
    event_window: int = DEFAULT_EVENT_WINDOW  # days: statements of one pair this close are one event
    isolated: bool = True  # False: the network formats leave out entities without relations (RDF keeps them)


class OutputError(ValueError):
    """An output that cannot be written, found before any work starts (one line naming it)."""


def good_articles(items: Iterable[Item], summary: RunSummary, report: Callable[[str], None]) -> Iterator[Article]:
    """Pass articles on; count and report the inputs that could not be read, and ids already taken.

    Two articles with one id are never merged or replaced silently: the first is kept, the other is an
    error naming both sources.
    """
    first: dict[str, str] = {}  # id -> where the article with that id was read
    for item in items:
        if isinstance(item, ReadWarning):
            summary.warn(str(item), report)
            continue
        if isinstance(item, ReadError):
            summary.fail(str(item), report)
            continue
        summary.read += 1
        if item.id in first:
            summary.fail(f"{item.where}: article id {item.id!r} is already the id of {first[item.id]}; skipped", report)
            continue
        first[item.id] = item.where
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
    elif options.engine == "dask":
        load_triggers(options.lexicons)  # a bad lexicon is reported with its own path, before workers get a copy
        results = dask_engine().parse_on_dask(
            stream,
            options.model,
            pipeline_config(options),
            options.batch_size,
            options.scheduler,
            None if options.scheduler else options.n_process,  # a scheduler has its own workers
            files=options.lexicons,
        )
    elif n_process > 1:
        results = parse_in_processes(stream, options.model, pipeline_config(options), n_process, options.batch_size)
    else:
        results = parse(load_pipeline(options.model, pipeline_config(options)), stream, options.batch_size)
    for result in results:
        if isinstance(result, str):  # one bad article must not end the run
            summary.fail(result, report)
            continue
        summary.extracted += 1
        summary.words += result.words
        yield result


def check_engine(options: ExtractOptions) -> None:
    """Fail before any work (:class:`EngineError`, one line) on an engine that cannot run."""
    if options.engine not in ENGINES:
        raise EngineError(f"unknown engine {options.engine!r} (want {' or '.join(ENGINES)})")
    if options.engine != "dask":
        if options.scheduler:
            raise EngineError("--scheduler is the address of a Dask scheduler: it needs --engine dask")
        return
    engine = dask_engine()
    if options.scheduler:
        engine.check_scheduler(options.scheduler)


def pipeline_config(options: ExtractOptions) -> dict[str, dict[str, Any]]:
    return {"newskg_relations": {"lexicons": list(options.lexicons)}}


def parse(nlp: Language, articles: Iterable[Article], batch_size: int) -> Iterator[Result]:
    """Records per article (or why it failed), in input order, parsed in this process."""
    for batch in minibatch(articles, batch_size):
        yield from parse_batch(batch, nlp)


def count_articles(paths: Iterable[str]) -> int:
    """How many articles the inputs hold, cheaply (files and JSONL lines; stdin counts as none)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.exists():
            continue
        for file in article_files(path) if path.is_dir() else [path]:
            try:
                regular = stat.S_ISREG(file.stat().st_mode)
                if regular and file.suffix.lower() == ".jsonl":
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                    continue
            except OSError:
                continue  # reading reports it
            # A named pipe is read once, by the reader, and counts as one.
            total += 1
    return total


def worker_count(requested: int | None, expected_articles: int) -> int:
    """The requested number of processes, or every available core when the input is large enough to gain."""
    if requested:
        return requested
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores if expected_articles > PARALLEL_MIN_ARTICLES else 1


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
    check_outputs(outputs, [options.merge_report] if options.merge_report else [], paths)
    check_engine(options)
    started = time.perf_counter()
    summary = RunSummary()
    articles: Iterable[Article] = good_articles(read_articles(paths, stdin=stdin), summary, report)
    store: StoreRun | None = None

    def unchanged() -> None:
        summary.unchanged += 1
        progress.update(summary)

    try:
        with progress, store_write_errors(options.store):
            if options.store:  # only the articles the store lacks or holds in another version are parsed
                store = StoreRun(options, report)
                articles = store.select(articles, lambda message: summary.fail(message, report), unchanged)
            expected = count_articles(paths) - (store.stored if store else 0)
            # A Dask cluster is sized by itself (a local one to the machine, or by --n-process).
            n_process = options.n_process if options.engine == "dask" else worker_count(options.n_process, expected)
            parse_options = replace(options, n_process=n_process)
            records = with_progress(extract_records(articles, parse_options, summary, report), summary, progress)
            if store is not None:
                for item in records:
                    store.keep(item)
                graph = store.finish()
            else:
                graph = merge_records(records, options.merge, options.event_window)
    except BaseException:  # interrupted (SIGINT, SIGTERM) or failed: no worker outlives the run
        terminate_workers()
        raise
    if options.merge_report:
        write_or_report(
            options.merge_report, lambda: write_merge_report(graph, options.merge_report or ""), summary, report
        )
    output_options = OutputOptions(base_iri=options.base_iri, isolated=options.isolated)
    write_outputs(graph, outputs, output_options, store, summary, report)
    summary.seconds = time.perf_counter() - started
    return graph, summary


@contextlib.contextmanager
def store_write_errors(directory: str | None) -> Iterator[None]:
    """With a store, the database's own write errors (a full disk) become one :class:`StoreWriteError` line."""
    try:
        yield
    except OSError as err:
        if directory is None:
            raise
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise StoreWriteError(
            f"{directory}: cannot write the store ({detail}); the articles it held are kept,"
            " and the next run completes it"
        ) from err


def check_outputs(outputs: list[str], reports: list[str], inputs: list[str]) -> None:
    """Fail before any work on an output that cannot be written: unknown extension, a folder, a parent that is
    a file, a folder without write access, an input file, or the same file twice."""
    for output in outputs:
        format_for_path(output)
    seen: set[str] = set()
    input_files = {os.path.realpath(raw) for raw in inputs if raw != "-" and Path(raw).is_file()}
    for output in [*outputs, *reports]:
        real = os.path.realpath(output)
        if real in seen:
            raise OutputError(f"{output}: given twice as an output")
        seen.add(real)
        if real in input_files:
            raise OutputError(f"{output}: is an input file; it would be overwritten")
        problem = check_writable(output)
        if problem:
            raise OutputError(f"{output}: {problem}")


def write_or_report(path: str, write: Callable[[], object], summary: RunSummary, report: Callable[[str], None]) -> bool:
    """Write one output; a failure (full disk, no permission) is one line, and the old file stays as it was."""
    existed = Path(path).exists()
    try:
        write()
    except OSError as err:
        problem = err.strerror or str(err)
    except Exception as err:  # a writer's own failure must not cost the other outputs
        problem = f"{type(err).__name__}: {err}"
    else:
        return True
    kept = "the old file is unchanged" if existed else "nothing written"
    summary.unwritten.append(path)
    report(f"{path}: cannot write ({problem}); {kept}")
    return False


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
    graph: KnowledgeGraph,
    outputs: list[str],
    options: OutputOptions,
    store: StoreRun | None = None,
    summary: RunSummary | None = None,
    report: Callable[[str], None] | None = None,
) -> None:
    """Write every output; with a store, an output already holding the store's current graph is left alone.

    An output that cannot be written is reported (with ``summary``) and the others are still written.
    """
    summary = summary or RunSummary()
    report = report or (lambda message: print(message, file=sys.stderr))
    digest = store.output_digest(options.isolated) if store is not None else ""
    for output in outputs:
        if store is not None and store.output_is_current(output, digest):
            continue
        written = write_or_report(output, functools.partial(write_graph, graph, output, options), summary, report)
        if written and store is not None:
            with contextlib.suppress(OSError):  # not remembered: the next run writes the file again
                store.record_output(output, digest)
