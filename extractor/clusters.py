"""The ``newskg_clusters`` component: the mentions of one article grouped into its entities.

Runs after ``newskg_entities``; rewrites ``doc._.newskg_entities`` and
``doc.spans["newskg_entities"]`` and writes ``doc._.newskg_clusters`` (see
:mod:`newskg.extractor.schema`). Every mention ends in exactly one cluster, and the
mentions of a cluster share its ``key``, type and label. In this order:

- named mentions are grouped (:mod:`newskg.extractor.linking`): the same name, acronyms
  and their expansions, short and long forms, people named by part of their name;
- each group gets one type and one name from the evidence of all its mentions
  (:mod:`newskg.extractor.cluster_types`); organisations listed with firms and known by
  NER alone become firms ("Acme, Bolt and Cole");
- a capital acting for its country joins the country; name words NER missed join the
  name they belong to ("Vogel said" after "Anna Vogel");
- pronouns and definite descriptions join the entity they refer to
  (:mod:`newskg.extractor.coref`), and a description that says what kind of organisation
  it refers to types it ("the carmaker");
- a city placed by the text ("Graz, Austria") gets its country as attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from newskg.extractor.cluster_types import (
    cluster_attributes,
    cluster_label,
    decide_type,
    decisive_families,
)
from newskg.extractor.coref import resolve_references
from newskg.extractor.evidence import add_cue, cues_of
from newskg.extractor.gazetteer import lookup_city, lookup_country, lookup_demonym
from newskg.extractor.linking import link_mentions
from newskg.extractor.people import SURNAME_HONORIFICS
from newskg.extractor.places import stated_countries
from newskg.extractor.schema import (
    SPAN_KEY,
    ClusterRecord,
    MentionRecord,
    cluster_record,
    mention_record,
    mention_spans,
    set_entity,
)
from newskg.extractor.syntax import sentence_numbers, tokens_with_text
from newskg.extractor.type_cues import context_nouns
from newskg.vocabulary import GENERIC_TYPES, ORGANIZATION_TYPES, type_family


@dataclass
class Cluster:
    """The mentions of one entity while the component works on them."""

    members: list[MentionRecord]
    type: str = ""
    label: str = ""
    scores: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.members[0]["key"]

    def decide(self) -> None:
        """Type, name and facts from the evidence of the members; every member names the entity."""
        named = [m for m in self.members if not m.get("coreference")] or self.members
        entity_type, self.scores, reason = decide_type(named)
        self.reasons = [r for r in self.reasons if not r.startswith(("type ", "a person elsewhere"))] + [reason]
        self.type = entity_type
        self.label = cluster_label(named, entity_type)
        attributes = cluster_attributes(named, entity_type)
        genders = {m["gender"] for m in named if m.get("gender")} if entity_type == "Person" else set()
        for m in self.members:
            set_entity(m, entity_type, self.label, dict(attributes))
            if entity_type != "Person":
                m.pop("gender", None)
            elif len(genders) == 1 and not m.get("coreference"):
                m["gender"] = next(iter(genders))


class EntityClusterer:
    """Groups the mentions of an article into entities: names, short forms, acronyms and references."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[MentionRecord] = list(doc._.newskg_entities or [])
        clusters = named_clusters(doc, mentions)
        firms_by_coordination(doc, clusters)
        mentions = resolve_name_fragments(doc, mentions)
        mentions = resolve_references(doc, mentions)
        kinds_by_description(doc, mentions, clusters)
        stated_countries(doc, mentions)
        doc._.newskg_entities = mentions
        doc._.newskg_clusters = cluster_records(mentions, clusters)
        doc.spans[SPAN_KEY] = mention_spans(doc, mentions)
        return doc


@Language.factory(
    "newskg_clusters",
    default_config={},
    assigns=["doc._.newskg_entities", "doc._.newskg_clusters", "doc.spans"],
    requires=["doc._.newskg_entities", "doc.sents", "token.pos", "token.dep"],
    retokenizes=False,
)
def make_entity_clusterer(nlp: Language, name: str) -> EntityClusterer:
    return EntityClusterer(nlp, name)


def named_clusters(doc: Doc, mentions: list[MentionRecord]) -> dict[str, Cluster]:
    """Key -> cluster of the named mentions (and the capitals acting for their countries)."""
    named = [i for i, m in enumerate(mentions) if not m.get("coreference")]
    groups = link_mentions(doc, mentions, named)
    clusters: dict[str, Cluster] = {}
    for root, indexes in groups.groups().items():
        cluster = Cluster([mentions[i] for i in indexes], reasons=list(groups.reasons.get(root, [])))
        cluster.decide()
        same = clusters.get(cluster.key)
        if same is not None:
            # Two groups that end with one name and one kind of thing are one entity.
            same.members.extend(cluster.members)
            same.reasons.extend([*cluster.reasons, f"same name and kind as {cluster.members[0]['text']!r}"])
            same.decide()
        else:
            clusters[cluster.key] = cluster
    for m in mentions:
        if m.get("coreference"):
            # "Beijing closed the border": the capital acting for its country is a mention of the country.
            clusters.setdefault(m["key"], Cluster([], m["type"], m["label"])).members.append(m)
    return clusters


def coordination_head(doc: Doc, m: MentionRecord, roots: dict[int, int]) -> int:
    """The first conjunct of the list a mention is in. The parser may hang a conjunct on a word inside a name
    ('Cole' on 'Avonford' in 'Bank of Avonford, Bolt and Cole'): the name's root stands for it; and it takes a
    name after a comma for an apposition ('Bank of Avonford, Bolt, ...'): a name in apposition to another
    name is listed with it."""
    token = doc[m["token_start"] : m["token_end"]].root
    while token.head.i != token.i and (
        token.dep_ == "conj" or (token.dep_ == "appos" and token.pos_ == "PROPN" and token.head.i in roots)
    ):
        token = doc[roots.get(token.head.i, token.head.i)]
    return token.i


def only_ner_typed(members: list[MentionRecord]) -> bool:
    return all(cue == "ner" for m in members for cue, _ in cues_of(m))


def firms_by_coordination(doc: Doc, clusters: dict[str, Cluster]) -> None:
    """'Bank of Avonford, Cole and Dunmore Holdings': a name only NER typed (an organisation, or a place no
    gazetteer knows), listed with firms and with no organisation of another kind, is a firm too (the members
    of a list are of one kind)."""
    roots = {
        i: doc[m["token_start"] : m["token_end"]].root.i
        for cluster in clusters.values()
        for m in cluster.members
        if not m.get("coreference")
        for i in range(m["token_start"], m["token_end"])
    }
    lists: dict[int, list[tuple[MentionRecord, Cluster]]] = {}
    for cluster in clusters.values():
        for m in cluster.members:
            if not m.get("coreference"):
                lists.setdefault(coordination_head(doc, m, roots), []).append((m, cluster))
    for items in lists.values():
        listed = {id(c): c for _, c in items}
        if len(listed) < 2:
            continue
        organisations = [c for c in listed.values() if c.type in ORGANIZATION_TYPES]
        if not any(c.type == "Company" for c in organisations) or any(
            c.type not in ("Company", "Organization") for c in organisations
        ):
            continue
        for m, cluster in items:
            # Only names NER alone typed: an organisation of no kind, or a 'place' no gazetteer knows.
            if cluster.type in ("Organization", "Place") and only_ner_typed(cluster.members):
                add_cue(m, "coordination", "Company")
                cluster.reasons.append(f"listed with firms: {m['text']!r}")
                cluster.decide()


# Description nouns that name more than one kind of organisation ('the group' may be a firm or a rights group,
# 'the agency' a news agency or a government's): they do not type what they refer to.
AMBIGUOUS_KIND_NOUNS = frozenset({"group", "agency", "body", "organisation", "organization"})


def kinds_by_description(doc: Doc, mentions: list[MentionRecord], clusters: dict[str, Cluster]) -> None:
    """'Ostrel ... the dairy company', 'Acme ... the carmaker': a definite description that refers to an
    organisation or place of no specific type, within a sentence of its name, says what kind it is."""
    sentence_of = sentence_numbers(doc)
    for m in mentions:
        if not m.get("coreference") or doc[m["token_start"]].pos_ == "PRON":
            continue
        noun = doc[m["token_end"] - 1]
        kind = context_nouns().get(noun.lemma_.lower()) or context_nouns().get(noun.lower_)
        cluster = clusters.get(m["key"])
        if (
            kind is None
            or cluster is None
            or noun.lower_ in AMBIGUOUS_KIND_NOUNS
            or noun.lemma_ in AMBIGUOUS_KIND_NOUNS
        ):
            continue
        if cluster.type not in GENERIC_TYPES or kind in GENERIC_TYPES or type_family(kind) != type_family(cluster.type):
            continue
        here = sentence_of[m["token_start"]]
        named_before = [x for x in cluster.members if not x.get("coreference") and x["token_start"] < m["token_start"]]
        if not named_before or here - sentence_of[named_before[-1]["token_start"]] > 1:
            continue
        add_cue(m, "description", kind)
        named = [x for x in cluster.members if not x.get("coreference")]
        entity_type, cluster.scores, reason = decide_type([*named, m])
        cluster.type = entity_type
        cluster.reasons += [f"described as {m['text']!r}", reason]
        for other in mentions:
            if other["key"] == cluster.key:
                set_entity(other, entity_type, cluster.label)


def cluster_records(mentions: list[MentionRecord], clusters: dict[str, Cluster]) -> list[ClusterRecord]:
    """One record per entity: its mentions (indexes, text order within names then references), type, evidence."""
    indexes: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        indexes.setdefault(m["key"], []).append(i)
    records = []
    for key, found in indexes.items():
        cluster = clusters.get(key)
        first = mentions[found[0]]
        scores = cluster.scores if cluster else {}
        reasons = cluster.reasons if cluster else []
        strong = decisive_families(mentions[i] for i in found)
        records.append(cluster_record(first["label"], first["type"], found, scores, reasons, strong))
    return records


def resolve_name_fragments(doc: Doc, mentions: list[MentionRecord]) -> list[MentionRecord]:
    """Name words the NER missed: a lone proper noun that is a word of one multi-word name in the article.

    "Nordlys chief executive ..." after "Nordlys Energy", "Vogel said" or "Mr Vogel" after
    "Anna Vogel": the fragment is a mention (and an alias) of that entity. A country, a city or a
    nationality is never a fragment of another name ("Kenya" in "Kenya Hats").
    """
    by_word: dict[str, set[str]] = {}
    template: dict[str, MentionRecord] = {}
    for m in mentions:
        words = m["text"].split()
        if len(words) < 2 or m.get("coreference") or m["type"] not in ("Person", *ORGANIZATION_TYPES):
            continue
        template.setdefault(m["key"], m)
        # Organisations are named by their first word, people by any word of their name.
        for word in words[:1] if m["type"] != "Person" else words:
            if len(word) > 2 and word[0].isupper():
                by_word.setdefault(word, set()).add(m["key"])
    if not by_word:
        return mentions
    covered = {i for m in mentions for i in range(m["token_start"], m["token_end"])}
    added = []
    for token in tokens_with_text(doc, by_word):
        keys = by_word.get(token.text)
        if not keys or len(keys) != 1 or token.i in covered or token.pos_ != "PROPN":
            continue
        # A word of a longer unrecognised name ("Nordlys Solar") is not this entity; an honorific is no name.
        before = doc[token.i - 1] if token.i > 0 else None
        if (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN") or (
            before is not None and before.pos_ == "PROPN" and before.text not in SURNAME_HONORIFICS
        ):
            continue
        if lookup_country(token.text) or lookup_demonym(token.text) or lookup_city(token.text):
            continue
        source = template[next(iter(keys))]
        added.append(
            mention_record(
                doc[token.i : token.i + 1],
                source["type"],
                source["label"],
                source["attributes"],
                surface=source.get("surface"),
                gender=source.get("gender"),
            )
        )
    return sorted([*mentions, *added], key=lambda m: (m["token_start"], m["token_end"]))
