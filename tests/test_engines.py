"""Choosing an engine (``extract --engine``), without a cluster: the options' checks and a missing Dask.

The Dask engine itself is tested on real clusters in tests/test_dask.py.
"""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from newskg.cli import app
from newskg.engines import DASK_INSTALL, EngineError, dask_engine
from tests.conftest import EXAMPLES

runner = CliRunner()


def block_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the extra were not installed: importing dask or distributed fails (None in sys.modules)."""
    for name in list(sys.modules):
        if name.split(".")[0] in {"dask", "distributed"} or name == "newskg.dask_engine":
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "distributed", None)


def test_without_dask_the_engine_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    block_dask(monkeypatch)
    with pytest.raises(EngineError, match="not installed") as raised:
        dask_engine()
    assert str(raised.value).endswith(DASK_INSTALL)
    assert DASK_INSTALL == "pip install 'newskg[dask]'"


def test_without_dask_extract_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    block_dask(monkeypatch)
    out = tmp_path / "graph.gexf"
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(out), "--engine", "dask"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"newskg: --engine dask needs Dask's distributed scheduler, which is not installed: {DASK_INSTALL}"
    ]
    assert not out.exists()


def test_an_import_error_inside_the_engine_is_not_taken_for_a_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only dask or distributed missing means the extra is missing; any other import error stays what it is."""
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install -e '.[dask]')")
    monkeypatch.delitem(sys.modules, "newskg.dask_engine", raising=False)
    monkeypatch.setitem(sys.modules, "newskg.batch", None)
    with pytest.raises(ImportError) as raised:
        dask_engine()
    assert not isinstance(raised.value, EngineError) and raised.value.name == "newskg.batch"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--engine", "spark"], "unknown engine 'spark' (want local or dask)"),
        (
            ["--scheduler", "tcp://127.0.0.1:8786"],
            "--scheduler is the address of a Dask scheduler: it needs --engine dask",
        ),
        (
            ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--n-process", "2"],
            "--n-process sizes a local pool or cluster; a scheduler's workers are those started with dask worker",
        ),
    ],
)
def test_engine_options_that_cannot_go_together_are_one_line_and_exit_2(
    arguments: list[str], message: str, tmp_path
) -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(tmp_path / "graph.gexf"), *arguments])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"newskg: {message}"]
