"""Standing relations stated by a role noun beside a person, or beside an organisation for membership.

- apposition, title before the name, predicate noun: "X, a spokesman for Y", "Y's chairman X", "Kennedy
  assassin X", "a resident of Y", "X is a spokesman for Y";
- a verb that makes the person the role: "X became chairman of Y", "X was appointed chief executive of Y";
- the head of a part of an organisation works for the whole ("head of the laboratory at Y", "Y's research
  director").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Token

from newskg.extractor.describing import descriptors, role_word
from newskg.extractor.lexicon import word_list, word_table
from newskg.extractor.roles import leading_titles, organisation_title_relation
from newskg.extractor.syntax import MentionIndex, argument_mentions, children, coordinated, left_modifiers, prep_objects
from newskg.extractor.triggers import Candidate
from newskg.vocabulary import TYPE_GROUPS

ORG = TYPE_GROUPS["ORG"]


def role_nouns_of(head: Token, roles: dict[str, str], referring: bool = False) -> list[Token]:
    """Role nouns describing a person: apposition ('X, a spokesman for Y'), title before the name
    ('XBT spokesman X'), predicate noun ('X is a spokesman for Y'). A pronoun or description (``referring``)
    has only the roles its verb gives ('He quit as chairman of Y'): what stands beside a pronoun is no title."""
    candidates = [t for complement in role_complements(head) for t in coordinated(complement)]
    if not referring:
        candidates += [t for description in descriptors(head)[1:] for t in coordinated(description)]
        candidates += [t for t in left_modifiers(head) if t.pos_ in ("NOUN", "PROPN")]
    return [t for t in candidates if role_word(t) in roles]


def role_complements(head: Token) -> list[Token]:
    """The noun a verb makes a person: 'X is a spokesman for Y', 'X became chairman of Y', 'X serves as
    treasurer of Y', 'X was appointed chief executive of Y', 'Y named X as its new chairman', and in a relative
    clause on the name: 'X, who will remain as chief executive of Y'."""
    found = []
    for verb, dep in clauses_of(head):
        holder = role_verb(verb)
        if (holder == "subject" and dep == "nsubj") or (holder == "object" and dep in ("dobj", "nsubjpass")):
            # "to be": "Y elected X to be chairman of Z".
            linked = [verb, *(t for t in children(verb, ("xcomp",)) if t.lemma_ == "be")]
            found += [c for v in linked for c in children(v, ("attr", "oprd")) + prep_objects(v, ("as",))]
        if dep == "nsubj":
            found += [c for v in leaving_verbs(verb) for c in prep_objects(v, ("as",))]
    return found


def clauses_of(head: Token) -> list[tuple[Token, str]]:
    """(verb, dependency) of the clauses a name is an argument of: its own verb, the verb of the description it
    is set beside ("Acme's chairman, X, is ..."), and a relative clause on it whose subject is "who" ("X, who
    quit as chairman of Y")."""
    found = [(head.head, head.dep_)] if head.head != head else []
    described = head.head
    if head.dep_ == "appos" and described.dep_ in ("nsubj", "nsubjpass") and described.pos_ == "NOUN":
        # A name set beside the description that is the subject: "Acme's chairman, X, is also a director of Y",
        # "his wife, X, is a native of Y": what the verb makes the description, it makes the name.
        found.append((described.head, described.dep_))
    for clause in children(head, ("relcl",)):
        subjects = children(clause, ("nsubj",))
        if subjects and subjects[0].lower_ in ("who", "that"):
            found.append((clause, "nsubj"))
    return found


def role_verb(verb: Token) -> str | None:
    """How a verb of role_verbs.tsv gives its role ("subject", "object", "leaving"), with its particle
    ("step down")."""
    table = word_table("role_verbs.tsv")
    particles = [c.lower_ for c in children(verb, ("prt",))]
    lemma = verb.lemma_.lower()
    return next((table[f"{lemma} {p}"] for p in particles if f"{lemma} {p}" in table), table.get(lemma))


def leaving_verbs(verb: Token) -> list[Token]:
    """Verbs of leaving a role that the subject of ``verb`` is the subject of, down its chain of control and
    auxiliaries: "X quit as", "X is to step down as", "X plans to resign as", "X will not retire as". Leaving
    a role presupposes holding it, whatever the modality or negation."""
    found, current = [], [verb]
    while current:
        v = current.pop()
        if v.pos_ not in ("VERB", "AUX"):
            continue
        if role_verb(v) == "leaving":
            found.append(v)
        current += children(v, ("xcomp",))
    return found


@cache
def membership_nouns() -> dict[str, str]:
    """The role nouns of a country's or organisation's membership ('a member of NATO')."""
    return {noun: relation for noun, relation in word_table("role_nouns.tsv").items() if relation == "member_of"}


def role_relations(doc: Doc, mention: int, index: MentionIndex) -> Iterator[Candidate]:
    """A person's role noun and what it is a role of: 'a spokesman for Y', 'Garfield's assassin X';
    for countries and organisations only membership ('Norway is a member of NATO')."""
    roles = word_table("role_nouns.tsv") if index.type_of(mention) == "Person" else membership_nouns()
    head = doc[index.heads[mention]]
    m = index.mentions[mention]
    inside = range(m["token_start"], m["token_end"])
    for role in role_nouns_of(head, roles, bool(m.get("coreference"))):
        relation = roles[role_word(role)]
        if relation in ("works_for", "leads"):
            # The title the words before the noun make: an "executive" works for Y, a "chief executive" leads it.
            relation = organisation_title_relation(title_of(role, index), relation)
        targets = [t for t in left_modifiers(role) if t.i not in inside]
        targets += prep_objects(role, ("of", "for", "at", "with", "in"))
        if role.i < head.i and role.head == head:
            # Title before the name: the organisation may hang on the name ('KAL attorney George Tompkins').
            targets += [t for t in left_modifiers(head) if t.i < role.i and t.i not in inside]
        for target in targets:
            named = argument_mentions(target, index) or index.at(target)
            stated = relation
            whole = named or leading_titles().get(target.lemma_.lower()) == "leads"  # "chairman of the board of Y"
            if relation == "leads" and (not whole or not leading_role(role, index)):
                # The head of a part works for the whole: "head of the laboratory at Acme", "Acme's research
                # director", "Acme's head of tax", "associate director of Acme".
                stated = "works_for"
            for obj in named or unit_owners(target, index):
                if obj != mention:
                    yield Candidate(mention, obj, stated, "role-noun", 0.7, role, head, None)


def title_modifiers_of(role: Token, index: MentionIndex) -> list[Token]:
    """The words of a title before its role noun that are not a name: "chief" of "Acme chief executive"."""
    return [c for c in role.lefts if c.dep_ in ("amod", "compound", "nmod") and not index.at(c)]


def title_of(role: Token, index: MentionIndex) -> str:
    return " ".join([*(c.lower_ for c in title_modifiers_of(role, index)), role.lower_])


def leading_role(role: Token, index: MentionIndex) -> bool:
    """A leading role noun that leads the whole organisation: not a deputy's ("vice president", "associate
    director"), nor the head of a function, named by a common noun before it ("development director",
    "marketing chief") or after "of" ("head of tax"), but "executive director", "founding chairman",
    "chairman of the board"."""
    modifiers = title_modifiers_of(role, index)
    if organisation_title_relation(title_of(role, index), "leads") == "works_for":
        return False
    if any(c.pos_ == "NOUN" and leading_titles().get(c.lower_) != "leads" for c in modifiers):
        return False
    functions = [pobj for pobj in prep_objects(role, ("of",)) if not argument_mentions(pobj, index)]
    return all(leading_titles().get(pobj.lemma_.lower()) == "leads" for pobj in functions)


def unit_owners(unit: Token, index: MentionIndex) -> list[int]:
    """The organisation a part of it belongs to: "the USDA's research service", "the development department
    at NASDA", "the press office of the UN"."""
    if unit.lemma_.lower() not in word_list("org_unit_nouns.txt"):
        return []
    owners = children(unit, ("poss", "compound")) + prep_objects(unit, ("of", "at"))
    return [m for owner in owners for m in argument_mentions(owner, index) if index.type_of(m) in ORG]
