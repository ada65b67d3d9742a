"""The spaCy-only baseline of the quality report (run by .ci/run: ``python -m pytest bench``).

It lives beside the benchmark code, not in tests/: the test suite never imports bench/.
"""

from __future__ import annotations

import spacy

from bench.baseline import baseline_network
from newskg.extractor.pipeline import DEFAULT_MODEL
from newskg.model import Article


def test_baseline_links_spacy_entities_by_subject_verb_object() -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    text = "Norway and Sweden sanctioned Acme Holdings on Monday. Acme Holdings said it regretted the decision."
    network = baseline_network([Article(id="t", text=text)], nlp)
    labels = {attrs["label"]: attrs["type"] for _, attrs in network.nodes(data=True)}
    assert labels["Norway"] == "Country" and labels["Acme Holdings"] == "Organization"
    edges = {
        (network.nodes[u]["label"], attrs["relation"], network.nodes[v]["label"])
        for u, v, attrs in network.edges(data=True)
    }
    assert edges == {("Norway", "sanctioned", "Acme Holdings"), ("Sweden", "sanctioned", "Acme Holdings")}
