"""Check an RDF view against newskg's SHACL shapes (graphs/data/shapes.ttl) with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate
from rdflib import Dataset, Graph

from newskg.graphs.rdf.read import union_graph
from newskg.graphs.vocab import data_path


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    report: str


@cache
def shapes_graph() -> Graph:
    return Graph().parse(data_path("shapes.ttl"), format="turtle")


def validate_rdf(source: Dataset | Graph) -> ValidationResult:
    """Validate the union of all graphs: statements in named graphs point at descriptions in the default graph."""
    conforms, _, report = validate(union_graph(source), shacl_graph=shapes_graph(), advanced=True, inference="none")
    return ValidationResult(bool(conforms), str(report))
