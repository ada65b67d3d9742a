"""Coreference inside one article: pronouns and definite descriptions.

Rule-based and cheap: one pass over the words that may refer, candidates looked up
among the mentions of the last few sentences (:class:`~newskg.extractor.resolver.Resolver`).
This module resolves pronouns, inside and outside quotations (the speaker of a
quotation is "I"); :mod:`newskg.extractor.definite_descriptions` resolves "the
company", "the two leaders". Resolved mentions are added as mention
records with ``coreference=True`` (see the conventions in
:mod:`newskg.extractor.schema`); a plural reference resolved to several
entities becomes one mention record per entity over the same tokens. Run by the
``newskg_clusters`` component (:mod:`newskg.extractor.clusters`), which also
resolves partial names and name fragments.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator

import numpy
from spacy.attrs import LOWER, POS
from spacy.symbols import NOUN, NUM, PRON, PROPN
from spacy.tokens import Doc, Token

from newskg.extractor.definite_descriptions import descriptions, resolve_description, resolve_head_match
from newskg.extractor.quotes import Quote, find_quotes, voice_of
from newskg.extractor.resolver import PERSON_PRONOUNS, SUBJECT_DEPS, Resolver, distinct, is_thing, reference
from newskg.extractor.schema import MentionRecord
from newskg.vocabulary import INSTITUTION_TYPES

SINGULAR_THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# First person inside a quotation: the speaker ("I", "my"), or the speaker's side ("we", "our").
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
# "it" as the dummy subject of these verbs refers to nothing ("it is expected that...", "it seems",
# "it has emerged that ...", "it transpired that ...").
DUMMY_IT_VERBS = frozenset(
    {"be", "seem", "appear", "take", "rain", "matter", "happen", "remain", "emerge", "transpire", "follow"}
)
# Where a number stands as a noun phrase of its own ("the two met", "took the two to court").
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"})


def is_dummy_it(token: Token) -> bool:
    """'it' that refers to nothing: not a subject, the subject of 'be'/'seem'..., or of a passive
    reporting verb with a clause ('it is expected that ...')."""
    if token.lower_ != "it":
        return False
    head = token.head
    if token.dep_ not in SUBJECT_DEPS or head.lemma_.lower() in DUMMY_IT_VERBS:
        return True
    return token.dep_ == "nsubjpass" and any(child.dep_ in ("ccomp", "xcomp") for child in head.children)


POSSESSIVES = ("his", "its", "their", "her", "my", "our")


def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.lower_ in POSSESSIVES


# The parts of speech of the words that may refer (pronouns, nouns of descriptions, "the two").
REFERRING_POS = frozenset({PRON, NOUN, PROPN, NUM})
REFERRING_POS_ARRAY = numpy.array(sorted(REFERRING_POS), dtype=numpy.uint64)


def referring_tokens(doc: Doc, skipped: Container[int] = frozenset()) -> Iterator[Token]:
    """The tokens that may be a pronoun or a description, read from the Doc's arrays: a Token object for
    every word of an article cost more than resolving the few that refer."""
    possessives = numpy.array([doc.vocab.strings.add(word) for word in POSSESSIVES], dtype=numpy.uint64)
    values = doc.to_array([POS, LOWER])
    referring = numpy.isin(values[:, 0], REFERRING_POS_ARRAY) | numpy.isin(values[:, 1], possessives)
    for i in numpy.flatnonzero(referring).tolist():
        if i not in skipped:  # the words of a name: a Token only for the words that may refer
            yield doc[i]


def resolve_pronoun(
    resolver: Resolver, token: Token, allowed: Callable[[MentionRecord], bool] = lambda m: True
) -> list[MentionRecord]:
    """Antecedents of one pronoun among the ``allowed`` mentions: he/she to a person of that gender, it/its
    to a country or organisation, they/their to a coordination of them (or to the country a plural
    metonym before it stands for), unless a plural noun that names nothing is nearer ("Analysts said ...
    they")."""
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        gender = resolver.person_of_gender(PERSON_PRONOUNS[lower])
        found = resolver.singular(token.i, resolver.not_clause_mate(lambda m: allowed(m) and gender(m), token), token)
        return [found] if found else []
    if lower in SINGULAR_THING_PRONOUNS:
        if is_dummy_it(token):
            return []
        accept = resolver.not_clause_mate(lambda m: allowed(m) and is_thing(m) and not resolver.in_plural(m), token)
        found = resolver.singular(token.i, accept, token)
        return [found] if found else []
    if lower in PLURAL_PRONOUNS:
        group = resolver.coordinated(token.i, lambda m: allowed(m) and is_thing(m))
        noun = resolver.plural_noun_before(token)
        if noun is not None and (not group or group[-1]["token_end"] <= noun.i):
            return resolver.institutions_of(noun)
        return group
    return []


def speaker_mentions(resolver: Resolver, quote: Quote) -> list[MentionRecord]:
    """The entities a quotation's speaker heads stand for (a name, or a pronoun or description already
    resolved)."""
    heads = set(quote.speaker)
    return distinct(resolver.rooted_at(heads))


def voice_mentions(resolver: Resolver, quote: Quote) -> list[MentionRecord]:
    """The organisation the speaker speaks for: "a spokesman for Acme said", "an Acme statement said"."""
    words = {t.i for head in quote.speaker for t in voice_of(resolver.doc[head])}
    return distinct([m for m in resolver.rooted_at(words) if m["type"] in INSTITUTION_TYPES])


def first_person(resolver: Resolver, token: Token, quote: Quote) -> list[MentionRecord]:
    """'I' and 'my' in a quotation are the speaker (a person); 'we' and 'our' are the organisation a
    spokesman or statement speaks for, the organisation or country that speaks, or, for a person, the
    group with the speaker named just before ("the two leaders talked ... 'We agreed', said X")."""
    speakers = speaker_mentions(resolver, quote)
    if token.lower_ in FIRST_SINGULAR:
        return speakers if len(speakers) == 1 and speakers[0]["type"] == "Person" else []
    voice = voice_mentions(resolver, quote)
    if voice:
        return voice
    if len(speakers) != 1:
        return []
    if speakers[0]["type"] in INSTITUTION_TYPES:
        return speakers
    return resolver.group_with(quote.start, speakers[0]["key"])


def not_one_of(keys: set[str]) -> Callable[[MentionRecord], bool]:
    return lambda m: m["key"] not in keys


def resolve_references(doc: Doc, mentions: list[MentionRecord]) -> list[MentionRecord]:
    """Add mentions for the pronouns and definite descriptions that refer to an entity of the article.

    Two passes: first the narrative (pronouns outside quotations take no antecedent inside one: in
    '"X is there," he said', he is not X) and every description; then, knowing who speaks, the pronouns
    inside quotations (the first person is the speaker; a third person is not)."""
    if not mentions:
        return mentions
    covered = {i for m in mentions for i in range(m["token_start"], m["token_end"])}
    resolver = Resolver(doc, list(mentions))
    quotes = find_quotes(doc)
    quoted = {i: quote for quote in quotes for i in range(quote.start, quote.end)}
    table = descriptions()
    added: list[MentionRecord] = []

    def add(found: list[MentionRecord], token: Token) -> None:
        added.extend(found)
        # Later pronouns may refer back through this one ("he ... his"): the mentions just added join the
        # resolver's, kept in token order (inserted in place; a sort per pronoun made long articles quadratic).
        for m in found:
            resolver.insert(m)
        resolver.learn(token, found)

    def outside(m: MentionRecord) -> bool:
        return m["token_start"] not in quoted

    inside: list[Token] = []  # pronouns inside quotations, resolved once the speakers are known
    for token in referring_tokens(doc, covered):
        lower = token.lower_
        if is_pronoun(token):
            if token.i in quoted:
                inside.append(token)
            else:
                add([reference(a, token, token) for a in resolve_pronoun(resolver, token, outside)], token)
            continue
        found = None
        if token.pos_ in ("NOUN", "PROPN"):
            found = resolve_head_match(resolver, token)
        if found is None and token.pos_ == "NOUN" and (lower in table or lower == "two"):
            found = resolve_description(resolver, token)
        elif found is None and lower == "two" and token.pos_ == "NUM" and token.dep_ in NOMINAL_DEPS:
            found = resolve_description(resolver, token)  # "the two" standing alone
        if found:
            start, antecedents = found
            add([reference(antecedent, start, token) for antecedent in antecedents], token)
    for token in inside:
        quote = quoted[token.i]
        if token.lower_ in FIRST_SINGULAR | FIRST_PLURAL:
            antecedents = first_person(resolver, token, quote)
        else:
            # A person does not speak of themself as "he" or "she"; an organisation's statement may name it
            # and call it "it" ('"Acme is convinced its offer is fair," it said').
            speaking = {m["key"] for m in speaker_mentions(resolver, quote) if m["type"] == "Person"}
            antecedents = resolve_pronoun(resolver, token, not_one_of(speaking))
        add([reference(a, token, token) for a in antecedents], token)
    return [*mentions, *added]
