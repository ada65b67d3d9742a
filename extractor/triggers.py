"""Where an event frame starts, and what it yields.

A frame starts at a word of the trigger lexicon (:mod:`newskg.extractor.lexicon`): a
verb by its lemma, with the particle or complement its row names ("took over",
"opened fire"), or a noun with the modifiers its row needs ("air strikes");
:class:`TriggerWords` finds those words from the Doc's arrays. A frame yields
:class:`Candidate` edges between mention indexes, :func:`pairs` of its actors and
targets; :mod:`newskg.extractor.relations` filters, dates and records them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from spacy.attrs import LEMMA, LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import Trigger, Triggers
from newskg.extractor.syntax import (
    children,
    is_passive,
    prep_objects,
)


@dataclass(frozen=True)
class Candidate:
    """One proposed edge before type checks; ``anchor`` is the word that carries tense, modality and date."""

    subject: int
    object: int
    predicate: str
    rule: str
    confidence: float
    trigger: Token
    anchor: Token
    modality: str | None


def particle_token(verb: Token, word: str) -> Token | None:
    """The second word of a verb pattern among the verb's dependents: a particle ("took over"), a
    preposition ("went after"), a fixed object ("opened fire"), an adverb ("hit back")."""
    for child in verb.children:
        if child.dep_ in PARTICLE_DEPS and (child.lower_ == word or child.lemma_.lower() == word):
            return child
    return None


def has_complement(verb: Token, words: tuple[str, ...]) -> bool:
    """A complement a pattern needs: one word among the verb's dependents ("hold X responsible"), or a
    preposition with its object ("take X to court", "spend three days in")."""
    if len(words) == 1:
        # The verb's own dependents and those of its object ("poured $2bn into X": "$" hangs on "2bn").
        dependents = [c for c in verb.children if c.dep_ not in SUBJECT_DEPS]
        dependents += [g for c in dependents if c.dep_ == "dobj" for g in c.children]
        return any(t.lemma_.lower() == words[0] or t.lower_ == words[0] for t in dependents)
    return any(t.lemma_.lower() == words[-1] for t in prep_objects(verb, (words[0],)))


def matches(row: Trigger, verb: Token) -> bool:
    if row.particle is not None:
        particle = particle_token(verb, row.particle)
        if particle is None:
            return False
        if particle.dep_ == "prep" and (children(verb, ("dobj",)) or is_passive(verb)):
            return False  # "shot Lincoln at the theatre", "was shot at the station": a place, not "shoot at".
    return not row.needs or any(has_complement(verb, words) for words in row.needs)


def verb_rows(token: Token, triggers: Triggers) -> list[Trigger]:
    """Rows of a verb by its lemma; a regular past form the lemmatizer got wrong ("waged" -> "wag") by
    its stem."""
    rows = triggers.get((token.lemma_.lower(), "VERB"), [])
    if rows or token.tag_ not in ("VBD", "VBN") or not token.lower_.endswith("ed"):
        return rows
    return triggers.get((token.lower_[:-1], "VERB"), []) or triggers.get((token.lower_[:-2], "VERB"), [])


def reads_as_noun(token: Token) -> bool:
    """A plural noun the tagger took for a verb: "the air strikes on X continued", "talks with X"."""
    return (
        token.pos_ == "VERB"
        and token.tag_ == "VBZ"
        and token.dep_ in NOMINAL_DEPS
        and any(child.dep_ in ("det", "compound", "amod", "poss") and child.i < token.i for child in token.children)
    )


class TriggerWords:
    """Which tokens of a Doc can start an event frame, read from the Doc's arrays before any Token is made.

    A frame starts at a word of the lexicon (a verb by its lemma, or a regular past form's stem when the
    lemmatizer got it wrong: :func:`verb_rows`; a noun by its lemma or form: :func:`noun_trigger`), a
    labelling or reporting verb (:func:`label_events`, :func:`reported_accusations`), or the preposition of a
    presence clause (:func:`presence_events`). Other tokens, most of a text, need no Token object at all:
    making one for every word cost more than the frames themselves. Each lemma and each form is looked up once
    and its answer kept, so a long run looks each word up once.
    """

    def __init__(self, triggers: Triggers) -> None:
        self.words = frozenset(word for word, _ in triggers) | LABELLING_VERBS | REPORTING_VERBS | {"in", "at"}
        # Lemmas and forms seen so far, and those of them that start a frame (string hashes).
        self.seen_lemmas: set[int] = set()
        self.seen_forms: set[int] = set()
        self.lemmas: set[int] = set()
        self.forms: set[int] = set()

    def starts_by_lemma(self, lemma: str) -> bool:
        return lemma.lower() in self.words

    def starts_by_form(self, form: str) -> bool:
        return form in self.words or (form.endswith("ed") and (form[:-1] in self.words or form[:-2] in self.words))

    def learn(self, strings: StringStore, lemmas: Iterable[int], forms: Iterable[int]) -> None:
        """Look up the lemmas and forms not seen before: a long run looks each word up once."""
        for lemma in set(lemmas) - self.seen_lemmas:
            self.seen_lemmas.add(lemma)
            if self.starts_by_lemma(strings[lemma]):
                self.lemmas.add(lemma)
        for form in set(forms) - self.seen_forms:
            self.seen_forms.add(form)
            if self.starts_by_form(strings[form]):
                self.forms.add(form)

    def tokens(self, doc: Doc) -> Iterator[Token]:
        """The tokens of a Doc that may start a frame, in text order."""
        values = doc.to_array([LEMMA, LOWER])
        lemmas, forms = values[:, 0].tolist(), values[:, 1].tolist()
        self.learn(doc.vocab.strings, lemmas, forms)
        starting_lemmas, starting_forms = self.lemmas, self.forms
        for i, (lemma, form) in enumerate(zip(lemmas, forms, strict=True)):
            if lemma in starting_lemmas or form in starting_forms:
                yield doc[i]


def verb_trigger(token: Token, triggers: Triggers) -> list[Trigger]:
    """Triggers of a verb; a pattern that names more than the verb wins over the verb alone ('took over'
    is not 'took', 'attacked X for Y' is a verbal attack)."""
    if token.pos_ != "VERB" or reads_as_noun(token):
        return []
    rows = [row for row in verb_rows(token, triggers) if matches(row, token)]
    specific = [row for row in rows if row.specific]
    if specific:
        return specific
    if any(child.dep_ == "prt" and child.lower_ not in NEUTRAL_PARTICLES for child in token.children):
        return []  # A particle no row names changes the verb: "backed down", "struck down", "shot down".
    return rows


def has_modifiers(noun: Token, modifiers: tuple[str, ...]) -> bool:
    """Words a noun pattern needs before the noun, in its own phrase: "air strikes", "legal action"."""
    left = noun.doc[noun.left_edge.i : noun.i]
    before = {t.lower_ for t in left} | {t.lemma_.lower() for t in left}
    return all(word in before for word in modifiers)


def noun_trigger(token: Token, triggers: Triggers) -> list[Trigger]:
    """Rows of a noun whose modifiers it has ("air strikes"); the choice between them is the noun frame's."""
    if token.pos_ not in ("NOUN", "PROPN") and not reads_as_noun(token):
        return []
    rows = triggers.get((token.lemma_.lower(), "NOUN"), []) or triggers.get((token.lower_, "NOUN"), [])
    return [row for row in rows if has_modifiers(token, row.modifiers)]


def pairs(subjects: list[int], objects: list[int], symmetric: bool) -> Iterator[tuple[int, int]]:
    """Subject x object pairs (coordination distributes); a symmetric event with no named partner
    relates its coordinated subjects to each other ('India and Japan finalized a deal')."""
    if objects:
        for subject in subjects:
            for obj in objects:
                if subject != obj:
                    yield subject, obj
    elif symmetric:
        yield from combinations(subjects, 2)


# Dependents that may carry the second word of a verb pattern ("took over", "went after", "opened fire").
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dobj", "acomp", "oprd", "npadvmod", "dative", "agent"})


# Where a noun stands in its clause (a verb form there is a mistagged plural noun).
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "conj"})


# Particles that leave a verb's meaning as it is ("meet up with", "team up with", "buy up").
NEUTRAL_PARTICLES = frozenset({"up"})


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


HOSTING_VERBS = frozenset({"host", "organise", "organize", "convene", "chair"})


# Verbs that give their object a name or a quality ("called X a liar", "described X as", "labelled X").
LABELLING_VERBS = frozenset({"call", "describe", "label", "brand", "dub", "term", "denounce", "portray", "paint"})


# Verbs that report what someone says of someone else (reported_accusations).
REPORTING_VERBS = frozenset(
    {"say", "claim", "allege", "argue", "insist", "suggest", "tell", "add", "complain", "charge", "contend", "maintain"}
)
