"""The ``newskg`` command line: thin commands over the library functions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newskg import __version__
from newskg.engines import ENGINES, EngineError
from newskg.extractor.lexicon import LexiconError
from newskg.extractor.pipeline import DEFAULT_MODEL, ModelNotInstalled
from newskg.graphs.events import DEFAULT_EVENT_WINDOW
from newskg.graphs.formats import UnknownFormat, registry
from newskg.graphs.formats.rdf import RDFReadError
from newskg.graphs.query import OUTPUT_FORMATS, QueryError, format_oxigraph_result
from newskg.graphs.stats import format_stats
from newskg.graphs.validate import validate_rdf
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.progress import RunProgress, wants_progress
from newskg.run import DEFAULT_BATCH_SIZE, PARALLEL_MIN_ARTICLES, ExtractOptions, OutputError, count_articles, extract
from newskg.signals import Interrupted, stop_on_signals
from newskg.sources import SourceError, export_source, query_source, source_dataset, source_stats
from newskg.store import StoreError, StoreWriteError

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
        list[str],
        typer.Argument(
            metavar="PATH...", help="Article files (.txt, .jsonl, .html), folders, or - for JSONL on stdin."
        ),
    ],
    output: Annotated[
        list[str] | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Output file; the format follows the extension. Repeatable."
        ),
    ] = None,
    model: Annotated[str, typer.Option(metavar="NAME", help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    batch_size: Annotated[
        int, typer.Option(min=1, metavar="N", help="Articles per nlp.pipe batch.")
    ] = DEFAULT_BATCH_SIZE,
    n_process: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help=f"Worker processes [default: every core above {PARALLEL_MIN_ARTICLES} articles, else 1]",
            show_default=False,
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            metavar="|".join(ENGINES),
            help="Who parses: local (this machine's processes) or dask (a Dask cluster: pip install 'newskg[dask]').",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="tcp://HOST:8786",
            help="With --engine dask: the address of a running Dask scheduler [default: a local cluster, one"
            " worker process per core or --n-process]",
            show_default=False,
        ),
    ] = None,
    merge: Annotated[bool, typer.Option("--merge/--no-merge", help="Merge entities across articles.")] = True,
    base_iri: Annotated[
        str, typer.Option(metavar="IRI", help="Base IRI for entities, articles and statements.")
    ] = DEFAULT_BASE_IRI,
    lexicon: Annotated[
        list[str] | None,
        typer.Option(metavar="FILE", help="Extra trigger lexicon (TSV: lemma, relation, VERB|NOUN). Repeatable."),
    ] = None,
    merge_report: Annotated[
        str | None,
        typer.Option(
            metavar="FILE.json", help="Write every cross-article entity merge and its reason to this JSON file."
        ),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            metavar="DIR", help="Keep the graph in this Oxigraph store folder; parse only new or changed articles."
        ),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option(
            help="With --store: forget stored articles this run does not read (deleted files), so the store"
            " holds exactly these inputs. Without it the store accumulates."
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    event_window: Annotated[
        int,
        typer.Option(
            min=0,
            metavar="DAYS",
            help="Statements of one event relation between the same actor and target dated within this many days"
            " of the event's first are one event.",
        ),
    ] = DEFAULT_EVENT_WINDOW,
    isolated: IsolatedOption = True,
) -> None:
    """Extract entities and relations from articles and write graph files."""
    if not output and not store:
        error("nothing to write: give -o/--output, --store, or both")
        raise typer.Exit(2)
    if prune and not store:
        error("--prune needs --store DIR")
        raise typer.Exit(2)
    if engine not in ENGINES:
        error(f"unknown engine {engine!r} (want {' or '.join(ENGINES)})")
        raise typer.Exit(2)
    if scheduler and engine != "dask":
        error("--scheduler is the address of a Dask scheduler: it needs --engine dask")
        raise typer.Exit(2)
    if scheduler and n_process:
        error("--n-process sizes a local pool or cluster; a scheduler's workers are those started with dask worker")
        raise typer.Exit(2)
    options = ExtractOptions(
        model=model,
        batch_size=batch_size,
        n_process=n_process,
        engine=engine,
        scheduler=scheduler,
        merge=merge,
        base_iri=base_iri,
        lexicons=lexicon or [],
        store=store,
        prune=prune,
        merge_report=merge_report,
        event_window=event_window,
        isolated=isolated,
    )
    show = wants_progress(quiet)
    progress = RunProgress(enabled=show, total=(count_articles(paths) or None) if show else None)
    try:
        with stop_on_signals():
            _, summary = extract(paths, output or [], options, stdin=sys.stdin, report=error, progress=progress)
    except StoreWriteError as err:
        error(str(err))
        raise typer.Exit(1) from None
    except (UnknownFormat, ModelNotInstalled, LexiconError, StoreError, OutputError, EngineError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    except Interrupted as stop:
        error(f"interrupted by {stop.name}: workers stopped; outputs not written yet are unchanged, no temp file left")
        raise typer.Exit(stop.exit_code) from None
    typer.echo(summary.line(), err=True)
    if summary.failed or summary.unwritten or not (summary.extracted or summary.unchanged):
        raise typer.Exit(1)


@app.command("formats")
def formats_command() -> None:
    """List the output formats and their file extensions."""
    for fmt in registry().values():
        typer.echo(f"{fmt.name:<10} {' '.join(fmt.extensions):<11} {fmt.description}")


IsolatedOption = Annotated[
    bool,
    typer.Option(
        "--isolated/--no-isolated",
        help="Keep the entities without relations in the network formats (GEXF, GraphML, CSV, HTML);"
        " --no-isolated leaves them out. RDF always keeps them.",
    ),
]

SOURCE_HELP = "An RDF file written by newskg (.trig, .nq, .ttl, .nt, .jsonld) or a store folder (extract --store DIR)."
SourceArgument = Annotated[str, typer.Argument(metavar="SOURCE", help=SOURCE_HELP, show_default=False)]
# export and query took a store as --store DIR before SOURCE came first; still accepted there.
OptionalSourceArgument = Annotated[str | None, typer.Argument(metavar="SOURCE", help=SOURCE_HELP, show_default=False)]
StoreOption = Annotated[str | None, typer.Option("--store", metavar="DIR", hidden=True)]


def graph_source(source: str | None, store: str | None = None) -> str:
    """The one SOURCE a command reads (``--store DIR`` is the old spelling), or exit 2."""
    if source is not None and store is not None:
        error(f"give the source once, as SOURCE or --store DIR (the first argument is the source, here {source!r})")
        raise typer.Exit(2)
    if source is None and store is None:
        error("give the SOURCE: an RDF file or a store folder")
        raise typer.Exit(2)
    return source or store or ""


@app.command("export")
def export_command(
    source: OptionalSourceArgument = None,
    *,
    output: Annotated[
        list[str],
        typer.Option(
            "--output", "-o", metavar="FILE", help="Output file; the format follows the extension. Repeatable."
        ),
    ],
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="NAME",
            help="Format of the output (a name of `newskg formats`) when its extension says another.",
        ),
    ] = None,
    base_iri: Annotated[
        str | None,
        typer.Option(metavar="IRI", help="Base IRI of the output; default: the one the source was written with."),
    ] = None,
    isolated: IsolatedOption = True,
    store: StoreOption = None,
) -> None:
    """Write the graph of an RDF file or a store to any output format (RDF is the complete record)."""
    try:
        formats = export_source(graph_source(source, store), output, format_name, base_iri, isolated)
    except (UnknownFormat, SourceError, StoreError, RDFReadError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    for path, fmt in zip(output, formats, strict=True):
        typer.echo(f"{path}: {fmt.name}", err=True)


@app.command("view")
def view_command(
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="SOURCE",
            help="A graph newskg wrote (.trig, .nq, .ttl, .nt, .jsonld, .gexf, .graphml) or a store folder.",
            show_default=False,
        ),
    ] = None,
    *,
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE.html", help="The HTML page to write (e.g. graph.html).")
    ],
    title: Annotated[str | None, typer.Option(metavar="TEXT", help="Page title [default: newskg: N articles]")] = None,
    isolated: IsolatedOption = True,
    store: StoreOption = None,
) -> None:
    """Write one self-contained, offline HTML page that draws the graph (open it in any browser)."""
    from newskg.graphs.network_read import NetworkReadError
    from newskg.view import ViewError, write_view

    where = graph_source(source, store)
    try:
        data = write_view(where, output, title, isolated)
    except (ViewError, SourceError, RDFReadError, NetworkReadError, StoreError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    typer.echo(f"{output}: {len(data['nodes']):,} entities, {len(data['edges']):,} relations", err=True)


@app.command("query")
def query_command(
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="SOURCE",
            help="What to query: an RDF file newskg wrote (.trig, .nq, .ttl, .nt, .jsonld) or a store folder"
            " (the DIR of extract --store DIR).",
            show_default=False,
        ),
    ] = None,
    sparql: Annotated[
        str | None,
        typer.Argument(metavar="SPARQL", help="The query, in quotes (or give --file instead).", show_default=False),
    ] = None,
    file: Annotated[
        str | None, typer.Option("--file", metavar="Q.rq", help="Read the query from this file instead.")
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            "--output-format",
            metavar="|".join(OUTPUT_FORMATS),
            help="table: for reading (IRIs shortened); csv, tsv, json, xml: the W3C SPARQL results formats"
            " (full IRIs, typed values). CONSTRUCT and DESCRIBE print Turtle.",
        ),
    ] = "table",
    with_ontology: Annotated[
        bool,
        typer.Option("--with-ontology", help="Add the newskg ontology (PLOVER categories, labels, class tree)."),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over a graph: newskg query SOURCE 'SELECT ...' or newskg query SOURCE --file Q.rq.

    The query's default graph is the union of every graph (GRAPH ?g still reaches each article's graph), and
    the prefixes nkg:, schema:, rdfs:, rdf:, skos:, prov:, org:, owl:, xsd: and dcterms: are declared.
    """
    where = graph_source(source, store)
    if (sparql is None) == (file is None):
        error("give the SPARQL query either as an argument or with --file, not both")
        raise typer.Exit(2)
    if output_format not in OUTPUT_FORMATS:
        error(f"unknown output format {output_format!r} (want {', '.join(OUTPUT_FORMATS)})")
        raise typer.Exit(2)
    if file is not None:
        try:
            sparql = Path(file).read_text(encoding="utf-8")
        except OSError as err:
            error(f"{file}: cannot read query ({err.strerror or err})")
            raise typer.Exit(2) from None
    try:
        text = format_oxigraph_result(query_source(where, sparql or "", with_ontology), output_format)
    except (SourceError, StoreError, RDFReadError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    except QueryError as err:
        error(f"{file or 'query'}: {err}")
        raise typer.Exit(2) from None
    typer.echo(text, nl=False)


@app.command("stats")
def stats_command(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="A graph newskg wrote (.trig, .nq, .ttl, .nt, .jsonld, .gexf, .graphml) or a store folder.",
            show_default=False,
        ),
    ],
    top: Annotated[
        int, typer.Option(min=1, metavar="N", help="How many rows in each list (most connected, most reported).")
    ] = 10,
) -> None:
    """Count entities by type and relations by predicate, and list the most connected entities and reported events."""
    from newskg.graphs.network_read import NetworkReadError

    try:
        stats = source_stats(graph_source(source), top)
    except (SourceError, StoreError, RDFReadError, NetworkReadError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    typer.echo(format_stats(stats), nl=False)


@app.command("validate")
def validate_command(source: SourceArgument) -> None:
    """Check the RDF of a file or a store against newskg's SHACL shapes; exit 1 if it does not conform."""
    where = graph_source(source)
    try:
        result = validate_rdf(source_dataset(where))
    except (SourceError, StoreError, RDFReadError) as err:
        error(str(err))
        raise typer.Exit(2) from None
    if result.conforms:
        typer.echo(f"{where}: conforms to the newskg shapes")
        return
    typer.echo(result.report)
    error(f"{where}: does not conform to the newskg shapes")
    raise typer.Exit(1)


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[
        str, typer.Argument(metavar="GOLD.jsonl", help="Gold articles with annotations (see docs/gold-format.md).")
    ],
    model: Annotated[str, typer.Option(metavar="NAME", help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
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

    from newskg.evaluate import GoldError, evaluate, print_evaluation

    predicates = [p.strip() for p in only_predicates.split(",") if p.strip()] if only_predicates else None
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
        try:
            evaluation.write_report(report)
        except OSError as err:
            report_problem(f"{report}: cannot write the report ({err.strerror or err})")
    if problems:
        raise typer.Exit(1)


def main() -> None:
    app()
