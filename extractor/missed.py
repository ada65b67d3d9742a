"""Names NER missed: spans the entities component adds to spaCy's before it types them.

Pure functions from the name spans of a Doc to more name spans (with an NER-style
label, so that :mod:`newskg.extractor.classify` types them like the others):

- a name NER tagged once and missed elsewhere in the article ("Ostrel has sued ...
  Ostrel was declared insolvent"): the same words as a proper noun are the same name;
- a proper noun coordinated with a name ("brands Velsa and Orbel"): a list joins like
  with like;
- a party word written where NER tagged nothing ("Labour MP Jo Roe", "the Labour spring
  conference").
And two repairs: a name NER cut short where the article writes it in full elsewhere
("Without Frontiers" / "Doctors Without Frontiers"); and "Rail and Maritime Crews
Union", which NER splits into two names at "and", is one name when the article spells
its acronym ("RMC").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from newskg.extractor.acronyms import capitals, is_acronym
from newskg.extractor.gazetteer import lookup_city, read_words
from newskg.extractor.parties import party_forms
from newskg.extractor.people import SURNAME_HONORIFICS
from newskg.extractor.spans import credit_language

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


@cache
def corporate_words() -> frozenset[str]:
    return read_words("corporate_words.txt")


def token_texts(doc: Doc) -> list[str]:
    """The text of every token, read from the Doc's array (no Token object made per token)."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array("ORTH").tolist()]


def taken_tokens(doc: Doc, spans: list[Span]) -> set[int]:
    """Tokens in a name span or in any other NER entity (dates, amounts, works)."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    taken |= {i for ent in doc.ents for i in range(ent.start, ent.end)}
    return taken


def is_free_proper_noun(doc: Doc, i: int, taken: set[int]) -> bool:
    token = doc[i]
    return i not in taken and token.pos_ == "PROPN" and token.text[:1].isupper()


def stands_alone(doc: Doc, start: int, end: int) -> bool:
    """No proper noun joins the words on either side: 'Nordlys' in 'Nordlys Solar' is another name. An honorific
    before a surname is no name ('Mr Wells')."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if after is not None and after.pos_ == "PROPN":
        return False
    return before is None or before.pos_ != "PROPN" or before.text in SURNAME_HONORIFICS


def short_form(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """'Renewal Party' -> 'Renewal', 'Halvorsen Motors Group' -> 'Halvorsen': a name without the corporate
    words at its end (None when it has none, or nothing would be left)."""
    end = len(words)
    while end > 1 and words[end - 1].lower() in corporate_words():
        end -= 1
    return words[:end] if end < len(words) and words[0].lower() != "the" else None


def repeated_names(doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
    """'Ostrel has sued ... Ostrel was declared insolvent': the other places where a tagged name is written."""
    names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for span in spans:
        if span.label_ in NAME_LABELS and span[0].text[:1].isupper():
            words = tuple(t.text for t in span)
            names.setdefault(words[0], []).append((words, span.label_))
            short = short_form(words)
            if short:
                # 'Renewal said' after 'the Renewal Party': the name without its corporate words.
                names[words[0]].append((short, span.label_))
    found = []
    texts = token_texts(doc)
    for i, text in enumerate(texts):
        for words, label in names.get(text, []):
            start, end = i, i + len(words)
            if end > len(doc) or tuple(texts[start:end]) != words:
                continue
            if any(i in taken for i in range(start, end)) or doc[start].pos_ != "PROPN":
                continue
            if stands_alone(doc, start, end):
                found.append(Span(doc, start, end, label=label))
                taken.update(range(start, end))
                break
    return found


def proper_noun_run(doc: Doc, token: Token, taken: set[int]) -> tuple[int, int]:
    """The proper nouns of a name ending at ``token`` ('Banco Vasco' for 'Vasco')."""
    start = token.i
    while start > 0 and is_free_proper_noun(doc, start - 1, taken) and doc[start - 1].dep_ == "compound":
        start -= 1
    return start, token.i + 1


def listed_names(doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
    """'brands Velsa and Orbel', 'Acme, Bolt and Cole': proper nouns coordinated with a name are names of its kind."""
    found = []
    for span in spans:
        if span.label_ not in NAME_LABELS:
            continue
        for token in span.root.conjuncts:
            if not is_free_proper_noun(doc, token.i, taken):
                continue
            start, end = proper_noun_run(doc, token, taken)
            if start > 0 and start - 1 in taken and doc[start - 1].dep_ == "compound":
                continue  # 'Harris Counties': the word ends a name NER tagged in part
            found.append(Span(doc, start, end, label=span.label_))
            taken.update(range(start, end))
    return found


@cache
def party_form_words() -> dict[str, frozenset[tuple[str, ...]]]:
    """First word -> the party forms of party_words.tsv that start with it, as word tuples."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for form in party_forms():
        words = tuple(form.split())
        found.setdefault(words[0], set()).add(words)
    return {first: frozenset(forms) for first, forms in found.items()}


def party_words(doc: Doc, taken: set[int]) -> list[Span]:
    """'Labour MP Jo Roe', 'the Labour spring conference': a party form of party_words.tsv that NER left
    untagged (capitalised, and a proper noun where it opens a sentence: 'Labour costs rose' is no party)."""
    starts = party_form_words()
    texts = token_texts(doc)
    found: list[Span] = []
    for i, text in enumerate(texts):
        forms = starts.get(text)
        if forms is None or i in taken or not (doc[i].pos_ == "PROPN" or not doc[i].is_sent_start):
            continue
        for words in sorted(forms, key=len, reverse=True):
            end = i + len(words)
            if tuple(texts[i:end]) == words and not any(j in taken for j in range(i, end)):
                found.append(Span(doc, i, end, label="NORP"))
                taken.update(range(i, end))
                break
    return found


def missed_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Name spans NER missed, to add to ``spans``."""
    taken = taken_tokens(doc, spans)
    found = repeated_names(doc, spans, taken)
    found += listed_names(doc, [*spans, *found], taken)
    found += party_words(doc, taken)
    found += source_outlets(doc, spans, taken)
    return found


def source_outlets(doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
    """The outlet NER missed after the city of a source line: "Paris AFP in English 0107 GMT", "Moscow INTERFAX"
    as a line of its own: the proper nouns right after a city name, opening with a word in capitals, up to the
    credit's language ("in English 1200 GMT") or to the end of a line that opens with the city."""
    found = []
    for span in spans:
        if span.label_ != "GPE" or lookup_city(span.text) is None:
            continue
        end = span.end
        while (
            end < len(doc)
            and end not in taken
            and (doc[end].pos_ == "PROPN" or doc[end].text == "-" or is_capitalised_word(doc[end].text))
        ):
            end += 1
        if end == span.end or doc[end - 1].text == "-" or not is_capitalised_word(doc[span.end].text):
            continue
        line = span[0].is_sent_start and (end == len(doc) or doc[end].is_sent_start)
        if line or credit_language(doc, end):
            found.append(Span(doc, span.end, end, label="ORG"))
            taken.update(range(span.end, end))
    return found


def is_capitalised_word(text: str) -> bool:
    """A word in capitals as outlets are written in source lines ("AFP", "AL-AHALI")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and text.isupper()


def complete_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Without Frontiers' where the words before it make 'Doctors Without Frontiers', a name tagged elsewhere
    in the article: NER cut the name short there."""
    names = {tuple(t.text for t in span): span.label_ for span in spans if len(span) > 1}
    completed = []
    for span in spans:
        words = tuple(t.text for t in span)
        best = span
        for name, label in names.items():
            extra = len(name) - len(words)
            if extra <= 0 or name[extra:] != words or span.start < extra:
                continue
            if tuple(t.text for t in doc[span.start - extra : span.start]) == name[:extra]:
                best = Span(doc, span.start - extra, span.end, label=label)
                break
        completed.append(best)
    return completed


def join_split_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Rail' + 'and' + 'Maritime Crews Union': two organisation spans NER split at 'and' are one name
    when an acronym in the article spells the whole ('RMC')."""
    acronyms: set[str] | None = None
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label_ == span.label_ == "ORG"
            and len(last) == 1
            and last[0].is_title
            and span.start == last.end + 1
            and doc[last.end].lower_ == "and"
        ):
            whole = Span(doc, last.start, span.end, label="ORG")
            letters = capitals(whole.text)
            if acronyms is None:
                acronyms = {text for text in token_texts(doc) if is_acronym(text)}
            # The acronym spells the first name and goes on into the second: 'RMC' for 'Rail and Maritime Crews ...'.
            if any(letters.startswith(a) and len(a) > 1 + len(capitals(last.text)) for a in acronyms):
                joined[-1] = whole
                continue
        joined.append(span)
    return joined
