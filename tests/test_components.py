"""The pipeline's seams: component metadata, the record constructors, and Docs that travel between processes."""

from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newskg.extractor.pipeline import COMPONENTS
from newskg.extractor.schema import (
    SPAN_KEY,
    MentionRecord,
    RelationRecord,
    mention_record,
    relation_record,
    set_entity,
)
from newskg.vocabulary import entity_key

NEWSKG_COMPONENTS = ("newskg_paragraphs", "newskg_attribute_index", *COMPONENTS)
TEXT = (
    "Indonesian Defence Minister Budi Santoso visited Manila, Philippines. "
    "He met officials of the Nordvik Fisheries Council (NFC). Santoso signed a pact there."
)


def test_components_run_in_stage_order(nlp: Language) -> None:
    names = nlp.pipe_names
    assert COMPONENTS == ("newskg_entities", "newskg_clusters", "newskg_relations")
    assert [names.index(n) for n in COMPONENTS] == sorted(names.index(n) for n in COMPONENTS)
    assert names.index("ner") < names.index("newskg_entities")


def test_every_component_declares_what_it_assigns_and_requires(nlp: Language) -> None:
    for name in NEWSKG_COMPONENTS:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns, name
        assert meta.retokenizes is False, name
    for name in COMPONENTS:
        assert nlp.get_pipe_meta(name).requires, name
    assert nlp.get_pipe_meta("newskg_entities").assigns == ["doc._.newskg_entities", "doc.spans"]
    assert "doc._.newskg_entities" in nlp.get_pipe_meta("newskg_clusters").requires
    assert nlp.get_pipe_meta("newskg_relations").assigns == ["doc._.newskg_relations"]
    assert "doc._.newskg_entities" in nlp.get_pipe_meta("newskg_relations").requires


def test_analyze_pipes_finds_no_problem(nlp: Language) -> None:
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems == {name: [] for name in nlp.pipe_names}


def test_analyze_pipes_reports_a_missing_stage() -> None:
    """The declarations are checked: relations without the entities component before them is a problem."""
    blank = spacy.blank("en")
    blank.add_pipe("newskg_relations")
    problems = blank.analyze_pipes(pretty=False)["problems"]["newskg_relations"]
    assert "doc._.newskg_entities" in problems and "token.dep" in problems


def hand_made_doc() -> Doc:
    vocab = spacy.blank("en").vocab
    words = ["Anna", "Vogel", "met", "Omar", "Haddad", "in", "Oslo", "."]
    return Doc(vocab, words=words, spaces=[True, True, True, True, True, True, False, False])


def test_mention_record_has_the_documented_keys() -> None:
    doc = hand_made_doc()
    m = mention_record(doc[0:2], "Person", "Anna Vogel")
    assert set(m) == MentionRecord.__required_keys__
    assert m == {
        "start": 0,
        "end": 10,
        "token_start": 0,
        "token_end": 2,
        "text": "Anna Vogel",
        "type": "Person",
        "label": "Anna Vogel",
        "key": entity_key("Person", "Anna Vogel"),
        "attributes": {},
    }
    assert doc.text[m["start"] : m["end"]] == m["text"]
    # Optional keys appear only when set: readers test them with .get().
    attributes = {"occupation": "pilot"}
    full = mention_record(doc[1:2], "Person", "Anna Vogel", attributes, surface="Ms Vogel", gender="female")
    assert set(full) == MentionRecord.__required_keys__ | {"surface", "gender"}
    reference = mention_record(doc[6:7], "City", "Oslo", coreference=True, metonymy=True)
    assert set(reference) - MentionRecord.__required_keys__ == {"coreference", "metonymy"}
    assert set(reference) <= MentionRecord.__required_keys__ | MentionRecord.__optional_keys__


def test_mention_record_copies_its_attributes() -> None:
    attributes = {"geonames": "3143244"}
    m = mention_record(hand_made_doc()[6:7], "City", "Oslo", attributes)
    m["attributes"]["country"] = "NOR"
    assert attributes == {"geonames": "3143244"}


def test_set_entity_keeps_the_key_in_step() -> None:
    m = mention_record(hand_made_doc()[6:7], "Organization", "Oslo")
    set_entity(m, "City", "Oslo", {"geonames": "3143244"})
    assert (m["type"], m["key"], m["attributes"]) == ("City", entity_key("City", "Oslo"), {"geonames": "3143244"})
    set_entity(m, "Place", "Oslo")
    assert m["key"] == entity_key("Place", "Oslo") and m["attributes"] == {"geonames": "3143244"}


def test_relation_record_has_the_documented_keys() -> None:
    doc = hand_made_doc()
    doc[0].is_sent_start = True
    r = relation_record(0, 1, "met", "verb-subject-object", 0.8, doc[2].idx, doc[2].idx + 3, doc[0:8])
    assert set(r) == RelationRecord.__required_keys__
    assert (r["sentence_start"], r["sentence_end"]) == (0, len(doc.text))
    assert (r["modality"], r["title"], r["date_text"]) == (None, None, None)
    assert doc.text[r["start"] : r["end"]] == "met"


@pytest.fixture(scope="module")
def processed(nlp: Language) -> Doc:
    return nlp(TEXT)


def test_pipeline_records_are_plain_dicts_with_their_spans(processed: Doc) -> None:
    mentions = processed._.newskg_entities
    relations = processed._.newskg_relations
    assert mentions and relations
    assert all(type(m) is dict and set(m) >= MentionRecord.__required_keys__ for m in mentions)
    assert all(type(r) is dict and set(r) == RelationRecord.__required_keys__ for r in relations)
    assert [(s.start, s.end, s.label_) for s in processed.spans[SPAN_KEY]] == [
        (m["token_start"], m["token_end"], m["type"]) for m in mentions
    ]
    # The clusters component's work is in the records: 'He', the surname and the acronym join their entities,
    # and the city placed by the text has its country.
    by_text = {m["text"]: m for m in mentions}
    assert by_text["He"]["key"] == by_text["Santoso"]["key"] == by_text["Budi Santoso"]["key"]
    assert by_text["He"]["coreference"] and "coreference" not in by_text["Santoso"]
    assert by_text["NFC"]["key"] == by_text["Nordvik Fisheries Council"]["key"]
    assert by_text["Manila"]["attributes"]["country"] == "PHL"
    # The relation component runs the role and place rules first.
    assert [r["predicate"] for r in relations[:2]] == ["holds_role", "located_in"]


def same_records(first: Doc, second: Doc) -> bool:
    return (
        first._.newskg_entities == second._.newskg_entities
        and first._.newskg_relations == second._.newskg_relations
        and [(s.start, s.end, s.label_) for s in first.spans[SPAN_KEY]]
        == [(s.start, s.end, s.label_) for s in second.spans[SPAN_KEY]]
    )


def test_a_processed_doc_pickles_with_its_records(processed: Doc) -> None:
    """What nlp.pipe(n_process > 1) does to send a Doc back from a worker."""
    assert same_records(pickle.loads(pickle.dumps(processed)), processed)


def test_a_processed_doc_round_trips_through_bytes(nlp: Language, processed: Doc) -> None:
    restored = Doc(nlp.vocab).from_bytes(processed.to_bytes())
    assert restored.text == processed.text
    assert same_records(restored, processed)


def test_each_stage_writes_only_its_own_records(nlp: Language) -> None:
    """Names and types only from newskg_entities; coreference from newskg_clusters; relations only at the end."""
    with nlp.select_pipes(disable=["newskg_clusters", "newskg_relations"]):
        named = nlp(TEXT)
    assert named._.newskg_relations is None
    assert not any(m.get("coreference") for m in named._.newskg_entities)
    assert {m["text"]: m["label"] for m in named._.newskg_entities}["Santoso"] == "Santoso"
    with nlp.select_pipes(disable=["newskg_relations"]):
        clustered = nlp(TEXT)
    assert clustered._.newskg_relations is None
    assert {m["text"]: m["label"] for m in clustered._.newskg_entities}["He"] == "Budi Santoso"
    assert nlp.get_pipe("newskg_relations")(clustered)._.newskg_relations
