"""The one data model that the extractor produces and every exporter consumes.

Records are plain dataclasses built after ``nlp.pipe`` so that no spaCy object
outlives its batch (and ``n_process > 1`` stays possible).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = (
    "Country",
    "City",
    "Region",
    "Place",
    "Person",
    "Company",
    "Organization",
    "GovernmentBody",
    "PoliticalParty",
    "InternationalOrganization",
)


@dataclass(frozen=True)
class Article:
    """One input article; ``id`` is the contract's document id."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    # The near-duplicate fingerprint of the text (newskg.reprints), set where the text is parsed.
    fingerprint: str | None = None


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in an article (character offsets into the text)."""

    start: int
    end: int
    text: str
    sentence: int


@dataclass
class Entity:
    """An entity as seen inside one article: its canonical name, type and mentions.

    ``key`` identifies the entity within the article; ``merge_key`` is what the
    cross-article merge groups on.
    """

    key: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    # The article's evidence for the type: pooled cue weights per type, and the kinds of thing
    # (type families) a strong cue named (a gazetteer, a listed body, an honorific, a legal suffix). The
    # cross-article merge decides with them whether one name typed two ways is one thing or two.
    type_scores: dict[str, float] = field(default_factory=dict)
    strong_families: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Evidence:
    """Where and how a relation was found: the provenance of one statement."""

    article_id: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    modality: str | None = None
    date: str | None = None
    title: str | None = None


@dataclass
class Relation:
    """A directed statement ``subject --predicate--> object`` between entity keys."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    symmetric: bool = False


@dataclass
class ArticleRecords:
    """Everything extracted from one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    words: int = 0
