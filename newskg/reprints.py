"""Near-duplicate articles (reprints): a MinHash fingerprint per text, and the groups of reprinted copies.

Wire copy is reprinted word for word, under another headline, or with its last
paragraph cut. Such copies are *reprints*: their statements count once as
evidence (:mod:`newskg.graphs.events`), though each outlet that prints one is a
source of its own.

- :func:`fingerprint` turns a text into a short string, computed where the text
  is parsed (the worker process) and kept in the article's records, so grouping
  works with ``--n-process`` and on ``--store`` re-runs without keeping texts.
  It is a MinHash (datasketch) of the word 5-grams of the text without its
  headline (a reprint's headline is often the editor's own), with the number
  of distinct 5-grams: from two fingerprints, :func:`overlap` estimates how much
  of the shorter text is in the longer one.
- :func:`reprint_groups` finds the candidate pairs with datasketch's MinHash LSH
  (no comparison of every pair), keeps the pairs that overlap by at least
  :data:`OVERLAP_THRESHOLD` and whose sizes are not too far apart, groups them
  transitively, and names the earliest article of each group (date, then id) as
  the original the others reprint.

Overlap (the share of the shorter text's 5-grams found in the longer) and not
Jaccard similarity, because a trimmed copy is *contained* in its original: cutting
a long last paragraph lowers Jaccard to 0.6 while the overlap stays 1. The
threshold and shingle size were measured on the BBC corpus: ``bench/reprints.py``,
results in ``docs/events.md``.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SHINGLE_WORDS = 5  # words per shingle
NUM_PERM = 128  # MinHash permutations: standard error of the Jaccard estimate <= 0.045
SEED = 1
HASH_SCHEME = "affine32"  # datasketch's 32-bit hash values (its default since 2.0), named so it cannot change
OVERLAP_THRESHOLD = 0.8  # share of the shorter text found in the longer (docs/events.md)
MIN_SIZE_RATIO = 0.3  # the shorter text has at least 0.3 of the longer's shingles (a roundup is no reprint)
# The lowest Jaccard similarity two texts passing both tests can have (0.8 of the smaller in the larger, sizes
# 3:10): 0.24 / (1 + 0.3 - 0.24) = 0.23. LSH candidates are sought somewhat below it, favouring recall.
LSH_THRESHOLD = 0.2
# Recorded in the store's settings: a store whose fingerprints were made another way is re-extracted.
SCHEME = f"minhash-{HASH_SCHEME}-{SHINGLE_WORDS}w-{NUM_PERM}p-seed{SEED}"

WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """The distinct word 5-grams of a text, case-folded (a shorter text is one shingle)."""
    words = WORD.findall(text.casefold())
    if not words:
        return set()
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


@lru_cache(maxsize=1)
def _empty_minhash() -> MinHash:
    """A MinHash with the permutations made once (making them is most of the cost of a small text)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=HASH_SCHEME)


def body(text: str, title: str | None) -> str:
    """The text without its first line when that line is the headline (as in .txt files and most JSONL)."""
    if title:
        head, _, rest = text.lstrip().partition("\n")
        if head.strip() == title.strip():
            return rest
    return text


def fingerprint(text: str, title: str | None = None) -> str | None:
    """``SIZE:BASE64`` (the number of distinct shingles of the text without its headline, and the MinHash values
    as big-endian uint32); None if the text has no words."""
    grams = shingles(body(text, title)) or shingles(text)
    if not grams:
        return None
    minhash = _empty_minhash().copy()
    minhash.update_batch(sorted(grams))
    values = np.asarray(minhash.hashvalues, dtype=">u4")
    return f"{len(grams)}:{base64.b64encode(values.tobytes()).decode('ascii')}"


@dataclass(frozen=True)
class Fingerprint:
    size: int
    hashvalues: np.ndarray

    @classmethod
    def parse(cls, text: str) -> Fingerprint:
        size, _, encoded = text.partition(":")
        values = np.frombuffer(base64.b64decode(encoded), dtype=">u4").astype(np.uint32)
        if len(values) != NUM_PERM:
            raise ValueError(f"a fingerprint of {len(values)} values, not {NUM_PERM}")
        return cls(int(size), values)

    def minhash(self) -> LeanMinHash:
        return LeanMinHash(seed=SEED, hashvalues=self.hashvalues, scheme=HASH_SCHEME)


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """The MinHash estimate of the two shingle sets' Jaccard similarity."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


def overlap(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller shingle set found in the larger: |A∩B| = J (|A| + |B|) / (1 + J)."""
    similarity = jaccard(a, b)
    shared = similarity * (a.size + b.size) / (1 + similarity)
    return min(1.0, shared / min(a.size, b.size))


def is_reprint_pair(a: Fingerprint, b: Fingerprint) -> bool:
    """Two texts one of which is a copy of the other (word for word, retitled or trimmed)."""
    return min(a.size, b.size) >= MIN_SIZE_RATIO * max(a.size, b.size) and overlap(a, b) >= OVERLAP_THRESHOLD


def candidate_pairs(fingerprints: Mapping[str, Fingerprint]) -> set[tuple[str, str]]:
    """Pairs (smaller id first) that share an LSH band: every pair alike enough to test, and few others."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=(0.2, 0.8))
    minhashes = {key: fingerprints[key].minhash() for key in sorted(fingerprints)}
    with lsh.insertion_session() as session:
        for key, minhash in minhashes.items():
            session.insert(key, minhash, check_duplication=False)
    pairs = set()
    for key, minhash in minhashes.items():
        for other in lsh.query(minhash):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    return pairs


def reprint_groups(fingerprints: Mapping[str, str | None], dates: Mapping[str, str | None]) -> dict[str, str]:
    """Each reprint's original: ``{article id: id of the article it reprints}``; originals are not keys.

    Copies of copies are one group (the pairs are joined transitively); the original
    is the group's earliest article by ``dates`` (ISO dates; undated last), then id.
    The result depends only on the fingerprints and dates, not on their order.
    """
    parsed = {key: Fingerprint.parse(value) for key, value in fingerprints.items() if value}
    if len(parsed) < 2:
        return {}
    parent = {key: key for key in parsed}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in sorted(candidate_pairs(parsed)):
        if is_reprint_pair(parsed[a], parsed[b]):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for key in parsed:
        groups.setdefault(root(key), []).append(key)
    reprints = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda key: (dates.get(key) is None, dates.get(key) or "", key))
        for member in members:
            if member != original:
                reprints[member] = original
    return reprints


def reprint_group_of(article_id: str, reprints: Mapping[str, str]) -> str:
    """The id that stands for an article's reprint group: its original (itself when it is not a reprint)."""
    return reprints.get(article_id, article_id)


def originals(article_ids: Iterable[str], reprints: Mapping[str, str]) -> set[str]:
    return {reprint_group_of(article_id, reprints) for article_id in article_ids}
