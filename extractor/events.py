"""Event relations from trigger verbs: who did what to whom.

Each function handles one grammatical frame of a verb and yields
:class:`~newskg.extractor.triggers.Candidate` edges between mention indexes: the
subject and object of a trigger verb, passives with their agents, coordinated and
shared objects, the arms and forces that stand for their country, shares bought, the
place of a meeting, a plan or bid owned by its noun's owner, being somewhere ("while in
Paris"). Event nouns are in :mod:`newskg.extractor.noun_events`, what is said of
someone in :mod:`newskg.extractor.speech_events`; :mod:`newskg.extractor.relations`
filters, dates and records them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Token

from newskg.extractor.lexicon import Trigger, load_triggers, word_list, word_table
from newskg.extractor.modality import NEGATED, cues, modality_of
from newskg.extractor.noun_events import modifier_actors
from newskg.extractor.speech_events import hyphen_agents, threatening_warning, verbal_attack, warned_parties
from newskg.extractor.syntax import (
    LOC,
    RELATIVE_PRONOUNS,
    MentionIndex,
    agents_of_passive,
    argument_mentions,
    charged_party,
    children,
    coordinated,
    is_passive,
    logical_subjects,
    prep_objects,
    shared_objects,
    unique,
)
from newskg.extractor.triggers import HOSTING_VERBS, Candidate, pairs, particle_token
from newskg.vocabulary import relation_inventory

# A bare "they" resolved to an earlier list is too loose a guess for a symmetric event between its members;
# "we" in a quotation is resolved only to a group named just before that includes the speaker ("the two
# leaders talked ... 'We agreed,' said X"), which is a reading of the text, not a guess.
PLURAL_PRONOUNS = frozenset({"they", "them"})


# Verbs of talking whose object is the topic: "A and B discussed trade" is A meeting B.
TOPIC_VERBS = frozenset({"discuss", "negotiate", "renegotiate", "debate"})


# Relations whose target may be the owner of the thing the verb is about ("criticised the BBC's coverage",
# "welcomed Germany's decision", "banned Chinese imports", "attacked the army's positions").
OWNER_RELATIONS = frozenset({"accused", "supported", "threatened", "sanctioned", "excluded", "attacked"})


# ... and where the thing comes from: "banned imports from A, B and C".
ORIGIN_RELATIONS = frozenset({"sanctioned", "excluded"})


# "While in Paris, ...": the subordinators of a clause that is only a place.
PRESENCE_MARKERS = frozenset({"while", "whilst", "when"})


# Verbs of warning: a threat only when what they say is one (threatening_warning).
WARNING_VERBS = frozenset({"warn", "caution"})


# Relations of owning a share of what the object names.
OWNERSHIP_RELATIONS = frozenset({"acquired", "invested_in"})


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


def owner_mentions(thing: Token, index: MentionIndex, relation: str) -> list[int]:
    """Whose thing a verb of judgement is about: "criticised the BBC's coverage", "welcomed the Commission
    decision", "banned Chinese imports", "attacked Iraqi positions"; for a ban or a sanction also where
    the thing comes from ("banned imports from A, B and C"). People are not things their country or
    employer owns: "helped Chinese immigrants", "praised Smith's son" say nothing of China or Smith."""
    found: list[int] = []
    for noun in coordinated(thing):
        lemma = noun.lemma_.lower()
        if index.at(noun) or noun.pos_ not in ("NOUN", "PROPN") or lemma in word_list("person_nouns.txt"):
            continue
        owners = children(noun, ("poss",))
        if lemma in word_list("stance_nouns.txt") or lemma in word_list("owned_nouns.txt"):
            owners += [c for c in children(noun, ("compound", "amod", "nmod")) if c.i < noun.i]
        if relation in ORIGIN_RELATIONS:
            owners += prep_objects(noun, ("from",))
        named = [m for owner in owners for m in argument_mentions(owner, index)]
        if not named and not owners and lemma in word_list("stance_nouns.txt"):
            named = earlier_owners(noun, index)
        found += named
    return unique(found)


# Sentences back where "the decision" may find the decision named with its owner.
STANCE_WINDOW = 4


def earlier_owners(noun: Token, index: MentionIndex) -> list[int]:
    """'After announcing its decision to drop X, the commission ... Berlin welcomed the decision': a definite
    stance noun with no owner of its own is the one named with its owner a few sentences before (the
    same head noun, the nearest)."""
    if not any(child.dep_ == "det" and child.lower_ in ("the", "this", "that") for child in noun.children):
        return []
    sentence = noun.sent
    start = sentence.start
    for _ in range(STANCE_WINDOW):
        if start == 0:
            break
        start = noun.doc[start - 1].sent.start
    for token in reversed(noun.doc[start : noun.i]):
        if token.lemma_.lower() != noun.lemma_.lower() or token.pos_ != "NOUN":
            continue
        owners = children(token, ("poss",)) + [c for c in children(token, ("compound", "nmod")) if c.i < token.i]
        named = [m for owner in owners for m in argument_mentions(owner, index)]
        if named:
            return named
    return []


def verbal(verb: Token, objects: list[Token]) -> bool:
    """An attack in words: on what someone said or decided ("attacked the government's plans")."""
    return any(t.lemma_.lower() in word_list("stance_nouns.txt") for obj in objects for t in coordinated(obj))


@cache
def event_nouns() -> dict[str, frozenset[str]]:
    """Lemma -> relations of the bundled trigger nouns: objects that name the event ("signed a pact")."""
    return {
        lemma: frozenset(row.relation for row in rows)
        for (lemma, pos), rows in load_triggers().items()
        if pos == "NOUN"
    }


def names_partner(verb: Token, row: Trigger, index: MentionIndex) -> bool:
    preps = row.arguments - {"obj"}
    return bool(preps) and any(argument_mentions(t, index) for t in prep_objects(verb, preps))


def verb_events(verb: Token, triggers: list[Trigger], index: MentionIndex) -> Iterator[Candidate]:
    """A trigger verb with its subject, objects and prepositional partners, in active or passive voice."""
    inventory = relation_inventory()
    subject_tokens, passive = logical_subjects(verb)
    hyphened = hyphen_agents(verb, index)
    if hyphened:
        subject_tokens, passive = [verb.head], True  # "the US-funded Radio Vesna": Radio Vesna is funded by the US.
    modality = modality_of(verb)
    intended = intention_owners(verb, index)
    if intended is not None:
        # "Acme's bid to buy Bolt", "Acme announced a deal to buy Bolt": the owner of the bid acts.
        subject_tokens, passive = intended[0], False
        modality = NEGATED if NEGATED in (modality, intended[1]) else modality or intended[1]
    if modality is None and charged_party(verb):
        modality = "alleged"  # "accused X of crimes, including insulting Y"
    # A named partner after a row's preposition picks that row: "fired at X" is an attack, not a sacking.
    partnered = [row for row in triggers if names_partner(verb, row, index)]
    if partnered:
        relations = {row.relation for row in partnered}
        triggers = [row for row in triggers if row in partnered or row.relation in relations]
    for trigger in triggers:
        preps = trigger.arguments - {"obj"}
        rule = "verb"
        direct = children(verb, ("dobj",))
        particle = particle_token(verb, trigger.particle) if trigger.particle else None
        if particle is not None and particle.dep_ == "dobj":
            direct.remove(particle)  # A fixed object is part of the verb: "opened fire on X".
        elif particle is not None and particle.dep_ in ("prep", "agent"):
            direct += children(particle, ("pobj",))  # "went after X", "took over X" read as a preposition.
        if passive and trigger.takes_object:
            # "AT&T was bought by SBC", "the pact signed by India and Japan".
            object_tokens = subject_tokens
            agent_tokens = agents_of_passive(verb) or hyphened
            rule = "verb-passive"
        else:
            agent_tokens = subject_tokens
            object_tokens = direct if trigger.takes_object else []
        if trigger.relation in OWNERSHIP_RELATIONS:
            # "took over the party leadership", "seized the government": a position or power, not the
            # organisation its holders stand for.
            heads = word_list("metonym_heads.txt") | word_list("force_heads.txt")
            object_tokens = [t for t in object_tokens if t.lemma_.lower() not in heads and t.lower_ not in heads]
        objects = unique(m for token in object_tokens for m in argument_mentions(token, index))
        partner_tokens = prep_objects(verb, preps)
        # Partner on the object noun or the particle: "signed a deal with X", "opened fire on X".
        for obj in [*children(verb, ("dobj",)), *([particle] if particle is not None else [])]:
            partner_tokens += prep_objects(obj, preps)
        objects += [m for token in partner_tokens for m in argument_mentions(token, index) if m not in objects]
        confidence = 0.8
        relation = trigger.relation
        if relation == "acquired" and not objects and not passive:
            # A share of the target: "bought 20% of Bolt", "acquired the rest of Bolt".
            for share, said in share_targets(direct, index):
                objects, relation, rule = [*objects, share], said, "verb-share"
        if not objects and relation in OWNER_RELATIONS and not passive:
            things = (direct if trigger.takes_object else []) + partner_tokens
            objects = unique(m for obj in things for m in owner_mentions(obj, index, relation))
            if objects:
                rule, confidence = "verb-object-owner", 0.65
                if relation == "attacked" and verbal(verb, things):
                    relation = "accused"
        if not objects and trigger.takes_object and not direct:
            shared = unique(m for token in shared_objects(verb) for m in argument_mentions(token, index))
            if shared:
                objects, rule, confidence = shared, "verb-shared-object", 0.6
        subjects = unique(m for token in agent_tokens for m in argument_mentions(token, index))
        if relation == "threatened" and verb.lemma_.lower() in WARNING_VERBS:
            if not threatening_warning(verb, subjects, index):
                continue  # "warned X that the plan could be illegal" is advice, not a threat.
            if not objects:
                # "warned the two they would face fines unless ...": whom the threat's content is about.
                objects = unique(m for token in warned_parties(verb) for m in argument_mentions(token, index))
        if not subjects and relation in INSTRUMENT_RELATIONS:
            subjects = unique(m for token in agent_tokens for m in instrument_users(token, index))
            rule = "verb-instrument"
        if trigger.reverse:
            # The argument acts on the subject: "raised $900m from X" (X invested in the subject).
            subjects, objects = objects, subjects
        if trigger.actor is not None:
            # The actor has a preposition of its own: "sold Y to X", "Y was sold to X" (X acquired Y).
            targets = object_tokens if not passive else subject_tokens
            objects = unique(m for token in targets for m in argument_mentions(token, index))
            subjects = unique(
                m for token in prep_objects(verb, (trigger.actor,)) for m in argument_mentions(token, index)
            )
            rule = "verb-actor"
        if relation == "attacked" and lethal(verb):
            relation = "killed"
        if relation == "appointed" and verb.dep_ == "acl" and not agent_tokens:
            continue  # "a man named Joe Smith" is what he is called, not an appointment.
        symmetric = inventory[relation].symmetric
        if symmetric and not objects:
            topic = verb.lemma_.lower() in TOPIC_VERBS and not trigger.takes_object
            if not topic and any(relation not in event_nouns().get(obj.lemma_.lower(), ()) for obj in direct):
                continue  # "A and B receive aid" is not A meeting B; "A and B signed a pact" is.
            # Names or a plural description relate to each other ("the two leaders talked"); a bare "they"
            # resolved to an earlier list is too loose a guess.
            subjects = [m for m in subjects if str(index.mentions[m]["text"]).lower() not in PLURAL_PRONOUNS]
        met = False
        for actor, target in pairs(subjects, objects, symmetric):
            said = relation
            if relation == "attacked" and verbal_attack(verb, (actor, target), index):
                said = "accused"
            met = met or said == "met"
            yield Candidate(actor, target, said, rule, confidence, verb, verb, modality or trigger.modality)
        if met and verb.lemma_.lower() not in HOSTING_VERBS:  # Who hosts a dinner at home is not visiting it.
            yield from meeting_places(verb, subjects, index, modality or trigger.modality)


def meeting_places(verb: Token, subjects: list[int], index: MentionIndex, modality: str | None) -> Iterator[Candidate]:
    """Where a meeting took place, its parties were: "met X in Geneva", "met X at the conference in Harrogate"
    (the place of the conference too), "A and B met in Lima". Only a named place after "in" or "at" on the
    verb of a meeting found between names."""
    places = prep_objects(verb, ("in", "at"))
    places += [t for place in places for t in prep_objects(place, ("in",))]
    found = unique(m for token in places for m in argument_mentions(token, index) if index.type_of(m) in LOC)
    for actor, place in pairs(subjects, found, False):
        yield Candidate(actor, place, "visited", "meeting-place", 0.6, verb, verb, modality)


def share_targets(objects: list[Token], index: MentionIndex) -> list[tuple[int, str]]:
    """What a bought share is a share of, and what buying it states (share_nouns.tsv): "bought 20% of
    Bolt" (invested_in), "bought the rest of Bolt" (acquired). Only a share noun as the object, with its
    "of" phrase naming the target."""
    table = word_table("share_nouns.tsv")
    found: list[tuple[int, str]] = []
    for obj in objects:
        said = table.get(obj.lower_) or table.get(obj.lemma_.lower())
        if said is not None and any(c.dep_ == "nummod" and c.lower_ == "100" for c in obj.children):
            said = "acquired"  # "bought 100% of Bolt": all of it.
        if said is not None:
            found += [(m, said) for token in prep_objects(obj, ("of",)) for m in argument_mentions(token, index)]
    return found


def intention_owners(verb: Token, index: MentionIndex) -> tuple[list[Token], str] | None:
    """Who would do what an infinitive on a noun of intention names (intention_nouns.tsv), and its
    modality: the noun's possessor ("Acme's bid to buy Bolt"), its "by" phrase, a name before it ("the
    Acme plan to close Bolt"), the subject of a verb that states the noun ("Acme announced a deal to buy
    Bolt", intention_verbs.txt; "a deal to buy Bolt was announced by Acme"), or the subject of the clause
    the noun is the circumstance of ("Acme cut prices in a bid to win Bolt", "Acme is in talks to buy
    Bolt"). A plan abandoned or refused is negated ("Acme dropped its bid to buy Bolt"). None when the
    verb is not such an infinitive; an empty list when no owner is named ("rejected a plan to buy Bolt":
    whoever rejects it does not buy)."""
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or noun.pos_ != "NOUN" or children(verb, ("nsubj", "nsubjpass")):
        return None
    if is_passive(verb) or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    modality = word_table("intention_nouns.tsv").get(noun.lemma_.lower()) or word_table("intention_nouns.tsv").get(
        noun.lower_
    )
    if modality is None:
        return None
    owners = children(noun, ("poss",)) + prep_objects(noun, ("by",)) or modifier_actors(noun, index)
    first = noun
    while first.dep_ == "conj" and first.head.pos_ == "NOUN" and first.head != first:
        first = first.head
    head = first.head
    statement = first.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in word_list("intention_verbs.txt")
    if not owners and statement and first.dep_ == "dobj":
        subjects, passive = logical_subjects(head)
        owners = [] if passive else subjects
    elif not owners and statement:
        owners = agents_of_passive(head)
    elif not owners and first.dep_ == "pobj" and head.lower_ in ("in", "under") and head.head.pos_ in ("VERB", "AUX"):
        owners, passive = logical_subjects(head.head)
        owners = [] if passive else owners
    if statement and (any(c.dep_ == "neg" for c in head.children) or cues().get(head.lemma_.lower()) == NEGATED):
        modality = NEGATED
    return owners, modality


def presence_events(prep: Token, index: MentionIndex) -> Iterator[Candidate]:
    """Being somewhere as a clause of its own: "While in Paris, she toured ...", "when in Rome": the verb's
    subject was in the place."""
    if prep.lower_ not in ("in", "at") or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return
    if not any(child.dep_ == "mark" and child.lower_ in PRESENCE_MARKERS for child in prep.children):
        return
    subjects, _ = logical_subjects(prep.head)
    actors = unique(m for token in subjects for m in argument_mentions(token, index))
    places = unique(m for token in children(prep, ("pobj",)) for m in argument_mentions(token, index))
    for actor, place in pairs(actors, places, False):
        yield Candidate(actor, place, "visited", "presence", 0.7, prep, prep.head, modality_of(prep.head))
