"""The ``newskg_relations`` component: who did what to whom, from the dependency parse.

Writes ``doc._.newskg_relations``: plain dicts that point at mentions of
``doc._.newskg_entities`` by index and carry character offsets of the trigger
and the sentence.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import load_triggers, relation_inventory

if not Doc.has_extension("newskg_relations"):
    Doc.set_extension("newskg_relations", default=None)

SUBJECT_DEPS = {"nsubj"}
OBJECT_DEPS = {"dobj", "attr", "oprd"}
NEGATIONS = {"not", "n't", "never", "no"}


def conjuncts_of(token: Token) -> list[Token]:
    """The token and every token coordinated with it ('Australia and Japan')."""
    return [token, *token.conjuncts]


def is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ in NEGATIONS for child in verb.children)


def subjects_of(verb: Token) -> list[Token]:
    """Subjects of the verb, climbing control chains ('decided to exclude': subject of 'decided')."""
    current = verb
    while True:
        found = [child for child in current.children if child.dep_ in SUBJECT_DEPS]
        if found:
            return [conj for subject in found for conj in conjuncts_of(subject)]
        if current.dep_ in ("xcomp", "conj") and current.head is not current:
            current = current.head
            continue
        return []


def objects_of(verb: Token) -> list[Token]:
    """Direct objects and objects of prepositions ('met with X', 'arrived in Y')."""
    found = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            found.extend(conjuncts_of(child))
        elif child.dep_ == "prep":
            found.extend(conj for pobj in child.children if pobj.dep_ == "pobj" for conj in conjuncts_of(pobj))
    return found


class RelationExtractor:
    """Finds trigger verbs and links their subject mentions to their object mentions."""

    def __init__(self, nlp: Language, name: str, lexicons: list[str]) -> None:
        self.name = name
        self.triggers = load_triggers(lexicons)
        self.inventory = relation_inventory()

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.newskg_entities or []
        by_token: dict[int, int] = {}
        for index, m in enumerate(mentions):
            for i in range(m["token_start"], m["token_end"]):
                by_token[i] = index
        # Earlier components (roles in newskg_entities) may have put relations here already.
        relations: list[dict[str, Any]] = list(doc._.newskg_relations or [])
        for token in doc:
            predicate = self.triggers.get((token.lemma_.lower(), "VERB")) if token.pos_ == "VERB" else None
            if predicate is None or is_negated(token):
                continue
            subjects = {by_token[t.i] for t in subjects_of(token) if t.i in by_token}
            objects = {by_token[t.i] for t in objects_of(token) if t.i in by_token}
            sentence = token.sent
            for subject in sorted(subjects):
                for obj in sorted(objects - {subject}):
                    relations.append(
                        {
                            "subject": subject,
                            "object": obj,
                            "predicate": predicate,
                            "rule": "verb-svo",
                            "confidence": 0.7,
                            "modality": None,
                            "start": token.idx,
                            "end": token.idx + len(token),
                            "sentence_start": sentence.start_char,
                            "sentence_end": sentence.end_char,
                        }
                    )
        doc._.newskg_relations = relations
        return doc


@Language.factory("newskg_relations", default_config={"lexicons": []})
def make_relation_extractor(nlp: Language, name: str, lexicons: list[str]) -> RelationExtractor:
    return RelationExtractor(nlp, name, lexicons)
