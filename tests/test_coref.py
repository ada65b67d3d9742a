"""Coreference inside an article: partial names, pronouns and definite descriptions."""

from __future__ import annotations

import pytest
from spacy.language import Language


def resolved(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(surface text, entity label) of the coreference mentions, in order."""
    doc = nlp(text)
    return [(m["text"], m["label"]) for m in doc._.newskg_entities if m.get("coreference")]


def test_surname_takes_the_full_name(extract_text) -> None:
    records = extract_text("Angela Brandt opened the summit. Later Brandt met reporters.")
    people = [e for e in records.entities if e.type == "Person"]
    assert [p.label for p in people] == ["Angela Brandt"]
    assert len(people[0].mentions) == 2


def test_two_people_with_one_surname_stay_unresolved(extract_text) -> None:
    records = extract_text("John Smith and Mary Smith met. Smith said the talks went well.")
    labels = {e.label for e in records.entities if e.type == "Person"}
    assert {"John Smith", "Mary Smith"} <= labels
    assert "Smith" in labels  # ambiguous: not glued to either


def test_he_refers_to_the_previous_subject(nlp: Language) -> None:
    text = "Peter Hansen arrived in Oslo on Monday. On Tuesday, he held talks with business leaders."
    assert ("he", "Peter Hansen") in resolved(nlp, text)


def test_she_skips_a_man_named_with_mr(nlp: Language) -> None:
    text = "Ms Laura Chen met Mr David Okafor in Lagos. Later she flew to Accra."
    assert resolved(nlp, text) == [("she", "Laura Chen")]


def test_it_refers_to_a_company_but_dummy_it_to_nothing(nlp: Language) -> None:
    text = "Shares in car maker Renault rose after it raised its forecast. It is expected that prices will fall."
    found = resolved(nlp, text)
    assert ("it", "Renault") in found and ("its", "Renault") in found
    assert all(surface != "It" for surface, _ in found)


def test_they_refers_to_coordinated_countries(nlp: Language) -> None:
    text = "Canada and Mexico said they would raise tariffs on steel."
    assert sorted(resolved(nlp, text)) == [("they", "Canada"), ("they", "Mexico")]


def test_plural_description_is_one_mention_per_entity_over_the_same_tokens(nlp: Language) -> None:
    doc = nlp("France and Germany signed a treaty. Both the countries hope for more trade.")
    mentions = [m for m in doc._.newskg_entities if m.get("coreference")]
    assert sorted(m["label"] for m in mentions) == ["France", "Germany"]
    assert {(m["token_start"], m["token_end"], m["text"]) for m in mentions} == {
        (mentions[0]["token_start"], mentions[0]["token_end"], "Both the countries")
    }


def test_the_company_refers_to_the_last_company(nlp: Language) -> None:
    text = "Telecoms firm Vodafone bought a stake in Kenya. The company said the deal would close in May."
    assert ("The company", "Vodafone") in resolved(nlp, text)


def test_pronoun_without_antecedent_is_left_alone(nlp: Language) -> None:
    assert resolved(nlp, "He said the weather would improve.") == []


def test_coreference_mentions_are_not_aliases(extract_text) -> None:
    records = extract_text("Peter Hansen arrived in Oslo. He met the mayor.")
    hansen = next(e for e in records.entities if e.label == "Peter Hansen")
    assert hansen.aliases == ["Peter Hansen"] and len(hansen.mentions) == 2


PLURAL_DESCRIPTIONS = [
    # A coordination of two in the window beats the two most recent mentions.
    (
        "Norway and Chile held talks in Oslo. Sweden sent an observer. The two countries signed a fishing pact.",
        "The two countries",
        {"Norway", "Chile"},
    ),
    # Without a coordination, the two most recent entities of the family.
    (
        "Prime Minister Anna Berg arrived in Rome on Monday. President Paolo Conti met reporters. "
        "The two leaders spoke.",
        "The two leaders",
        {"Anna Berg", "Paolo Conti"},
    ),
]


def test_plural_descriptions(nlp) -> None:
    for text, description, labels in PLURAL_DESCRIPTIONS:
        found = {label for surface, label in resolved(nlp, text) if surface == description}
        assert found == labels, (text, found)


def test_indefinite_or_distant_plural_is_not_resolved(nlp) -> None:
    # "two firms" introduces new firms; it does not refer back.
    text = "Vestra Bank and Holm Capital merged. Two firms later pulled out of the bidding."
    assert not any(surface.lower().startswith("two") for surface, _ in resolved(nlp, text))
    # Referents more than a few sentences back are not guessed.
    far = "Norway and Chile held talks. " + "The weather was cold. " * 5 + "The two countries signed a pact."
    assert not any(surface == "The two countries" for surface, _ in resolved(nlp, far))


def test_description_takes_an_antecedent_of_its_type(nlp) -> None:
    # 'the agency' is a government body (or an untyped organisation), not the company named after it.
    text = (
        "The Federal Aviation Administration fined Skyline Airways on Monday. "
        "A spokeswoman said the agency would publish its report."
    )
    found = {label for surface, label in resolved(nlp, text) if surface == "the agency"}
    assert found == {"Federal Aviation Administration"}, found


# --- quotations: who speaks, and who "I", "we", "he" are inside what they say (extractor/quotes.py)

QUOTE_CASES = [
    # The speech verb's subject after the quote, or before it with a colon, or inverted ("said X").
    ('"I back the plan," Anna Lind said.', "I", {"Anna Lind"}),
    ('Anna Lind told reporters: "I back the plan."', "I", {"Anna Lind"}),
    ('"My offer stands," said Peter Hale.', "My", {"Peter Hale"}),
    # A quotation over several sentences is attributed at its end.
    ('"The vote was close. I am proud of it," Anna Lind said.', "I", {"Anna Lind"}),
    # The next paragraph of one speech reopens the quotation without closing it: the same speaker.
    ('Anna Lind said: "The vote was close.\n\n"I will work with the unions."', "I", {"Anna Lind"}),
    ('Anna Lind said: "The vote was close. "I will work with the unions."', "I", {"Anna Lind"}),
    # A spokesman's or a statement's "we" is the organisation it speaks for; an organisation's is its own.
    ('A spokesman for Voxtel said: "We are still talking."', "We", {"Voxtel"}),
    ('"We will not sell," Voxtel said in a statement.', "We", {"Voxtel"}),
    # A person's "we" is the group named just before that includes the speaker.
    (
        'Peter Hale and Maria Costa talked for an hour. "We agreed on a plan," said Peter Hale.',
        "We",
        {"Peter Hale", "Maria Costa"},
    ),
    # ... and nobody when no such group is named.
    ('Peter Hale met reporters. "We must do better," he said.', "We", set()),
    # A speaker does not speak of themself as "he": he is someone else.
    ('Tom Reed won the seat. Peter Hale said: "He has worked hard."', "He", {"Tom Reed"}),
]


@pytest.mark.parametrize(("text", "surface", "labels"), QUOTE_CASES, ids=[c[0][:40] for c in QUOTE_CASES])
def test_pronouns_inside_quotations(nlp: Language, text: str, surface: str, labels: set[str]) -> None:
    found = {label for s, label in resolved(nlp, text) if s == surface}
    assert found == labels


def test_speaker_pronoun_takes_no_antecedent_inside_the_quote(nlp: Language) -> None:
    # In '"X is there," he argued' the speaker is not X.
    text = 'Peter Hale spoke on Monday. "Tom Reed will stay for four years," he argued.'
    assert ("he", "Peter Hale") in resolved(nlp, text)


def test_quote_spans_and_speakers(nlp: Language) -> None:
    from newskg.extractor.quotes import find_quotes

    doc = nlp('Anna Lind said the plan was "absurd". "It will fail," she said. "We will vote no.')
    quotes = [(doc[q.start : q.end].text, [doc[i].text for i in q.speaker]) for q in find_quotes(doc)]
    assert quotes == [("absurd", ["Lind"]), ("It will fail,", ["she"]), ("We will vote no.", ["she"])]


# --- agreement and binding


def test_gender_learned_from_a_pronoun(nlp: Language) -> None:
    # "He" made the general a man: "She" is someone else (his wife), not him.
    text = 'General Okafor arrived in Lagos. He toured the port. "She is proud of the city," said Okafor.'
    assert not any(surface == "She" for surface, _ in resolved(nlp, text))


def test_name_in_a_preposed_adjunct_is_not_the_subject_pronoun(nlp: Language) -> None:
    # "Standing next to Mr Hale he added": he stands next to Hale, so he is not Hale.
    text = "Tom Reed arrived in Oslo. But standing next to Mr Hale he added that the talks were useful."
    assert ("he", "Tom Reed") in resolved(nlp, text)


def test_it_takes_no_member_of_a_coordination(nlp: Language) -> None:
    text = "The Avonford Commission watched Chile and Peru. It said it would act soon."
    assert {label for surface, label in resolved(nlp, text) if surface == "it"} == {"Avonford Commission"}


def test_extraposed_it_refers_to_nothing(nlp: Language) -> None:
    text = "Voxtel cut prices. It has emerged that Halvex will follow."
    assert not any(surface == "It" for surface, _ in resolved(nlp, text))


def test_they_after_a_plural_noun_that_names_nothing(nlp: Language) -> None:
    # "Analysts" are nearer than the pair of firms: "they" are the analysts, nobody in the graph.
    text = "Voxtel and Halvex merged in May. Analysts said the deal was fair. They praised the price."
    assert not any(surface == "They" for surface, _ in resolved(nlp, text))
    # A plural metonym is its country: "Chilean authorities ... They".
    text = "Chilean authorities arrested twenty journalists. They accused Tom Reed of spying."
    assert ("They", "Chile") in resolved(nlp, text)


# --- descriptions


def test_head_match_description(nlp: Language) -> None:
    text = "The Avonford Rowing Association met on Monday. Later the association expelled Tom Reed."
    assert ("the association", "Avonford Rowing Association") in resolved(nlp, text)


def test_the_pair_and_the_two(nlp: Language) -> None:
    text = "Chile and Peru broke the rules again. The commission took the pair to court."
    assert {label for surface, label in resolved(nlp, text) if surface == "the pair"} == {"Chile", "Peru"}
    text = "Chile and Peru broke the rules again. The commission did warn the two were watched."
    assert {label for surface, label in resolved(nlp, text) if surface == "the two"} == {"Chile", "Peru"}


def test_role_description_needs_a_compatible_title(nlp: Language) -> None:
    # "the prime minister" is not the person the text calls President.
    text = "Anna Lind arrived in Oslo. President Tom Reed met reporters. The prime minister spoke first."
    assert ("The prime minister", "Anna Lind") in resolved(nlp, text)
    # A nationality picks the president of that country.
    text = "Chilean President Maria Costa met President Luis Vega of Peru. The Chilean president later left."
    assert ("The Chilean president", "Maria Costa") in resolved(nlp, text)
    text = "President Luis Vega of Peru met Chilean President Maria Costa. The Peruvian president later left."
    assert ("The Peruvian president", "Luis Vega") in resolved(nlp, text)


def test_description_beside_a_name_is_not_a_reference(nlp: Language) -> None:
    text = "Anna Lind spoke first. The foreign minister, Tom Reed, replied."
    assert not any(surface.lower().startswith("the foreign minister") for surface, _ in resolved(nlp, text))


def test_a_description_of_a_kind_types_its_antecedent_for_the_next(nlp: Language) -> None:
    # "The firm" made Ostrel a firm: "the company" later prefers it to an organisation named in between.
    text = (
        "Ostrel collapsed in May. The firm owes $2bn. An Ostrel source told Kestrel Media that the company would sue."
    )
    found = {label for surface, label in resolved(nlp, text) if surface == "the company"}
    assert found == {"Ostrel"}, found


def test_it_after_a_list_read_with_appositions(nlp: Language) -> None:
    # "Among those sued are A, B, C and D": none of them is "it".
    text = (
        "Voxtel said it would sue its lenders. Among those already sued are Bank of Avonford, Kestrel, "
        "Halvex Capital and Ostrel Finance. It has also sued Tom Reed."
    )
    found = {label for surface, label in resolved(nlp, text) if surface == "It"}
    assert found <= {"Voxtel"}, found
