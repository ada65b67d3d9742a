"""The ``newskg_entities`` component: spaCy's NER spans -> typed, canonical mention records.

Writes ``doc._.newskg_entities`` (a list of :class:`~newskg.extractor.schema.MentionRecord`,
plain dicts with character offsets, so that Docs stay picklable for
``n_process > 1``) and ``doc.spans["newskg_entities"]`` (span label = entity type).
One mention per name, in text order; the ``newskg_clusters`` component then
groups them into entities and adds coreference.

The stages, one module each:

- :mod:`~newskg.extractor.spans`: the name inside each NER span, trimmed and split;
- :mod:`~newskg.extractor.missed`: names NER missed (a name repeated, listed with
  another, a party word);
- :mod:`~newskg.extractor.classify`: each span's type and canonical name
  (with :mod:`~newskg.extractor.people`, :mod:`~newskg.extractor.type_cues` and the
  junk filter :mod:`~newskg.extractor.junk`);
- :mod:`~newskg.extractor.acronyms`: an acronym of something that is no name is none;
- :mod:`~newskg.extractor.retype`: the types the words around a name give it;
- :mod:`~newskg.extractor.evidence`: the type cues of each mention, which the
  ``newskg_clusters`` component pools over the mentions of an entity
  (:mod:`~newskg.extractor.parties` finds the party words).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newskg.extractor.acronyms import drop_acronyms_of_non_names
from newskg.extractor.classify import classify
from newskg.extractor.evidence import context_cues
from newskg.extractor.missed import complete_names, join_split_names, missed_names
from newskg.extractor.parties import join_party_spans
from newskg.extractor.retype import place_names_with_container, retype_home_places, retype_people, retype_states
from newskg.extractor.schema import SPAN_KEY, mention_spans
from newskg.extractor.spans import name_spans


class EntityRecognizer:
    """Turns spaCy's NER spans into typed, canonical newskg mentions."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = complete_names(doc, join_party_spans(join_split_names(doc, name_spans(doc))))
        spans = sorted([*spans, *missed_names(doc, spans)], key=lambda span: (span.start, span.end))
        mentions = [m for m in (classify(span) for span in spans) if m is not None]
        mentions = drop_acronyms_of_non_names(doc, mentions)
        retype_states(doc, mentions)
        place_names_with_container(doc, mentions)
        retype_people(doc, mentions)
        retype_home_places(doc, mentions)
        context_cues(doc, mentions)
        doc._.newskg_entities = mentions
        doc.spans[SPAN_KEY] = mention_spans(doc, mentions)
        return doc


@Language.factory(
    "newskg_entities",
    default_config={},
    assigns=["doc._.newskg_entities", "doc.spans"],
    requires=["doc.ents", "doc.sents", "token.tag", "token.pos", "token.dep", "token.lemma"],
    retokenizes=False,
)
def make_entity_recognizer(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, name)
