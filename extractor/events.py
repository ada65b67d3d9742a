"""Event relations from trigger verbs and nouns: who did what to whom.

Each function handles one grammatical frame and yields :class:`Candidate` edges between mention
indexes; :mod:`newskg.extractor.relations` filters, dates and records them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Token

from newskg.extractor.lexicon import Trigger, Triggers, word_list
from newskg.extractor.modality import cues, modality_of
from newskg.extractor.syntax import (
    RELATIVE_PRONOUNS,
    MentionIndex,
    agents_of_passive,
    argument_mentions,
    children,
    logical_subjects,
    prep_objects,
    shared_objects,
    unique,
)
from newskg.vocabulary import relation_inventory


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


def verb_trigger(token: Token, triggers: Triggers) -> list[Trigger]:
    """Triggers of a verb, honouring particles ('took over' is not 'took')."""
    if token.pos_ != "VERB":
        return []
    rows = triggers.get((token.lemma_.lower(), "VERB"), [])
    particles = {child.lower_ for child in token.children if child.dep_ == "prt"}
    with_particle = [row for row in rows if row.particle is not None and row.particle in particles]
    return with_particle or [row for row in rows if row.particle is None]


def noun_trigger(token: Token, triggers: Triggers) -> list[Trigger]:
    if token.pos_ not in ("NOUN", "PROPN"):
        return []
    return triggers.get((token.lemma_.lower(), "NOUN"), []) or triggers.get((token.lower_, "NOUN"), [])


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


# Violent events whose grammatical subject may be the weapon: "X fired the shots that killed Y".
INSTRUMENT_RELATIONS = frozenset({"killed", "attacked"})


def instrument_users(token: Token, index: MentionIndex) -> list[int]:
    """Who used the thing a relative clause is about: 'X fired the shots that killed Y' -> X."""
    if token.lower_ not in RELATIVE_PRONOUNS or token.head.dep_ != "relcl":
        return []
    instrument = token.head.head
    if instrument.dep_ != "dobj" or index.at(instrument):
        return []
    users, passive = logical_subjects(instrument.head)
    return [] if passive else unique(m for user in users for m in argument_mentions(user, index))


def lethal(verb: Token) -> bool:
    """An attack that killed: the resultative "shot to death", "shot X dead", "shot dead X" (right after
    the verb, however the parser attached it), or an adverb "fatally shot", "mortally wounded"."""
    if any(t.lemma_.lower() == "death" for t in prep_objects(verb, ("to",))):
        return True
    following = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if any(t.lower_ == "dead" for t in verb.children) or (following is not None and following.lower_ == "dead"):
        return True
    return any(child.dep_ == "advmod" and child.lower_ in word_list("lethal_adverbs.txt") for child in verb.children)


def verb_events(verb: Token, triggers: list[Trigger], index: MentionIndex) -> Iterator[Candidate]:
    """A trigger verb with its subject, objects and prepositional partners, in active or passive voice."""
    inventory = relation_inventory()
    subject_tokens, passive = logical_subjects(verb)
    modality = modality_of(verb)
    for trigger in triggers:
        preps = trigger.arguments - {"obj"}
        object_tokens: list[Token] = []
        rule = "verb"
        if passive and trigger.takes_object:
            # "AT&T was bought by SBC", "the pact signed by India and Japan".
            object_tokens = subject_tokens
            agent_tokens = agents_of_passive(verb)
            rule = "verb-passive"
        else:
            agent_tokens = subject_tokens
            if trigger.takes_object:
                object_tokens = children(verb, ("dobj",))
        objects = unique(m for token in object_tokens for m in argument_mentions(token, index))
        partner_tokens = prep_objects(verb, preps)
        # Partner on the object noun: "signed a deal with X", "had talks with X".
        for obj in children(verb, ("dobj",)):
            partner_tokens += prep_objects(obj, preps)
        objects += [m for token in partner_tokens for m in argument_mentions(token, index) if m not in objects]
        confidence = 0.8
        if not objects and trigger.takes_object and not children(verb, ("dobj",)):
            shared = unique(m for token in shared_objects(verb) for m in argument_mentions(token, index))
            if shared:
                objects, rule, confidence = shared, "verb-shared-object", 0.6
        subjects = unique(m for token in agent_tokens for m in argument_mentions(token, index))
        if not subjects and trigger.relation in INSTRUMENT_RELATIONS:
            subjects = unique(m for token in agent_tokens for m in instrument_users(token, index))
            rule = "verb-instrument"
        relation = trigger.relation
        if relation == "attacked" and lethal(verb):
            relation = "killed"
        symmetric = inventory[relation].symmetric
        for actor, target in pairs(subjects, objects, symmetric):
            yield Candidate(actor, target, relation, rule, confidence, verb, verb, modality)


def nominal_anchor(noun: Token) -> tuple[Token | None, str]:
    """The verb an event noun hangs on and how its actor is found: a light verb ('held talks',
    'has been in consultations'), its passive ('sanctions were imposed by'), or a verb of blame whose
    object or passive subject is the culprit ('X was convicted of the murder of Y')."""
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in word_list("light_verbs.txt"):
        return head, "light"
    if noun.dep_ == "nsubjpass" and head.lemma_.lower() in word_list("light_verbs.txt"):
        return head, "passive"
    if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in ("be", "remain", "engage"):
        return head.head, "light"
    if (
        noun.dep_ == "pobj"
        and head.lower_ in ("for", "on")
        and head.head.lemma_.lower() in word_list("travel_verbs.txt")
    ):
        # The purpose of a journey: "arrived in Nairobi for a state visit to Kenya", "flew in for talks with X".
        return head.head, "light"
    if (
        noun.dep_ == "pobj"
        and head.lower_ in ("of", "for", "with", "in")
        and head.head.lemma_.lower() in word_list("blame_verbs.txt")
    ):
        # "X was arrested in the killing of Y" too.
        return head.head, "blame"
    confessor = confession_verb(noun)
    if confessor is not None:
        return confessor, "light"
    return None, ""


def confession_verb(noun: Token) -> Token | None:
    """The verb by which the subject owns up to an event noun: "X admitted the murder of Y", "X confessed
    to the killing of Y", "X pleaded guilty to the murder of Y" (through the adjective of the plea)."""
    head = noun.head
    if noun.dep_ == "dobj":
        verb = head
    elif noun.dep_ == "pobj" and head.lower_ == "to":
        verb = head.head
        if verb.pos_ == "ADJ" and verb.dep_ in ("acomp", "oprd", "advmod"):
            verb = verb.head
    else:
        return None
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in word_list("confession_verbs.txt") else None


def noun_events(
    noun: Token, triggers: list[Trigger], index: MentionIndex, verb_triggers: Triggers
) -> Iterator[Candidate]:
    """An event noun: with a light verb ('held talks with X'), or standing alone ('A's takeover of B',
    'the deal between A and B', 'the EU's arms embargo on China')."""
    inventory = relation_inventory()
    if index.at(noun):
        return
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass"):
        # The verb states the event itself: "signed a deal with X", "the pact was signed by X".
        stated = {row.relation for row in verb_trigger(head, verb_triggers)}
        triggers = [row for row in triggers if row.relation not in stated]
    anchor, how = nominal_anchor(noun)
    possessors = children(noun, ("poss",))
    for trigger in triggers:
        preps = trigger.arguments - {"obj"}
        symmetric = inventory[trigger.relation].symmetric
        partner_tokens = prep_objects(noun, preps - {"between"})
        # A victim noun's possessor is its target: "Kennedy's assassination".
        if "poss" in preps:
            partner_tokens += possessors
        if anchor is not None:
            partner_tokens += prep_objects(anchor, preps - {"between", "of"})
            if how == "passive":
                subject_tokens = agents_of_passive(anchor)
            elif how == "blame":
                subject_tokens = children(anchor, ("dobj", "nsubjpass"))
                if anchor.dep_ == "acl":
                    # On the culprit's name: "X, sentenced to life for the murder of Y".
                    subject_tokens.append(anchor.head)
            else:
                subject_tokens, _ = logical_subjects(anchor)
            modality = modality_of(noun) or modality_of(anchor)
            if how == "blame" and modality is None:
                modality = cues().get(anchor.lemma_.lower())  # "arrested for the murder of Y": alleged
            rule, confidence = "light-verb", 0.75
        else:
            # Standalone nominal: the possessor or by-agent acts ("the EU's embargo", "the takeover of B by A").
            subject_tokens = prep_objects(noun, ("by",)) + ([] if "poss" in preps else possessors)
            if not subject_tokens:
                subject_tokens = [c for c in children(noun, ("compound", "nmod", "amod")) if index.at(c)]
            modality = modality_of(noun)
            rule, confidence = "nominal", 0.6
        subjects = unique(m for token in subject_tokens for m in argument_mentions(token, index))
        objects = unique(m for token in partner_tokens for m in argument_mentions(token, index))
        between = unique(
            m
            for token in prep_objects(noun, ("between",) if "between" in preps else ())
            for m in argument_mentions(token, index)
        )
        if between and symmetric:
            yield from (
                Candidate(a, b, trigger.relation, "nominal-between", 0.65, noun, anchor or noun, modality)
                for a, b in combinations(between, 2)
            )
        for actor, target in pairs(subjects, objects, symmetric):
            yield Candidate(actor, target, trigger.relation, rule, confidence, noun, anchor or noun, modality)
