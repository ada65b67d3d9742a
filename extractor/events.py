"""Event relations from trigger verbs and nouns: who did what to whom.

Each function handles one grammatical frame and yields :class:`Candidate` edges between mention
indexes; :mod:`newskg.extractor.relations` filters, dates and records them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from spacy.attrs import LEMMA, LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import Trigger, Triggers, load_triggers, word_list, word_table
from newskg.extractor.modality import NEGATED, cues, modality_of
from newskg.extractor.syntax import (
    LOC,
    RELATIVE_PRONOUNS,
    MentionIndex,
    agents_of_passive,
    argument_mentions,
    charged_party,
    children,
    coordinated,
    head_mentions,
    is_passive,
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
    making one for every word cost more than the frames themselves. The answer for each pair of lemma and form
    is kept, so a long run looks each word up once.
    """

    def __init__(self, triggers: Triggers) -> None:
        self.words = frozenset(word for word, _ in triggers) | LABELLING_VERBS | REPORTING_VERBS | {"in", "at"}
        self.known: dict[tuple[int, int], bool] = {}

    def starts(self, strings: StringStore, lemma: int, lower: int) -> bool:
        key = (lemma, lower)
        found = self.known.get(key)
        if found is None:
            form = strings[lower]
            found = (
                strings[lemma].lower() in self.words
                or form in self.words
                or (form.endswith("ed") and (form[:-1] in self.words or form[:-2] in self.words))
            )
            self.known[key] = found
        return found

    def tokens(self, doc: Doc) -> Iterator[Token]:
        """The tokens of a Doc that may start a frame, in text order."""
        strings = doc.vocab.strings
        for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
            if self.starts(strings, lemma, lower):
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
# A bare "they" resolved to an earlier list is too loose a guess for a symmetric event between its members;
# "we" in a quotation is resolved only to a group named just before that includes the speaker ("the two
# leaders talked ... 'We agreed,' said X"), which is a reading of the text, not a guess.
PLURAL_PRONOUNS = frozenset({"they", "them"})
# Particles that leave a verb's meaning as it is ("meet up with", "team up with", "buy up").
NEUTRAL_PARTICLES = frozenset({"up"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Verbs of talking whose object is the topic: "A and B discussed trade" is A meeting B.
TOPIC_VERBS = frozenset({"discuss", "negotiate", "renegotiate", "debate"})
# Relations whose target may be the owner of the thing the verb is about ("criticised the BBC's coverage",
# "welcomed Germany's decision", "banned Chinese imports", "attacked the army's positions").
OWNER_RELATIONS = frozenset({"accused", "supported", "threatened", "sanctioned", "excluded", "attacked"})
# ... and where the thing comes from: "banned imports from A, B and C".
ORIGIN_RELATIONS = frozenset({"sanctioned", "excluded"})
# Events that may be the circumstance of what their actor does ("said during a visit to Britain").
CIRCUMSTANCE_RELATIONS = frozenset({"met", "visited"})
CIRCUMSTANCE_PREPOSITIONS = frozenset({"during", "on", "at", "after", "before", "following", "ahead", "in", "for"})
# ... of which these put the event after what its actor did ("said ahead of a visit to X").
FORWARD_PREPOSITIONS = frozenset({"ahead", "before"})
# "While in Paris, ...": the subordinators of a clause that is only a place.
PRESENCE_MARKERS = frozenset({"while", "whilst", "when"})
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
HOSTING_VERBS = frozenset({"host", "organise", "organize", "convene", "chair"})

# Verbs that give their object a name or a quality ("called X a liar", "described X as", "labelled X").
LABELLING_VERBS = frozenset({"call", "describe", "label", "brand", "dub", "term", "denounce", "portray", "paint"})
# Where the name or quality stands in the parse: "called X a liar" (oprd), "labelled X a bully" (npadvmod).
LABEL_DEPS = frozenset({"oprd", "ccomp", "xcomp", "npadvmod", "attr", "acomp"})
# Verbs that report what someone says of someone else (reported_accusations).
REPORTING_VERBS = frozenset(
    {"say", "claim", "allege", "argue", "insist", "suggest", "tell", "add", "complain", "charge", "contend", "maintain"}
)
# Dependencies of clauses inside a clause.
CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "relcl", "acl", "parataxis", "xcomp"})
# Verbs of warning: a threat only when what they say is one (threatening_warning).
WARNING_VERBS = frozenset({"warn", "caution"})
FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "wo"})
# Adverbs that make an attack one of words: "attacked her politically".
VERBAL_ADVERBS = frozenset({"politically", "verbally", "publicly", "personally", "repeatedly"})
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
        subject_tokens, passive = [verb.head], True  # "the US-funded Radio Farda": Radio Farda is funded by the US.
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
    """Where a meeting took place, its parties were: "met X in Geneva", "met X at the conference in Gateshead"
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


def modal_clauses(verb: Token) -> Iterator[Token]:
    """The verbs of a verb's content clause ("warned that X would ...", "warned Y it will ...")."""
    for clause in children(verb, ("ccomp", "xcomp")):
        for token in clause.subtree:
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
                yield token


def threatening_warning(verb: Token, subjects: list[int], index: MentionIndex) -> bool:
    """A warning is a threat when it says what the one who warns will do to the warned: its content has
    the warner as the subject of a future or conditional verb ("warned X it would act if ...", "warned
    that we will strike"), a condition on the warned ("... unless the government backs down"), or it warns
    of a sanction ("warned of legal action", "warned X against reprisals"). A warning of how things are or
    may be is advice ("warned X that the war could be illegal")."""
    if any(noun.lemma_.lower() in word_list("threat_nouns.txt") for noun in prep_objects(verb, ("of", "against"))):
        return True
    warners = {index.mentions[m]["key"] for m in subjects}
    for clause in modal_clauses(verb):
        if any(child.dep_ == "mark" and child.lower_ == "unless" for child in clause.children):
            return True
        future = any(child.dep_ == "aux" and child.lower_ in FUTURE_AUXILIARIES for child in clause.children)
        speakers = {index.mentions[m]["key"] for s in children(clause, ("nsubj",)) for m in argument_mentions(s, index)}
        if future and speakers & warners:
            return True
    return False


def warned_parties(verb: Token) -> list[Token]:
    """Who a warning without an object is addressed to: the subject of its content clause, when it names
    someone ("warned the two were under scrutiny and it would act")."""
    return [s for clause in children(verb, ("ccomp",)) for s in children(clause, ("nsubj", "nsubjpass"))]


def verbal_attack(verb: Token, pair: tuple[int, int], index: MentionIndex) -> bool:
    """An attack in words: on a political party ("attacked the party he once led": parties are attacked
    with words, their offices with bombs), by a party on a person ("Labour attacked Reed"), or said to be
    one ("attacked her politically")."""
    if any(child.dep_ == "advmod" and child.lower_ in VERBAL_ADVERBS for child in verb.children):
        return True
    actor, target = (index.type_of(m) for m in pair)
    return target == "PoliticalParty" or (actor == "PoliticalParty" and target == "Person")


def label_events(verb: Token, index: MentionIndex) -> Iterator[Candidate]:
    """Calling someone an insulting name is an accusation (ACCUSE: denounce): "called X a liar", "described
    X as a disgrace", "labelled X incompetent", "X was branded a traitor by Y". Only a name as the object: "described
    X's sentence as harsh" criticises the sentence, not X."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in LABELLING_VERBS:
        return
    labels = [c for c in verb.children if c.dep_ in LABEL_DEPS] + prep_objects(verb, ("as",))
    words = {
        t.lemma_.lower()
        for label in labels
        for word in coordinated(label)
        for t in (word, *(c for c in word.children if c.dep_ in ("amod", "compound")))
    }
    if not words & word_list("negative_labels.txt"):
        return
    subject_tokens, passive = logical_subjects(verb)
    if passive:
        target_tokens, subject_tokens = subject_tokens, agents_of_passive(verb)
    else:
        target_tokens = children(verb, ("dobj",))
    actors = unique(m for token in subject_tokens for m in argument_mentions(token, index))
    targets = unique(m for token in target_tokens for m in argument_mentions(token, index))
    for actor, target in pairs(actors, targets, False):
        yield Candidate(actor, target, "accused", "verb-label", 0.7, verb, verb, modality_of(verb))


def reported_accusations(verb: Token, index: MentionIndex) -> Iterator[Candidate]:
    """What a speaker says of someone, when it blames them, is an accusation: "the Tories say he is
    surrendering a key veto", '"Reed's appointment of Lind is cronyism," he said', "X said Acme should
    have paid sooner" (a reproach: "should have" and a past participle). Only a content clause whose
    subject (or the owner of its subject: "Reed's appointment") names someone other than the speaker, with
    a word of blame (criticism_words.txt, negative_labels.txt) among its own words or the form of a
    reproach; a negated clause says nothing ("said Acme had not misled anyone")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in REPORTING_VERBS:
        return
    speakers, passive = logical_subjects(verb)
    if passive:
        return
    actors = unique(m for token in speakers for m in argument_mentions(token, index))
    if not actors:
        return
    blame = word_list("criticism_words.txt") | word_list("negative_labels.txt")
    modality = modality_of(verb)
    for clause in children(verb, ("ccomp",)):
        if any(child.dep_ == "neg" for child in clause.children):
            continue
        subject_tokens = children(clause, ("nsubj", "nsubjpass"))
        targets = unique(m for token in subject_tokens for m in argument_mentions(token, index))
        if not targets:
            owners = [p for token in subject_tokens for p in children(token, ("poss",))]
            targets = unique(m for token in owners for m in argument_mentions(token, index))
        if not targets:
            continue
        # Words of names do not blame: "the Criminal Justice Act".
        words = [t for t in own_words(clause) if t.pos_ != "PROPN" and not index.at(t)]
        reproach = any(c.lower_ in ("should", "ought") for c in clause.children) and clause.tag_ == "VBN"
        if not reproach and not any(t.lemma_.lower() in blame or t.lower_ in blame for t in words):
            continue
        for actor, target in pairs(actors, targets, False):
            yield Candidate(actor, target, "accused", "reported-criticism", 0.6, verb, verb, modality)


def own_words(clause: Token) -> list[Token]:
    """The words of a clause without the clauses inside it that have subjects of their own ("said the UK
    would join, but the Tories say he is surrendering": the second clause is not the UK's)."""
    found, stack = [], [clause]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(
            child
            for child in token.children
            if not (child.dep_ in CLAUSE_DEPS and children(child, ("nsubj", "nsubjpass", "expl")))
        )
    return found


def hyphen_agents(verb: Token, index: MentionIndex) -> list[Token]:
    """The name joined by a hyphen to a participle before a noun: "the US-funded radio", "Nato-backed
    forces", "the Kremlin-financed channel" (the name is the participle's agent)."""
    if verb.dep_ != "amod" or verb.tag_ != "VBN" or verb.head.i < verb.i:
        return []
    if verb.i == 0 or verb.doc[verb.i - 1].text not in HYPHENS:
        return []
    return [c for c in verb.lefts if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and index.at(c)]


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
