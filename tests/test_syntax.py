"""The parse helpers of extractor/syntax.py on hand-built Docs: each grammatical case with the parse given.

The parses are written by hand (words, heads, dependency labels, parts of speech), so the
tests hold whatever a statistical parser makes of the sentence, and each reads as the
construction it covers.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span, Token

from newskg.extractor.schema import MentionRecord, mention_record
from newskg.extractor.syntax import (
    MentionIndex,
    agents_of_passive,
    argument_mentions,
    coordinated,
    is_passive,
    left_modifiers,
    logical_subjects,
    nouns,
    prep_objects,
    shared_objects,
    tokens_with_lemma,
    tokens_with_text,
)

# word, head (index), dependency, part of speech, tag: one row per token.
Row = tuple[str, int, str, str, str]
VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_), no model


def parse(rows: list[Row]) -> Doc:
    words, heads, deps, pos, tags = zip(*rows, strict=True)
    lemmas = [word.lower() for word in words]
    return Doc(
        VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), tags=list(tags), lemmas=lemmas
    )


def word(doc: Doc, text: str) -> Token:
    return next(token for token in doc if token.text == text)


def texts(tokens: list[Token]) -> list[str]:
    return [token.text for token in tokens]


def mentions(doc: Doc, *names: tuple[str, str]) -> tuple[MentionIndex, list[MentionRecord]]:
    """One-word mentions of the named tokens, with their types."""
    found = [mention_record(Span(doc, word(doc, name).i, word(doc, name).i + 1), kind, name) for name, kind in names]
    return MentionIndex(doc, found), found


# "The pact was signed by Kenya": the surface subject of a passive, the by-agent.
PASSIVE: list[Row] = [
    ("The", 1, "det", "DET", "DT"),
    ("pact", 3, "nsubjpass", "NOUN", "NN"),
    ("was", 3, "auxpass", "AUX", "VBD"),
    ("signed", 3, "ROOT", "VERB", "VBN"),
    ("by", 3, "agent", "ADP", "IN"),
    ("Kenya", 4, "pobj", "PROPN", "NNP"),
]
# "France decided to exclude Voxtel": subject control through xcomp.
CONTROL: list[Row] = [
    ("France", 1, "nsubj", "PROPN", "NNP"),
    ("decided", 1, "ROOT", "VERB", "VBD"),
    ("to", 3, "aux", "PART", "TO"),
    ("exclude", 1, "xcomp", "VERB", "VB"),
    ("Voxtel", 3, "dobj", "PROPN", "NNP"),
]
# "Toyota is expected to buy Acme": raising, the passive subject of the matrix verb.
RAISING: list[Row] = [
    ("Toyota", 2, "nsubjpass", "PROPN", "NNP"),
    ("is", 2, "auxpass", "AUX", "VBZ"),
    ("expected", 2, "ROOT", "VERB", "VBN"),
    ("to", 4, "aux", "PART", "TO"),
    ("buy", 2, "xcomp", "VERB", "VB"),
    ("Acme", 4, "dobj", "PROPN", "NNP"),
]
# "Canada accused Chile of attacking Peru": object control under a preposition of the complement.
OBJECT_CONTROL: list[Row] = [
    ("Canada", 1, "nsubj", "PROPN", "NNP"),
    ("accused", 1, "ROOT", "VERB", "VBD"),
    ("Chile", 1, "dobj", "PROPN", "NNP"),
    ("of", 1, "prep", "ADP", "IN"),
    ("attacking", 3, "pcomp", "VERB", "VBG"),
    ("Peru", 4, "dobj", "PROPN", "NNP"),
]
# "Oman detained Nabil before visiting Peru": after a preposition of time the subject acts.
TIME_PREPOSITION: list[Row] = [
    ("Oman", 1, "nsubj", "PROPN", "NNP"),
    ("detained", 1, "ROOT", "VERB", "VBD"),
    ("Nabil", 1, "dobj", "PROPN", "NNP"),
    ("before", 1, "prep", "ADP", "IN"),
    ("visiting", 3, "pcomp", "VERB", "VBG"),
    ("Peru", 4, "dobj", "PROPN", "NNP"),
]
# "Menon visited Hanoi and met Long": a shared subject across coordinated verbs.
SHARED_SUBJECT: list[Row] = [
    ("Menon", 1, "nsubj", "PROPN", "NNP"),
    ("visited", 1, "ROOT", "VERB", "VBD"),
    ("Hanoi", 1, "dobj", "PROPN", "NNP"),
    ("and", 1, "cc", "CCONJ", "CC"),
    ("met", 1, "conj", "VERB", "VBD"),
    ("Long", 4, "dobj", "PROPN", "NNP"),
]
# "Norway condemned and sanctioned Belarus": coordinated verbs sharing one object.
SHARED_OBJECT: list[Row] = [
    ("Norway", 1, "nsubj", "PROPN", "NNP"),
    ("condemned", 1, "ROOT", "VERB", "VBD"),
    ("and", 1, "cc", "CCONJ", "CC"),
    ("sanctioned", 1, "conj", "VERB", "VBD"),
    ("Belarus", 3, "dobj", "PROPN", "NNP"),
]
# "Voxtel , which bought Halvex , grew": a relative pronoun stands for the noun its clause modifies.
RELATIVE: list[Row] = [
    ("Voxtel", 6, "nsubj", "PROPN", "NNP"),
    (",", 0, "punct", "PUNCT", ","),
    ("which", 3, "nsubj", "PRON", "WDT"),
    ("bought", 0, "relcl", "VERB", "VBD"),
    ("Halvex", 3, "dobj", "PROPN", "NNP"),
    (",", 0, "punct", "PUNCT", ","),
    ("grew", 6, "ROOT", "VERB", "VBD"),
]
# "Chinese telecoms companies Voxtel and Halvex met officials with Modi in Delhi": a description
# followed by its names, left modifiers inside a noun phrase, prepositional partners.
DESCRIPTION: list[Row] = [
    ("Chinese", 2, "amod", "ADJ", "JJ"),
    ("telecoms", 2, "compound", "NOUN", "NNS"),
    ("companies", 6, "nsubj", "NOUN", "NNS"),
    ("Voxtel", 2, "appos", "PROPN", "NNP"),
    ("and", 3, "cc", "CCONJ", "CC"),
    ("Halvex", 3, "conj", "PROPN", "NNP"),
    ("met", 6, "ROOT", "VERB", "VBD"),
    ("officials", 6, "dobj", "NOUN", "NNS"),
    ("with", 6, "prep", "ADP", "IN"),
    ("Modi", 8, "pobj", "PROPN", "NNP"),
    ("in", 6, "prep", "ADP", "IN"),
    ("Delhi", 10, "pobj", "PROPN", "NNP"),
]


def test_passive_subject_and_agent() -> None:
    doc = parse(PASSIVE)
    signed = word(doc, "signed")
    assert is_passive(signed)
    assert texts(agents_of_passive(signed)) == ["Kenya"]
    subjects, passive = logical_subjects(signed)
    assert texts(subjects) == ["pact"] and passive


@pytest.mark.parametrize(
    "rows,verb,subject",
    [
        (CONTROL, "exclude", "France"),
        (RAISING, "buy", "Toyota"),
        (OBJECT_CONTROL, "attacking", "Chile"),
        (TIME_PREPOSITION, "visiting", "Oman"),
        (SHARED_SUBJECT, "met", "Menon"),
    ],
)
def test_logical_subject_climbs_control_raising_and_coordination(rows: list[Row], verb: str, subject: str) -> None:
    doc = parse(rows)
    subjects, passive = logical_subjects(word(doc, verb))
    assert texts(subjects) == [subject] and not passive


def test_a_verb_without_any_subject_has_none() -> None:
    doc = parse([("Sign", 0, "ROOT", "VERB", "VB"), ("it", 0, "dobj", "PRON", "PRP")])
    assert logical_subjects(doc[0]) == ([], False)


def test_coordinated_verbs_share_their_object() -> None:
    doc = parse(SHARED_OBJECT)
    assert texts(shared_objects(word(doc, "condemned"))) == ["Belarus"]
    assert shared_objects(word(parse(PASSIVE), "signed")) == []


def test_relative_pronoun_stands_for_the_noun_it_modifies() -> None:
    doc = parse(RELATIVE)
    index, _ = mentions(doc, ("Voxtel", "Company"), ("Halvex", "Company"))
    subjects, _ = logical_subjects(word(doc, "bought"))
    assert texts(subjects) == ["which"]
    assert argument_mentions(subjects[0], index) == [0]


def test_description_coordination_modifiers_and_prepositions() -> None:
    doc = parse(DESCRIPTION)
    companies, met = word(doc, "companies"), word(doc, "met")
    index, _ = mentions(doc, ("Voxtel", "Company"), ("Halvex", "Company"), ("Modi", "Person"), ("Delhi", "City"))
    assert texts(coordinated(word(doc, "Voxtel"))) == ["Voxtel", "Halvex"]
    assert argument_mentions(companies, index) == [0, 1]  # "companies Voxtel and Halvex" names both
    assert sorted(texts(left_modifiers(companies))) == ["Chinese", "telecoms"]
    assert texts(prep_objects(met, ("with",))) == ["Modi"]
    assert texts(prep_objects(met, ("with", "in"))) == ["Modi", "Delhi"]
    assert prep_objects(met, ("against",)) == []
    assert index.type_of(index.at(word(doc, "Delhi"))[0]) == "City"


# --- the array filters that spare a rule a Token per word: the same tokens as a scan with the attribute


def test_token_filters_find_what_a_scan_finds() -> None:
    doc = parse(
        [
            ("Rome", 1, "nsubj", "PROPN", "NNP"),
            ("is", 1, "ROOT", "AUX", "VBZ"),
            ("in", 1, "prep", "ADP", "IN"),
            ("Lazio", 2, "pobj", "PROPN", "NNP"),
            ("and", 1, "cc", "CCONJ", "CC"),
            ("the", 6, "det", "DET", "DT"),
            ("city", 1, "conj", "NOUN", "NN"),
            ("is", 1, "conj", "AUX", "VBZ"),
            ("old", 7, "acomp", "ADJ", "JJ"),
        ]
    )
    assert [t.i for t in tokens_with_lemma(doc, ["is"])] == [t.i for t in doc if t.lemma_ == "is"] == [1, 7]
    assert [t.text for t in tokens_with_text(doc, {"Lazio", "Rome", "absent"})] == ["Rome", "Lazio"]
    assert [t.text for t in nouns(doc)] == ["city"]
    assert list(tokens_with_text(doc, [])) == []
