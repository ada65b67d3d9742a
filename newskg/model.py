"""The one data model: the records the extractor produces per article, and the merged graph every exporter
consumes. Its closed vocabularies (entity types, relations) are in :mod:`newskg.vocabulary`.

Records are plain dataclasses built after ``nlp.pipe`` so that no spaCy object
outlives its batch (and ``n_process > 1`` stays possible).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where an article was read: a file (as given on the command line, or ``<stdin>``) and its JSONL line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Article:
    """One input article; ``id`` is the contract's document id.

    ``origin`` says where it was read, for messages and for telling two sources of one id apart; it is
    not part of the article's content (not compared, not hashed, not in any output graph).
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    # The near-duplicate fingerprint of the text (newskg.reprints), set where the text is parsed.
    fingerprint: str | None = None
    origin: Origin | None = field(default=None, compare=False)

    @property
    def where(self) -> str:
        """The origin for a message ('day1/001.txt', 'news.jsonl:3'), or the id when unknown."""
        return str(self.origin) if self.origin is not None else self.id


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


# --- the merged graph of a run ---------------------------------------------------------------

RelationKey = tuple[str, str, str]  # (subject, predicate, object) node ids


@dataclass
class GraphEntity:
    """One node of the merged graph: an entity of one or more articles."""

    id: str
    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    attributes: dict[str, str] = field(default_factory=dict)
    # The type evidence of its articles, summed (see Entity), for the merge across kinds (newskg.graphs.kinds).
    type_scores: dict[str, float] = field(default_factory=dict)
    strong_families: set[str] = field(default_factory=set)


@dataclass
class GraphRelation:
    """One edge of the merged graph, with every statement (supporting mention) behind it."""

    subject: str
    predicate: str
    object: str
    symmetric: bool
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({e.article_id for e in self.evidence})


@dataclass(frozen=True)
class MergeRecord:
    """One cross-article merge (or a refused one): which name and type from which articles joined which node, why."""

    node: str
    label: str
    type: str
    articles: tuple[str, ...]
    reason: str

    def as_dict(self) -> dict[str, str]:
        """The record as the merge report writes it (article ids joined with ``|``)."""
        return {
            "node": self.node,
            "label": self.label,
            "type": self.type,
            "articles": "|".join(self.articles),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Event:
    """One happening: the statements of one event relation between one actor and target within one window."""

    id: str
    relation: str
    actor: str
    target: str
    date: str | None  # the earliest day (or the period) of its statements
    first_reported: str | None  # earliest and latest publication date of its articles
    last_reported: str | None
    articles: tuple[str, ...]
    sources: tuple[str, ...]
    mentions: int  # supporting mentions, reprints counted once
    evidence: Evidence  # the best supporting sentence
    statements: tuple[Evidence, ...]

    @property
    def key(self) -> RelationKey:
        return self.actor, self.relation, self.target

    @property
    def num_articles(self) -> int:
        return len(self.articles)

    @property
    def num_sources(self) -> int:
        return len(self.sources)


@dataclass
class KnowledgeGraph:
    """The merged graph of a run (built by :mod:`newskg.graphs.merge`): what every exporter consumes."""

    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, GraphEntity] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], GraphRelation] = field(default_factory=dict)
    merges: list[MergeRecord] = field(default_factory=list)
    # Each reprinted article -> the article it reprints (newskg.reprints), and the events (newskg.graphs.events).
    reprints: dict[str, str] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    def add_relation(
        self, subject: str, predicate: str, obj: str, symmetric: bool, evidence: list[Evidence]
    ) -> tuple[str, str, str]:
        """Add (or extend) an edge; returns its key (a symmetric edge keeps one stable direction)."""
        if symmetric and obj < subject:
            subject, obj = obj, subject
        key = (subject, predicate, obj)
        edge = self.relations.get(key)
        if edge is None:
            edge = self.relations[key] = GraphRelation(subject, predicate, obj, symmetric)
        edge.evidence.extend(evidence)
        return key

    def sorted_entities(self) -> list[GraphEntity]:
        return [self.entities[key] for key in sorted(self.entities)]

    def sorted_relations(self) -> list[GraphRelation]:
        return [self.relations[key] for key in sorted(self.relations)]
