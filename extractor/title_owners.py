"""The country or organisation of an office title written without one, from the clause around the person.

- an absolute "with" phrase speaks for the subject of its clause: "Berlin welcomed the ruling, with finance
  minister Jo Roe saying ..." (Jo Roe is Germany's minister; "Berlin" stands for Germany), "Acme rejected
  the bid, with chief executive Jo Roe telling reporters ...";
- a person with an organisation's title right after a clause or sentence whose subject is one organisation
  speaks for it: "Campaign group Fairvote said it was delighted. Director Jo Roe called on ...", "The firm
  collapsed last year and new boss Jo Roe has sued its banks".

Pure functions over the parse and the mentions; :mod:`newskg.extractor.roles` makes the relations.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import word_list
from newskg.extractor.schema import MentionRecord
from newskg.vocabulary import ORGANIZATION_TYPES

SUBJECTS = ("nsubj", "nsubjpass")


def subject_mentions(verb: Token, covering: dict[int, list[int]], mentions: list[MentionRecord]) -> list[int]:
    """The mentions that are the subject of a verb (a name, a capital for its country, a description)."""
    found = []
    for subject in (c for c in verb.children if c.dep_ in SUBJECTS):
        found += [m for m in covering.get(subject.i, []) if mentions[m]["token_start"] <= subject.i]
    return list(dict.fromkeys(found))


def spoken_for(
    doc: Doc, person: MentionRecord, covering: dict[int, list[int]], mentions: list[MentionRecord]
) -> list[int]:
    """The subject of the clause an absolute "with" phrase of saying hangs on: "X welcomed it, with minister
    Y saying ...", "X welcomed it, with Y, its minister, adding ..."."""
    root = doc[person["token_start"] : person["token_end"]].root
    saying = root.head
    if root.dep_ == "nsubj" and saying.dep_ == "pcomp" and saying.head.lower_ == "with":
        clause = saying.head.head
    elif root.dep_ == "pobj" and root.head.lower_ == "with" and any(c.dep_ == "acl" for c in root.children):
        saying = next(c for c in root.children if c.dep_ == "acl")
        clause = root.head.head
    else:
        return []
    if saying.lemma_.lower() not in word_list("reporting_verbs.txt") or clause.pos_ not in ("VERB", "AUX"):
        return []
    return subject_mentions(clause, covering, mentions)


def preceding_organisation(
    doc: Doc, person: MentionRecord, covering: dict[int, list[int]], mentions: list[MentionRecord]
) -> int | None:
    """The one organisation that is the subject of the clause or sentence right before the person's own, when
    the person is the subject of theirs: "Fairvote said it was delighted. Director Jo Roe called on ...", "The
    firm collapsed and new boss Jo Roe sued its banks". None when another organisation is named between."""
    root = doc[person["token_start"] : person["token_end"]].root
    if root.dep_ not in SUBJECTS:
        return None
    verb = root.head
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        previous = verb.head  # "The firm collapsed ... and new boss X has sued"
        start = previous.left_edge.i
    elif verb.dep_ == "ROOT" and root.sent.start > 0:
        previous = doc[root.sent.start - 1].sent.root
        start = previous.sent.start
    else:
        return None
    owners = [m for m in subject_mentions(previous, covering, mentions) if mentions[m]["type"] in ORGANIZATION_TYPES]
    keys = {mentions[m]["key"] for m in owners}
    if len(keys) != 1:
        return None
    between = {
        mentions[m]["key"]
        for i in range(start, person["token_start"])
        for m in covering.get(i, [])
        if mentions[m]["type"] in ORGANIZATION_TYPES
    }
    return owners[0] if between <= keys else None
