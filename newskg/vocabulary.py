"""The contract's closed vocabularies: entity types, their families and groups, and the relation inventory.

One home for what the extractor produces and every exporter relies on, read from
the tables in ``newskg/data/``: ``entity_types.tsv`` (each type's family, whether
it is its family's generic type, and the groups it belongs to), ``relations.tsv``
(each relation's PLOVER category, symmetry, kind and whether it is a role) and
``relation_types.tsv`` (the entity types each relation may join). Nothing here
imports spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


def data_rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of a TSV text, skipping blank lines and '#' comments."""
    return [
        (number, [cell.strip() for cell in line.split("\t")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


def table(filename: str) -> list[list[str]]:
    """The rows of one of the contract's tables in ``newskg/data``."""
    text = resources.files("newskg").joinpath("data", filename).read_text(encoding="utf-8")
    return [cells for _, cells in data_rows(text)]


# --- entity types ---------------------------------------------------------------------


@dataclass(frozen=True)
class EntityTypeInfo:
    name: str
    family: str
    generic: bool
    groups: frozenset[str]


ENTITY_TYPE_INFO: dict[str, EntityTypeInfo] = {
    cells[0]: EntityTypeInfo(cells[0], cells[1], cells[2] == "yes", frozenset(g.strip() for g in cells[3].split(",")))
    for cells in table("entity_types.tsv")
}
ENTITY_TYPES: tuple[str, ...] = tuple(ENTITY_TYPE_INFO)
TYPE_FAMILY = {name: info.family for name, info in ENTITY_TYPE_INFO.items()}
GENERIC_TYPES = frozenset(name for name, info in ENTITY_TYPE_INFO.items() if info.generic)
# Group name -> its types; "*" is every type.
TYPE_GROUPS: dict[str, frozenset[str]] = {
    group: frozenset(name for name, info in ENTITY_TYPE_INFO.items() if group in info.groups)
    for group in sorted({group for info in ENTITY_TYPE_INFO.values() for group in info.groups})
}
TYPE_GROUPS["*"] = frozenset(ENTITY_TYPES)
ORGANIZATION_TYPES = TYPE_GROUPS["ORG"]
LOCATION_TYPES = TYPE_GROUPS["LOC"]
AGENT_TYPES = TYPE_GROUPS["AGENT"]
INSTITUTION_TYPES = TYPE_GROUPS["INSTITUTION"]


def type_family(entity_type: str) -> str:
    return TYPE_FAMILY.get(entity_type, entity_type.lower())


def more_specific(current: str, other: str) -> str:
    """The more informative of two types of one family (Company over Organization, City over Place)."""
    if current in GENERIC_TYPES and other not in GENERIC_TYPES:
        return other
    return current


def entity_key(entity_type: str, label: str) -> str:
    """The key mentions of one entity share within an article: type family and canonical name."""
    return f"{type_family(entity_type)}:{label}"


# --- relations ------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationInfo:
    name: str
    plover: str | None
    symmetric: bool
    kind: str  # "event" or "standing"
    role: bool = False  # a person's titled affiliation (holds_role, leads, works_for)


@cache
def relation_inventory() -> dict[str, RelationInfo]:
    """Every relation of the contract, in the contract's order, with its categories."""
    return {
        cells[0]: RelationInfo(cells[0], cells[1] or None, cells[2] == "yes", cells[3], cells[4] == "yes")
        for cells in table("relations.tsv")
    }


ROLE_RELATIONS = frozenset(name for name, info in relation_inventory().items() if info.role)


def expand_types(spec: str) -> frozenset[str]:
    """The types a comma-separated list of types and groups names ("Person,ORG")."""
    return frozenset(t for part in spec.split(",") for t in TYPE_GROUPS.get(part.strip(), {part.strip()}))


@cache
def relation_types() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Relation -> (allowed subject types, allowed object types)."""
    return {cells[0]: (expand_types(cells[1]), expand_types(cells[2])) for cells in table("relation_types.tsv")}
