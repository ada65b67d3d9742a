"""The ``newskg`` command line: thin commands over the library functions."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from newskg import __version__
from newskg.extractor.lexicon import LexiconError
from newskg.extractor.pipeline import DEFAULT_MODEL, ModelNotInstalled
from newskg.graphs.formats import UnknownFormat, registry
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.progress import RunProgress, wants_progress
from newskg.run import DEFAULT_BATCH_SIZE, PARALLEL_MIN_ARTICLES, ExtractOptions, count_articles, extract
from newskg.store import StoreError

app = typer.Typer(
    name="newskg",
    help="Turn news articles into a knowledge graph (GEXF, GraphML, RDF).",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def error(message: str) -> None:
    typer.echo(f"newskg: {message}", err=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"newskg {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn news articles into a knowledge graph: who did what to whom, when, and where it says so."""


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[str], typer.Argument(help="Article files (.txt, .jsonl, .html), folders, or - for JSONL on stdin.")
    ],
    output: Annotated[
        list[str] | None,
        typer.Option("--output", "-o", help="Output file; the format follows the extension. Repeatable."),
    ] = None,
    model: Annotated[str, typer.Option(help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per nlp.pipe batch.")] = DEFAULT_BATCH_SIZE,
    n_process: Annotated[
        int | None,
        typer.Option(
            min=1,
            help=f"Worker processes [default: every core above {PARALLEL_MIN_ARTICLES} articles, else 1]",
            show_default=False,
        ),
    ] = None,
    merge: Annotated[bool, typer.Option("--merge/--no-merge", help="Merge entities across articles.")] = True,
    base_iri: Annotated[str, typer.Option(help="Base IRI for entities, articles and statements.")] = DEFAULT_BASE_IRI,
    lexicon: Annotated[
        list[str] | None, typer.Option(help="Extra trigger lexicon (TSV: lemma, relation, VERB|NOUN). Repeatable.")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(help="Keep the graph in this Oxigraph store folder; parse only new or changed articles."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract entities and relations from articles and write graph files."""
    if not output and not store:
        error("nothing to write: give -o/--output, --store, or both")
        raise typer.Exit(2)
    options = ExtractOptions(
        model=model,
        batch_size=batch_size,
        n_process=n_process,
        merge=merge,
        base_iri=base_iri,
        lexicons=lexicon or [],
        store=store,
    )
    show = wants_progress(quiet)
    progress = RunProgress(enabled=show, total=(count_articles(paths) or None) if show else None)
    try:
        _, summary = extract(paths, output or [], options, stdin=sys.stdin, report=error, progress=progress)
    except (UnknownFormat, ModelNotInstalled, LexiconError, StoreError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    typer.echo(summary.line(), err=True)
    if summary.failed or not (summary.extracted or summary.unchanged):
        raise typer.Exit(1)


@app.command("formats")
def formats_command() -> None:
    """List the output formats and their file extensions."""
    for fmt in registry().values():
        typer.echo(f"{fmt.name:<10} {' '.join(fmt.extensions):<10} {fmt.description}")


def main() -> None:
    app()


# The store's export and query commands register themselves on ``app``.
from newskg import cli_store  # noqa: E402, F401
