"""The ``newskg`` command line: thin commands over the library functions."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from newskg import __version__
from newskg.extractor.lexicon import LexiconError
from newskg.extractor.pipeline import DEFAULT_MODEL, ModelNotInstalled
from newskg.graphs.formats import UnknownFormat, registry
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.run import ExtractOptions, extract

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
        list[str],
        typer.Option("--output", "-o", help="Output file; the format follows the extension. Repeatable."),
    ],
    model: Annotated[str, typer.Option(help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per nlp.pipe batch.")] = 64,
    n_process: Annotated[int, typer.Option(min=1, help="Worker processes for parsing.")] = 1,
    merge: Annotated[bool, typer.Option("--merge/--no-merge", help="Merge entities across articles.")] = True,
    base_iri: Annotated[str, typer.Option(help="Base IRI for entities, articles and statements.")] = DEFAULT_BASE_IRI,
    lexicon: Annotated[
        list[str] | None, typer.Option(help="Extra trigger lexicon (TSV: lemma, relation, VERB|NOUN). Repeatable.")
    ] = None,
    merge_report: Annotated[
        str | None, typer.Option(help="Write every cross-article entity merge and its reason to this JSON file.")
    ] = None,
) -> None:
    """Extract entities and relations from articles and write graph files."""
    options = ExtractOptions(
        model=model, batch_size=batch_size, n_process=n_process, merge=merge, base_iri=base_iri, lexicons=lexicon or []
    )
    options.merge_report = merge_report
    try:
        _, summary = extract(paths, output, options, stdin=sys.stdin, report=error)
    except (UnknownFormat, ModelNotInstalled, LexiconError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    typer.echo(summary.line(), err=True)
    if summary.failed or not summary.extracted:
        raise typer.Exit(1)


@app.command("formats")
def formats_command() -> None:
    """List the output formats and their file extensions."""
    for fmt in registry().values():
        typer.echo(f"{fmt.name:<10} {' '.join(fmt.extensions):<10} {fmt.description}")


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[
        str, typer.Argument(metavar="GOLD.jsonl", help="Gold articles with annotations (see docs/gold-format.md).")
    ],
    model: Annotated[str, typer.Option(help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    only_predicates: Annotated[
        str | None, typer.Option(metavar="REL,REL", help="Score only edges of these relations (comma-separated).")
    ] = None,
    report: Annotated[
        str | None, typer.Option(metavar="FILE.json", help="Write the full report (every figure and item) as JSON.")
    ] = None,
    graph: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Score this GraphML or GEXF file instead of extracting from the gold text."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Duplicates, missed and spurious items per article.")
    ] = False,
) -> None:
    """Extract from gold articles and print precision, recall and F1 against their annotations."""
    from rich.console import Console

    from newskg.evaluate import GoldError, evaluate, print_evaluation, summary_line
    from newskg.extractor.lexicon import relation_inventory
    from newskg.graphs.formats import write_atomic

    predicates = [p.strip() for p in only_predicates.split(",") if p.strip()] if only_predicates else None
    unknown = sorted(set(predicates or []) - set(relation_inventory()))
    if unknown:
        error(f"--only-predicates: unknown relation(s) {', '.join(unknown)}")
        raise typer.Exit(2)
    problems: list[str] = []

    def report_problem(message: str) -> None:
        problems.append(message)
        error(message)

    try:
        evaluation = evaluate(gold, ExtractOptions(model=model), predicates, graph, report=report_problem)
    except (GoldError, ModelNotInstalled) as err:
        error(str(err))
        raise typer.Exit(2) from None
    print_evaluation(evaluation, Console(), verbose=verbose)
    if report:
        document = {
            "gold": gold,
            "graph": graph,
            "model": None if graph else model,
            "only_predicates": predicates,
            "summary": summary_line(evaluation.result),
            **evaluation.result,
        }
        try:
            write_atomic(report, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as err:
            report_problem(f"{report}: cannot write the report ({err.strerror or err})")
    if problems:
        raise typer.Exit(1)


def main() -> None:
    app()
