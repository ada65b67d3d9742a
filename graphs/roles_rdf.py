"""Roles in time, merge provenance and gazetteer facts in the RDF view.

- A role ("Foreign Minister of India", stated in an article of 2020-10-07) is
  an ``org:Membership`` (W3C ORG) that is also a ``schema:Role``: the person
  (``org:member``), the country or organisation (``org:organization``), the
  post (``org:role``, a ``org:Role`` with the title as ``skos:prefLabel``), the
  date of the article that states it (``nkg:statedOn``) and the article
  (``prov:wasDerivedFrom``). It lives in the article's named graph.
- Each cross-article merge is an ``nkg:MergeRecord``: which name and type from
  which article joined which entity (``nkg:mergedInto``), and why
  (``nkg:mergeReason``).
"""

from __future__ import annotations

import hashlib

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import ORG, PROV, RDF, SDO, SKOS, XSD

from newskg.graphs.build import ROLE_RELATIONS, KnowledgeGraph, slug
from newskg.graphs.vocab import NKG, article_graph_iri, article_iri, entity_iri


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def add_roles_and_merges(dataset: Dataset, graph: KnowledgeGraph, base_iri: str) -> None:
    """Role nodes per article and merge records (see the module docstring)."""
    dataset.bind("org", ORG)
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    for relation in graph.sorted_relations():
        if relation.predicate not in ROLE_RELATIONS:
            continue
        for evidence in relation.evidence:
            named = dataset.graph(article_graph_iri(base_iri, evidence.article_id))
            membership = URIRef(
                f"{base_iri}role/{digest(relation.subject, relation.object, evidence.article_id, evidence.title or '')}"
            )
            named.add((membership, RDF.type, ORG.Membership))
            named.add((membership, RDF.type, SDO.Role))
            named.add((membership, ORG.member, entity_iri(base_iri, relation.subject)))
            named.add((membership, ORG.organization, entity_iri(base_iri, relation.object)))
            named.add((membership, NKG.roleRelation, NKG[relation.predicate]))
            named.add((membership, PROV.wasDerivedFrom, article_iri(base_iri, evidence.article_id)))
            if evidence.title:
                post = URIRef(f"{base_iri}post/{slug(evidence.title)}")
                named.add((membership, ORG.role, post))
                named.add((membership, SDO.roleName, Literal(evidence.title)))
                named.add((post, RDF.type, ORG.Role))
                named.add((post, SKOS.prefLabel, Literal(evidence.title)))
            if evidence.date:
                is_date = len(evidence.date) == 10 and evidence.date[4] == "-"
                named.add((membership, NKG.statedOn, Literal(evidence.date, datatype=XSD.date if is_date else None)))
    for record in graph.merges:
        node = URIRef(f"{base_iri}merge/{digest(record['node'], record['label'], record['articles'])}")
        default.add((node, RDF.type, NKG.MergeRecord))
        default.add((node, NKG.mergedInto, entity_iri(base_iri, record["node"])))
        default.add((node, NKG.mergedLabel, Literal(record["label"])))
        default.add((node, NKG.mergedType, Literal(record["type"])))
        default.add((node, NKG.mergeReason, Literal(record["reason"])))
        for article_id in record["articles"].split("|"):
            default.add((node, PROV.wasDerivedFrom, article_iri(base_iri, article_id)))
