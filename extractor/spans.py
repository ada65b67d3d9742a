"""The name inside each NER span: trimmed and split where NER joined or overran names.

Pure functions from spaCy's entity spans to the spans of names (their NER label
kept): what NER caught around a name comes off ('Rowntree,', 'Steve McGregor -
to'), and spans that hold several names are split (a list 'Dell, Samsung', a
source line 'Moscow ITAR-TASS', a nationality and a name 'Belgian Kim Gevaert').
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from newskg.extractor.gazetteer import (
    language_names,
    lookup_city,
    lookup_country,
    lookup_demonym,
    us_state_abbreviations,
)
from newskg.extractor.lexicon import data_rows, data_text
from newskg.extractor.parties import extend_party_span, split_party_word


def name_spans(doc: Doc) -> list[Span]:
    """The names in ``doc.ents``, in text order: each span trimmed, then split into its names."""
    return [
        part
        for span in doc.ents
        for trimmed in [trim_span(span)]
        if trimmed is not None
        for paired in split_place_pair(extend_party_span(trimmed))
        for listed in split_name_list(paired)
        for named in split_nationality(listed)
        for partisan in split_party_word(named)
        for sourced in split_source_line(partisan)
        for part in split_place_possessive(sourced)
    ]


def strip_possessive(span: Span) -> Span:
    """'Japan's' -> 'Japan': the possessive marker is not part of the name."""
    if len(span) > 1 and span[-1].tag_ == "POS":
        return span[:-1]
    return span


def strip_leading_determiner(span: Span) -> Span:
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:]
    return span


# Characters NER catches at the edges of a name: 'Rowntree,', 'Henry Paul -', '"Acme'.
EDGE_PUNCTUATION = frozenset(
    {",", ";", ":", "-", "\u2013", "\u2014", "--", "_", "'", '"', "`", "(", "\u2018", "\u2019", "\u201c", "\u201d"}
)
DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
POSSESSIVE_ENDINGS = frozenset({"'s", "\u2019s"})


def is_edge_noise(token: Token) -> bool:
    return token.is_space or token.text in EDGE_PUNCTUATION


def cut_at_open_bracket(span: Span) -> Span:
    """'Green Renewal Party (GRP', 'J Marsh (Wales': an unclosed bracket and what follows
    it are not part of the name."""
    for token in span:
        if token.text == "(" and not any(t.text == ")" for t in span[token.i - span.start :]):
            return span[: token.i - span.start] if token.i > span.start else span[1:]
    return span


def cut_at_spaced_dash(span: Span) -> Span:
    """'Steve McGregor - to', 'Jonathan Kaplan - England': a dash set off by spaces ends the name."""
    for token in span[1:]:
        if token.text in DASHES and token.whitespace_ and token.nbor(-1).whitespace_:
            return span[: token.i - span.start]
    return span


def is_trailing_noise(token: Token, length: int, person: bool) -> bool:
    """Punctuation, a possessive written apart, or (after another word) a lowercase word that is no noun,
    or a number after a person's name (a score: 'Rainer Schuettler 7-5'; names of people end in no digit)."""
    if is_edge_noise(token) or token.lower_ in POSSESSIVE_ENDINGS:
        return True
    if length > 1 and person and any(character.isdigit() for character in token.text):
        return True
    return length > 1 and token.is_lower and token.pos_ not in ("NOUN", "PROPN")


def trim_span(span: Span) -> Span | None:
    """The name inside an NER span, without what NER caught around it (None when nothing is left).

    - whitespace and punctuation at either end: 'Nike\n\n', 'Rowntree,', 'Henry Paul -';
    - a possessive written apart: "EDITOR 'S";
    - an unclosed bracket or a spaced dash and what follows: 'RP (Welfare Party', 'Steve McGregor - to';
    - lowercase words that are no nouns at the end: 'Senate Committee on', 'Pascal Cygan missed'
      (a lowercase noun stays: 'the Asia-Pacific region' is a description the classifier reads);
    - numbers after a person's name: 'Rainer Schuettler 7-5' (organisations keep theirs: 'Channel 4').
    """
    label = span.label_
    span = cut_at_spaced_dash(cut_at_open_bracket(span))
    start, end = span.start, span.end
    doc = span.doc
    while start < end and is_edge_noise(doc[start]):
        start += 1
    while end > start and is_trailing_noise(doc[end - 1], end - start, label == "PERSON"):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=label)


@cache
def name_suffixes() -> frozenset[str]:
    return frozenset(cells[0] for _, cells in data_rows(data_text("name_suffixes.txt")))


def split_name_list(span: Span) -> list[Span]:
    """'Barkley, Hodgson, King', 'Dell, Samsung': NER joined a list of names into one. Split at the commas,
    unless the span has lowercase words ('Ministry of Economy, Trade and Industry') or a part is a suffix of
    the name before it ('Acme, Inc.'). Only names of people and organisations: 'Washington, D.C.' is one."""
    if span.label_ not in ("PERSON", "ORG") or not any(t.text == "," for t in span):
        return [span]
    if any(t.is_lower for t in span):
        return [span]
    parts, start = [], span.start
    for token in span:
        if token.text == ",":
            parts.append(span.doc[start : token.i])
            start = token.i + 1
    parts.append(span.doc[start : span.end])
    if any(len(part) == 0 or part.text in name_suffixes() for part in parts):
        return [span]
    return [Span(span.doc, part.start, part.end, label=span.label_) for part in parts]


def split_place_pair(span: Span) -> list[Span]:
    """'Ashgrove and Kelby': NER joined two one-word place names at 'and'. Split them, unless the whole is a
    country ('Trinidad and Tobago')."""
    if span.label_ not in ("FAC", "LOC", "GPE") or len(span) != 3 or span[1].lower_ != "and":
        return [span]
    if not (span[0].is_title and span[2].is_title) or lookup_country(span.text) is not None:
        return [span]
    doc = span.doc
    return [
        Span(doc, span.start, span.start + 1, label=span.label_),
        Span(doc, span.end - 1, span.end, label=span.label_),
    ]


def split_place_possessive(span: Span) -> list[Span]:
    """ "Bristol's Halvex Bank", "Japan's Sumitomo Bank": NER took the place that owns an organisation's name
    into it. Split the place (GPE) from the organisation; the possessive between them goes."""
    if span.label_ not in ("ORG", "PERSON", "GPE", "FAC") or len(span) < 3:
        return [span]
    for cut in range(1, min(len(span) - 1, 4)):
        if span[cut].tag_ != "POS":
            continue
        place, name = span[:cut], span[cut + 1 :]
        known = lookup_city(place.text) is not None or lookup_country(place.text) is not None
        if known and all(t.is_title or t.is_upper for t in name):
            doc = span.doc
            label = "ORG" if span.label_ == "GPE" else span.label_
            return [Span(doc, place.start, place.end, label="GPE"), Span(doc, name.start, name.end, label=label)]
        return [span]
    return [span]


def is_capitalised_name(tokens: Span) -> bool:
    """A name that opens with a word in capitals, as source lines write outlets ('ITAR-TASS', 'BANGKOK POST',
    'XINHUA Domestic Service')."""
    first = tokens[0].text
    letters = [c for c in first if c.isalpha()]
    return len(letters) >= 3 and first.isupper()


def credit_language(doc: Doc, i: int) -> bool:
    """'in English 0107 GMT', 'in Russian 14 Jan 94': what follows the outlet in the credit line of a monitored
    broadcast or paper, the language it was in and when (``i``: the "in")."""
    return i + 2 < len(doc) and doc[i].lower_ == "in" and doc[i + 1].text in language_names() and doc[i + 2].like_num


def name_word(token: Token) -> bool:
    return token.is_title or token.is_upper or token.text == "-"


def split_source_line(span: Span) -> list[Span]:
    """'Moscow ITAR-TASS', 'Bangkok BANGKOK POST': a source line names a city in ordinary case and then the
    outlet in capitals; NER reads them as one name. Split them into the city (GPE) and the outlet (ORG). An
    outlet in ordinary case only before the credit's language: 'Havana Radio Rebelde in Spanish 1402 GMT'
    (but 'the London Symphony Orchestra' stays one name)."""
    credit = credit_language(span.doc, span.end)
    if not credit and not any(span[cut].text.isupper() for cut in range(1, min(len(span), 4))):
        return [span]  # No word in capitals where an outlet could start (most names): no slices made.
    for cut in range(1, min(len(span), 4)):
        city, outlet = span[:cut], span[cut:]
        if (
            not city.text.isupper()
            and lookup_city(city.text) is not None
            and (is_capitalised_name(outlet) or (credit and all(name_word(t) for t in outlet)))
            and outlet.text not in us_state_abbreviations()
        ):
            doc = span.doc
            return [Span(doc, city.start, city.end, label="GPE"), Span(doc, outlet.start, outlet.end, label="ORG")]
    return [span]


def split_nationality(span: Span) -> list[Span]:
    """'Belgian Kim Gevaert', 'Russian Irina Shevchenko': NER took a nationality into a person's name (as PERSON
    or NORP). Split it into the nationality (NORP) and the name (PERSON), so that the name is the person's and
    the nationality says where the person is from. A NORP span needs two capitalised words after the
    nationality ('British Muslim' is one group)."""
    if span.label_ not in ("PERSON", "NORP") or len(span) < 2 or lookup_demonym(span[0].text) is None:
        return [span]
    rest = span[1:]
    if not all(token.is_title for token in rest) or (span.label_ == "NORP" and len(rest) < 2):
        return [span]
    if any(lookup_demonym(token.text) is not None for token in rest):
        return [span]
    doc = span.doc
    return [Span(doc, span.start, span.start + 1, label="NORP"), Span(doc, rest.start, rest.end, label="PERSON")]
