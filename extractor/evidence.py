"""Type cues: what the words in and around one mention say about the kind of thing it names.

The entities component records, on every named mention, the cues it finds as
``"cue:Type"`` strings in ``evidence`` (see :mod:`newskg.extractor.schema`); the
clusters component pools them over all the mentions of an entity
(:mod:`newskg.extractor.cluster_types`). Cue names and weights are in
``data/type_evidence.tsv``. Pure functions over spans, one grammatical case each:

- a legal suffix in or right after the name ("Acme Inc", "Bolt plc");
- a title only firms give attached to the name ("Acme chief executive X",
  "chief executive of Acme", "Acme's finance director");
- business language attached to the name ("shares in Acme", "Acme's profits",
  "a takeover of Acme", "Acme bid for ...");
- a kind-of-thing noun after a copula ("Acme is a carmaker");
- where something is based ("an Avonford-based firm", "based in Avonford").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from newskg.extractor.lexicon import data_rows, data_text
from newskg.extractor.schema import MentionRecord
from newskg.extractor.type_cues import context_nouns, context_type, is_base_of

# What spaCy's NER label says about a name, as a type of the contract.
NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Region", "FAC": "Place"}


@cache
def weights() -> dict[str, float]:
    """Cue name -> weight (``type_evidence.tsv``)."""
    return {cells[0]: float(cells[1]) for _, cells in data_rows(data_text("type_evidence.tsv"))}


@cache
def caps() -> dict[str, int]:
    """Cue name -> how many times it counts per type in a cluster (cues of the string itself: NER, city)."""
    return {cells[0]: int(cells[2]) for _, cells in data_rows(data_text("type_evidence.tsv")) if cells[2] != "-"}


def add_cue(m: MentionRecord, cue: str, entity_type: str) -> None:
    """Record on ``m`` that ``cue`` says it is an ``entity_type`` (once per cue and type)."""
    if cue not in weights():
        raise KeyError(f"unknown type cue {cue!r} (type_evidence.tsv)")
    item = f"{cue}:{entity_type}"
    evidence = m.setdefault("evidence", [])
    if item not in evidence:
        evidence.append(item)


def cues_of(m: MentionRecord) -> list[tuple[str, str]]:
    """(cue, type) pairs recorded on a mention."""
    return [(cue, entity_type) for cue, _, entity_type in (item.partition(":") for item in m.get("evidence", []))]


def add_ner_cue(m: MentionRecord, ner_label: str) -> None:
    entity_type = NER_TYPES.get(ner_label)
    if entity_type is not None:
        add_cue(m, "ner", entity_type)


@cache
def legal_suffixes() -> frozenset[str]:
    return frozenset(cells[0] for _, cells in data_rows(data_text("legal_suffixes.txt")))


def has_legal_suffix(span: Span) -> bool:
    """'Acme Inc', 'Bolt plc', and 'Cole, Inc.' or 'Cole AG' where NER left the suffix out of the name."""
    if len(span) > 1 and span[-1].text in legal_suffixes():
        return True
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    return i < len(doc) and doc[i].text in legal_suffixes() and not doc[i].is_sent_start


@cache
def company_titles() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(cells[0].lower().split()) for _, cells in data_rows(data_text("company_titles.txt")))


@cache
def title_edges() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last words of the company titles (most tokens start or end none)."""
    titles = company_titles()
    return frozenset(t[0] for t in titles), frozenset(t[-1] for t in titles)


def title_at(doc: Doc, start: int) -> int:
    """The end of the company title that starts at token ``start`` (``start`` when there is none)."""
    if start >= len(doc) or doc[start].lower_ not in title_edges()[0]:
        return start
    for title in company_titles():
        end = start + len(title)
        if end <= len(doc) and tuple(t.lower_ for t in doc[start:end]) == title:
            return end
    return start


def title_ending_at(doc: Doc, end: int) -> bool:
    if end < 1 or doc[end - 1].lower_ not in title_edges()[1]:
        return False
    return any(
        end - len(title) >= 0 and tuple(t.lower_ for t in doc[end - len(title) : end]) == title
        for title in company_titles()
    )


def has_company_role(span: Span) -> bool:
    """A title only firms give, attached to the name.

    - before the title: "Acme chief executive Jo Roe", "Acme's finance director";
    - after it: "chief executive of Acme", "the managing director at Acme".
    """
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1
    if i < len(doc) and title_at(doc, i) > i:
        return True
    j = span.start - 1
    if j >= 1 and doc[j].lower_ == "the":
        j -= 1
    return j >= 1 and doc[j].lower_ in ("of", "at", "with") and title_ending_at(doc, j)


@cache
def business_words() -> dict[str, frozenset[str]]:
    """Lemma -> the attachments of a name that make it a company's ('poss', 'compound', 'pobj', 'nsubj')."""
    return {
        cells[0]: frozenset(a.strip() for a in cells[1].split(","))
        for _, cells in data_rows(data_text("business_words.tsv"))
    }


def business_head(token: Token) -> Token:
    """The word a name's root is attached to, through a coordination ('shares in Acme and Bolt')."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


# "shares in X", "a takeover of X", "a bid for X", "a bid from X", "a merger with X", "a merger between X and Y".
BUSINESS_PREPOSITIONS = frozenset({"in", "of", "for", "from", "with", "between", "at"})


def has_business_language(span: Span) -> bool:
    """Business language attached to the name.

    - "Acme's shares", "Acme's heavy losses" (the name owns the noun);
    - "Acme shares", "Acme shareholders" (the name modifies it);
    - "shares in Acme", "a takeover of Acme", "a bid for Acme" (object of a preposition on it);
    - "Acme bid for Bolt", "Acme acquired Bolt" (subject of a business verb).
    Places are left out of the prepositional case: "shares in Tokyo" are shares traded there.
    """
    root = business_head(span.root)
    head = root.head
    words = business_words()
    attachment = root.dep_
    if attachment == "pobj":
        if span.label_ in ("GPE", "LOC") or head.lower_ not in BUSINESS_PREPOSITIONS:
            return False
        head = head.head
    elif attachment not in ("poss", "compound", "nsubj"):
        return False
    if attachment == "nsubj" and head.pos_ not in ("VERB", "AUX"):
        return False
    lemma = head.lemma_.lower()
    if lemma not in words and head.lower_ in words:
        lemma = head.lower_
    return attachment in words.get(lemma, frozenset())


def copula_type(span: Span) -> str | None:
    """'Acme is a carmaker', 'Acme is India's second-largest cement maker': the kind noun after 'be'."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    for child in root.head.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN":
            return context_nouns().get(child.lemma_.lower()) or context_nouns().get(child.lower_)
    return None


def is_base(span: Span) -> bool:
    """'an Avonford-based firm', 'Avonford, Wessex-based', 'based in Avonford': where something is based."""
    if is_base_of(span):
        return True
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.lower_ == "based"


def context_cues(doc: Doc, mentions: list[MentionRecord]) -> None:
    """Add to every named mention the cues of the words around it."""
    for m in mentions:
        if m.get("coreference"):
            continue
        span = doc[m["token_start"] : m["token_end"]]
        kind = context_type(span) or copula_type(span)
        if kind is not None:
            add_cue(m, "context", kind)
        if has_legal_suffix(span):
            add_cue(m, "suffix", "Company")
        if has_company_role(span):
            add_cue(m, "role", "Company")
        if has_business_language(span):
            add_cue(m, "business", "Company")
        if is_base(span):
            add_cue(m, "place", "Place")
