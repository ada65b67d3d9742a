"""The antecedents of a reference inside one article: the mentions of the last few sentences.

:class:`Resolver` keeps an article's mentions in token order and answers, for a
position, which entities were named before it within a window of sentences, with the
agreement the caller asks for (type, number, gender learned from pronouns, the titles
the text gave a person). Pure lookups over the parse and the mention records; the
rules that use them are in :mod:`newskg.extractor.coref` (pronouns, quotations) and
:mod:`newskg.extractor.definite_descriptions` ("the company", "the two leaders").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable

from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import word_list
from newskg.extractor.schema import MentionRecord, mention_record
from newskg.extractor.syntax import worded_sentence_starts
from newskg.vocabulary import AGENT_TYPES, GENERIC_TYPES, INSTITUTION_TYPES, type_family

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
# Where an adjunct put before a clause may hold the other party of what the clause's subject does.
ADJUNCT_DEPS = frozenset({"advcl", "prep", "npadvmod"})


def token_start(m: MentionRecord) -> int:
    return m["token_start"]


class Resolver:
    """Finds antecedents among the mentions before a position, sentence by sentence."""

    def __init__(self, doc: Doc, mentions: list[MentionRecord]) -> None:
        self.doc = doc
        # Sentences with no word (a closing quote and a blank line) do not count as sentences back.
        self.sentence_starts = worded_sentence_starts(doc) or [0]
        self.mentions = mentions
        self.named = [m for m in mentions if not m.get("coreference")]
        self.named_tokens = {i for m in self.named for i in range(m["token_start"], m["token_end"])}
        # Root token -> mentions, and (start, end) -> entity keys: looked up per candidate, kept with the list.
        self.by_root: dict[int, list[MentionRecord]] = {}
        self.keys_at: dict[tuple[int, int], set[str]] = {}
        for m in mentions:
            self.index(m)
        # The gender an entity's pronouns gave it: after "he" refers to X, "she" does not.
        self.genders: dict[str, str] = {}
        # The kind a description gave an entity of no specific type: after "Acme ... the firm", a firm.
        self.kinds: dict[str, str] = {}
        self.titles = person_titles(doc, self.named)

    def index(self, m: MentionRecord) -> None:
        self.by_root.setdefault(self.root(m).i, []).append(m)
        self.keys_at.setdefault((m["token_start"], m["token_end"]), set()).add(m["key"])

    def insert(self, m: MentionRecord) -> None:
        """Add a resolved mention, kept in token order (inserted in place: a sort per pronoun made long
        articles quadratic)."""
        insort(self.mentions, m, key=token_start)
        self.index(m)

    def rooted_at(self, tokens: set[int]) -> list[MentionRecord]:
        return [m for i in sorted(tokens) for m in self.by_root.get(i, [])]

    def person_of_gender(self, gender: str) -> Callable[[MentionRecord], bool]:
        def accept(m: MentionRecord) -> bool:
            known = m.get("gender") or self.genders.get(m["key"], gender)
            return m["type"] == "Person" and known == gender

        return accept

    def learn(self, pronoun: Token, antecedents: list[MentionRecord]) -> None:
        gender = PERSON_PRONOUNS.get(pronoun.lower_)
        if gender and len(antecedents) == 1:
            self.genders.setdefault(antecedents[0]["key"], gender)

    def in_plural(self, m: MentionRecord) -> bool:
        """A member of a coordination ('France and Germany') or of a plural reference ('the two'): no
        antecedent of 'it'."""
        root = self.root(m)
        while root.dep_ == "appos" and root.head is not root:
            root = root.head  # "A, B, C and D" read as "A, B (appos), C and D"
        if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
            return True
        # The parser may hang the next item on a word inside the name ("Bank of Avonford, Kestrel and ...").
        inside = range(m["token_start"], m["token_end"])
        if any(
            c.dep_ == "conj" and c.i not in inside for t in self.doc[inside.start : inside.stop] for c in t.children
        ):
            return True
        return len(self.keys_at.get((m["token_start"], m["token_end"]), ())) > 1

    def not_clause_mate(self, accept: Callable[[MentionRecord], bool], token: Token) -> Callable[[MentionRecord], bool]:
        """``accept`` without the entity that is the subject of the reference's own verb: in "Hansen met the
        mayor" or "He sued the company" the object is someone else (a pronoun or description is not its
        clause's subject unless reflexive)."""
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subjects = {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != token.i}
        excluded = {m["key"] for m in self.rooted_at(subjects)}
        if not excluded:
            return accept
        return lambda m: accept(m) and m["key"] not in excluded

    def root(self, m: MentionRecord) -> Token:
        return self.doc[m["token_start"] : m["token_end"]].root

    def in_preposed_adjunct(self, m: MentionRecord, pronoun: Token) -> bool:
        """'Standing next to Mr Lind, he said', 'In a letter to Anna Lind, he wrote': a name that is no
        subject, inside a phrase or non-finite clause put before the clause the pronoun is the subject of,
        is the other party of what the pronoun's referent does there, not the referent."""
        if pronoun.dep_ not in SUBJECT_DEPS:
            return False
        root = self.root(m)
        if root.dep_ in SUBJECT_DEPS or any(c.dep_ == "acl" and c.tag_ == "VBG" for c in root.children):
            # "When Anna Lind arrived, she said", "Despite Acme cutting jobs, it ...": the adjunct's own
            # subject may be.
            return False
        for child in pronoun.head.children:
            if child.i >= pronoun.i or child.dep_ not in ADJUNCT_DEPS:
                continue
            if child.left_edge.i <= root.i <= child.right_edge.i:
                return True
        return False

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

    def singular(
        self, position: int, accept: Callable[[MentionRecord], bool], pronoun: Token | None = None
    ) -> MentionRecord | None:
        """Subject preference, then recency: the nearest subject in the pronoun's sentence, else the
        first subject of an earlier sentence, else the nearest accepted mention."""
        here = self.sentence_of(position)

        def allowed(m: MentionRecord) -> bool:
            return accept(m) and (pronoun is None or not self.in_preposed_adjunct(m, pronoun))

        for group in self.candidates(position, allowed):
            subjects = [m for m in group if self.is_subject(m)]
            if subjects:
                same_sentence = self.sentence_of(group[0]["token_start"]) == here
                return subjects[-1] if same_sentence else subjects[0]
            return group[-1]
        return None

    def groups(self, position: int, accept: Callable[[MentionRecord], bool]) -> list[list[list[MentionRecord]]]:
        """Per sentence before ``position`` (nearest first), the coordinations of two or more accepted
        entities ('Australia and Japan') and the plural references ('they', 'the two countries')."""
        found = []
        for group in self.candidates(position, accept):
            heads: dict[int, list[MentionRecord]] = {}
            for m in group:
                token = self.root(m)
                while token.dep_ == "conj" and token.head is not token:
                    token = token.head
                heads.setdefault(token.i, []).append(m)
            found.append([distinct(members) for members in heads.values() if len({m["key"] for m in members}) >= 2])
        return found

    def coordinated(self, position: int, accept: Callable[[MentionRecord], bool]) -> list[MentionRecord]:
        """The nearest coordination of two or more accepted entities ('Australia and Japan')."""
        for groups in self.groups(position, accept):
            # Subject preference, then recency: "Australia and Japan decided to exclude X and Y from their ...".
            groups.sort(key=lambda ms: (self.is_subject(ms[0]), ms[-1]["token_end"]), reverse=True)
            if groups:
                return groups[0]
        return []

    def group_with(self, position: int, key: str) -> list[MentionRecord]:
        """The nearest coordination or plural reference in the last sentences that includes ``key``'s
        entity: who "we" are when the speaker is one of them ("the two leaders talked ... 'We agreed'")."""
        here = self.sentence_of(position)
        for groups in self.groups(position, lambda m: m["type"] in AGENT_TYPES):
            for group in sorted(groups, key=lambda ms: ms[-1]["token_end"], reverse=True):
                if here - self.sentence_of(group[0]["token_start"]) > PLURAL_WINDOW:
                    return []
                if any(m["key"] == key for m in group):
                    return group
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

    def plural_noun_before(self, pronoun: Token) -> Token | None:
        """The nearest plural noun that is a subject, in the pronoun's sentence before it or in the sentence
        before, and is not a name: "Analysts said ... They", "Iranian authorities arrested ... They"."""
        here = self.sentence_of(pronoun.i)
        start = self.sentence_starts[max(0, here - 1)]
        for token in reversed(self.doc[start : pronoun.i]):
            if token.dep_ in SUBJECT_DEPS and token.tag_ in ("NNS", "NNPS") and token.i not in self.named_tokens:
                return token
        return None

    def institutions_of(self, noun: Token) -> list[MentionRecord]:
        """The country or organisation a plural metonym stands for: "Iranian authorities", "officials
        from Chile and Peru" (the same reading as the relation rules' metonymy)."""
        if noun.lemma_.lower() not in word_list("metonym_heads.txt") and noun.lower_ not in word_list(
            "metonym_heads.txt"
        ):
            return []
        words = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < noun.i]
        words += [
            conjunct
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for conjunct in (pobj, *pobj.conjuncts)
        ]
        at = {t.i for t in words}
        return distinct([m for m in self.rooted_at(at) if m["type"] in INSTITUTION_TYPES and not m.get("coreference")])


def distinct(mentions: list[MentionRecord]) -> list[MentionRecord]:
    seen: dict[str, MentionRecord] = {}
    for m in mentions:
        seen.setdefault(m["key"], m)
    return list(seen.values())


def is_thing(m: MentionRecord) -> bool:
    return m["type"] in INSTITUTION_TYPES


def of_type(entity_type: str) -> Callable[[MentionRecord], bool]:
    """Mentions a description of ``entity_type`` may refer to: that type, or the generic type of its family
    ('the agency' is a government body or an organisation NER could not type, never a company); ``*``:
    any person, country or organisation ('the pair')."""
    if entity_type == "*":
        return lambda m: m["type"] in AGENT_TYPES
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


def person_titles(doc: Doc, named: list[MentionRecord]) -> dict[str, set[str]]:
    """Entity key -> the lowercase words that describe a named person where the text names them: titles
    and nationality before the name ("French President Anna Lind"), an apposition ("Tom Reed, the
    finance minister"; "the finance minister, Tom Reed"), a country after "of" ("President Reed of
    Chile")."""
    found: dict[str, set[str]] = {}
    for m in named:
        if m["type"] != "Person":
            continue
        words = found.setdefault(m["key"], set())
        words.update(w.lower() for w in str(m.get("surface", "")).split())
        root = doc[m["token_start"] : m["token_end"]].root
        words.update(t.lower_ for t in doc[root.left_edge.i : m["token_start"]])
        phrases = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            phrases.append(root.head)
        for phrase in phrases:
            words.update(t.lower_ for t in doc[phrase.left_edge.i : phrase.i + 1])
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                words.update(t.lower_ for t in prep.subtree)
    return found
