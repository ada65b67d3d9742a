"""Measure the reprint test of ``newskg.reprints`` on a corpus: how it separates copies from other articles.

Usage: python bench/reprints.py [CORPUS_DIR]   (default: the shared BBC corpus, ../shared/corpus/bbc)

The corpus is a folder of ``.txt`` articles (headline on the first line, paragraphs
separated by blank lines) in topic folders. Nothing of it is written anywhere: the
script prints figures only (markdown tables, for docs/events.md).

- **Copies** are made from every article of four paragraphs or more, the way wire
  copy is reprinted: under another headline (another article's), with a dateline
  put before the first paragraph, without the last paragraph, and without the
  last two.
- **Other articles on the same topic**: every pair of articles in the same topic
  folder, and for each article its most similar other article there.

For thresholds around the chosen one it prints the share of copies found and the
number of same-topic pairs joined, and checks that the LSH finds the candidate
pairs that the pairwise test accepts.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from newskg.reprints import (
    MIN_SIZE_RATIO,
    NUM_PERM,
    OVERLAP_THRESHOLD,
    Fingerprint,
    candidate_pairs,
    fingerprint,
    is_reprint_pair,
    overlap,
)

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "bbc"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
PARAGRAPH = re.compile(r"\n\s*\n")


def read_corpus(root: Path) -> dict[str, tuple[str, str]]:
    """id -> (headline, text) for every .txt file under ``root``."""
    corpus = {}
    for path in sorted(root.glob("*/*.txt")):
        text = path.read_text(encoding="latin-1").strip()
        corpus[f"{path.parent.name}/{path.stem}"] = (text.splitlines()[0].strip(), text)
    return corpus


def copies(corpus: dict[str, tuple[str, str]], seed: int = 0) -> dict[str, list[tuple[str, str]]]:
    """Per kind of copy, (original id, copy's fingerprint) for every article of four paragraphs or more."""
    rnd = random.Random(seed)
    ids = sorted(corpus)
    made: dict[str, list[tuple[str, str]]] = {
        "retitled": [],
        "retitled, dateline added": [],
        "last paragraph cut": [],
        "retitled, last paragraph cut": [],
        "retitled, last two paragraphs cut": [],
    }
    for key in ids:
        headline, text = corpus[key]
        paragraphs = [p.strip() for p in PARAGRAPH.split(text) if p.strip()][1:]  # without the headline
        if len(paragraphs) < 4:
            continue
        other = corpus[rnd.choice(ids)][0]
        versions = {
            "retitled": (other, paragraphs),
            "retitled, dateline added": (other, [f"LONDON (Wire) - {paragraphs[0]}", *paragraphs[1:]]),
            "last paragraph cut": (headline, paragraphs[:-1]),
            "retitled, last paragraph cut": (other, paragraphs[:-1]),
            "retitled, last two paragraphs cut": (other, paragraphs[:-2]),
        }
        for kind, (title, kept) in versions.items():
            value = fingerprint("\n\n".join([title, *kept]), title)
            if value:
                made[kind].append((key, value))
    return made


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    n = len(ordered)
    return " | ".join(f"{ordered[min(n - 1, int(q * n))]:.2f}" for q in (0.0, 0.01, 0.05, 0.5))


def same_topic_pairs(prints: dict[str, Fingerprint]) -> list[tuple[float, float, str, str]]:
    """(overlap, size ratio, a, b) for every pair of articles in one topic folder that shares a shingle value."""
    by_topic: dict[str, list[str]] = {}
    for key in sorted(prints):
        by_topic.setdefault(key.split("/")[0], []).append(key)
    pairs = []
    for members in by_topic.values():
        values = np.stack([prints[key].hashvalues for key in members])
        sizes = np.array([prints[key].size for key in members], dtype=float)
        for i in range(len(members)):
            similarity = (values[i + 1 :] == values[i]).sum(axis=1) / NUM_PERM
            shared = similarity * (sizes[i] + sizes[i + 1 :]) / (1 + similarity)
            smaller = np.minimum(sizes[i], sizes[i + 1 :])
            ratio = smaller / np.maximum(sizes[i], sizes[i + 1 :])
            for offset in np.nonzero(similarity > 0)[0]:
                j = i + 1 + int(offset)
                value = min(1.0, float(shared[offset] / smaller[offset]))
                pairs.append((value, float(ratio[offset]), members[i], members[j]))
    return pairs


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    corpus = read_corpus(root)
    prints = {key: Fingerprint.parse(fp) for key, (title, text) in corpus.items() if (fp := fingerprint(text, title))}
    print(f"corpus: {root} ({len(prints)} articles)\n")

    made = copies(corpus)
    print("| copy | copies | overlap with the original: min / 1st pct / 5th pct / median |", end="")
    print("".join(f" found at {t} |" for t in THRESHOLDS))
    print("| --- | ---: | --- |" + " ---: |" * len(THRESHOLDS))
    for kind, items in made.items():
        pairs = [(prints[key], Fingerprint.parse(value)) for key, value in items]
        overlaps = [overlap(a, b) for a, b in pairs]
        ratio_ok = [min(a.size, b.size) >= MIN_SIZE_RATIO * max(a.size, b.size) for a, b in pairs]
        found = [sum(o >= t and ok for o, ok in zip(overlaps, ratio_ok, strict=True)) / len(pairs) for t in THRESHOLDS]
        print(f"| {kind} | {len(pairs)} | {percentiles(overlaps)} |" + "".join(f" {f:.1%} |" for f in found))

    pairs = same_topic_pairs(prints)
    nearest: dict[str, tuple[float, float, str]] = {}
    for value, ratio, a, b in pairs:
        for x, y in ((a, b), (b, a)):
            if value > nearest.get(x, (-1.0, 0.0, ""))[0]:
                nearest[x] = (value, ratio, y)
    bins = Counter(min(9, int(value * 10)) for value, _, _ in nearest.values())
    print("\nMost similar other article of the same topic, by overlap (articles per bin):\n")
    print("| overlap | " + " | ".join(f"{b / 10:.1f}-{(b + 1) / 10:.1f}" for b in range(10)) + " |")
    print("| --- |" + " ---: |" * 10)
    print("| articles | " + " | ".join(str(bins.get(b, 0)) for b in range(10)) + " |")

    print("\nSame-topic pairs joined (size ratio at least", MIN_SIZE_RATIO, "), by whether they share the headline:\n")
    print("| threshold | pairs joined | same headline | other headline |")
    print("| ---: | ---: | ---: | ---: |")
    for t in THRESHOLDS:
        joined = [(a, b) for value, ratio, a, b in pairs if value >= t and ratio >= MIN_SIZE_RATIO]
        same = sum(corpus[a][0] == corpus[b][0] for a, b in joined)
        print(f"| {t} | {len(joined)} | {same} | {len(joined) - same} |")
    band = sorted((value, a, b) for value, ratio, a, b in pairs if 0.6 <= value < 0.95 and ratio >= MIN_SIZE_RATIO)
    print(f"\nPairs with overlap in [0.6, 0.95) (ids only, to read by hand): {len(band)}")
    for value, a, b in band:
        print(f"  {value:.2f} {a} {b} same headline: {corpus[a][0] == corpus[b][0]}")

    accepted = {(a, b) for value, ratio, a, b in pairs if is_reprint_pair(prints[a], prints[b])}
    found = candidate_pairs(prints)
    print(
        f"\nLSH: {len(found)} candidate pairs for {len(prints)} articles; of the {len(accepted)} same-topic pairs the"
        f" test accepts (threshold {OVERLAP_THRESHOLD}), {len(accepted & found)} are candidates"
    )


if __name__ == "__main__":
    main()
