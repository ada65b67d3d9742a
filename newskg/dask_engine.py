"""The Dask engine (``newskg extract --engine dask``): articles parsed in partitions on a Dask cluster.

- The client (the ``newskg extract`` process) reads the articles and sends them
  out in partitions of ``--batch-size`` articles (``Client.submit``; at most two
  partitions per worker thread in flight, so the input is not read ahead). Each
  partition comes back as its articles' records (the plain dataclasses of
  :mod:`newskg.model`, never spaCy Docs) or one-line failures, and is yielded in
  input order: merging, entity resolution and writing happen once, on the
  client, exactly as in a local run, so the output bytes are the same.
- Each worker loads the spaCy pipeline once, when :class:`PipelinePlugin` is
  registered with it (a worker that joins later, or restarts, loads it then);
  :func:`parse_partition` runs :func:`newskg.batch.parse_batch`, the worker
  function of every engine, with that pipeline. The plugin checks that the
  worker's newskg, model and data files are the client's, and carries the
  ``--lexicon`` files' contents, so workers on other machines need newskg
  installed and nothing else.
- Without a scheduler address: a :class:`~distributed.LocalCluster` on
  127.0.0.1, one single-threaded worker process per core (or ``n_workers``),
  closed with the run.
- Faults. A worker that dies holding a partition (killed, out of memory) is
  replaced by its nanny and the scheduler runs the partition again elsewhere.
  A partition whose workers die more often than the scheduler allows
  (``distributed.scheduler.allowed-failures``: 1 in :data:`SETTINGS`, which
  newskg's local cluster runs with) comes back as ``KilledWorker``; its articles are then
  sent one at a time, and an article that kills its workers on its own is
  reported failed, as in the local pool (:mod:`newskg.workers`). Each article's
  result is yielded once.
- An interrupted run (SIGINT, SIGTERM: :mod:`newskg.signals`) closes the client
  and the local cluster (:func:`newskg.workers.terminate_workers` reaches every
  live engine); killed outright, the local cluster's worker processes exit with
  it (Dask's worker processes watch their parent).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import dask.config
import dask.utils
import yaml
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, get_worker
from distributed.comm import connect
from spacy.language import Language
from spacy.util import minibatch

from newskg.batch import Result, parse_batch
from newskg.engines import EngineError
from newskg.extractor.pipeline import load_pipeline, parser_identity
from newskg.model import Article
from newskg.workers import LIVE_POOLS

# The Dask settings newskg's workers run with (its local cluster; a copy in the Dask configuration folder of each
# machine of a cluster the user starts): see the file's comments.
SETTINGS = Path(__file__).parent / "data" / "dask.yaml"
# How often a wait for a partition checks that the cluster still has workers, and how long it waits for one
# when none is left: workers that died are started again by their nannies, and load the pipeline before they
# count (tens of seconds on a busy machine).
POLL_SECONDS = 5.0
WORKERLESS_SECONDS = 180.0
DIED = "extraction failed (its worker process died: killed or out of memory)"


def first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def connect_timeout() -> float:
    """Seconds to wait for a scheduler (Dask's ``distributed.comm.timeouts.connect``, 30 s unless configured)."""
    return float(dask.utils.parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), default="s") or 30)


def check_scheduler(address: str) -> None:
    """One line (:class:`EngineError`) if no Dask scheduler answers at ``address``; before any work starts."""

    async def probe() -> None:
        comm = await connect(address, timeout=connect_timeout())
        await comm.close()

    try:
        asyncio.run(probe())
    except (OSError, ValueError, TypeError) as err:
        raise EngineError(f"{address}: cannot reach the Dask scheduler ({first_line(err)})") from err


def worker_settings(path: Path = SETTINGS) -> dict[str, Any]:
    """The settings of ``data/dask.yaml`` as dotted keys for :func:`dask.config.set` (which replaces a whole
    section given as one value): ``{"distributed.worker.profile.enabled": False, ...}``."""

    def leaves(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from leaves(f"{prefix}.{key}" if prefix else key, item)
        else:
            yield prefix, value

    return dict(leaves("", yaml.safe_load(path.read_text(encoding="utf-8"))))


def local_cluster(n_workers: int | None = None) -> LocalCluster:
    """newskg's local cluster: one single-threaded worker process per core (or ``n_workers``) on 127.0.0.1.

    It runs with :func:`worker_settings`: one task at a time per worker, so a worker's death counts only against
    the partition it was parsing, and one death allowed before a partition is split.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with dask.config.set(worker_settings()):
        return LocalCluster(
            n_workers=n_workers or cores,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # a free local port: no clash (nor warning) with a cluster on 8787
            silence_logs=logging.CRITICAL,
        )


class PipelinePlugin(WorkerPlugin):
    """Loads newskg's pipeline once on each worker; :func:`parse_partition` parses with it.

    ``files`` are the files the pipeline's config names (``--lexicon``), by path, with their contents: a
    worker writes them to its own folder and loads the pipeline with those copies.
    """

    def __init__(self, model: str, config: dict[str, dict[str, Any]], files: dict[str, str]) -> None:
        self.model, self.config, self.files = model, config, files
        self.identity = parser_identity(model)  # the client's, compared with the worker's own
        self.start()

    def start(self) -> None:
        """The worker's side, not sent: its pipeline, the lock that lets one partition use it at a time."""
        self.nlp: Language | None = None
        self.lock = threading.Lock()
        self.folder: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "config": self.config, "files": self.files, "identity": self.identity}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.start()

    async def setup(self, worker: Any) -> None:
        await asyncio.to_thread(self.load, worker.local_directory)

    def load(self, directory: str) -> None:
        mine = parser_identity(self.model)
        differ = sorted(key for key in self.identity if mine.get(key) != self.identity[key])
        if differ:
            raise EngineError(
                f"this worker's newskg differs from the client's ({', '.join(differ)}: newskg"
                f" {mine['newskg']}, model {self.model} {mine['model_version']}); install the same newskg everywhere"
            )
        self.folder = tempfile.mkdtemp(prefix="newskg-files-", dir=directory)
        local = {}
        for number, (path, text) in enumerate(sorted(self.files.items())):
            copy = Path(self.folder) / f"{number}-{Path(path).name}"
            copy.write_text(text, encoding="utf-8")
            local[path] = str(copy)
        self.nlp = load_pipeline(self.model, with_files(self.config, local))

    def teardown(self, worker: Any) -> None:
        self.nlp = None
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def with_files(value: Any, local: dict[str, str]) -> Any:
    """The config with every file path of ``local`` replaced by the worker's copy."""
    if isinstance(value, dict):
        return {key: with_files(item, local) for key, item in value.items()}
    if isinstance(value, list):
        return [with_files(item, local) for item in value]
    return local.get(value, value) if isinstance(value, str) else value


def parse_partition(articles: list[Article], plugin: str) -> list[Result]:
    """A Dask task: :func:`newskg.batch.parse_batch` with this worker's pipeline (one partition at a time)."""
    pipeline = get_worker().plugins.get(plugin)
    if not isinstance(pipeline, PipelinePlugin) or pipeline.nlp is None:
        raise EngineError(f"this worker has not loaded newskg's pipeline (plugin {plugin})")
    with pipeline.lock:
        return parse_batch(articles, pipeline.nlp)


class DaskRun:
    """The client side of one run on a Dask cluster: connect, load the pipeline on the workers, parse, close."""

    def __init__(self, scheduler: str | None, n_workers: int | None) -> None:
        self.where = scheduler or "the local Dask cluster"
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.plugin = f"newskg-pipeline-{uuid.uuid4().hex}"
        self.logger = logging.getLogger("distributed")
        self.log_level = self.logger.level
        # Dask's own log lines (a worker restarted, a task retried) are not the run's messages: newskg reports
        # what they mean to the run in its own lines.
        self.logger.setLevel(logging.CRITICAL)
        LIVE_POOLS.add(self)
        try:
            if scheduler is None:
                self.cluster = local_cluster(n_workers)
                self.client = Client(self.cluster, set_as_default=False)
            else:
                check_scheduler(scheduler)
                self.client = Client(scheduler, timeout=connect_timeout(), set_as_default=False)
                self.wait_for_workers()
        except BaseException:
            self.terminate()
            raise

    def wait_for_workers(self) -> None:
        assert self.client is not None
        try:
            self.client.wait_for_workers(1, timeout=connect_timeout())
        except TimeoutError:
            raise EngineError(
                f"{self.where}: no Dask worker is connected to the scheduler (waited {connect_timeout():.0f} s)"
            ) from None

    def load_pipeline(self, model: str, config: dict[str, dict[str, Any]], files: Iterable[str]) -> None:
        """Register the plugin: every worker loads the pipeline now, a worker that joins later when it joins."""
        assert self.client is not None
        contents = {path: Path(path).read_text(encoding="utf-8") for path in files}
        try:
            self.client.register_plugin(PipelinePlugin(model, config, contents), name=self.plugin)
        except Exception as err:
            # A scheduler outlives the run: a plugin that cannot load must not greet the workers that join later.
            with contextlib.suppress(Exception):
                self.client.unregister_worker_plugin(self.plugin)
            raise EngineError(f"{self.where}: a Dask worker cannot load newskg's pipeline ({first_line(err)})") from err

    def slots(self) -> int:
        """Partitions to keep in flight: two per worker thread."""
        assert self.client is not None
        return max(2, 2 * sum(self.client.nthreads().values()))

    def submit(self, batch: list[Article]) -> Future:
        assert self.client is not None
        return self.client.submit(parse_partition, batch, self.plugin, pure=False)

    def wait(self, future: Future) -> list[Result]:
        """A partition's results; :class:`EngineError` if the cluster fails the run (no workers, scheduler lost)."""
        assert self.client is not None
        idle_since: float | None = None
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except TimeoutError:
                pass
            if self.client.nthreads():
                idle_since = None
            elif idle_since is None:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since > WORKERLESS_SECONDS:
                raise EngineError(f"{self.where}: no Dask worker for {WORKERLESS_SECONDS:.0f} s; no output written")

    def results(self, batch: list[Article], future: Future) -> list[Result]:
        """The results of one partition, in order; article by article if its workers kept dying."""
        try:
            return self.wait(future)
        except KilledWorker:  # its workers died more often than the scheduler allows: now article by article
            return [f"{batch[0].where}: {DIED}"] if len(batch) == 1 else [self.alone(article) for article in batch]
        except EngineError:
            raise
        except Exception as err:  # not an article's failure (parse_batch reports those): the cluster's
            raise EngineError(f"{self.where}: the Dask run failed ({type(err).__name__}: {first_line(err)})") from err
        finally:
            future.release()

    def alone(self, article: Article) -> Result:
        """One article as its own partition, after its partition's workers died; failed if it kills them too."""
        future = self.submit([article])
        try:
            return self.wait(future)[0]
        except KilledWorker:
            return f"{article.where}: {DIED}"
        finally:
            future.release()

    def close(self) -> None:
        """After the last result: forget the pipeline on the workers, close the client (and the local cluster)."""
        if self.client is not None and self.cluster is None:
            with contextlib.suppress(Exception):
                self.client.unregister_worker_plugin(self.plugin)
        self.terminate()

    def terminate(self) -> None:
        """Close the client and the local cluster now, whatever they are doing."""
        client, cluster, self.client, self.cluster = self.client, self.cluster, None, None
        with contextlib.suppress(Exception):
            if client is not None:
                client.close()
        with contextlib.suppress(Exception):
            if cluster is not None:
                cluster.close()
        self.logger.setLevel(self.log_level)
        LIVE_POOLS.discard(self)


def parse_on_dask(
    articles: Iterable[Article],
    model: str,
    config: dict[str, dict[str, Any]],
    batch_size: int,
    scheduler: str | None = None,
    n_workers: int | None = None,
    files: Iterable[str] = (),
) -> Iterator[Result]:
    """Records (or why it failed) for each article, in input order, parsed on a Dask cluster.

    ``scheduler`` is the address of a running scheduler (``tcp://HOST:8786``); without one, a local cluster
    of ``n_workers`` processes (default: one per core). ``files`` are the files named in ``config``, sent to the
    workers as their contents.
    """
    run = DaskRun(scheduler, n_workers)
    try:
        run.load_pipeline(model, config, files)
        pending: deque[tuple[list[Article], Future]] = deque()
        for batch in minibatch(articles, batch_size):
            pending.append((batch, run.submit(batch)))
            if len(pending) >= run.slots():
                yield from run.results(*pending.popleft())
        while pending:
            yield from run.results(*pending.popleft())
    except BaseException:  # an interrupt, a failure, or the consumer stopped early
        run.terminate()
        raise
    run.close()
