"""What each spaCy component and each batch size costs, on the same articles (one process).

Run: ``python bench/pipeline_costs.py [CORPUS] [--limit N]``. The numbers behind the
component choices and the default batch size in docs/performance.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.language import Language

from newskg.extractor.pipeline import DEFAULT_MODEL, load_pipeline
from newskg.model import Article
from newskg.reader import read_articles

REPO = Path(__file__).resolve().parent.parent
# ../shared relative to the repository (one level further up from a worktree in wt/).
DEFAULT_CORPUS = next(
    (path for path in (REPO.parent / "shared/corpus/bbc", REPO.parent.parent / "shared/corpus/bbc") if path.is_dir()),
    REPO.parent / "shared/corpus/bbc",
)


def load_texts(corpus: str, limit: int) -> list[str]:
    texts = [item.text for item in read_articles([corpus]) if isinstance(item, Article)]
    return texts[:limit] if limit else texts


def words_per_second(nlp: Language, texts: list[str], batch_size: int, words: int) -> float:
    """Words per CPU second of this process: other programs on the machine do not distort it."""
    started = time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return words / (time.process_time() - started)


def component_costs(nlp: Language, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of each enabled component, run one after the other over the same documents."""
    docs = [nlp.make_doc(text) for text in texts]
    costs = {}
    for name, component in nlp.pipeline:
        started = time.process_time()
        docs = (
            list(component.pipe(docs, batch_size=batch_size))
            if hasattr(component, "pipe")
            else list(map(component, docs))
        )
        costs[name] = time.process_time() - started
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=500, help="Articles to time (0: all).")
    parser.add_argument("--rounds", type=int, default=2, help="Timings per variant; the best is shown.")
    parser.add_argument("--batch-sizes", default="16,32,64,128,256")
    args = parser.parse_args()
    texts = load_texts(args.corpus, args.limit)
    counter = spacy.blank("en")
    words = sum(1 for doc in counter.pipe(texts) for token in doc if not token.is_space and not token.is_punct)
    print(f"{len(texts)} articles, {words} words, model {DEFAULT_MODEL}")
    variants: dict[str, Callable[[], Language]] = {
        "spaCy full pipeline": lambda: spacy.load(DEFAULT_MODEL),
        "spaCy without lemmatizer": lambda: spacy.load(DEFAULT_MODEL, exclude=["lemmatizer"]),
        "spaCy without lemmatizer, attribute_ruler": lambda: spacy.load(
            DEFAULT_MODEL, exclude=["lemmatizer", "attribute_ruler"]
        ),
        "newskg pipeline": load_pipeline,
    }
    for name, loader in variants.items():
        nlp = loader()
        words_per_second(nlp, texts[:20], 64, 1)  # warm up
        rate = max(words_per_second(nlp, texts, 64, words) for _ in range(args.rounds))
        print(f"{name:<45} batch 64: {rate:>8.0f} words/CPU-s  {nlp.pipe_names}", flush=True)
    for name, loader in (("spaCy full pipeline", variants["spaCy full pipeline"]), ("newskg pipeline", load_pipeline)):
        nlp = loader()
        component_costs(nlp, texts[:50], 64)  # fills caches (lemmatizer, attribute index), as in a long run
        costs = component_costs(nlp, texts, 64)
        total = sum(costs.values())
        shares = ", ".join(
            f"{component} {seconds:.1f} s ({seconds / total:.0%})" for component, seconds in costs.items()
        )
        print(f"{name} per component (CPU): {shares}; total {total:.1f} s", flush=True)
    nlp = load_pipeline()
    for batch_size in (int(size) for size in args.batch_sizes.split(",")):
        rate = max(words_per_second(nlp, texts, batch_size, words) for _ in range(args.rounds))
        print(f"newskg pipeline batch {batch_size:<4}: {rate:>8.0f} words/CPU-s", flush=True)


if __name__ == "__main__":
    main()
