"""The ``newskg_entities`` component: typed, canonical entity mentions.

Writes ``doc.spans["newskg_entities"]`` (span label = entity type) and
``doc._.newskg_entities``, a list of plain dicts with character offsets, so that
Docs stay serialisable for ``n_process > 1``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newskg.extractor.gazetteer import lookup_city, lookup_country, lookup_demonym, read_table
from newskg.extractor.lexicon import data_rows, data_text

SPAN_KEY = "newskg_entities"

if not Doc.has_extension("newskg_entities"):
    Doc.set_extension("newskg_entities", default=None)


@cache
def known_organizations() -> dict[str, tuple[str, str]]:
    """Name -> (type, canonical name) of well-known organisations."""
    return {cells[0]: (cells[1], cells[2]) for _, cells in data_rows(data_text("organizations.tsv"))}


@cache
def organization_keywords() -> list[tuple[str, str]]:
    return read_table("org_keywords.tsv")


@cache
def person_titles() -> frozenset[str]:
    return frozenset(cells[0] for _, cells in data_rows(data_text("titles.txt")))


def entity_key(entity_type: str, label: str) -> str:
    """The key mentions of one entity share; countries key on their ISO code."""
    return f"{entity_type}:{label}"


def strip_possessive(span: Span) -> Span:
    """'Japan's' -> 'Japan': the possessive marker is not part of the name."""
    if len(span) > 1 and span[-1].tag_ == "POS":
        return span[:-1]
    return span


def strip_leading_determiner(span: Span) -> Span:
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:]
    return span


def person_name(span: Span) -> Span:
    """'Prime Minister Tony Blair' -> 'Tony Blair': titles before the name come off."""
    start = 0
    while start < len(span) - 1 and span[start].text in person_titles():
        start += 1
    return span[start:]


def is_junk(span: Span) -> bool:
    """Spans that are not names of things: lowercase-led, or no capitalised word at all."""
    text = span.text
    if not text or (not text[0].isupper() and not text[0].isdigit()):
        return True
    return not any(token.text[:1].isupper() for token in span)


def organization_type(name: str) -> tuple[str, str]:
    """(type, canonical name) of an organisation, from the known list or a keyword in its name."""
    if name in known_organizations():
        return known_organizations()[name]
    words = name.split()
    for keyword, entity_type in organization_keywords():
        if keyword in words:
            return entity_type, name
    return "Organization", name


def classify(span: Span) -> dict[str, Any] | None:
    """The mention record of one NER span, or None when it is not an entity we keep."""
    span = strip_possessive(span)
    label = span.label_
    if label == "PERSON":
        name = person_name(span)
        if is_junk(name):
            return None
        return mention(name, "Person", name.text)
    if label == "NORP":
        country = lookup_demonym(span.text)
        if country is None:
            return None
        return mention(span, "Country", country.name, iso3=country.iso3)
    if label in ("GPE", "LOC"):
        span = strip_leading_determiner(span) if label == "LOC" else span
        country = lookup_country(span.text)
        if country is not None:
            return mention(span, "Country", country.name, iso3=country.iso3)
        city = lookup_city(span.text)
        if city is not None and label == "GPE":
            return mention(span, "City", city.name)
        if is_junk(span):
            return None
        return mention(span, "Region" if label == "LOC" else "Place", span.text)
    if label == "FAC":
        return None if is_junk(span) else mention(span, "Place", span.text)
    if label == "ORG":
        span = strip_leading_determiner(span)
        if is_junk(span) or (len(span) == 1 and span[0].text == "State"):
            return None
        country = lookup_country(span.text)
        if country is not None:
            return mention(span, "Country", country.name, iso3=country.iso3)
        entity_type, canonical = organization_type(span.text)
        return mention(span, entity_type, canonical)
    return None


def mention(span: Span, entity_type: str, label: str, **attributes: str) -> dict[str, Any]:
    return {
        "start": span.start_char,
        "end": span.end_char,
        "token_start": span.start,
        "token_end": span.end,
        "text": span.text,
        "type": entity_type,
        "label": label,
        "key": entity_key(entity_type, label),
        "attributes": attributes,
    }


def resolve_partial_names(mentions: list[dict[str, Any]]) -> None:
    """A person named by part of their name ('Blair') takes the full name used elsewhere in the article."""
    full_names = [m["label"] for m in mentions if m["type"] == "Person" and " " in m["label"]]
    for m in mentions:
        if m["type"] != "Person" or " " in m["label"]:
            continue
        matches = {name for name in full_names if m["label"] in name.split()}
        if len(matches) == 1:
            m["label"] = matches.pop()
            m["key"] = entity_key("Person", m["label"])


class EntityRecognizer:
    """Turns spaCy's NER spans into typed, canonical newskg mentions."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions = [m for m in (classify(span) for span in doc.ents) if m is not None]
        resolve_partial_names(mentions)
        doc._.newskg_entities = mentions
        doc.spans[SPAN_KEY] = [Span(doc, m["token_start"], m["token_end"], label=m["type"]) for m in mentions]
        return doc


@Language.factory("newskg_entities", default_config={})
def make_entity_recognizer(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, name)
