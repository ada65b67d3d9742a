"""The ``newskg_attribute_index`` component: a faster stand-in for the model's ``attribute_ruler``.

The same rules, the same token attributes.

Relations need ``pos_`` (and, through the lemmatizer, lemmas), which the
attribute ruler derives from tags. spaCy's AttributeRuler runs a Matcher with
every rule at every token and costs about as much as the parser. The rules of
the English pipelines test only a token's TAG, LOWER, DEP and IS_SPACE, so which
single-token rules fire depends on those four values alone: their merged
attributes are worked out once per distinct combination and cached. The few
multi-token rules are checked only where their first token matches. Rules apply
in the ruler's order, later rules overriding earlier ones, as in spaCy.

If a model's ruler uses anything else (other attributes, operators, predicates),
:func:`indexable` says no and the pipeline keeps spaCy's own ruler.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # type: ignore[import-not-found]

ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
PREDICATES = ("IN", "NOT_IN", "REGEX")

TokenValues = tuple[str, str, str, bool]
TokenTest = Callable[[TokenValues], bool]


TokenPattern = list[dict[str, Any]]


def rule_patterns(ruler: AttributeRuler) -> list[list[TokenPattern]]:
    """Each rule's alternative token patterns, in rule order."""
    return [cast(list[TokenPattern], rule["patterns"]) for rule in ruler.patterns]


def indexable(ruler: AttributeRuler) -> bool:
    """Every rule tests only TAG, LOWER, DEP and IS_SPACE, by value, IN, NOT_IN or REGEX."""
    for patterns in rule_patterns(ruler):
        for pattern in patterns:
            for spec in pattern:
                for attr, want in spec.items():
                    if attr not in ATTRIBUTES:
                        return False
                    if isinstance(want, dict) and not set(want) <= set(PREDICATES):
                        return False
    return True


def equals(position: int, want: Any, values: TokenValues) -> bool:
    return values[position] == want


def is_in(position: int, members: frozenset[str], values: TokenValues) -> bool:
    return values[position] in members


def not_in(position: int, members: frozenset[str], values: TokenValues) -> bool:
    return values[position] not in members


def searches(position: int, regex: re.Pattern[str], values: TokenValues) -> bool:
    """REGEX conditions use re.search, as the Matcher does."""
    return bool(regex.search(str(values[position])))


def all_of(tests: list[TokenTest], values: TokenValues) -> bool:
    return all(test(values) for test in tests)


def value_tests(position: int, want: Any) -> list[TokenTest]:
    """The conditions on one attribute of a token pattern, as spaCy's Matcher evaluates them."""
    if not isinstance(want, dict):
        return [partial(equals, position, want)]
    tests: list[TokenTest] = []
    for predicate, argument in want.items():
        if predicate == "IN":
            tests.append(partial(is_in, position, frozenset(argument)))
        elif predicate == "NOT_IN":
            tests.append(partial(not_in, position, frozenset(argument)))
        else:
            tests.append(partial(searches, position, re.compile(argument)))
    return tests


def token_test(spec: dict[str, Any]) -> TokenTest:
    tests = [test for attr, want in spec.items() for test in value_tests(ATTRIBUTES.index(attr), want)]
    return partial(all_of, tests)


@dataclass(frozen=True)
class MultiTokenRule:
    rule: int
    tests: tuple[TokenTest, ...]
    index: int


class AttributeIndex:
    """Sets the attributes the model's attribute ruler would set, with a cache per token kind."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        # Single-token rules, filed under the tags (or else the lowercase forms) they require.
        self.by_tag: dict[str, list[tuple[int, TokenTest]]] = {}
        self.by_lower: dict[str, list[tuple[int, TokenTest]]] = {}
        self.always: list[tuple[int, TokenTest]] = []
        self.multi: list[MultiTokenRule] = []
        for rule, (patterns, index) in enumerate(zip(rule_patterns(ruler), ruler.indices, strict=True)):
            for pattern in patterns:
                tests = tuple(token_test(spec) for spec in pattern)
                if len(tests) == 1 and index in (0, -1):
                    self.file_rule(rule, pattern[0], tests[0])
                else:
                    self.multi.append(MultiTokenRule(rule, tests, index))
        # Per token kind (TAG, LOWER, DEP, IS_SPACE as ids): the single-token rules that fire,
        # their merged attributes, and the multi-token rules whose first token matches.
        self.cache: dict[tuple[int, ...], tuple[tuple[int, ...], dict[int, Any], tuple[MultiTokenRule, ...]]] = {}

    def file_rule(self, rule: int, spec: dict[str, Any], test: TokenTest) -> None:
        for attr, table in (("TAG", self.by_tag), ("LOWER", self.by_lower)):
            want = spec.get(attr)
            if isinstance(want, str) or (isinstance(want, dict) and list(want) == ["IN"]):
                for value in [want] if isinstance(want, str) else want["IN"]:
                    table.setdefault(value, []).append((rule, test))
                return
        self.always.append((rule, test))

    def values(self, key: tuple[int, ...]) -> TokenValues:
        return (self.strings[key[0]], self.strings[key[1]], self.strings[key[2]], bool(key[3]))

    def lookup(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], dict[int, Any], tuple[MultiTokenRule, ...]]:
        found = self.cache.get(key)
        if found is None:
            values = self.values(key)
            candidates = [*self.by_tag.get(values[0], ()), *self.by_lower.get(values[1], ()), *self.always]
            rules = tuple(sorted({rule for rule, test in candidates if test(values)}))
            starts = tuple(multi for multi in self.multi if multi.tests[0](values))
            found = self.cache[key] = (rules, self.merged(rules), starts)
        return found

    def merged(self, rules: tuple[int, ...] | list[int]) -> dict[int, Any]:
        """Attributes of several rules applied in rule order: later rules override earlier ones."""
        merged: dict[int, Any] = {}
        for rule in sorted(rules):
            merged.update(self.attrs[rule])
        return merged

    def __call__(self, doc: Doc) -> Doc:
        keys = [tuple(row) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()] if len(doc) else []
        entries = [self.lookup(key) for key in keys]
        extra: dict[int, list[int]] = {}  # token -> multi-token rules that set its attributes
        for start, (_, _, starts) in enumerate(entries):
            for multi in starts:
                end = start + len(multi.tests)
                if end > len(doc) or not all(
                    test(self.values(keys[start + offset])) for offset, test in enumerate(multi.tests[1:], start=1)
                ):
                    continue
                target = start + multi.index if multi.index >= 0 else end + multi.index
                extra.setdefault(target, []).append(multi.rule)
        for position, (rules, merged, _) in enumerate(entries):
            if position in extra:
                merged = self.merged([*rules, *extra[position]])
            if merged:
                set_token_attrs(doc[position], merged)
        return doc


@Language.factory(
    "newskg_attribute_index",
    # What the English pipelines' ruler sets (this index sets whatever the model's ruler does).
    assigns=["token.pos", "token.morph", "token.lemma", "token.tag", "token.dep"],
    requires=["token.tag", "token.dep"],
    retokenizes=False,
)
def make_attribute_index(nlp: Language, name: str) -> AttributeIndex:
    """Built from the pipeline's ``attribute_ruler`` (kept, disabled, so the pipeline still serialises)."""
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return AttributeIndex(ruler)
