"""Event dates: find the date expression attached to an event and resolve it against the article date."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
RELATIVE = {"yesterday": -1, "today": 0, "tomorrow": 1}


def date_entities(doc: Doc) -> dict[int, Span]:
    """Token index -> the DATE entity that covers it."""
    return {token.i: ent for ent in doc.ents if ent.label_ == "DATE" for token in ent}


def attached_date(anchors: list[Token], dates: dict[int, Span]) -> str | None:
    """Text of the date expression attached to the first anchor that has one ('on Wednesday', 'in 2018')."""
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in dates:
                        return dates[pobj.i].text
            elif child.dep_ in ("npadvmod", "tmod", "obl", "advmod") and child.i in dates:
                return dates[child.i].text
    return None


def parse_article_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve_date(expression: str | None, article_date: str | None) -> str | None:
    """An ISO date (or year, or year-month) for a date expression, or None when it cannot be resolved.

    Weekday names resolve to the most recent such day on or before the article date; relative
    expressions ('last month', 'yesterday') need the article date; explicit years do not.
    """
    if not expression:
        return None
    text = expression.lower().replace(".", "").strip()
    anchor = parse_article_date(article_date)
    words = text.split()
    for word in words:
        if word in WEEKDAYS:
            if anchor is None:
                return None
            back = (anchor.weekday() - WEEKDAYS[word]) % 7
            return (anchor - timedelta(days=back)).isoformat()
    for word, shift in RELATIVE.items():
        if word in words:
            return (anchor + timedelta(days=shift)).isoformat() if anchor else None
    if anchor is not None and len(words) >= 2 and words[-2] in ("last", "this", "next", "past"):
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[words[-2]]
        unit = words[-1]
        if unit == "week":
            return (anchor + timedelta(weeks=step)).isoformat()
        if unit == "month":
            return (anchor + relativedelta(months=step)).strftime("%Y-%m")
        if unit == "year":
            return str(anchor.year + step)
    year = YEAR.search(text)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    has_day = any(
        w.rstrip(",").rstrip("stndrh").isdigit() and len(w.rstrip(",")) <= 4 and not YEAR.fullmatch(w) for w in words
    )
    if month is None:
        return year.group(1) if year else None
    if year is not None:
        base_year = int(year.group(1))
    elif anchor is not None:
        base_year = anchor.year
    else:
        return None
    if not has_day:
        return f"{base_year:04d}-{month:02d}"
    try:
        parsed = date_parser.parse(expression, default=datetime(base_year, month, 1), fuzzy=True)
    except (ValueError, OverflowError):
        return f"{base_year:04d}-{month:02d}"
    return parsed.date().isoformat()
