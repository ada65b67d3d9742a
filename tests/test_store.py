"""The incremental Oxigraph store (``--store``): re-runs parse only changes, and equal a fresh run."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Dataset
from typer.testing import CliRunner

from newskg.cli import app
from newskg.run import ExtractOptions, RunSummary, extract
from newskg.store import (
    META_GRAPH,
    RDF_FOLDER,
    RDF_STATE,
    STATE_FOLDER,
    open_store,
    query_store,
    records_from_json,
    records_to_json,
    store_dataset,
    store_records,
)

runner = CliRunner()

ARTICLES = {
    "alpha": "Spying row\n\nFrance accused Germany of spying in Paris on Monday.\n",
    "bravo": "Sanctions\n\nThe United States sanctioned Iran over its missile programme.\n",
    "delta": "Visit\n\nPresident Lula visited Argentina and met officials in Buenos Aires.\n",
}


def write_articles(folder: Path, articles: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")


def test_records_survive_json(extract_text) -> None:
    records = extract_text(ARTICLES["alpha"], article_id="alpha", date="2024-05-01")
    assert records.entities and records.relations
    assert records_from_json(records_to_json(records)) == records


def run(folder: Path, out: Path, store: Path | None) -> RunSummary:
    outputs = [str(out / "g.trig"), str(out / "g.gexf"), str(out / "g.nq")]
    options = ExtractOptions(n_process=1, store=str(store) if store else None)
    _, summary = extract([str(folder)], outputs, options, report=print)
    return summary


def test_second_store_run_parses_only_changes_and_equals_a_fresh_run(tmp_path: Path, shared_nlp: list[int]) -> None:
    folder, store = tmp_path / "in", tmp_path / "store"
    write_articles(folder, ARTICLES)
    first = run(folder, tmp_path / "first", store)
    assert (first.extracted, first.unchanged) == (3, 0)

    # One article changes, one is new and sorts between the others.
    write_articles(folder, {"bravo": ARTICLES["bravo"].replace("Iran", "Syria"), "charlie": ARTICLES["alpha"]})
    second = run(folder, tmp_path / "second", store)
    assert (second.read, second.extracted, second.unchanged, second.failed) == (4, 2, 2, 0)
    fresh = run(folder, tmp_path / "fresh", None)
    assert fresh.extracted == 4
    for name in ("g.trig", "g.gexf", "g.nq"):
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert b"syria" in (tmp_path / "second" / "g.nq").read_bytes()
    assert b"/iran>" not in (tmp_path / "second" / "g.nq").read_bytes()

    # The RDF in Oxigraph is the fresh run's RDF, quad for quad.
    fresh_rdf = Dataset()
    fresh_rdf.parse(tmp_path / "fresh" / "g.nq", format="nquads")
    assert set(store_dataset(store).quads()) == set(fresh_rdf.quads())
    assert [records.article.id for records in store_records(store)] == [
        "in/alpha",
        "in/bravo",
        "in/charlie",
        "in/delta",
    ]

    # Nothing changed: no model is loaded, nothing is parsed, the outputs stay the same.
    loads = len(shared_nlp)
    third = run(folder, tmp_path / "third", store)
    assert (third.extracted, third.unchanged) == (0, 4) and len(shared_nlp) == loads
    assert (tmp_path / "third" / "g.trig").read_bytes() == (tmp_path / "fresh" / "g.trig").read_bytes()

    # Outputs already holding the store's graph are not written again; an edited one is.
    trig, gexf = tmp_path / "third" / "g.trig", tmp_path / "third" / "g.gexf"
    written = trig.stat().st_mtime_ns
    gexf.write_text("edited by hand", encoding="utf-8")
    run(folder, tmp_path / "third", store)
    assert trig.stat().st_mtime_ns == written
    assert gexf.read_bytes() == (tmp_path / "fresh" / "g.gexf").read_bytes()


def test_store_prunes_deleted_articles_and_repairs_an_interrupted_rebuild(
    tmp_path: Path, shared_nlp: list[int]
) -> None:
    folder, store = tmp_path / "in", tmp_path / "store"
    write_articles(folder, ARTICLES)
    run(folder, tmp_path / "first", store)

    # A run killed while the RDF was being rebuilt: its state mark is gone and an article graph half written.
    database = open_store(store)
    name = next(graph for graph in database.rdf.named_graphs() if "/graph/" in str(graph))
    database.rdf.remove_graph(name)
    for quad in list(database.meta.quads_for_pattern(None, RDF_STATE, None, None)):
        database.meta.remove(quad)
    database.flush()
    del database
    repaired = run(folder, tmp_path / "repaired", store)
    assert repaired.extracted == 0
    assert (tmp_path / "repaired" / "g.nq").read_bytes() == (tmp_path / "first" / "g.nq").read_bytes()
    assert set(store_dataset(store).quads()) == set(Dataset().parse(tmp_path / "first" / "g.nq").quads())

    # A deleted file stays in the store, unless the run prunes.
    (folder / "alpha.txt").unlink()
    kept = run(folder, tmp_path / "kept", store)
    assert kept.extracted == 0 and [r.article.id for r in store_records(store)] == ["in/bravo", "in/delta", "in/alpha"]
    _, pruned = extract([str(folder)], [str(tmp_path / "pruned.trig")], ExtractOptions(store=str(store), prune=True))
    assert pruned.extracted == 0 and [r.article.id for r in store_records(store)] == ["in/bravo", "in/delta"]
    run(folder, tmp_path / "fresh", None)
    assert (tmp_path / "pruned.trig").read_bytes() == (tmp_path / "fresh" / "g.trig").read_bytes()


def test_store_commands_export_and_query(tmp_path: Path, shared_nlp: list[int]) -> None:
    folder, store = tmp_path / "in", tmp_path / "store"
    write_articles(folder, ARTICLES)
    run(folder, tmp_path / "fresh", store)
    result = runner.invoke(app, ["export", str(store), "-o", str(tmp_path / "export.trig")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "export.trig").read_bytes() == (tmp_path / "fresh" / "g.trig").read_bytes()
    result = runner.invoke(app, ["export", "--store", str(store), "-o", str(tmp_path / "old.gexf")])  # the old form
    assert result.exit_code == 0, result.output
    assert (tmp_path / "old.gexf").read_bytes() == (tmp_path / "fresh" / "g.gexf").read_bytes()

    sparql = "SELECT ?name WHERE { ?s nkg:sanctioned ?o . ?o rdfs:label ?name }"  # prefixes come declared
    result = runner.invoke(app, ["query", str(store), "--format", "json", sparql])
    assert result.exit_code == 0, result.output
    names = [row["name"]["value"] for row in json.loads(result.output)["results"]["bindings"]]
    assert names == ["Iran"]
    per_article = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    graphs = {str(row["g"].value) for row in query_store(store, per_article)}
    assert graphs and all("/graph/" in graph for graph in graphs)  # the store's metadata graph stays hidden

    result = runner.invoke(app, ["query", str(tmp_path / "nowhere"), "SELECT * WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2 and "nowhere: no such file or store folder" in result.output


def test_every_command_reading_a_graph_takes_a_store_or_a_file_first(tmp_path: Path, shared_nlp: list[int]) -> None:
    folder, store = tmp_path / "in", tmp_path / "store"
    write_articles(folder, ARTICLES)
    run(folder, tmp_path / "fresh", store)
    trig = str(tmp_path / "fresh" / "g.trig")
    for command in (["stats", "--top", "3"], ["validate"], ["query", "--format", "csv", "ASK { ?s nkg:accused ?o }"]):
        from_store, from_file = (runner.invoke(app, [command[0], where, *command[1:]]) for where in (str(store), trig))
        assert from_store.exit_code == from_file.exit_code == 0, from_store.output + from_file.output
        assert from_store.output.replace(str(store), "SOURCE") == from_file.output.replace(trig, "SOURCE"), command
    query = tmp_path / "q.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a nkg:Statement }", encoding="utf-8")
    old = runner.invoke(app, ["query", "--store", str(store), "--file", str(query), "-f", "json"])
    new = runner.invoke(app, ["query", str(store), "--file", str(query), "-f", "json"])
    assert old.exit_code == new.exit_code == 0 and old.output == new.output
    # The first argument is always the source, never the query.
    result = runner.invoke(app, ["query", "--store", str(store), "SELECT * WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2 and "the first argument is the source" in result.output
    result = runner.invoke(app, ["query", str(store), "ASK {}", "--with-ontology"])
    assert result.exit_code == 2 and "export it to an RDF file" in result.output


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_literals_survive_the_store_and_nquads(text: str) -> None:
    """Any text goes into Oxigraph, out as N-Quads and back unchanged."""
    quad = ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(text), ox.NamedNode("urn:g"))
    (parsed,) = ox.parse(ox.serialize([quad], format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    assert parsed.object.value == text


def test_the_rdf_database_holds_the_rdf_view_and_no_bookkeeping(tmp_path: Path, shared_nlp: list[int]) -> None:
    """DIR/rdf is what a SPARQL server serves: exactly the run's N-Quads; the bookkeeping lives in DIR/state."""
    folder, store = tmp_path / "in", tmp_path / "store"
    write_articles(folder, ARTICLES)
    run(folder, tmp_path / "out", store)
    assert sorted(entry.name for entry in store.iterdir()) == [RDF_FOLDER, STATE_FOLDER]
    served = ox.Store.read_only(str(store / RDF_FOLDER))
    written = set(ox.parse(path=str(tmp_path / "out" / "g.nq"), format=ox.RdfFormat.N_QUADS))
    assert set(served) == written
    assert not any(str(quad).count("urn:newskg") for quad in served)
    state = ox.Store.read_only(str(store / STATE_FOLDER))
    assert {quad.graph_name for quad in state} == {META_GRAPH}


def test_a_store_of_the_first_layout_is_upgraded_by_extract(tmp_path: Path, shared_nlp: list[int]) -> None:
    """A store written as one database (RDF and bookkeeping together) is refused by the reading commands, with
    what to do, and upgraded by the next extract, which keeps its parsed articles."""
    folder, store = tmp_path / "in", tmp_path / "store"
    write_articles(folder, ARTICLES)
    run(folder, tmp_path / "first", store)
    old = tmp_path / "old"
    database = ox.Store(str(old))
    database.extend(ox.Store.read_only(str(store / RDF_FOLDER)))
    database.extend(ox.Store.read_only(str(store / STATE_FOLDER)))
    database.flush()
    del database
    result = runner.invoke(app, ["query", str(old), "ASK { ?s ?p ?o }"])
    assert result.exit_code == 2 and f"run newskg extract with --store {old} once to upgrade it" in result.output
    upgraded = run(folder, tmp_path / "upgraded", old)
    assert (upgraded.extracted, upgraded.unchanged) == (0, 3)
    assert (tmp_path / "upgraded" / "g.nq").read_bytes() == (tmp_path / "first" / "g.nq").read_bytes()
    assert {RDF_FOLDER, STATE_FOLDER} <= {entry.name for entry in old.iterdir()}
    assert set(ox.Store.read_only(str(old / RDF_FOLDER))) == set(ox.Store.read_only(str(store / RDF_FOLDER)))
    result = runner.invoke(app, ["query", str(old), "ASK { ?s nkg:sanctioned ?o }"])
    assert result.exit_code == 0 and result.output == "true\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["stats", str(empty)])
    assert result.exit_code == 2 and "not a newskg store" in result.output
