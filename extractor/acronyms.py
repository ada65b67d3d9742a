"""Acronyms in brackets after their expansion: "European Union (EU)", "Internet of Things (IoT)".

Two steps, one per component: the entities component drops an acronym whose
expansion is no name (:func:`drop_acronyms_of_non_names`); the clusters
component makes an acronym a mention of the entity its expansion names
(:func:`join_acronyms`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newskg.extractor.schema import MentionRecord, set_entity


def is_parenthesised(doc: Doc, start: int, end: int) -> bool:
    return start > 0 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"


def initials(tokens: list[Token]) -> str:
    return "".join(token.text[0] for token in tokens).lower()


def capitals(text: str) -> str:
    return "".join(c for c in text if c.isupper())


def is_bracketed_word(doc: Doc, m: MentionRecord) -> bool:
    """A one-word mention in brackets: the place of an acronym."""
    return m["token_end"] - m["token_start"] == 1 and is_parenthesised(doc, m["token_start"], m["token_end"])


def expansion_of(m: MentionRecord, ending_at: dict[int, MentionRecord]) -> MentionRecord | None:
    """The mention right before the bracket whose capitals spell the acronym: "European Union (EU)"."""
    expansion = ending_at.get(m["token_start"] - 1)
    if expansion is not None and capitals(expansion["text"]) == m["text"].upper():
        return expansion
    return None


def drop_acronyms_of_non_names(doc: Doc, mentions: list[MentionRecord]) -> list[MentionRecord]:
    """ "Internet of Things (IoT)": the words before the bracket spell the acronym but are not a named thing,
    so neither is the acronym."""
    ending_at = {m["token_end"]: m for m in mentions}
    kept = []
    for m in mentions:
        if is_bracketed_word(doc, m) and expansion_of(m, ending_at) is None:
            start, letters = m["token_start"], len(m["text"])
            before = [t for t in doc[max(0, start - 1 - letters) : start - 1] if not t.is_punct]
            if initials(before[-letters:]) == m["text"].lower():
                continue
        kept.append(m)
    return kept


def join_acronyms(doc: Doc, mentions: list[MentionRecord]) -> None:
    """ "European Union (EU)": the acronym is a mention of the entity its expansion names."""
    ending_at = {m["token_end"]: m for m in mentions}
    for m in mentions:
        if not is_bracketed_word(doc, m):
            continue
        expansion = expansion_of(m, ending_at)
        if expansion is not None:
            set_entity(m, expansion["type"], expansion["label"])
