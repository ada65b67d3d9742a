"""The relation inventory and the trigger lexicon, read from the data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class RelationInfo:
    name: str
    plover: str | None
    symmetric: bool
    kind: str


def data_text(filename: str) -> str:
    return resources.files("newskg.extractor").joinpath("data", filename).read_text(encoding="utf-8")


def data_rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of a TSV text, skipping blank lines and '#' comments."""
    return [
        (number, [cell.strip() for cell in line.split("\t")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


@cache
def relation_inventory() -> dict[str, RelationInfo]:
    """Every relation of the contract with its PLOVER category and symmetry."""
    table = {}
    for _, cells in data_rows(data_text("relations.tsv")):
        name, plover, symmetric, kind = cells
        table[name] = RelationInfo(name, plover or None, symmetric == "yes", kind)
    return table


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


def parse_triggers(text: str, where: str) -> dict[tuple[str, str], str]:
    """(lemma, POS) -> relation from TSV rows 'lemma, relation[, VERB|NOUN]'."""
    table = {}
    inventory = relation_inventory()
    for number, cells in data_rows(text):
        if len(cells) < 2:
            raise LexiconError(f"{where}:{number}: expected 'lemma<TAB>relation[<TAB>VERB|NOUN]'")
        lemma, relation = cells[0].lower(), cells[1]
        pos = cells[2].upper() if len(cells) > 2 and cells[2] else "VERB"
        if relation not in inventory:
            raise LexiconError(f"{where}:{number}: unknown relation {relation!r}")
        if pos not in ("VERB", "NOUN"):
            raise LexiconError(f"{where}:{number}: part of speech must be VERB or NOUN, not {pos!r}")
        table[(lemma, pos)] = relation
    return table


def load_triggers(extra: list[str] | None = None) -> dict[tuple[str, str], str]:
    """The bundled trigger lexicon, extended (and overridden) by user lexicon files."""
    table = parse_triggers(data_text("triggers.tsv"), "triggers.tsv")
    for path in extra or []:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as err:
            raise LexiconError(f"{path}: cannot read lexicon ({err.strerror or err})") from err
        table.update(parse_triggers(text, path))
    return table
