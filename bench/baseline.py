"""The naive baseline that newskg's quality is compared with: spaCy alone.

Entities are spaCy's named entities as they are (one node per type and surface
text, no alias merging, no coreference), typed by their NER label; relations are
plain subject-verb-object triples between them: the verb's nominal subject and
direct object (and their conjuncts) must each lie inside an entity. Verbs are
named with the project's trigger lexicon (its VERB entries) so that the scores
compare extraction, not vocabulary; a verb it does not name gives no edge, since
the contract allows only inventory relations.

    python bench/baseline.py ARTICLES... -o baseline.graphml
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newskg.extractor.lexicon import load_triggers
from newskg.extractor.pipeline import DEFAULT_MODEL
from newskg.graphs.merge import node_id_for
from newskg.graphs.network import joined, xml_safe
from newskg.graphs.vocab import DEFAULT_BASE_IRI, entity_iri
from newskg.model import Article
from newskg.reader import read_articles

# spaCy NER label -> contract node type; other labels (dates, money, NORP, ...) are not entities.
LABEL_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Country",
    "LOC": "Place",
    "FAC": "Place",
}
SUBJECT_DEPS = {"nsubj"}
OBJECT_DEPS = {"dobj"}


@dataclass
class Node:
    label: str
    type: str
    articles: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass
class Edge:
    articles: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)


def node_key(span: Span) -> str:
    """One node per type and surface text (ids as newskg makes them)."""
    return node_id_for(LABEL_TYPES[span.label_], span.text)


def with_conjuncts(tokens: Iterable[Token]) -> Iterator[Token]:
    # "Kenya and Uganda signed ...": the first conjunct carries the dependency, the others hang off it.
    for token in tokens:
        yield token
        yield from token.conjuncts


def verb_relations() -> dict[str, str]:
    """Verb lemma -> relation of the plain verb triggers that take a direct object (no particles, no frames)."""
    return {
        lemma: rows[0].relation
        for (lemma, pos), rows in load_triggers().items()
        if pos == "VERB" and rows[0].particle is None and rows[0].takes_object
    }


def svo_triples(doc: Doc, verbs: dict[str, str]) -> Iterator[tuple[Span, str, Span, Span]]:
    """(subject entity, relation, object entity, sentence) for each entity-to-entity SVO triple."""
    entities = {token.i: ent for ent in doc.ents if ent.label_ in LABEL_TYPES for token in ent}
    for verb in doc:
        relation = verbs.get(verb.lemma_.lower())
        if verb.pos_ != "VERB" or relation is None:
            continue
        subjects = [entities.get(t.i) for t in with_conjuncts(c for c in verb.children if c.dep_ in SUBJECT_DEPS)]
        objects = [entities.get(t.i) for t in with_conjuncts(c for c in verb.children if c.dep_ in OBJECT_DEPS)]
        for subject in subjects:
            for obj in objects:
                if subject is not None and obj is not None and node_key(subject) != node_key(obj):
                    yield subject, relation, obj, verb.sent


def baseline_network(articles: Iterable[Article], nlp: Language | None = None) -> nx.MultiDiGraph:
    """The contract network view that spaCy alone gives for the articles."""
    nlp = nlp or spacy.load(DEFAULT_MODEL)
    verbs = verb_relations()
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True):
        for ent in doc.ents:
            if ent.label_ in LABEL_TYPES:
                node = nodes.setdefault(node_key(ent), Node(ent.text, LABEL_TYPES[ent.label_]))
                node.articles.add(article.id)
                node.mentions += 1
        for subject, relation, obj, sentence in svo_triples(doc, verbs):
            edge = edges.setdefault((node_key(subject), relation, node_key(obj)), Edge())
            edge.articles.add(article.id)
            edge.evidence.append(sentence.text)
    network = nx.MultiDiGraph()
    for key in sorted(nodes):
        node = nodes[key]
        network.add_node(
            key,
            label=xml_safe(node.label),
            type=node.type,
            aliases=joined([node.label]),
            articles=joined(node.articles),
            mentions=node.mentions,
            iri=str(entity_iri(DEFAULT_BASE_IRI, key)),
        )
    for (subject_key, predicate, object_key), edge in sorted(edges.items()):
        network.add_edge(
            subject_key,
            object_key,
            key=predicate,
            relation=predicate,
            label=predicate,
            articles=joined(edge.articles),
            weight=len(edge.evidence),
            evidence=xml_safe(edge.evidence[0]),
        )
    return network


def graphml_bytes(network: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml_xml(network, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the spaCy-only baseline graph of some articles as GraphML.")
    parser.add_argument("paths", nargs="+", help="article files or folders (as for newskg extract)")
    parser.add_argument("-o", "--output", required=True, help="GraphML file to write")
    args = parser.parse_args()
    articles = []
    for item in read_articles(args.paths):
        if isinstance(item, Article):
            articles.append(item)
        else:
            print(item)
    with open(args.output, "wb") as file:
        file.write(graphml_bytes(baseline_network(articles)))


if __name__ == "__main__":
    main()
