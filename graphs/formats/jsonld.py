"""The JSON-LD writer: the merged graph, compacted with newskg's context and streamed node by node
(registered with the other RDF formats in :mod:`newskg.graphs.formats.rdf`).

rdflib's JSON-LD serialiser holds the whole graph and compacts it in memory
(hours for a million relations), and Oxigraph's writes expanded JSON-LD only.
The RDF view streams a subject's triples together (:func:`newskg.graphs.rdf.view.union`), so
each node object is compacted against the fixed context of
:func:`newskg.graphs.vocab.jsonld_context` as it completes: a short term for
every property newskg writes, compact IRIs for the rest, ``@type`` for
``rdf:type``, native numbers for integers. Any JSON-LD processor expands the
file back to the same triples (the tests parse it with rdflib).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from newskg.graphs.formats import OutputOptions, write_text
from newskg.graphs.rdf.view import Triple, union
from newskg.graphs.vocab import jsonld_context
from newskg.model import KnowledgeGraph

JsonValue = str | int | dict[str, str]
RDF_TYPE, XSD_STRING, XSD_INTEGER = str(RDF.type), str(XSD.string), str(XSD.integer)


class Compactor:
    """Compacts IRIs and values against one context (terms, their coercions, and prefixes)."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.terms: dict[str, tuple[str, str | None]] = {}
        self.prefixes: dict[str, str] = {}
        for term, definition in context.items():
            if isinstance(definition, str):
                self.prefixes[definition] = term
            else:
                self.terms[definition["@id"]] = (term, definition.get("@type"))

    def iri(self, value: str) -> str:
        """``prefix:local`` when a prefix's namespace is the IRI up to its last ``#`` or ``/``, the IRI otherwise.

        Every prefix's namespace ends in ``#`` or ``/``, so one lookup finds it.
        """
        cut = max(value.rfind("#"), value.rfind("/")) + 1
        prefix = self.prefixes.get(value[:cut])
        return f"{prefix}:{value[cut:]}" if prefix and cut < len(value) else value

    def key(self, predicate: str) -> tuple[str, str | None]:
        """The property's term and its type coercion, or its compact IRI without one."""
        return self.terms.get(predicate) or (self.iri(predicate), None)

    def value(self, term: ox.NamedNode | ox.Literal, coercion: str | None) -> JsonValue:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value) if coercion == "@id" else {"@id": self.iri(term.value)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        datatype = term.datatype.value
        if coercion is not None and coercion == datatype:
            return term.value
        if coercion is None and datatype == XSD_STRING:
            return term.value
        if coercion is None and datatype == XSD_INTEGER:
            return int(term.value)
        return {"@value": term.value, "@type": self.iri(datatype)}


def node_objects(triples: Iterable[Triple], compactor: Compactor) -> Iterator[dict[str, Any]]:
    """One compacted node object per run of triples with the same subject."""
    node: dict[str, Any] = {}
    current = None
    for subject, predicate, obj in triples:
        if subject != current:
            if node:
                yield node
            current = subject
            node = {"@id": compactor.iri(subject.value)}
        value: JsonValue
        if predicate.value == RDF_TYPE:
            key, value = "@type", compactor.iri(obj.value)
        else:
            key, coercion = compactor.key(predicate.value)
            value = compactor.value(obj, coercion)
        node.setdefault(key, []).append(value)
    if node:
        yield node


def single_values(node: dict[str, Any]) -> dict[str, Any]:
    """A property with one value holds it directly, as compacted JSON-LD does."""
    return {key: value[0] if isinstance(value, list) and len(value) == 1 else value for key, value in node.items()}


def jsonld_chunks(graph: KnowledgeGraph, options: OutputOptions) -> Iterator[str]:
    context = jsonld_context()
    compactor = Compactor(context)
    yield '{\n "@context": ' + json.dumps(context, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n ")
    yield ',\n "@graph": ['
    separator = "\n  "
    for node in node_objects(union(graph, options.base_iri), compactor):
        # One node object a line: without indent, json uses its C encoder.
        yield separator + json.dumps(single_values(node), ensure_ascii=False, sort_keys=True)
        separator = ",\n  "
    yield "\n ]\n}\n"


def write_jsonld(graph: KnowledgeGraph, options: OutputOptions, handle: BinaryIO) -> None:
    write_text(handle, jsonld_chunks(graph, options))
