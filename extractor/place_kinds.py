"""Places named with their kind and the larger place that holds them: located_in.

- after "of": "the Bulgarian port of Varna", "Italy's city of Turin", "the Ohio town of Xenia";
- in apposition: "Varna, a Bulgarian port", "Cardiff, the Welsh capital", "the Welsh capital, Cardiff";
- the name as a modifier of its kind: "Iran's Mazandaran province", "the Mazandaran province of Iran".

The larger place is a place name among the kind noun's modifiers or after its "of"; the kind nouns are
``place_class_nouns.txt`` and ``place_part_nouns.txt``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import word_list
from newskg.extractor.syntax import MentionIndex, children, coordinated, left_modifiers, prep_objects
from newskg.extractor.triggers import Candidate
from newskg.vocabulary import TYPE_GROUPS

LOC = TYPE_GROUPS["LOC"]


def kind_of_place(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (
        lemma in word_list("place_class_nouns.txt") or lemma in word_list("place_part_nouns.txt")
    )


def places_at(token: Token, index: MentionIndex) -> list[int]:
    return [m for m in index.at(token) if index.type_of(m) in LOC]


def kind_nouns_of(doc: Doc, place: int, index: MentionIndex) -> list[tuple[Token, bool]]:
    """The kind nouns that name the place, each with whether the place is itself the noun's modifier ("the
    Mazandaran province of Iran", "Iran's Mazandaran province") rather than named after its "of" ("the port
    of Varna")."""
    head = doc[index.heads[place]]
    found: list[tuple[Token, bool]] = []
    first = head
    while first.dep_ == "conj":
        first = first.head  # "the Italian cities of Turin and Genoa"
    if first.dep_ == "pobj" and first.head.lower_ == "of" and kind_of_place(first.head.head):
        found.append((first.head.head, False))
    found += [(t, False) for t in children(head, ("appos",)) if kind_of_place(t)]
    if first.dep_ == "appos" and kind_of_place(first.head):
        found.append((first.head, False))  # "the Welsh capital, Cardiff"
    if head.dep_ in ("compound", "nmod") and kind_of_place(head.head):
        found.append((head.head, True))
    return found


# How large a kind of place is: a container is never smaller than what it holds.
RANKS = {"Country": 3, "Region": 2, "City": 1, "Place": 1}


def container_places(doc: Doc, place: int, index: MentionIndex) -> Iterator[Candidate]:
    """The larger place a place's kind noun names: "the Bulgarian port of Varna" -> Varna located_in Bulgaria.

    "the Ohio town of Xenia", "the US state of Delaware": the modifier holds the place after "of"; but "the
    Mazandaran province of Iran": the place after "of" holds the modifier when it is of a larger kind."""
    place_type = index.type_of(place)
    if place_type not in LOC:
        return
    m = index.mentions[place]
    inside = range(m["token_start"], m["token_end"])
    for noun, modifier in kind_nouns_of(doc, place, index):
        holders = [(t, 0) for t in left_modifiers(noun) if t.i not in inside]
        if modifier:
            holders += [(t, 1) for pobj in prep_objects(noun, ("of", "in")) for t in coordinated(pobj)]
        for holder, larger_by in holders:
            for container in places_at(holder, index):
                container_type = index.type_of(container)
                if container == place or RANKS[container_type] < RANKS[place_type] + larger_by:
                    continue
                if located_kind(place_type, container_type):
                    head = doc[index.heads[place]]
                    yield Candidate(place, container, "located_in", "place-kind", 0.7, noun, head, None)


def located_kind(place_type: str, container_type: str) -> bool:
    """A city or place lies in any larger place, a region in a country or region, a country in a region."""
    if place_type == "Country":
        return container_type == "Region"
    if place_type == "Region":
        return container_type in ("Country", "Region")
    return container_type != "City" or place_type == "Place"
