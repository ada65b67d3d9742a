"""Types the words around a name give it, over all the mentions of a Doc.

Context rules of the entities component, after each span is classified: a US
state after a US city ('Atlanta, Georgia'), a place with its state or country
('Abilene, Texas': a surface form; a dateline 'FLINT, Mich.' is a place), names
the text treats as people ('Sanders, 45,', 'Dalton, who', a victim, a
surname of a person named in full) or as organisations ('X, which'), and home
places ('a Fargo native').
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from newskg.extractor.evidence import add_cue
from newskg.extractor.gazetteer import lookup_city, us_state_names
from newskg.extractor.lexicon import load_triggers
from newskg.extractor.people import person_role_nouns
from newskg.extractor.schema import MentionRecord, set_entity
from newskg.extractor.type_cues import context_type, known_organizations
from newskg.vocabulary import ORGANIZATION_TYPES


def retype_states(doc: Doc, mentions: list[MentionRecord]) -> None:
    """'Atlanta, Georgia': a US state name after a US city is the state, not the country of that name."""
    starting_at = {m["token_start"]: m for m in mentions if not m.get("coreference")}
    for m in mentions:
        if m["type"] != "City" or m["attributes"].get("gazetteer_country") != "USA":
            continue
        end = m["token_end"]
        if end + 1 < len(doc) and doc[end].text == ",":
            state = starting_at.get(end + 1)
            if state is not None and state["type"] == "Country" and state["text"] in us_state_names():
                set_entity(state, "Region", state["text"], {"gazetteer_country": "USA"})
                add_cue(state, "gazetteer", "Region")


def container_after(doc: Doc, m: MentionRecord, starting_at: dict[int, MentionRecord]) -> MentionRecord | None:
    """The state or country named after a comma: 'Abilene, Texas', 'FLINT, Mich.', 'Graz, Austria'."""
    end = m["token_end"]
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    container = starting_at.get(end + 1)
    if container is None or container["type"] not in ("Country", "Region"):
        return None
    return container


def is_dateline(doc: Doc, m: MentionRecord) -> bool:
    """An all-capitals name opening a sentence: the place of a news dateline ('FLINT, Mich. (AP) _')."""
    text = m["text"]
    return bool(doc[m["token_start"]].is_sent_start) and text.isupper() and any(c.isalpha() for c in text)


def place_names_with_container(doc: Doc, mentions: list[MentionRecord]) -> None:
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
                set_entity(m, "City", city.name, {"geonames": str(city.geonameid)})
            else:
                set_entity(m, "Place", m["text"].title())
            add_cue(m, "place", m["type"])
        if m["type"] in ("City", "Place"):
            m["surface"] = doc[m["token_start"] : container["token_end"]].text


@cache
def killing_words() -> frozenset[tuple[str, str]]:
    """(lemma, POS) of the words that state a killing by themselves ('assassinate', 'murder' as a noun);
    not the verbs that need more words for it ('put X to death', 'take the life of X')."""
    return frozenset(
        key
        for key, rows in load_triggers().items()
        if any(row.relation == "killed" and not row.specific and not row.verbs for row in rows)
    )


def is_victim(token: Token) -> bool:
    """The object of a killing ('assassinated Lincoln', 'the murder of Lincoln'): only people are murdered."""
    if token.dep_ == "dobj":
        return (token.head.lemma_.lower(), "VERB") in killing_words()
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and (head.head.lemma_.lower(), "NOUN") in killing_words()


def is_lone_name(doc: Doc, m: MentionRecord) -> bool:
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


def reads_as_person(doc: Doc, m: MentionRecord) -> bool:
    """A name NER took for an organisation or place that the text treats as a person's.

    "Sanders, 45, was ..." (an age in apposition), "Dalton, who ..." (a relative 'who'),
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


def relative_which(doc: Doc, m: MentionRecord) -> bool:
    """'X, which ...' where the relative clause modifies X itself (not a clause about a whole event)."""
    end = m["token_end"]
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "which":
        return False
    clause = doc[end + 1].head
    return clause.dep_ == "relcl" and clause.head == doc[m["token_start"] : end].root


def retype_people(doc: Doc, mentions: list[MentionRecord]) -> None:
    """Names typed organisation or place that read as people, or are the surname of a person named in full in
    the article ('Chapman said ...' after 'Mark Chapman'), become people; a 'person' that a relative 'which'
    refers to becomes an organisation."""
    surnames = {m["label"].split()[-1] for m in mentions if m["type"] == "Person" and " " in m["label"]}
    for m in mentions:
        if m["type"] == "Person" and relative_which(doc, m):
            # "Hollis Grain, which is based in ...": 'which' never stands for a person.
            set_entity(m, "Organization", m["label"], {})
            m.pop("gender", None)
            add_cue(m, "which", "Organization")
            continue
        if m.get("coreference") or m["type"] not in ("Organization", "Place", "City"):
            continue
        if m["text"] in known_organizations():
            continue
        if (" " not in m["text"] and m["text"] in surnames) or reads_as_person(doc, m):
            set_entity(m, "Person", m["text"], {})
            add_cue(m, "person", "Person")


# Nouns for people that a place name before them makes a place: "a Fargo native", "Tempe residents".
HOME_NOUNS = frozenset({"native", "resident"})


def after_age(doc: Doc, start: int) -> bool:
    """'Daniel Hale, 30, of ...': the hometown slot after a person's age in apposition."""
    if start < 4 or doc[start - 1].lower_ != "of" or doc[start - 2].text != ",":
        return False
    return doc[start - 3].text.isdigit() and doc[start - 4].text == ","


def retype_home_places(doc: Doc, mentions: list[MentionRecord]) -> None:
    """'a Fargo native', 'Daniel Hale, 30, of Boothbay': a name NER took for an organisation that says where
    a person is from is a place."""
    for m in mentions:
        if m.get("coreference") or m["type"] != "Organization" or m["text"] in known_organizations():
            continue
        root = doc[m["token_start"] : m["token_end"]].root
        if (root.dep_ == "compound" and root.head.lemma_.lower() in HOME_NOUNS) or after_age(doc, m["token_start"]):
            city = lookup_city(m["text"])
            if city is not None:
                set_entity(m, "City", city.name, {"geonames": str(city.geonameid)})
            else:
                set_entity(m, "Place", m["label"])
            add_cue(m, "place", m["type"])
