"""Plain spaCy's entities as a contract graph, so the scorer can rate them beside newskg's.

Usage: python bench/spacy_entities_baseline.py ARTICLES.jsonl OUT.graphml [--model NAME]

One node per (mapped type, entity text) over the run, with the contract's node
attributes; no typing beyond the NER label, no filtering, no coreference, no merging
of name variants. NER labels map to the coarsest contract type they can mean.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

import networkx as nx
import spacy

from newskg.extractor.pipeline import DEFAULT_MODEL

LABEL_TYPE = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Region",
    "FAC": "Place",
    "NORP": "Organization",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles")
    parser.add_argument("output")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    with open(args.articles, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    nodes: dict[tuple[str, str], dict[str, set[str] | int]] = defaultdict(lambda: {"articles": set(), "mentions": 0})
    for doc, row in nlp.pipe(((row["text"], row) for row in rows), as_tuples=True):
        for ent in doc.ents:
            entity_type = LABEL_TYPE.get(ent.label_)
            if entity_type is None:
                continue
            node = nodes[(entity_type, ent.text)]
            node["articles"].add(str(row["id"]))  # type: ignore[union-attr]
            node["mentions"] += 1  # type: ignore[operator]
    graph = nx.MultiDiGraph()
    for (entity_type, text), node in sorted(nodes.items()):
        graph.add_node(
            f"{entity_type}/{text}",
            label=text,
            type=entity_type,
            aliases=text,
            articles="|".join(sorted(node["articles"])),  # type: ignore[arg-type]
            mentions=node["mentions"],
            iri="",
        )
    nx.write_graphml(graph, args.output)


if __name__ == "__main__":
    main()
