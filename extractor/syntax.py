"""Small pure functions over the dependency parse: who is the subject, object or partner of a word.

Every function takes spaCy tokens and a :class:`MentionIndex` (token -> mentions) and returns
tokens or mention indexes; none keeps spaCy objects beyond the call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import IS_ALPHA, LEMMA, ORTH, POS, SENT_START
from spacy.symbols import NOUN
from spacy.tokens import Doc, Token

from newskg.extractor.lexicon import word_list, word_table
from newskg.extractor.schema import MentionRecord
from newskg.vocabulary import INSTITUTION_TYPES, TYPE_GROUPS

ORG = TYPE_GROUPS["ORG"]
LOC = TYPE_GROUPS["LOC"]
# Prepositions whose gerund the verb's object performs: "accused X of attacking", "tricked X into
# signing", "stopped X from visiting", "praised X for backing".
CONTROL_PREPOSITIONS = frozenset({"of", "for", "into", "from"})
# Prepositions of the charge after a verb of blame: "accused of", "charged with", "arrested for".
CHARGE_PREPOSITIONS = CONTROL_PREPOSITIONS | {"with"}
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Who arms and forces stand for (force_heads.txt): institutions, not companies ("Airbus planes").
FORCE_OWNER_TYPES = INSTITUTION_TYPES - {"Company"}
# A modal or finite auxiliary ("would", "has", "was"), not the infinitive's "to".
FINITE_AUXILIARY_TAGS = frozenset({"MD", "VBZ", "VBP", "VBD"})
# Left-hand modifiers inside a noun phrase ("Chinese telecoms company", "Aberdeen-based").
NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})


def tokens_where(doc: Doc, attribute: int, values: Iterable[int]) -> Iterator[Token]:
    """The tokens of a Doc whose attribute (a spaCy attribute id: ``LEMMA``, ``ORTH``, ``POS``) is one of the
    values (string hashes, or part-of-speech symbols), read from the Doc's arrays: a rule that looks at a
    few words of an article need not make a Token object for every word."""
    wanted = numpy.fromiter(values, dtype=numpy.uint64)
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(attribute), wanted)).tolist():
        yield doc[i]


def sentence_starts(doc: Doc) -> numpy.ndarray:
    """Whether each token starts a sentence of ``doc.sents`` (the first always does), from the Doc's arrays."""
    starts = doc.to_array(SENT_START).astype(numpy.int64) == 1
    if len(starts):
        starts[0] = True
    return starts


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of each token's sentence in ``doc.sents`` (0 for the first), read from the Doc's arrays."""
    return (numpy.cumsum(sentence_starts(doc)) - 1).tolist()


def worded_sentence_starts(doc: Doc) -> list[int]:
    """Where the sentences of ``doc.sents`` that hold a word (an alphabetic token) start."""
    starts = sentence_starts(doc)
    if not len(starts):
        return []
    numbers = numpy.cumsum(starts) - 1
    worded = numpy.zeros(int(numbers[-1]) + 1, dtype=bool)
    worded[numbers[doc.to_array(IS_ALPHA) == 1]] = True
    return numpy.flatnonzero(starts)[worded].tolist()


def tokens_with_text(doc: Doc, texts: Iterable[str]) -> Iterator[Token]:
    """The tokens whose text is one of these words."""
    return tokens_where(doc, ORTH, (doc.vocab.strings.add(text) for text in texts))


def tokens_with_lemma(doc: Doc, lemmas: Iterable[str]) -> Iterator[Token]:
    """The tokens whose lemma is one of these (as the lemmatizer writes it: case kept)."""
    return tokens_where(doc, LEMMA, (doc.vocab.strings.add(lemma) for lemma in lemmas))


def nouns(doc: Doc) -> Iterator[Token]:
    """The tokens tagged NOUN."""
    return tokens_where(doc, POS, (NOUN,))


class MentionIndex:
    """Token index -> indexes of the mentions that cover it (a plural description covers several)."""

    def __init__(self, doc: Doc, mentions: list[MentionRecord]) -> None:
        self.mentions = mentions
        self.by_token: dict[int, list[int]] = {}
        for index, mention in enumerate(mentions):
            for i in range(mention["token_start"], mention["token_end"]):
                self.by_token.setdefault(i, []).append(index)
        self.heads = {index: head_token(doc, m).i for index, m in enumerate(mentions)}

    def at(self, token: Token) -> list[int]:
        return self.by_token.get(token.i, [])

    def type_of(self, index: int) -> str:
        return str(self.mentions[index]["type"])


def head_token(doc: Doc, mention: MentionRecord) -> Token:
    """The syntactic head of a mention: its token whose head lies outside the mention."""
    span = doc[mention["token_start"] : mention["token_end"]]
    return span.root


def unique(items: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(items))


DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def coordinated(token: Token) -> list[Token]:
    """The token and every token coordinated with it ('Australia and Japan', 'Voxtel and Halvex'), and a list
    that goes on after a description of its first name between dashes: 'from Acme - a US agency - Bolt and
    Cole' (the parser reads Bolt as the description's apposition; a name after the closing dash is the next
    item, not another description)."""
    found = [token, *(t for t in token.conjuncts if t.i > token.i and not clause_subject(t))]
    for description in token.children:
        if description.dep_ != "appos" or description.pos_ != "NOUN" or description.i < token.i:
            continue
        for name in description.children:
            if (
                name.dep_ == "appos"
                and name.pos_ == "PROPN"
                and name.i > description.i
                and any(t.text in DASHES for t in token.doc[description.i : name.left_edge.i])
            ):
                found += [name, *(t for t in name.conjuncts if t.i > name.i)]
    return found


def clause_subject(conjunct: Token) -> bool:
    """A conjunct the parser took into a list that is the subject of the clause after it: "plans to help
    buyers and the Tories would extend ..." (a modal or auxiliary right after the name, on a verb with no
    subject of its own)."""
    after = conjunct.right_edge.i + 1
    if after >= len(conjunct.doc):
        return False
    word = conjunct.doc[after]
    if word.dep_ not in ("aux", "auxpass") or word.head.i <= word.i or word.tag_ not in FINITE_AUXILIARY_TAGS:
        return False  # "met A and B to talk about ...": an infinitive has no subject to take.
    return not any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in word.head.children)


def premodifier_mentions(token: Token, index: MentionIndex, types: frozenset[str]) -> list[int]:
    """The mentions of these types in the first modifier before a noun that holds one: "the Indian
    government", "SEC officials", "US warplanes"."""
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < token.i:
            named = [m for m in index.at(child) if index.type_of(m) in types]
            if named:
                return named
    return []


def argument_mentions(token: Token, index: MentionIndex) -> list[int]:
    """Mentions that an argument head stands for, across coordination."""
    return unique(m for conjunct in coordinated(token) for m in head_mentions(conjunct, index))


def head_mentions(token: Token, index: MentionIndex) -> list[int]:
    """Mentions one noun-phrase head stands for."""
    # Relative pronoun: "Booth, who assassinated Lincoln" -> the noun the clause modifies.
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return head_mentions(token.head.head, index)
    found = index.at(token)
    if found:
        return found
    # A description followed by the names: "Chinese companies Voxtel and Halvex".
    for child in token.children:
        if child.dep_ == "appos":
            named = argument_mentions(child, index)
            if named:
                return named
    # Metonymy: "the Indian government", "Japanese officials", "SEC officials", "a delegation from the CBI".
    if token.lemma_.lower() in word_list("metonym_heads.txt") or token.lower_ in word_list("metonym_heads.txt"):
        named = premodifier_mentions(token, index, INSTITUTION_TYPES)
        if named:
            return named
        for pobj in prep_objects(token, ("of", "from")):
            named = [m for c in coordinated(pobj) for m in index.at(c) if index.type_of(m) in INSTITUTION_TYPES]
            if named:
                return named
    # Arms and forces: "US warplanes", "Nato jets" (a country or organisation, not a maker of planes).
    if token.lemma_.lower() in word_list("force_heads.txt") or token.lower_ in word_list("force_heads.txt"):
        named = premodifier_mentions(token, index, FORCE_OWNER_TYPES)
        if named:
            return named
    # A kind of place named after "of": "the town of Gao", "the province of Aceh".
    if token.lemma_.lower() in word_list("place_class_nouns.txt"):
        named = [m for pobj in prep_objects(token, ("of",)) for m in index.at(pobj) if index.type_of(m) in LOC]
        if named:
            return named
    # A description named by a compound: "the smaller Rollei company", "the Reuters news agency".
    if token.lemma_.lower() in word_table("context_nouns.tsv"):
        named = [m for child in children(token, ("compound",)) for m in index.at(child) if index.type_of(m) in ORG]
        if named:
            return named
    if any(child.dep_ in ("relcl", "acl") for child in token.children):
        return described_mentions(token, index)
    return []


def described_mentions(noun: Token, index: MentionIndex) -> list[int]:
    """The name that a description with a clause stands for: "X was the gunman who shot Y" (predicate noun),
    "X, the man convicted of killing Y" (apposition)."""
    if index.at(noun) or noun.pos_ != "NOUN":
        return []
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return unique(m for subject in children(noun.head, ("nsubj",)) for m in argument_mentions(subject, index))
    if noun.dep_ == "appos":
        return index.at(noun.head)
    return []


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = deps if isinstance(deps, (tuple, set, frozenset)) else set(deps)  # a literal tuple needs no copy
    return [child for child in token.children if child.dep_ in wanted]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the token's prepositions that are listed ('met with X', 'arrived in Y')."""
    wanted = preps if isinstance(preps, (tuple, set, frozenset)) else set(preps)
    return [
        pobj
        for prep in token.children
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in wanted
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


def agents_of_passive(verb: Token) -> list[Token]:
    """The by-agent of a passive verb ('was signed by X')."""
    return [pobj for agent in children(verb, ("agent",)) for pobj in children(agent, ("pobj",))]


def logical_subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subjects of the verb, climbing control, raising and coordination; and whether it is passive.

    A passive trigger's surface subject is returned as is; callers decide what it means.
    """
    charged = charged_party(verb)
    if charged:
        return charged, False
    current = verb
    while True:
        found = children(current, ("nsubj", "nsubjpass") if current == verb else ("nsubj",))
        if found:
            return found, current == verb and is_passive(verb)
        if current != verb:
            # Raising: "Toyota is expected to seal ...", "AT&T is said to have bought ...".
            raised = children(current, ("nsubjpass",))
            if raised:
                return raised, False
        if current == verb and current.dep_ == "acl":
            # Participle on a noun: "the pact signed by X" (passive), "firms seeking to buy Y" (active).
            return [current.head], is_passive(current)
        if current.dep_ == "relcl" and current != verb:
            return [current.head], False
        head = current.head
        if head == current:
            return [], False
        # Control ("decided to exclude"), shared subject ("visited Hanoi and met X"), adverbial
        # clauses ("after meeting X, Y said") and gerunds under prepositions ("convicted of murdering").
        if current.dep_ in ("xcomp", "conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            current = head
            continue
        if current.dep_ == "pcomp" and head.pos_ == "ADP":
            # Object control under a preposition: "accused Canada of attacking", "X, convicted of murdering Y".
            controller = head.head
            if controller.pos_ == "ADJ" and children(controller, ("nsubj",)):
                # A verdict as a small clause: "found X guilty of murdering Y".
                return children(controller, ("nsubj",)), False
            if controller.pos_ == "ADJ" and controller.dep_ in ("acomp", "oprd"):
                # The adjective of a verdict or plea: "pleaded guilty to killing", "was found guilty of murdering".
                controller = controller.head
            if controller.pos_ in ("VERB", "AUX"):
                # Only a preposition of the verb's complement passes control to its object; after a
                # preposition of time or manner the subject acts ("X restrained Y before shooting her").
                objects = children(controller, ("dobj",)) if head.lower_ in CONTROL_PREPOSITIONS else []
                if objects:
                    return objects, False
                current = controller
                continue
        if current.dep_ == "acl" and current != verb:
            return [current.head], False
        return [], False


def charged_party(verb: Token) -> list[Token]:
    """The accused of an act listed in the charge: "accused X of crimes, including spying and insulting Y",
    "X was charged with offences such as attacking Y" (X is said to have insulted or attacked Y). Only a
    gerund with no subject of its own, below the charge's preposition or hanging on the verb of blame."""
    if verb.tag_ != "VBG" or children(verb, ("nsubj", "nsubjpass")):
        return []
    previous = verb
    for ancestor in verb.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.lemma_.lower() in word_list("blame_verbs.txt"):
            through = previous.dep_ == "advcl" or (previous.dep_ == "prep" and previous.lower_ in CHARGE_PREPOSITIONS)
            if not through:
                return []
            return children(ancestor, ("dobj",)) or children(ancestor, ("nsubjpass",))
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.lower_ != "including" and children(ancestor, ("nsubj",)):
            return []
        previous = ancestor
    return []


def shared_objects(verb: Token) -> list[Token]:
    """Direct objects a coordinated verb shares: "accused Canada ... and warned of consequences",
    "condemned and sanctioned Belarus"."""
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        found = children(verb.head, ("dobj",))
        if found:
            return found
    for conjunct in children(verb, ("conj",)):
        if conjunct.pos_ == "VERB" and not children(conjunct, ("nsubj",)):
            found = children(conjunct, ("dobj",))
            if found:
                return found
    return []


def left_modifiers(token: Token) -> list[Token]:
    """Every modifier to the left inside the noun phrase, recursively ('Chinese telecoms company X')."""
    found = []
    stack = [child for child in token.lefts if child.dep_ in NOUN_MODIFIERS]
    while stack:
        child = stack.pop()
        found.append(child)
        stack.extend(grand for grand in child.children if grand.dep_ in NOUN_MODIFIERS or grand.dep_ == "conj")
    return found
