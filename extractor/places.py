"""Places stated right beside a name: "Nairobi, Kenya" and "Chinese companies Voxtel and Halvex".

- A city followed by a comma and its country or region: ``located_in``
  (:func:`find_locations`, a relation rule), and the country's ISO3 as the city's
  ``country`` attribute (:func:`stated_countries`, run by the clusters component
  once types are final).
- An organisation described by a noun phrase that names a country:
  ``based_in`` (:func:`find_based_in`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from newskg.extractor.schema import MentionRecord, RelationRecord, relation_record
from newskg.extractor.type_cues import context_noun
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
    """'Chinese companies Voxtel and Halvex', 'Norwegian utility Nordlys Energy': an organisation described
    by a noun phrase that names a country is based in that country."""
    countries = {m["token_start"]: index for index, m in enumerate(mentions) if m["type"] == "Country"}
    found = []
    for index, m in enumerate(mentions):
        if m["type"] not in ORGANIZATION_TYPES or m.get("coreference"):
            continue
        noun = context_noun(doc[m["token_start"] : m["token_end"]])
        if noun is None:
            continue
        for i in range(noun.left_edge.i, noun.i):
            country = countries.get(i)
            if country is None or mentions[country].get("coreference"):
                continue
            start = min(noun.left_edge.idx, m["start"])
            end = max(noun.idx + len(noun), m["end"])
            found.append(
                relation_record(index, country, "based_in", "nationality-of-description", 0.8, start, end, noun.sent)
            )
            break
    return found
