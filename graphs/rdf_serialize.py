"""Serialise the RDF view deterministically (same graph, same bytes)."""

from __future__ import annotations

import json
from typing import Any

from rdflib import Dataset, Graph

from newskg.graphs.build import KnowledgeGraph
from newskg.graphs.rdf import to_rdf
from newskg.graphs.vocab import BINDINGS, jsonld_context

LINE_FORMATS = {"nt", "nquads"}


def bound_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in BINDINGS.items():
        graph.bind(prefix, namespace)
    return graph


def merged_graph(dataset: Dataset) -> Graph:
    """The union of the default and every named graph."""
    merged = bound_graph()
    for triple in sorted({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}):
        merged.add(triple)
    return merged


def turtle_body(graph: Graph) -> str:
    """Turtle for one graph without its prefix lines."""
    lines = graph.serialize(format="turtle").split("\n")
    # Only the leading prefix block: a long literal may hold a line that starts with "@prefix".
    while lines and (lines[0].startswith("@prefix") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).strip()


def serialize_trig(dataset: Dataset) -> str:
    """TriG with the named graphs in sorted order (rdflib's own order varies between runs)."""
    prefixes = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(BINDINGS.items()))
    blocks = []
    for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(context):
            continue
        copy = bound_graph()
        for triple in sorted(context):
            copy.add(triple)
        body = turtle_body(copy)
        if str(context.identifier).startswith("urn:x-rdflib:"):
            blocks.append(body)
        else:
            # Not indented: a multi-line literal would carry the indentation into its value.
            blocks.append(f"<{context.identifier}> {{\n{body}\n}}")
    return prefixes + "\n" + "\n\n".join(blocks) + "\n"


def sorted_json(value: Any) -> Any:
    """JSON-LD with every array sorted: arrays other than @list carry no order, so rdflib's varies."""
    if isinstance(value, dict):
        return {
            key: sorted_json(item) if key != "@list" else [sorted_json(v) for v in item] for key, item in value.items()
        }
    if isinstance(value, list):
        return sorted((sorted_json(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def serialize_rdf(graph: KnowledgeGraph, base_iri: str, rdf_format: str, merged: bool) -> bytes:
    dataset = to_rdf(graph, base_iri)
    target: Graph = merged_graph(dataset) if merged else dataset
    if rdf_format == "trig":
        text = serialize_trig(dataset)
    elif rdf_format == "json-ld":
        data = json.loads(target.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
        text = json.dumps(sorted_json(data), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    else:
        text = target.serialize(format=rdf_format)
    if rdf_format in LINE_FORMATS:
        # Line-based formats carry no order of their own: sort for stable bytes. Split on "\n" only:
        # str.splitlines also splits on form feeds and other characters literals may hold.
        text = "".join(sorted(line + "\n" for line in text.split("\n") if line.strip()))
    return text.encode("utf-8")
