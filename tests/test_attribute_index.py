"""The attribute ruler's stand-in (extractor/attribute_index.py) sets what spaCy's ruler sets."""

from __future__ import annotations

import spacy
from spacy.language import Language

from newskg.extractor.pipeline import DEFAULT_MODEL
from tests.conftest import EXAMPLES

# Sentences that exercise the ruler's special rules: contractions, expletive "there", "that", "but".
RULER_TEXTS = [
    "Let's be clear: y'all ain't gonna get that deal, but there is something we can do.",
    "C'mon, there were talks that gotta end; something happened because nobody came.",
    "The ministers, who met in Geneva on 3 May 2024, said that the treaty wasn't final.",
]


def test_attribute_index_sets_what_the_attribute_ruler_sets(nlp: Language) -> None:
    """The faster stand-in gives every token the POS, morphology and lemma spaCy's ruler gives it."""
    assert "newskg_attribute_index" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    stock = spacy.load(DEFAULT_MODEL)
    texts = RULER_TEXTS + [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]
    special = [t for doc in nlp.pipe(RULER_TEXTS) for t in doc]
    assert {("ai", "be"), ("na", "to"), ("'s", "us")} <= {(t.lower_, t.lemma_) for t in special}
    assert any(t.lower_ == "were" and t.pos_ == "VERB" for t in special)  # "there were": a verb, not AUX
