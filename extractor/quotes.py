"""Quotations and their speakers: who says the words between quotation marks.

Quotation attribution as news text writes it (the speech verb's subject, before or after the quote, in
the sentence of the quote's start or end, as in Pareti's and O'Keefe's quote attribution work):

- ``"We will sign," Anna Lind said.`` / ``said Anna Lind.`` / ``Anna Lind told reporters: "We will sign."``
  / ``Anna Lind said the offer was "absurd".`` / ``..., according to Anna Lind.``;
- a quote that runs over several sentences ends with its attribution (``"Yes. We will sign," she said``);
- ``Anna Lind said:`` ending a sentence introduces the quote that follows;
- a quote that opens right after another (the next paragraph, or the next sentence, of one speech) without
  an attribution of its own continues the same speaker: newspapers reopen a quotation at each paragraph
  and close it only at the end.

Which marks open and which close a quotation is read from the spaces around straight quotes (an opening
mark sticks to the word after it, a closing mark to the word before it); curly and TeX-style marks say
it themselves. An unclosed quotation ends at the end of its paragraph. Single quotes are not read: in
news they are scare quotes and headlines' quotation marks, and apostrophes look the same.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_SPACE, LEMMA, LOWER, ORTH, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from newskg.extractor.lexicon import word_list
from newskg.extractor.syntax import logical_subjects

SPEECH_POS = numpy.array([VERB, AUX], dtype=numpy.uint64)
STRAIGHT = frozenset({'"'})
OPENING = frozenset({"\u201c", "``", "\u201e"})
CLOSING = frozenset({"\u201d", "''"})


@dataclass(frozen=True)
class Quote:
    """The words of one quotation: tokens ``start`` to ``end`` (exclusive), between the marks at
    ``start - 1`` and ``end`` (when it is closed by a mark of its own: ``closed``)."""

    start: int
    end: int
    closed: bool
    speaker: tuple[int, ...] = ()  # token indexes of the speaker's noun phrase heads


def mark_kind(doc: Doc, i: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at token ``i``."""
    token = doc[i]
    if token.text in OPENING:
        return "open"
    if token.text in CLOSING:
        return "close"
    before = doc[i - 1] if i > 0 else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    space_before = before is None or bool(before.whitespace_) or before.is_space
    space_after = after is None or bool(token.whitespace_) or after.is_space
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


def marks_and_breaks(doc: Doc) -> list[int]:
    """Token indexes of quotation marks and of paragraph breaks, read from the Doc's arrays (making a Token
    for every word costs more than the rest of the search)."""
    marks = numpy.array([doc.vocab.strings.add(mark) for mark in STRAIGHT | OPENING | CLOSING], dtype=numpy.uint64)
    values = doc.to_array([ORTH, IS_SPACE])
    is_mark = numpy.isin(values[:, 0], marks)
    found = numpy.flatnonzero(is_mark | (values[:, 1] != 0)).tolist()
    return [i for i in found if is_mark[i] or "\n" in doc[i].text]


def quote_spans(doc: Doc) -> list[Quote]:
    """The quotations of a Doc in text order, without their speakers."""
    found: list[Quote] = []
    opened: int | None = None
    for i in marks_and_breaks(doc):
        token = doc[i]
        if token.is_space:
            if opened is not None:
                found.append(Quote(opened + 1, token.i, False))  # A paragraph ends an unclosed quotation.
                opened = None
            continue
        kind = mark_kind(doc, token.i)
        if opened is None:
            if kind != "close":
                opened = token.i
        elif kind == "open":
            # A new paragraph of the same speech reopens the quotation without closing it.
            found.append(Quote(opened + 1, token.i, False))
            opened = token.i
        else:
            found.append(Quote(opened + 1, token.i, True))
            opened = None
    if opened is not None:
        found.append(Quote(opened + 1, len(doc), False))
    return [q for q in found if q.end > q.start]


@dataclass(frozen=True)
class SpeechWords:
    """Where a Doc's speech verbs ("said", "told") and its "according" stand, found once per Doc from its
    arrays (a quotation's sentences are then searched by position, not token by token)."""

    verbs: list[int]
    according: list[int]

    @classmethod
    def of(cls, doc: Doc) -> SpeechWords:
        speech = word_list("speech_verbs.txt")
        strings = doc.vocab.strings
        values = doc.to_array([POS, LEMMA, LOWER])
        verbal = numpy.flatnonzero(numpy.isin(values[:, 0], SPEECH_POS)).tolist()
        verbs = [i for i in verbal if strings[int(values[i, 1])].lower() in speech]
        according = numpy.flatnonzero(values[:, 2] == strings.add("according")).tolist()
        return cls(verbs, according)


def within(positions: list[int], sentence: Span, inside: range) -> list[int]:
    """The positions in a sentence, outside the quoted words, in text order."""
    found = positions[bisect_left(positions, sentence.start) : bisect_left(positions, sentence.end)]
    return [i for i in found if i not in inside]


def speech_verbs(doc: Doc, words: SpeechWords, sentence: Span, inside: range) -> list[Token]:
    """The speech verbs of a sentence outside the quoted words."""
    return [doc[i] for i in within(words.verbs, sentence, inside)]


def speakers_of(verb: Token, inside: range) -> list[Token]:
    """The speaker of a speech verb: its subject (also after it: 'said Anna Lind'), outside the quote."""
    subjects, passive = logical_subjects(verb)
    return [] if passive else [s for s in subjects if s.i not in inside]


def attribution(doc: Doc, quote: Quote, words: SpeechWords) -> tuple[int, ...]:
    """The speaker heads a quotation's own sentences give it, outside the quoted words."""
    inside = range(quote.start - 1, quote.end + 1)
    first, last = doc[quote.start].sent, doc[quote.end - 1].sent
    sentences = [first] if first.start == last.start else [first, last]
    for sentence in sentences:
        verbs = speech_verbs(doc, words, sentence, inside)
        # The verb whose clause holds the quote ("said the offer was 'absurd'"), else the nearest one.
        holding = [v for v in verbs if v.left_edge.i < quote.end and v.right_edge.i >= quote.start]
        for verb in holding + sorted(verbs, key=lambda v: min(abs(v.i - quote.start), abs(v.i - quote.end))):
            speakers = speakers_of(verb, inside)
            if speakers:
                return tuple(s.i for s in speakers)
        for according in within(words.according, sentence, inside):
            # '"..., " according to Anna Lind.'
            if according + 1 < len(doc):
                to = doc[according + 1]
                named = [c.i for c in to.children if c.dep_ == "pobj"]
                if to.lower_ == "to" and named:
                    return tuple(named)
    # 'Anna Lind said:' closing the sentence before the quote.
    before = quote.start - 2
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 0 and doc[before].text == ":":
        sentence = doc[before].sent
        for verb in reversed(speech_verbs(doc, words, sentence, inside)):
            speakers = speakers_of(verb, inside)
            if speakers:
                return tuple(s.i for s in speakers)
    return ()


def continues(doc: Doc, previous: Quote, quote: Quote) -> bool:
    """Whether ``quote`` goes on with the speech of ``previous``: it reopens an unclosed quotation, or it
    opens the sentence right after the one where the previous quotation ended."""
    if not previous.closed and previous.end == quote.start - 1:
        return True
    first = doc[quote.start]
    if not (first.is_sent_start or doc[quote.start - 1].is_sent_start):
        return False
    ended = doc[min(previous.end, len(doc) - 1)].sent
    return ended.end in (quote.start, quote.start - 1)


def find_quotes(doc: Doc) -> list[Quote]:
    """The quotations of a Doc with their speakers' heads (empty where no speaker is given)."""
    quotes: list[Quote] = []
    words = SpeechWords.of(doc)
    for quote in quote_spans(doc):
        speaker = attribution(doc, quote, words)
        if not speaker and quotes and quotes[-1].speaker and continues(doc, quotes[-1], quote):
            speaker = quotes[-1].speaker
        quotes.append(Quote(quote.start, quote.end, quote.closed, speaker))
    return quotes


def voice_of(token: Token) -> list[Token]:
    """The organisation a speaker speaks for: 'a spokesman for Acme', 'Acme spokesman Tom Reed', 'an Acme
    statement', "the company's spokeswoman" (the words that may name it; the caller looks them up)."""
    nouns = word_list("voice_nouns.txt")
    heads = [token, *(c for c in token.children if c.dep_ in ("compound", "appos"))]
    found: list[Token] = []
    for head in heads:
        if head.lower_ not in nouns and head.lemma_.lower() not in nouns:
            continue
        found += [c for c in head.children if c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < head.i]
        found += [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return found
