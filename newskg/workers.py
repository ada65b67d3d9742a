"""The local worker pool: processes that each load the pipeline once and run :func:`newskg.batch.parse_articles`.

- Results come back in input order, at most two batches per worker in flight.
- A worker that dies (killed, out of memory) costs only the article that kills
  it: its batch is retried article by article in a new pool.
- Workers never outlive the run. Stopped with SIGINT or SIGTERM, the main
  process terminates them (:func:`terminate_workers`; they ignore SIGINT
  themselves, so Ctrl-C in a terminal stops the run once). Killed outright
  (SIGKILL, a crash), it cannot: each worker then dies with it, by
  ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` on Linux (the kernel kills the worker
  when its parent goes) or, elsewhere, a thread that polls the parent's pid.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import process as futures_process
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from spacy.util import minibatch

from newskg.batch import Result, parse_articles, process_pipeline
from newskg.model import Article

PR_SET_PDEATHSIG = 1
PARENT_POLL_SECONDS = 1.0
STOP_SECONDS = 5.0


class Engine(Protocol):
    """What :func:`terminate_workers` needs of an engine with live workers: a local pool or a Dask run."""

    def terminate(self) -> None: ...


# Every engine with live workers (local pools, Dask runs), so an interrupted run can stop them wherever it was.
LIVE_POOLS: weakref.WeakSet[Engine] = weakref.WeakSet()


def die_with_parent(parent: int) -> None:
    """End this process when the process ``parent`` ends, however it ends."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="newskg-parent-watch", daemon=True).start()


def start_worker(model: str, config: dict[str, dict[str, Any]], parent: int) -> None:
    """A worker's start: signals left to the main process, death with it, the pipeline loaded once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    process_pipeline(model, config)


def parse_in_worker(batch: list[Article], model: str, config: dict[str, dict[str, Any]]) -> list[Result]:
    return parse_articles(batch, model, config)


class WorkerPool:
    """Worker processes that each load the pipeline once; started again after one of them dies."""

    def __init__(self, model: str, config: dict[str, dict[str, Any]], n_process: int) -> None:
        self.model, self.config = model, config
        self.n_process = n_process
        self.executor = self.new_executor()
        LIVE_POOLS.add(self)

    def new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.n_process,
            multiprocessing.get_context(),
            initializer=start_worker,
            initargs=(self.model, self.config, os.getpid()),
        )

    def submit(self, batch: list[Article]) -> Future[list[Result]]:
        return self.executor.submit(parse_in_worker, batch, self.model, self.config)

    def restart(self) -> None:
        self.terminate()
        self.executor = self.new_executor()
        LIVE_POOLS.add(self)

    def shutdown(self) -> None:
        """After the last result: let the workers finish and exit."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        LIVE_POOLS.discard(self)

    def terminate(self) -> None:
        """Stop the workers now, whatever they are doing."""
        # concurrent.futures has no public way to stop running workers (before Python 3.14); shutdown()
        # forgets its manager thread, so both are taken first.
        workers = list((getattr(self.executor, "_processes", None) or {}).values())
        manager = getattr(self.executor, "_executor_manager_thread", None)
        for process in workers:
            with contextlib.suppress(OSError, ValueError):
                process.terminate()
        self.executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + STOP_SECONDS
        for process in workers:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(max(0.0, deadline - time.monotonic()))
                if process.is_alive():
                    process.kill()
                    process.join(1.0)
        # The manager thread sees its workers gone and ends by itself. Python 3.11's exit hook would still
        # write to its wake-up pipe, which the thread closes as it ends ("OSError: Bad file descriptor" at
        # exit, a race fixed in later Pythons): wait for the thread, and take it out of the hook's list.
        if isinstance(manager, threading.Thread):
            manager.join(STOP_SECONDS)
            getattr(futures_process, "_threads_wakeups", {}).pop(manager, None)
        LIVE_POOLS.discard(self)


def terminate_workers() -> None:
    """Stop every live worker pool (and Dask run) of this process (an interrupted or failed run)."""
    for pool in list(LIVE_POOLS):
        pool.terminate()


def parse_in_processes(
    articles: Iterable[Article], model: str, config: dict[str, dict[str, Any]], n_process: int, batch_size: int
) -> Iterator[Result]:
    """Parse batches in worker processes that send back records, not Docs.

    Records are a fraction of a serialised Doc, so the main process stays nearly
    idle and the workers get the cores. At most two batches per worker are in
    flight (the input is not read ahead further), and results come back in input
    order, so the output is the same as with one process.
    """
    pool = WorkerPool(model, config, n_process)
    pending: deque[tuple[list[Article], Future[list[Result]]]] = deque()
    try:
        for batch in minibatch(articles, batch_size):
            pending.append((batch, pool.submit(batch)))
            if len(pending) > 2 * n_process:
                yield from batch_result(pending, pool)
        while pending:
            yield from batch_result(pending, pool)
    except BaseException:  # an interrupt, or the consumer stopped early: no worker stays behind
        pool.terminate()
        raise
    pool.shutdown()


def batch_result(pending: deque[tuple[list[Article], Future[list[Result]]]], pool: WorkerPool) -> list[Result]:
    """The oldest batch's results; if a worker died, its articles are retried one by one in a new pool.

    An article that kills its worker again is reported as failed; the batches
    still pending are then submitted again, so no other article is lost.
    """
    batch, future = pending.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        pool.restart()
    results: list[Result] = []
    for article in batch:
        try:
            results.extend(pool.submit([article]).result())
        except BrokenProcessPool:
            pool.restart()
            results.append(f"{article.where}: extraction failed (its worker process died: killed or out of memory)")
    for index, (waiting, _) in enumerate(pending):
        pending[index] = (waiting, pool.submit(waiting))
    return results
