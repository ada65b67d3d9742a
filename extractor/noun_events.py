"""Event relations from event nouns: "the union's embargo on X", "talks between A and B", "the Acme
takeover of Widgets".

The actor of an event noun is its possessor, a compound or adjectival modifier, its
own "by" phrase, or the subject of the light verb that governs it ("held talks with",
"imposed an embargo on"); its target is the object of the preposition its lexicon row
names. Yields :class:`~newskg.extractor.triggers.Candidate` edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Token

from newskg.extractor.lexicon import Trigger, Triggers, word_list
from newskg.extractor.modality import NEGATED, cues, modality_of
from newskg.extractor.syntax import (
    MentionIndex,
    agents_of_passive,
    argument_mentions,
    children,
    coordinated,
    head_mentions,
    is_passive,
    logical_subjects,
    prep_objects,
    unique,
)
from newskg.extractor.triggers import HOSTING_VERBS, Candidate, pairs, verb_trigger
from newskg.vocabulary import relation_inventory

# Events that may be the circumstance of what their actor does ("said during a visit to Britain").
CIRCUMSTANCE_RELATIONS = frozenset({"met", "visited"})


CIRCUMSTANCE_PREPOSITIONS = frozenset({"during", "on", "at", "after", "before", "following", "ahead", "in", "for"})


# ... of which these put the event after what its actor did ("said ahead of a visit to X").
FORWARD_PREPOSITIONS = frozenset({"ahead", "before"})


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


def governing_verb(noun: Token) -> tuple[Token | None, str]:
    """The verb a noun is an argument of: its object ("took a stake"), its passive subject ("sanctions
    were imposed"), or the object of its preposition ("engaged in talks", "is at a summit"); a noun
    coordinated with such a noun shares it ("imposed sanctions and an embargo")."""
    first = noun
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN") and first.head != first:
        first = first.head
    head = first.head
    if first.dep_ == "dobj" and head.pos_ in ("VERB", "AUX"):
        return head, "light"
    if first.dep_ == "nsubjpass" and head.pos_ == "VERB":
        return head, "passive"
    if first.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head, "light"
    return None, ""


def circumstance_anchor(noun: Token) -> tuple[Token | None, str]:
    """A visit or a meeting as the circumstance of what someone did: "said during a visit to Britain",
    "spoke after talks with X", "is at a summit in Brussels", "ahead of a trip to Y"."""
    if noun.dep_ != "pobj":
        return None, ""
    prep = noun.head
    verb = prep.head
    if prep.lower_ == "of" and verb.lower_ in ("ahead", "course"):
        prep, verb = verb, verb.head  # "ahead of a visit", "in the course of talks"
        if verb.dep_ == "prep":
            verb = verb.head
    if prep.lower_ not in CIRCUMSTANCE_PREPOSITIONS or verb.pos_ not in ("VERB", "AUX"):
        return None, ""
    return verb, "circumstance"


def is_transfer(verb: Token) -> bool:
    return verb.lemma_.lower() in word_list("transfer_verbs.txt")


def forward(prep: Token) -> bool:
    return prep.lower_ in FORWARD_PREPOSITIONS or (prep.lower_ == "of" and prep.head.lower_ in FORWARD_PREPOSITIONS)


def transfer_recipients(verb: Token) -> list[Token]:
    """Who receives what a verb of giving gives: "sold GM a stake", "sold a stake to GM"."""
    if not is_transfer(verb):
        return []
    return children(verb, ("dative",)) + prep_objects(verb, ("to",))


def divested(phrase: Token, governor: Token | None) -> bool:
    """A stake given away or sold: under a verb of giving, or the object of a sale noun."""
    if governor is not None and is_transfer(governor):
        return True
    head = phrase.head
    return phrase.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in word_list("sale_nouns.txt")


def governor_modality(verb: Token | None) -> str | None:
    """What the verb of a standalone event noun says of it: "cancelled its visit to X" (negated), "did
    not renew its stake", "proposed the takeover of X" (planned)."""
    if verb is None:
        return None
    if any(child.dep_ == "neg" for child in verb.children):
        return NEGATED
    return cues().get(verb.lemma_.lower()) or modality_of(verb)


def named(tokens: list[Token], index: MentionIndex) -> bool:
    return any(argument_mentions(token, index) for token in tokens)


def unique_tokens(tokens: list[Token]) -> list[Token]:
    return list({t.i: t for t in tokens}.values())


def modifier_actors(noun: Token, index: MentionIndex) -> list[Token]:
    """Names inside the noun phrase that act in it: "Ruritanian sanctions", "the Acme takeover", "the
    Fiat-GM alliance", "the US-led invasion" (through the participle)."""
    found = []
    stack = [c for c in noun.lefts if c.dep_ in ("compound", "nmod", "amod")]
    while stack:
        child = stack.pop()
        if index.at(child):
            found.append(child)
        stack.extend(g for g in child.lefts if g.dep_ in ("compound", "nmod", "amod", "npadvmod"))
    return sorted(found, key=lambda t: t.i)


def between_pairs(phrase: Token, index: MentionIndex) -> list[tuple[int, int]]:
    """Who meets whom in "talks between A and B": one side with the other. A side may be several names
    ("between producers and consumers - China, India and Japan"): the names of one side are not paired."""
    sides = [
        unique(head_mentions(conjunct, index))
        for pobj in prep_objects(phrase, ("between",))
        for conjunct in coordinated(pobj)
    ]
    sides = [side for side in sides if side]
    return unique_pairs((a, b) for first, second in combinations(sides, 2) for a in first for b in second if a != b)


def noun_agents(phrase: Token) -> list[Token]:
    """The "by" phrase of an event noun: "the takeover of B by A"; also when the parser hung it on the
    active verb whose object the noun is ("condemned the killing of X by Y": an active verb has no agent)."""
    found = prep_objects(phrase, ("by",))
    head = phrase.head
    if phrase.dep_ == "dobj" and head.pos_ == "VERB" and not is_passive(head):
        found += [t for t in agents_of_passive(head) if t.i > phrase.i]
    return found


def unique_pairs(items: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    return list(dict.fromkeys(items))


@dataclass(frozen=True)
class NounPhrase:
    """An event noun and what it hangs on: the phrase it heads (or modifies, in a compound), the light
    or travel verb of its actor, the verb it is an argument of, and its possessors."""

    noun: Token
    phrase: Token
    light: tuple[Token | None, str]
    governor: tuple[Token | None, str]
    possessors: list[Token]


def noun_events(
    noun: Token, triggers: list[Trigger], index: MentionIndex, verb_triggers: Triggers
) -> Iterator[Candidate]:
    """An event noun: with a light verb ('held talks with X'), or standing alone ('A's takeover of B',
    'the deal between A and B', 'the EU's arms embargo on China')."""
    inventory = relation_inventory()
    # A trigger noun in a compound takes the arguments of the phrase it modifies: "a partnership
    # agreement with X", "the EU sanctions regime against X", "takeover talks with X".
    phrase = noun
    while phrase.dep_ == "compound" and phrase.head.pos_ in ("NOUN", "PROPN") and phrase.head != phrase:
        phrase = phrase.head
    if phrase.dep_ == "appos" and phrase.head.lemma_.lower() in word_list("currency_words.txt"):
        phrase = phrase.head  # "agreed a pounds 1.8bn takeover by X": the amount heads the phrase.
    if index.at(noun) or index.at(phrase):
        return
    if phrase.dep_ in ("dobj", "nsubjpass"):
        # The verb states the event itself: "signed a deal with X", "the pact was signed by X"; a verb of
        # the same PLOVER category says it too ("signed an agreement" is not also "agreed").
        stated = {row.relation for row in verb_trigger(phrase.head, verb_triggers)}
        categories = {inventory[r].plover for r in stated} - {None}
        triggers = [
            row for row in triggers if row.relation not in stated and inventory[row.relation].plover not in categories
        ]
    context = NounPhrase(noun, phrase, nominal_anchor(phrase), governing_verb(phrase), children(phrase, ("poss",)))
    governor = context.governor[0]
    # Rows with their own verbs win when one of their verbs governs the noun ("reached an agreement":
    # agreed, not signed); when they find nothing the noun's plain rows are tried.
    verb = governor.lemma_.lower() if governor is not None else None
    # Rows with modifiers ("disciplinary action", "scathing attack") say most and come first.
    governed = [row for row in triggers if row.verbs and verb in row.verbs]
    modified = [row for row in triggers if row.modifiers and (not row.verbs or verb in row.verbs)]
    plain = [row for row in triggers if not row.modifiers and not row.verbs]
    for rows in (modified, [row for row in governed if not row.modifiers], plain):
        found = [c for row in rows for c in noun_row_events(context, row, index)]
        if found:
            yield from found
            return


def noun_row_events(context: NounPhrase, trigger: Trigger, index: MentionIndex) -> Iterator[Candidate]:
    """The edges one lexicon row gives an event noun."""
    noun, phrase, possessors = context.noun, context.phrase, context.possessors
    preps = trigger.arguments - {"obj"}
    symmetric = relation_inventory()[trigger.relation].symmetric
    if trigger.verbs:
        anchor, how = context.governor
    else:
        anchor, how = context.light
        if anchor is None and trigger.relation in CIRCUMSTANCE_RELATIONS:
            anchor, how = circumstance_anchor(phrase)
    if anchor is None and trigger.anchored:
        return
    if anchor is not None and trigger.relation == "visited" and anchor.lemma_.lower() in HOSTING_VERBS:
        return  # Who hosts a summit in a city is not visiting it.
    partner_tokens = prep_objects(noun, preps - {"between"})
    if phrase != noun:
        partner_tokens += prep_objects(phrase, preps - {"between"})
    # A victim noun's possessor is its target: "Kennedy's assassination".
    if "poss" in preps:
        partner_tokens += possessors
    if anchor is not None:
        if how != "circumstance":
            partner_tokens += prep_objects(anchor, preps - {"between", "of"})
        if how == "passive":
            # "sanctions were imposed by X"; "the acquisition of B by A was completed" (the noun's own "by").
            subject_tokens = agents_of_passive(anchor) or noun_agents(phrase)
        elif how == "blame":
            subject_tokens = children(anchor, ("dobj", "nsubjpass"))
            if anchor.dep_ == "acl":
                # On the culprit's name: "X, sentenced to life for the murder of Y".
                subject_tokens.append(anchor.head)
        elif how == "circumstance" and "poss" not in preps and named(possessors, index):
            subject_tokens = possessors  # "said on his first visit to London": the possessor travels.
        else:
            subject_tokens, _ = logical_subjects(anchor)
        modality = modality_of(noun) or modality_of(phrase) or modality_of(anchor)
        if how == "blame" and modality is None:
            modality = cues().get(anchor.lemma_.lower())  # "arrested for the murder of Y": alleged
        rule, confidence = ("circumstance", 0.65) if how == "circumstance" else ("light-verb", 0.75)
        if how == "circumstance" and modality is None and forward(phrase.head):
            modality = "planned"  # "ahead of a visit to X", "before talks with Y": still to come.
        if trigger.relation == "invested_in" and is_transfer(anchor):
            recipients = transfer_recipients(anchor)
            if not recipients:
                return  # Selling a stake is leaving, not investing: "X sold its stake in Y".
            # "Fiat sold GM a stake": GM invests, in Fiat unless the stake says where ("a stake in X").
            if not any(argument_mentions(token, index) for token in partner_tokens):
                partner_tokens = subject_tokens
            subject_tokens, rule = recipients, "stake-transfer"
    elif trigger.relation == "invested_in" and divested(phrase, context.governor[0]):
        return  # "handed over his stake in X to Y", "the sale of its stake in X": a stake given up.
    else:
        # Standalone nominal: the possessor or by-agent acts ("the EU's embargo", "the takeover of B by A").
        subject_tokens = noun_agents(phrase) + ([] if "poss" in preps else possessors)
        if phrase.dep_ == "ROOT":
            subject_tokens += children(phrase, ("nsubj",))  # A verb the tagger read as a noun: "X bid for Y".
        if not subject_tokens:
            subject_tokens = unique_tokens(modifier_actors(noun, index) + modifier_actors(phrase, index))
        modality = modality_of(noun) or modality_of(phrase) or governor_modality(context.governor[0])
        rule, confidence = "nominal", 0.6
    subjects = unique(m for token in subject_tokens for m in argument_mentions(token, index))
    objects = unique(m for token in partner_tokens for m in argument_mentions(token, index))
    if trigger.reverse:
        # The argument acts on the subject: "won the backing of X", "came under attack from X".
        subjects, objects = objects, subjects
    modality = modality or trigger.modality
    if symmetric and "between" in preps:
        yield from (
            Candidate(a, b, trigger.relation, "nominal-between", 0.65, noun, anchor or noun, modality)
            for a, b in between_pairs(phrase, index)
        )
    for actor, target in pairs(subjects, objects, symmetric):
        yield Candidate(actor, target, trigger.relation, rule, confidence, noun, anchor or noun, modality)
