"""One type and one name per entity, from the evidence of all its mentions (never per mention).

Every named mention carries type cues (:mod:`newskg.extractor.evidence`). For an
entity, the weights of its cues are added up per type (``type_evidence.tsv``; cues of
the string itself count a capped number of times, since NER repeats one guess for each
mention of a name). The kind of thing (person, organisation, place, country) with the
most evidence wins; within it, the specific type with the most evidence, and the
generic type (Organization, Place) only when no specific type has any or a cue
beyond NER names it ('X University'). A name with
evidence of a person beyond NER is not a place. ``docs/entity-types.md`` tells how
the organisation types are told apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newskg.extractor.evidence import caps, cues_of, weights
from newskg.extractor.schema import MentionRecord
from newskg.vocabulary import GENERIC_TYPES, TYPE_FAMILY, type_family

# Cues strong enough that one of them, on one mention, may say that a string names a second thing.
STRONG_CUES = frozenset({"gazetteer", "known", "party", "honorific", "suffix"})
# Cues that say only what kind of thing a name is ('X, which' is no person), not which type of that kind.
FAMILY_CUES = frozenset({"ner", "which", "place"})
# On a tie, the kinds of thing in this order: gazetteers and titles decide more often than NER.
FAMILY_ORDER = ("country", "person", "organization", "place")


def pooled_scores(mentions: Iterable[MentionRecord]) -> dict[str, float]:
    """Type -> summed weight of the cues of ``mentions`` (NER's cue capped per type)."""
    table, capped = weights(), caps()
    scores: dict[str, float] = {}
    repeated: Counter[tuple[str, str]] = Counter()
    for m in mentions:
        for cue, entity_type in cues_of(m):
            if cue in capped:
                repeated[cue, entity_type] += 1
            else:
                scores[entity_type] = scores.get(entity_type, 0.0) + table[cue]
    for (cue, entity_type), count in repeated.items():
        scores[entity_type] = scores.get(entity_type, 0.0) + table[cue] * min(count, capped[cue])
    return scores


def family_scores(scores: dict[str, float]) -> dict[str, float]:
    found: dict[str, float] = {}
    for entity_type, score in scores.items():
        family = type_family(entity_type)
        found[family] = found.get(family, 0.0) + score
    return found


# Cues that say, for the cross-article merge, that an entity is surely of its kind: the strong cues, a kind noun
# beside the name, its head word, a relative 'which', the text treating it as a person.
DECISIVE_CUES = STRONG_CUES | {"context", "head", "which", "person"}


def decisive_families(mentions: Iterable[MentionRecord]) -> list[str]:
    """The kinds of thing that decisive cues of these mentions name ('Mr Jordan': person)."""
    return sorted({type_family(t) for m in mentions for cue, t in cues_of(m) if cue in DECISIVE_CUES})


def strong_families(m: MentionRecord) -> list[str]:
    """The kinds of thing the strong cues of one mention name ('Mr X': person; 'X Inc': organisation)."""
    return sorted({type_family(t) for cue, t in cues_of(m) if cue in STRONG_CUES})


def non_ner_score(mentions: Iterable[MentionRecord], family: str) -> float:
    table = weights()
    return sum(table[cue] for m in mentions for cue, t in cues_of(m) if cue != "ner" and type_family(t) == family)


def decide_type(mentions: list[MentionRecord]) -> tuple[str, dict[str, float], str]:
    """(type, pooled scores, reason) of the entity these mentions name."""
    scores = pooled_scores(mentions)
    if any(m["type"] == "Person" and len(m["text"].split()) > 1 for m in mentions) and "Country" in scores:
        # 'Michael Jordan ... Jordan scored': a country's name NER took for a person's is the person's here.
        scores["Country"] -= weights()["country_name"] * min(
            1, sum(1 for m in mentions for c, _ in cues_of(m) if c == "country_name")
        )
        scores = {t: s for t, s in scores.items() if s > 0}
    if not scores:
        # No cue at all (mentions made by hand): the most frequent type the mentions have.
        entity_type = Counter(m["type"] for m in mentions).most_common(1)[0][0]
        return entity_type, {}, "no type evidence: the mentions' own type"
    families = family_scores(scores)
    family = max(families, key=lambda f: (families[f], non_ner_score(mentions, f), -rank(f)))
    reason = ""
    if family == "place" and non_ner_score(mentions, "person") > 0:
        family, reason = "person", "a person elsewhere in the article is not a place; "
    in_family = {t: s for t, s in scores.items() if type_family(t) == family}
    # The generic type competes when a cue beyond NER gives it ('X University', 'the charity X'): that says
    # the organisation is no firm; NER's ORG alone says nothing about which kind it is.
    told = {t for m in mentions for cue, t in cues_of(m) if cue not in FAMILY_CUES}
    specific = {t: s for t, s in in_family.items() if t not in GENERIC_TYPES or t in told}
    if specific:
        entity_type = max(specific, key=lambda t: (specific[t], t))
    elif in_family:
        entity_type = max(in_family, key=lambda t: (in_family[t], t))
    else:
        entity_type = generic_type(family)
    shown = ", ".join(f"{t} {s:g}" for t, s in sorted(scores.items(), key=lambda item: (-item[1], item[0])))
    return entity_type, scores, f"{reason}type {entity_type} from {shown}"


def rank(family: str) -> int:
    return FAMILY_ORDER.index(family) if family in FAMILY_ORDER else len(FAMILY_ORDER)


def generic_type(family: str) -> str:
    """The type of a kind of thing that nothing more specific is known of."""
    for entity_type, kind in TYPE_FAMILY.items():
        if kind == family and entity_type in GENERIC_TYPES:
            return entity_type
    return next(t for t, kind in TYPE_FAMILY.items() if kind == family)


def cluster_label(mentions: list[MentionRecord], entity_type: str) -> str:
    """The entity's name: a canonical name a gazetteer, a list or the party lexicon gave one of its mentions
    ('United States' for 'US'), else its longest name ('Galdor Kessel Motors' over 'GKM', 'Jo Roe' over 'Roe').

    Only mentions typed as the kind of thing the entity is count ('Preston' the city does not name
    Tom Preston)."""
    family = type_family(entity_type)
    own = [m for m in mentions if type_family(m["type"]) == family or only_ner_typed(m)] or mentions
    canonical = Counter(m["label"] for m in own if m["label"] != m["text"] and canonical_cue(m))
    if canonical:
        return max(canonical, key=lambda name: (canonical[name], len(name.split()), name))
    labels = Counter(m["label"] for m in own)
    first: dict[str, int] = {}
    for m in own:
        first.setdefault(m["label"], m["token_start"])
    return max(labels, key=lambda name: (len(name.split()), labels[name], -first[name]))


def only_ner_typed(m: MentionRecord) -> bool:
    """Only NER typed the mention: its type is no reason to leave its name out ('Marta Vogel' taken for a firm)."""
    return all(cue == "ner" for cue, _ in cues_of(m))


def canonical_cue(m: MentionRecord) -> bool:
    """The mention's name comes from a gazetteer, the list of known bodies or the party lexicon."""
    return any(cue in ("gazetteer", "known", "party", "city", "country_name") for cue, _ in cues_of(m))


def cluster_attributes(mentions: list[MentionRecord], entity_type: str) -> dict[str, str]:
    """The facts the mentions of the entity's own type give (a country's ISO code, a city's GeoNames id)."""
    attributes: dict[str, str] = {}
    for m in mentions:
        if m["type"] == entity_type or (
            type_family(m["type"]) == type_family(entity_type) and m["type"] in GENERIC_TYPES
        ):
            for name, value in m["attributes"].items():
                attributes.setdefault(name, value)
    return attributes
