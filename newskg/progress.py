"""Progress of a run on stderr: a live bar on a terminal, nothing otherwise.

The run reports each finished article through :class:`RunProgress.update`; the
bar shows articles done (of the total when known), words per second and failures.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import IO, Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class Counts(Protocol):
    """What the bar shows: the run summary's counters."""

    extracted: int
    failed: int
    unchanged: int
    words: int


class RunProgress:
    """A context manager that draws a bar when ``enabled`` and is a no-op otherwise."""

    def __init__(self, enabled: bool, total: int | None = None, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        if enabled:
            self.progress = Progress(
                TextColumn("[bold]extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("articles  {task.fields[rate]:>6.0f} words/s  failed {task.fields[failed]}"),
                TimeElapsedColumn(),
                console=Console(file=stream or sys.stderr),
                transient=True,
            )
            self.task = self.progress.add_task("extract", total=total, rate=0.0, failed=0)

    def __enter__(self) -> RunProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, counts: Counts) -> None:
        if self.progress is None or self.task is None:
            return
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        done = counts.extracted + counts.failed + counts.unchanged
        self.progress.update(self.task, completed=done, rate=counts.words / elapsed, failed=counts.failed)


def wants_progress(quiet: bool, stream: IO[str] | None = None) -> bool:
    """A bar only for a person watching: not with --quiet, not into a pipe or a log file."""
    stream = stream or sys.stderr
    return not quiet and stream.isatty()
