"""Acronyms and the names they stand for: "European Union (EU)", "GKM" ... "Galdor Kessel Motors".

Two uses, one per component: the entities component drops an acronym whose
expansion is no name ("Internet of Things (IoT)", "an extraordinary general meeting
(AGM)") with every other mention of it (:func:`drop_acronyms_of_non_names`); the
clusters component joins an acronym to the one name of the article that spells it,
in either order, with or without brackets (:func:`acronym_forms`, used by
:mod:`newskg.extractor.linking`).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Token

from newskg.extractor.gazetteer import read_words
from newskg.extractor.schema import MentionRecord
from newskg.extractor.syntax import tokens_with_text

# An acronym as news writes it: two to six capitals ('GKM', 'NTF', 'ATWU').
ACRONYM = re.compile(r"[A-Z]{2,6}")


def is_parenthesised(doc: Doc, start: int, end: int) -> bool:
    return start > 0 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"


def initials(tokens: list[Token]) -> str:
    return "".join(token.text[0] for token in tokens).lower()


def capitals(text: str) -> str:
    return "".join(c for c in text if c.isupper())


def is_acronym(text: str) -> bool:
    return ACRONYM.fullmatch(text) is not None


@cache
def skipped_words() -> frozenset[str]:
    return read_words("acronym_skip_words.txt")


@cache
def droppable_words() -> frozenset[str]:
    """Kind words an acronym may leave out at the end ('Allied Transport Workers Union' -> ATW)."""
    return read_words("corporate_words.txt") | {"union", "corporation", "association", "organisation", "organization"}


def acronym_forms(name: str) -> set[str]:
    """The acronyms a name of two or more words may go by, in capitals.

    - its capitals: 'Galdor Kessel Motors' -> GKM, 'MarinTek' -> MT;
    - the initials of its words, function words skipped: 'Securities and Exchange Commission' -> SEC,
      "European People's Party" -> EPP;
    - the same without kind words at the end, when three letters or more are left: 'Rail and Maritime
      Crews Union' -> RMC.
    """
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    if len(words) < 2 and len(capitals(name)) < 2:
        return set()
    forms = set()
    letters = capitals(name)
    if len(letters) >= 2:
        forms.add(letters)
    content = [w for w in words if w.lower() not in skipped_words() and w[:1].isalpha()]
    if len(content) >= 2:
        forms.add("".join(w[0] for w in content).upper())
    while len(content) > 3 and content[-1].lower() in droppable_words():
        content = content[:-1]
        forms.add("".join(w[0] for w in content).upper())
    return forms


def acronyms_of_non_names(doc: Doc, mentions: list[MentionRecord]) -> set[str]:
    """Acronyms in brackets after words that spell them but are no name ('annual general meeting (AGM)',
    'Internet of Things (IoT)'), whether NER tagged the acronym or not."""
    ending_at = {m["token_end"]: m for m in mentions}
    tagged = {m["token_start"] for m in mentions if m["token_end"] - m["token_start"] == 1}
    found = set()
    closing = [t.i for t in tokens_with_text(doc, (")",))]
    for close in closing:
        i = close - 1
        if i < 1:
            continue
        token = doc[i]
        if not (token.text[:1].isupper() and len(token.text) >= 2 and doc[i - 1].text == "("):
            continue
        expansion = ending_at.get(i - 1)
        if expansion is not None and capitals(expansion["text"]) == token.text.upper():
            continue
        letters = len(token.text)
        before = [t for t in doc[max(0, i - 1 - 2 * letters) : i - 1] if not t.is_punct]
        spelled = [
            words
            for words in (before[-letters:], [t for t in before if t.lower_ not in skipped_words()][-letters:])
            if initials(words) == token.text.lower()
        ]
        # A name NER missed may spell its acronym too: untagged acronyms count only after lowercase words.
        if spelled and (i in tagged or all(t.is_lower for t in spelled[0])):
            found.add(token.text)
    return found


def drop_acronyms_of_non_names(doc: Doc, mentions: list[MentionRecord]) -> list[MentionRecord]:
    """ "Internet of Things (IoT)", "an annual general meeting (AGM)": the words before the bracket spell
    the acronym but are not a named thing, so neither is the acronym, there or anywhere else in the article."""
    junk = acronyms_of_non_names(doc, mentions)
    return [m for m in mentions if m["text"] not in junk] if junk else mentions
