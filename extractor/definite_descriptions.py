"""Definite descriptions that refer to an entity named before: "the company", "the commission", "the two
leaders", "the Pakistani president".

A description takes the last entity of its type (or, for a role noun, of a compatible
title and nationality) within the resolver's window; a plural description ("the two
firms", "the pair") takes several. Run by :func:`newskg.extractor.coref.resolve_references`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc, Token

from newskg.extractor.gazetteer import lookup_demonym
from newskg.extractor.lexicon import data_rows, data_text, word_list, word_table
from newskg.extractor.resolver import Resolver, of_type
from newskg.extractor.schema import MentionRecord
from newskg.vocabulary import GENERIC_TYPES, ORGANIZATION_TYPES

# Inherently plural descriptions: "the pair", "the duo" (and "the two" standing alone).
PAIR_NOUNS = frozenset({"pair", "duo", "two"})
PLURAL_MARKERS = frozenset({"two", "both"})
DETERMINERS = frozenset({"the", "both", "two"})
# Words that make "two ..." definite: "the two firms", "these two firms", "both two"; "two firms" is not.
DEFINITE_BEFORE_TWO = frozenset({"the", "these", "those", "both"})


@cache
def descriptions() -> dict[str, tuple[str, str]]:
    """Noun -> (entity type, number) of definite descriptions ("countries" -> (Country, two))."""
    rows = data_rows(data_text("descriptions.tsv"))
    return {cells[0].lower(): (cells[1], cells[2]) for _, cells in rows}


def nationality_words(word: str) -> set[str]:
    """'pakistani' -> {'pakistani', 'pakistan'}: a nationality and its country's names."""
    country = lookup_demonym(word.capitalize()) or lookup_demonym(word)
    if country is None:
        return set()
    return {word.lower(), *(name.lower() for name in (country.name, getattr(country, "common_name", "")) if name)}


def role_accepts(resolver: Resolver, noun: Token, modifiers: list[Token]) -> list[Callable[[MentionRecord], bool]]:
    """Tests, strictest first, of the person a role description refers to ("the prime minister", "the
    Pakistani president"): one the text gave that title (and that nationality), then one whose known
    titles and nationality do not contradict it (President Lind is not "the prime minister")."""
    roles = set(word_table("role_titles.tsv")) | {noun.lemma_.lower()}
    title = noun.lemma_.lower()
    wanted = [nationality_words(t.lower_) for t in modifiers]
    wanted = [w for w in wanted if w]

    def described(m: MentionRecord) -> set[str]:
        return resolver.titles.get(m["key"], set())

    def strict(m: MentionRecord) -> bool:
        words = described(m)
        return m["type"] == "Person" and title in words and all(w & words for w in wanted)

    def lenient(m: MentionRecord) -> bool:
        words = described(m)
        if m["type"] != "Person" or (words & roles and title not in words):
            return False
        nationalities = {n for w in words for n in nationality_words(w)}
        return not wanted or not nationalities or all(w & nationalities for w in wanted)

    return [strict, lenient]


def description_start(doc: Doc, noun: Token, number: str) -> Token | None:
    """The first token of a definite description ending in ``noun``, or None if it is not one.

    Singular: "the company" (with at most one modifier: "the Norwegian company").
    Plural: "the two countries", "both the countries", "both countries", "the pair".
    A description beside a name is not a reference: "the finance minister, Tom Reed," names him.
    """
    if noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in ("of", "for"):
        return None  # "the minister of X" names its own referent
    if noun.dep_ == "appos" or any(child.dep_ == "appos" for child in noun.children):
        return None
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in word_list("metonym_heads.txt"):
        return None  # "the party leadership": "the" goes with the leadership, which is not the party.
    words = [doc[i] for i in range(max(0, noun.i - 3), noun.i)]
    lowered = [w.lower_ for w in words]
    if number == "two" and noun.lower_ in PAIR_NOUNS:
        return words[-1] if lowered and lowered[-1] == "the" else None
    if number == "two":
        if not PLURAL_MARKERS & set(lowered):
            return None
        index = min(lowered.index(w) for w in PLURAL_MARKERS & set(lowered))
        if index > 0 and lowered[index - 1] in DETERMINERS:
            index -= 1
        # "two unnamed firms pulled out": an indefinite number introduces new referents.
        if lowered[index] == "two" and (index == 0 or lowered[index - 1] not in DEFINITE_BEFORE_TWO):
            before = noun.i - len(words) + index - 1
            if before < 0 or doc[before].lower_ not in DEFINITE_BEFORE_TWO:
                return None
            return doc[before]
        return words[index]
    if lowered and lowered[-1] == "the":
        return words[-1]
    if len(lowered) >= 2 and lowered[-2] == "the" and words[-1].pos_ in ("ADJ", "PROPN"):
        return words[-2]
    return None


def name_head(label: str) -> str:
    """The head word of an organisation's name: its last word before a preposition ('Court of Appeal' ->
    'court', 'Committee to Protect Journalists' -> 'committee', 'Avonford Rowing Association' ->
    'association')."""
    words = label.lower().split()
    for i, word in enumerate(words):
        if i and word in word_list("prepositions.txt"):
            return words[i - 1]
    return words[-1] if words else ""


def resolve_head_match(resolver: Resolver, noun: Token) -> tuple[Token, list[MentionRecord]] | None:
    """'the commission' after 'the European Commission', 'the association' after 'Avonford Rowing
    Association': the last organisation named before whose name has this head noun."""
    lower = noun.lower_
    if lower not in word_list("institution_heads.txt"):
        return None
    start = description_start(resolver.doc, noun, "one")
    if start is None:
        return None
    if noun.pos_ == "PROPN" and noun.i + 1 < len(resolver.doc) and resolver.doc[noun.i + 1].pos_ == "PROPN":
        return None  # "the Commission Directive": a longer name
    heads: dict[str, str] = {}

    def accept(m: MentionRecord) -> bool:
        if m.get("coreference") or m["type"] not in ORGANIZATION_TYPES:
            return False
        head = heads.setdefault(m["label"], name_head(m["label"]))
        return head == lower

    found = resolver.recent_distinct(start.i, accept, 1)
    return (start, found) if found else None


def resolve_description(resolver: Resolver, noun: Token) -> tuple[Token, list[MentionRecord]] | None:
    if noun.lower_ == "two":
        entity_type, number = "*", "two"
    else:
        entity_type, number = descriptions()[noun.lower_]
    start = description_start(resolver.doc, noun, number)
    if start is None:
        return None
    accept = of_type(entity_type)
    if number == "two":
        # "Vodafone and T-Mobile ... the two companies": a coordination of two in the window first, then
        # the two most recent entities of the family in the window ("the pair": a coordination only).
        found = resolver.coordinated(start.i, accept)
        if len(found) != 2 and noun.lower_ not in PAIR_NOUNS:
            found = resolver.recent_distinct(start.i, accept, 2, window=True)
        return (start, found) if len(found) == 2 else None
    if entity_type == "Person":
        modifiers = [t for t in resolver.doc[start.i + 1 : noun.i]]
        strict, lenient = role_accepts(resolver, noun, modifiers)
        # A title the text gave is looked for in the whole article; a person of no known title only nearby.
        for test, window in ((strict, False), (lenient, True)):
            antecedent = resolver.recent_distinct(start.i, resolver.not_clause_mate(test, noun), 1, window)
            if antecedent:
                return start, antecedent
        return None

    # "the company": a firm named nearby (or described as one before: "Acme ... the firm") before an
    # organisation NER could not type ("the Reuters agency").
    def exact(m: MentionRecord) -> bool:
        return m["type"] == entity_type or resolver.kinds.get(m["key"]) == entity_type

    nearby = resolver.recent_distinct(start.i, resolver.not_clause_mate(exact, noun), 1, window=True)
    antecedent = nearby or resolver.recent_distinct(start.i, resolver.not_clause_mate(accept, noun), 1)
    if antecedent and entity_type not in GENERIC_TYPES and antecedent[0]["type"] in GENERIC_TYPES:
        resolver.kinds.setdefault(antecedent[0]["key"], entity_type)
    return (start, antecedent) if antecedent else None
