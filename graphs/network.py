"""The network view: a NetworkX MultiDiGraph with the contract's node and edge attributes.

Values are plain strings and numbers (multi-valued ones joined with ``|``) and
XML-safe, because networkx writes them as they are.
"""

from __future__ import annotations

import re

import networkx as nx

from newskg.extractor.lexicon import relation_inventory
from newskg.graphs.build import KnowledgeGraph
from newskg.graphs.vocab import DEFAULT_BASE_IRI, entity_iri

# Characters XML 1.0 cannot carry, even escaped.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return XML_ILLEGAL.sub(" ", text)


def joined(values: set[str] | list[str]) -> str:
    return "|".join(xml_safe(v) for v in sorted(values))


def to_networkx(graph: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI) -> nx.MultiDiGraph:
    inventory = relation_inventory()
    network = nx.MultiDiGraph()
    for entity in graph.sorted_entities():
        attrs: dict[str, str | int | float] = {
            "label": xml_safe(entity.label),
            "type": entity.type,
            "aliases": joined(entity.aliases),
            "articles": joined(entity.articles),
            "mentions": entity.mentions,
            "iri": str(entity_iri(base_iri, entity.id)),
        }
        attrs.update({name: xml_safe(value) for name, value in sorted(entity.attributes.items())})
        if entity.roles:
            attrs["roles"] = joined(entity.roles)
        network.add_node(entity.id, **attrs)
    for relation in graph.sorted_relations():
        best = max(relation.evidence, key=lambda e: (e.confidence, -len(e.sentence)))
        attrs = {
            "relation": relation.predicate,
            "label": relation.predicate,
            "articles": joined(relation.articles),
            "weight": len(relation.evidence),
            "evidence": xml_safe(best.sentence),
            "confidence": round(max(e.confidence for e in relation.evidence), 3),
        }
        info = inventory.get(relation.predicate)
        if info is not None and info.plover:
            attrs["plover"] = info.plover
        titles = sorted({e.title for e in relation.evidence if e.title})
        if titles:
            attrs["title"] = joined(titles)
        modalities = sorted({e.modality for e in relation.evidence if e.modality})
        if modalities:
            attrs["modality"] = joined(modalities)
        dates = sorted(e.date for e in relation.evidence if e.date)
        if dates:
            attrs["first_date"], attrs["last_date"] = dates[0], dates[-1]
        network.add_edge(relation.subject, relation.object, key=relation.predicate, **attrs)
    return network
