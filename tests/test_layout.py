"""The package layout the guide asks for: graphs/ builds on the data model only, and tests stay off bench/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from newskg.model import KnowledgeGraph
from tests.conftest import REPO


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def newskg_imports(folder: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(REPO)): {m for m in imported_modules(path) if m.split(".")[0] == "newskg"}
        for path in sorted((REPO / folder).rglob("*.py"))
    }


def test_graphs_imports_only_the_model_and_itself() -> None:
    # newskg.reprints (MinHash fingerprints of article texts, no spaCy) serves the run and the merge alike.
    allowed = ("newskg.model", "newskg.vocabulary", "newskg.reprints", "newskg.graphs")
    outside = {
        name: sorted(m for m in modules if not m.startswith(allowed))
        for name, modules in newskg_imports("graphs").items()
    }
    assert {name: modules for name, modules in outside.items() if modules} == {}


def test_the_model_imports_nothing_of_the_pipeline_or_the_exporters() -> None:
    for name in ("model.py", "vocabulary.py"):
        assert {m for m in imported_modules(REPO / "newskg" / name) if m.startswith("newskg")} <= {"newskg"}, name


@pytest.mark.parametrize("module", ["newskg", "newskg.model", "newskg.vocabulary", "newskg.graphs.merge"])
def test_the_model_loads_without_spacy(module: str) -> None:
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_readme_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Using the library") :]
    code = section[section.index("```python\n") + len("```python\n") :]
    code = code[: code.index("```")]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(REPO / "examples")
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    graph, again = namespace["graph"], namespace["again"]
    assert isinstance(graph, KnowledgeGraph) and isinstance(again, KnowledgeGraph)
    assert len(graph.entities) > 10 and set(again.entities) == set(graph.entities)
    assert set(again.relations) == set(graph.relations)


def test_no_test_imports_bench() -> None:
    users = {name for name, modules in imports_of_tests().items() if any(m.split(".")[0] == "bench" for m in modules)}
    assert users == set()


def imports_of_tests() -> dict[str, set[str]]:
    return {str(path.relative_to(REPO)): imported_modules(path) for path in sorted((REPO / "tests").rglob("*.py"))}
