"""SPARQL over an RDF view, with results as a text table or in the W3C SPARQL results formats.

Queries see the union of all graphs (``GRAPH ?g { ... }`` still reaches each
article's named graph) and have newskg's prefixes (nkg:, schema:, rdfs:, skos:,
prov:, org:, owl:, rdf:, xsd:, dcterms:) declared already.

``newskg query`` runs on Oxigraph (a file is loaded into an in-memory Oxigraph
store, a ``--store`` is queried where it is): a million triples load in seconds
and aggregate in a fraction of one, where rdflib takes a minute. The table is
for people (IRIs with a known prefix compacted, numbers right-aligned); ``csv``,
``tsv``, ``json`` and ``xml`` are the W3C SPARQL 1.1 results formats, written by
Oxigraph's serialisers (full IRIs, typed literals), for programs. :func:`run_query`
keeps rdflib's SPARQL for library users who hold an rdflib ``Dataset``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result, ResultRow
from rdflib.term import Node

from newskg.graphs.formats.rdf import load_store
from newskg.graphs.vocab import BINDINGS, NKG, PREFIXES, data_path

# The table for people, then the W3C SPARQL 1.1 query results formats (Oxigraph's serialisers), by their names.
RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
OUTPUT_FORMATS = ("table", *RESULTS_FORMATS)
# rdflib's names for the same formats (it writes CSV, JSON and XML).
RDFLIB_RESULTS_FORMATS = {"csv": "csv", "json": "json", "xml": "xml"}
# The first keyword of a SPARQL update; ``newskg query`` only reads.
UPDATE_KEYWORD = re.compile(
    r"^\s*(?:(?:#[^\n]*\n|\s)*(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>))*(?:#[^\n]*\n|\s)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)


class QueryError(ValueError):
    """A SPARQL query that cannot be parsed or run."""


@dataclass
class QueryResult:
    """Variables and rows of a SELECT; the answer of an ASK; the graph of a CONSTRUCT or DESCRIBE."""

    variables: list[str]
    rows: list[list[Node | None]]
    graph: Graph | None = None
    boolean: bool | None = None
    result: Result | None = None  # rdflib's own, for its W3C results serialisers


def run_query(source: Dataset | Graph, sparql: str) -> QueryResult:
    try:
        result = source.query(sparql, initNs=dict(BINDINGS))
    except Exception as err:  # rdflib raises pyparsing and evaluation errors of many kinds
        raise QueryError(f"SPARQL: {type(err).__name__}: {err}") from err
    if result.type == "ASK":
        return QueryResult([], [], boolean=bool(result.askAnswer), result=result)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return QueryResult([], [], result.graph)
    variables = [str(v) for v in result.vars or []]
    return QueryResult(variables, [list(row) for row in result if isinstance(row, ResultRow)], result=result)


def compact(iri: str) -> str:
    """An IRI with a known prefix as ``prefix:name``, as people read it."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def term_text(term: Node | None) -> str:
    """A term as people read it: literals as their text, IRIs with a known prefix compacted."""
    if term is None:
        return ""
    return compact(str(term)) if isinstance(term, URIRef) else str(term)


def load_file_store(path: str, with_ontology: bool = False) -> ox.Store:
    """An RDF file (any format newskg writes or reads) in an in-memory Oxigraph store, for :func:`query_oxigraph`;
    ``with_ontology`` adds the newskg ontology in its own named graph."""
    store = load_store(path)
    if with_ontology:
        store.load(path=data_path("ontology.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(NKG.ontology)))
    return store


def query_oxigraph(store: ox.Store, sparql: str, **graphs: Any) -> Any:
    """Oxigraph's answer with newskg's prefixes declared; ``graphs`` picks the default and named graphs
    (by default, the union of every graph)."""
    options = graphs or {"use_default_graph_as_union": True}
    update = UPDATE_KEYWORD.match(sparql)
    if update:
        raise QueryError(
            f"{update.group(1).upper()} is a SPARQL update: newskg query only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)"
        )
    try:
        return store.query(sparql, prefixes=PREFIXES, **options)
    except SyntaxError as err:
        raise QueryError(syntax_error_text(sparql, str(err))) from err
    except (OSError, ValueError, RuntimeError) as err:  # evaluation errors (a SERVICE call, an unknown function)
        raise QueryError(f"SPARQL: {first_line(str(err))}") from err


def first_line(text: str, limit: int = 200) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "error"
    return line if len(line) <= limit else line[: limit - 3] + "..."


ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
# Oxigraph's list of what it expected: quoted tokens, names, and character classes in brackets.
EXPECTED_ITEM = re.compile(r"\[[^\]]*\]|\"[^\"]*\"|'[^']*'|[^,\s][^,]*")
# What a prefixed name cannot hide in: strings (long ones first), IRIs and comments; masked before looking.
OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''  # long strings
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r'|<[^\s<>"{}|^`]*>|#[^\n]*'  # IRIs and comments
)
PREFIXED_NAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:")
DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.I)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def syntax_error_text(sparql: str, message: str) -> str:
    """Oxigraph's parser error as one line that says what is wrong.

    Oxigraph says ``error at LINE:COLUMN: expected ...`` at the furthest point its parser reached, which
    for an undeclared prefix is a list of every Unicode range a name may hold, or a keyword that fits there
    ("expected OPTIONAL"). So the query's form and its prefixes are checked first; otherwise the message
    keeps the position and what was expected, without the character classes.
    """
    masked = OPAQUE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), sparql)
    form = re.sub(r"(?:PREFIX\s+\S*:|BASE)\s*", "", masked, flags=re.I).split()
    if form and form[0].upper() not in QUERY_FORMS:
        return f"SPARQL: a query starts with {', '.join(QUERY_FORMS)} (after its PREFIX lines), not {form[0][:30]!r}"
    declared = {name or "" for name in DECLARED.findall(masked)} | set(PREFIXES)
    for name in PREFIXED_NAME.finditer(masked):
        prefix = name.group(1) or ""
        if prefix not in declared:
            line, column = line_and_column(sparql, name.start())
            known = ", ".join(f"{known}:" for known in PREFIXES)
            return (
                f"SPARQL syntax error at line {line}, column {column}: unknown prefix '{prefix}:'"
                f" (declare it with PREFIX {prefix}: <...>; newskg declares {known})"
            )
    found = ERROR_AT.match(message.strip())
    if found is None:
        return f"SPARQL: {first_line(message)}"
    line, column, detail = int(found.group(1)), int(found.group(2)), " ".join(found.group(3).split())
    expected = detail.removeprefix("expected one of ").removeprefix("expected ")
    items = [item for item in EXPECTED_ITEM.findall(expected) if not item.startswith("[")]
    near = token_at(sparql, line, column)
    text = f"SPARQL syntax error at line {line}, column {column} ({f'at {near!r}' if near else 'at the end'})"
    if items:
        text += ": expected " + ", ".join(items[:8]) + (", ..." if len(items) > 8 else "")
    return text


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def token_at(sparql: str, line: int, column: int) -> str:
    """The word (or character) of the query at a 1-based line and column, for the error message."""
    lines = sparql.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + max(column - 1, 0)
    word = re.match(r"[^\s{}()\[\].,;]+|\S", sparql[offset:].lstrip())
    return word.group(0)[:30] if word else ""


def ox_text(term: object) -> str:
    """An Oxigraph result cell as :func:`term_text` writes an rdflib one."""
    if term is None:
        return ""
    return compact(term.value) if isinstance(term, ox.NamedNode) else str(getattr(term, "value", term))


def format_oxigraph_result(results: Any, output_format: str) -> str:
    """SELECT rows as a table or in a W3C results format; ASK as true or false (JSON and XML: the W3C boolean
    result); CONSTRUCT and DESCRIBE as Turtle, whatever the format. Oxigraph evaluates as the rows are read:
    an error on the way (a SERVICE that does not answer) is a QueryError."""
    try:
        return oxigraph_text(results, output_format)
    except (OSError, ValueError, RuntimeError, SyntaxError) as err:
        raise QueryError(f"SPARQL: {first_line(str(err))}") from err


def oxigraph_text(results: Any, output_format: str) -> str:
    if isinstance(results, ox.QueryTriples):
        return (ox.serialize(results, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"").decode("utf-8")
    if output_format in RESULTS_FORMATS:
        data = results.serialize(format=RESULTS_FORMATS[output_format]) or b""
        return ends_in_newline(data.decode("utf-8"))
    if isinstance(results, ox.QueryBoolean):
        return ("true" if results else "false") + "\n"
    variables = [variable.value for variable in results.variables]
    rows = [[ox_text(solution[name]) for name in variables] for solution in results]
    return format_rows(variables, rows)


def ends_in_newline(text: str) -> str:
    """Oxigraph's JSON and XML end without a newline (its CSV and TSV end with their row terminator)."""
    return text if text.endswith("\n") else text + "\n"


def format_result(result: QueryResult, output_format: str) -> str:
    """rdflib's answer as :func:`format_oxigraph_result` writes Oxigraph's (rdflib writes no TSV)."""
    if result.graph is not None:
        for prefix, namespace in BINDINGS.items():
            result.graph.bind(prefix, namespace)
        return str(result.graph.serialize(format="turtle"))
    if output_format in RESULTS_FORMATS:
        if output_format not in RDFLIB_RESULTS_FORMATS or result.result is None:
            raise QueryError(f"rdflib's SPARQL results are written as {', '.join(RDFLIB_RESULTS_FORMATS)} only")
        data = result.result.serialize(format=RDFLIB_RESULTS_FORMATS[output_format]) or b""
        return ends_in_newline(data.decode("utf-8") if isinstance(data, bytes) else str(data))
    if result.boolean is not None:
        return ("true" if result.boolean else "false") + "\n"
    return format_rows(result.variables, [[term_text(value) for value in row] for row in result.rows])


def format_rows(variables: list[str], rows: list[list[str]]) -> str:
    """Result rows as a plain text table with its row count."""
    return text_table(variables, rows) + f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def text_table(header: list[str], rows: list[list[str]]) -> str:
    """A plain fixed-width table, numbers right-aligned (newlines inside values shown as spaces)."""
    cells = [[cell.replace("\n", " ") for cell in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [bool(rows) and all(row[i].isdigit() for row in cells[1:]) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ).rstrip()
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"
