"""The ``newskg_lemma_index`` component: the model's rule lemmatizer, applied once per distinct word.

The same lemmas. spaCy's rule lemmatizer makes a Token object for every word and
calls its rules, whose answer depends on the word's form, part of speech and
morphology alone (its own cache is keyed by exactly these three). This
component reads the three from the Doc's arrays, asks the model's lemmatizer once
for each distinct combination it has not seen (with the first token that has
it, as spaCy would), keeps the answer, and writes the lemmas back as one array.
Tokens that already have a lemma (from the attribute rules) keep it unless the
lemmatizer overwrites.

A lemmatizer in another mode ("lookup"), or one whose rules are not the stock
ones, is left in the pipeline (:func:`indexable`).
"""

from __future__ import annotations

from typing import Any, cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc


def indexable(lemmatizer: object) -> bool:
    """A rule lemmatizer whose answer is a function of form, part of speech and morphology (spaCy's own)."""
    return (
        isinstance(lemmatizer, Lemmatizer)
        and lemmatizer.mode == "rule"
        and type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize
        and type(lemmatizer).__call__ is Lemmatizer.__call__
    )


class LemmaIndex:
    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (form, part of speech, morphology) -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        if not self.lemmatizer._validated or not len(doc):
            return self.lemmatizer(doc)  # the first Doc: the lemmatizer checks its tables as it starts
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = numpy.arange(len(doc)) if self.lemmatizer.overwrite else numpy.flatnonzero(values[:, 3] == 0)
        if not len(todo):
            return doc
        keys = values[todo, :3]
        lemmas = values[:, 3].copy()
        strings = doc.vocab.strings
        found = self.lemmas
        for position, key in zip(todo.tolist(), map(tuple, keys.tolist()), strict=True):
            lemma = found.get(key)
            if lemma is None:
                lemma = found[key] = strings.add(self.lemmatizer.lemmatize(doc[position])[0])
            lemmas[position] = lemma
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))  # spaCy's stub wants thinc's Ints2d type
        return doc


@Language.factory(
    "newskg_lemma_index",
    assigns=["token.lemma"],
    requires=["token.pos", "token.morph"],
    retokenizes=False,
)
def make_lemma_index(nlp: Language, name: str) -> LemmaIndex:
    """Built from the pipeline's ``lemmatizer`` (kept, disabled, so the pipeline still serialises)."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    return LemmaIndex(lemmatizer)
