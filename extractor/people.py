"""People's names: titles, honorifics and occupations around them, and the vocabulary of offices.

Pure functions over spans and tokens: where a person's name starts inside an NER
span ('Prime Minister Tony Blair' -> 'Tony Blair'), the titled form the text wrote
('President Kennedy'), the gender an honorific gives ('Mr', 'Ms') and the
occupation written before the name. Title words come from ``role_titles.tsv``,
``title_modifiers.txt`` and ``titles.txt``.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from newskg.extractor.gazetteer import read_table, read_words
from newskg.extractor.lexicon import data_rows, data_text, word_table
from newskg.extractor.schema import MentionRecord, mention_record


@cache
def role_table() -> dict[str, tuple[str, str]]:
    """Title head word -> (relation at a country or government, relation at another organisation)."""
    return {cells[0].lower(): (cells[1], cells[2]) for _, cells in data_rows(data_text("role_titles.tsv"))}


def role_heads() -> frozenset[str]:
    return frozenset(role_table())


def title_modifiers() -> frozenset[str]:
    return read_words("title_modifiers.txt")


@cache
def person_titles() -> frozenset[str]:
    return frozenset(cells[0] for _, cells in data_rows(data_text("titles.txt")))


# Honorifics English writes before a surname ('Mr Blair'); 'Sir', 'Lord' and 'Dame' may come before a first name.
SURNAME_HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr."})


@cache
def honorific_genders() -> dict[str, str]:
    return {word.lower(): gender for word, gender in read_table("honorifics.tsv")}


@cache
def occupations() -> frozenset[str]:
    """Occupations that only people have ('crude producer Yukos' is a firm, so 'producer' is left out)."""
    return read_words("occupations.txt") - read_words("firm_role_nouns.txt")


def is_name_prefix(token: Token) -> bool:
    """A title or honorific ('Mr', 'President') or a capitalised occupation ('Composer') written before a name."""
    return token.text in person_titles() or (token.is_title and token.lower_ in occupations())


def person_name(span: Span) -> Span:
    """'Prime Minister Tony Blair' -> 'Tony Blair', 'Composer Thomas Smith' -> 'Thomas Smith': titles and
    occupations before the name come off."""
    start = 0
    while start < len(span) - 1 and is_name_prefix(span[start]):
        start += 1
    return span[start:]


def occupation(name: Span) -> str | None:
    """The occupation written right before a name, inside the NER span or not: 'Composer Thomas Smith',
    'rapper Eminem' -> 'composer', 'rapper'."""
    doc = name.doc
    i = name.start - 1
    if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN") and doc[i].lower_ in occupations():
        return doc[i].lower_
    return None


def honorific_gender(doc: Doc, name_start: int) -> str | None:
    """'Mr Blair' is male, 'Ms Okafor' female: the honorific just before the name says so."""
    if name_start > 0:
        return honorific_genders().get(doc[name_start - 1].lower_)
    return None


def titled_name(name: Span) -> str | None:
    """'President Kennedy', 'Mr. Okafor', 'Composer Thomas Smith': the name with the titles and capitalised
    occupations right before it, as the text wrote it (an alias of the person, never the label)."""
    doc = name.doc
    start = name.start
    while start > 0 and is_name_prefix(doc[start - 1]):
        start -= 1
    return doc[start : name.end].text if start < name.start else None


def person_mention(name: Span, cue: str | None = None) -> MentionRecord:
    """A person's name, with the titled form, the gender an honorific gives and the occupation before it.

    Its evidence: ``cue`` (the rule that found a person), an honorific or title before the name, a first
    and last name."""
    job = occupation(name)
    gender = honorific_gender(name.doc, name.start)
    surface = titled_name(name)
    evidence = [f"{cue}:Person"] if cue else []
    if (gender or surface) and "honorific:Person" not in evidence:
        evidence.append("honorific:Person")
    return mention_record(
        name,
        "Person",
        name.text,
        {"occupation": job} if job else None,
        surface=surface,
        gender=gender,
        evidence=evidence,
    )


def honorific_led(span: Span) -> Span | None:
    """'Mr Balls' tagged as an organisation or place: a personal honorific makes it a person's name."""
    if len(span) > 1 and span[0].text.lower() in honorific_genders():
        return span[1:]
    if span.start > 0 and span.doc[span.start - 1].lower_ in honorific_genders():
        return span
    return None


# Role nouns that only people hold: an organisation may be an "owner" or a "member", not a "spokesman".
PERSON_ONLY_ROLE_RELATIONS = frozenset({"works_for", "killed", "lives_in", "citizen_of"})


@cache
def person_role_nouns() -> frozenset[str]:
    roles = word_table("role_nouns.tsv")
    firm_roles = read_words("firm_role_nouns.txt")
    return frozenset(
        noun for noun, relation in roles.items() if relation in PERSON_ONLY_ROLE_RELATIONS and noun not in firm_roles
    )
