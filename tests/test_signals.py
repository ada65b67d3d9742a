"""Interrupts (issue 17): a run stopped by SIGINT, SIGTERM or SIGKILL leaves no process and no temp file.

Real runs of ``python -m newskg extract --n-process 2`` in their own session, so
every process of the run (the main process and its workers) shares one process
group that the test can watch; the signal goes to the main process only, as
``timeout``, ``docker stop`` and systemd send it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newskg.graphs import atomic
from newskg.graphs.atomic import write_atomic
from newskg.signals import Interrupted, stop_on_signals

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches processes through /proc")

TEXT = (
    "Talks {n}\n\nFrance and Germany signed a treaty in Paris on Monday. Kenya welcomed Uganda on Tuesday.\n"
    "The foreign ministers of Norway and Sweden met in Oslo to discuss fishing rights in the Barents Sea.\n"
)


def group_members(group: int) -> list[int]:
    """The live processes of a process group (zombies count as gone)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_run(tmp_path: Path) -> subprocess.Popen[str]:
    """A run over JSONL on stdin that stays open: it cannot end before the test signals it."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "newskg", "extract", "-", "-o", str(out / "g.trig"), "-o", str(out / "g.gexf")]
    command += ["--n-process", "2", "--batch-size", "4"]
    run = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)

    def feed() -> None:
        assert run.stdin is not None
        with contextlib.suppress(OSError, ValueError):  # the run is gone, or its pipe closed
            for number in range(2000):
                run.stdin.write(json.dumps({"id": f"a{number}", "text": TEXT.format(n=number)}) + "\n")
            run.stdin.flush()

    threading.Thread(target=feed, daemon=True).start()
    return run


def wait_until_parsing(run: subprocess.Popen[str], timeout: float = 240) -> list[int]:
    """Both workers up and past loading the model (about 2 CPU seconds each), parsing."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert run.poll() is None, run.stderr.read() if run.stderr else ""
        workers = [pid for pid in group_members(run.pid) if pid != run.pid]
        if len(workers) == 2 and all(cpu_seconds(pid) > 3 for pid in workers):
            return workers
        time.sleep(0.2)
    raise AssertionError("the workers did not start parsing in time")


def finish(run: subprocess.Popen[str]) -> None:
    """Whatever happened, no process of the run stays and its pipes are closed."""
    if group_members(run.pid):
        os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    for stream in (run.stdin, run.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def assert_nothing_survives(group: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while group_members(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_members(group) == [], "a process of the run outlived it"


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if ".newskg-" in p.name or p.name.endswith(".tmp")]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_stop_the_workers_and_exit(tmp_path: Path, signum: int, code: int) -> None:
    run = start_run(tmp_path)
    try:
        wait_until_parsing(run)
        os.kill(run.pid, signum)
        run.wait(timeout=60)
        stderr = run.stderr.read() if run.stderr else ""
        assert_nothing_survives(run.pid)  # before finish() would kill what is left
    finally:
        finish(run)
    assert run.returncode == code, stderr
    name = signal.Signals(signum).name
    assert stderr.splitlines() == [
        f"newskg: interrupted by {name}: workers stopped; outputs not written yet are unchanged, no temp file left"
    ]
    assert temp_files(tmp_path) == [] and not (tmp_path / "out" / "g.trig").exists()


def test_sigkill_of_the_main_process_takes_the_workers_with_it(tmp_path: Path) -> None:
    run = start_run(tmp_path)
    try:
        wait_until_parsing(run)
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
        assert_nothing_survives(run.pid)
    finally:
        finish(run)
    assert run.returncode == -signal.SIGKILL
    assert temp_files(tmp_path) == []


def test_sigterm_while_writing_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "g.trig"
    target.write_bytes(b"old")

    def writer(handle) -> None:
        handle.write(b"new, half written")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the signal arrives first
        handle.write(b"never")

    with pytest.raises(Interrupted), stop_on_signals():
        write_atomic(target, writer)
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["g.trig"]


KILLED_WRITER = """
import os, signal, sys
from newskg.graphs import atomic
if sys.argv[2] == "named":
    atomic.nameless_temps = lambda folder: False
def writer(handle):
    handle.write(b"new, half written")
    handle.flush()
    os.kill(os.getpid(), signal.SIGKILL)
atomic.write_atomic(sys.argv[1], writer)
"""


@pytest.mark.parametrize("temp", ["nameless", "named"])
def test_sigkill_while_writing_leaves_no_temp_file_for_long(tmp_path: Path, temp: str) -> None:
    """With O_TMPFILE the half-written file never has a name; with a named temp file (other systems), the next
    write to the same target removes the dead writer's temp file."""
    if temp == "nameless" and not atomic.nameless_temps(tmp_path):
        pytest.skip("this filesystem has no O_TMPFILE")
    target = tmp_path / "g.trig"
    target.write_bytes(b"old")
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target), temp], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert target.read_bytes() == b"old"
    assert len(temp_files(tmp_path)) == (0 if temp == "nameless" else 1)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and temp_files(tmp_path) == []
