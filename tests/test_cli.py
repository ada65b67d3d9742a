"""End-to-end CLI runs: help for every command, good and bad inputs, several outputs, two processes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import typer.main
from rdflib import Graph
from typer.testing import CliRunner

from newskg.cli import app
from tests.conftest import EXAMPLES, REPO

runner = CliRunner()


def command_names() -> list[str]:
    return [command.name or command.callback.__name__ for command in app.registered_commands]  # type: ignore[union-attr]


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "-h"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


# What help must not show: Python types as placeholders (typer 0.27 and later) or click's braces around a name.
PYTHON_PLACEHOLDER = re.compile(r"<(?:str|int|bool|float|list\[[^\]]*\]|int range|path)>|\{\w+\}")


@pytest.mark.parametrize("command", command_names())
def test_help_shows_metavars_not_python_types(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], terminal_width=160)
    assert result.exit_code == 0, result.output
    assert PYTHON_PLACEHOLDER.search(result.output) is None, result.output
    assert "<bool>" not in result.output
    for param in typer.main.get_command(app).commands[command].params:  # type: ignore[attr-defined]
        takes_value = not getattr(param, "is_flag", False) and not getattr(param, "count", False)
        if param.param_type_name == "option" and takes_value and not param.hidden:
            assert param.metavar, f"{command} {param.opts}: give it a metavar (FILE, N, NAME...)"


def readme_sections() -> dict[str, str]:
    """Command -> its README section, from its '### `newskg COMMAND ...`' heading to the next heading."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.finditer(r"^### `newskg (\w+)[^\n]*\n.*?(?=^#|\Z)", readme, flags=re.M | re.S)
    return {match.group(1): match.group(0) for match in found}


def test_the_readme_documents_the_root_options() -> None:
    root = typer.main.get_command(app)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(opt in readme for param in root.params for opt in param.opts)


@pytest.mark.parametrize("command", command_names())
def test_every_command_and_option_is_documented_in_the_readme(command: str) -> None:
    section = readme_sections().get(command)
    assert section, f"the README has no '### `newskg {command} ...`' section"
    heading = section.splitlines()[0]
    for param in typer.main.get_command(app).commands[command].params:  # type: ignore[attr-defined]
        if param.param_type_name == "argument" and param.metavar:
            assert param.metavar in heading, f"{command}: {param.metavar} not in {heading!r}"
        elif param.param_type_name == "option" and not param.hidden and "--help" not in param.opts:
            names = param.opts + param.secondary_opts
            assert any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", section) for name in names), names


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("newskg ")


def test_extract_examples_writes_every_requested_format(tmp_path: Path) -> None:
    gexf, ttl = tmp_path / "g.gexf", tmp_path / "g.ttl"
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(gexf), "-o", str(ttl)])
    assert result.exit_code == 0, result.output
    assert "articles read: 6, extracted: 6, failed: 0" in result.output
    network = nx.read_gexf(gexf)
    assert network.number_of_nodes() > 10 and network.number_of_edges() > 3
    assert len(Graph().parse(ttl, format="turtle")) > 50


def test_bad_article_is_reported_and_good_ones_are_kept(tmp_path: Path) -> None:
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Talks\n\nFrance and Germany signed a treaty in Paris.\n", encoding="utf-8")
    (tmp_path / "in" / "bad.jsonl").write_text('{"id": "x", "text": "Fine."}\n{broken\n', encoding="utf-8")
    out = tmp_path / "g.graphml"
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), str(tmp_path / "nope.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'in' / 'bad.jsonl'}:2: malformed JSON" in result.output
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in result.output
    assert "articles read: 2, extracted: 2, failed: 2" in result.output
    labels = {attrs["label"] for _, attrs in nx.read_graphml(out).nodes(data=True)}
    assert {"France", "Germany"} <= labels


def test_prune_needs_a_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(tmp_path / "g.ttl"), "--prune"])
    assert result.exit_code == 2 and "--prune needs --store DIR" in result.output


def test_unknown_output_extension_fails_before_work(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(tmp_path / "g.docx")])
    assert result.exit_code == 2
    assert "g.docx: unknown output extension (supported: .graphml, .gexf, .ttl" in result.output


def test_missing_model_names_the_package(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(EXAMPLES), "-o", str(tmp_path / "g.ttl"), "--model", "xx_no_such_model"]
    )
    assert result.exit_code == 2
    assert "spaCy model 'xx_no_such_model' is not installed" in result.output


def test_stdin_and_two_processes_give_the_same_bytes(tmp_path: Path) -> None:
    """A real subprocess: stdin JSONL, --n-process 2, every output identical to one process."""
    articles = [
        {"id": f"a{i}", "text": f"France accused Germany of spying on day {i}. Kenya welcomed Uganda."}
        for i in range(8)
    ]
    stdin = "\n".join(json.dumps(a) for a in articles)
    outputs = []
    for processes in ("1", "2"):
        out = tmp_path / f"g{processes}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "newskg",
                "extract",
                "-",
                "-o",
                f"{out}.trig",
                "-o",
                f"{out}.gexf",
                "-o",
                f"{out}.ttl",
                "-o",
                f"{out}.jsonld",
                "--n-process",
                processes,
                "--batch-size",
                "2",
            ],
            input=stdin,
            text=True,
            check=True,
            capture_output=True,
        )
        assert "articles read: 8, extracted: 8, failed: 0;" in done.stderr
        assert "\x1b[" not in done.stderr  # no progress bar when stderr is not a terminal
        outputs.append(tuple(Path(f"{out}.{ext}").read_bytes() for ext in ("trig", "gexf", "ttl", "jsonld")))
    assert outputs[0] == outputs[1]
    assert b"accused" in outputs[0][0] and b"accused" in outputs[0][1]
