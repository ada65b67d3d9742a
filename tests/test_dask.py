"""The Dask engine (``newskg extract --engine dask``) on real clusters.

- a :class:`~distributed.LocalCluster` of two worker processes (newskg's own, :func:`local_cluster`), shared by
  the tests of this module, and the one a run starts itself without ``--scheduler``;
- a real ``dask scheduler`` and two ``dask worker`` processes started from this venv on 127.0.0.1;
- the same output bytes as ``--n-process 1`` and ``--n-process 2``; faults (a worker killed mid-run, an
  article that kills its workers), an unreachable scheduler, ``--store``, progress.

Every scheduler and worker started here is stopped by its fixture's finaliser, even when a test fails.
Without Dask the module is skipped, saying so, unless ``NEWSKG_REQUIRE_DASK`` is set (CI sets it: there a
missing Dask is a failure, not a skip).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

try:
    import dask.config
    import distributed
except ImportError:
    if os.environ.get("NEWSKG_REQUIRE_DASK"):
        raise
    pytest.skip(
        "dask[distributed] is not installed (pip install -e '.[dask]'): the Dask engine is not tested",
        allow_module_level=True,
    )

import newskg.dask_engine
from newskg.dask_engine import DIED, SETTINGS, DaskRun, local_cluster
from newskg.engines import EngineError
from newskg.progress import RunProgress
from newskg.reader import article_files
from newskg.run import ExtractOptions, RunSummary, extract
from tests import dask_hooks
from tests.conftest import EXAMPLES, SHARED

README = Path(__file__).parents[1] / "README.md"

OUTPUTS = (".gexf", ".graphml", ".trig", ".jsonld", ".html")
BBC = SHARED / "corpus" / "bbc"
DASK = Path(sys.executable).with_name("dask")
STOP_SECONDS = 15.0


def run(paths: list[Path], folder: Path, **options: Any) -> tuple[dict[str, bytes], RunSummary, list[str]]:
    """extract() into ``folder``: every output's bytes, the summary and the messages."""
    folder.mkdir(parents=True, exist_ok=True)
    outputs = [folder / f"graph{ext}" for ext in OUTPUTS]
    messages: list[str] = []
    _, summary = extract(
        [str(path) for path in paths], [str(out) for out in outputs], ExtractOptions(**options), report=messages.append
    )
    return {out.suffix: out.read_bytes() for out in outputs}, summary, messages


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(article) + "\n" for article in articles), encoding="utf-8")
    return path


def example_articles(copies: int) -> list[dict[str, str]]:
    """The bundled examples as JSONL rows, ``copies`` times under new ids (more partitions than workers)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    return [{"id": f"copy{copy}-{number}", "text": text} for copy in range(copies) for number, text in enumerate(texts)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """newskg's local cluster of two worker processes; its scheduler's address."""
    local = local_cluster(2)
    try:
        yield local.scheduler_address
    finally:
        local.close()


@pytest.fixture(scope="module")
def local_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The examples extracted in one process: the bytes every engine must give."""
    outputs, summary, _ = run([EXAMPLES], tmp_path_factory.mktemp("one-process"), n_process=1)
    assert summary.extracted == 6
    return outputs


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each process group (a worker and the process its nanny started), SIGKILL if it stays."""
    for process in reversed(processes):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in reversed(processes):
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        # A worker's own process, started by its nanny, is in the group too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def real_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``dask scheduler`` and two ``dask worker`` processes from this venv on 127.0.0.1, as a user starts them."""
    folder = tmp_path_factory.mktemp("dask-cluster")
    address = f"tcp://127.0.0.1:{free_port()}"
    processes: list[subprocess.Popen[bytes]] = []
    # As the README starts them: its line that copies newskg's Dask settings, run as written with this venv's
    # python, into a home of the cluster's own.
    home = folder / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("DASK_CONFIG", None)
    copy = next(line for line in README.read_text(encoding="utf-8").splitlines() if "~/.config/dask" in line)
    subprocess.run(["bash", "-c", copy], env=env, check=True, timeout=60)
    assert (home / ".config" / "dask" / "newskg.yaml").read_bytes() == SETTINGS.read_bytes()

    def start(*arguments: str) -> None:
        with (folder / f"{len(processes)}.log").open("wb") as log:
            command = [str(DASK), *arguments]
            processes.append(
                subprocess.Popen(
                    command, stdout=log, stderr=subprocess.STDOUT, cwd=folder, env=env, start_new_session=True
                )
            )

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard")
        for _ in range(2):
            start("worker", address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard")
        with distributed.Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        stop(processes)


# --- same bytes ----------------------------------------------------------------------------------------------------


def test_examples_give_the_same_bytes_with_dask_and_one_or_two_processes(
    tmp_path: Path, local_outputs: dict[str, bytes]
) -> None:
    """Without --scheduler the run starts (and closes) its own local cluster, here of two worker processes."""
    two, summary_two, _ = run([EXAMPLES], tmp_path / "two", n_process=2)
    dask, summary, messages = run([EXAMPLES], tmp_path / "dask", engine="dask", n_process=2)
    assert messages == []
    assert (summary.read, summary.extracted, summary.failed) == (6, 6, 0)
    assert summary.words == summary_two.words
    for ext in OUTPUTS:
        assert two[ext] == local_outputs[ext], ext
        assert dask[ext] == local_outputs[ext], ext


def test_a_real_scheduler_and_two_workers_give_the_local_bytes(
    tmp_path: Path, real_cluster: str, local_outputs: dict[str, bytes]
) -> None:
    """The CLI as the README runs it, against ``dask scheduler`` + ``dask worker`` processes."""
    outputs = [tmp_path / f"graph{ext}" for ext in OUTPUTS]
    command = [sys.executable, "-m", "newskg", "extract", str(EXAMPLES), "-q", "--engine", "dask"]
    command += ["--scheduler", real_cluster, "--batch-size", "2", *(arg for out in outputs for arg in ("-o", str(out)))]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("articles read: 6, extracted: 6, failed: 0;"), done.stderr
    for out in outputs:
        assert out.read_bytes() == local_outputs[out.suffix], out.suffix


def test_the_readme_settings_reach_a_real_scheduler_and_its_workers(real_cluster: str) -> None:
    """The copied settings file: workers without Dask's malloc variable and profiler, the scheduler's retries."""
    with distributed.Client(real_cluster, set_as_default=False) as client:
        assert set(client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == {None}
        assert set(client.run(dask.config.get, "distributed.worker.profile.enabled").values()) == {False}
        assert set(client.run(dask.config.get, "distributed.admin.tick.interval").values()) == {"500ms"}
        assert client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures) == 1
        assert client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.WORKER_SATURATION) == 1.0


def test_newskg_local_cluster_runs_with_the_same_settings(cluster: str) -> None:
    with distributed.Client(cluster, set_as_default=False) as client:
        assert set(client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == {None}
        assert set(client.run(dask.config.get, "distributed.worker.profile.enabled").values()) == {False}
        assert client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures) == 1


def test_a_worker_killed_from_outside_mid_run_loses_no_article(tmp_path: Path, real_cluster: str) -> None:
    """SIGKILL to a ``dask worker``'s process while it parses: its nanny starts it again, the scheduler runs the
    partition again, and the output is the local run's."""
    source = write_jsonl(tmp_path / "articles.jsonl", example_articles(4))
    expected, _, _ = run([source], tmp_path / "local", n_process=1)
    outputs = [tmp_path / f"graph{ext}" for ext in OUTPUTS]
    command = [sys.executable, "-m", "newskg", "extract", str(source), "-q", "--engine", "dask"]
    command += ["--scheduler", real_cluster, "--batch-size", "1", *(arg for out in outputs for arg in ("-o", str(out)))]
    with distributed.Client(real_cluster, set_as_default=False) as client:
        pids = client.run(os.getpid)
        extraction = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        killed = None
        deadline = time.monotonic() + 120
        while killed is None and extraction.poll() is None and time.monotonic() < deadline:
            busy = [worker for worker, tasks in client.processing().items() if tasks and worker in pids]
            if busy:
                killed = pids[busy[0]]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.05)
        _, stderr = extraction.communicate(timeout=300)
        client.wait_for_workers(2, timeout=120)  # the nanny's new worker, for the tests after this one
    assert killed is not None, "no worker was ever busy: nothing was killed"
    assert extraction.returncode == 0, stderr
    assert stderr.startswith("articles read: 24, extracted: 24, failed: 0;"), stderr
    for out in outputs:
        assert out.read_bytes() == expected[out.suffix], out.suffix


# --- faults --------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_an_article_that_kills_its_workers_is_failed_and_no_other_is_lost(
    tmp_path: Path, cluster: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One article kills the first worker that parses it (the partition runs again elsewhere); another kills
    every worker: after two deaths its partition is sent article by article and that article alone fails.
    Slow: five worker deaths, each worker started again loads the pipeline (a minute on two busy cores)."""
    monkeypatch.setattr(newskg.dask_engine, "parse_partition", dask_hooks.parse_or_die)
    articles = example_articles(2)
    once = tmp_path / "died-once"
    articles[2]["text"] += f" DIE-ONCE:{once}"
    always = dict(id="always", text=articles[7]["text"] + " DIE-ALWAYS")
    source = write_jsonl(tmp_path / "articles.jsonl", [*articles[:8], always, *articles[8:]])
    without = write_jsonl(tmp_path / "without.jsonl", articles)
    outputs, summary, messages = run([source], tmp_path / "dask", engine="dask", scheduler=cluster, batch_size=3)
    assert once.exists(), "the DIE-ONCE article never killed its worker"
    assert messages == [f"{source}:9: {DIED}"]
    assert (summary.read, summary.extracted, summary.failed) == (13, 12, 1)
    expected, _, _ = run([without], tmp_path / "local", n_process=1)
    for ext in OUTPUTS:
        assert outputs[ext] == expected[ext], ext


def test_a_worker_with_another_newskg_refuses_in_one_line(
    tmp_path: Path, cluster: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers compare their newskg, model and data files with the client's before loading anything."""
    real = newskg.dask_engine.parser_identity
    monkeypatch.setattr(newskg.dask_engine, "parser_identity", lambda model: {**real(model), "newskg": "0.0-other"})
    with pytest.raises(EngineError) as raised:
        run([EXAMPLES], tmp_path, engine="dask", scheduler=cluster)
    message = str(raised.value)
    assert message.startswith(f"{cluster}: a Dask worker cannot load newskg's pipeline (this worker's newskg differs")
    assert "install the same newskg everywhere" in message and "\n" not in message
    assert not (tmp_path / "graph.gexf").exists()


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    out = tmp_path / "graph.gexf"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    command = [sys.executable, "-m", "newskg", "extract", str(EXAMPLES), "-o", str(out), "--engine", "dask"]
    done = subprocess.run([*command, "--scheduler", address], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith(f"newskg: {address}: cannot reach the Dask scheduler (")
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not out.exists()


# --- the store and progress ----------------------------------------------------------------------------------------


class Recorder(RunProgress):
    """Progress that records what the bar would show after each update."""

    def __init__(self, events: list[object]) -> None:
        super().__init__(enabled=False)
        self.events = events

    def update(self, counts: Any) -> None:
        self.events.append(counts.extracted + counts.failed + counts.unchanged)


def test_the_store_sends_only_new_articles_and_progress_follows_partitions(
    tmp_path: Path, cluster: str, local_outputs: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[object] = []
    submit, results = DaskRun.submit, DaskRun.results

    def record_submit(self: DaskRun, batch: list[Any]) -> Any:
        events.append(("sent", [article.id for article in batch]))
        return submit(self, batch)

    def record_results(self: DaskRun, batch: list[Any], future: Any) -> Any:
        done = results(self, batch, future)
        events.append("partition done")
        return done

    monkeypatch.setattr(DaskRun, "submit", record_submit)
    monkeypatch.setattr(DaskRun, "results", record_results)
    folder = tmp_path / "articles"  # same ids as the examples folder's
    folder.mkdir()
    files = sorted(EXAMPLES.glob("*.txt"))
    for path in files[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    store, outputs = tmp_path / "store", [str(tmp_path / f"graph{ext}") for ext in OUTPUTS]
    options = ExtractOptions(engine="dask", scheduler=cluster, batch_size=1, store=str(store))
    _, first = extract([str(folder)], outputs, options, report=print, progress=Recorder(events))
    assert first.extracted == 3
    ids = [f"articles/{path.stem}" for path in files]
    # Each partition's articles count as soon as it is back, before the next is waited for.
    assert events == [*(("sent", [i]) for i in ids[:3]), "partition done", 1, "partition done", 2, "partition done", 3]

    events.clear()
    for path in files[3:]:
        (folder / path.name).write_bytes(path.read_bytes())
    _, second = extract([str(folder)], outputs, options, report=print, progress=Recorder(events))
    assert (second.read, second.extracted, second.unchanged, second.failed) == (6, 3, 3, 0)
    assert [event[1][0] for event in events if isinstance(event, tuple)] == ids[3:]
    for out in outputs:
        assert Path(out).read_bytes() == local_outputs[Path(out).suffix], out


# --- a few hundred real articles ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_bbc_articles_give_the_same_bytes_with_dask_and_one_or_two_processes(tmp_path: Path, cluster: str) -> None:
    """300 BBC articles (60 of each section), read at test time into a JSONL file in the test's folder only."""
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    sections = sorted(path for path in BBC.iterdir() if path.is_dir())
    rows = [
        {"id": f"{section.name}/{path.stem}", "text": path.read_text(encoding="utf-8", errors="replace")}
        for section in sections
        for path in article_files(section)[:60]
    ]
    assert len(rows) == 300
    source = write_jsonl(tmp_path / "bbc.jsonl", rows)
    one, summary_one, _ = run([source], tmp_path / "one", n_process=1)
    two, _, _ = run([source], tmp_path / "two", n_process=2)
    dask, summary, _ = run([source], tmp_path / "dask", engine="dask", scheduler=cluster)
    assert summary.extracted == summary_one.extracted == 300
    for ext in OUTPUTS:
        assert two[ext] == one[ext], ext
        assert dask[ext] == one[ext], ext
