"""SPARQL over an RDF view, with results as a text table, CSV or JSON.

Queries see the union of all graphs (``GRAPH ?g { ... }`` still reaches each
article's named graph) and have newskg's prefixes (nkg:, schema:, rdfs:, skos:,
prov:, org:, owl:, rdf:, xsd:, dcterms:) declared already.

``newskg query`` runs on Oxigraph (a file is loaded into an in-memory Oxigraph
store, a ``--store`` is queried where it is): a million triples load in seconds
and aggregate in a fraction of one, where rdflib takes a minute. :func:`run_query`
keeps rdflib's SPARQL for library users who hold an rdflib ``Dataset``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import ResultRow
from rdflib.term import Node

from newskg.graphs.formats.rdf import load_store
from newskg.graphs.vocab import BINDINGS, NKG, PREFIXES, data_path

OUTPUT_FORMATS = ("table", "csv", "json")


class QueryError(ValueError):
    """A SPARQL query that cannot be parsed or run."""


@dataclass
class QueryResult:
    """Variables and rows of a SELECT; the answer of an ASK; the graph of a CONSTRUCT or DESCRIBE."""

    variables: list[str]
    rows: list[list[Node | None]]
    graph: Graph | None = None
    boolean: bool | None = None


def run_query(source: Dataset | Graph, sparql: str) -> QueryResult:
    try:
        result = source.query(sparql, initNs=dict(BINDINGS))
    except Exception as err:  # rdflib raises pyparsing and evaluation errors of many kinds
        raise QueryError(f"SPARQL: {type(err).__name__}: {err}") from err
    if result.type == "ASK":
        return QueryResult([], [], boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return QueryResult([], [], result.graph)
    variables = [str(v) for v in result.vars or []]
    return QueryResult(variables, [list(row) for row in result if isinstance(row, ResultRow)])


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
    try:
        return store.query(sparql, prefixes=PREFIXES, **options)
    except SyntaxError as err:
        raise QueryError(f"SPARQL: {err}") from err


def ox_text(term: object) -> str:
    """An Oxigraph result cell as :func:`term_text` writes an rdflib one."""
    if term is None:
        return ""
    return compact(term.value) if isinstance(term, ox.NamedNode) else str(getattr(term, "value", term))


def format_oxigraph_result(results: Any, output_format: str) -> str:
    """Rows as a table, CSV or JSON; ASK as true or false; CONSTRUCT and DESCRIBE as Turtle."""
    if isinstance(results, ox.QueryBoolean):
        return format_boolean(bool(results), output_format)
    if isinstance(results, ox.QueryTriples):
        return (ox.serialize(results, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"").decode("utf-8")
    variables = [variable.value for variable in results.variables]
    rows = [[ox_text(solution[name]) for name in variables] for solution in results]
    return format_rows(variables, rows, output_format)


def format_boolean(answer: bool, output_format: str) -> str:
    if output_format == "json":
        return json.dumps({"boolean": answer}) + "\n"
    return ("true" if answer else "false") + "\n"


def format_result(result: QueryResult, output_format: str) -> str:
    if result.graph is not None:
        for prefix, namespace in BINDINGS.items():
            result.graph.bind(prefix, namespace)
        return str(result.graph.serialize(format="turtle"))
    if result.boolean is not None:
        return format_boolean(result.boolean, output_format)
    return format_rows(result.variables, [[term_text(value) for value in row] for row in result.rows], output_format)


def format_rows(variables: list[str], rows: list[list[str]], output_format: str) -> str:
    """Result rows as a text table, CSV, or JSON (a list of objects, one per row)."""
    if output_format == "json":
        records = [dict(zip(variables, row, strict=True)) for row in rows]
        return json.dumps(records, indent=1, ensure_ascii=False) + "\n"
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows(rows)
        return buffer.getvalue()
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
