"""The lexicons of the extractor, read from its data files (the relation inventory is in :mod:`newskg.vocabulary`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from newskg.vocabulary import data_rows, relation_inventory


@dataclass(frozen=True)
class Trigger:
    """A word that states a relation, and what introduces its target ("obj" or a preposition)."""

    lemma: str
    relation: str
    pos: str
    arguments: frozenset[str]
    particle: str | None = None

    @property
    def takes_object(self) -> bool:
        return "obj" in self.arguments


Triggers = dict[tuple[str, str], list[Trigger]]


def data_text(filename: str) -> str:
    return resources.files("newskg.extractor").joinpath("data", filename).read_text(encoding="utf-8")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


def parse_triggers(text: str, where: str) -> list[Trigger]:
    """Trigger rows 'lemma, relation[, VERB|NOUN[, arguments]]' of a lexicon file."""
    found = []
    inventory = relation_inventory()
    for number, cells in data_rows(text):
        if len(cells) < 2:
            raise LexiconError(f"{where}:{number}: expected 'lemma<TAB>relation[<TAB>VERB|NOUN[<TAB>arguments]]'")
        words, relation = cells[0].lower().split(), cells[1]
        pos = cells[2].upper() if len(cells) > 2 and cells[2] else "VERB"
        if not words or len(words) > 2:
            raise LexiconError(f"{where}:{number}: lemma must be one word or a verb and its particle")
        if relation not in inventory:
            raise LexiconError(f"{where}:{number}: unknown relation {relation!r}")
        if pos not in ("VERB", "NOUN"):
            raise LexiconError(f"{where}:{number}: part of speech must be VERB or NOUN, not {pos!r}")
        default = "obj" if pos == "VERB" else "of"
        arguments = frozenset(
            a.strip().lower() for a in (cells[3] if len(cells) > 3 and cells[3] else default).split(",")
        )
        particle = words[1] if len(words) == 2 else None
        found.append(Trigger(words[0], relation, pos, arguments - {""}, particle))
    return found


def load_triggers(extra: list[str] | None = None) -> Triggers:
    """(lemma, POS) -> triggers: the bundled lexicon, extended (and overridden) by user lexicon files.

    A user row overrides bundled rows of the same lemma, POS and particle that share an argument.
    """
    table: Triggers = {}

    def add(triggers: list[Trigger]) -> None:
        for trigger in triggers:
            rows = table.setdefault((trigger.lemma, trigger.pos), [])
            rows[:] = [
                row for row in rows if row.particle != trigger.particle or not (row.arguments & trigger.arguments)
            ]
            rows.append(trigger)

    add(parse_triggers(data_text("triggers.tsv"), "triggers.tsv"))
    for path in extra or []:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as err:
            raise LexiconError(f"{path}: cannot read lexicon ({err.strerror or err})") from err
        add(parse_triggers(text, path))
    return table


@cache
def word_list(filename: str) -> frozenset[str]:
    """The words of a one-column data file."""
    return frozenset(cells[0].lower() for _, cells in data_rows(data_text(filename)))


@cache
def word_table(filename: str) -> dict[str, str]:
    """First column -> second column of a two-column data file."""
    return {cells[0].lower(): cells[1] for _, cells in data_rows(data_text(filename))}
