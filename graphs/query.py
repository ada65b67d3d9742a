"""SPARQL over an RDF view, with results as a text table, CSV or JSON.

Queries see the union of all graphs (``GRAPH ?g { ... }`` still reaches each
article's named graph) and have newskg's prefixes (nkg:, schema:, rdfs:, skos:,
prov:, org:, owl:, rdf:, xsd:, dcterms:) declared already.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.query import ResultRow
from rdflib.term import Node

from newskg.graphs.vocab import BINDINGS, NKG, data_path

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


def add_ontology(dataset: Dataset) -> None:
    """Put the newskg ontology in its own named graph, so queries can use PLOVER categories and the class tree."""
    dataset.graph(NKG.ontology).parse(data_path("ontology.ttl"), format="turtle")


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


def term_text(term: Node | None) -> str:
    """A term as people read it: literals as their text, IRIs with a known prefix compacted."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in sorted(BINDINGS.items()):
            if str(term).startswith(str(namespace)) and str(term) != str(namespace):
                return f"{prefix}:{str(term)[len(str(namespace)) :]}"
    return str(term)


def format_result(result: QueryResult, output_format: str) -> str:
    if result.graph is not None:
        for prefix, namespace in BINDINGS.items():
            result.graph.bind(prefix, namespace)
        return str(result.graph.serialize(format="turtle"))
    if result.boolean is not None:
        if output_format == "json":
            return json.dumps({"boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
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
