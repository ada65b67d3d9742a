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
from collections.abc import Callable, Iterator
from functools import cache

from spacy.attrs import LOWER, POS
from spacy.symbols import NOUN, NUM, PRON, PROPN
from spacy.tokens import Doc, Token

from newskg.extractor.gazetteer import lookup_demonym
from newskg.extractor.lexicon import data_rows, data_text, word_list, word_table
from newskg.extractor.quotes import Quote, find_quotes, voice_of
from newskg.extractor.schema import MentionRecord, mention_record
from newskg.vocabulary import AGENT_TYPES, GENERIC_TYPES, INSTITUTION_TYPES, ORGANIZATION_TYPES, type_family

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
# First person inside a quotation: the speaker ("I", "my"), or the speaker's side ("we", "our").
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
# "it" as the dummy subject of these verbs refers to nothing ("it is expected that...", "it seems",
# "it has emerged that ...", "it transpired that ...").
DUMMY_IT_VERBS = frozenset(
    {"be", "seem", "appear", "take", "rain", "matter", "happen", "remain", "emerge", "transpire", "follow"}
)
# Inherently plural descriptions: "the pair", "the duo" (and "the two" standing alone).
PAIR_NOUNS = frozenset({"pair", "duo", "two"})
# Where an adjunct put before a clause may hold the other party of what the clause's subject does.
ADJUNCT_DEPS = frozenset({"advcl", "prep", "npadvmod"})
# Where a number stands as a noun phrase of its own ("the two met", "took the two to court").
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"})
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


def is_dummy_it(token: Token) -> bool:
    """'it' that refers to nothing: not a subject, the subject of 'be'/'seem'..., or of a passive
    reporting verb with a clause ('it is expected that ...')."""
    if token.lower_ != "it":
        return False
    head = token.head
    if token.dep_ not in SUBJECT_DEPS or head.lemma_.lower() in DUMMY_IT_VERBS:
        return True
    return token.dep_ == "nsubjpass" and any(child.dep_ in ("ccomp", "xcomp") for child in head.children)


POSSESSIVES = ("his", "its", "their", "her", "my", "our")


def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.lower_ in POSSESSIVES


# The parts of speech of the words that may refer (pronouns, nouns of descriptions, "the two").
REFERRING_POS = frozenset({PRON, NOUN, PROPN, NUM})


def referring_tokens(doc: Doc) -> Iterator[Token]:
    """The tokens that may be a pronoun or a description, read from the Doc's arrays: a Token object for
    every word of an article cost more than resolving the few that refer."""
    possessives = {doc.vocab.strings.add(word) for word in POSSESSIVES}
    for i, (pos, lower) in enumerate(doc.to_array([POS, LOWER]).tolist()):
        if pos in REFERRING_POS or lower in possessives:
            yield doc[i]


def resolve_pronoun(
    resolver: Resolver, token: Token, allowed: Callable[[MentionRecord], bool] = lambda m: True
) -> list[MentionRecord]:
    """Antecedents of one pronoun among the ``allowed`` mentions: he/she to a person of that gender, it/its
    to a country or organisation, they/their to a coordination of them (or to the country a plural
    metonym before it stands for), unless a plural noun that names nothing is nearer ("Analysts said ...
    they")."""
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        gender = resolver.person_of_gender(PERSON_PRONOUNS[lower])
        found = resolver.singular(token.i, resolver.not_clause_mate(lambda m: allowed(m) and gender(m), token), token)
        return [found] if found else []
    if lower in SINGULAR_THING_PRONOUNS:
        if is_dummy_it(token):
            return []
        accept = resolver.not_clause_mate(lambda m: allowed(m) and is_thing(m) and not resolver.in_plural(m), token)
        found = resolver.singular(token.i, accept, token)
        return [found] if found else []
    if lower in PLURAL_PRONOUNS:
        group = resolver.coordinated(token.i, lambda m: allowed(m) and is_thing(m))
        noun = resolver.plural_noun_before(token)
        if noun is not None and (not group or group[-1]["token_end"] <= noun.i):
            return resolver.institutions_of(noun)
        return group
    return []


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


def speaker_mentions(resolver: Resolver, quote: Quote) -> list[MentionRecord]:
    """The entities a quotation's speaker heads stand for (a name, or a pronoun or description already
    resolved)."""
    heads = set(quote.speaker)
    return distinct(resolver.rooted_at(heads))


def voice_mentions(resolver: Resolver, quote: Quote) -> list[MentionRecord]:
    """The organisation the speaker speaks for: "a spokesman for Acme said", "an Acme statement said"."""
    words = {t.i for head in quote.speaker for t in voice_of(resolver.doc[head])}
    return distinct([m for m in resolver.rooted_at(words) if m["type"] in INSTITUTION_TYPES])


def first_person(resolver: Resolver, token: Token, quote: Quote) -> list[MentionRecord]:
    """'I' and 'my' in a quotation are the speaker (a person); 'we' and 'our' are the organisation a
    spokesman or statement speaks for, the organisation or country that speaks, or, for a person, the
    group with the speaker named just before ("the two leaders talked ... 'We agreed', said X")."""
    speakers = speaker_mentions(resolver, quote)
    if token.lower_ in FIRST_SINGULAR:
        return speakers if len(speakers) == 1 and speakers[0]["type"] == "Person" else []
    voice = voice_mentions(resolver, quote)
    if voice:
        return voice
    if len(speakers) != 1:
        return []
    if speakers[0]["type"] in INSTITUTION_TYPES:
        return speakers
    return resolver.group_with(quote.start, speakers[0]["key"])


def not_one_of(keys: set[str]) -> Callable[[MentionRecord], bool]:
    return lambda m: m["key"] not in keys


def resolve_references(doc: Doc, mentions: list[MentionRecord]) -> list[MentionRecord]:
    """Add mentions for the pronouns and definite descriptions that refer to an entity of the article.

    Two passes: first the narrative (pronouns outside quotations take no antecedent inside one: in
    '"X is there," he said', he is not X) and every description; then, knowing who speaks, the pronouns
    inside quotations (the first person is the speaker; a third person is not)."""
    if not mentions:
        return mentions
    covered = {i for m in mentions for i in range(m["token_start"], m["token_end"])}
    resolver = Resolver(doc, list(mentions))
    quotes = find_quotes(doc)
    quoted = {i: quote for quote in quotes for i in range(quote.start, quote.end)}
    table = descriptions()
    added: list[MentionRecord] = []

    def add(found: list[MentionRecord], token: Token) -> None:
        added.extend(found)
        # Later pronouns may refer back through this one ("he ... his"): the mentions just added join the
        # resolver's, kept in token order (inserted in place; a sort per pronoun made long articles quadratic).
        for m in found:
            resolver.insert(m)
        resolver.learn(token, found)

    def outside(m: MentionRecord) -> bool:
        return m["token_start"] not in quoted

    inside: list[Token] = []  # pronouns inside quotations, resolved once the speakers are known
    for token in referring_tokens(doc):
        if token.i in covered:
            continue
        lower = token.lower_
        if is_pronoun(token):
            if token.i in quoted:
                inside.append(token)
            else:
                add([reference(a, token, token) for a in resolve_pronoun(resolver, token, outside)], token)
            continue
        found = None
        if token.pos_ in ("NOUN", "PROPN"):
            found = resolve_head_match(resolver, token)
        if found is None and token.pos_ == "NOUN" and (lower in table or lower == "two"):
            found = resolve_description(resolver, token)
        elif found is None and lower == "two" and token.pos_ == "NUM" and token.dep_ in NOMINAL_DEPS:
            found = resolve_description(resolver, token)  # "the two" standing alone
        if found:
            start, antecedents = found
            add([reference(antecedent, start, token) for antecedent in antecedents], token)
    for token in inside:
        quote = quoted[token.i]
        if token.lower_ in FIRST_SINGULAR | FIRST_PLURAL:
            antecedents = first_person(resolver, token, quote)
        else:
            # A person does not speak of themself as "he" or "she"; an organisation's statement may name it
            # and call it "it" ('"Acme is convinced its offer is fair," it said').
            speaking = {m["key"] for m in speaker_mentions(resolver, quote) if m["type"] == "Person"}
            antecedents = resolve_pronoun(resolver, token, not_one_of(speaking))
        add([reference(a, token, token) for a in antecedents], token)
    return [*mentions, *added]
