"""The nouns that describe a name in its noun phrase: appositions, the description a list hangs on, the
noun a name modifies ("the Balco laboratory"), and the role words among them ("vice-president" is a kind of
"president"). Shared by the standing-relation rules of :mod:`newskg.extractor.standing` and
:mod:`newskg.extractor.role_nouns`.
"""

from __future__ import annotations

from spacy.tokens import Token

from newskg.extractor.lexicon import word_list, word_table
from newskg.extractor.syntax import children

# Words that give examples of a class: "EU members such as X", "US firms including X", "firms like X".
EXAMPLE_MARKERS = frozenset({"as", "including", "like"})


def descriptors(head: Token) -> list[Token]:
    """The name's head and the common nouns that describe it: appositions either way, the description a
    coordinated list hangs on ('companies Voxtel and Halvex') and the class it is listed in."""
    found = [head, *children(head, ("appos",))]
    # A legislator's party and state set off after the name, "Sen. X, D-Mich., chairman of Y": the apposition
    # the parser hung on the label describes the name.
    found += [a for label in found[1:] if party_label(label) for a in children(label, ("appos",))]
    hung_before = apposition_hung_before(head)
    if hung_before is not None:
        found.append(hung_before)
    if head.dep_ == "compound" and head.head.pos_ == "NOUN" and kind_noun(head.head):
        # A name used as a modifier of its description: "the San Francisco-based Balco laboratory" (but not of
        # anything else: "the Acme stand at the fair in Y" is not Acme's).
        found.append(head.head)
    first = head
    while first.dep_ == "conj":
        first = first.head
    if first.dep_ == "appos":
        found.append(first.head)
    if first != head:
        # A plural apposition after the list describes every name in it: "Berg and Lind, both reporters for Reuters".
        found += [t for t in children(first, ("appos",)) if t.i > head.i and t.tag_ in ("NNS", "NNPS")]
    return found + classes_of(head)


# The party letters of "D-Mich.", "R-Utah", "I-Vt." (Democrat, Republican, Independent).
PARTY_LETTERS = frozenset({"D", "R", "I"})


def party_label(token: Token) -> bool:
    """'D-Mich.', 'R-Utah': a party letter, a hyphen and the state, after a US legislator's name."""
    doc = token.doc
    start = token.left_edge.i
    return (
        token.pos_ == "PROPN"
        and token.i - start == 2
        and doc[start].text in PARTY_LETTERS
        and doc[start + 1].text == "-"
    )


def apposition_hung_before(head: Token) -> Token | None:
    """An apposition right after the name's phrase and its comma that the parser hung on a word before the
    name: in "the meeting in Cuenca, the third city in Ecuador" the city is Cuenca, not the meeting. The name
    must lie inside the phrase of the word the apposition hangs on."""
    doc = head.doc
    comma = head.right_edge.i + 1
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    token = doc[comma + 1]
    while token.dep_ != "appos" and token.head.i > comma and token.head != token:
        token = token.head  # up to the head of the phrase after the comma
    holder = token.head
    if token.dep_ != "appos" or token.pos_ != "NOUN" or token.left_edge.i != comma + 1 or holder == head:
        return None
    return token if holder.left_edge.i <= head.i <= holder.right_edge.i else None


def classes_of(head: Token) -> list[Token]:
    """The class a name is listed with or given as an example of: "X and other EU members", "X, Y and other US
    firms", "EU members such as X", "US firms including X"."""
    found = [t for t in head.conjuncts if t.pos_ == "NOUN" and any(c.lower_ == "other" for c in children(t, ("amod",)))]
    first = head
    while first.dep_ == "conj":
        first = first.head
    marker = first.head
    example = first.dep_ == "pobj" and marker.lower_ in EXAMPLE_MARKERS and marker.head.pos_ == "NOUN"
    if example and (marker.lower_ != "as" or any(c.lower_ == "such" for c in marker.children)):
        found.append(marker.head)
    return found


def kind_noun(noun: Token) -> bool:
    """A noun that says what kind of thing a name is ("the Balco laboratory", "the Reuters news agency")."""
    lemma = noun.lemma_.lower()
    return lemma in word_table("context_nouns.tsv") or lemma in word_list("org_unit_nouns.txt")


def role_word(token: Token) -> str:
    """The role a noun names: 'vice-president' is a kind of 'president'."""
    return token.lemma_.lower().rsplit("-", 1)[-1]


def in_role_phrase(name: Token) -> bool:
    """A name modifying a person's role noun ("the Swedish U.N. mediator"): what comes before it describes
    the person."""
    return name.dep_ == "compound" and role_word(name.head) in word_table("role_nouns.tsv")
