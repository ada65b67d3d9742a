"""The ``newskg_clusters`` component: the mentions of one article grouped into its entities.

Runs after ``newskg_entities`` and rewrites ``doc._.newskg_entities`` (see
:mod:`newskg.extractor.schema`) and ``doc.spans["newskg_entities"]``. Mentions of
one entity share its ``key``; in this order:

- an acronym in brackets joins its expansion ("European Union (EU)");
- a lone word of a multi-word name the NER missed joins that name ("Vogel said"
  after "Anna Vogel"), and a person named by part of their name takes the full
  name ("Menon", "Mr Blair");
- every mention of one entity gets the most specific type any of them has;
- pronouns and definite descriptions join the entity they refer to
  (:mod:`newskg.extractor.coref`);
- a city placed by the text ("Graz, Austria") gets its country as attribute.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newskg.extractor.acronyms import join_acronyms
from newskg.extractor.coref import resolve_references
from newskg.extractor.places import stated_countries
from newskg.extractor.schema import SPAN_KEY, MentionRecord, mention_record, mention_spans, set_entity
from newskg.vocabulary import ORGANIZATION_TYPES, more_specific


class EntityClusterer:
    """Groups the mentions of an article into entities: names, short forms, acronyms and references."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[MentionRecord] = list(doc._.newskg_entities or [])
        join_acronyms(doc, mentions)
        mentions = resolve_name_fragments(doc, mentions)
        resolve_partial_names(mentions)
        unify_types(mentions)
        mentions = resolve_references(doc, mentions)
        stated_countries(doc, mentions)
        doc._.newskg_entities = mentions
        doc.spans[SPAN_KEY] = mention_spans(doc, mentions)
        return doc


@Language.factory(
    "newskg_clusters",
    default_config={},
    assigns=["doc._.newskg_entities", "doc.spans"],
    requires=["doc._.newskg_entities", "doc.sents", "token.pos", "token.dep"],
    retokenizes=False,
)
def make_entity_clusterer(nlp: Language, name: str) -> EntityClusterer:
    return EntityClusterer(nlp, name)


def full_name_tokens(label: str) -> list[str]:
    return label.replace(".", "").split()


def resolve_partial_names(mentions: list[MentionRecord]) -> None:
    """A person named by part of their name ('Menon', 'Mr Blair') takes the full name used in the article.

    Only when exactly one longer name in the article contains every word of the
    short one: two Smiths stay unresolved.
    """
    full_names = sorted({m["label"] for m in mentions if m["type"] == "Person" and " " in m["label"]})
    for m in mentions:
        if m["type"] != "Person":
            continue
        words = set(full_name_tokens(m["label"]))
        matches = {name for name in full_names if name != m["label"] and words < set(full_name_tokens(name))}
        if len(matches) == 1:
            set_entity(m, "Person", matches.pop())


def resolve_name_fragments(doc: Doc, mentions: list[MentionRecord]) -> list[MentionRecord]:
    """Name words the NER missed: a lone proper noun that is a word of one multi-word name in the article.

    "Nordlys chief executive ..." after "Nordlys Energy", "Vogel said" after
    "Anna Vogel": the fragment is a mention (and an alias) of that entity.
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
    for token in doc:
        keys = by_word.get(token.text)
        if not keys or len(keys) != 1 or token.i in covered or token.pos_ != "PROPN":
            continue
        # A word of a longer unrecognised name ("Nordlys Solar") is not this entity.
        if (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN") or (
            token.i > 0 and doc[token.i - 1].pos_ == "PROPN"
        ):
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


def unify_types(mentions: list[MentionRecord]) -> None:
    """Every mention of one name in an article gets the most specific type any of them has."""
    best: dict[str, str] = {}
    for m in mentions:
        best[m["key"]] = more_specific(best.get(m["key"], m["type"]), m["type"])
    for m in mentions:
        m["type"] = best[m["key"]]
