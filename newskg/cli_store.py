"""Commands that read a graph store built by ``newskg extract --store DIR``: export and query."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.table import Table

from newskg.cli import app, error
from newskg.graphs.formats import OutputOptions, UnknownFormat, format_for_path, write_graph
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.store import StoreError, query_store, store_graph, store_settings


class ResultFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


RESULT_FORMATS = {
    ResultFormat.csv: ox.QueryResultsFormat.CSV,
    ResultFormat.tsv: ox.QueryResultsFormat.TSV,
    ResultFormat.json: ox.QueryResultsFormat.JSON,
}

StoreOption = Annotated[str, typer.Option("--store", help="Store folder written by `newskg extract --store`.")]


@app.command("export")
def export_command(
    store: StoreOption,
    output: Annotated[
        list[str], typer.Option("--output", "-o", help="Output file; the format follows the extension. Repeatable.")
    ],
) -> None:
    """Write the store's merged graph to files (the same bytes as a fresh `newskg extract -o`)."""
    try:
        for path in output:
            format_for_path(path)
        graph = store_graph(store)
        options = OutputOptions(base_iri=store_settings(store).get("base_iri", DEFAULT_BASE_IRI))
        for path in output:
            write_graph(graph, path, options)
    except (UnknownFormat, StoreError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    typer.echo(
        f"{len(graph.entities)} entities, {len(graph.relations)} relations, {len(graph.articles)} articles", err=True
    )


def term_text(term: object) -> str:
    """A result cell: IRIs and literals by their value, unbound as empty."""
    return "" if term is None else str(getattr(term, "value", term))


@app.command("query")
def query_command(
    store: StoreOption,
    sparql: Annotated[str, typer.Argument(help="A SPARQL query; the default graph is the merged graph.")],
    result_format: Annotated[ResultFormat, typer.Option("--format", "-f", help="How to print results.")] = (
        ResultFormat.table
    ),
) -> None:
    """Run a SPARQL query on the store (Oxigraph): GRAPH ?g ranges over the article graphs."""
    try:
        results = query_store(store, sparql)
    except StoreError as err:
        error(str(err))
        raise typer.Exit(2) from None
    except SyntaxError as err:
        error(f"invalid SPARQL: {err}")
        raise typer.Exit(2) from None
    if isinstance(results, ox.QueryBoolean):
        typer.echo("true" if bool(results) else "false")
    elif isinstance(results, ox.QueryTriples):
        sys.stdout.write((results.serialize(format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8"))
    elif result_format is ResultFormat.table:
        variables = [variable.value for variable in results.variables]
        table = Table(*variables)
        for solution in results:
            table.add_row(*(term_text(solution[name]) for name in variables))
        Console().print(table)
    else:
        sys.stdout.write((results.serialize(format=RESULT_FORMATS[result_format]) or b"").decode("utf-8"))
