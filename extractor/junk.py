"""Spans that are not names of things: the junk filter of the entities component.

Pure tests over spans: lowercase or uncapitalised phrases, titles and jobs with
no name ('EDITOR', 'Foreign Minister'), concepts, fields and diseases
('Artificial Intelligence', 'COVID-19 pandemic'), a title word cut out of an
office ('State' in 'Secretary of State') and lone common words ('Group').
"""

from __future__ import annotations

from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from newskg.extractor.gazetteer import read_words
from newskg.extractor.people import occupations, person_role_nouns, person_titles, role_heads, title_modifiers
from newskg.extractor.type_cues import context_nouns, organization_keywords


@cache
def person_words() -> frozenset[str]:
    """Lowercase words that describe a person without naming one: titles, offices, jobs."""
    return frozenset({t.lower() for t in person_titles()} | role_heads() | occupations() | person_role_nouns())


def is_description_only(span: Span) -> bool:
    """'EDITOR', 'The Chairman', 'Foreign Minister': a title or job with only its modifiers and stopwords,
    no name ('Labor Party' and 'Treasury' have no title word, so they stay).

    A lone capitalised word may still be a surname ('slaying of King'), so a one-word span is kept unless
    it is written in capitals.
    """
    if len(span) == 1 and not span.text.isupper():
        return False
    words = [t.lower_ for t in span if t.is_alpha]
    return any(w in person_words() for w in words) and all(
        w in person_words() or w in title_modifiers() or w in STOP_WORDS for w in words
    )


def is_junk(span: Span) -> bool:
    """Spans that are not names of things: lowercase-led, no capitalised word at all, a time ('GMT 2 Feb'), or
    only words that describe a person ('EDITOR', 'Foreign Minister')."""
    text = span.text
    if not text or (not text[0].isupper() and not text[0].isdigit()):
        return True
    if len(span) > 1 and span[0].text.lower() in read_words("time_zones.txt") and span[1].like_num:
        return True  # "GMT 2 Feb 94": a time.
    return not any(token.text[:1].isupper() for token in span) or is_description_only(span)


def is_concept(span: Span) -> bool:
    """A concept, field, technology or disease, not an organisation.

    Two tests: the head noun names a concept ("Artificial Intelligence",
    "Critical Information Infrastructure"), or the word after the span shows it
    is one ("COVID-19 pandemic", "5G technology").
    """
    if span.root.lower_ in read_words("concept_heads.txt"):
        return True
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in read_words("concept_context.txt")


def is_title_fragment(span: Span) -> bool:
    """A capitalised title word cut out of an office title: 'State' in 'Secretary of State' (not 'SHP' in
    'leader of SHP')."""
    doc = span.doc
    return (
        len(span) == 1
        and span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in role_heads()
        and span[0].lower_ in title_modifiers()
    )


def is_portfolio(span: Span) -> bool:
    """'Fisheries Affairs Commissioner Jo Roe': the words of an office before its title, not an organisation's
    name (an organisation keeps its keyword: 'Treasury Secretary', 'Home Office minister')."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in role_heads():
        return False
    words = [t.lower_ for t in span]
    keywords = {keyword.lower() for keyword, _ in organization_keywords()}
    return any(w in title_modifiers() for w in words) and not any(w in keywords for w in words)


def is_lowercase_phrase(span: Span) -> bool:
    """An ORG span headed by a lowercase common noun is a description, not a name."""
    return span.root.pos_ == "NOUN" and span.root.text.islower()


def is_lone_common_word(span: Span) -> bool:
    """A lone capitalised kind-of-thing or title word ('Group', 'State', 'Groups') is no name."""
    word = span.text.lower()
    return len(span) == 1 and (
        span[0].lemma_.lower() in context_nouns()
        or word in context_nouns()
        or (word in title_modifiers() and span.text not in dict(organization_keywords()))
    )
