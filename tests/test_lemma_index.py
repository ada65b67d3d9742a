"""The rule lemmatizer's stand-in (extractor/lemma_index.py) gives every token spaCy's lemma."""

from __future__ import annotations

import spacy
from spacy.language import Language

from newskg.extractor.lemma_index import indexable
from newskg.extractor.pipeline import DEFAULT_MODEL, use_attribute_index, use_lemma_index
from tests.conftest import EXAMPLES

# The same form with another part of speech or morphology in one text ("leaves", "saw", "better", "found"),
# irregular forms, proper nouns, numbers, hyphens, contractions, capitals and line breaks.
LEMMA_TEXTS = [
    "The leaves fall early. She leaves Vantoria tomorrow, and he saw the saw that they had found.",
    "Ministers were better informed; the better offer was rejected and the talks went worse.",
    "Acme Holdings' chief executives met the Bordurian delegates.\n\nThey'd fought, sued and won twice.",
    "MPs voted 312-290 on 3 May; the well-known firms' shares rose 4.5%, and geese flew over mice.",
    "THE STRIKES WERE CALLED OFF. Striking workers' unions said: 'We're not done.'",
]


def stock_pipeline(**lemmatizer: object) -> Language:
    """The model with spaCy's own lemmatizer (and newskg's attribute index, which sets the same attributes)."""
    nlp = spacy.load(DEFAULT_MODEL, config={"components": {"lemmatizer": lemmatizer}} if lemmatizer else {})
    use_attribute_index(nlp)
    return nlp


def indexed_pipeline(**lemmatizer: object) -> Language:
    nlp = stock_pipeline(**lemmatizer)
    use_lemma_index(nlp)
    return nlp


def lemmas(nlp: Language, texts: list[str]) -> list[list[tuple[str, str]]]:
    return [[(t.text, t.lemma_) for t in doc] for doc in nlp.pipe(texts)]


def test_newskg_pipeline_uses_the_lemma_index(nlp: Language) -> None:
    assert "newskg_lemma_index" in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert "lemmatizer" in nlp.component_names  # kept, disabled: the pipeline still serialises


def test_the_lemma_index_gives_the_lemmatizers_lemmas() -> None:
    texts = LEMMA_TEXTS + [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    ours, theirs = indexed_pipeline(), stock_pipeline()
    assert "newskg_lemma_index" in ours.pipe_names and "lemmatizer" in theirs.pipe_names
    # Twice: the first Doc goes to the lemmatizer itself (it checks its tables), the rest through the index,
    # whose answers are then all cached.
    for _ in range(2):
        assert lemmas(ours, texts) == lemmas(theirs, texts)
    got = {pair for doc in lemmas(ours, LEMMA_TEXTS) for pair in doc}
    assert {("leaves", "leaf"), ("leaves", "leave"), ("saw", "see"), ("were", "be")} <= got


def test_an_overwriting_lemmatizer_is_followed() -> None:
    """With ``overwrite`` the lemmatizer replaces the attribute rules' lemmas too, and so does the index."""
    ours, theirs = indexed_pipeline(overwrite=True), stock_pipeline(overwrite=True)
    assert "newskg_lemma_index" in ours.pipe_names
    for _ in range(2):
        assert lemmas(ours, LEMMA_TEXTS) == lemmas(theirs, LEMMA_TEXTS)
    assert lemmas(ours, LEMMA_TEXTS) != lemmas(stock_pipeline(), LEMMA_TEXTS)  # overwrite changes something


def test_other_lemmatizers_stay() -> None:
    blank = spacy.blank("en")
    lookup = blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not indexable(lookup)
    assert not indexable(blank.add_pipe("sentencizer"))
    assert indexable(spacy.load(DEFAULT_MODEL).get_pipe("lemmatizer"))
