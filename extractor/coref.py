"""Coreference inside one article: pronouns and definite descriptions.

Rule-based and cheap: one pass over the tokens, candidates looked up among the
mentions of the last few sentences. Resolved mentions are added as mention
records with ``coreference=True`` (see the conventions in
:mod:`newskg.extractor.schema`); a plural reference resolved to several
entities becomes one mention record per entity over the same tokens. Run by the
``newskg_clusters`` component (:mod:`newskg.extractor.clusters`), which also
resolves partial names and name fragments.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import data_rows, data_text
from newskg.extractor.schema import MentionRecord, mention_record
from newskg.vocabulary import GENERIC_TYPES, INSTITUTION_TYPES, type_family

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Sentences back (besides the pronoun's own) where an antecedent may be.
WINDOW = 2
# Sentences back where the referents of a plural description ('the two leaders') may be.
PLURAL_WINDOW = 3
PERSON_PRONOUNS = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
}
SINGULAR_THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# "it" as the dummy subject of these verbs refers to nothing ("it is expected that...", "it seems").
DUMMY_IT_VERBS = frozenset({"be", "seem", "appear", "take", "rain", "matter", "happen", "remain"})
PLURAL_MARKERS = frozenset({"two", "both"})
DETERMINERS = frozenset({"the", "both", "two"})
# Words that make "two ..." definite: "the two firms", "these two firms", "both two"; "two firms" is not.
DEFINITE_BEFORE_TWO = frozenset({"the", "these", "those", "both"})


@cache
def descriptions() -> dict[str, tuple[str, str]]:
    """Noun -> (entity type, number) of definite descriptions ("countries" -> (Country, two))."""
    rows = data_rows(data_text("descriptions.tsv"))
    return {cells[0].lower(): (cells[1], cells[2]) for _, cells in rows}


def token_start(m: MentionRecord) -> int:
    return m["token_start"]


class Resolver:
    """Finds antecedents among the mentions before a position, sentence by sentence."""

    def __init__(self, doc: Doc, mentions: list[MentionRecord]) -> None:
        self.doc = doc
        # Sentences with no word (a closing quote and a blank line) do not count as sentences back.
        self.sentence_starts = [sent.start for sent in doc.sents if any(token.is_alpha for token in sent)] or [0]
        self.mentions = mentions
        self.named = [m for m in mentions if not m.get("coreference")]

    def sentence_of(self, token_index: int) -> int:
        return bisect_right(self.sentence_starts, token_index) - 1

    def is_subject(self, m: MentionRecord) -> bool:
        return self.doc[m["token_start"] : m["token_end"]].root.dep_ in SUBJECT_DEPS

    def candidates(self, position: int, accept: Callable[[MentionRecord], bool]) -> list[list[MentionRecord]]:
        """Accepted mentions before ``position``, grouped by sentence, nearest sentence first."""
        here = self.sentence_of(position)
        groups: dict[int, list[MentionRecord]] = {}
        # Mentions are in token order: start at the window's first sentence, not at the article's start
        # (a scan from the start made long articles quadratic).
        begin = 0
        if here - WINDOW > 0:
            begin = bisect_left(self.mentions, self.sentence_starts[here - WINDOW], key=token_start)
        for index in range(begin, len(self.mentions)):
            m = self.mentions[index]
            if m["token_end"] > position:
                break
            sentence = self.sentence_of(m["token_start"])
            if here - sentence <= WINDOW and accept(m):
                groups.setdefault(sentence, []).append(m)
        return [groups[s] for s in sorted(groups, reverse=True)]

    def singular(self, position: int, accept: Callable[[MentionRecord], bool]) -> MentionRecord | None:
        """Subject preference, then recency: the nearest subject in the pronoun's sentence, else the
        first subject of an earlier sentence, else the nearest accepted mention."""
        here = self.sentence_of(position)
        for group in self.candidates(position, accept):
            subjects = [m for m in group if self.is_subject(m)]
            if subjects:
                same_sentence = self.sentence_of(group[0]["token_start"]) == here
                return subjects[-1] if same_sentence else subjects[0]
            return group[-1]
        return None

    def coordinated(self, position: int, accept: Callable[[MentionRecord], bool]) -> list[MentionRecord]:
        """The nearest coordination of two or more accepted entities ('Australia and Japan')."""
        for group in self.candidates(position, accept):
            heads: dict[int, list[MentionRecord]] = {}
            for m in group:
                token = self.doc[m["token_start"] : m["token_end"]].root
                while token.dep_ == "conj" and token.head is not token:
                    token = token.head
                heads.setdefault(token.i, []).append(m)
            groups = [members for members in heads.values() if len({m["key"] for m in members}) >= 2]
            # Subject preference, then recency: "Australia and Japan decided to exclude X and Y from their ...".
            groups.sort(key=lambda ms: (self.is_subject(ms[0]), ms[-1]["token_end"]), reverse=True)
            if groups:
                return distinct(groups[0])
        return []

    def recent_distinct(
        self, position: int, accept: Callable[[MentionRecord], bool], count: int, window: bool = False
    ) -> list[MentionRecord]:
        """The last ``count`` distinct entities before ``position`` ('the company'); with ``window``, only
        in the ``PLURAL_WINDOW`` sentences before it ('the two countries')."""
        here = self.sentence_of(position)
        found: list[MentionRecord] = []
        # Backwards from the last mention that starts before the position.
        for index in range(bisect_left(self.mentions, position, key=token_start) - 1, -1, -1):
            m = self.mentions[index]
            if m["token_end"] > position or not accept(m):
                continue
            if window and here - self.sentence_of(m["token_start"]) > PLURAL_WINDOW:
                break
            if all(m["key"] != f["key"] for f in found):
                found.append(m)
                if len(found) == count:
                    break
        return list(reversed(found))


def distinct(mentions: list[MentionRecord]) -> list[MentionRecord]:
    seen: dict[str, MentionRecord] = {}
    for m in mentions:
        seen.setdefault(m["key"], m)
    return list(seen.values())


def person_of_gender(gender: str) -> Callable[[MentionRecord], bool]:
    def accept(m: MentionRecord) -> bool:
        return m["type"] == "Person" and m.get("gender", gender) == gender

    return accept


def is_thing(m: MentionRecord) -> bool:
    return m["type"] in INSTITUTION_TYPES


def of_type(entity_type: str) -> Callable[[MentionRecord], bool]:
    """Mentions a description of ``entity_type`` may refer to: that type, or the generic type of its family
    ('the agency' is a government body or an organisation NER could not type, never a company)."""
    family = type_family(entity_type)

    def accept(m: MentionRecord) -> bool:
        if type_family(m["type"]) != family:
            return False
        return m["type"] == entity_type or m["type"] in GENERIC_TYPES or entity_type in GENERIC_TYPES

    return accept


def reference(antecedent: MentionRecord, start: Token, end: Token) -> MentionRecord:
    """A mention over tokens ``start..end`` that refers to ``antecedent``'s entity."""
    span = start.doc[start.i : end.i + 1]
    return mention_record(span, antecedent["type"], antecedent["label"], coreference=True)


def is_dummy_it(token: Token) -> bool:
    """'it' that refers to nothing: not a subject, the subject of 'be'/'seem'..., or of a passive
    reporting verb with a clause ('it is expected that ...')."""
    if token.lower_ != "it":
        return False
    head = token.head
    if token.dep_ not in SUBJECT_DEPS or head.lemma_.lower() in DUMMY_IT_VERBS:
        return True
    return token.dep_ == "nsubjpass" and any(child.dep_ in ("ccomp", "xcomp") for child in head.children)


def resolve_pronoun(resolver: Resolver, token: Token) -> list[MentionRecord]:
    """Antecedents of one pronoun: he/she to a person of that gender, it/its to a country or
    organisation, they/their to a coordination of them."""
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        found = resolver.singular(token.i, person_of_gender(PERSON_PRONOUNS[lower]))
        return [found] if found else []
    if lower in SINGULAR_THING_PRONOUNS:
        if is_dummy_it(token):
            return []
        found = resolver.singular(token.i, is_thing)
        return [found] if found else []
    if lower in PLURAL_PRONOUNS:
        return resolver.coordinated(token.i, is_thing)
    return []


def description_start(doc: Doc, noun: Token, number: str) -> Token | None:
    """The first token of a definite description ending in ``noun``, or None if it is not one.

    Singular: "the company" (with at most one modifier: "the Norwegian company").
    Plural: "the two countries", "both the countries", "both countries".
    """
    if noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ == "of":
        return None  # "the minister of X" names its own referent
    words = [doc[i] for i in range(max(0, noun.i - 3), noun.i)]
    lowered = [w.lower_ for w in words]
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


def resolve_description(resolver: Resolver, noun: Token) -> tuple[Token, list[MentionRecord]] | None:
    entity_type, number = descriptions()[noun.lower_]
    start = description_start(resolver.doc, noun, number)
    if start is None:
        return None
    accept = of_type(entity_type)
    if number == "two":
        # "Vodafone and T-Mobile ... the two companies": a coordination of two in the window first, then
        # the two most recent entities of the family in the window.
        found = resolver.coordinated(start.i, accept)
        if len(found) != 2:
            found = resolver.recent_distinct(start.i, accept, 2, window=True)
        return (start, found) if len(found) == 2 else None
    antecedent = resolver.recent_distinct(start.i, accept, 1)
    return (start, antecedent) if antecedent else None


def resolve_references(doc: Doc, mentions: list[MentionRecord]) -> list[MentionRecord]:
    """Add mentions for the pronouns and definite descriptions that refer to an entity of the article."""
    if not mentions:
        return mentions
    covered = {i for m in mentions for i in range(m["token_start"], m["token_end"])}
    resolver = Resolver(doc, list(mentions))
    table = descriptions()
    added: list[MentionRecord] = []
    for token in doc:
        if token.i in covered:
            continue
        before = len(added)
        lower = token.lower_
        if token.pos_ == "PRON" or lower in ("his", "its", "their", "her"):
            for antecedent in resolve_pronoun(resolver, token):
                added.append(reference(antecedent, token, token))
        elif lower in table and token.pos_ == "NOUN":
            found = resolve_description(resolver, token)
            if found:
                start, antecedents = found
                added.extend(reference(antecedent, start, token) for antecedent in antecedents)
        # Later pronouns may refer back through this one ("he ... his"): the mentions just added join the
        # resolver's, kept in token order (inserted in place; a sort per pronoun made long articles quadratic).
        for m in added[before:]:
            insort(resolver.mentions, m, key=token_start)
    return [*mentions, *added]
