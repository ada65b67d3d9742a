"""The plain records newskg's components pass on along the Doc: mentions, clusters and relations.

Components keep spaCy objects out of ``doc._`` so that Docs pickle for
``nlp.pipe(n_process > 1)``: ``doc._.newskg_entities`` is a list of
:class:`MentionRecord`, ``doc._.newskg_clusters`` a list of :class:`ClusterRecord`
(the entities of the article, each with the mentions that name it, the pooled type
evidence and the reasons of the clustering) and ``doc._.newskg_relations`` a list of
:class:`RelationRecord`, plain dicts at run time (``TypedDict``) with character
and token offsets. Spans go in ``doc.spans[SPAN_KEY]`` (label = entity type).
Each record is built by one constructor, :func:`mention_record`,
:func:`cluster_record` and :func:`relation_record`; :func:`set_entity` changes the
entity a mention names.

Mention conventions that later components rely on:

- Named mentions come first, in text order; mentions found by coreference
  (pronouns, definite descriptions such as "the company") follow them. These,
  and a capital used as an actor ("Beijing closed factories": a mention of
  China, in text order among the named ones), carry ``coreference=True`` and the
  entity's key/label/type. They are mentions, not names, so records do not make
  them aliases.
- A plural description ("the two countries", "both the countries", "they")
  that resolves to several entities is represented as **several mention records
  over the same tokens**, one per entity. A token -> mentions map must
  therefore hold a list of mention indexes per token, not one.
- ``key`` is always ``entity_key(type, label)``: the entity within the article.
- ``evidence`` (named mentions, from the entities component) lists the type cues the
  words in and around that one mention give, as ``"cue:Type"`` strings
  (``"ner:Person"``, ``"context:Company"``; cues and weights in
  ``data/type_evidence.tsv``). The clusters component pools them over every mention
  of an entity and decides one type per entity; a mention's own ``type`` before
  that is only its local guess.

Relations point at mentions by their index in ``doc._.newskg_entities``.
"""

# No ``from __future__ import annotations``: the TypedDicts keep their required and optional keys at run time.
from typing import NotRequired, TypedDict

from spacy.tokens import Doc, Span

from newskg.vocabulary import entity_key

SPAN_KEY = "newskg_entities"

for _extension in ("newskg_entities", "newskg_clusters", "newskg_relations"):
    if not Doc.has_extension(_extension):
        Doc.set_extension(_extension, default=None)


class MentionRecord(TypedDict):
    """One mention of an entity in a Doc."""

    start: int  # character offsets
    end: int
    token_start: int  # token offsets
    token_end: int
    text: str
    type: str  # the contract's entity type
    label: str  # canonical name
    key: str  # entity_key(type, label): the entity within the article
    attributes: dict[str, str]  # gazetteer facts: iso3, geonames, gazetteer_country, country, occupation
    surface: NotRequired[str]  # the name as written with its titles or container ("President Kennedy")
    gender: NotRequired[str]  # from an honorific ("Mr", "Ms"): male, female
    coreference: NotRequired[bool]  # a pronoun, description or metonym: a mention, not a name
    metonymy: NotRequired[bool]  # a capital acting for its country
    evidence: NotRequired[list[str]]  # type cues of this mention: "cue:Type" ("ner:Person", "suffix:Company")


class ClusterRecord(TypedDict):
    """One entity of an article: the mentions that name or refer to it, its type and why."""

    key: str  # entity_key(type, label), shared by its mentions
    label: str
    type: str
    mentions: list[int]  # indexes into doc._.newskg_entities, in text order
    scores: dict[str, float]  # type -> pooled evidence behind the decision
    strong: list[str]  # the kinds of thing (type families) a strong cue of its mentions names
    reasons: list[str]  # why mentions joined it, stayed apart from it, and why it has its type


class RelationRecord(TypedDict):
    """One relation between two mentions, with its evidence."""

    subject: int  # mention indexes
    object: int
    predicate: str  # a relation of the contract's inventory
    rule: str  # the rule that found it
    confidence: float
    modality: str | None
    start: int  # character offsets of the trigger or phrase
    end: int
    sentence_start: int  # character offsets of the sentence
    sentence_end: int
    title: str | None  # the office a role relation states ("Foreign Minister")
    date_text: str | None  # the date expression attached to an event, resolved later against the article date


def mention_record(
    span: Span,
    entity_type: str,
    label: str,
    attributes: dict[str, str] | None = None,
    *,
    surface: str | None = None,
    gender: str | None = None,
    coreference: bool = False,
    metonymy: bool = False,
    evidence: list[str] | None = None,
) -> MentionRecord:
    """The record of a mention over ``span`` of the entity (``entity_type``, ``label``).

    Optional keys are present only when set (``m.get("gender")``, ``"surface" in m``).
    """
    record = MentionRecord(
        start=span.start_char,
        end=span.end_char,
        token_start=span.start,
        token_end=span.end,
        text=span.text,
        type=entity_type,
        label=label,
        key=entity_key(entity_type, label),
        attributes=dict(attributes or {}),
    )
    if surface:
        record["surface"] = surface
    if gender:
        record["gender"] = gender
    if coreference:
        record["coreference"] = True
    if metonymy:
        record["metonymy"] = True
    if evidence:
        record["evidence"] = list(evidence)
    return record


def set_entity(mention: MentionRecord, entity_type: str, label: str, attributes: dict[str, str] | None = None) -> None:
    """Make ``mention`` name another entity (its key follows); ``attributes``, when given, replace its own."""
    mention["type"] = entity_type
    mention["label"] = label
    mention["key"] = entity_key(entity_type, label)
    if attributes is not None:
        mention["attributes"] = attributes


def cluster_record(
    label: str,
    entity_type: str,
    mentions: list[int],
    scores: dict[str, float] | None = None,
    reasons: list[str] | None = None,
    strong: list[str] | None = None,
) -> ClusterRecord:
    """The record of the entity (``entity_type``, ``label``) that the mentions at ``mentions`` name."""
    return ClusterRecord(
        key=entity_key(entity_type, label),
        label=label,
        type=entity_type,
        mentions=sorted(mentions),
        scores=dict(scores or {}),
        strong=sorted(strong or []),
        reasons=list(reasons or []),
    )


def relation_record(
    subject: int,
    obj: int,
    predicate: str,
    rule: str,
    confidence: float,
    start: int,
    end: int,
    sentence: Span,
    *,
    modality: str | None = None,
    title: str | None = None,
    date_text: str | None = None,
) -> RelationRecord:
    """The record of ``subject --predicate--> obj`` (mention indexes) found by ``rule`` in ``sentence``."""
    return RelationRecord(
        subject=subject,
        object=obj,
        predicate=predicate,
        rule=rule,
        confidence=confidence,
        modality=modality,
        start=start,
        end=end,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        title=title,
        date_text=date_text,
    )


def mention_spans(doc: Doc, mentions: list[MentionRecord]) -> list[Span]:
    """The mentions as spans labelled with their types, for ``doc.spans[SPAN_KEY]``."""
    return [Span(doc, m["token_start"], m["token_end"], label=m["type"]) for m in mentions]
