"""member_of between organisations, and a person's party named beside them.

- the parts of a group: "its marques Lancia and Seat", "Acme's Widget unit", "Widget, a subsidiary of
  Acme", "the Acme subsidiary Widget" (``group_parts.tsv``: the nouns and whether the name is the part or
  the whole: "Widget's parent Acme");
- ownership by an organisation: "Widget, owned by Acme", "Acme-owned Widget";
- a person listed with their party: "Jo Roe and other senior Tories";
- an organisation named after a party ("the Bexley Labour Association", "Young Conservatives").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Token

from newskg.extractor.describing import descriptors
from newskg.extractor.lexicon import word_table
from newskg.extractor.parties import party_forms
from newskg.extractor.syntax import MentionIndex, argument_mentions, children, prep_objects
from newskg.extractor.triggers import Candidate
from newskg.vocabulary import TYPE_GROUPS

ORG = TYPE_GROUPS["ORG"]


@cache
def group_parts() -> dict[str, str]:
    return word_table("group_parts.tsv")


def organisations_at(token: Token, index: MentionIndex) -> list[int]:
    """The organisations a token names, itself or as the head of a description ("the Detroit carmaker")."""
    return [m for m in (index.at(token) or argument_mentions(token, index)) if index.type_of(m) in ORG]


def parts_of_groups(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """A name described as a part of a group, or as the whole: "its marques Lancia and Seat", "Widget, a unit of
    Acme", "Acme's Widget unit", "Widget's parent Acme"."""
    if index.type_of(mention) not in ORG:
        return
    head = doc[index.heads[mention]]
    for noun in descriptors(head)[1:]:
        kind = group_parts().get(noun.lemma_.lower())
        if kind is None or index.at(noun):
            continue
        owners = children(noun, ("poss", "compound", "nmod")) + prep_objects(noun, ("of",))
        for owner in (m for token in owners for m in organisations_at(token, index)):
            if index.mentions[owner]["key"] == index.mentions[mention]["key"]:
                continue
            part, whole = (mention, owner) if kind == "part" else (owner, mention)
            yield Candidate(part, whole, "member_of", "group-part", 0.7, noun, head, None)


def owned_organisations(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """An organisation owned by another: "Widget, owned by Acme", "the Acme-owned Widget"."""
    if index.type_of(mention) not in ORG:
        return
    head = doc[index.heads[mention]]
    for verb in children(head, ("acl", "amod")):
        if verb.lemma_.lower() != "own" or verb.tag_ != "VBN":
            continue
        owners = [pobj for agent in children(verb, ("agent",)) for pobj in children(agent, ("pobj",))]
        owners += children(verb, ("npadvmod", "compound"))
        for owner in (m for token in owners for m in organisations_at(token, index)):
            if index.mentions[owner]["key"] != index.mentions[mention]["key"]:
                yield Candidate(mention, owner, "member_of", "owned-by", 0.7, verb, head, None)


def listed_with_party(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """A person listed with "other" members of a party: "Jo Roe and other senior Tories"."""
    if index.type_of(mention) != "Person":
        return
    head = doc[index.heads[mention]]
    for conjunct in head.conjuncts:
        if not any(c.lower_ == "other" for c in children(conjunct, ("amod",))):
            continue
        for party in index.at(conjunct):
            if index.type_of(party) == "PoliticalParty":
                yield Candidate(mention, party, "member_of", "listed-with-party", 0.7, conjunct, head, None)


def named_after(doc: Doc, index: MentionIndex) -> Iterator[Candidate]:
    """An organisation that holds the name of a party of the article is a part of it ("the Bexley Labour
    Association", "Young Conservatives"). (An organisation named after another organisation is not told apart
    from the same one written short and long: "Acme" and "Acme & Lyle" are one firm.)"""
    named = [i for i, m in enumerate(index.mentions) if not m.get("coreference")]
    parties: dict[str, int] = {}
    for i in named:
        if index.type_of(i) == "PoliticalParty":
            parties.setdefault(index.mentions[i]["label"], i)
    for i in named:
        m = index.mentions[i]
        if index.type_of(i) not in ORG or index.type_of(i) == "PoliticalParty":
            continue
        for name in names_of_parties(m["text"].split()):
            holder = parties.get(name)
            if holder is not None and index.mentions[holder]["key"] != m["key"]:
                token = doc[index.heads[i]]
                yield Candidate(i, holder, "member_of", "named-after", 0.6, token, token, None)


def names_of_parties(words: list[str]) -> list[str]:
    """The parties whose forms are among the words of a name ("Bexley Labour Association": Labour Party)."""
    found = []
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            form = party_forms().get(" ".join(words[start : start + size]))
            if form is not None:
                found.append(form[0])
    return found


def memberships(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    yield from parts_of_groups(doc, mention, index)
    yield from owned_organisations(doc, mention, index)
    yield from listed_with_party(doc, mention, index)
