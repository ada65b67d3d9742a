"""The ``newskg_entities`` component: typed, canonical entity mentions, coreference and roles.

Writes ``doc.spans["newskg_entities"]`` (span label = entity type) and
``doc._.newskg_entities``, a list of plain dicts with character offsets, so that
Docs stay serialisable for ``n_process > 1``. Each mention dict has ``start``,
``end`` (characters), ``token_start``, ``token_end`` (tokens), ``text``,
``type``, ``label`` (canonical name), ``key`` (the entity within the article)
and ``attributes`` (gazetteer facts such as ``iso3``, ``geonames``,
``gazetteer_country``).

Mention conventions that later components rely on:

- Named mentions come first, in text order; mentions found by coreference
  (pronouns, definite descriptions such as "the company") follow them. These,
  and a capital used as an actor ("Beijing closed factories": a mention of
  China, in text order among the named ones), carry ``"coreference": True``
  and the entity's key/label/type. They are mentions, not names, so records do not make them
  aliases.
- A plural description ("the two countries", "both the countries", "they")
  that resolves to several entities is represented as **several mention dicts
  over the same tokens**, one per entity. A token -> mentions map must
  therefore hold a list of mention indexes per token, not one.
- Roles (``holds_role``, ``leads``, ``works_for``, ``citizen_of``) and
  ``located_in`` stated in the text are appended to ``doc._.newskg_relations``
  here (see :mod:`newskg.extractor.roles`); later components append to that list.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newskg.extractor.coref import resolve_name_fragments, resolve_partial_names, resolve_references
from newskg.extractor.gazetteer import (
    City,
    Country,
    countries_by_iso2,
    lookup_capital,
    lookup_city,
    lookup_country,
    lookup_demonym,
    read_table,
    read_words,
    us_state_abbreviations,
    us_state_names,
)
from newskg.extractor.lexicon import data_rows, data_text, load_triggers, word_table
from newskg.extractor.roles import find_locations, find_roles, role_heads, title_modifiers
from newskg.vocabulary import LOCATION_TYPES, ORGANIZATION_TYPES, entity_key, more_specific

SPAN_KEY = "newskg_entities"

if not Doc.has_extension("newskg_entities"):
    Doc.set_extension("newskg_entities", default=None)
if not Doc.has_extension("newskg_relations"):
    Doc.set_extension("newskg_relations", default=None)


@cache
def known_organizations() -> dict[str, tuple[str, str]]:
    """Name -> (type, canonical name) of well-known organisations."""
    return {cells[0]: (cells[1], cells[2]) for _, cells in data_rows(data_text("organizations.tsv"))}


@cache
def organization_keywords() -> list[tuple[str, str]]:
    return read_table("org_keywords.tsv")


@cache
def context_nouns() -> dict[str, str]:
    """Common noun -> the type it gives a name beside it ("company" -> Company)."""
    return {noun.lower(): entity_type for noun, entity_type in read_table("context_nouns.tsv")}


@cache
def person_titles() -> frozenset[str]:
    return frozenset(cells[0] for _, cells in data_rows(data_text("titles.txt")))


@cache
def honorific_genders() -> dict[str, str]:
    return {word.lower(): gender for word, gender in read_table("honorifics.tsv")}


def strip_possessive(span: Span) -> Span:
    """'Japan's' -> 'Japan': the possessive marker is not part of the name."""
    if len(span) > 1 and span[-1].tag_ == "POS":
        return span[:-1]
    return span


def strip_leading_determiner(span: Span) -> Span:
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:]
    return span


@cache
def occupations() -> frozenset[str]:
    """Occupations that only people have ('crude producer Yukos' is a firm, so 'producer' is left out)."""
    return read_words("occupations.txt") - read_words("firm_role_nouns.txt")


def is_name_prefix(token: Token) -> bool:
    """A title or honorific ('Mr', 'President') or a capitalised occupation ('Composer') written before a name."""
    return token.text in person_titles() or (token.is_title and token.lower_ in occupations())


def person_name(span: Span) -> Span:
    """'Prime Minister Tony Blair' -> 'Tony Blair', 'Composer Thomas Smith' -> 'Thomas Smith': titles and
    occupations before the name come off."""
    start = 0
    while start < len(span) - 1 and is_name_prefix(span[start]):
        start += 1
    return span[start:]


def occupation(name: Span) -> str | None:
    """The occupation written right before a name, inside the NER span or not: 'Composer Thomas Smith',
    'rapper Eminem' -> 'composer', 'rapper'."""
    doc = name.doc
    i = name.start - 1
    if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN") and doc[i].lower_ in occupations():
        return doc[i].lower_
    return None


def honorific_gender(doc: Doc, name_start: int) -> str | None:
    """'Mr Blair' is male, 'Ms Okafor' female: the honorific just before the name says so."""
    if name_start > 0:
        return honorific_genders().get(doc[name_start - 1].lower_)
    return None


# Characters NER catches at the edges of a name: 'Rowntree,', 'Henry Paul -', '"Acme'.
EDGE_PUNCTUATION = frozenset(
    {",", ";", ":", "-", "\u2013", "\u2014", "--", "_", "'", '"', "`", "(", "\u2018", "\u2019", "\u201c", "\u201d"}
)
DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
POSSESSIVE_ENDINGS = frozenset({"'s", "\u2019s"})


def is_edge_noise(token: Token) -> bool:
    return token.is_space or token.text in EDGE_PUNCTUATION


def cut_at_open_bracket(span: Span) -> Span:
    """'Green Renewal Party (GRP', 'J Marsh (Wales': an unclosed bracket and what follows
    it are not part of the name."""
    for token in span:
        if token.text == "(" and not any(t.text == ")" for t in span[token.i - span.start :]):
            return span[: token.i - span.start] if token.i > span.start else span[1:]
    return span


def cut_at_spaced_dash(span: Span) -> Span:
    """'Steve McGregor - to', 'Jonathan Kaplan - England': a dash set off by spaces ends the name."""
    for token in span[1:]:
        if token.text in DASHES and token.whitespace_ and token.nbor(-1).whitespace_:
            return span[: token.i - span.start]
    return span


def is_trailing_noise(token: Token, length: int, person: bool) -> bool:
    """Punctuation, a possessive written apart, or (after another word) a lowercase word that is no noun,
    or a number after a person's name (a score: 'Rainer Schuettler 7-5'; names of people end in no digit)."""
    if is_edge_noise(token) or token.lower_ in POSSESSIVE_ENDINGS:
        return True
    if length > 1 and person and any(character.isdigit() for character in token.text):
        return True
    return length > 1 and token.is_lower and token.pos_ not in ("NOUN", "PROPN")


def trim_span(span: Span) -> Span | None:
    """The name inside an NER span, without what NER caught around it (None when nothing is left).

    - whitespace and punctuation at either end: 'Nike\n\n', 'Rowntree,', 'Henry Paul -';
    - a possessive written apart: "EDITOR 'S";
    - an unclosed bracket or a spaced dash and what follows: 'RP (Welfare Party', 'Steve McGregor - to';
    - lowercase words that are no nouns at the end: 'Senate Committee on', 'Pascal Cygan missed'
      (a lowercase noun stays: 'the Asia-Pacific region' is a description the classifier reads);
    - numbers after a person's name: 'Rainer Schuettler 7-5' (organisations keep theirs: 'Channel 4').
    """
    label = span.label_
    span = cut_at_spaced_dash(cut_at_open_bracket(span))
    start, end = span.start, span.end
    doc = span.doc
    while start < end and is_edge_noise(doc[start]):
        start += 1
    while end > start and is_trailing_noise(doc[end - 1], end - start, label == "PERSON"):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=label)


@cache
def name_suffixes() -> frozenset[str]:
    return frozenset(cells[0] for _, cells in data_rows(data_text("name_suffixes.txt")))


def split_name_list(span: Span) -> list[Span]:
    """'Barkley, Hodgson, King', 'Dell, Samsung': NER joined a list of names into one. Split at the commas,
    unless the span has lowercase words ('Ministry of Economy, Trade and Industry') or a part is a suffix of
    the name before it ('Acme, Inc.'). Only names of people and organisations: 'Washington, D.C.' is one."""
    if span.label_ not in ("PERSON", "ORG") or not any(t.text == "," for t in span):
        return [span]
    if any(t.is_lower for t in span):
        return [span]
    parts, start = [], span.start
    for token in span:
        if token.text == ",":
            parts.append(span.doc[start : token.i])
            start = token.i + 1
    parts.append(span.doc[start : span.end])
    if any(len(part) == 0 or part.text in name_suffixes() for part in parts):
        return [span]
    return [Span(span.doc, part.start, part.end, label=span.label_) for part in parts]


@cache
def person_words() -> frozenset[str]:
    """Lowercase words that describe a person without naming one: titles, offices, jobs."""
    return frozenset({t.lower() for t in person_titles()} | role_heads() | occupations() | person_role_nouns())


def is_description_only(span: Span) -> bool:
    """'EDITOR', 'The Chairman', 'Foreign Minister': a title or job with only its modifiers and stopwords,
    no name ('Labor Party' and 'Treasury' have no title word, so they stay).

    A lone capitalised word may still be a surname ('slaying of King'), so a one-word span is kept unless
    it is written in capitals.
    """
    if len(span) == 1 and not span.text.isupper():
        return False
    words = [t.lower_ for t in span if t.is_alpha]
    return any(w in person_words() for w in words) and all(
        w in person_words() or w in title_modifiers() or w in STOP_WORDS for w in words
    )


def is_junk(span: Span) -> bool:
    """Spans that are not names of things: lowercase-led, no capitalised word at all, or only words that
    describe a person ('EDITOR', 'Foreign Minister')."""
    text = span.text
    if not text or (not text[0].isupper() and not text[0].isdigit()):
        return True
    return not any(token.text[:1].isupper() for token in span) or is_description_only(span)


def is_concept(span: Span) -> bool:
    """A concept, field, technology or disease, not an organisation.

    Two tests: the head noun names a concept ("Artificial Intelligence",
    "Critical Information Infrastructure"), or the word after the span shows it
    is one ("COVID-19 pandemic", "5G technology").
    """
    if span.root.lower_ in read_words("concept_heads.txt"):
        return True
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in read_words("concept_context.txt")


def is_title_fragment(span: Span) -> bool:
    """A capitalised title word cut out of an office title: 'State' in 'Secretary of State' (not 'SHP' in
    'leader of SHP')."""
    doc = span.doc
    return (
        len(span) == 1
        and span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in role_heads()
        and span[0].lower_ in title_modifiers()
    )


def is_lowercase_phrase(span: Span) -> bool:
    """An ORG span headed by a lowercase common noun is a description, not a name."""
    return span.root.pos_ == "NOUN" and span.root.text.islower()


def context_noun(span: Span) -> Token | None:
    """The common noun beside a name that says what kind of thing it is.

    Handles "companies Voxtel and Halvex" (apposition to the noun, through
    coordination), "car maker Peugeot" (the noun right before the name), and
    "Kestrel Power, a wind farm operator" (an appositive noun after the name).
    """
    nouns = context_nouns()
    root = span.root
    # Coordination: "Halvex" in "companies Voxtel and Halvex" takes the noun of "Voxtel".
    first = root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first.dep_ in ("appos", "compound", "nmod") and first.head.pos_ == "NOUN" and first.head.lemma_.lower() in nouns:
        return first.head
    # A noun right before the name: "car maker Peugeot", "telecoms company Voxtel".
    if span.start > 0:
        before = span.doc[span.start - 1]
        if before.pos_ == "NOUN" and (before.lemma_.lower() in nouns or before.lower_ in nouns):
            return before
    # An appositive noun after the name: "Kestrel Power, a British wind farm operator".
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.lemma_.lower() in nouns:
            return child
    return None


def context_type(span: Span) -> str | None:
    noun = context_noun(span)
    if noun is None:
        return None
    return context_nouns().get(noun.lemma_.lower()) or context_nouns().get(noun.lower_)


def find_based_in(doc: Doc, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
            sentence = noun.sent
            start = min(noun.left_edge.idx, m["start"])
            found.append(
                {
                    "subject": index,
                    "object": country,
                    "predicate": "based_in",
                    "rule": "nationality-of-description",
                    "confidence": 0.8,
                    "modality": None,
                    "start": start,
                    "end": max(noun.idx + len(noun), m["end"]),
                    "sentence_start": sentence.start_char,
                    "sentence_end": sentence.end_char,
                    "title": None,
                }
            )
            break
    return found


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


def titled_name(name: Span) -> str | None:
    """'President Kennedy', 'Mr. Okafor', 'Composer Thomas Smith': the name with the titles and capitalised
    occupations right before it, as the text wrote it (an alias of the person, never the label)."""
    doc = name.doc
    start = name.start
    while start > 0 and is_name_prefix(doc[start - 1]):
        start -= 1
    return doc[start : name.end].text if start < name.start else None


def person_mention(name: Span) -> dict[str, Any]:
    record = mention(name, "Person", name.text)
    surface = titled_name(name)
    if surface:
        record["surface"] = surface
    gender = honorific_gender(name.doc, name.start)
    if gender:
        record["gender"] = gender
    job = occupation(name)
    if job:
        record["attributes"]["occupation"] = job
    return record


def honorific_led(span: Span) -> Span | None:
    """'Mr Balls' tagged as an organisation or place: a personal honorific makes it a person's name."""
    if len(span) > 1 and span[0].text.lower() in honorific_genders():
        return span[1:]
    if span.start > 0 and span.doc[span.start - 1].lower_ in honorific_genders():
        return span
    return None


def is_lone_common_word(span: Span) -> bool:
    """A lone capitalised kind-of-thing or title word ('Group', 'State', 'Groups') is no name."""
    word = span.text.lower()
    return len(span) == 1 and (
        span[0].lemma_.lower() in context_nouns()
        or word in context_nouns()
        or (word in title_modifiers() and span.text not in dict(organization_keywords()))
    )


def classify(span: Span) -> dict[str, Any] | None:
    """The mention record of one NER span, or None when it is not an entity we keep."""
    span = strip_possessive(span)
    label = span.label_
    if label == "PERSON":
        head_type = name_head_type(span)
        if head_type is not None:
            return named_by_head(span, head_type)
        name = person_name(span)
        if is_junk(name) or is_concept(name):
            return None
        return person_mention(name)
    if label == "NORP":
        country = lookup_demonym(span.text)
        if country is None:
            return None
        return mention(span, "Country", country.name, **country_attributes(country))
    if label in ("GPE", "LOC"):
        span = strip_leading_determiner(span) if label == "LOC" else span
        person = honorific_led(span)
        if person is not None:
            return person_mention(person)
        # A capital that acts ("Washington sanctioned Iran") is its country's government, even where a
        # US state shares its name; as a place it stays a state or city.
        as_country = country_mention(span)
        if as_country is not None:
            return as_country
        if span.text in us_state_names():
            return mention(span, "Region", span.text, gazetteer_country="USA")
        # "Millbrook, Ala.": an AP-style state abbreviation names the state.
        state = us_state_abbreviations().get(span.text)
        if state is not None:
            return mention(span, "Region", state, gazetteer_country="USA")
        # "companies Vodafone and Orange": the noun beside the name outweighs a town of that name.
        found = context_type(span)
        if found in ORGANIZATION_TYPES:
            return mention(span, found, span.text)
        # Datelines write the city in capitals ("SPRINGFIELD, Ill.").
        city = lookup_city(span.text) or (lookup_city(span.text.title()) if span.text.isupper() else None)
        if city is not None and label == "GPE":
            return city_mention(span, city)
        if is_junk(span):
            return None
        return mention(span, "Region" if label == "LOC" else "Place", span.text)
    if label == "FAC":
        return None if is_junk(span) else mention(span, "Place", span.text)
    if label == "ORG":
        return classify_organization(strip_leading_determiner(span))
    return None


def city_mention(span: Span, city: City) -> dict[str, Any]:
    attributes = {"geonames": str(city.geonameid)}
    country = countries_by_iso2().get(city.country_iso2)
    if country is not None:
        attributes["gazetteer_country"] = country.iso3
    return mention(span, "City", city.name, **attributes)


# Kinds of place a name's head word can mark (a country is never named by its head word).
PLACE_TYPES = LOCATION_TYPES - {"Country"}


@cache
def name_heads() -> dict[tuple[str, str], str]:
    """(position, word) -> type: ('last', 'Logistics') -> Company, ('first', 'Fort') -> Place."""
    return {(cells[2], cells[0]): cells[1] for _, cells in data_rows(data_text("name_heads.tsv"))}


def name_head_type(span: Span, first_word: bool = True) -> str | None:
    """The type that the last or (with ``first_word``) first word of a name gives it ('Halvorsen Logistics',
    'Fort Hamilton')."""
    if len(span) < 2:
        return None
    heads = name_heads()
    return heads.get(("last", span[-1].text)) or (heads.get(("first", span[0].text)) if first_word else None)


def named_by_head(span: Span, entity_type: str) -> dict[str, Any] | None:
    """A name NER took for a person's that its head word shows is a place or an organisation
    ('Harbour Hotel', 'Lake Falls', 'Halvorsen Logistics')."""
    if span.text in known_organizations():
        return classify_organization(span)
    if entity_type in ORGANIZATION_TYPES:
        return mention(span, entity_type, span.text)
    city = lookup_city(span.text)
    if city is not None:
        return city_mention(span, city)
    return mention(span, entity_type, span.text)


def classify_organization(span: Span) -> dict[str, Any] | None:
    """An ORG span: a known body, a country or capital in disguise, a typed organisation, or junk."""
    if span.text in known_organizations():
        entity_type, canonical = known_organizations()[span.text]
        return mention(span, entity_type, canonical)
    person = honorific_led(span)
    if person is not None:
        return person_mention(person)
    if is_junk(span) or is_title_fragment(span) or is_concept(span) or is_lone_common_word(span):
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
        return mention(span, found, span.text) if found == "Region" else None
    return country_mention(span) or mention(span, organization_type(span), span.text)


def country_mention(span: Span) -> dict[str, Any] | None:
    """A country named outright, or a capital acting for its country ("Beijing closed factories")."""
    country = lookup_country(span.text)
    if country is not None:
        return mention(span, "Country", country.name, **country_attributes(country))
    capital_of = lookup_capital(span.text)
    if capital_of is not None and is_actor(span.root):
        return metonym(span, capital_of)
    return None


def organization_type(span: Span) -> str:
    """The type of an organisation from its context, then from a keyword in its name."""
    found = context_type(span)
    if found in ORGANIZATION_TYPES:
        return found
    words = span.text.split()
    for keyword, entity_type in organization_keywords():
        if keyword in words:
            return entity_type
    return "Organization"


def metonym(span: Span, country: Country) -> dict[str, Any]:
    """A capital acting for its country's government: a mention of the country, not a new name of it."""
    record = mention(span, "Country", country.name, **country_attributes(country))
    record["coreference"] = True
    record["metonymy"] = True
    return record


def mention(span: Span, entity_type: str, label: str, **attributes: str) -> dict[str, Any]:
    return {
        "start": span.start_char,
        "end": span.end_char,
        "token_start": span.start,
        "token_end": span.end,
        "text": span.text,
        "type": entity_type,
        "label": label,
        "key": entity_key(entity_type, label),
        "attributes": attributes,
    }


def is_parenthesised(doc: Doc, start: int, end: int) -> bool:
    return start > 0 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"


def initials(tokens: list[Token]) -> str:
    return "".join(token.text[0] for token in tokens).lower()


def capitals(text: str) -> str:
    return "".join(c for c in text if c.isupper())


def resolve_acronyms(doc: Doc, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An acronym in parentheses is whatever its expansion is.

    "European Union (EU)": same entity as the kept mention before the bracket;
    "Internet of Things (IoT)": the expansion is not a named thing, so neither is
    the acronym.
    """
    ending_at = {m["token_end"]: m for m in mentions}
    kept = []
    for m in mentions:
        start, end = m["token_start"], m["token_end"]
        if end - start == 1 and is_parenthesised(doc, start, end):
            expansion = ending_at.get(start - 1)
            if expansion is not None and capitals(expansion["text"]) == m["text"].upper():
                m.update(type=expansion["type"], label=expansion["label"], key=expansion["key"])
            else:
                letters = len(m["text"])
                before = [t for t in doc[max(0, start - 1 - letters) : start - 1] if not t.is_punct]
                if initials(before[-letters:]) == m["text"].lower():
                    continue
        kept.append(m)
    return kept


def unify_types(mentions: list[dict[str, Any]]) -> None:
    """Every mention of one name in an article gets the most specific type any of them has."""
    best: dict[str, str] = {}
    for m in mentions:
        best[m["key"]] = more_specific(best.get(m["key"], m["type"]), m["type"])
    for m in mentions:
        m["type"] = best[m["key"]]


def retype_states(doc: Doc, mentions: list[dict[str, Any]]) -> None:
    """'Atlanta, Georgia': a US state name after a US city is the state, not the country of that name."""
    starting_at = {m["token_start"]: m for m in mentions if not m.get("coreference")}
    for m in mentions:
        if m["type"] != "City" or m["attributes"].get("gazetteer_country") != "USA":
            continue
        end = m["token_end"]
        if end + 1 < len(doc) and doc[end].text == ",":
            state = starting_at.get(end + 1)
            if state is not None and state["type"] == "Country" and state["text"] in us_state_names():
                state.update(type="Region", label=state["text"], key=entity_key("Region", state["text"]))
                state["attributes"] = {"gazetteer_country": "USA"}


def container_after(doc: Doc, m: dict[str, Any], starting_at: dict[int, dict[str, Any]]) -> dict[str, Any] | None:
    """The state or country named after a comma: 'Abilene, Texas', 'FLINT, Mich.', 'Graz, Austria'."""
    end = m["token_end"]
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    container = starting_at.get(end + 1)
    if container is None or container["type"] not in ("Country", "Region"):
        return None
    return container


def is_dateline(doc: Doc, m: dict[str, Any]) -> bool:
    """An all-capitals name opening a sentence: the place of a news dateline ('FLINT, Mich. (AP) _')."""
    text = m["text"]
    return doc[m["token_start"]].is_sent_start and text.isupper() and any(c.isalpha() for c in text)


def place_names_with_container(doc: Doc, mentions: list[dict[str, Any]]) -> None:
    """'Abilene, Texas': a place followed by its state or country is written as one name too.

    The place keeps its own label; the longer form becomes its surface alias. A dateline place that
    NER took for an organisation ('FLINT, Mich.') becomes a place.
    """
    starting_at = {m["token_start"]: m for m in mentions if not m.get("coreference")}
    for m in mentions:
        if m.get("coreference"):
            continue
        container = container_after(doc, m, starting_at)
        if container is None:
            continue
        if m["type"] in ORGANIZATION_TYPES and is_dateline(doc, m):
            city = lookup_city(m["text"].title())
            if city is not None:
                m.update(type="City", label=city.name, key=entity_key("City", city.name))
                m["attributes"] = {"geonames": str(city.geonameid)}
            else:
                label = m["text"].title()
                m.update(type="Place", label=label, key=entity_key("Place", label))
        if m["type"] in ("City", "Place"):
            m["surface"] = doc[m["token_start"] : container["token_end"]].text


# Role nouns that only people hold: an organisation may be an "owner" or a "member", not a "spokesman".
PERSON_ONLY_ROLE_RELATIONS = frozenset({"works_for", "killed", "lives_in", "citizen_of"})


@cache
def person_role_nouns() -> frozenset[str]:
    roles = word_table("role_nouns.tsv")
    firm_roles = read_words("firm_role_nouns.txt")
    return frozenset(
        noun for noun, relation in roles.items() if relation in PERSON_ONLY_ROLE_RELATIONS and noun not in firm_roles
    )


@cache
def killing_words() -> frozenset[tuple[str, str]]:
    """(lemma, POS) of the words that state a killing ('assassinate', 'murder' as a noun)."""
    return frozenset(key for key, rows in load_triggers().items() if any(row.relation == "killed" for row in rows))


def is_victim(token: Token) -> bool:
    """The object of a killing ('assassinated Lincoln', 'the murder of Lincoln'): only people are murdered."""
    if token.dep_ == "dobj":
        return (token.head.lemma_.lower(), "VERB") in killing_words()
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and (head.head.lemma_.lower(), "NOUN") in killing_words()


def is_lone_name(doc: Doc, m: dict[str, Any]) -> bool:
    """A one-word name that is neither in a list nor described by a kind of organisation: British English says
    'Sony, IBM and Toshiba, who ...' and 'energy drink company Red Bull, who ...' of firms too."""
    span = doc[m["token_start"] : m["token_end"]]
    root = span.root
    coordinated = root.dep_ == "conj" or any(child.dep_ == "conj" for child in root.children)
    return len(span) == 1 and not coordinated and context_type(span) is None


PERSONAL_SUBJECTS = frozenset({"he", "she"})


def speaks_of_self(root: Token) -> bool:
    """'Henman said he was tired', 'Mason pointed out that he ...': the subject of a verb whose clause has
    'he' or 'she' as its subject is a person (an organisation says 'it')."""
    if root.dep_ != "nsubj":
        return False
    clauses = [child for child in root.head.children if child.dep_ == "ccomp"]
    return any(
        child.dep_ == "nsubj" and child.lower_ in PERSONAL_SUBJECTS for clause in clauses for child in clause.children
    )


def reads_as_person(doc: Doc, m: dict[str, Any]) -> bool:
    """A name NER took for an organisation or place that the text treats as a person's.

    "Sanders, 45, was ..." (an age in apposition), "Campbell, who ..." (a relative 'who'),
    "Tidwell, a retired CIA officer, said" (a person's role noun in apposition), "forest spokeswoman
    Lynette Dane" (a person's job right before the name), "Henman said he ..." (speaks of 'he').
    """
    end = m["token_end"]
    if end + 2 < len(doc) and doc[end].text == ",":
        after = doc[end + 1]
        if after.lower_ == "who" and is_lone_name(doc, m):
            return True
        if after.like_num and after.text.isdigit() and doc[end + 2].text == "," and 0 < int(after.text) < 120:
            return True
    start = m["token_start"]
    if start > 0 and doc[start - 1].pos_ == "NOUN" and doc[start - 1].lower_ in person_role_nouns():
        return True  # A job right before the name: "forest spokeswoman Lynette Dane".
    span = doc[start:end]
    if is_victim(span.root) or speaks_of_self(span.root):
        return True
    return any(
        child.dep_ == "appos" and child.pos_ == "NOUN" and child.lemma_.lower() in person_role_nouns()
        for child in span.root.children
    )


def relative_which(doc: Doc, m: dict[str, Any]) -> bool:
    """'X, which ...' where the relative clause modifies X itself (not a clause about a whole event)."""
    end = m["token_end"]
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "which":
        return False
    clause = doc[end + 1].head
    return clause.dep_ == "relcl" and clause.head == doc[m["token_start"] : end].root


def retype_people(doc: Doc, mentions: list[dict[str, Any]]) -> None:
    """Names typed organisation or place that read as people, or are the surname of a person named in full in
    the article ('Chapman said ...' after 'Mark Chapman'), become people; a 'person' that a relative 'which'
    refers to becomes an organisation."""
    surnames = {m["label"].split()[-1] for m in mentions if m["type"] == "Person" and " " in m["label"]}
    for m in mentions:
        if m["type"] == "Person" and relative_which(doc, m):
            # "Hollis Grain, which is based in ...": 'which' never stands for a person.
            m.update(type="Organization", key=entity_key("Organization", m["label"]), attributes={})
            m.pop("gender", None)
            continue
        if m.get("coreference") or m["type"] not in ("Organization", "Place", "City"):
            continue
        if m["text"] in known_organizations():
            continue
        if (" " not in m["text"] and m["text"] in surnames) or reads_as_person(doc, m):
            m.update(type="Person", label=m["text"], key=entity_key("Person", m["text"]), attributes={})


def is_capitalised_name(tokens: Span) -> bool:
    """A name that opens with a word in capitals, as source lines write outlets ('ITAR-TASS', 'BANGKOK POST',
    'XINHUA Domestic Service')."""
    first = tokens[0].text
    letters = [c for c in first if c.isalpha()]
    return len(letters) >= 3 and first.isupper()


def split_source_line(span: Span) -> list[Span]:
    """'Moscow ITAR-TASS', 'Bangkok BANGKOK POST': a source line names a city in ordinary case and then the
    outlet in capitals; NER reads them as one name. Split them into the city (GPE) and the outlet (ORG)."""
    for cut in range(1, min(len(span), 4)):
        city, outlet = span[:cut], span[cut:]
        if (
            not city.text.isupper()
            and lookup_city(city.text) is not None
            and is_capitalised_name(outlet)
            and outlet.text not in us_state_abbreviations()
        ):
            doc = span.doc
            return [Span(doc, city.start, city.end, label="GPE"), Span(doc, outlet.start, outlet.end, label="ORG")]
    return [span]


def split_nationality(span: Span) -> list[Span]:
    """'Belgian Kim Gevaert', 'Russian Irina Shevchenko': NER took a nationality into a person's name (as PERSON
    or NORP). Split it into the nationality (NORP) and the name (PERSON), so that the name is the person's and
    the nationality says where the person is from. A NORP span needs two capitalised words after the
    nationality ('British Muslim' is one group)."""
    if span.label_ not in ("PERSON", "NORP") or len(span) < 2 or lookup_demonym(span[0].text) is None:
        return [span]
    rest = span[1:]
    if not all(token.is_title for token in rest) or (span.label_ == "NORP" and len(rest) < 2):
        return [span]
    if any(lookup_demonym(token.text) is not None for token in rest):
        return [span]
    doc = span.doc
    return [Span(doc, span.start, span.start + 1, label="NORP"), Span(doc, rest.start, rest.end, label="PERSON")]


# Nouns for people that a place name before them makes a place: "a Fargo native", "Tempe residents".
HOME_NOUNS = frozenset({"native", "resident"})


def after_age(doc: Doc, start: int) -> bool:
    """'Daniel Hale, 30, of ...': the hometown slot after a person's age in apposition."""
    if start < 4 or doc[start - 1].lower_ != "of" or doc[start - 2].text != ",":
        return False
    return doc[start - 3].text.isdigit() and doc[start - 4].text == ","


def retype_home_places(doc: Doc, mentions: list[dict[str, Any]]) -> None:
    """'a Fargo native', 'Daniel Hale, 30, of Boothbay': a name NER took for an organisation that says where
    a person is from is a place."""
    for m in mentions:
        if m.get("coreference") or m["type"] != "Organization" or m["text"] in known_organizations():
            continue
        root = doc[m["token_start"] : m["token_end"]].root
        if (root.dep_ == "compound" and root.head.lemma_.lower() in HOME_NOUNS) or after_age(doc, m["token_start"]):
            city = lookup_city(m["text"])
            if city is not None:
                m.update(type="City", label=city.name, key=entity_key("City", city.name))
                m["attributes"] = {"geonames": str(city.geonameid)}
            else:
                m.update(type="Place", key=entity_key("Place", m["label"]))


class EntityRecognizer:
    """Turns spaCy's NER spans into typed, canonical newskg mentions, then resolves references and roles."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            part
            for span in doc.ents
            for trimmed in [trim_span(span)]
            if trimmed is not None
            for listed in split_name_list(trimmed)
            for named in split_nationality(listed)
            for part in split_source_line(named)
        ]
        mentions = [m for m in (classify(span) for span in spans) if m is not None]
        mentions = resolve_acronyms(doc, mentions)
        retype_states(doc, mentions)
        place_names_with_container(doc, mentions)
        retype_people(doc, mentions)
        retype_home_places(doc, mentions)
        mentions = resolve_name_fragments(doc, mentions)
        resolve_partial_names(mentions)
        unify_types(mentions)
        mentions = resolve_references(doc, mentions)
        relations: list[dict[str, Any]] = list(doc._.newskg_relations or [])
        relations.extend(find_roles(doc, mentions))
        relations.extend(find_locations(doc, mentions))
        relations.extend(find_based_in(doc, mentions))
        doc._.newskg_entities = mentions
        doc._.newskg_relations = relations
        doc.spans[SPAN_KEY] = [Span(doc, m["token_start"], m["token_end"], label=m["type"]) for m in mentions]
        return doc


@Language.factory("newskg_entities", default_config={})
def make_entity_recognizer(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, name)
