"""The ``newskg_paragraphs`` component: a line break ends a sentence.

News text puts headlines, datelines and paragraphs on their own lines; the
parser would otherwise run a headline into the first sentence. Runs before the
parser, which keeps boundaries that are already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newskg_paragraphs", assigns=["token.is_sent_start"], retokenizes=False)
def mark_paragraph_starts(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        # A whitespace token holding a newline, or a token followed directly by one, ends the sentence.
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc
