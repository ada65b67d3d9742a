"""Stopping a run cleanly: SIGINT, SIGTERM and SIGHUP become an exception in the main thread.

Python's default for SIGTERM and SIGHUP ends the process on the spot: no
``finally`` runs, workers are left running and temp files stay. Raised as
:class:`Interrupted` instead, the run unwinds: the workers are terminated, a
half-written output's temp file is removed, and the command exits with the
shell's code for the signal (128 + its number: 130, 143, 129). A second signal
while the run unwinds gets the default action (the workers still die with the
main process, see :mod:`newskg.workers`).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interrupted(BaseException):
    """The run was stopped by a signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """While the block runs, SIGINT/SIGTERM/SIGHUP raise :class:`Interrupted` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        for number in SIGNALS:  # a second signal while unwinding acts at once
            signal.signal(number, signal.SIG_DFL if number != signal.SIGINT else signal.default_int_handler)
        raise Interrupted(signum)

    previous = {number: signal.signal(number, interrupt) for number in SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
