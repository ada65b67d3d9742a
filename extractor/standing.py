"""Standing relations stated by noun-phrase structure rather than by a verb.

- based_in / citizen_of / lives_in from a place modifying a name: "Chinese companies Voxtel and Halvex",
  "the Toronto company X", "Aberdeen-based X", "X, a British wind farm operator".
- works_for / leads / killed / lives_in / member_of from a role noun beside a person
  (:mod:`newskg.extractor.role_nouns`).
- affiliation by preposition: "X of Y", "X at Y", "X from Y", "X, a nurse in Y", "X is a town in Y"; a place
  phrase right after an organisation hung on the noun before it ("scientists at X in Y").
- located_in / based_in by apposition and copula: "X, Ohio", "X in Y", "Y is in Z", "Bedford in southern
  Indiana"; a person's home by copula: "X is from Y".
- lives_in / based_in from a noun of home or seat: "X's hometown of Y", "X's headquarters is in Y".
- a birthplace written before "born": "Ohio born X", "X, Ohio born, said".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newskg.extractor.describing import descriptors, in_role_phrase, role_word
from newskg.extractor.events import Candidate
from newskg.extractor.lexicon import word_list, word_table
from newskg.extractor.memberships import memberships, named_after
from newskg.extractor.place_kinds import container_places
from newskg.extractor.role_nouns import role_relations
from newskg.extractor.schema import MentionRecord
from newskg.extractor.syntax import (
    MentionIndex,
    argument_mentions,
    children,
    coordinated,
    head_mentions,
    left_modifiers,
    prep_objects,
    tokens_with_lemma,
)
from newskg.vocabulary import TYPE_GROUPS

ORG = TYPE_GROUPS["ORG"]
LOC = TYPE_GROUPS["LOC"]


def place_relation(subject_type: str, place_type: str) -> str | None:
    """The standing relation between a named thing and a place that characterises it."""
    if subject_type == "Country" and place_type == "Region":
        return "located_in"
    if subject_type in ORG:
        return "based_in"
    if subject_type == "Person":
        return "citizen_of" if place_type == "Country" else "lives_in"
    if subject_type in LOC and subject_type != "Country":
        return "located_in"
    return None


def modifier_places(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """A place in the noun phrase of a name: 'Chinese companies Voxtel', 'Aberdeen-based Kestrel'."""
    m = index.mentions[mention]
    head = doc[index.heads[mention]]
    inside = range(m["token_start"], m["token_end"])
    nouns = descriptors(head)
    before = doc[m["token_start"] - 1] if m["token_start"] > 0 else None
    if before is not None and before.pos_ == "NOUN" and before not in nouns:
        # The description right before the name, however the parser attached it ("Chinese firms X and Y").
        nouns.append(before)
    first = head
    while first.dep_ == "conj":
        first = first.head
    if first != head and index.at(first) and not own_description(doc, m):
        # A later name in a list shares the description of the first ("firms Lenovo and Xiaomi"), unless it
        # has its own ("Scottish actor X, Oscar nominee Y and Australian star Z": Y is not Scottish).
        nouns += [t for t in descriptors(first)[1:] if t not in nouns]
        start = index.mentions[index.at(first)[0]]["token_start"]
        if start > 0 and doc[start - 1].pos_ == "NOUN" and doc[start - 1] not in nouns:
            nouns.append(doc[start - 1])
    person = index.type_of(mention) == "Person"
    if person and any(noun.lemma_.lower() in place_classes() for noun in nouns):
        return  # "the island X" is no person, whatever the entity's type says.
    for descriptor in nouns:
        if descriptor != head and index.at(descriptor) and descriptor.i not in inside:
            continue  # An apposition that is another name is not a description.
        if descriptor == head.head and in_role_phrase(head):
            continue  # A person's role: in "the Swedish U.N. mediator" the place is the mediator's, not the UN's.
        if person and owned_role(descriptor, index):
            continue  # "Acme's UK head of tax": the place is the role's scope at the firm, not the person's home.
        for modifier in description_modifiers(descriptor):
            if modifier.i in inside:
                continue
            for place in index.at(modifier):
                place_type = index.type_of(place)
                relation = place_relation(index.type_of(mention), place_type)
                if not relation or place_type not in LOC or in_prepositional_phrase(doc, index.mentions[place], index):
                    continue
                # The words between the place and what it describes: "Tunisian side X", "Leeds fan X".
                last = m["token_start"] if descriptor == head else descriptor.i + 1
                described = [t for t in doc[index.mentions[place]["token_end"] : last] if t.i not in inside]
                if relation == "lives_in" and not home_modifier(described, place_type):
                    continue
                if relation == "located_in" and any(sport_noun(t) for t in described):
                    continue  # "the Tunisian side X" is a club, not a place.
                yield Candidate(mention, place, relation, "place-modifier", 0.7, modifier, head, None)


def description_modifiers(descriptor: Token) -> list[Token]:
    """The left modifiers of a description, but not those of a coordinated description inside it (in "the
    Newport-based athlete and team-mates X" the athlete is someone else than X) nor a name listed with it."""
    return [
        t
        for t in left_modifiers(descriptor)
        if not any(a.pos_ == "NOUN" and children(a, ("conj",)) for a in ancestors_below(t, descriptor))
        # A name coordinated with the described one is not its modifier: "defeats in Lyon and Nice".
        and not (t.head == descriptor and children(t, ("cc",)) and t.pos_ == "PROPN")
    ]


def ancestors_below(token: Token, top: Token) -> list[Token]:
    """The token and its ancestors up to, not including, ``top``."""
    found = [token]
    while found[-1].head != top and found[-1].head != found[-1]:
        found.append(found[-1].head)
    return found


def home_modifier(described: list[Token], place_type: str) -> bool:
    """A city or region before a person's description says where they live ("Atlanta businessman X", "Ohio's
    governor X"), except before the nouns of sport (``described``: the words between the place and the name;
    "Liverpool striker X", "Leeds fan X": the place names a club). A place of no known kind ("Place") is as
    often a club, firm or event named after it."""
    if place_type not in ("City", "Region"):
        return False
    return not any(sport_noun(t) for t in described)


def sport_noun(token: Token) -> bool:
    return role_word(token) in word_list("team_nouns.txt") or token.lemma_.lower() in word_list("team_nouns.txt")


def owned_role(descriptor: Token, index: MentionIndex) -> bool:
    """A role noun that an organisation owns by a possessive or a compound ("Acme's UK head", "the Acme UK
    chief")."""
    if role_word(descriptor) not in word_table("role_nouns.tsv"):
        return False
    owners = children(descriptor, ("poss", "compound", "nmod"))
    return any(index.type_of(m) in ORG for owner in owners for m in index.at(owner))


def in_prepositional_phrase(doc: Doc, place: MentionRecord, index: MentionIndex) -> bool:
    """A place right after a preposition and right before another name belongs to the preposition, whatever
    the parser made of it: "at the fair in Lyon Acme boss X said" (X does not live in Lyon)."""
    start, end = place["token_start"], place["token_end"]
    if start == 0 or end >= len(doc) or doc[start - 1].pos_ != "ADP":
        return False
    return any(index.mentions[m]["token_start"] == end for m in index.at(doc[end]))


def own_description(doc: Doc, mention: MentionRecord) -> bool:
    """A common noun, adjective or possessive right before the name ("nominee X", "Australian star X",
    "Kenya's X")."""
    start = mention["token_start"]
    return start > 0 and (doc[start - 1].pos_ in ("NOUN", "ADJ") or doc[start - 1].tag_ == "POS")


def preposition_affiliations(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """'X of Y', 'X at Y', 'X in Y', 'X from Y' on a name: a person's employer or home, an
    organisation's or place's location."""
    head = doc[index.heads[mention]]
    subject_type = index.type_of(mention)
    # Also on a description in apposition, "X, a Republican from Chicago", or after a copula, "X is a town in Y".
    nouns = [head, *(t for t in descriptors(head)[1:] + predicate_nouns(head) if not index.at(t))]
    preps = [(p, noun) for noun in nouns for p in children(noun, ("prep",))]
    # A phrase set off after a list is the list's, whichever name the parser hung it on.
    preps += [(p, head) for p in closing_phrases(head)]
    for prep, on in preps:
        word = prep.lower_
        if gapped_phrase(prep, on):
            continue
        for pobj in children(prep, ("pobj",)):
            # No distribution over coordination: "Kabul in Afghanistan and Pyongyang in North Korea".
            for obj in head_mentions(pobj, index):
                obj_type = index.type_of(obj)
                if subject_type == "Person" and obj_type in ORG and word in ("of", "at") and on == head:
                    yield Candidate(mention, obj, "works_for", "prep-affiliation", 0.6, prep, head, None)
                elif obj_type in LOC and word in place_prepositions(subject_type, apposed(on, head)):
                    if subject_type == "Person" and sport_noun(on):
                        continue  # "X, a try-scorer in Rome": where X played.
                    if on != head and obj_type == "Country" and (subject_type == "Person" or not apposed(on, head)):
                        # "X, the President of the United States" is a role, not a home; "the Lions tour of
                        # New Zealand" is not where the Lions are.
                        continue
                    if subject_type in ORG and word == "in" and on == head and wide_place(index, obj):
                        continue  # "Acme in Europe": where it works, not where it sits (but "X, a bank in Ohio").
                    relation = place_relation(subject_type, obj_type)
                    if relation and (subject_type != "Country" or country_in_region(prep, head, obj_type)):
                        yield Candidate(mention, obj, relation, "prep-place", 0.6, prep, head, None)


def place_after(doc: Doc, organisation: Token, holder: Token, index: MentionIndex) -> list[int]:
    """The places of an "in" phrase right after an organisation's name (after its parenthesis, "(KI)"), hung on
    the name or on the noun before it that holds its preposition, ``holder``; not a country or continent
    ("Acme in France": where it works)."""
    mentions = index.at(organisation)
    if not mentions:
        return []
    end = max(index.mentions[m]["token_end"] for m in mentions)
    found = []
    for prep in children(organisation, ("prep",)) + children(holder, ("prep",)):
        gap = doc[end : prep.i]
        if prep.lower_ != "in" or (len(gap) and not (gap[0].text == "(" and gap[-1].text == ")")):
            continue
        for pobj in children(prep, ("pobj",)):
            found += [p for p in head_mentions(pobj, index) if index.type_of(p) in LOC and not wide_place(index, p)]
    return found


def trailing_places(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """A place phrase right after an organisation that is the object of a preposition, which the parser hung
    on the noun before it: in "scientists at the Kelso Institute (KI) in Dundee" and "Dr Ann Roe of the Vale
    Clinic in Leeds" the place is the organisation's, not the scientists' nor Dr Roe's (a name's own "in" is
    where it stood: "Roe in Leeds said"). Only on a noun: "spoke at Acme in Paris" is where the talk was."""
    if index.type_of(mention) not in ORG:
        return
    head = doc[index.heads[mention]]
    if head.dep_ != "pobj" or head.head.lower_ not in ("at", "of", "with", "for"):
        return
    holder = head.head.head
    if holder.pos_ not in ("NOUN", "PROPN"):
        return
    # Only the phrase the parser hung on the holder: one on the name itself is preposition_affiliations'.
    for place in place_after(doc, head, holder, index):
        prep = doc[index.heads[place]].head
        if prep.head != head:
            yield Candidate(mention, place, "based_in", "trailing-place", 0.6, prep, head, None)


def gapped_phrase(prep: Token, on: Token) -> bool:
    """A phrase right after a later name of a list after a copula's same preposition opens a gapped clause:
    in "X is in Lazio and Bari in Apulia" Apulia is Bari's, not Lazio's (but in "Tanaka and Takeshita of the
    LDP" the phrase is both names')."""
    copula = on.dep_ == "pobj" and on.head.lower_ == prep.lower_ and on.head.head.lemma_ == "be"
    return copula and any(c.i < prep.i and c.right_edge.i == prep.i - 1 for c in children(on, ("conj",)))


def closing_phrases(head: Token) -> list[Token]:
    """A prepositional phrase set off by a comma after a list of names belongs to every name of the list
    before it ("X, from Leeds, and Y, Z and W, from York": Z and W are from York too), not only to the name
    the parser hung it on; an earlier name with a phrase of its own keeps it."""
    found = []
    for first in (c for c in head.conjuncts if c.i < head.i):
        for prep in children(first, ("prep",)):
            if prep.i < head.i or head.doc[prep.i - 1].text != ",":
                continue
            last = max([c for c in first.conjuncts if c.i < prep.i] + [first], key=lambda t: t.i)
            if last.right_edge.i == prep.i - 2:  # the list ends right before the comma
                found.append(prep)
    return found


def wide_place(index: MentionIndex, place: int) -> bool:
    """A country or a region of no country (a continent, a sea): an organisation "in" one ("Acme in Australia",
    "Acme in Europe") is more often active there than based there."""
    m = index.mentions[place]
    return m["type"] == "Country" or (m["type"] == "Region" and "gazetteer_country" not in m["attributes"])


def country_in_region(prep: Token, head: Token, obj_type: str) -> bool:
    """A country lies in a region a description of it says it is in ("Madagascar, an island nation in the
    Indian Ocean"), not one a topic listed beside it is in ("Iraq, the situation in the Gulf")."""
    noun = prep.head
    return obj_type == "Region" and prep.lower_ == "in" and noun != head and noun.lemma_.lower() in place_classes()


def place_classes() -> frozenset[str]:
    return word_list("place_class_nouns.txt")


def containing_gap(gap: Span) -> bool:
    """What may stand between a place and the place containing it: "Bethany, Conn.", with a locative
    preposition "the Savannah River Plant, in Aiken" or "the Court of Justice in The Hague" (whatever the
    parser attached the phrase to), and with a direction "Bedford in southern Indiana"."""
    words = [t.lower_ for t in gap]
    while words and words[-1] in word_list("compass_words.txt"):
        words.pop()
    if len(words) < len(gap) and words[-1:] != ["in"]:
        return False  # A direction only after "in": not "Kenya, southern Sudan".
    return " ".join(words) in (",", ", in", ", near", "in")


def predicate_nouns(head: Token) -> list[Token]:
    """The noun a copula says the name is: "Choloma is a town in northern Honduras"."""
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        return children(head.head, ("attr",))
    return []


def apposed(noun: Token, head: Token) -> bool:
    """A description set beside a name or said of it ("X, a town in Y", "X is a bank in Y"), not a name's
    head noun ("the Grammy ceremony in Y") nor a person's title ("X, the President of the United States")."""
    return noun != head and noun.dep_ in ("appos", "attr") and noun.lemma_.lower() not in word_table("role_titles.tsv")


def place_prepositions(subject_type: str, described: bool) -> tuple[str, ...]:
    """Prepositions that put a name in a place: "Institute of Zoology in Kunming", "X of Springfield",
    "X from Ohio". A person's "in" only on a description ("X, a lawyer in Chicago"): on the name itself it
    is mostly where the person spoke or was ("Smith in London said")."""
    if subject_type != "Person":
        return ("of", "in", "at", "near")
    return ("of", "from", "in") if described else ("of", "from")


def comma_places(doc: Doc, index: MentionIndex) -> Iterator[Candidate]:
    """'Bethany, Conn.', 'Pepperell, West Point, Ga.': a name followed by a comma and a place
    (not a list: the place is not coordinated)."""
    ordered = sorted(range(len(index.mentions)), key=lambda i: index.mentions[i]["token_start"])
    chain: list[int] = []
    commas: list[bool] = []  # whether a comma stands before each place of the chain
    for number, current in enumerate(ordered):
        previous = ordered[number - 1] if number else None
        start = index.mentions[current]["token_start"]
        gap = doc[index.mentions[previous]["token_end"] : start] if previous is not None else doc[start:start]
        adjacent = containing_gap(gap)
        linked = adjacent and index.type_of(current) in LOC and index.type_of(ordered[number - 1]) != "Country"
        # A source after its city: "Moscow ITAR-TASS". Not a wire credit after a dateline ("DAYTON, Ohio (AP)"):
        # that place is where the story was filed, not where the agency is based.
        if (
            previous is not None
            and index.type_of(previous) in LOC
            and not len(gap)
            and index.type_of(current) in ORG
            and not in_role_phrase(doc[index.heads[current]])
        ):
            for place in chain or [previous]:
                if index.type_of(place) in LOC:
                    yield Candidate(current, place, "based_in", "place-before-name", 0.6, doc[start], doc[start], None)
        current_head = doc[index.heads[current]]
        if linked and current_head.dep_ != "conj" and doc[start - 1].sent.start == current_head.sent.start:
            chain.append(current)
            commas.append(any(t.text == "," for t in gap))
            for number_in_chain, earlier in enumerate(chain[:-1]):
                relation = place_relation(index.type_of(earlier), index.type_of(current))
                if not relation or index.type_of(earlier) in ("Country", "Person"):
                    continue
                if relation == "based_in" and wide_place(index, current) and not commas[number_in_chain + 1]:
                    continue  # "made by Acme in Australia", "Acme in Europe": where it works, not where it sits.
                yield Candidate(earlier, current, relation, "comma-place", 0.6, doc[start - 1], current_head, None)
        else:
            chain = [current]
            commas = [False]


def copula_places(doc: Doc, index: MentionIndex) -> Iterator[Candidate]:
    """'Rome is in Lazio': a place subject of 'be' with a place after 'in'; 'X is from Ohio': a person's home.
    A gapped clause after the list, "Rome is in Lazio and Bari in Apulia": Bari and Apulia are a second pair,
    not more places Rome is in."""
    for token in tokens_with_lemma(doc, ("be",)):
        for subject in children(token, ("nsubj",)):
            for s in argument_mentions(subject, index):
                person = index.type_of(s) == "Person"
                words = ("from",) if person else ("in",)
                objects, gapped = copula_objects(doc, token, words, index)
                for o in objects:
                    relation = "lives_in" if person else place_relation(index.type_of(s), index.type_of(o))
                    if relation and index.type_of(o) in LOC and index.type_of(s) != "Country":
                        yield Candidate(s, o, relation, "copula-place", 0.6, token, token, None)
                for second, o in gapped:
                    kind = index.type_of(second)
                    relation = "lives_in" if kind == "Person" else place_relation(kind, index.type_of(o))
                    if relation and index.type_of(o) in LOC and kind != "Country" and (kind == "Person") == person:
                        yield Candidate(second, o, relation, "copula-place", 0.6, token, token, None)


def copula_objects(
    doc: Doc, verb: Token, words: tuple[str, ...], index: MentionIndex
) -> tuple[list[int], list[tuple[int, int]]]:
    """The places after the copula's preposition, up to a gapped clause, and the (subject, place) pairs of the
    gapped clause: in "X is in Y and Z in W" a name of the list with the same preposition right after it
    opens the second clause."""
    objects: list[int] = []
    gapped: list[tuple[int, int]] = []
    gap = len(doc)
    for pobj in prep_objects(verb, words):
        if pobj.i > gap:
            continue  # "... and Z in W": W is Z's (the parser may hang its phrase on the copula)
        for conjunct in coordinated(pobj):
            named = head_mentions(conjunct, index)
            end = max((index.mentions[m]["token_end"] for m in named), default=conjunct.i + 1)
            if conjunct != pobj and named and end < len(doc) and doc[end].lower_ in words:
                gap = conjunct.i
                places = [o for c in children(doc[end], ("pobj",)) for o in argument_mentions(c, index)]
                gapped += [(m, o) for m in named for o in places]
                break
            objects += [m for m in named if m not in objects]
    return objects, gapped


def native_places(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """'his native South Carolina', "Ann's native Ohio": a place someone is native to is their home."""
    if index.type_of(mention) not in LOC:
        return
    head = doc[index.heads[mention]]
    if not any(child.dep_ == "amod" and child.lower_ == "native" for child in head.children):
        return
    for possessor in children(head, ("poss",)):
        for person in index.at(possessor):
            if index.type_of(person) == "Person":
                yield Candidate(person, mention, "lives_in", "native-place", 0.7, head, head, None)


def owned_places(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """A noun of home or seat between an owner and a place: "Nelson's hometown of Abbott", "the NRC's
    Rockville headquarters", "the headquarters of X in Y", "X's headquarters is in Y", "at Acme headquarters in
    Y"."""
    if index.type_of(mention) not in LOC:
        return
    place = doc[index.heads[mention]]
    nouns = [place.head] if place.dep_ in ("compound", "nmod") else []
    if place.dep_ == "pobj" and place.head.lower_ in ("of", "in", "at"):
        prep = place.head
        holder = prep.head
        # "X's headquarters is in Y": the subject of the copula.
        nouns += children(holder, ("nsubj",)) if holder.lemma_ == "be" else [holder]
        before = doc[prep.i - 1] if prep.i else prep
        if before.pos_ == "NOUN" and before not in nouns and before.lower_ != "of":
            # The noun right before the phrase, whatever the parser hung it on: "a briefing at Acme headquarters
            # in Bexley" (the phrase on "briefing" or on the verb).
            nouns.append(before)
    for noun in nouns:
        relation = place_nouns().get(noun.lemma_.lower())
        if relation is None:
            continue
        # The owner by possessive, by "of", or as the noun's modifier: "the Acme headquarters in Bexley".
        owners = children(noun, ("poss", "compound")) + prep_objects(noun, ("of",))
        for owner in (m for token in owners for m in argument_mentions(token, index)):
            if owner != mention:
                yield Candidate(owner, mention, relation, "place-noun", 0.7, noun, noun, None)


def born_places(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """A place with "born" after it, beside a person, is the person's birthplace, however the parser read the
    unhyphenated compound: "Ohio born actor X", "Ohio born X", "X, Ohio born, said" (with a hyphen, "Ohio-born
    X", the place is a modifier of the name's description: :func:`modifier_places`)."""
    if index.type_of(mention) not in LOC:
        return
    end = index.mentions[mention]["token_end"]
    if end >= len(doc) - 1 or doc[end].lower_ != "born":
        return
    start = index.mentions[mention]["token_start"]
    people = []
    after = doc[end + 1]
    while after.pos_ == "NOUN" and after.i < len(doc) - 1:
        after = doc[after.i + 1]  # "Ohio born actor X": the person's description between
    people += [m for m in index.at(after) if index.mentions[m]["token_start"] == after.i]
    if start >= 2 and doc[start - 1].text == "," and doc[end + 1].is_punct:
        # Set off after the name: "X, Ohio born, said".
        people += [m for m in index.at(doc[start - 2]) if index.mentions[m]["token_end"] == start - 1]
    for person in people:
        if index.type_of(person) == "Person" and not index.mentions[person].get("coreference"):
            relation = place_relation("Person", index.type_of(mention))
            if relation:
                yield Candidate(person, mention, relation, "born-place", 0.7, doc[end], doc[end], None)


def place_nouns() -> dict[str, str]:
    return word_table("place_nouns.tsv")


def standing_relations(doc: Doc, index: MentionIndex) -> Iterator[Candidate]:
    for mention in range(len(index.mentions)):
        if index.mentions[mention].get("coreference"):
            # A pronoun or description is the subject of a verb of role as a name is ("He quit as chairman").
            yield from role_relations(doc, mention, index)
            continue
        yield from modifier_places(doc, mention, index)
        yield from role_relations(doc, mention, index)
        yield from preposition_affiliations(doc, mention, index)
        yield from trailing_places(doc, mention, index)
        yield from native_places(doc, mention, index)
        yield from owned_places(doc, mention, index)
        yield from born_places(doc, mention, index)
        yield from container_places(doc, mention, index)
        yield from memberships(doc, mention, index)
    yield from comma_places(doc, index)
    yield from copula_places(doc, index)
    yield from named_after(doc, index)
