"""The ``newskg_paragraphs`` component: a line break ends a sentence.

News text puts headlines, datelines and paragraphs on their own lines; the
parser would otherwise run a headline into the first sentence. Runs before the
parser, which keeps boundaries that are already set.
"""

from __future__ import annotations

from typing import cast

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d


@Language.component("newskg_paragraphs", assigns=["token.is_sent_start"], retokenizes=False)
def mark_paragraph_starts(doc: Doc) -> Doc:
    starts = cast(Ints2d, numpy.asarray(doc.to_array([SENT_START]), dtype="uint64").reshape(-1, 1))
    changed = False
    for token in doc[1:]:
        previous = doc[token.i - 1]
        # A whitespace token holding a newline, or a token followed directly by one, ends the sentence.
        if "\n" in previous.text_with_ws and not token.is_space:
            starts[token.i, 0] = 1
            changed = True
    # Set in one array: the token.is_sent_start setter scans the whole Doc each time (quadratic on long texts).
    if changed:
        doc.from_array([SENT_START], starts)
    return doc
