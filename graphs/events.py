"""Events: one happening, however many articles and outlets report it.

After merging, the statements of one event relation (``signed``, ``met``, ...)
between the same actor and target are grouped by date into **events**:

- A statement's *day* is its own event date when that is a calendar day, else
  its article's date ("undated statements join the event of their article's
  date"). A year or month that does not contain the article's date ("signed a
  pact in 2018", in an article of 2021) is a period of its own: those statements
  are one event dated by the period, apart from the article's news. A statement
  with no date and an undated article has no day; the undated statements of a
  pair are one undated event.
- Days group by a window anchored at the first: the earliest day starts an
  event, every day up to ``window`` days after it joins it, and the first day
  beyond starts the next event (:func:`window_anchors`). Every event so spans at
  most ``window`` days from its date, its earliest day; a chain of daily reports
  does not grow into one event of weeks, as single linkage would make it. The
  grouping depends on the set of days only: the order of articles never
  changes it. ``docs/events.md`` says why the default window is 3 days.

Each event carries a stable id (relation, actor, target, date), its articles,
its distinct sources (the JSONL ``source``, else the host of the ``url``), the
first and last publication dates, and the best evidence sentence. Mentions
are counted with reprints once (:func:`mention_count`): a reprint group
(:mod:`newskg.reprints`) adds its articles and outlets, but its statements count
as those of one article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from newskg.model import Article, Event, Evidence, GraphRelation, KnowledgeGraph, RelationKey
from newskg.reprints import reprint_group_of
from newskg.vocabulary import relation_inventory

DEFAULT_EVENT_WINDOW = 3  # days (docs/events.md)


def iso_date(value: str | None) -> str | None:
    """The calendar date (YYYY-MM-DD) of an ISO date or timestamp; None for anything else."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def best_evidence(evidence: Iterable[Evidence]) -> Evidence:
    """The most confident, shortest supporting sentence; ties broken so that evidence order never matters."""
    return min(evidence, key=lambda e: (-e.confidence, len(e.sentence), e.sentence, e.article_id, e.start))


def event_relations() -> frozenset[str]:
    return frozenset(name for name, info in relation_inventory().items() if info.kind == "event")


def article_source(article: Article | None) -> str | None:
    """The outlet of an article: its ``source``, else the host of its ``url`` (without ``www.``)."""
    if article is None:
        return None
    if article.source and article.source.strip():
        return article.source.strip()
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def statement_day(evidence: Evidence, article: Article | None) -> str | None:
    """What a statement's event is grouped by: a calendar day, a period (``2018``, ``2018-05``) or None.

    Its own day-precise date; else its article's date, unless its own date is a
    year or month that does not contain the article's date (then that period).
    """
    own = iso_date(evidence.date)
    if own:
        return own
    published = iso_date(article.date if article else None)
    period = (evidence.date or "").strip()
    if period and not (published and published.startswith(period)) and len(period) in (4, 7):
        return period
    return published


def is_day(value: str | None) -> bool:
    return value is not None and len(value) == 10


def window_anchors(days: Iterable[str], window: int) -> dict[str, str]:
    """Each ISO day -> the first day of its event (anchored window; see the module docstring).

    Sorted days; the first opens an event; a day more than ``window`` days after
    the event's first day opens the next. Depends only on the set of days.
    """
    anchors: dict[str, str] = {}
    anchor: dt.date | None = None
    anchor_text = ""
    for text in sorted(set(days)):
        day = dt.date.fromisoformat(text)
        if anchor is None or (day - anchor).days > window:
            anchor, anchor_text = day, text
        anchors[text] = anchor_text
    return anchors


def statement_key(evidence: Evidence) -> tuple[str, int, int, str]:
    """One supporting mention (the same mention found twice is one statement, as in RDF)."""
    return evidence.article_id, evidence.start, evidence.end, evidence.rule


def mention_count(evidence: Iterable[Evidence], reprints: Mapping[str, str]) -> int:
    """Supporting mentions, a reprint group's counted once: per group, the most any one of its articles has."""
    per_article: dict[str, set[tuple[str, int, int, str]]] = defaultdict(set)
    for item in evidence:
        per_article[item.article_id].add(statement_key(item))
    per_group: dict[str, int] = defaultdict(int)
    for article_id, statements in per_article.items():
        group = reprint_group_of(article_id, reprints)
        per_group[group] = max(per_group[group], len(statements))
    return sum(per_group.values())


def event_id(relation: str, actor: str, target: str, date: str | None) -> str:
    """Stable id of an event: the same relation, actor, target and date give the same id in every run."""
    return hashlib.sha1("\x1f".join((relation, actor, target, date or "")).encode("utf-8")).hexdigest()[:16]


def make_event(
    key: RelationKey,
    statements: list[Evidence],
    articles: Mapping[str, Article],
    reprints: Mapping[str, str],
) -> Event:
    """The event record of a group of statements of one relation (the grouping is the caller's)."""
    actor, relation, target = key
    days = {statement_day(e, articles.get(e.article_id)) for e in statements}
    dated = sorted(d for d in days if d)
    date = min(dated, key=lambda d: (not is_day(d), d)) if dated else None
    article_ids = sorted({e.article_id for e in statements})
    published = sorted(d for d in (iso_date(articles[a].date) for a in article_ids if a in articles) if d)
    sources = sorted({s for s in (article_source(articles.get(a)) for a in article_ids) if s})
    ordered = tuple(sorted(statements, key=lambda e: (e.article_id, e.start, e.end, e.rule, e.sentence)))
    return Event(
        id=event_id(relation, actor, target, date),
        relation=relation,
        actor=actor,
        target=target,
        date=date,
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        articles=tuple(article_ids),
        sources=tuple(sources),
        mentions=mention_count(statements, reprints),
        evidence=best_evidence(statements),
        statements=ordered,
    )


def relation_events(
    relation: GraphRelation, articles: Mapping[str, Article], reprints: Mapping[str, str], window: int
) -> list[Event]:
    """The events behind one edge, in date order (undated last)."""
    days = {id(e): statement_day(e, articles.get(e.article_id)) for e in relation.evidence}
    anchors = window_anchors((d for d in days.values() if d is not None and is_day(d)), window)
    groups: dict[str | None, list[Evidence]] = defaultdict(list)
    for evidence in relation.evidence:
        day = days[id(evidence)]
        groups[anchors[day] if day is not None and is_day(day) else day].append(evidence)
    key = (relation.subject, relation.predicate, relation.object)
    events = [make_event(key, statements, articles, reprints) for statements in groups.values()]
    return sorted(events, key=event_order)


def event_order(event: Event) -> tuple[str, str, str, bool, str, str]:
    return event.actor, event.relation, event.target, event.date is None, event.date or "", event.id


def consolidate(graph: KnowledgeGraph, window: int = DEFAULT_EVENT_WINDOW) -> list[Event]:
    """Every event of the graph's event relations, by edge and date."""
    kinds = event_relations()
    events: list[Event] = []
    for relation in graph.sorted_relations():
        if relation.predicate in kinds and relation.evidence:
            events.extend(relation_events(relation, graph.articles, graph.reprints, window))
    return events


def events_by_relation(events: Iterable[Event]) -> dict[RelationKey, list[Event]]:
    grouped: dict[RelationKey, list[Event]] = defaultdict(list)
    for event in events:
        grouped[event.key].append(event)
    return grouped


def most_reported(events: Iterable[Event], top: int) -> list[Event]:
    """The events with most sources, then articles, then mentions (ties: earlier date, then id)."""
    ranked = sorted(
        events, key=lambda e: (-e.num_sources, -e.num_articles, -e.mentions, e.date is None, e.date or "", e.id)
    )
    return ranked[:top]
