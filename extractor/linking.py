"""Which named mentions of an article name one thing: the groups the clusters component starts from.

A union-find over the named mentions (pronouns and descriptions come later, in
:mod:`newskg.extractor.coref`). Mentions join, in this order, and every join is
recorded with its reason:

1. the same name: the same surface string (case, dots, a leading 'the' and a
   possessive aside) or the same canonical name of one kind ('US', 'America' and
   'American' are the United States), unless the article gives real evidence of two
   things: strong cues of two kinds for one string ('Mr Jordan' and 'in Jordan' with
   the country named by the gazetteer), and then the reason is recorded;
2. acronyms and their expansion, in either order, with or without brackets
   ('GKM' ... 'Galdor Kessel Motors', 'Nordvik Fisheries Council (NFC)'), when one name of
   the article spells it (:mod:`newskg.extractor.acronyms`);
3. short forms and long forms that differ only by corporate words ('Halvorsen' /
   'Halvorsen Motors', 'Renewal' / 'Renewal Party', 'the Commission' / 'the
   European Commission') or by a country before them ('Department of Justice' / 'US
   Department of Justice'), unless the article sets them apart ('Acme and Acme Music',
   'Acme Music, the music arm of Acme') or the short form is a country or a city;
4. people named by part of their name: 'Blair', 'Mr Blair' after 'Tony Blair' (a
   name after an honorific is a surname), when one full name of the article fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc

from newskg.extractor.acronyms import acronym_forms, is_acronym, skipped_words
from newskg.extractor.cluster_types import family_scores, pooled_scores, strong_families
from newskg.extractor.evidence import cues_of, legal_suffixes
from newskg.extractor.gazetteer import lookup_city, lookup_country, lookup_demonym, read_words
from newskg.extractor.missed import token_texts
from newskg.extractor.people import SURNAME_HONORIFICS
from newskg.extractor.schema import MentionRecord
from newskg.extractor.type_cues import name_heads, organization_keywords
from newskg.vocabulary import type_family

# Cues that say a name is a country, state or city: such a name is no short form of a firm's name.
PLACE_CUES = frozenset({"gazetteer", "city"})
# Cues (besides NER) that say a name is a person's.
PERSON_CUES = frozenset({"honorific", "person"})


def surface_key(text: str) -> str:
    """A name as compared within an article: case, dots, a leading 'the' and a possessive aside."""
    name = re.sub(r"(['\u2019]s?)$", "", text.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE).replace(".", "")
    return " ".join(name.split()).casefold()


def words_of(text: str) -> list[str]:
    return surface_key(text).split()


@cache
def corporate_words() -> frozenset[str]:
    return read_words("corporate_words.txt") | frozenset(s.lower() for s in legal_suffixes())


@cache
def organisation_heads() -> frozenset[str]:
    """Kind words that name an organisation alone as 'the X' ('the Commission', 'the Council')."""
    heads = {word.lower() for word, _ in organization_keywords() if word[:1].isupper() and word.isalpha()}
    heads |= {word.lower() for (position, word), kind in name_heads().items() if position == "last" and kind}
    return frozenset(heads)


def subsidiary_nouns() -> frozenset[str]:
    return read_words("subsidiary_nouns.txt")


class Groups:
    """Union-find over mention indexes, with the reasons of each group."""

    def __init__(self, mentions: list[MentionRecord], indexes: Iterable[int]) -> None:
        self.mentions = mentions
        self.parent = {i: i for i in indexes}
        self.reasons: dict[int, list[str]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, reason: str | None = None) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.reasons.setdefault(a, []).extend(self.reasons.pop(b, []))
        if reason:
            self.reasons[a].append(reason)

    def note(self, i: int, reason: str) -> None:
        self.reasons.setdefault(self.find(i), []).append(reason)

    def groups(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for i in sorted(self.parent):
            found.setdefault(self.find(i), []).append(i)
        return found

    def members(self, i: int) -> list[MentionRecord]:
        root = self.find(i)
        return [self.mentions[j] for j in self.parent if self.find(j) == root]


def has_cue(mentions: Iterable[MentionRecord], cues: frozenset[str]) -> bool:
    return any(cue in cues for m in mentions for cue, _ in cues_of(m))


def same_names(groups: Groups) -> None:
    """Step 1: one surface string, or one canonical name of one kind, is one thing, unless strong cues of two
    kinds say the string names two things here."""
    mentions = groups.mentions
    by_surface: dict[str, list[int]] = {}
    for i in groups.parent:
        by_surface.setdefault(surface_key(mentions[i]["text"]), []).append(i)
    for surface, indexes in by_surface.items():
        for part in split_by_strong_cues(groups, surface, indexes):
            for i in part[1:]:
                groups.union(part[0], i)
    by_key: dict[str, list[int]] = {}
    for i in groups.parent:
        by_key.setdefault(mentions[i]["key"], []).append(i)
    for indexes in by_key.values():
        for i in indexes[1:]:
            groups.union(indexes[0], i)


def split_by_strong_cues(groups: Groups, surface: str, indexes: list[int]) -> list[list[int]]:
    """The mentions of one string as one part, or as one part per kind of thing when strong cues of two kinds
    (a gazetteer country and an honorific, a legal suffix and a city) say it names two things."""
    mentions = groups.mentions
    strong = {i: strong_families(mentions[i]) for i in indexes}
    kinds = sorted({family for families in strong.values() for family in families})
    if len(kinds) < 2 or any(len(families) > 1 for families in strong.values()):
        return [indexes]
    parts: dict[str, list[int]] = {kind: [] for kind in kinds}
    for i in indexes:
        own = strong[i][0] if strong[i] else type_family(mentions[i]["type"])
        parts.get(own, max(parts.values(), key=len)).append(i)
    found = [part for part in parts.values() if part]
    for part in found:
        groups.note(part[0], f"{surface!r} names {len(found)} things here: strong cues of {', '.join(kinds)}")
    return found


def acronym_links(doc: Doc, groups: Groups) -> None:
    """Step 2: an acronym joins the one group with a name that spells it ('GKM' / 'Galdor Kessel Motors')."""
    mentions = groups.mentions
    spelled: dict[str, set[int]] = {}
    for i in groups.parent:
        for form in acronym_forms(mentions[i]["text"]):
            spelled.setdefault(form, set()).add(groups.find(i))
    for i in list(groups.parent):
        m = mentions[i]
        if not is_acronym(m["text"]) or has_cue([m], frozenset({"gazetteer", "known", "party"})):
            continue
        owners = {groups.find(j) for j in spelled.get(m["text"].upper(), set())} - {groups.find(i)}
        if len(owners) == 1:
            owner = owners.pop()
            groups.union(i, owner, f"acronym {m['text']!r} of {mentions[owner]['text']!r}")
        elif len(owners) > 1:
            names = sorted({mentions[o]["text"] for o in owners})
            groups.note(i, f"acronym {m['text']!r} left alone: several names spell it ({', '.join(names)})")


def is_short_form(short: list[str], long: list[str]) -> bool:
    """'halvorsen' of 'halvorsen motors', 'aggregates' of 'aggregate industries': the long form is the short
    one with corporate words after it ('&' and 'and' between them allowed)."""
    if not short or len(short) >= len(long):
        return False
    head = long[: len(short)]
    if head[:-1] != short[:-1] or short[-1] not in (head[-1], head[-1] + "s"):
        return False
    rest = [w for w in long[len(short) :] if w not in ("&", "and")]
    return bool(rest) and all(w in corporate_words() for w in rest)


def is_national_form(short: list[str], long: list[str]) -> bool:
    """'department of justice' of 'us department of justice', 'borders council' of 'scottish borders council':
    the long form is the short one after a country or nationality. Names of two words or more only: 'the
    Parliament' of one article may not be its 'Scottish Parliament'."""
    extra = len(long) - len(short)
    if len(short) < 2 or extra < 1 or long[extra:] != short:
        return False
    prefix = " ".join(long[:extra])
    return any(
        lookup_country(form) is not None or lookup_demonym(form) is not None
        for form in (prefix, prefix.upper(), prefix.title())
    )


def is_kind_short_form(doc: Doc, m: MentionRecord, long: list[str]) -> bool:
    """'the Commission' of 'the European Commission': an organisation named by its kind word alone, after 'the'."""
    words = words_of(m["text"])
    start = m["token_start"]
    return (
        len(words) == 1
        and len(long) > 1
        and words[0] == long[-1]
        and words[0] in organisation_heads()
        and (doc[start].lower_ == "the" or (start > 0 and doc[start - 1].lower_ == "the"))
    )


def set_apart(doc: Doc, short: list[MentionRecord], long: list[MentionRecord], subsidiaries: bool = True) -> bool:
    """The article says the two names are two things: they are coordinated ('Acme and Acme Music') or (with
    ``subsidiaries``) a subsidiary noun stands beside the long one ('Acme Music, the music arm of Acme')."""
    short_roots = {doc[m["token_start"] : m["token_end"]].root.i for m in short}
    for m in long:
        root = doc[m["token_start"] : m["token_end"]].root
        if any(c.i in short_roots for c in root.conjuncts):
            return True
        if not subsidiaries:
            continue
        window = doc[max(0, m["token_start"] - 2) : min(len(doc), m["token_end"] + 5)]
        if any(t.lower_ in subsidiary_nouns() for t in window):
            return True
    return False


def short_form_links(doc: Doc, groups: Groups) -> None:
    """Step 3: a short form joins the one group whose long form differs from it only by corporate words."""
    mentions = groups.mentions
    snapshot = {root: [mentions[i] for i in indexes] for root, indexes in groups.groups().items()}
    names = {root: {surface_key(m["text"]) for m in members} for root, members in snapshot.items()}
    blocked = PLACE_CUES | PERSON_CUES | frozenset({"known", "party"})
    longs = {root: members for root, members in snapshot.items() if not has_cue(members, PERSON_CUES)}
    # Long names by their first and last words: a short form shares one of them.
    by_edge: dict[str, set[int]] = {}
    for other in longs:
        for long_name in names[other]:
            words = long_name.split()
            if len(words) > 1:
                by_edge.setdefault(words[0], set()).add(other)
                by_edge.setdefault(words[-1], set()).add(other)
    links = []
    for root, members in snapshot.items():
        if has_cue(members, blocked):
            continue
        edges = {word for name in names[root] for word in (name.split()[0], name.split()[0][:-1], name.split()[-1])}
        candidates = {other for word in edges for other in by_edge.get(word, ())}
        owners = [
            other
            for other in sorted(candidates)
            if other != root
            and any(
                is_short_form(name.split(), long_name.split())
                or is_national_form(name.split(), long_name.split())
                or any(is_kind_short_form(doc, m, long_name.split()) for m in members)
                for long_name in names[other]
                for name in names[root]
            )
        ]
        if len(owners) == 1:
            links.append((root, owners[0]))
    for root, owner in links:
        short, long = snapshot[root], snapshot[owner]
        if ner_family(short) == "place" and ner_family(long) == "organization":
            # "in Avonford" and "the Avonford Group": an organisation named after the place it is in.
            groups.note(root, f"{short[0]['text']!r} kept apart from {long[0]['text']!r}: a place and an organisation")
        elif set_apart(doc, short, long):
            groups.note(root, f"{short[0]['text']!r} kept apart from {long[0]['text']!r}: the article sets them apart")
        else:
            groups.union(root, owner, f"short form {short[0]['text']!r} of {long[0]['text']!r}")


def ner_family(members: list[MentionRecord]) -> str | None:
    """The kind of thing NER took most of the mentions for."""
    counts: dict[str, int] = {}
    for m in members:
        for cue, entity_type in cues_of(m):
            if cue == "ner":
                counts[type_family(entity_type)] = counts.get(type_family(entity_type), 0) + 1
    return max(counts, key=lambda family: (counts[family], family)) if counts else None


def kind_groups(groups: Groups) -> tuple[dict[int, list[str]], dict[int, list[list[str]]]]:
    """Groups that are people by their pooled evidence (with the words of their longest name), and groups that
    are organisations (with the words of each of their names of two words or more)."""
    people, organisations = {}, {}
    for root, indexes in groups.groups().items():
        members = [groups.mentions[i] for i in indexes]
        scores = family_scores(pooled_scores(members))
        if not scores:
            continue
        family = max(scores, key=lambda f: (scores[f], f == "person"))
        if family == "person":
            longest = max(
                (m["label"] for m in members if m["type"] == "Person"), key=lambda n: len(n.split()), default=""
            )
            if len(longest.split()) > 1:
                people[root] = full_name_words(longest)
        elif family == "organization":
            names = [words_of(m["text"]) for m in members if len(m["text"].split()) > 1]
            if names:
                organisations[root] = names
    return people, organisations


def full_name_words(label: str) -> list[str]:
    return label.replace(".", "").split()


def after_honorific(doc: Doc, m: MentionRecord) -> bool:
    start = m["token_start"]
    return (start > 0 and doc[start - 1].text in SURNAME_HONORIFICS) or doc[start].text in SURNAME_HONORIFICS


def like_a_persons_name(words: list[str]) -> bool:
    """'marta vogel': two to four words, none of them a corporate word, a kind word or a function word."""
    return 2 <= len(words) <= 4 and all(
        w.isalpha() and w not in corporate_words() and w not in organisation_heads() and w not in skipped_words()
        for w in words
    )


def lowered(words: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    return {tuple(w.casefold() for w in part) for part in words if part}


def only_ner(members: list[MentionRecord]) -> bool:
    return all(cue == "ner" for m in members for cue, _ in cues_of(m))


def may_be_short_name(members: list[MentionRecord]) -> bool:
    """A name NER took for a person's or an organisation's, and no town: 'Tavira' may be short for 'Tavira
    Growers'; 'Avonford' in 'Avonford Rowing Club' is the town the club is named after."""
    return ner_family(members) in ("person", "organization") and not any(
        lookup_city(m["text"]) or lookup_country(m["text"]) for m in members
    )


def partial_name_links(doc: Doc, groups: Groups) -> None:
    """Step 4: a name that is part of one full name of a person in the article ('Okafor', 'Mr Okafor', 'Chidi')
    is that person. After an honorific the part is a surname: 'Mr Grant' is not 'Grant Wells'. A name that
    only NER knows and that opens one organisation's name is its short name ('Tavira' of 'Tavira Growers')."""
    people, organisations = kind_groups(groups)
    mentions = groups.mentions
    snapshot = {root: [mentions[i] for i in indexes] for root, indexes in groups.groups().items()}
    untyped = {
        root: [words_of(m["text"]) for m in members if len(m["text"].split()) > 1]
        for root, members in snapshot.items()
        if only_ner(members) and root not in people
    }
    # The words the article writes after 'Mr', 'Ms' or 'Dr': surnames.
    texts = token_texts(doc)
    surnames = {texts[i + 1] for i, text in enumerate(texts[:-1]) if text in SURNAME_HONORIFICS}
    links = []
    for root, members in snapshot.items():
        if has_cue(members, frozenset({"gazetteer", "known", "suffix", "party"})):
            continue
        words = {tuple(full_name_words(m["label"])) for m in members} | {
            tuple(full_name_words(m["text"])) for m in members
        }
        surname_only = any(after_honorific(doc, m) for m in members)
        matches = {
            person
            for person, full in people.items()
            for part in words
            if person != root and part and len(part) < len(full) and fits(list(part), full, surname_only)
        }
        if surname_only and not matches:
            # 'Mr Li' of 'Li Zhenhua': names that put the surname first. Not a person the article calls by
            # the last word of the name ('Mr Wells' of 'Grant Wells': then 'Mr Grant' is someone else).
            matches = {
                person
                for person, full in people.items()
                for part in words
                if person != root
                and part
                and len(part) < len(full)
                and full[: len(part)] == list(part)
                and full[-1] not in surnames
            }
        if root not in organisations and only_ner(members) and not surname_only and may_be_short_name(members):
            parts = {tuple(words_of(m["text"])) for m in members}
            # Not when the short name is written more often than the long one: 'Acme' of 'Acme Engines' is
            # the firm, the long name a part of it.
            matches |= {
                org
                for org, names in organisations.items()
                if org != root
                and any(tuple(name[: len(part)]) == part for name in names for part in parts)
                and all(len(part) < len(name) for name in names for part in parts)
                and len(members) <= len(snapshot[org])
            }
        if not matches and (surname_only or ner_family(members) == "person"):
            # 'Mr Tull' or 'Vogel said' and 'Roger Tull' or 'Marta Vogel' that NER took for a firm: the one
            # name like a person's that ends with the surname.
            matches = {
                other
                for other, names in untyped.items()
                if other != root
                and any(
                    name[-len(part) :] == list(part) and like_a_persons_name(name)
                    for name in names
                    for part in lowered(words)
                )
            }
        if len(matches) == 1:
            links.append((root, matches.pop()))
        elif len(matches) > 1:
            names = sorted(snapshot[m][0]["text"] for m in matches)
            groups.note(root, f"{members[0]['text']!r} left alone: part of several names ({', '.join(names)})")
    for root, owner in links:
        short, long = snapshot[root], snapshot[owner]
        # A person's surname may stand beside an 'arm' or a 'unit'; only a list sets two people apart.
        if set_apart(doc, short, long, subsidiaries=owner not in people):
            groups.note(root, f"{short[0]['text']!r} kept apart from {long[0]['text']!r}: the article sets them apart")
        else:
            longest = max((m["text"] for m in long), key=len)
            groups.union(root, owner, f"{short[0]['text']!r} is part of the name {longest!r}")


def fits(part: list[str], full: list[str], surname_only: bool) -> bool:
    """'Blair' in 'Tony Blair'; with ``surname_only``, only at the end: 'Grant' is not the surname of
    'Grant Wells'."""
    if surname_only:
        return full[-len(part) :] == part
    return set(part) < set(full)


def link_mentions(doc: Doc, mentions: list[MentionRecord], named: list[int]) -> Groups:
    """The groups of the named mentions of ``doc``, by the four steps of the module."""
    groups = Groups(mentions, named)
    same_names(groups)
    acronym_links(doc, groups)
    short_form_links(doc, groups)
    partial_name_links(doc, groups)
    return groups
