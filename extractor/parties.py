"""Political parties named by their name, a short name or the word for their members.

spaCy tags most party words as NORP ("Tory", "Lib Dems", "the Greens"), some as
ORG or PERSON ("Labour"), and takes some into a person's name ("Tory Jo Roe").
Pure functions over spans, for the entities component:

- a party form of ``party_words.tsv`` is the party: always ("Labour said", "the
  Tories"), or for words that are also adjectives and surnames only in context;
- any group word (NORP, not a nationality or a faith of ``group_words.txt``) is a party
  when its members act in the plural ("the Whigs accused the minister") or it stands
  beside a party noun of ``party_context.txt`` ("a Green MP", "the Labourist leader");
- "Liberal" before an NER span "Democrat" belongs to the party's name; "Tory Jo Roe"
  splits into the party word and the person.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from newskg.extractor.gazetteer import lookup_demonym, read_words
from newskg.extractor.lexicon import data_rows, data_text


@cache
def party_forms() -> dict[str, tuple[str, bool]]:
    """Form as written -> (party name, always a party)."""
    return {cells[0]: (cells[1], cells[2] == "always") for _, cells in data_rows(data_text("party_words.tsv"))}


def party_context() -> frozenset[str]:
    return read_words("party_context.txt")


def group_words() -> frozenset[str]:
    return read_words("group_words.txt")


def strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def is_demonym(text: str) -> bool:
    """A nationality, singular or plural ('Italian', 'Italians')."""
    return lookup_demonym(text) is not None or (text.endswith("s") and lookup_demonym(text[:-1]) is not None)


def word_after(span: Span) -> Token | None:
    """The word after a name, past a possessive ('the Greens' leader')."""
    doc, i = span.doc, span.end
    if i < len(doc) and (doc[i].tag_ == "POS" or doc[i].text in ("'", "\u2019")):
        i += 1
    return doc[i] if i < len(doc) else None


def acts(span: Span) -> bool:
    """The subject of a verb: 'the Whigs accused the minister', 'Labour says'."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") and root.head.lemma_ != "be"


def beside_party_noun(span: Span) -> bool:
    """'a Green MP', 'Whig members', "the Greens' leader"."""
    after = word_after(span)
    return after is not None and after.lower_ in party_context()


def in_party_context(span: Span) -> bool:
    """Beside a party noun or acting ('the Greens said')."""
    return beside_party_noun(span) or acts(span)


def is_plural(span: Span) -> bool:
    """'the Whigs': members' words act in the plural; a firm NER took for a group acts in the singular."""
    return span.root.tag_ in ("NNPS", "NNS") or span.text.endswith("s")


def is_group_word(span: Span) -> bool:
    """A one-word name for a group of people: NORP, or 'the Whigs' that NER took for a person (a person's name
    takes no 'the' and no plural)."""
    if len(span) != 1:
        return False
    if span.label_ == "NORP":
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return span.label_ == "PERSON" and before is not None and before.lower_ == "the" and is_plural(span)


def in_a_persons_name(span: Span) -> bool:
    """'Tulls' NER took for a group where the article names Roger Tull: a surname, not a party's members."""
    text = span.text
    forms = {text, text[:-1]} if text.endswith("s") else {text}
    return any(
        ent.label_ == "PERSON" and ent.start != span.start and forms & {t.text for t in ent} for ent in span.doc.ents
    )


def derived_party_name(word: str) -> str:
    """'Whigs' -> 'Whig Party', 'Labourist' -> 'Labourist Party': a party named by its members' word."""
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return f"{singular} Party"


def party_of(span: Span) -> str | None:
    """The party a span names, or None."""
    text = strip_the(span.text)
    entry = party_forms().get(text)
    if entry is not None:
        party, always = entry
        if always or in_party_context(span) or span.label_ == "PARTY_WORD":
            return party
        return None
    if not is_group_word(span) or is_demonym(text) or text.lower() in group_words():
        return None
    if in_a_persons_name(span):
        return None
    if not text[:1].isupper() or not (beside_party_noun(span) or (acts(span) and is_plural(span))):
        return None
    return derived_party_name(text)


def extend_party_span(span: Span) -> Span:
    """'Liberal' + NER 'Democrat': a word before the span that makes a party's name with it."""
    doc = span.doc
    if span.start > 0 and span.label_ in ("NORP", "ORG", "PERSON"):
        before = doc[span.start - 1]
        if before.is_title and not before.ent_type_ and f"{before.text} {span.text}" in party_forms():
            return Span(doc, span.start - 1, span.end, label=span.label_)
    return span


def join_party_spans(spans: list[Span]) -> list[Span]:
    """'Liberal' + 'Democrat' tagged as two names side by side: one party name when the party lexicon has it."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if last is not None and last.end == span.start and f"{last.text} {span.text}" in party_forms():
            joined[-1] = Span(span.doc, last.start, span.end, label=span.label_)
            continue
        joined.append(span)
    return joined


def split_party_word(span: Span) -> list[Span]:
    """'Tory Jo Roe', 'Lib Dem Sam Ode': a party word NER took into a person's name. The party word becomes a
    span of its own (label ``PARTY_WORD``: a party whatever its context), the rest the person."""
    if span.label_ != "PERSON" or len(span) < 3:
        return [span]
    doc = span.doc
    for cut in (2, 1):
        head, rest = span[:cut], span[cut:]
        if head.text in party_forms() and len(rest) >= 2 and all(t.is_title for t in rest):
            return [
                Span(doc, head.start, head.end, label="PARTY_WORD"),
                Span(doc, rest.start, rest.end, label="PERSON"),
            ]
    return [span]
