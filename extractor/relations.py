"""The ``newskg_relations`` component: who did what to whom, when, and how sure.

Writes ``doc._.newskg_relations``: :class:`~newskg.extractor.schema.RelationRecord`
dicts that point at mentions of ``doc._.newskg_entities`` by index and carry
character offsets of the trigger and the sentence, the rule that found them, a
confidence, a modality and the text of the date expression attached to the event
(resolved later against the article date). Every relation rule runs here, in this
order: roles stated around a person's name (:mod:`newskg.extractor.roles`) and places
stated beside a name (:mod:`newskg.extractor.places`) first, as they say more; then
event frames (:mod:`newskg.extractor.events`) and noun-phrase standing relations
(:mod:`newskg.extractor.standing`); then place chains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newskg.extractor.dates import attached_date, date_entities
from newskg.extractor.events import (
    Candidate,
    TriggerWords,
    label_events,
    noun_events,
    noun_trigger,
    presence_events,
    reported_accusations,
    verb_events,
    verb_trigger,
)
from newskg.extractor.lexicon import load_triggers
from newskg.extractor.modality import NEGATED
from newskg.extractor.places import find_based_in, find_locations
from newskg.extractor.roles import find_roles
from newskg.extractor.schema import MentionRecord, RelationRecord, relation_record
from newskg.extractor.standing import standing_relations
from newskg.extractor.syntax import MentionIndex
from newskg.vocabulary import relation_inventory, relation_types

# A relation found only through a pronoun or description is less sure than one between names.
COREFERENCE_PENALTY = 0.1


# Relations a person's title states; the roles found first say more.
ROLE_PREDICATES = frozenset({"citizen_of", "works_for", "leads", "holds_role"})


class RelationExtractor:
    """Finds trigger verbs and nouns and standing-relation patterns, and links their mentions."""

    def __init__(self, nlp: Language, name: str, lexicons: list[str]) -> None:
        self.name = name
        self.triggers = load_triggers(lexicons)
        self.trigger_words = TriggerWords(self.triggers)
        self.inventory = relation_inventory()
        self.types = relation_types()

    def candidates(self, doc: Doc, index: MentionIndex) -> Iterable[Candidate]:
        # Only the words that can start a frame (a rule added to this loop adds its words to TriggerWords).
        for token in self.trigger_words.tokens(doc):
            if token.dep_ == "prep":
                yield from presence_events(token, index)
            yield from label_events(token, index)
            yield from reported_accusations(token, index)
            verb_rows = verb_trigger(token, self.triggers)
            if verb_rows:
                yield from verb_events(token, verb_rows, index)
                continue
            noun_rows = noun_trigger(token, self.triggers)
            if noun_rows:
                yield from noun_events(token, noun_rows, index, self.triggers)
        yield from standing_relations(doc, index)

    def allowed(self, candidate: Candidate, index: MentionIndex) -> bool:
        subject_types, object_types = self.types.get(candidate.predicate, (None, None))
        if subject_types is None or object_types is None:
            return True
        subject, obj = index.type_of(candidate.subject), index.type_of(candidate.object)
        if subject in subject_types and obj in object_types:
            return True
        # A symmetric relation holds either way round.
        return self.inventory[candidate.predicate].symmetric and obj in subject_types and subject in object_types

    def statement_key(
        self, mentions: list[MentionRecord], subject: int, predicate: str, obj: int, sentence_start: int
    ) -> tuple[str, str, str, int]:
        """Entity keys, not mention indexes: coreference gives one entity several mentions."""
        first, second = mentions[subject]["key"], mentions[obj]["key"]
        if self.inventory[predicate].symmetric and second < first:
            first, second = second, first
        return (first, predicate, second, sentence_start)

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[MentionRecord] = doc._.newskg_entities or []
        relations: list[RelationRecord] = list(doc._.newskg_relations or [])
        # Roles and places stated beside a name come first: they say more than a verb between the same pair.
        relations.extend(find_roles(doc, mentions))
        relations.extend(find_locations(doc, mentions))
        relations.extend(find_based_in(doc, mentions))
        if not mentions:
            doc._.newskg_relations = relations
            return doc
        index = MentionIndex(doc, mentions)
        dates = date_entities(doc)
        stated = {(r["subject"], r["object"]) for r in relations}
        seen = {
            self.statement_key(mentions, r["subject"], r["predicate"], r["object"], r["sentence_start"])
            for r in relations
        }
        for found in self.candidates(doc, index):
            candidate = person_based_in(found, index)
            if candidate.modality == NEGATED or not self.allowed(candidate, index):
                continue
            if candidate.modality and self.inventory[candidate.predicate].kind == "standing":
                continue  # A state only hoped for or planned is not one: "Turkey hopes to join the EU".
            subject, obj = mentions[candidate.subject], mentions[candidate.object]
            if subject["key"] == obj["key"]:
                continue
            if candidate.predicate in ROLE_PREDICATES and (candidate.subject, candidate.object) in stated:
                continue  # A role already says more ("Indian Foreign Minister X", "X, vice president of Y").
            # One statement per pair of entities and sentence, however many rules, words or mentions found it.
            key = self.statement_key(
                mentions, candidate.subject, candidate.predicate, candidate.object, candidate.trigger.sent.start_char
            )
            if key in seen:
                continue
            seen.add(key)
            confidence = candidate.confidence
            if subject.get("coreference") or obj.get("coreference"):
                confidence -= COREFERENCE_PENALTY
            sentence = candidate.trigger.sent
            kind = self.inventory[candidate.predicate].kind
            relations.append(
                relation_record(
                    candidate.subject,
                    candidate.object,
                    candidate.predicate,
                    candidate.rule,
                    round(confidence, 2),
                    candidate.trigger.idx,
                    candidate.trigger.idx + len(candidate.trigger),
                    sentence,
                    modality=candidate.modality,
                    date_text=attached_date(event_anchors(candidate), dates) if kind == "event" else None,
                )
            )
        doc._.newskg_relations = relations + place_chain(relations)
        return doc


def person_based_in(candidate: Candidate, index: MentionIndex) -> Candidate:
    """'a reporter based in Seattle', 'X is based in Y' with a person as X: a person based somewhere lives there."""
    if candidate.predicate == "based_in" and index.type_of(candidate.subject) == "Person":
        return replace(candidate, predicate="lives_in")
    return candidate


# Relations that hold of a place's container too: living in Ocala, Fla. is living in Florida.
CHAINED = frozenset({"lives_in", "based_in", "located_in"})
# Rules that place a place in its container by adjacency ("Ocala, Fla.", "Bedford in southern Indiana"):
# a chain only follows these, not a prepositional phrase the parser may have attached to the wrong noun.
ADJACENT_PLACE_RULES = frozenset({"comma-place", "city-comma-country"})
# A fact inferred through a place is a step less sure than the fact it comes from.
CHAIN_PENALTY = 0.1


def place_chain(relations: list[RelationRecord]) -> list[RelationRecord]:
    """'X lives in Ocala, Fla.', 'X of Franklin Lakes, N.J.', 'a hospital in Gosforth in northeast England':
    the sentence places the object in a larger place, so the subject is there too. Only the same mention
    counts (the place as written in that phrase), not the place named again elsewhere."""
    containers: dict[int, list[RelationRecord]] = {}
    for r in relations:
        if r["predicate"] == "located_in" and r["rule"] in ADJACENT_PLACE_RULES:
            containers.setdefault(r["subject"], []).append(r)
    stated = {(r["subject"], r["predicate"], r["object"]) for r in relations}
    found: list[RelationRecord] = []
    pending = list(relations)
    while pending:
        r = pending.pop()
        if r["predicate"] not in CHAINED:
            continue
        for container in containers.get(r["object"], []):
            key = (r["subject"], r["predicate"], container["object"])
            if container["sentence_start"] != r["sentence_start"] or key in stated or r["subject"] == key[2]:
                continue
            stated.add(key)
            chained = r.copy()
            chained["object"], chained["rule"] = container["object"], "place-chain"
            chained["confidence"] = round(r["confidence"] - CHAIN_PENALTY, 2)
            found.append(chained)
            # A chain goes on up: "a hospital in Gosforth, Tyneside, England".
            pending.append(chained)
    return found


def event_anchors(candidate: Candidate) -> list[Any]:
    """Words a date may hang on: the anchor, then up its control chain ('decided ... to exclude')."""
    anchors = [candidate.anchor, candidate.trigger]
    current = candidate.anchor
    while current.dep_ in ("xcomp", "conj") and current.head != current:
        current = current.head
        anchors.append(current)
    return anchors


@Language.factory(
    "newskg_relations",
    default_config={"lexicons": []},
    assigns=["doc._.newskg_relations"],
    requires=["doc._.newskg_entities", "doc.ents", "doc.sents", "token.pos", "token.dep", "token.lemma"],
    retokenizes=False,
)
def make_relation_extractor(nlp: Language, name: str, lexicons: list[str]) -> RelationExtractor:
    return RelationExtractor(nlp, name, lexicons)
