"""Entity types, their families and keys: shared by the extractor and the cross-article merge.

A family groups the types one real-world thing may be given in different
articles (an organisation typed Organization here and Company there); the
generic type of a family gives way to any more specific one.
"""

from __future__ import annotations

TYPE_FAMILY = {
    "Person": "person",
    "Country": "country",
    "City": "place",
    "Region": "place",
    "Place": "place",
    "Company": "organization",
    "Organization": "organization",
    "GovernmentBody": "organization",
    "PoliticalParty": "organization",
    "InternationalOrganization": "organization",
}
GENERIC_TYPES = frozenset({"Organization", "Place"})
ORGANIZATION_TYPES = frozenset(t for t, family in TYPE_FAMILY.items() if family == "organization")


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
