"""People's offices and affiliations, and places placed by the text, as relation dicts.

Patterns around a person mention (title words come from ``role_titles.tsv`` and
``title_modifiers.txt``):

- before the name: "Indian Foreign Minister Ravi Menon", "US Secretary of
  State Jane Roe", "Shell's chairman X", "his Israeli counterpart, X";
- after the name: "Ito Kenji of Japan", "X, the foreign minister of
  Y", "X, Japan's foreign minister", "X, an analyst at Z";
- a nationality without an office: "Brazilian striker X" -> ``citizen_of``.

Run first by the ``newskg_relations`` component; each relation is a
:class:`~newskg.extractor.schema.RelationRecord` with the office in ``title``.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from newskg.extractor.gazetteer import lookup_demonym
from newskg.extractor.lexicon import data_rows, data_text
from newskg.extractor.people import role_table, title_modifiers
from newskg.extractor.schema import MentionRecord, RelationRecord, relation_record
from newskg.extractor.title_owners import preceding_organisation, spoken_for
from newskg.vocabulary import INSTITUTION_TYPES, ORGANIZATION_TYPES

STATE_TARGETS = frozenset({"Country", "GovernmentBody"})
LINKING_PREPOSITIONS = frozenset({"of", "at", "for", "with"})
ARTICLES = frozenset({"the", "a", "an"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})
LOWERCASE_IN_TITLE = frozenset({"of", "and", "for"})
# Titles of those sent to a country or body by another ("ambassador to France"): "to" names where they serve,
# not whom they serve.
ACCREDITED_TITLES = frozenset({"ambassador", "envoy", "commissioner", "representative", "delegate", "emissary"})
# Titles of those who speak for an organisation ("spokesman X" after "Acme said ...").
SPEAKING_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# Relative pronouns that stand for a person as the subject of a clause ("Roe, who runs Acme").
PERSON_RELATIVE_PRONOUNS = frozenset({"who", "that"})


@cache
def verb_roles() -> dict[str, tuple[str, str]]:
    """Verb lemma -> (relation, argument) of the verbs that state a person's role ('heads', 'plays for')."""
    return {cells[0]: (cells[1], cells[2]) for _, cells in data_rows(data_text("verb_roles.tsv"))}


def role_of_verb(token: Token) -> tuple[str, str] | None:
    """(relation, argument) when the token is a role verb that is not negated ('does not head')."""
    if token.pos_ not in ("VERB", "AUX") or any(child.dep_ == "neg" for child in token.children):
        return None
    return verb_roles().get(token.lemma_.lower())


def verb_targets(verb: Token, argument: str) -> list[Token]:
    """The direct objects ('heads Acme and Bolt') or the objects of the preposition ('plays for Acme') of a
    role verb, through coordination."""
    if argument == "obj":
        heads = [child for child in verb.children if child.dep_ == "dobj"]
    else:
        # The preposition on the verb or on its object: "covers education for the Courier".
        # and on a gerund it governs: "teaches acting at Y".
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "xcomp" and c.tag_ == "VBG"))]
        markers = argument.split(",")  # "for,at": "works for Acme", "works at Acme"
        preps = [c for holder in holders for c in holder.children if c.dep_ == "prep" and c.lower_ in markers]
        heads = [obj for prep in preps for obj in prep.children if obj.dep_ == "pobj"]
    return [t for head in heads for t in (head, *(c for c in head.conjuncts if c.dep_ == "conj"))]


def active_roles(root: Token) -> list[tuple[str, Token]]:
    """(relation, target) stated by a verb of which a person (the root of a name) is the subject.

    - active subject: "Jane Roe heads the agency", "Roe founded Acme", "Roe writes for the Courier";
    - relative clause on the name: "Roe, who runs Acme, said ...", "Roe, who plays for Rovers, ...", or on its
      apposition: "Roe, a Republican who served in Congress".
    """
    verbs = [root.head] if root.dep_ == "nsubj" else []
    # The relative clause on the name or on a description set beside it: "Roe, a Republican who served in
    # Congress".
    described = [root, *(c for c in root.children if c.dep_ == "appos" and c.i > root.i)]
    for clause in (c for noun in described for c in noun.children):
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if clause.dep_ == "relcl" and subjects and subjects[0].lower_ in PERSON_RELATIVE_PRONOUNS:
            verbs.append(clause)
    found: list[tuple[str, Token]] = []
    for verb in verbs:
        role = role_of_verb(verb)
        if role is not None:
            found.extend((role[0], target) for target in verb_targets(verb, role[1]))
    return found


def passive_roles(root: Token) -> list[tuple[str, Token]]:
    """(relation, organisation) of which a person is the passive agent of a role verb.

    - participle on the organisation: "Acme, headed by Jane Roe, said ...";
    - passive clause: "Acme is run by Jane Roe".
    """
    agent = root.head
    if root.dep_ != "pobj" or agent.dep_ != "agent":
        return []
    verb = agent.head
    role = role_of_verb(verb)
    if role is None or role[1] != "obj" or verb.tag_ != "VBN":
        return []
    if verb.dep_ == "acl":
        return [(role[0], verb.head)]
    return [(role[0], c) for c in verb.children if c.dep_ == "nsubjpass"]


@cache
def leading_titles() -> dict[str, str]:
    return {cells[0]: cells[1] for _, cells in data_rows(data_text("leading_titles.tsv"))}


def organisation_title_relation(title: str, predicate: str) -> str:
    """The relation a title states at a company or organisation beyond its head word: 'Chief Executive'
    leads (an 'executive' works for it); 'Vice President', 'Deputy Chairman' work for it."""
    words = title.lower().replace("-", " ").split()
    if predicate == "leads" and any(w in leading_titles() and leading_titles()[w] == "works_for" for w in words):
        return "works_for"
    lowered = " ".join(words)
    for phrase, relation in leading_titles().items():
        if " " in phrase and lowered.endswith(phrase):
            return relation
    return predicate


def serves(head: str, owner_type: str) -> bool:
    """Whether a title "to" an institution is held there: "Chief Secretary to the Treasury", "adviser to the
    board"; not a country's envoy sent to another country or body ("ambassador to France", "envoy to the UN")."""
    return owner_type != "Country" and head not in ACCREDITED_TITLES


def normalise_title(words: list[str]) -> str:
    """'foreign minister' -> 'Foreign Minister'; 'Secretary of State' stays as it is."""
    return " ".join(w if w.lower() in LOWERCASE_IN_TITLE else w[:1].upper() + w[1:] for w in words)


def title_head(words: list[str]) -> str | None:
    """The last role word of a title, also inside a hyphenated word ("Secretary-General": "secretary")."""
    for word in reversed(words):
        for part in reversed([word.lower(), *word.lower().split("-")]):
            if part in role_table():
                return part
    return None


class RoleFinder:
    """Looks around person mentions for titles and the country or organisation they belong to."""

    def __init__(self, doc: Doc, mentions: list[MentionRecord]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.ending_at: dict[int, int] = {}
        self.starting_at: dict[int, int] = {}
        self.covering: dict[int, list[int]] = {}
        for index, m in enumerate(mentions):
            for i in range(m["token_start"], m["token_end"]):
                self.covering.setdefault(i, []).append(index)
            if not m.get("coreference"):
                self.ending_at.setdefault(m["token_end"], index)
                self.starting_at.setdefault(m["token_start"], index)
        # A definite description may own a title where no name does: "the company's chief executive X",
        # "X, the agency's director". Not a pronoun: "its founder X" too often has the wrong antecedent.
        for index, m in enumerate(mentions):
            if m.get("coreference") and doc[m["token_start"]].pos_ != "PRON":
                self.ending_at.setdefault(m["token_end"], index)
                self.starting_at.setdefault(m["token_start"], index)
        self.titles: dict[str, str] = {}
        # (person mention, first title token, title words) of titles with no country or organisation beside them.
        self.unowned: list[tuple[int, int, list[str]]] = []

    def is_title_word(self, i: int, taken: bool) -> bool:
        """A word of an office title: a head or modifier, or (inside a title) a capitalised word
        ('Industry Minister'), 'of' after a head ('Secretary of State'), 'and' between capitals, the hyphen of
        'Secretary-General'."""
        token = self.doc[i]
        lower = token.lower_
        if i in self.covering and self.mentions[self.covering[i][0]]["type"] != "Organization":
            return False
        if lower in role_table() or lower in title_modifiers():
            return True
        if not taken:
            return False
        if lower == "of":
            return i > 0 and self.doc[i - 1].lower_ in role_table()
        if lower == "and":
            return i > 0 and self.doc[i - 1].is_title
        if lower == "-":
            # Inside a hyphenated title: "Secretary-General", "Director-General", "Attorney-General".
            return i > 0 and self.doc[i - 1].is_title and not self.doc[i].whitespace_
        return token.is_title and token.pos_ in ("PROPN", "NOUN") and i not in self.covering

    def target(self, index: int | None) -> int | None:
        if index is None or self.mentions[index]["type"] not in INSTITUTION_TYPES:
            return None
        return index

    def title_before(self, person: MentionRecord) -> tuple[int, list[str]] | None:
        """(first token, words) of the title right before the person, skipping one comma."""
        i = person["token_start"] - 1
        if i > 0 and self.doc[i].text == "," and self.doc[i - 1].lower_ in role_table():
            i -= 1
        end = i + 1
        while i >= 0 and self.is_title_word(i, i < end - 1):
            i -= 1
        words: list[str] = []
        for t in self.doc[i + 1 : end]:
            if t.text == ",":
                continue
            if words and (t.text == "-" or words[-1].endswith("-")):
                words[-1] += t.text  # one word: "Secretary-General"
            else:
                words.append(t.text)
        if title_head(words) is None:
            return None
        return i + 1, words

    def owner_before(self, first: int) -> int | None:
        """The country or organisation right before a title: 'Indian ...', 'US ...', "Shell's ..."."""
        i = first - 1
        if i >= 0 and self.doc[i].tag_ == "POS":
            i -= 1
        return self.target(self.ending_at.get(i + 1))

    def relation(
        self,
        person_index: int,
        owner: int,
        head: str,
        title: str | None,
        rule: str,
        start: int,
        end: int,
        predicate: str | None = None,
    ) -> RelationRecord:
        """The role of the person at ``owner`` stated over tokens ``start..end``: ``predicate`` when the rule
        knows it, else what the title's head word states there."""
        if predicate is None:
            at_state = self.mentions[owner]["type"] in STATE_TARGETS
            predicate = role_table()[head][0 if at_state else 1] if head else "holds_role"
            if not at_state and title:
                predicate = organisation_title_relation(title, predicate)
            if predicate == "works_for" and self.mentions[owner]["type"] == "Country":
                # "US lawyer X": a job that is no office says where the person is from, not who employs them.
                predicate, title = "citizen_of", None
        sentence = self.doc[self.mentions[person_index]["token_start"]].sent
        last = self.doc[end - 1]
        return relation_record(
            person_index, owner, predicate, rule, 0.8, self.doc[start].idx, last.idx + len(last), sentence, title=title
        )

    def counterpart_title(self, first: int) -> str | None:
        """'his Israeli counterpart': the office of the person 'his' refers to."""
        possessive = first - 2
        if possessive < 0 or self.doc[possessive].lower_ not in POSSESSIVE_PRONOUNS:
            return None
        for index in self.covering.get(possessive, []):
            title = self.titles.get(self.mentions[index]["key"])
            if title:
                return title
        return None

    def before(self, person_index: int) -> RelationRecord | None:
        """'Indian Foreign Minister Ravi Menon', "Shell's chairman X", 'his Israeli counterpart, X'."""
        person = self.mentions[person_index]
        found = self.title_before(person)
        if found is None:
            return self.nationality_before(person_index)
        first, words = found
        owner = self.owner_before(first)
        if owner is None:
            self.unowned.append((person_index, first, words))
            return None
        head = title_head(words) or ""
        title: str | None = self.counterpart_title(first) if head == "counterpart" else normalise_title(words)
        start = self.mentions[owner]["token_start"]
        return self.relation(person_index, owner, head, title, "role-before-name", start, person["token_end"])

    def nationality_before(self, person_index: int) -> RelationRecord | None:
        """'Brazilian striker X': a nationality and an occupation that is no office -> citizen_of; also a
        nationality right before the name ('Belgian Kim Gevaert')."""
        person = self.mentions[person_index]
        i = person["token_start"] - 1
        while i >= 0 and person["token_start"] - i <= 2 and self.doc[i].pos_ == "NOUN" and self.doc[i].is_lower:
            i -= 1
        if i < 0 or (i == person["token_start"] - 1 and lookup_demonym(self.doc[i].text) is None):
            return None
        owner = self.ending_at.get(i + 1)
        if owner is None or self.mentions[owner]["type"] != "Country" or self.doc[i].pos_ == "PROPN":
            return None
        return self.relation(
            person_index, owner, "", None, "nationality-before-name", i, person["token_end"], predicate="citizen_of"
        )

    def after(self, person_index: int) -> RelationRecord | None:
        """'X of Japan', 'X, the foreign minister of Y', "X, Y's chairman", 'X, an analyst at Z'."""
        person = self.mentions[person_index]
        doc = self.doc
        i = person["token_end"]
        if i + 1 < len(doc) and doc[i].lower_ == "of":
            owner = self.target(self.starting_at.get(i + 1))
            if owner is not None and self.mentions[owner]["type"] == "Country":
                end = self.mentions[owner]["token_end"]
                return self.relation(person_index, owner, "", None, "person-of-country", person["token_start"], end)
            return None
        if i >= len(doc) or doc[i].text != ",":
            return None
        i += 1
        # A description with its article ("X, the company's chairman") starts at the article.
        owner = self.target(self.starting_at.get(i))
        if owner is None and i < len(doc) and doc[i].lower_ in ARTICLES:
            i += 1
            owner = self.target(self.starting_at.get(i))
        if owner is not None:
            i = self.mentions[owner]["token_end"]
            if i < len(doc) and doc[i].tag_ == "POS":
                i += 1
        start = i
        while i < len(doc) and self.is_title_word(i, i > start):
            i += 1
        while i > start and doc[i - 1].lower_ in LOWERCASE_IN_TITLE:
            i -= 1
        words = [t.text for t in doc[start:i]]
        heads = [w.lower() for w in words if w.lower() in role_table()]
        if not heads:
            return None
        if owner is None and i + 1 < len(doc) and doc[i].lower_ in LINKING_PREPOSITIONS | {"to"}:
            j = i + 2 if doc[i + 1].lower_ == "the" else i + 1
            owner = self.target(self.starting_at.get(j))
            if owner is not None and doc[i].lower_ == "to" and not serves(heads[-1], self.mentions[owner]["type"]):
                owner = None
        if owner is None:
            return None
        end = max(i, self.mentions[owner]["token_end"])
        return self.relation(
            person_index, owner, heads[-1], normalise_title(words), "role-after-name", person["token_start"], end
        )

    def by_verb(self, person_index: int) -> list[RelationRecord]:
        """'Roe heads the agency', 'Acme, headed by Roe' -> leads; 'Roe, who plays for Rovers' -> works_for."""
        person = self.mentions[person_index]
        root = self.doc[person["token_start"] : person["token_end"]].root
        found = []
        for predicate, token in active_roles(root) + passive_roles(root):
            if token.pos_ == "PRON":
                continue  # "It was led by X": 'it' is as often a delegation or a campaign as an organisation.
            for owner in self.covering.get(token.i, []):
                if owner != person_index and self.mentions[owner]["type"] in ORGANIZATION_TYPES:
                    start = min(token.i, root.i)
                    end = max(token.i, person["token_end"] - 1) + 1
                    found.append(
                        self.relation(person_index, owner, "", None, "role-verb", start, end, predicate=predicate)
                    )
        return found

    def find(self) -> list[RelationRecord]:
        found = []
        for index, m in enumerate(self.mentions):
            if m["type"] != "Person":
                continue
            found.extend(self.by_verb(index))
            if m.get("coreference"):
                continue
            for record in (self.before(index), self.after(index)):
                if record is not None:
                    found.append(record)
                    title = record["title"]
                    if title:
                        self.titles.setdefault(m["key"], title)
        return self.with_owners_in_context(self.with_offices_elsewhere(found))

    def with_offices_elsewhere(self, found: list[RelationRecord]) -> list[RelationRecord]:
        """'Foreign Minister Ann Lee said ...' and elsewhere in the article 'Lee of Sweden' or 'Swedish Ann Lee':
        a state office with no country beside it is held at the one country the article gives the same person
        (by name or coreference). Then the office replaces the bare citizenship. Never a guess from other
        countries in the article."""
        mentions = self.mentions
        added = []
        for person_index, first, words in self.unowned:
            key = mentions[person_index]["key"]
            head = title_head(words) or ""
            if head == "counterpart" or role_table()[head][0] != "holds_role":
                continue
            countries = {
                mentions[r["object"]]["key"]: r["object"]
                for r in found
                if mentions[r["subject"]]["key"] == key
                and mentions[r["object"]]["type"] == "Country"
                and r["predicate"] in ("holds_role", "citizen_of")
            }
            if len(countries) != 1:
                continue
            owner = next(iter(countries.values()))
            if any(r.get("title") and self.pair(r) == (key, mentions[owner]["key"]) for r in found):
                continue  # "Lee, the Swedish foreign minister" has said it already.
            person = mentions[person_index]
            title = normalise_title(words)
            added.append(
                self.relation(person_index, owner, head, title, "role-title-elsewhere", first, person["token_end"])
            )
        replaced = {self.pair(r) for r in added}
        kept = [r for r in found if r["predicate"] != "citizen_of" or self.pair(r) not in replaced]
        return kept + added

    def with_owners_in_context(self, found: list[RelationRecord]) -> list[RelationRecord]:
        """A title still without its country or organisation takes the one its clause speaks for
        (:mod:`newskg.extractor.title_owners`): "Berlin welcomed it, with finance minister X saying ...", and
        for the titles of those who lead or speak for an organisation, the organisation that is the subject
        right before: "Fairvote said it was delighted. Director X called on ..."."""
        mentions = self.mentions
        titled = {self.pair(r)[0] for r in found if r["title"]}
        added = []
        for person_index, first, words in self.unowned:
            person = mentions[person_index]
            head = title_head(words) or ""
            if head == "counterpart" or person["key"] in titled:
                continue
            owners, rule = spoken_for(self.doc, person, self.covering, mentions), "role-spoken-for"
            if not owners and (role_table()[head][1] == "leads" or head in SPEAKING_TITLES):
                preceding = preceding_organisation(self.doc, person, self.covering, mentions)
                owners, rule = ([preceding] if preceding is not None else []), "role-preceding-subject"
            for owner in owners:
                owner_type = mentions[owner]["type"]
                state = owner_type in STATE_TARGETS and role_table()[head][0] == "holds_role"
                if state or (owner_type in ORGANIZATION_TYPES and owner_type not in STATE_TARGETS):
                    title = normalise_title(words)
                    added.append(self.relation(person_index, owner, head, title, rule, first, person["token_end"]))
                    titled.add(person["key"])
                    break
        return found + added

    def pair(self, record: RelationRecord) -> tuple[str, str]:
        return self.mentions[record["subject"]]["key"], self.mentions[record["object"]]["key"]


def find_roles(doc: Doc, mentions: list[MentionRecord]) -> list[RelationRecord]:
    """holds_role / leads / works_for / citizen_of relations stated around person names."""
    return RoleFinder(doc, mentions).find()
