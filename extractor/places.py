"""Places stated right beside a name: "Nairobi, Kenya" and "Chinese companies Voxtel and Halvex".

- A city followed by a comma and its country or region: ``located_in``
  (:func:`find_locations`, a relation rule), and the country's ISO3 as the city's
  ``country`` attribute (:func:`stated_countries`, run by the clusters component
  once types are final).
- An organisation described by a noun phrase that names a country:
  ``based_in`` (:func:`find_based_in`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import word_list
from newskg.extractor.schema import MentionRecord, RelationRecord, relation_record
from newskg.extractor.syntax import nouns
from newskg.extractor.type_cues import context_noun, kind_of
from newskg.vocabulary import ORGANIZATION_TYPES


def city_containers(doc: Doc, mentions: list[MentionRecord]) -> list[tuple[int, int]]:
    """(city, container) mention indexes: 'Nairobi, Kenya', 'in Atlanta, Georgia' (names, not coreference)."""
    starting_at = {m["token_start"]: index for index, m in enumerate(mentions) if not m.get("coreference")}
    found = []
    for index, m in enumerate(mentions):
        end = m["token_end"]
        if m["type"] != "City" or m.get("coreference") or end + 1 >= len(doc) or doc[end].text != ",":
            continue
        container = starting_at.get(end + 1)
        if container is None or mentions[container]["type"] not in ("Country", "Region"):
            continue
        found.append((index, container))
    return found


def stated_countries(doc: Doc, mentions: list[MentionRecord]) -> None:
    """'Graz, Austria': the city gets ``country`` (ISO3) when the text states its country."""
    for city, container in city_containers(doc, mentions):
        place = mentions[container]
        if place["type"] == "Country" and "iso3" in place["attributes"]:
            mentions[city]["attributes"]["country"] = place["attributes"]["iso3"]


def find_locations(doc: Doc, mentions: list[MentionRecord]) -> list[RelationRecord]:
    """'Nairobi, Kenya', 'in Atlanta, Georgia': the text places the city in the country or region after it."""
    found = []
    for city, container in city_containers(doc, mentions):
        m, place = mentions[city], mentions[container]
        sentence = doc[m["token_start"]].sent
        rule = "city-comma-country"
        found.append(relation_record(city, container, "located_in", rule, 0.9, m["start"], place["end"], sentence))
    return found


def find_based_in(doc: Doc, mentions: list[MentionRecord]) -> list[RelationRecord]:
    """'Chinese companies Voxtel and Halvex', 'Norwegian utility Nordlys Energy', and a description of a firm
    named before: 'Halvex ... the Norwegian company', 'Halvex ... the troubled Norwegian power company': an
    organisation described by a noun phrase that names a country is based in that country."""
    countries = {m["token_start"]: index for index, m in enumerate(mentions) if m["type"] == "Country"}
    found = []
    for index, noun, rule, confidence in described_organisations(doc, mentions):
        m = mentions[index]
        for i in range(noun.left_edge.i, noun.i):
            country = countries.get(i)
            if country is None or mentions[country].get("coreference"):
                continue
            start = min(noun.left_edge.idx, m["start"]) if rule == DESCRIBED_BESIDE else noun.left_edge.idx
            end = max(noun.idx + len(noun), m["end"]) if rule == DESCRIBED_BESIDE else noun.idx + len(noun)
            found.append(relation_record(index, country, "based_in", rule, confidence, start, end, noun.sent))
            break
    return found


SUBJECT_DEPS = ("nsubj", "nsubjpass")
DESCRIBED_BESIDE = "nationality-of-description"
DESCRIBED_LATER = "nationality-of-later-description"


def described_organisations(doc: Doc, mentions: list[MentionRecord]) -> list[tuple[int, Token, str, float]]:
    """(organisation mention, kind noun, rule, confidence) of the descriptions of organisations: beside a name
    ("Norwegian utility X"), and a definite description of a firm named before ("the scandal-hit Italian dairy
    company"), whose referent :func:`description_referent` finds (rather than the nearest one of its kind:
    in "X bought Y, the Swedish firm said" the firm is X)."""
    found = []
    named = {i for m in mentions if not m.get("coreference") for i in range(m["token_start"], m["token_end"])}
    for index, m in enumerate(mentions):
        if m["type"] in ORGANIZATION_TYPES and not m.get("coreference"):
            noun = context_noun(doc[m["token_start"] : m["token_end"]])
            if noun is not None:
                found.append((index, noun, DESCRIBED_BESIDE, 0.8))
    for noun in nouns(doc):
        if noun.i in named or kind_of(noun) not in ("Company", "Organization"):
            continue
        if not any(child.dep_ == "det" and child.lower_ == "the" for child in noun.children):
            continue
        referent = description_referent(doc, noun, mentions)
        if referent is not None:
            found.append((referent, noun, DESCRIBED_LATER, 0.6))
    return found


def description_referent(doc: Doc, noun: Token, mentions: list[MentionRecord]) -> int | None:
    """The organisation a definite description refers to: the one organisation named before it in its
    sentence (else, for a subject, in the sentence before), once those it cannot be are set aside. None when
    there are several or none.

    - the arguments of its own verb: an entity is not its own object ("X forced Y to buy the Italian maker");
    - as an object, the subjects of its sentence ("X is to pay Y ... to buy the Italian maker": X would be
      "itself"); as a subject it may well be the main subject ("X sued banks before the Italian company went
      bust");
    - the subject of a reporting verb is who speaks in the report ("X bought Y, the Swedish firm said": X).
    """
    sentence = noun.sent
    verb = noun.head
    clause_heads = {verb.i, verb.head.i} if verb.dep_ in ("xcomp", "ccomp") else {verb.i}
    subject = noun.dep_ in SUBJECT_DEPS
    reported = reported_clauses(noun)
    # The sentence before only for a subject, which goes on with its topic ("X fell. The German company said").
    before = doc[sentence.start - 1].sent if sentence.start and subject else None
    for span in (doc[sentence.start : noun.left_edge.i], before):
        if span is None:
            break
        excluded: set[str] = set()
        candidates: dict[str, int] = {}
        speakers_of: dict[str, int] = {}  # the subjects of the reported clause
        for index, m in enumerate(mentions):
            if m["type"] not in ORGANIZATION_TYPES or not span.start <= m["token_start"] < span.end:
                continue
            root = doc[m["token_start"] : m["token_end"]].root
            same_sentence = span.start == sentence.start
            if same_sentence and root.head.i in clause_heads and root.dep_ in (*SUBJECT_DEPS, "dobj"):
                excluded.add(m["key"])
            if same_sentence and not subject and root.dep_ in SUBJECT_DEPS:
                excluded.add(m["key"])
            candidates.setdefault(m["key"], index)
            if root.dep_ in SUBJECT_DEPS and root.head.i in reported:
                speakers_of.setdefault(m["key"], index)
        if speakers_of:
            return next(iter(speakers_of.values())) if len(speakers_of) == 1 else None
        remaining = [index for key, index in candidates.items() if key not in excluded]
        if candidates:
            return remaining[0] if len(remaining) == 1 else None
    return None


def reported_clauses(noun: Token) -> set[int]:
    """The clauses a speaker reports when the description is the speaker or in it: "X bought Y, the Swedish
    firm said", "X will close a plant, unions at the Italian carmaker said" (the speakers speak of X)."""
    below = noun
    for above in noun.ancestors:
        if above.pos_ in ("VERB", "AUX"):
            if below.dep_ in SUBJECT_DEPS and above.lemma_.lower() in word_list("reporting_verbs.txt"):
                return {c.i for c in above.children if c.dep_ == "ccomp"}
            return set()
        below = above
    return set()
