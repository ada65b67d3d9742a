"""Soak run (issue 17), marked ``soak``: a slow run kept out of CI (whose ``-m slow`` pass runs the browser tests).
Run it with ``pytest -m soak tests/test_soak.py -s``.

The whole BBC corpus read three times (as three folders, so three sets of ids)
with hostile inputs mixed in between the passes, two worker processes: not one
good article may be lost, every bad input is one error line, and memory stays
flat (the workers' peak does not grow from pass to pass; the main process grows
only by the graph).
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from newskg.reader import article_files
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "bbc"
PASSES = 3

pytestmark = [
    pytest.mark.soak,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the BBC corpus is not at {CORPUS}"),
]

# Runs newskg.run.extract in its own process, sampling resident memory (main process and each worker) every
# second with the number of articles done, and prints the run summary and the samples as JSON.
DRIVER = """
import json, multiprocessing, sys, threading, time
from newskg.progress import RunProgress
from newskg.run import ExtractOptions, extract

def rss(pid="self"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0

class Sampler(RunProgress):
    counts = None
    def update(self, counts):
        self.counts = counts

args = json.loads(sys.argv[1])
sampler, samples, done = Sampler(enabled=False), [], threading.Event()

def sample():
    while not done.wait(1.0):
        counts = sampler.counts
        workers = []
        for child in multiprocessing.active_children():
            try:
                workers.append(rss(child.pid))
            except OSError:
                pass
        samples.append({"done": counts.extracted + counts.failed if counts else 0, "main": rss(), "workers": workers})

threading.Thread(target=sample, daemon=True).start()
options = ExtractOptions(n_process=2)
messages = []
started = time.perf_counter()
_, summary = extract(args["inputs"], args["outputs"], options, report=messages.append, progress=sampler)
done.set()
print(json.dumps({"summary": summary.line(), "read": summary.read, "extracted": summary.extracted,
                  "failed": summary.failed, "warnings": summary.warnings, "messages": messages,
                  "samples": samples, "seconds": time.perf_counter() - started}))
"""


def hostile_folder(folder: Path, long_text: str) -> tuple[set[str], int, int]:
    """Bad and repaired inputs; returns the ids of the good articles among them, the errors and the warnings."""
    folder.mkdir()
    name = folder.name
    good = "Treaty talks\n\nFrance and Germany signed a treaty in Paris on Monday.\n"
    (folder / "empty.txt").write_text(" \n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\x00\x00")
    (folder / "long.txt").write_text(long_text)  # over spaCy's max_length, real text
    (folder / "latin1.txt").write_bytes("Caf\xe9 talks\n\nFrance met Germany.".encode("latin-1"))
    lines = [
        json.dumps({"id": f"{name}-ok1", "text": good}),
        '{"id": ' + "7" * 5000 + ', "text": "x"}',
        json.dumps({"id": f"{name}-deep", "text": "x", "extra": []})[:-1]
        + ', "n": '
        + "[" * 50_000
        + "]" * 50_000
        + "}",
        '{"id": "' + name + '-sur", "text": "Smile \\ud83d. Kenya welcomed Uganda."}',
        json.dumps({"id": f"{name}-date", "text": good, "date": "2020-13-45"}),
        json.dumps({"id": f"{name}-sep", "text": "Kenya\u2028welcomed Uganda\u0085on Tuesday."}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "pass1/business/001", "text": good}),  # another source's id
        json.dumps({"id": f"{name}-ok2", "text": good}),
    ]
    data = (
        "\n".join(lines).encode("utf-8")
        + b'\n{"id": "'
        + name.encode()
        + b'-byte", "text": "bad \xff. Kenya met Uganda."}\n'
    )
    (folder / "feed.jsonl").write_bytes(data)
    ids = {f"{name}/long", f"{name}/latin1"} | {f"{name}-{s}" for s in ("ok1", "sur", "date", "sep", "ok2", "byte")}
    # errors: empty, binary, huge integer, deep nesting, broken JSON, taken id; warnings: latin1, sur, date, byte
    return ids, 6, 4


def test_soak_the_corpus_three_times_with_hostile_files(tmp_path: Path) -> None:
    corpus_files = article_files(CORPUS)
    bbc = [path.relative_to(CORPUS).with_suffix("").as_posix() for path in corpus_files]
    long_text = "\n\n".join(path.read_text(encoding="utf-8").strip() for path in corpus_files[:520])[:1_020_000]
    inputs, expected, errors, warnings = [], set(), 0, 0
    for number in range(1, PASSES + 1):
        (tmp_path / f"pass{number}").symlink_to(CORPUS)
        inputs.append(str(tmp_path / f"pass{number}"))
        expected |= {f"pass{number}/{doc}" for doc in bbc}
        ids, bad, repaired = hostile_folder(tmp_path / f"hostile{number}", long_text)
        inputs.append(str(tmp_path / f"hostile{number}"))
        expected |= ids
        errors, warnings = errors + bad, warnings + repaired
    outputs = [str(tmp_path / "out" / "g.nq"), str(tmp_path / "out" / "g.gexf")]
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps({"inputs": inputs, "outputs": outputs})],
        capture_output=True,
        text=True,
        timeout=4 * 3600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    print(result["summary"])
    store = ox.Store()
    store.bulk_load(path=outputs[0], format=ox.RdfFormat.N_QUADS)
    found = {
        quad.object.value
        for quad in store.quads_for_pattern(None, ox.NamedNode("https://schema.org/identifier"), None)
        if isinstance(quad.object, ox.Literal) and "/article/" in quad.subject.value
    }
    missing = expected - found
    assert not missing, f"{len(missing)} good articles lost, e.g. {sorted(missing)[:5]}"
    assert result["extracted"] == len(expected)
    assert result["failed"] == errors and result["warnings"] == warnings, result["messages"]
    assert all("\n" not in message for message in result["messages"])
    # Memory per pass: the samples split at the articles done by the end of each pass.
    per_pass = len(expected) / PASSES
    rows = []
    for number in range(PASSES):
        samples = [s for s in result["samples"] if number * per_pass <= s["done"] < (number + 1) * per_pass]
        rows.append(
            {
                "pass": number + 1,
                "main_mb": max(s["main"] for s in samples),
                "worker_peak_mb": max(max(s["workers"], default=0) for s in samples),
            }
        )
    for row in rows:
        print(f"pass {row['pass']}: main process {row['main_mb']} MB, largest worker {row['worker_peak_mb']} MB")
    print(f"{result['seconds']:.0f} s, {os.cpu_count()} cores")
    first, last = rows[0], rows[-1]
    assert last["worker_peak_mb"] <= first["worker_peak_mb"] * 1.25 + 50, rows  # workers: flat
    growth = [b["main_mb"] - a["main_mb"] for a, b in itertools.pairwise(rows)]
    assert all(step <= 0.5 * first["main_mb"] + 50 for step in growth), rows  # main: the graph only
