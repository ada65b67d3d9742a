"""Rules that read the Doc's arrays find exactly the tokens a token-by-token scan finds."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from newskg.extractor.coref import REFERRING_POS, referring_tokens
from newskg.extractor.lexicon import load_triggers
from newskg.extractor.quotes import CLOSING, OPENING, STRAIGHT, marks_and_breaks
from newskg.extractor.syntax import nouns, sentence_numbers, tokens_where, worded_sentence_starts
from newskg.extractor.triggers import TriggerWords
from tests.conftest import EXAMPLES

EDGE_TEXTS = [
    "",
    "\n\n",
    "Hi",
    '"Yes."\n\n"',
    "The minister said: \u201cWe will not sign.\u201d\n\nShe left for Vantoria. 'Fine,' he said.",
    "Acme (AGM) met Borduria's envoys.\nThey talked; it rained. Then -- nothing.",
]


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    texts = EDGE_TEXTS + [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    return list(nlp.pipe(texts))


def test_sentence_numbers_follow_doc_sents(docs: list[Doc]) -> None:
    for doc in docs:
        expected = [number for number, sent in enumerate(doc.sents) for _ in sent]
        assert sentence_numbers(doc) == expected


def test_worded_sentence_starts_are_those_of_sentences_with_a_word(docs: list[Doc]) -> None:
    for doc in docs:
        expected = [sent.start for sent in doc.sents if any(token.is_alpha for token in sent)]
        assert worded_sentence_starts(doc) == expected


def test_tokens_where_and_nouns_match_a_scan(docs: list[Doc]) -> None:
    for doc in docs:
        said = doc.vocab.strings.add("say")
        assert [t.i for t in tokens_where(doc, LEMMA, [said])] == [t.i for t in doc if t.lemma_ == "say"]
        quote = doc.vocab.strings.add('"')
        assert [t.i for t in tokens_where(doc, ORTH, (quote,))] == [t.i for t in doc if t.text == '"']
        assert [t.i for t in nouns(doc)] == [t.i for t in doc if t.pos_ == "NOUN"]


def test_referring_tokens_skip_the_given_positions(docs: list[Doc]) -> None:
    for doc in docs:
        every = [t.i for t in doc if t.pos in REFERRING_POS or t.lower_ in ("his", "her", "its", "their")]
        found = [t.i for t in referring_tokens(doc)]
        assert set(every) <= set(found) and found == sorted(found)
        skipped = set(found[::2])
        assert [t.i for t in referring_tokens(doc, skipped)] == [i for i in found if i not in skipped]


def test_marks_and_breaks_match_a_scan(docs: list[Doc]) -> None:
    marks = STRAIGHT | OPENING | CLOSING
    for doc in docs:
        expected = [t.i for t in doc if t.text in marks or (t.is_space and "\n" in t.text)]
        assert marks_and_breaks(doc) == expected


def test_trigger_words_match_a_scan(docs: list[Doc]) -> None:
    """The frame starts found from the arrays (learnt once per lemma and form) are a scan's, Doc after Doc."""
    words = TriggerWords(load_triggers())
    for _ in range(2):  # the second time every lemma and form is known
        for doc in docs:
            expected = [t.i for t in doc if words.starts_by_lemma(t.lemma_) or words.starts_by_form(t.lower_)]
            assert [t.i for t in words.tokens(doc)] == expected
    assert any(True for doc in docs for _ in words.tokens(doc))
