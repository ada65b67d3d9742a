"""Truth and certainty of an event: negated, planned, expected, possible, reported.

Cues come from ``data/modality.tsv``; where they may stand is decided here.
"""

from __future__ import annotations

from spacy.tokens import Token

from newskg.extractor.lexicon import word_table

NEGATED = "negated"
# Verbs that deny the claim they take as object: "rejected the idea that ...", "dismissed reports that ...".
# Words of an event about to happen: "close to striking a deal", "on the verge of buying", "on the brink of".
NEAR_WORDS = frozenset({"close", "near", "verge", "brink", "cusp", "point"})
DENIALS = frozenset({"deny", "reject", "dismiss", "refute", "rubbish", "dispute", "contest", "disown"})


def cues() -> dict[str, str]:
    return word_table("modality.tsv")


def own_cues(token: Token, table: dict[str, str]) -> list[str]:
    """Cues on the word itself: 'not', modal auxiliaries, 'reportedly', 'no deal', 'the proposed takeover'."""
    found = []
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
            found.append(NEGATED)
        elif (child.dep_ == "aux" and child.tag_ == "MD" and word in table) or (
            child.dep_ == "advmod" and word in ("never", "reportedly", "allegedly")
        ):
            found.append(table[word])
        elif child.dep_ in ("amod", "compound") and token.pos_ == "NOUN" and child.i < token.i:
            value = table.get(word) or table.get(child.lemma_.lower())
            if value:
                found.append(value)
    return found


def modality_of(anchor: Token) -> str | None:
    """The modality of an event anchored at a verb or noun; ``"negated"`` when it did not happen.

    Climbs control and raising chains ("refused to meet", "plans to visit", "is expected to seal",
    "is to buy"); a negating verb also governs a clause ("denied that it attacked").
    """
    table = cues()
    found = own_cues(anchor, table)
    current = anchor
    while current.dep_ in ("xcomp", "conj", "pcomp", "ccomp", "acl") and current.head != current:
        dep, head = current.dep_, current.head
        if dep in ("ccomp", "acl") and head.pos_ == "NOUN":
            # The content of a claim: "allegations that he pressured X", "reports that X bought Y"; an idea
            # or report denied or dismissed is not asserted ("rejected the idea that X threatened Y"), an
            # allegation denied is still alleged ("denied allegations that he threatened Y").
            value = table.get(head.lemma_.lower())
            if value:
                found.append(value)
            if value != "alleged" and head.dep_ == "dobj" and head.head.lemma_.lower() in DENIALS:
                found.append(NEGATED)
            break
        if dep == "acl":
            break
        if dep == "ccomp":
            # "denied that it attacked", "did not mean that X had cut ties with Y".
            if head.lemma_.lower() == "deny" or any(child.dep_ == "neg" for child in head.children):
                found.append(NEGATED)
            break
        if dep == "pcomp":
            # "without signing", "refrained from meeting", "instead of buying", "rather than meeting".
            if head.lower_ == "without" or any(c.lower_ in ("instead", "rather") for c in (head.head, *head.children)):
                found.append(NEGATED)
            controller = head.head.lemma_.lower()
            if controller in table and head.head.pos_ == "VERB":
                found.append(table[controller])  # "accused of attacking": alleged
            elif controller in NEAR_WORDS:
                found.append("expected")  # "was close to signing", "on the verge of buying": not yet done
            break
        if dep == "conj":
            # A coordinated verb shares its chain above, not the other verb's own negation; but the verb
            # after "rather than" is the one not done ("buy back shares rather than buy X").
            if any(c.dep_ == "cc" and c.lower_ == "than" and c.i < current.i for c in head.children):
                found.append(NEGATED)
            current = head
            continue
        current = head
        lemma = current.lemma_.lower()
        if lemma in table and current.pos_ in ("VERB", "AUX", "ADJ"):
            found.append(table[lemma])
        found.extend(own_cues(current, table))
    if NEGATED in found:
        return NEGATED
    return found[0] if found else None
