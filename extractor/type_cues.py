"""What kind of thing a name is, from words in and beside it.

Pure functions over spans: well-known bodies (``organizations.tsv``), keywords
in organisation names (``org_keywords.tsv``: 'Ministry' -> GovernmentBody), the
head word of a name (``name_heads.tsv``: 'Halvorsen Logistics' -> Company, 'Fort
Hamilton' -> Place) and the common noun beside it (``context_nouns.tsv``:
"car maker Peugeot" -> Company).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from newskg.extractor.gazetteer import read_table
from newskg.extractor.lexicon import data_rows, data_text
from newskg.vocabulary import LOCATION_TYPES, ORGANIZATION_TYPES


@cache
def known_organizations() -> dict[str, tuple[str, str]]:
    """Name -> (type, canonical name) of well-known organisations."""
    return {cells[0]: (cells[1], cells[2]) for _, cells in data_rows(data_text("organizations.tsv"))}


@cache
def organization_keywords() -> list[tuple[str, str]]:
    return read_table("org_keywords.tsv")


@cache
def context_nouns() -> dict[str, str]:
    """Common noun -> the type it gives a name beside it ("company" -> Company)."""
    return {noun.lower(): entity_type for noun, entity_type in read_table("context_nouns.tsv")}


def kind_of(noun: Token) -> str | None:
    """The type a kind noun gives a name, the noun with the word before it first ('rights group', 'financial
    institutions'), then the noun alone ('firm', 'companies')."""
    nouns = context_nouns()
    if noun.i > 0:
        before = noun.doc[noun.i - 1]
        if before.dep_ in ("compound", "amod") and before.head.i == noun.i:
            found = nouns.get(f"{before.lower_} {noun.lemma_.lower()}") or nouns.get(f"{before.lower_} {noun.lower_}")
            if found:
                return found
    return nouns.get(noun.lemma_.lower()) or nouns.get(noun.lower_)


def context_noun(span: Span) -> Token | None:
    """The common noun beside a name that says what kind of thing it is.

    Handles "companies Voxtel and Halvex" (apposition to the noun, through
    coordination), "car maker Peugeot" (the noun right before the name), and
    "Kestrel Power, a wind farm operator" (an appositive noun after the name).
    """
    if is_base_of(span):
        return None
    root = span.root
    # Coordination: "Halvex" in "companies Voxtel and Halvex" takes the noun of "Voxtel".
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    # A list takes a plural noun ("companies Voxtel and Halvex"); a singular one describes one name
    # ("the NTF - a development agency - and Halvex").
    if (
        first.dep_ in ("appos", "compound", "nmod")
        and first.head.pos_ == "NOUN"
        and kind_of(first.head)
        and (first.i == root.i or first.head.tag_ in ("NNS", "NNPS"))
    ):
        return first.head
    # A noun right before the name: "car maker Peugeot", "telecoms company Voxtel".
    if span.start > 0:
        before = span.doc[span.start - 1]
        if before.pos_ == "NOUN" and kind_of(before):
            return before
    # An appositive noun after the name: "Kestrel Power, a British wind farm operator".
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and kind_of(child):
            return child
    return None


def is_base_of(span: Span) -> bool:
    """'an Avonford-based company', 'the Avonford, Wessex-based firm': the name says where the thing the noun
    names is based; the noun does not describe the name."""
    doc, i = span.doc, span.end
    if i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].lower_ == "based":
        return True
    return i + 3 < len(doc) and doc[i].text == "," and doc[i + 2].text == "-" and doc[i + 3].lower_ == "based"


def context_type(span: Span) -> str | None:
    """The type the kind noun beside a name gives it; a noun with the word before it first ('rights group')."""
    noun = context_noun(span)
    return kind_of(noun) if noun is not None else None


# Kinds of place a name's head word can mark (a country is never named by its head word).
PLACE_TYPES = LOCATION_TYPES - {"Country"}


@cache
def name_heads() -> dict[tuple[str, str], str]:
    """(position, word) -> type: ('last', 'Logistics') -> Company, ('first', 'Fort') -> Place."""
    return {(cells[2], cells[0]): cells[1] for _, cells in data_rows(data_text("name_heads.tsv"))}


def name_head_type(span: Span, first_word: bool = True) -> str | None:
    """The type that the last or (with ``first_word``) first word of a name gives it ('Halvorsen Logistics',
    'Fort Hamilton')."""
    if len(span) < 2:
        return None
    heads = name_heads()
    return heads.get(("last", span[-1].text)) or (heads.get(("first", span[0].text)) if first_word else None)


def organization_type(span: Span) -> tuple[str, str | None]:
    """The type of an organisation from its context, then from a keyword in its name, with the cue that gave
    it (``None``: only NER says it is an organisation)."""
    found = context_type(span)
    if found in ORGANIZATION_TYPES:
        return found, "context"
    # The head word of the name: 'Brightwell Department Stores' (a firm, whatever 'Department' says elsewhere),
    # 'Ministry of Foods' (headed by 'Ministry').
    head = name_heads().get(("last", span.root.text))
    if head in ORGANIZATION_TYPES and len(span) > 1:
        return head, "head"
    words = span.text.split()
    for keyword, entity_type in organization_keywords():
        if keyword in words:
            return entity_type, "keyword"
    return "Organization", None
