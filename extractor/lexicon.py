"""The lexicons of the extractor, read from its data files (the relation inventory is in :mod:`newskg.vocabulary`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from newskg.vocabulary import data_rows, relation_inventory


@dataclass(frozen=True)
class Trigger:
    """A word that states a relation, and what introduces its target ("obj" or a preposition).

    ``particle`` is a second word the verb must have (a particle, a preposition or a fixed object:
    "take over", "go after", "open fire"); ``modifiers`` are words a noun must have before it
    ("air strike", "legal action"). ``verbs`` restricts a noun to the verbs it is the object of
    ("take a stake in"); ``needs`` lists complements a verb must have, any one of them ("take X to
    court", "hold X responsible"). ``modality`` is the event's modality unless the sentence gives one
    ("bid for": planned); ``reverse`` makes the argument the actor and the subject the target
    ("received support from X"); ``actor`` names the preposition of the actor when it is neither the
    subject nor the argument ("sold Y to X": X acquired Y); ``anchored`` keeps a noun from standing alone.
    """

    lemma: str
    relation: str
    pos: str
    arguments: frozenset[str]
    particle: str | None = None
    modifiers: tuple[str, ...] = ()
    verbs: frozenset[str] = frozenset()
    needs: tuple[tuple[str, ...], ...] = ()
    modality: str | None = None
    reverse: bool = False
    anchored: bool = False
    actor: str | None = None

    @property
    def takes_object(self) -> bool:
        return "obj" in self.arguments

    @property
    def specific(self) -> bool:
        """A row that names more than its word: it wins over the plain row of the same word."""
        return bool(self.particle or self.modifiers or self.needs)

    def same_pattern(self, other: Trigger) -> bool:
        return (self.particle, self.modifiers, self.verbs, self.needs) == (
            other.particle,
            other.modifiers,
            other.verbs,
            other.needs,
        )


Triggers = dict[tuple[str, str], list[Trigger]]


def data_text(filename: str) -> str:
    return resources.files("newskg.extractor").joinpath("data", filename).read_text(encoding="utf-8")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


OPTIONS = ("verbs", "needs", "modality", "actor")
FLAGS = ("reverse", "anchored")


def parse_options(text: str, where: str) -> dict[str, str | bool]:
    """'verbs=take,buy; modality=planned; reverse' -> {"verbs": "take,buy", "modality": "planned", "reverse": True}."""
    found: dict[str, str | bool] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part or part == "-":
            continue
        key, _, value = (s.strip() for s in part.partition("="))
        if key in FLAGS and not value:
            found[key] = True
        elif key in OPTIONS and value:
            found[key] = value.lower()
        else:
            raise LexiconError(f"{where}: unknown option {part!r} (expected {', '.join(OPTIONS + FLAGS)})")
    return found


def parse_triggers(text: str, where: str) -> list[Trigger]:
    """Trigger rows 'lemma, relation[, VERB|NOUN[, arguments[, options]]]' of a lexicon file."""
    found = []
    inventory = relation_inventory()
    for number, cells in data_rows(text):
        here = f"{where}:{number}"
        if len(cells) < 2:
            raise LexiconError(f"{here}: expected 'lemma<TAB>relation[<TAB>VERB|NOUN[<TAB>arguments[<TAB>options]]]'")
        words, relation = cells[0].lower().split(), cells[1]
        pos = cells[2].upper() if len(cells) > 2 and cells[2] else "VERB"
        if relation not in inventory:
            raise LexiconError(f"{here}: unknown relation {relation!r}")
        if pos not in ("VERB", "NOUN"):
            raise LexiconError(f"{here}: part of speech must be VERB or NOUN, not {pos!r}")
        default = "obj" if pos == "VERB" else "of"
        arguments = {a.strip().lower() for a in (cells[3] if len(cells) > 3 and cells[3] else default).split(",")}
        options = parse_options(cells[4], here) if len(cells) > 4 else {}
        particle: str | None = None
        modifiers: tuple[str, ...] = ()
        if pos == "VERB":
            # "take over", "open fire", "lash out at": the verb, one word it needs, a preposition for its argument.
            if len(words) == 3 and words[2] in word_list("prepositions.txt"):
                arguments = (arguments - {"obj"} if len(cells) <= 3 or not cells[3] else arguments) | {words[2]}
                words = words[:2]
            if not words or len(words) > 2:
                raise LexiconError(
                    f"{here}: a verb is one word, a verb and its particle, or both and a preposition ('lash out at')"
                )
            particle = words[1] if len(words) == 2 else None
            lemma = words[0]
        else:
            if not words or len(words) > 3:
                raise LexiconError(f"{here}: a noun is one word or up to two modifiers and the noun ('air strike')")
            lemma, modifiers = words[-1], tuple(words[:-1])
        needs = tuple(
            tuple(alternative.split())
            for alternative in str(options.get("needs", "")).split(",")
            if alternative.strip()
        )
        verbs = frozenset(v.strip() for v in str(options.get("verbs", "")).split(",") if v.strip())
        if needs and pos != "VERB":
            raise LexiconError(f"{here}: 'needs' is for verbs; a noun names its verbs with 'verbs='")
        if verbs and pos != "NOUN":
            raise LexiconError(f"{here}: 'verbs' is for nouns; a verb names its complements with 'needs='")
        modality = options.get("modality")
        if modality and modality not in modality_values():
            raise LexiconError(f"{here}: unknown modality {modality!r} (one of {', '.join(sorted(modality_values()))})")
        found.append(
            Trigger(
                lemma,
                relation,
                pos,
                frozenset(arguments - {""}),
                particle,
                modifiers,
                verbs,
                needs,
                str(modality) if modality else None,
                bool(options.get("reverse")),
                bool(options.get("anchored")),
                str(options["actor"]) if options.get("actor") else None,
            )
        )
    return found


@cache
def modality_values() -> frozenset[str]:
    return frozenset(word_table("modality.tsv").values())


def load_triggers(extra: list[str] | None = None) -> Triggers:
    """(lemma, POS) -> triggers: the bundled lexicon, extended (and overridden) by user lexicon files.

    A user row overrides bundled rows of the same lemma, POS and pattern (particle, modifiers, verbs,
    complements) that share an argument.
    """
    table: Triggers = {}

    def add(triggers: list[Trigger]) -> None:
        for trigger in triggers:
            rows = table.setdefault((trigger.lemma, trigger.pos), [])
            rows[:] = [row for row in rows if not row.same_pattern(trigger) or not (row.arguments & trigger.arguments)]
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
