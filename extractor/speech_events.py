"""Events in words: threats, insults and blame.

A warning is a threat when it says what the warner will do; calling someone an
insulting name is an accusation; what a speaker says of someone, when it blames
them, is an accusation; a verbal attack is told from an armed one. Small functions
over the parse that yield :class:`~newskg.extractor.triggers.Candidate` edges.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from newskg.extractor.lexicon import word_list
from newskg.extractor.modality import modality_of
from newskg.extractor.syntax import (
    MentionIndex,
    agents_of_passive,
    argument_mentions,
    children,
    coordinated,
    logical_subjects,
    prep_objects,
    unique,
)
from newskg.extractor.triggers import LABELLING_VERBS, REPORTING_VERBS, Candidate, pairs

HYPHENS = frozenset({"-", "\u2010", "\u2011"})


# Where the name or quality stands in the parse: "called X a liar" (oprd), "labelled X a bully" (npadvmod).
LABEL_DEPS = frozenset({"oprd", "ccomp", "xcomp", "npadvmod", "attr", "acomp"})


# Dependencies of clauses inside a clause.
CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "relcl", "acl", "parataxis", "xcomp"})


FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "wo"})


# Adverbs that make an attack one of words: "attacked her politically".
VERBAL_ADVERBS = frozenset({"politically", "verbally", "publicly", "personally", "repeatedly"})


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
